"""Command-line help in the user's language with readable value names (FILE, DB, FOLDER), never SUB_DB."""

from __future__ import annotations

import argparse
import re

import pytest

from dj_desktop.cli import build_parser
from dj_desktop.core.i18n import set_language


def _all_helps(parser: argparse.ArgumentParser, prefix=()):
    yield prefix, parser.format_help()
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            for name, sub in action.choices.items():
                yield from _all_helps(sub, prefix + (name,))


@pytest.fixture
def chinese():
    set_language("zh_CN")
    yield
    set_language("zh_CN")


def test_every_help_has_readable_value_names_and_no_argparse_english(chinese):
    from dj_desktop.cli import _argparse_in_our_language
    _argparse_in_our_language()
    helps = dict(_all_helps(build_parser()))
    assert len(helps) > 20
    for command, text in helps.items():
        assert "SUB_DB" not in text and "OUTPUT" not in text and "PASSPHRASE_FILE" not in text, command
        assert "show program's version" not in text and "show this help" not in text, command
    assert "-o FILE" in helps[("report", "roster")] and "--db DB" in helps[("report", "roster")]
    assert "显示程序版本号并退出" in helps[()]
    assert re.search(r"--mask\s+隐去身份证号", helps[("report", "roster")])
