"""What the record pages share (the dues roll, the funds ledger, the notice board …): a read-only table
of whole rows with a hint when it is empty, and the page's layout — a picker and buttons above the
table, lines of text below it."""

from __future__ import annotations

from typing import Sequence

from PySide6.QtWidgets import (
    QAbstractItemView, QHBoxLayout, QHeaderView, QLabel, QTableWidget, QVBoxLayout, QWidget,
)

from dj_desktop.gui.empty_hint import empty_hint


def record_table(parent: QWidget, headers: Sequence[str], hint: str, *, stretch: int | None = None) -> QTableWidget:
    """A table of whole rows, one selected at a time, not editable in place; ``stretch``: the column
    that takes the spare width (the last one when None)."""
    table = QTableWidget(0, len(headers), parent)
    table.setHorizontalHeaderLabels(list(headers))
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    table.verticalHeader().setVisible(False)
    header = table.horizontalHeader()
    header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
    if stretch is None:
        header.setStretchLastSection(True)
    else:
        header.setSectionResizeMode(stretch, QHeaderView.ResizeMode.Stretch)
    empty_hint(table, hint)
    return table


def wrapped_label(parent: QWidget) -> QLabel:
    label = QLabel(parent)
    label.setWordWrap(True)
    return label


def lay_out_page(page: QWidget, picker: Sequence[QWidget], buttons: Sequence[QWidget], table: QTableWidget,
                 below: Sequence[QWidget]) -> QVBoxLayout:
    """Picker widgets on the left and buttons on the right above the table; ``below`` under it."""
    top = QHBoxLayout()
    for widget in picker:
        top.addWidget(widget)
    top.addStretch(1)
    for widget in buttons:
        top.addWidget(widget)
    layout = QVBoxLayout(page)
    layout.addLayout(top)
    layout.addWidget(table, 1)
    for widget in below:
        layout.addWidget(widget)
    return layout
