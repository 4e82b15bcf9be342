"""One private work folder per run for everything unencrypted, and what a killed run left.

Making PDFs needs the documents unencrypted on disk: LibreOffice reads Word
files and writes PDFs. Everything of that kind, the Word working copies,
LibreOffice's profile (with its backup and recovery copies), its temporary
folder and its PDFs, lives in ONE folder per run: `arbeidsmappe()` makes it in
the output folder (so moving a PDF into place is a rename on the same disk),
hidden and named `.skjemaverk-arbeid-<pid>-<machine>-<random>`, readable by
the user only (mode 0700 where the system has modes).

It is removed on every way out that the process sees: normal end, error,
Ctrl+C, SIGTERM, SIGHUP, a closing console on Windows (see toolkit._avbrudd).
For the ways out it does not see (SIGKILL, a crash), a watchdog process
(toolkit._vakt) stops LibreOffice and removes the folder once the run is gone.
After a power cut, `rydd_etterlatte` in the next run into the same output
folder removes what was left, and says so.

Child processes get `barnemiljo()`: the environment without Skjemaverk's own
variables, so that no password (SKJEMAVERK_PASSORD, SKJEMAVERK_SKJEMAPASSORD)
is passed on.
"""

from __future__ import annotations

import contextlib
import os
import re
import stat
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path

import psutil

from toolkit._avbrudd import utsatt
from toolkit._vakt import FERDIG, VENTETID, rydd
from toolkit.errors import SkriveError
from toolkit.skriv import grunn, maskin

PREFIKS = ".skjemaverk-arbeid-"
# Every variable of ours is left out of a child's environment: the passwords
# (SKJEMAVERK_PASSORD, SKJEMAVERK_SKJEMAPASSORD) and any added later.
EGNE_VARIABLER = "SKJEMAVERK_"
# A run holds its work files for minutes at most (LibreOffice gets 180 seconds):
# a left file of unknown owner that is older than this belongs to no live run.
GAMMEL = 3600.0

_EGEN = re.compile(rf"^{re.escape(PREFIKS)}(\d+)-([0-9a-f]{{8}})-[a-z0-9_]+$")
# A temporary file of toolkit.skriv: .skjemaverk-<pid>-<machine>-XXXXXXXX.tmp
_EGEN_FIL = re.compile(r"^\.skjemaverk-(\d+)-([0-9a-f]{8})-[a-z0-9_]+\.tmp$")
# Without an owner in the name: work folders of earlier versions of Skjemaverk
# (.skjemaverk-XXXXXXXX, .skjemaverk-pdf-XXXXXXXX) and half-written files
# (.skjemaverk-XXXXXXXX.tmp, toolkit.skriv) that a power cut left.
_NAVNLOS = re.compile(r"^\.skjemaverk-(?:pdf-)?[a-z0-9_]{8}(?:\.tmp)?$")

ETTERLATT = "Fjernet arbeidsfiler som en avbrutt kjøring hadde latt ligge igjen i «{mappe}»."


def barnemiljo(**ekstra: str) -> dict[str, str]:
    """Return the environment for a child process: ours, without Skjemaverk's own variables."""
    miljo = {k: v for k, v in os.environ.items() if not k.upper().startswith(EGNE_VARIABLER)}
    miljo.update(ekstra)
    return miljo


@contextlib.contextmanager
def arbeidsmappe(ut_mappe: Path) -> Iterator[Path]:
    """Make this run's private work folder in `ut_mappe` (absolute); remove it on the way out.

    On the way out every process that works in the folder is stopped first.
    Raises SkriveError when the folder cannot be made.
    """
    sti: Path | None = None
    vakt: subprocess.Popen[bytes] | None = None
    try:
        with utsatt():
            try:
                sti = Path(
                    tempfile.mkdtemp(prefix=f"{PREFIKS}{os.getpid()}-{maskin()}-", dir=ut_mappe)
                ).resolve()
            except OSError as e:
                raise SkriveError(
                    f"Kan ikke lage en arbeidsmappe i «{ut_mappe}»: {grunn(e)}."
                ) from e
            vakt = _start_vakt(sti)
        yield sti
    finally:
        with utsatt():
            if sti is not None:
                rydd(sti, unntatt=[vakt.pid] if vakt is not None else [])
            if vakt is not None:
                _stopp_vakt(vakt)


def _start_vakt(arbeid: Path) -> subprocess.Popen[bytes] | None:
    """Start the watchdog of `arbeid`; None if it cannot be started.

    Without it the run still cleans up on every exit it sees; only after a
    SIGKILL would the folder then wait for the next run.
    """
    if sys.platform == "win32":
        # Not attached to the console: closing the window does not end it.
        flagg, ny_sesjon = subprocess.CREATE_NEW_PROCESS_GROUP | subprocess.DETACHED_PROCESS, False
    else:
        flagg, ny_sesjon = 0, True
    try:
        return subprocess.Popen(
            [sys.executable, "-m", "toolkit._vakt", str(os.getpid()), str(arbeid)],
            stdin=subprocess.PIPE,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            env=barnemiljo(),
            creationflags=flagg,
            start_new_session=ny_sesjon,
        )
    except (OSError, ValueError):
        return None


def _stopp_vakt(vakt: subprocess.Popen[bytes]) -> None:
    """Tell the watchdog the run has cleaned up itself, and wait for it to end."""
    assert vakt.stdin is not None
    try:
        vakt.stdin.write(FERDIG)
        vakt.stdin.flush()
    except OSError:
        pass
    finally:
        with contextlib.suppress(OSError):
            vakt.stdin.close()
    try:
        vakt.wait(timeout=VENTETID)
    except subprocess.TimeoutExpired:
        vakt.kill()
        vakt.wait()


def rydd_etterlatte(ut_mappe: Path) -> str | None:
    """Remove what killed runs left in `ut_mappe`; return a line saying so, or None.

    A work folder or a temporary file (toolkit.skriv) is left when the run
    that made it is gone (its pid is not running, or is now a process that
    started after the folder or file was last changed). Work of a live run is
    never touched. Work made on another computer (a shared folder) and files
    without an owner in the name are removed only when they are older than
    GAMMEL.
    """
    try:
        innhold = list(Path(ut_mappe).iterdir())
    except OSError:
        return None
    fjernet = False
    for sti in innhold:
        if not _forlatt(sti):
            continue
        if sti.is_dir() and not sti.is_symlink():
            fjernet |= rydd(sti.resolve())
        else:
            with contextlib.suppress(OSError):
                sti.unlink()
                fjernet = True
    return ETTERLATT.format(mappe=ut_mappe) if fjernet else None


def _forlatt(sti: Path) -> bool:
    """True when `sti` is work left by a run that is over."""
    try:
        info = sti.lstat()
    except OSError:
        return False
    gammel = time.time() - info.st_mtime > GAMMEL
    if stat.S_ISDIR(info.st_mode):
        treff = _EGEN.match(sti.name)
    else:
        treff = _EGEN_FIL.match(sti.name) if stat.S_ISREG(info.st_mode) else None
    if treff is None:
        return _NAVNLOS.match(sti.name) is not None and gammel
    if treff[2] != maskin():
        return gammel
    return not _eier_lever(int(treff[1]), info.st_mtime)


def _eier_lever(pid: int, endret: float) -> bool:
    """True when the process `pid` may be the run that last changed its folder at `endret`."""
    try:
        prosess = psutil.Process(pid)
        if prosess.status() == psutil.STATUS_ZOMBIE:
            return False
        # The owner made the folder, so it started before the folder last changed; a
        # process that started later has only been given the same pid. (Two seconds
        # for clocks that count differently.)
        return prosess.create_time() <= endret + 2
    except psutil.NoSuchProcess:
        return False
    except psutil.Error:
        return True
