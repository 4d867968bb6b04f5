"""What an empty list says instead of a blank grid: one centred hint over any item view.

``empty_hint(view, text)`` puts a grey, word-wrapped label in the middle of the view's viewport and
shows it whenever the view's model has no rows (watching the model's row and reset signals; a model
set later is picked up at the next update). ``text`` is a string or a callable returning one, so a
list can say "no member matches the filter" while a filter is typed and "no members yet" otherwise.
"""

from __future__ import annotations

from typing import Callable

from PySide6.QtCore import QObject, Qt
from PySide6.QtWidgets import QAbstractItemView, QLabel, QVBoxLayout
from shiboken6 import isValid

HintText = str | Callable[[], str]


class EmptyHint(QObject):
    """The hint of one view; keep it as ``view.empty_hint`` (made by :func:`empty_hint`).

    The label sits in a layout of the viewport, so it follows the view's size without an event
    filter (reading every event's type would cost start-up time: PySide6 builds the ``QEvent.Type``
    enum on first use)."""

    def __init__(self, view: QAbstractItemView, text: HintText):
        super().__init__(view)
        self.view = view
        self._text = text
        viewport = view.viewport()
        self.label = QLabel(viewport)
        self.label.setObjectName("emptyHint")
        self.label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.label.setWordWrap(True)
        self.label.setStyleSheet("color: #6b6b6b; padding: 12px;")
        layout = viewport.layout() or QVBoxLayout(viewport)
        layout.addWidget(self.label)
        self._model = None
        self.update()

    def set_text(self, text: HintText) -> None:
        self._text = text
        self.update()

    def text(self) -> str:
        return self._text() if callable(self._text) else self._text

    def is_shown(self) -> bool:
        """Whether the hint is showing (the view's model has no rows)."""
        return not self.label.isHidden()

    def watch(self, model) -> None:
        if model is self._model:
            return
        if self._model is not None and isValid(self._model):
            for signal in self._signals(self._model):
                try:
                    signal.disconnect(self.update)
                except (RuntimeError, TypeError):
                    pass
        self._model = model
        if model is not None:
            for signal in self._signals(model):
                signal.connect(self.update)

    @staticmethod
    def _signals(model):
        return (model.rowsInserted, model.rowsRemoved, model.modelReset, model.layoutChanged)

    def update(self, *_args) -> None:
        if not (isValid(self.view) and isValid(self.label)):   # a model's last signals while the view is torn down
            return
        self.watch(self.view.model())
        model = self._model
        empty = model is None or model.rowCount() == 0
        if empty:
            self.label.setText(self.text())
        self.label.setHidden(not empty)


def empty_hint(view: QAbstractItemView, text: HintText) -> EmptyHint:
    """Attach (or re-word) the hint shown while ``view`` lists nothing."""
    hint = getattr(view, "empty_hint", None)
    if isinstance(hint, EmptyHint):
        hint.set_text(text)
        return hint
    hint = EmptyHint(view, text)
    view.empty_hint = hint
    return hint


def button_name(button) -> str:
    """A button's label as a hint quotes it: without its mnemonic '&' and trailing '…'."""
    return button.text().replace("&", "").rstrip("…").rstrip(".")
