"""Guards around a warehouse build: one builder at a time, clean-up of what killed builds left, and
SIGTERM / Ctrl-C turned into a clean stop.

- ``build_lock(target)``: an exclusive ``flock`` on ``<warehouse>.lock`` beside the warehouse. A second
  build into the same warehouse waits for the first (up to ``timeout_s``), then finds the warehouse
  current and does nothing. The lock is released by the kernel when its holder dies, even by kill -9.
- ``remove_stale_builds(target)``: the temporary files of builds that were killed (``.<name>.<pid>.building``
  and its ``.wal``). Called while holding the lock, so no live build owns them.
- ``stop_on_signals()``: while a build runs in the main thread, SIGTERM raises ``BuildInterrupted``
  (as Ctrl-C raises KeyboardInterrupt), so the build's clean-up runs and the previous warehouse stays.
"""

import fcntl
import signal
import threading
import time
from contextlib import contextmanager
from pathlib import Path

from alliancelab.errors import WarehouseError

LOCK_TIMEOUT_S = 600.0


class BuildInterrupted(WarehouseError):
    """The build was stopped by a signal; the previous warehouse is unchanged."""


def lock_path(target):
    """The lock file of a warehouse: ``<name>.lock`` beside it.

    Parameters
    ----------
    target : str or Path
        The warehouse file.

    Returns
    -------
    Path
        The lock file's path.

    Examples
    --------
    >>> lock_path("/tmp/alliancelab.duckdb").name
    'alliancelab.duckdb.lock'
    """
    target = Path(target)
    return target.with_name(target.name + ".lock")


@contextmanager
def build_lock(target, timeout_s=LOCK_TIMEOUT_S, poll_s=0.1):
    """Hold the exclusive build lock of the warehouse ``target``; WarehouseError after ``timeout_s``.

    Parameters
    ----------
    target : str or Path
        The warehouse file.
    timeout_s : float
        How long to wait for another build to release the lock.
    poll_s : float
        Seconds between attempts.

    Yields
    ------
    Path
        The lock file, held (``fcntl.flock``) until the block ends.
    """
    path = lock_path(target)
    handle = open(path, "a+")  # noqa: SIM115 - held for the whole block
    try:
        deadline = time.monotonic() + timeout_s
        while True:
            try:
                fcntl.flock(handle.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)
                break
            except BlockingIOError:
                if time.monotonic() >= deadline:
                    raise WarehouseError(
                        f"another build of {target} holds {path} for more than {timeout_s:g} s; "
                        "wait for it to finish or stop it"
                    ) from None
                time.sleep(poll_s)
        yield path
    finally:
        handle.close()  # closing releases the lock


def remove_stale_builds(target):
    """Delete temporary files of earlier, killed builds of ``target``.

    Parameters
    ----------
    target : str or Path
        The warehouse file.

    Returns
    -------
    list of Path
        The removed files.
    """
    target = Path(target)
    removed = []
    for pattern in (f".{target.name}.*.building", f".{target.name}.*.building.wal"):
        for path in target.parent.glob(pattern):
            try:
                path.unlink()
                removed.append(path)
            except OSError:
                continue
    return removed


SIGNAL_WORDS = {signal.SIGTERM: "signal SIGTERM", signal.SIGINT: "Ctrl-C (SIGINT)"}


@contextmanager
def stop_on_signals():
    """Within the block, SIGTERM and Ctrl-C stop the work and raise BuildInterrupted.

    The handler records the signal and raises KeyboardInterrupt, which stops Python code and DuckDB
    queries alike (DuckDB reports it as an interrupted query); whatever exception results, a recorded
    signal turns it into one BuildInterrupted message after the build's own clean-up has run.

    Yields
    ------
    None
        The block runs with the handlers installed; the previous handlers are restored after it.
    """
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    received = []

    def handler(signum, frame):
        received.append(signum)
        raise KeyboardInterrupt

    previous = {number: signal.signal(number, handler) for number in SIGNAL_WORDS}
    try:
        yield
    except BaseException:
        if not received:
            raise
        raise BuildInterrupted(
            f"build stopped by {SIGNAL_WORDS[received[0]]}; the previous warehouse is unchanged "
            "and the temporary files were removed"
        ) from None
    finally:
        for number, old in previous.items():
            signal.signal(number, old)
