"""Make the documents ready to share: PDF, password, e-mail draft, anonymised copy.

Everything is made in memory (or, for LibreOffice, in the run's private work
folder beside the targets, see toolkit.arbeidsmappe) and checked before any
file is written: an anonymised copy that still names someone, a missing
password for an e-mail, or a file in the way stops the run with nothing written.
"""

from __future__ import annotations

import io
from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from datetime import datetime
from pathlib import Path

from toolkit import tekst
from toolkit.anonym import TIDSPUNKT, Anonymisert, Lekkasje, Sjekker, anonymiser
from toolkit.avledning import Avledet, grunnlag
from toolkit.definisjon import Dokument, Skjemadefinisjon
from toolkit.dokumenter import filnavn_dato, render_dokumenter, skal_lages
from toolkit.errors import SkjemaverkError
from toolkit.innstillinger import STANDARD, Innstillinger
from toolkit.kontekst import beregn_avledninger, skole_felt
from toolkit.modell import Skjemadata
from toolkit.render import Mal
from toolkit.skriv import (
    filnavn,
    grunn,
    lag_mappe,
    med_fast_tid,
    sjekk_ledig,
    skriv_filer,
)

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
    # The anonymised copy's last guard; None for the named documents.
    sjekker: Sjekker | None = None
    pdfer: dict[str, bytes] = field(default_factory=dict)

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
    anonym: Anonymisert | None = None
    beregnet: list[tuple[Avledet, object]] | None = None
    if deling.anonym:
        # The figures come from the real form, once, so the copy says what the report says.
        beregnet = beregn_avledninger(definisjon, grunnlag(definisjon, data, innstillinger))
        anonym = anonymiser(definisjon, data, forbudte=[innstillinger.skole_navn])
        data = anonym.data
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
        docx={
            dok.key: ut_mappe / filnavn(navn, _dokumentnavn(dok, data, anonym is not None))
            for dok in dokumenter
        },
        vedlegg={dok.key: dok.vedlegg for dok in dokumenter},
        eml=ut_mappe / filnavn(navn, "e-postutkast", ".eml") if deling.epost else None,
        elevnavn=[v for v in (elevnavn, elevnavn.split(" ")[0]) if v],
        sjekker=anonym.sjekker if anonym is not None else None,
    )
    sjekk_ledig(jobb.maal, overskriv)
    jobb.innhold = render_dokumenter(
        data,
        definisjon=definisjon,
        maler=maler,
        innstillinger=innstillinger,
        tidspunkt=TIDSPUNKT if anonym is not None else None,
        visning=anonym.visning if anonym is not None else None,
        beregnet=beregnet,
    ).innhold
    if anonym is not None:
        # The zip's own time stamps would tell when the copy was made.
        jobb.innhold = {dok: med_fast_tid(data, TIDSPUNKT) for dok, data in jobb.innhold.items()}
        _sjekk_anonym(jobb, anonym.sjekker)
    return jobb


def _dokumentnavn(dok: Dokument, data: Skjemadata, anonym: bool) -> str:
    """ "evalueringsnotat 26.11.2026": a document made once per meeting keeps the ones
    before; the anonymised copy has no date."""
    dag = None if anonym else filnavn_dato(dok, data)
    return f"{dok.filnavn} {tekst.dato(dag)}" if dag else dok.filnavn


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
    if jobb.sjekker is not None and jobb.pdfer:
        # LibreOffice stamps the time of the run; the copy carries the one fixed time.
        jobb.pdfer = {dok: _pdf_tid(data, TIDSPUNKT) for dok, data in jobb.pdfer.items()}
        _sjekk_anonym_pdf(jobb, jobb.sjekker)
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
    resultat.merknader += _fjern_gamle_pdfer(jobb)
    return resultat


def _fjern_gamle_pdfer(jobb: Jobb) -> list[str]:
    """Remove the PDF of a replaced document when no new PDF could be made for it.

    An old PDF beside a new Word document would be sent as if it were the new one.
    """
    if not jobb.deling.pdf:
        return []
    merknader = []
    for dok, sti in jobb.pdf.items():
        if dok in jobb.pdfer or dok not in jobb.innhold or not sti.is_file():
            continue
        try:
            sti.unlink()
        except OSError as e:
            merknader.append(
                f"Merk: «{sti.name}» er fra før og stemmer ikke med det nye Word-dokumentet, "
                f"men kunne ikke fjernes ({grunn(e)}). Slett den før du deler dokumentene."
            )
        else:
            merknader.append(
                f"Fjernet den gamle «{sti.name}»: den stemte ikke med det nye Word-dokumentet."
            )
    return merknader


def _pdf_tid(data: bytes, tidspunkt: datetime) -> bytes:
    """Return the PDF with its creation and change times set to `tidspunkt`, and no XMP.

    LibreOffice writes the time of the run into the document information and
    into an XMP metadata stream; the stream goes, the two times are replaced.
    """
    from pypdf import PdfReader, PdfWriter
    from pypdf.generic import NameObject

    skriver = PdfWriter(clone_from=PdfReader(io.BytesIO(data)))
    katalog = skriver._root_object
    if NameObject("/Metadata") in katalog:
        del katalog[NameObject("/Metadata")]
    stempel = tidspunkt.strftime("D:%Y%m%d%H%M%S")
    skriver.add_metadata({"/CreationDate": stempel, "/ModDate": stempel})
    ut = io.BytesIO()
    skriver.write(ut)
    return ut.getvalue()


def _sjekk_anonym(jobb: Jobb, sjekker: Sjekker) -> None:
    """Refuse the copy if a file name or a Word document holds something forbidden."""
    lekkasjer = sjekker.filnavn(sti.name for sti in jobb.maal)
    if lekkasjer:
        _nekt("filnavnene", lekkasjer)
    for dok, data in jobb.innhold.items():
        lekkasjer = sjekker.docx(data)
        if lekkasjer:
            _nekt(f"«{jobb.docx[dok].name}»", lekkasjer)


def _sjekk_anonym_pdf(jobb: Jobb, sjekker: Sjekker) -> None:
    """Refuse the copy if a PDF holds something forbidden (checked as the Word documents)."""
    for dok, data in jobb.pdfer.items():
        lekkasjer = sjekker.pdf(data)
        if lekkasjer:
            _nekt(f"«{jobb.pdf[dok].name}»", lekkasjer)


def _nekt(dokument: str, lekkasjer: list[Lekkasje]) -> None:
    """Stop the run: say what was found where, and what to do."""
    eksempler = "; ".join(f"{x.hva} («{x.verdi}») i {x.sted}" for x in lekkasjer[:3])
    flere = f" og {len(lekkasjer) - 3} til" if len(lekkasjer) > 3 else ""
    raise AnonymError(
        f"Den anonyme kopien er ikke laget: {dokument} inneholder fortsatt noe som kan "
        f"identifisere eleven: {eksempler}{flere}. Skriv om det i skjemaet (eller i malen), "
        "eller del dokumentet på en annen måte."
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
