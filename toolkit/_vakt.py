"""The watchdog of a run's work folder: `python -m toolkit._vakt PARENT_PID WORKDIR`.

`toolkit.arbeidsmappe` starts it in a session of its own (so that neither
Ctrl+C nor a closing terminal reaches it), with a pipe on its stdin whose
other end only the run holds. However the run ends, SIGKILL included, the
system closes that pipe; the watchdog then stops every process whose command
line names the work folder (LibreOffice, with its profile and output there)
together with everything those started, and removes the folder. A run that
cleaned up after itself writes FERDIG first, and the watchdog just ends.

The same functions clean up inside the run itself and after a killed run.
This module needs only the standard library and psutil: it starts fast, and
it never reads the documents.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import shutil
import stat
import sys
import threading
import time
from collections.abc import Collection
from pathlib import Path

import psutil

FERDIG = b"ferdig\n"  # the run removed its folder itself
PROFIL = "profil"  # LibreOffice's profile in the work folder (toolkit.pdf)
VENTETID = 10.0  # seconds to wait for a killed process to be gone
_RUNDER = 5  # a process may start another while we stop it: look again, this many times


def _navner(kommandolinje: list[str] | None, merker: Collection[str]) -> bool:
    linje = " ".join(kommandolinje or ())
    if sys.platform == "win32":
        linje = linje.lower()
    return any(merke in linje for merke in merker)


def prosesser_i(arbeid: Path, unntatt: Collection[int] = ()) -> list[psutil.Process]:
    """Return every live process whose command line names `arbeid`, and all they started.

    LibreOffice is given its profile as a file URI and its output folder as a
    path, both inside the work folder; its launcher and soffice.bin both show them.
    """
    arbeid = Path(arbeid)
    merker = {str(arbeid), arbeid.as_uri()} if arbeid.is_absolute() else {str(arbeid)}
    if sys.platform == "win32":
        merker = {m.lower() for m in merker}
    hopp = {os.getpid(), *unntatt}
    funnet: dict[int, psutil.Process] = {}
    for prosess in psutil.process_iter(["cmdline"]):
        if prosess.pid in hopp or not _navner(prosess.info["cmdline"], merker):
            continue
        funnet[prosess.pid] = prosess
        with contextlib.suppress(psutil.Error):
            for barn in prosess.children(recursive=True):
                funnet.setdefault(barn.pid, barn)
    return [p for pid, p in funnet.items() if pid not in hopp]


def lever(prosess: psutil.Process) -> bool:
    """True while `prosess` runs (a zombie, ended but not yet reaped, does not)."""
    try:
        return prosess.is_running() and prosess.status() != psutil.STATUS_ZOMBIE
    except psutil.Error:
        return False


def stopp(prosesser: Collection[psutil.Process]) -> None:
    """Kill `prosesser` (SIGKILL, or TerminateProcess on Windows) and wait until they are gone."""
    for prosess in prosesser:
        with contextlib.suppress(psutil.Error):
            prosess.kill()
    frist = time.monotonic() + VENTETID
    igjen = [p for p in prosesser if lever(p)]
    while igjen and time.monotonic() < frist:
        time.sleep(0.05)
        igjen = [p for p in igjen if lever(p)]


def fjern(arbeid: Path) -> bool:
    """Remove the folder `arbeid` and all in it; return whether it is gone."""
    # Windows keeps a file locked a moment after the process that held it ended.
    for forsok in range(_RUNDER if sys.platform == "win32" else 1):
        if forsok:
            time.sleep(0.2 * forsok)
        shutil.rmtree(arbeid, ignore_errors=True)
        if not os.path.lexists(arbeid):
            return True
    return False


def rydd(arbeid: Path, unntatt: Collection[int] = ()) -> bool:
    """Stop every process that works in `arbeid`, then remove it; return whether it is gone."""
    for _ in range(_RUNDER):
        prosesser = prosesser_i(arbeid, unntatt)
        if not prosesser:
            break
        stopp(prosesser)
    fjern_ipc(arbeid / PROFIL)
    return fjern(arbeid)


def ipc_sti(profil: Path) -> Path | None:
    """Return the socket a LibreOffice with the profile `profil` listens on, where it has one.

    On Unix LibreOffice makes /tmp/OSL_PIPE_<uid>_SingleOfficeIPC_<hash>, the
    hash being MD5 of the profile's URL in UTF-16, each byte in hex without its
    leading zero. A LibreOffice that is stopped with SIGKILL leaves it behind.
    """
    if sys.platform == "win32" or not Path(profil).is_absolute():
        return None
    md5 = hashlib.md5(Path(profil).as_uri().encode("utf-16-le"), usedforsecurity=False)
    hash_ = "".join(f"{b:x}" for b in md5.digest())
    return Path("/tmp") / f"OSL_PIPE_{os.getuid()}_SingleOfficeIPC_{hash_}"


def fjern_ipc(profil: Path) -> None:
    """Remove the socket of the (stopped) LibreOffice with the profile `profil`, if left."""
    sti = ipc_sti(profil)
    if sti is None:
        return
    with contextlib.suppress(OSError):
        info = sti.lstat()
        if stat.S_ISSOCK(info.st_mode) and info.st_uid == os.getuid():
            sti.unlink()


def vakt(forelder_pid: int, arbeid: Path) -> None:
    """Wait until the run `forelder_pid` is over, then clean up what it left in `arbeid`."""
    try:
        forelder: psutil.Process | None = psutil.Process(forelder_pid)
    except psutil.Error:
        forelder = None
    lest = bytearray()
    slutt = threading.Event()

    def les() -> None:
        with contextlib.suppress(OSError, ValueError):
            lest.extend(sys.stdin.buffer.read())  # returns at end of file: the run is over
        slutt.set()

    threading.Thread(target=les, daemon=True).start()
    # The closed pipe is the signal; the parent's pid is looked at too, in case
    # another process came to hold the pipe open.
    while not slutt.wait(0.5):
        if forelder is None or not lever(forelder):
            break
    if bytes(lest) == FERDIG and not os.path.lexists(arbeid):
        return
    rydd(arbeid)


def main(argv: list[str]) -> int:
    if len(argv) != 2 or not argv[0].isdigit():
        print("Bruk: python -m toolkit._vakt FORELDER_PID ARBEIDSMAPPE", file=sys.stderr)
        return 2
    vakt(int(argv[0]), Path(argv[1]))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
