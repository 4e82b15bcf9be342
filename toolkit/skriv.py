"""Write files so that an interrupted run never leaves half a file behind, nor replaces one.

The one place for writing output: safe file names, the refusal to replace an
existing file without `--overskriv`, and the atomic write itself.

Each file is written to a temporary file beside it, named after the run that
owns it (`.skjemaverk-<pid>-<machine>-XXXXXXXX.tmp`), then renamed. A stop
signal waits while a temporary file is made and while a set of files is
renamed into place (`toolkit._avbrudd.utsatt`), so an interrupted run leaves
either the old set or the new one, and removes its temporary files. What a
SIGKILL or a power cut leaves, the next run into that folder removes
(`toolkit.arbeidsmappe.rydd_etterlatte`: the owner in the name tells a file
of a finished run from one of a live run). `skrevne()` lists what this run
has written, so an interrupted run can say so.
"""

from __future__ import annotations

import contextlib
import errno
import hashlib
import io
import os
import re
import socket
import tempfile
import unicodedata
import zipfile
from collections.abc import Iterable, Mapping
from datetime import datetime
from pathlib import Path

from pathvalidate import sanitize_filename

from toolkit import tekst
from toolkit._avbrudd import utsatt
from toolkit.errors import SkriveError

_GRUNNER = {
    errno.ENOENT: "filen eller mappen finnes ikke",
    errno.EACCES: "du mangler skrivetilgang",
    errno.EPERM: "du mangler skrivetilgang",
    errno.ENOSPC: "disken er full",
    errno.EROFS: "disken er skrivebeskyttet",
    errno.EDQUOT: "lagringskvoten er brukt opp",
    errno.ENAMETOOLONG: "navnet er for langt",
}


def grunn(e: OSError) -> str:
    """Return why an OS call failed, in Norwegian where the reason is a common one."""
    return _GRUNNER.get(e.errno or 0) or e.strerror or type(e).__name__


_MAKS_NAVN = 80


def _synlig(tegn: str) -> str:
    """A character as it may stand in a file name: white space and control characters are
    a space (as other characters Windows forbids); what shows nothing (format characters
    such as U+202E, which turns the text after it around, surrogates, non-characters such
    as U+FFFE, unassigned code points) is left out."""
    kategori = unicodedata.category(tegn)
    if tegn.isspace() or kategori == "Cc":
        return " "
    return "" if kategori[0] in "CZ" else tegn


def trygt_filnavn(verdi: str) -> str:
    """Return `verdi` as a file name part that works on Windows; keeps æøå.

    Only what can be seen is kept (see `_synlig`); characters Windows forbids
    become spaces, white space is folded, trailing dots and spaces go, and
    reserved names such as CON get an underscore.
    """
    verdi = "".join(_synlig(t) for t in unicodedata.normalize("NFC", _uten_surrogater(verdi)))
    verdi = " ".join(sanitize_filename(verdi, replacement_text=" ", platform="windows").split())
    verdi = verdi[:_MAKS_NAVN].strip(" .")
    return sanitize_filename(verdi, platform="windows") if verdi else ""


def _uten_surrogater(tekst: str) -> str:
    # NFC cannot take a lone surrogate; a valid pair becomes its character first.
    return tekst.encode("utf-16-le", "surrogatepass").decode("utf-16-le", "ignore")


def filnavn(navn: str, dokument: str, endelse: str = ".docx", *, uten_navn: str = "Elev") -> str:
    """Return e.g. "Amin Hassan - kartleggingsrapport.docx".

    Both parts are made safe: neither the pupil's name nor the document's name can
    lead into another folder.
    """
    return f"{trygt_filnavn(navn) or uten_navn} - {trygt_filnavn(dokument) or 'dokument'}{endelse}"


def sjekk_ledig(filer: Iterable[Path], overskriv: bool) -> None:
    """Raise SkriveError if one of `filer` exists and may not be replaced.

    The one place the refusal to overwrite is decided and worded.
    """
    filer = list(filer)
    for sti in filer:
        if sti.exists() and not sti.is_file():
            raise SkriveError(f"«{sti}» finnes allerede og er ikke en fil.")
    finnes = [sti for sti in filer if sti.exists()]
    if finnes and not overskriv:
        navn = tekst.liste([f"«{sti.name}»" for sti in finnes])
        mappe = finnes[0].parent
        raise SkriveError(
            f"{navn} finnes allerede i «{mappe}». "
            "Bruk --overskriv for å erstatte, eller velg et annet navn eller en annen mappe."
        )


def skriv_filer(filer: Mapping[Path, bytes], *, overskriv: bool = False) -> list[Path]:
    """Write every file atomically, after checking that none is in the way.

    The files are written to temporary files first, then renamed into place
    together while a stop signal waits: an interrupted run leaves the old set
    or the new one, never a mix.
    """
    sjekk_ledig(filer, overskriv)
    for sti in filer:
        lag_mappe(sti.parent)
    _skriv_sett(filer)
    return list(filer)


def _skriv_sett(filer: Mapping[Path, bytes]) -> None:
    """Write `filer` to temporary files, then rename them all into place while signals wait."""
    klare: list[tuple[str, Path]] = []
    try:
        for sti, innhold in filer.items():
            klare.append((_skriv_midlertidig(sti, innhold), sti))
        with utsatt():
            while klare:
                tmp, sti = klare[0]
                _flytt(tmp, sti)
                klare.pop(0)
    finally:
        for tmp, _ in klare:
            _fjern(tmp)


def lag_mappe(mappe: Path) -> None:
    """Create `mappe` (and its parents) or raise SkriveError saying why not.

    Every folder made here can be listed by its owner only: the file names carry the
    pupil's name (on Windows a folder has the access of the one it is made in).
    """
    if mappe.is_dir():
        return
    mangler = [mappe, *(p for p in mappe.parents if not p.exists())]
    try:
        for ny in reversed(mangler):
            ny.mkdir(exist_ok=True, mode=0o700)
    except FileExistsError as e:
        raise SkriveError(
            f"Kan ikke lage mappen «{mappe}»: det finnes en fil med det navnet."
        ) from e
    except NotADirectoryError as e:
        raise SkriveError(
            f"Kan ikke lage mappen «{mappe}»: en del av stien er en fil, ikke en mappe."
        ) from e
    except OSError as e:
        raise SkriveError(f"Kan ikke lage mappen «{mappe}»: {grunn(e)}.") from e


def skriv_atomisk(sti: Path, data: bytes) -> None:
    """Write `data` to `sti` through a temporary file beside it and a rename.

    The file is readable by its owner only (mode 0600 where the system has modes).
    """
    _skriv_sett({Path(sti): data})


# Files this process has put in place, in order: an interrupted run lists them.
_SKREVNE: list[Path] = []


def skrevne() -> list[Path]:
    """Return the files this process has written so far (renamed into place)."""
    return list(_SKREVNE)


def maskin() -> str:
    """Return a short tag for this computer: runs from two computers into one shared folder."""
    return hashlib.sha256(socket.gethostname().lower().encode()).hexdigest()[:8]


def eier() -> str:
    """Return "<pid>-<machine>": what the names of this run's temporary files start with."""
    return f"{os.getpid()}-{maskin()}"


def _skriv_midlertidig(sti: Path, data: bytes) -> str:
    """Write `data` to a new temporary file beside `sti`; return its path."""
    tmp: str | None = None
    try:
        with utsatt():  # the name is ours to remove as soon as the file exists
            fd, tmp = tempfile.mkstemp(
                prefix=f".skjemaverk-{eier()}-", suffix=".tmp", dir=sti.parent
            )
        with os.fdopen(fd, "wb") as fil:
            fil.write(data)
            fil.flush()
            os.fsync(fil.fileno())
        # The file stays private to the user, as mkstemp made it: it may hold a
        # child's health and family data.
        return tmp
    except BaseException as e:
        if tmp is not None:
            _fjern(tmp)
        if isinstance(e, OSError) and tmp is not None:
            raise SkriveError(f"Kan ikke skrive «{sti}»: {grunn(e)}.") from e
        if isinstance(e, OSError):
            raise SkriveError(
                f"Kan ikke skrive i mappen «{sti.parent}»: {grunn(e)}. "
                "Sjekk at mappen finnes og at du har skrivetilgang, eller velg en annen mappe."
            ) from e
        raise


def _flytt(tmp: str, sti: Path) -> None:
    """Rename the temporary file `tmp` to `sti`, replacing what is there."""
    try:
        os.replace(tmp, sti)
    except PermissionError as e:
        raise SkriveError(
            f"Kan ikke skrive «{sti}»: filen er kanskje åpen i Word, Excel eller et annet "
            "program. Lukk den og prøv igjen."
        ) from e
    except OSError as e:
        raise SkriveError(f"Kan ikke skrive «{sti}»: {grunn(e)}.") from e
    _SKREVNE.append(sti)


def _fjern(sti: str) -> None:
    with contextlib.suppress(OSError):
        os.unlink(sti)


def med_fast_tid(data: bytes, tid: datetime) -> bytes:
    """Return an Office zip package with every time stamp set to `tid`.

    The same content then gives the same bytes, so generated files that are
    committed (the blank form, the examples) only change when their content does.
    """
    stempel = tid.strftime("%Y-%m-%dT%H:%M:%SZ")
    ut = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as inn, zipfile.ZipFile(ut, "w") as z:
        for info in inn.infolist():
            innhold = inn.read(info)
            if info.filename == "docProps/core.xml":
                innhold = re.sub(
                    rb"(<dcterms:(?:created|modified)[^>]*>)[^<]*(</dcterms:)",
                    rb"\g<1>" + stempel.encode() + rb"\g<2>",
                    innhold,
                )
            ny = zipfile.ZipInfo(info.filename, date_time=tid.timetuple()[:6])
            ny.compress_type = zipfile.ZIP_DEFLATED
            z.writestr(ny, innhold)
    return ut.getvalue()
