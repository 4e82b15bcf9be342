"""Stop cleanly when the user or the system asks: Ctrl+C, SIGTERM, SIGHUP, a closing console.

`fanget()` turns each of these into an exception in the main thread, so that
every `finally` on the way out runs and removes what the run had begun:
KeyboardInterrupt for Ctrl+C (as Python does anyway), `Stoppet` for the rest.
`utsatt()` holds a signal back while a block runs that must not be cut off
halfway (starting a process whose handle we must keep, removing work files);
the exception is raised when the block is done.

On Windows, closing the console window (or logging off, or shutting down)
sends CTRL_CLOSE_EVENT and ends the process about five seconds later. A
console handler (SetConsoleCtrlHandler through ctypes) turns it into SIGBREAK
for the main thread and holds the process open while the main thread cleans
up.
"""

from __future__ import annotations

import contextlib
import signal
import sys
import threading
import time
from collections.abc import Callable, Iterator
from typing import Any

# Signals that stop the run, where the system has them. SIGBREAK is Windows'
# Ctrl+Break, and what a closing console is turned into below.
_SIGNALER = [
    getattr(signal, navn)
    for navn in ("SIGINT", "SIGTERM", "SIGHUP", "SIGBREAK")
    if hasattr(signal, navn)
]
_ARSAK = {
    getattr(signal, navn): arsak
    for navn, arsak in (
        ("SIGTERM", "Skjemaverk ble bedt om å avslutte"),
        ("SIGHUP", "terminalvinduet ble lukket"),
        ("SIGBREAK", "vinduet ble lukket"),
    )
    if hasattr(signal, navn)
}


class Stoppet(BaseException):
    """The process was asked to stop (SIGTERM, SIGHUP, a closing console window).

    A BaseException, like KeyboardInterrupt: no `except Exception` swallows it.
    The exit code is 128 + the signal's number, as a shell reports a process
    that a signal ended: 143 for SIGTERM, 129 for SIGHUP.
    """

    def __init__(self, signum: int) -> None:
        super().__init__(signum)
        self.signum = signum
        self.exit_code = 128 + signum
        self.melding = f"Avbrutt: {_ARSAK.get(signum, 'Skjemaverk ble bedt om å avslutte')}."


_dybde = 0  # how many `utsatt` blocks the main thread is in
_ventende: int | None = None  # a signal held back by `utsatt`
_stopper = False  # the stop has been raised: later signals must not cut the cleanup short


def _unntak(signum: int) -> BaseException:
    return KeyboardInterrupt() if signum == signal.SIGINT else Stoppet(signum)


def _fang(signum: int, _ramme: object) -> None:
    global _ventende, _stopper
    if _stopper:
        return
    if _dybde:
        _ventende = signum
        return
    _stopper = True
    raise _unntak(signum)


def _i_hovedtraden() -> bool:
    return threading.current_thread() is threading.main_thread()


@contextlib.contextmanager
def utsatt() -> Iterator[None]:
    """Hold a stop signal back until the block has run; then raise it.

    Only the main thread gets signals; in another thread this does nothing.
    """
    global _dybde, _ventende, _stopper
    if not _i_hovedtraden():
        yield
        return
    _dybde += 1
    try:
        yield
    finally:
        _dybde -= 1
        if _dybde == 0 and _ventende is not None and not _stopper:
            signum, _ventende = _ventende, None
            _stopper = True
            raise _unntak(signum)


@contextlib.contextmanager
def fanget() -> Iterator[None]:
    """Turn the stop signals into exceptions while the block runs; restore them after.

    A signal that is ignored (SIG_IGN, as under `nohup`) or handled by someone
    else stays so. Outside the main thread (where Python cannot set handlers)
    this does nothing.
    """
    global _dybde, _ventende, _stopper
    if not _i_hovedtraden():
        yield
        return
    _dybde, _ventende, _stopper = 0, None, False
    forrige: dict[int, Any] = {}
    for signum in _SIGNALER:
        naa = signal.getsignal(signum)
        if naa in (signal.SIG_DFL, signal.default_int_handler):
            forrige[signum] = signal.signal(signum, _fang)
    konsoll = _konsoll_handler(True) if sys.platform == "win32" else False
    try:
        yield
    finally:
        if konsoll:
            _konsoll_handler(False)
        for signum, handler in forrige.items():
            signal.signal(signum, handler)
        _dybde, _ventende, _stopper = 0, None, False


# --- Windows: the console window closing ------------------------------------------------

# Windows ends the process 5 seconds after CTRL_CLOSE_EVENT (and at logoff or shutdown);
# the handler holds it open this long, or until the main thread has exited.
_KONSOLL_FRIST = 4.5
_CTRL_CLOSE_EVENT, _CTRL_LOGOFF_EVENT, _CTRL_SHUTDOWN_EVENT = 2, 5, 6
_konsoll_rutine: Callable[..., Any] | None = None  # kept alive while it is registered


def _paa_konsollhendelse(hendelse: int) -> bool:
    """Called by Windows in a thread of its own for each console event."""
    if sys.platform != "win32":
        return False  # registered on Windows only
    if hendelse not in (_CTRL_CLOSE_EVENT, _CTRL_LOGOFF_EVENT, _CTRL_SHUTDOWN_EVENT):
        return False  # Ctrl+C and Ctrl+Break: Python's own handling turns them into signals
    import _thread

    # The main thread raises Stoppet at its next step and cleans up on the way out;
    # when it has exited, the process ends and this wait with it.
    _thread.interrupt_main(signal.SIGBREAK)
    time.sleep(_KONSOLL_FRIST)
    return True


def _konsoll_handler(paa: bool) -> bool:
    """Register (or remove) the console handler; return whether it is registered."""
    global _konsoll_rutine
    if sys.platform != "win32":
        return False
    import ctypes
    from ctypes import wintypes

    try:
        kernel32 = ctypes.windll.kernel32
        if paa:
            rutinetype = ctypes.WINFUNCTYPE(wintypes.BOOL, wintypes.DWORD)
            _konsoll_rutine = rutinetype(_paa_konsollhendelse)
            return bool(kernel32.SetConsoleCtrlHandler(_konsoll_rutine, True))
        if _konsoll_rutine is not None:
            kernel32.SetConsoleCtrlHandler(_konsoll_rutine, False)
            _konsoll_rutine = None
    except (AttributeError, OSError):
        return False
    return False
