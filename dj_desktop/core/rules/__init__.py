"""Pure domain rules: functions of plain values that return problems or derived values, no database."""

from dj_desktop.core.rules.problems import ERROR, WARNING, Problem, errors_only, has_errors

__all__ = ["ERROR", "WARNING", "Problem", "errors_only", "has_errors"]
