"""The layout shared by the office's assessment pages: a row of choices, a status line, the table, a row
of inputs and buttons, and the problems in red under it (``page.status``, ``page.problems``)."""

from __future__ import annotations

from PySide6.QtWidgets import QHBoxLayout, QLabel, QVBoxLayout, QWidget


def _row(widgets, stretch_last: bool) -> QHBoxLayout:
    row = QHBoxLayout()
    for widget in widgets:
        row.addWidget(QLabel(widget) if isinstance(widget, str) else widget)
    if stretch_last:
        row.addStretch(1)
    return row


def lay_out(page: QWidget, table: QWidget, top: list, bottom: list, *, stretch: QWidget | None = None) -> None:
    """``top``/``bottom``: widgets or label texts, left to right; ``stretch``: the bottom widget that grows."""
    page.status = QLabel()
    page.status.setWordWrap(True)
    page.problems = QLabel()
    page.problems.setWordWrap(True)
    page.problems.setStyleSheet("color: #b3261e")
    layout = QVBoxLayout(page)
    layout.addLayout(_row(top, True))
    layout.addWidget(page.status)
    layout.addWidget(table, 1)
    row = QHBoxLayout()
    for widget in bottom:
        row.addWidget(QLabel(widget) if isinstance(widget, str) else widget, 1 if widget is stretch else 0)
    layout.addLayout(row)
    layout.addWidget(page.problems)
