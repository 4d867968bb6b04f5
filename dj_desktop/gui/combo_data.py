"""Finding a combo box item by its data."""

from __future__ import annotations

from PySide6.QtWidgets import QComboBox


def index_of(combo: QComboBox, value: object) -> int:
    """The index of the item whose data equals ``value``, or -1. ``QComboBox.findData`` compares Python
    objects such as ``uuid.UUID`` by identity, so a saved record's id (a new object) is never found."""
    return next((i for i in range(combo.count()) if combo.itemData(i) == value), -1)
