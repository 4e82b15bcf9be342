"""Write files so that an interrupted run never leaves half a file behind, nor replaces one.

The one place for writing output: safe file names, the refusal to replace an
existing file without `--overskriv`, and the atomic write itself.
"""

from __future__ import annotations

import contextlib
import errno
import io
import os
import re
import tempfile
import unicodedata
import zipfile
from collections.abc import Iterable, Mapping
from datetime import datetime
from pathlib import Path

from pathvalidate import sanitize_filename

from toolkit import tekst
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
    """Return e.g. "Amin Hassan - kartleggingsrapport.docx"."""
    return f"{trygt_filnavn(navn) or uten_navn} - {dokument}{endelse}"


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
    """Write every file atomically, after checking that none is in the way."""
    sjekk_ledig(filer, overskriv)
    for sti in filer:
        lag_mappe(sti.parent)
    for sti, innhold in filer.items():
        skriv_atomisk(sti, innhold)
    return list(filer)


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
    sti = Path(sti)
    try:
        fd, tmp = tempfile.mkstemp(prefix=".skjemaverk-", suffix=".tmp", dir=sti.parent)
    except OSError as e:
        raise SkriveError(
            f"Kan ikke skrive i mappen «{sti.parent}»: {grunn(e)}. "
            "Sjekk at mappen finnes og at du har skrivetilgang, eller velg en annen mappe."
        ) from e
    try:
        with os.fdopen(fd, "wb") as fil:
            fil.write(data)
            fil.flush()
            os.fsync(fil.fileno())
        # The file stays private to the user, as mkstemp made it: it may hold a
        # child's health and family data.
        os.replace(tmp, sti)
    except PermissionError as e:
        _fjern(tmp)
        raise SkriveError(
            f"Kan ikke skrive «{sti}»: filen er kanskje åpen i Word, Excel eller et annet "
            "program. Lukk den og prøv igjen."
        ) from e
    except OSError as e:
        _fjern(tmp)
        raise SkriveError(f"Kan ikke skrive «{sti}»: {grunn(e)}.") from e
    except BaseException:
        _fjern(tmp)
        raise


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
