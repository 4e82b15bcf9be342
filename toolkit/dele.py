"""Make the documents ready to share: PDF, password, e-mail draft, anonymised copy.

Everything is made in memory (or, for LibreOffice, in a private folder beside
the targets) and checked before any file is written: an anonymised copy that
still names someone, a missing password for an e-mail, or a file in the way
stops the run with nothing written.
"""

from __future__ import annotations

import shutil
import tempfile
from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from pathlib import Path

from toolkit.definisjon import Skjemadefinisjon
from toolkit.errors import SkjemaverkError
from toolkit.innstillinger import STANDARD, Innstillinger
from toolkit.lag import DOKUMENTER, filnavn, render_dokumenter, sjekk_ledig, skriv_filer
from toolkit.modell import Skjemadata
from toolkit.render import Mal
from toolkit.skriv import lag_mappe

ANONYM_NAVN = "Anonym"


class AnonymError(SkjemaverkError):
    """The anonymised copy still holds something that identifies the pupil."""


@dataclass(frozen=True)
class Deling:
    """How the documents of one run leave the machine."""

    pdf: bool = False
    passord: str | None = None
    epost: tuple[str, ...] = ()
    ukryptert: bool = False
    anonym: bool = False


@dataclass
class Resultat:
    """What one form gave: the files written, and what the user should know."""

    filer: list[Path] = field(default_factory=list)
    merknader: list[str] = field(default_factory=list)


def sjekk_deling(deling: Deling) -> None:
    """Refuse a combination that would send documents in the clear by mistake."""
    if deling.epost:
        from toolkit.epost import sjekk_adresser

        sjekk_adresser(deling.epost)
        if deling.passord is None and not deling.ukryptert:
            raise SkjemaverkError(
                "Dokumentene legges ikke ved e-posten uten passord. Bruk --passord (anbefalt), "
                "eller --ukryptert hvis du virkelig vil sende dem uten.",
                exit_code=2,
            )


def lag_og_del(
    definisjon: Skjemadefinisjon,
    data: Skjemadata,
    ut_mappe: Path,
    deling: Deling,
    *,
    overskriv: bool = False,
    maler: Mapping[str, Mal | Path | str] | None = None,
    innstillinger: Innstillinger | None = None,
) -> Resultat:
    """Make the documents for `data` in the ways `deling` asks, and write them to `ut_mappe`."""
    sjekk_deling(deling)
    innstillinger = innstillinger or STANDARD
    resultat = Resultat()
    navn = opprinnelig_navn = " ".join(str(data.verdier.get("elev_navn") or "").split())
    forbudte: list[str] = []
    if deling.anonym:
        from toolkit.anonym import anonymiser, forbudte_verdier

        forbudte = forbudte_verdier(definisjon, data)
        data = anonymiser(definisjon, data)
        # Neither the school's name nor its logo may show in the anonymous copy.
        innstillinger = replace(innstillinger, skole_navn="", logo=None)
        navn = ANONYM_NAVN

    ut_mappe = Path(ut_mappe)
    docx = {dok: ut_mappe / filnavn(navn, dok) for dok in DOKUMENTER}
    pdf = {dok: sti.with_suffix(".pdf") for dok, sti in docx.items()} if deling.pdf else {}
    eml = ut_mappe / filnavn(navn, "e-postutkast", ".eml")
    sjekk_ledig([*docx.values(), *pdf.values(), *([eml] if deling.epost else [])], overskriv)

    innhold = render_dokumenter(definisjon, data, maler=maler, innstillinger=innstillinger)
    if deling.anonym:
        _sjekk_anonym(innhold, forbudte)

    filer: dict[Path, bytes] = {docx[dok]: innhold[dok] for dok in DOKUMENTER}
    if deling.pdf:
        pdfer = _til_pdf(innhold, ut_mappe, resultat)
        if deling.anonym and pdfer:
            _sjekk_anonym_pdf(pdfer, forbudte)
        filer.update({pdf[dok]: data_ for dok, data_ in pdfer.items()})

    if deling.passord is not None:
        from toolkit.beskytt import krypter_docx, krypter_pdf

        filer = {
            sti: (krypter_pdf if sti.suffix == ".pdf" else krypter_docx)(data_, deling.passord)
            for sti, data_ in filer.items()
        }

    if deling.epost:
        navnene = [v for v in (opprinnelig_navn, opprinnelig_navn.split(" ")[0]) if v]
        filer[eml] = _utkast(
            deling, filer, innstillinger, str(data.verdier.get("skole") or ""), navnene
        )
        if deling.passord is None:
            from toolkit.epost import ADVARSEL_UKRYPTERT

            resultat.merknader.append(ADVARSEL_UKRYPTERT)

    resultat.filer = skriv_filer(filer, overskriv=overskriv)
    return resultat


def _til_pdf(innhold: dict[str, bytes], ut_mappe: Path, resultat: Resultat) -> dict[str, bytes]:
    """Convert the documents in one LibreOffice start; {} with a note when it is missing."""
    from toolkit.pdf import LibreOfficeManglerError, til_pdf

    # The documents hold a child's data: the work folder is private and lies beside
    # the targets, not in a shared temporary folder.
    lag_mappe(ut_mappe)
    arbeid = Path(tempfile.mkdtemp(prefix=".skjemaverk-", dir=ut_mappe))
    try:
        kilder = []
        for dok, data in innhold.items():
            sti = arbeid / f"{dok}.docx"
            sti.write_bytes(data)
            kilder.append(sti)
        try:
            pdfer = til_pdf(kilder, arbeid)
        except LibreOfficeManglerError as e:
            resultat.merknader.append(f"{e.melding} Word-dokumentene er laget likevel.")
            return {}
        return {dok: sti.read_bytes() for dok, sti in zip(innhold, pdfer, strict=True)}
    finally:
        shutil.rmtree(arbeid, ignore_errors=True)


def _sjekk_anonym(innhold: dict[str, bytes], forbudte: list[str]) -> None:
    from toolkit.anonym import sjekk_anonym

    for dok, data in innhold.items():
        funnet = sjekk_anonym(data, forbudte)
        if funnet:
            _nekt(dok, funnet)


def _sjekk_anonym_pdf(pdfer: dict[str, bytes], forbudte: list[str]) -> None:
    import io
    import re

    from pypdf import PdfReader

    for dok, data in pdfer.items():
        leser = PdfReader(io.BytesIO(data))
        tekst = "\n".join(side.extract_text() or "" for side in leser.pages)
        tekst += "\n" + "\n".join(str(v) for v in (leser.metadata or {}).values())
        funnet = [
            v
            for v in forbudte
            if re.search(rf"(?<!\w){re.escape(v)}(?!\w)", tekst, flags=re.IGNORECASE)
        ]
        if funnet:
            _nekt(f"{dok} (PDF)", funnet)


def _nekt(dokument: str, funnet: list[str]) -> None:
    eksempler = ", ".join(f"«{v}»" for v in funnet[:3])
    raise AnonymError(
        f"Den anonyme kopien av {dokument} inneholder fortsatt noe som kan identifisere "
        f"eleven ({eksempler}), og blir ikke laget. Skriv om fritekstene i skjemaet slik at "
        "navnene ikke står der, eller del dokumentet på en annen måte."
    )


def _utkast(
    deling: Deling,
    filer: dict[Path, bytes],
    innstillinger: Innstillinger,
    skole: str,
    forbudte: list[str],
) -> bytes:
    """Return the e-mail draft; the attachments get neutral names, without the pupil's."""
    from toolkit.epost import brodtekst, lag_utkast

    vedlegg = {f"{DOKUMENTER[_dokument(sti)][1]}{sti.suffix}": data for sti, data in filer.items()}
    return lag_utkast(
        list(deling.epost),
        vedlegg,
        innstillinger.epost.emne,
        brodtekst(innstillinger.epost.tekst, innstillinger.skole_navn or skole),
        ukryptert=deling.ukryptert,
        forbudte=forbudte,
    )


def _dokument(sti: Path) -> str:
    for dok in DOKUMENTER:
        if sti.stem.endswith(f" - {dok}"):
            return dok
    raise ValueError(sti)
