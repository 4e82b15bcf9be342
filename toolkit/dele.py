"""Make the documents ready to share: PDF, password, e-mail draft, anonymised copy.

Everything is made in memory (or, for LibreOffice, in the run's private work
folder beside the targets, see toolkit.arbeidsmappe) and checked before any
file is written: an anonymised copy that still names someone, a missing
password for an e-mail, or a file in the way stops the run with nothing written.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from datetime import date, datetime
from pathlib import Path

from toolkit.definisjon import Skjemadefinisjon
from toolkit.dokumenter import render_dokumenter, skal_lages
from toolkit.errors import SkjemaverkError
from toolkit.innstillinger import STANDARD, Innstillinger
from toolkit.kontekst import skole_felt
from toolkit.modell import Skjemadata
from toolkit.render import Mal
from toolkit.skriv import filnavn, lag_mappe, med_fast_tid, sjekk_ledig, skriv_filer

ANONYM_NAVN = "Anonym"
_NYE_FORSOK = 5  # new random date shifts before an anonymous copy is given up
_DATO = re.compile(r"\d{2}\.\d{2}\.\d{4}")


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


@dataclass
class Jobb:
    """One form's documents on their way out: made and checked, not yet written."""

    deling: Deling
    overskriv: bool
    innstillinger: Innstillinger
    skole: str
    docx: dict[str, Path]
    # Attachment names say what the document is, not whom it is about ("Rapport").
    vedlegg: dict[str, str] = field(default_factory=dict)
    innhold: dict[str, bytes] = field(default_factory=dict)
    eml: Path | None = None
    elevnavn: list[str] = field(default_factory=list)
    forbudte: list[str] = field(default_factory=list)
    pdfer: dict[str, bytes] = field(default_factory=dict)
    tidspunkt: datetime | None = None  # when the documents say they were made

    @property
    def pdf(self) -> dict[str, Path]:
        return {dok: sti.with_suffix(".pdf") for dok, sti in self.docx.items()}

    @property
    def maal(self) -> list[Path]:
        """Every file this job may write."""
        pdf = list(self.pdf.values()) if self.deling.pdf else []
        return [*self.docx.values(), *pdf, *([self.eml] if self.eml else [])]


def forbered(
    definisjon: Skjemadefinisjon,
    data: Skjemadata,
    ut_mappe: Path,
    deling: Deling,
    *,
    overskriv: bool = False,
    maler: Mapping[str, Mal] | None = None,
    innstillinger: Innstillinger | None = None,
    anonym_nummer: int | None = None,
) -> Jobb:
    """Render the documents for `data` and check that they may be written; write nothing.

    `anonym_nummer` tells anonymised copies of several forms in one run apart
    ("Anonym 2 - plan.docx").
    """
    sjekk_deling(deling)
    innstillinger = innstillinger or STANDARD
    navnefelt = definisjon.navn_felt
    navn = elevnavn = " ".join(str(data.verdier.get(navnefelt) or "").split()) if navnefelt else ""
    forbudte: list[str] = []
    opprinnelig = data
    tidspunkt: datetime | None = None
    if deling.anonym:
        from toolkit.anonym import anonymiser, forbudte_verdier

        forbudte = forbudte_verdier(definisjon, data)
        data = anonymiser(definisjon, data)
        # Neither the school's name nor its logo may show in the anonymous copy.
        innstillinger = replace(innstillinger, skole_navn="", logo=None)
        navn = ANONYM_NAVN if anonym_nummer is None else f"{ANONYM_NAVN} {anonym_nummer}"

    ut_mappe = Path(ut_mappe)
    dokumenter = [d for d in definisjon.dokumenter if skal_lages(d, data)]
    jobb = Jobb(
        deling=deling,
        overskriv=overskriv,
        innstillinger=innstillinger,
        skole=_skole(definisjon, data),
        docx={dok.key: ut_mappe / filnavn(navn, dok.filnavn) for dok in dokumenter},
        vedlegg={dok.key: dok.vedlegg for dok in dokumenter},
        eml=ut_mappe / filnavn(navn, "e-postutkast", ".eml") if deling.epost else None,
        elevnavn=[v for v in (elevnavn, elevnavn.split(" ")[0]) if v],
        forbudte=forbudte,
    )
    sjekk_ledig(jobb.maal, overskriv)
    if deling.anonym:
        tidspunkt = _forskjovet_naa(definisjon, opprinnelig, data)

    def render(data: Skjemadata) -> dict[str, bytes]:
        return render_dokumenter(
            data,
            definisjon=definisjon,
            maler=maler,
            innstillinger=innstillinger,
            tidspunkt=tidspunkt,
        ).innhold

    jobb.innhold = render(data)
    for _ in range(_NYE_FORSOK if deling.anonym else 0):
        funnet = _funnet_anonym(jobb.innhold, forbudte)
        if not funnet or not all(_DATO.fullmatch(v) for _, v in funnet):
            break
        # A date made from the shifted ones (an evaluation moved past a holiday,
        # say) happened to equal a date of the form: shift by another random amount.
        data = anonymiser(definisjon, opprinnelig)
        tidspunkt = _forskjovet_naa(definisjon, opprinnelig, data)
        jobb.innhold = render(data)
    jobb.tidspunkt = tidspunkt
    if tidspunkt is not None:
        # The zip's own time stamps would tell the real date of the run.
        jobb.innhold = {dok: med_fast_tid(data, tidspunkt) for dok, data in jobb.innhold.items()}
    if deling.anonym:
        _sjekk_anonym(jobb.innhold, forbudte)
    return jobb


def _skole(definisjon: Skjemadefinisjon, data: Skjemadata) -> str:
    key = skole_felt(definisjon)
    return str(data.verdier.get(key) or "") if key else ""


def lag_pdfer(jobber: list[Jobb]) -> list[str]:
    """Convert every document of `jobber` to PDF in ONE start of LibreOffice.

    The Word working copies, LibreOffice's profile and temporary files and the
    PDFs live in one private work folder beside the targets, removed however
    the run ends (toolkit.arbeidsmappe); the PDFs go on in memory. Returns what
    the user should know: that work files a killed run left there were
    removed, or why no PDF could be made (LibreOffice is missing or failed);
    the Word documents are then made all the same.
    """
    from toolkit.arbeidsmappe import arbeidsmappe, rydd_etterlatte
    from toolkit.pdf import LibreOfficeManglerError, PdfError, konverter, krev_soffice

    if not jobber:
        return []
    mappe = next(iter(jobber[0].docx.values())).parent.resolve()
    lag_mappe(mappe)
    merknader = [m for m in (rydd_etterlatte(mappe),) if m]
    try:
        soffice = krev_soffice()
        with arbeidsmappe(mappe) as arbeid:
            kopier = arbeid / "dok"
            kopier.mkdir(mode=0o700)
            kilder: list[tuple[Jobb, str, Path]] = []
            for i, jobb in enumerate(jobber):
                for dok, data in jobb.innhold.items():
                    # Numbered, not named: no pupil's name in LibreOffice's command line.
                    sti = kopier / f"{i}-{dok}.docx"
                    sti.write_bytes(data)
                    kilder.append((jobb, dok, sti))
            pdfer = konverter([sti for _, _, sti in kilder], arbeid, soffice)
            for (jobb, dok, _), pdf in zip(kilder, pdfer, strict=True):
                jobb.pdfer[dok] = pdf.read_bytes()
    except LibreOfficeManglerError as e:
        return [*merknader, f"{e.melding} Word-dokumentene er laget likevel."]
    except PdfError:
        return [
            *merknader,
            "LibreOffice klarte ikke å lage PDF-ene. Word-dokumentene er laget likevel; "
            "åpne dem i Word og velg Fil › Lagre som › PDF, eller prøv igjen senere.",
        ]
    return merknader


def fullfor(jobb: Jobb) -> Resultat:
    """Protect, attach and write what `jobb` made; return the files written."""
    deling = jobb.deling
    resultat = Resultat()
    if deling.anonym and jobb.pdfer:
        if jobb.tidspunkt is not None:
            jobb.pdfer = {dok: _pdf_tid(data, jobb.tidspunkt) for dok, data in jobb.pdfer.items()}
        _sjekk_anonym_pdf(jobb.pdfer, jobb.forbudte)
    filer: dict[Path, bytes] = {jobb.docx[dok]: data for dok, data in jobb.innhold.items()}
    filer.update({jobb.pdf[dok]: data for dok, data in jobb.pdfer.items()})

    if deling.passord is not None:
        from toolkit.beskytt import krypter_docx, krypter_pdf

        filer = {
            sti: (krypter_pdf if sti.suffix == ".pdf" else krypter_docx)(data, deling.passord)
            for sti, data in filer.items()
        }

    if jobb.eml is not None:
        filer[jobb.eml] = _utkast(jobb, filer)
        if deling.passord is None:
            from toolkit.epost import ADVARSEL_UKRYPTERT

            resultat.merknader.append(ADVARSEL_UKRYPTERT)

    resultat.filer = skriv_filer(filer, overskriv=jobb.overskriv)
    return resultat


def _forskjovet_naa(
    definisjon: Skjemadefinisjon, opprinnelig: Skjemadata, anonym: Skjemadata
) -> datetime | None:
    """Return now, moved as the anonymous copy's dates were, so no real date shows."""
    if definisjon.dato_felt is None:
        return None
    fra = opprinnelig.verdier.get(definisjon.dato_felt)
    til = anonym.verdier.get(definisjon.dato_felt)
    if not isinstance(fra, date) or not isinstance(til, date):
        return None
    return datetime.now() + (til - fra)


def _pdf_tid(data: bytes, tidspunkt: datetime) -> bytes:
    """Return the PDF with its creation and change times set to `tidspunkt`."""
    import io

    from pypdf import PdfReader, PdfWriter

    skriver = PdfWriter(clone_from=PdfReader(io.BytesIO(data)))
    stempel = tidspunkt.strftime("D:%Y%m%d%H%M%S")
    skriver.add_metadata({"/CreationDate": stempel, "/ModDate": stempel})
    ut = io.BytesIO()
    skriver.write(ut)
    return ut.getvalue()


def _funnet_anonym(innhold: dict[str, bytes], forbudte: list[str]) -> list[tuple[str, str]]:
    """Return (document, value) for every forbidden value found in the documents."""
    from toolkit.anonym import sjekk_anonym

    return [(dok, v) for dok, data in innhold.items() for v in sjekk_anonym(data, forbudte)]


def _sjekk_anonym(innhold: dict[str, bytes], forbudte: list[str]) -> None:
    funnet = _funnet_anonym(innhold, forbudte)
    if funnet:
        _nekt(funnet[0][0], [v for dok, v in funnet if dok == funnet[0][0]])


def _sjekk_anonym_pdf(pdfer: dict[str, bytes], forbudte: list[str]) -> None:
    import io

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


def _utkast(jobb: Jobb, filer: dict[Path, bytes]) -> bytes:
    """Return the e-mail draft; the attachments get neutral names, without the pupil's."""
    from toolkit.epost import brodtekst, lag_utkast

    epost = jobb.innstillinger.epost
    hvilket = {sti: dok for dok, sti in jobb.docx.items()} | {
        sti: dok for dok, sti in jobb.pdf.items()
    }
    vedlegg = {
        f"{jobb.vedlegg[hvilket[sti]]}{sti.suffix}": data
        for sti, data in filer.items()
        if sti in hvilket
    }
    return lag_utkast(
        list(jobb.deling.epost),
        vedlegg,
        epost.emne,
        brodtekst(
            epost.tekst if jobb.deling.passord is not None else epost.tekst_ukryptert,
            jobb.innstillinger.skole_navn or jobb.skole,
        ),
        ukryptert=jobb.deling.ukryptert,
        forbudte=jobb.elevnavn,
    )
