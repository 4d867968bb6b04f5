"""Runs long core jobs off the UI thread, with a progress dialog whose Cancel stops the job.

A *job* is any callable taking one :class:`~dj_desktop.core.progress.Progress`
(core functions take ``progress=``; wrap them in a lambda)::

    runner = runner_for(self)            # the window's runner (a thread pool, or synchronous in tests)
    runner.run(
        lambda progress: services.reports.print_manual(year, progress=progress),
        parent=self,
        title=_("Printing the branch manual"),
        on_result=self._show_pdf,        # called on the UI thread with the job's return value
    )

- ``on_result(value)`` and ``on_error(exc)`` always run on the UI thread.
- Without ``on_error``, a :class:`UserError` is shown in a message box with its
  (already translated) text; any other exception is logged and shown as an
  unexpected error. A cancelled job (:class:`Cancelled`) shows nothing.
- ``on_finished()`` runs last in every case (to re-enable buttons).
- Tests give the window a :class:`SynchronousRunner`: the job runs at once in the
  calling thread, so the callbacks have run when ``run`` returns.
"""

from __future__ import annotations

import logging
from typing import Any, Callable, Protocol

from PySide6.QtCore import QObject, QRunnable, Qt, QThreadPool, QTimer, Signal
from PySide6.QtWidgets import QMessageBox, QProgressDialog, QWidget

from dj_desktop.core.errors import UserError
from dj_desktop.core.i18n import _
from dj_desktop.core.progress import Cancelled, Progress

log = logging.getLogger(__name__)

Job = Callable[[Progress], Any]
ResultCallback = Callable[[Any], None]
ErrorCallback = Callable[[BaseException], None]


class JobRunner(Protocol):
    def run(self, job: Job, *, parent: QWidget | None, title: str,
            on_result: ResultCallback | None = None, on_error: ErrorCallback | None = None,
            on_finished: Callable[[], None] | None = None, cancellable: bool = True) -> None: ...

    def background(self, job: Callable[[], Any], *, on_result: ResultCallback,
                   on_error: ErrorCallback | None = None) -> None:
        """Run ``job`` without a dialog (work the user need not wait for, such as filling the
        dashboard); ``on_result`` runs on the UI thread."""


def show_error(parent: QWidget | None, exc: BaseException) -> None:
    """The default error display: a user error's own text, or a generic unexpected-error box."""
    if isinstance(exc, Cancelled):
        return
    if isinstance(exc, UserError):
        QMessageBox.warning(parent, _("Cannot complete the operation"), str(exc))
        return
    log.error("job failed", exc_info=(type(exc), exc, exc.__traceback__))
    QMessageBox.critical(parent, _("Unexpected error"),
                         _("An unexpected error occurred: {error}").format(error=type(exc).__name__))


def _deliver(value: Any, failure: BaseException | None, *, parent: QWidget | None,
             on_result: ResultCallback | None, on_error: ErrorCallback | None,
             on_finished: Callable[[], None] | None) -> None:
    try:
        if failure is None:
            if on_result is not None:
                on_result(value)
        elif on_error is not None:
            on_error(failure)
        else:
            show_error(parent, failure)
    finally:
        if on_finished is not None:
            on_finished()


class SynchronousRunner:
    """Runs the job at once in the calling thread (tests, and jobs too short for a dialog).

    ``runs`` counts the jobs run, so a test can check that work went through the runner.
    """

    def __init__(self) -> None:
        self.runs = 0

    def run(self, job: Job, *, parent: QWidget | None, title: str,
            on_result: ResultCallback | None = None, on_error: ErrorCallback | None = None,
            on_finished: Callable[[], None] | None = None, cancellable: bool = True) -> None:
        self.runs += 1
        value, failure = _call(lambda: job(Progress()))
        _deliver(value, failure, parent=parent, on_result=on_result, on_error=on_error,
                 on_finished=on_finished)

    def background(self, job: Callable[[], Any], *, on_result: ResultCallback,
                   on_error: ErrorCallback | None = None) -> None:
        """At once, like :meth:`run`, but not counted in ``runs`` (those are the jobs with a dialog)."""
        value, failure = _call(job)
        _deliver(value, failure, parent=None, on_result=on_result, on_error=on_error, on_finished=None)


def _call(job: Callable[[], Any]) -> tuple[Any, Exception | None]:
    """``(value, None)`` or ``(None, the exception)``: delivered like the threaded runner does."""
    try:
        return job(), None
    except Exception as exc:
        return None, exc


class _JobSignals(QObject):
    # Created on the UI thread, so slots connected to these run there (queued).
    progressed = Signal(int, int, str)
    done = Signal(object, object)  # (value, failure)


class _JobRunnable(QRunnable):
    def __init__(self, job: Job, progress: Progress, signals: _JobSignals):
        super().__init__()
        self.setAutoDelete(False)  # the runner keeps it until its result was delivered
        self._job, self._progress, self.signals = job, progress, signals

    def run(self) -> None:
        value, failure = None, None
        try:
            value = self._job(self._progress)
        except BaseException as exc:  # noqa: BLE001 — every failure must reach the UI thread
            failure = exc
        try:
            self.signals.done.emit(value, failure)
        except RuntimeError:   # the program is exiting and the receiver is gone: nobody to tell
            pass


class ThreadPoolRunner:
    """Runs jobs on a :class:`QThreadPool` with a modal :class:`QProgressDialog`.

    The dialog appears only for jobs that take longer than ``min_duration_ms``.
    """

    def __init__(self, *, pool: QThreadPool | None = None, min_duration_ms: int = 400):
        self._pool = pool or QThreadPool.globalInstance()
        self._min_duration_ms = min_duration_ms
        self._running: set[_JobRunnable] = set()

    @property
    def active_jobs(self) -> int:
        return len(self._running)

    def wait_all(self, msecs: int = -1) -> bool:
        return self._pool.waitForDone(msecs)

    def run(self, job: Job, *, parent: QWidget | None, title: str,
            on_result: ResultCallback | None = None, on_error: ErrorCallback | None = None,
            on_finished: Callable[[], None] | None = None, cancellable: bool = True) -> None:
        progress = Progress()
        signals = _JobSignals()
        dialog = QProgressDialog(title, _("Cancel") if cancellable else "", 0, 0, parent)
        dialog.setWindowTitle(title)
        dialog.setWindowModality(Qt.WindowModality.WindowModal)
        dialog.setMinimumDuration(self._min_duration_ms)
        dialog.setAutoReset(False)
        dialog.setAutoClose(False)
        if not cancellable:
            dialog.setCancelButton(None)
        dialog.canceled.connect(progress.cancel)
        dialog.canceled.connect(lambda: dialog.setLabelText(_("Cancelling…")))
        # Progress.step is called on the worker thread; the signal hops to the UI thread.
        progress.on_step = lambda done, total, text: signals.progressed.emit(done, total, text)
        signals.progressed.connect(lambda done, total, text: _show_step(dialog, done, total, text))
        runnable = _JobRunnable(job, progress, signals)

        def finish(value: Any, failure: BaseException | None) -> None:
            self._running.discard(runnable)
            dialog.reset()
            dialog.close()
            dialog.deleteLater()
            _deliver(value, failure, parent=parent, on_result=on_result, on_error=on_error,
                     on_finished=on_finished)

        signals.done.connect(finish)
        self._running.add(runnable)
        self._pool.start(runnable)

    def background(self, job: Callable[[], Any], *, on_result: ResultCallback,
                   on_error: ErrorCallback | None = None) -> None:
        signals = _JobSignals()
        runnable = _JobRunnable(lambda _progress: job(), Progress(), signals)

        def finish(value: Any, failure: BaseException | None) -> None:
            self._running.discard(runnable)
            _deliver(value, failure, parent=None, on_result=on_result, on_error=on_error, on_finished=None)

        signals.done.connect(finish)
        self._running.add(runnable)
        self._pool.start(runnable)


def _show_step(dialog: QProgressDialog, done: int, total: int, text: str) -> None:
    if dialog.wasCanceled():
        return
    dialog.setMaximum(max(total, 0))
    dialog.setValue(min(done, total) if total > 0 else 0)
    if text:
        dialog.setLabelText(text)


def runner_for(widget: QWidget | None) -> JobRunner:
    """The runner of the nearest ancestor with a ``job_runner`` attribute (the main window).

    Dialogs and tabs call this instead of holding a runner, so a test that gives the
    main window a :class:`SynchronousRunner` makes every job under it synchronous.
    """
    node: QObject | None = widget
    while node is not None:
        runner = getattr(node, "job_runner", None)
        if runner is not None:
            return runner
        node = node.parent()
    return _default_runner()


_DEFAULT: list[ThreadPoolRunner] = []


def _default_runner() -> ThreadPoolRunner:
    if not _DEFAULT:
        _DEFAULT.append(ThreadPoolRunner())
    return _DEFAULT[0]


def when_on_screen(window: QWidget, fn: Callable[[], None]) -> None:
    """Call ``fn`` once ``window`` is exposed and painted: background work started earlier competes
    with the first paint for the interpreter and delays the window (issue 10's and 16's budgets)."""
    if not window.isVisible():          # closed (or never shown): nothing to wait for
        return
    handle = window.windowHandle()
    if handle is None or not handle.isExposed():
        QTimer.singleShot(10, lambda: when_on_screen(window, fn))
        return
    window.repaint()
    fn()
