"""Make the two Word documents of a filled form and write them safely.

`lag_dokumenter` renders the mapping report and the return plan, then writes
both through a temporary file in the target folder and `os.replace`, so a
reader never sees half a document. It refuses to overwrite an existing file
unless asked, and checks both targets before it writes either.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Mapping
from datetime import datetime
from pathlib import Path

from toolkit.definisjon import Skjemadefinisjon
from toolkit.errors import SkriveError
from toolkit.innstillinger import STANDARD, Innstillinger
from toolkit.kontekst import bygg_kontekst
from toolkit.modell import Skjemadata
from toolkit.render import Mal, hent_mal
from toolkit.ressurser import maler_mappe
from toolkit.skriv import lag_mappe, skriv_atomisk

# Document kind -> (template file, document title in the properties, file name suffix).
DOKUMENTER: dict[str, tuple[str, str]] = {
    "kartleggingsrapport": ("kartleggingsrapport.docx", "Kartleggingsrapport"),
    "plan": ("plan.docx", "Plan for å komme tilbake til skolen"),
}

_ULOVLIG = re.compile(r'[<>:"/\\|?*\x00-\x1f\x7f-\x9f]')
_RESERVERT = {"CON", "PRN", "AUX", "NUL"} | {
    f"{n}{i}" for n in ("COM", "LPT") for i in (*"123456789", "¹", "²", "³")
}
_MAKS_NAVN = 80


def trygt_filnavn(tekst: str) -> str:
    """Return `tekst` as a file name part that works on Windows; keeps æøå.

    Removes <>:"/\\|?* and control characters, folds whitespace, trims
    trailing dots and spaces, and avoids reserved names such as CON.
    """
    tekst = unicodedata.normalize("NFC", tekst)
    tekst = _ULOVLIG.sub(" ", tekst)
    tekst = " ".join(tekst.split())
    tekst = tekst[:_MAKS_NAVN].strip(" .")
    stamme, punktum, resten = tekst.partition(".")
    if stamme.strip().upper() in _RESERVERT:
        tekst = f"{stamme.strip()}_{punktum}{resten}"
    return tekst


def filnavn(elev_navn: str, dokument: str, endelse: str = ".docx") -> str:
    """Return e.g. "Amin Hassan - kartleggingsrapport.docx"."""
    navn = trygt_filnavn(elev_navn) or "Elev"
    return f"{navn} - {dokument}{endelse}"


def _mal(maler: Mapping[str, Mal | Path | str] | None, dokument: str) -> Mal:
    valgt = (maler or {}).get(dokument)
    if isinstance(valgt, Mal):
        return valgt
    return hent_mal(Path(valgt) if valgt else maler_mappe() / DOKUMENTER[dokument][0])


def render_dokumenter(
    definisjon: Skjemadefinisjon,
    data: Skjemadata,
    *,
    maler: Mapping[str, Mal | Path | str] | None = None,
    innstillinger: Innstillinger | None = None,
    tidspunkt: datetime | None = None,
) -> dict[str, bytes]:
    """Render the mapping report and the plan for `data` in memory, report first.

    `maler` may give another template (a path or a prepared `Mal`) for
    "kartleggingsrapport" and/or "plan". `innstillinger` gives the school
    calendar and thresholds for the absence picture, and the logo (default:
    the built-in settings). `tidspunkt` is the time the documents say they were
    made (default: now). Raises MalError if a template cannot be used.
    """
    kontekst = bygg_kontekst(
        definisjon,
        data,
        innstillinger=innstillinger or STANDARD,
        idag=tidspunkt.date() if tidspunkt else None,
    )
    return {
        dok: _mal(maler, dok).render(kontekst, tittel=tittel, tidspunkt=tidspunkt)
        for dok, (_fil, tittel) in DOKUMENTER.items()
    }


def sjekk_ledig(filer: Iterable[Path], overskriv: bool) -> None:
    """Raise SkriveError if one of `filer` exists and may not be replaced."""
    filer = list(filer)
    for sti in filer:
        if sti.exists() and not sti.is_file():
            raise SkriveError(f"«{sti}» finnes allerede og er ikke en fil.")
    finnes = [sti for sti in filer if sti.exists()]
    if finnes and not overskriv:
        navn = " og ".join(f"«{sti.name}»" for sti in finnes)
        mappe = finnes[0].parent
        raise SkriveError(
            f"{navn} finnes allerede i «{mappe}». "
            "Bruk --overskriv for å erstatte, eller velg en annen mappe."
        )


def skriv_filer(filer: Mapping[Path, bytes], *, overskriv: bool = False) -> list[Path]:
    """Write every file atomically, after checking that none is in the way."""
    sjekk_ledig(filer, overskriv)
    for sti in filer:
        lag_mappe(sti.parent)
    for sti, innhold in filer.items():
        skriv_atomisk(sti, innhold)
    return list(filer)


def lag_dokumenter(
    definisjon: Skjemadefinisjon,
    data: Skjemadata,
    ut_mappe: Path,
    *,
    overskriv: bool = False,
    maler: Mapping[str, Mal | Path | str] | None = None,
    innstillinger: Innstillinger | None = None,
) -> list[Path]:
    """Write the mapping report and the plan for `data` to `ut_mappe`.

    See `render_dokumenter` for `maler` and `innstillinger`. Returns the
    written paths, report first. Raises SkriveError if a target exists (unless
    `overskriv`) or cannot be written, and MalError if a template cannot be
    used; then nothing is written.
    """
    ut_mappe = Path(ut_mappe)
    elev = str(data.verdier.get("elev_navn") or "")
    mål = {dok: ut_mappe / filnavn(elev, dok) for dok in DOKUMENTER}
    sjekk_ledig(mål.values(), overskriv)
    # Render both before writing either: a template error leaves no half result.
    innhold = render_dokumenter(definisjon, data, maler=maler, innstillinger=innstillinger)
    return skriv_filer({mål[dok]: innhold[dok] for dok in DOKUMENTER}, overskriv=overskriv)
