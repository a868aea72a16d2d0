"""N worker processes serving one pre-bound socket: forked one after another, supervised,
stopped together.

Each worker is forked only once the previous one is serving, so start-up work that must
happen once per data directory (development migrations of the SQLite file, creating the
development keyring) never runs in two processes at the same time. SIGTERM/SIGINT to the
supervisor is forwarded to every worker; a worker that dies on its own stops the rest.
"""

from __future__ import annotations

import contextlib
import logging
import os
import signal
from collections.abc import Callable

STOP_SIGNALS = (signal.SIGTERM, signal.SIGINT)

Work = Callable[[Callable[[], None]], int]
"""Runs in the child: gets `ready` (call it once serving) and returns the exit code."""

log = logging.getLogger("integration_api.server")


def run_workers(count: int, work: Work, *, on_ready: Callable[[], None] | None = None) -> int:
    """Runs `count` workers until they exit; 0 when all exited cleanly, else the first
    failure's exit code. `on_ready()` runs in the supervisor once all are serving."""
    return _Supervisor().run(count, work, on_ready)


class _Supervisor:
    def __init__(self) -> None:
        self.children: set[int] = set()
        self.stopping = False

    def run(self, count: int, work: Work, on_ready: Callable[[], None] | None) -> int:
        for signum in STOP_SIGNALS:
            signal.signal(signum, self._on_signal)
        for _ in range(count):
            pid, ready = self._start(work)
            if self.stopping:
                break
            if not ready:
                log.error("worker %d exited before serving; stopping the others", pid)
                self.stop()
                break
        else:
            if on_ready is not None:
                on_ready()
        return self._wait_all()

    def stop(self) -> None:
        self.stopping = True
        for pid in self.children:
            with contextlib.suppress(ProcessLookupError):  # already gone
                os.kill(pid, signal.SIGTERM)

    def _on_signal(self, _signum: int, _frame: object) -> None:
        self.stop()

    def _start(self, work: Work) -> tuple[int, bool]:
        """Forks a worker; returns (pid, whether it reported ready before exiting)."""
        read_end, write_end = os.pipe()
        pid = os.fork()
        if pid == 0:
            os.close(read_end)
            _child(work, write_end)
        os.close(write_end)
        self.children.add(pid)
        try:
            message = os.read(read_end, 1)  # b"" once the child exits without a word
        finally:
            os.close(read_end)
        return pid, message == b"r"

    def _wait_all(self) -> int:
        result = 0
        while self.children:
            pid, status = os.wait()
            self.children.discard(pid)
            code = os.waitstatus_to_exitcode(status)
            if code != 0 and not self.stopping:
                log.error("worker %d exited with %d; stopping the others", pid, code)
                self.stop()
            if code != 0 and result == 0:
                result = code if code > 0 else 1
        return result


def _child(work: Work, ready_pipe: int) -> None:
    # The supervisor's handlers must not run here (they would signal the siblings); the
    # worker installs its own once its event loop runs.
    for signum in STOP_SIGNALS:
        signal.signal(signum, signal.SIG_DFL)

    def ready() -> None:
        with contextlib.suppress(OSError):  # called twice, or the supervisor is gone
            os.write(ready_pipe, b"r")
            os.close(ready_pipe)

    code = 1
    try:
        code = work(ready)
    except BaseException:
        log.exception("worker %d failed", os.getpid())
    finally:
        logging.shutdown()
        os._exit(code)
