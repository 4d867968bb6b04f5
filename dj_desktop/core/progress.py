"""Progress reporting and cancellation for long jobs, without Qt.

Core jobs take ``progress: Progress | None`` and call ``progress.step(done, total, text)``;
the GUI adapts it to a progress dialog, the CLI ignores it or prints.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Callable

from dj_desktop.core.errors import UserError
from dj_desktop.core.i18n import _


class Cancelled(UserError):
    def __init__(self) -> None:
        super().__init__(_("The operation was cancelled; nothing was changed."))


@dataclass
class Progress:
    """Callback sink plus a cancel flag; ``step`` raises :class:`Cancelled` once cancelled."""

    on_step: Callable[[int, int, str], None] | None = None
    cancelled: bool = field(default=False)

    def cancel(self) -> None:
        self.cancelled = True

    def step(self, done: int, total: int, text: str = "") -> None:
        if self.cancelled:
            raise Cancelled()
        if self.on_step is not None:
            self.on_step(done, total, text)


def step(progress: Progress | None, done: int, total: int, text: str = "") -> None:
    """``progress.step`` that accepts ``None``."""
    if progress is not None:
        progress.step(done, total, text)
