"""The field list as a Word document, for people who write their own templates.

`lag_feltdokument` writes a .docx (`skjemaverk felter --docx FIL`) that lists
every field of the form with its template code (`{{ elev_navn }}`), label,
type and an example value, the table columns, the derived values (plan
title, genitive, measures side by side, the absence figures and charts …),
and worked examples to copy: a loop over the measures in a table, a
condition, and a chart. Every code in it is valid, so the document itself
passes `skjemaverk sjekk-mal`.

Example values come from Amin's example form (`eksempler/amin.xlsx`) when it
is there, otherwise from `toolkit.malsjekk.eksempeldata`.
"""

from __future__ import annotations

import io
from collections.abc import Mapping
from pathlib import Path

from docx import Document
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Mm, Pt, RGBColor

from toolkit.definisjon import Felt, Skjemadefinisjon, standard_definisjon
from toolkit.errors import SkriveError
from toolkit.felter import TYPENAVN as _TYPENAVN
from toolkit.kontekst import AVLEDEDE_KEYS, bygg_kontekst
from toolkit.malsjekk import eksempeldata
from toolkit.skriv import skriv_atomisk
from toolkit.wordstil import SPRAK, sett_sprak

__all__ = ["lag_feltdokument"]

KODEFONT = "Consolas"
_GRA = RGBColor(0x59, 0x59, 0x59)
_MAKS_EKSEMPEL = 90


# What each derived value is, in words; a key missing here is still listed.
_AVLEDET = {
    "elev_fornavn": "Elevens fornavn (første ord i navnet).",
    "elev_genitiv": "Fornavnet i genitiv: Amins, Jonas'.",
    "elev_navn_genitiv": "Hele navnet i genitiv.",
    "plan_tittel": "Tittelen på planen: «Amins plan for å komme tilbake til skolen».",
    "trinn_klasse": "Trinn og klasse sammen: «5. trinn, 5B».",
    "faktorer": "De åtte faktorene, hver med navn, beskrivelse og vurdering.",
    "faktorer_risiko": "Faktorene som er vurdert som risiko.",
    "faktorer_beskyttende": "Faktorene som er vurdert som beskyttende.",
    "faktorer_begge": "Faktorene som er vurdert som både og.",
    "push_ja": "Pushfaktorene som er besvart ja, med spørsmål og beskrivelse.",
    "pull_ja": "Pullfaktorene som er besvart ja, med spørsmål og beskrivelse.",
    "tiltak_alle": "Alle tiltak som er fylt ut.",
    "tiltak_per_omrade": "Tiltakene gruppert per område: skolen, hjemmet, eleven, "
    "hjelpetjenestene.",
    "tiltak_rader": "Tiltakene side om side: hver rad har skolen, hjemmet, eleven og "
    "hjelpetjenestene, hver med kolonnene til tiltak.",
    "tiltak_uten_omrade": "Tiltak der området ikke er valgt.",
    "har_tiltak": "Sann når minst ett tiltak er fylt ut (brukes i vilkår).",
    "omrader": "De fire områdene: Skolen, Hjemmet, Eleven, Hjelpetjenestene.",
    "evalueringer": "Neste møte og evalueringene etter det, hver med hva og dato.",
    "fravaer_rader": "Alle fraværsregistreringer, hver med kolonnene til fravaer.",
    "fravaer_dager": "Antall hele dager borte.",
    "fravaer_timer": "Antall enkelttimer borte.",
    "fravaer_for_sent": "Antall ganger for sent.",
    "fravaer_antall": "Antall registreringer.",
    "har_fravaer": "Sann når noe fravær er registrert (brukes i vilkår).",
    "fravaer_oppsummering": "Fraværet i ord: «2 hele dager, 5 enkelttimer og 1 gang for sent».",
    "fravaer_fra": "Første dato med fravær.",
    "fravaer_til": "Siste dato med fravær.",
    "fravaer_til_dato": "Datoen fraværet er regnet fram til.",
    "fravaer_tall": "Tallene i fraværsbildet, hver med hva og verdi.",
    "fravaer_prosent": "Fraværet i prosent av skoledagene.",
    "fravaer_prosent_merknad": "Hvordan prosenten er regnet ut.",
    "fravaer_skolear": "Skoleåret som er brukt: fra–til.",
    "fravaer_monster": "Mønstre i fraværet, i ord.",
    "fravaer_varsler": "Tersklene for tidlig varsel som er passert.",
    "fravaer_varsler_kort": "De passerte tersklene i én linje.",
    "fravaer_terskler": "Tersklene for tidlig varsel, i ord.",
    "fravaer_ukedager": "Fraværet per ukedag.",
    "fravaer_fag": "Fraværet per fag.",
    "fravaer_laerere": "Fraværet per lærer.",
    "fravaer_typer": "Fraværet per type fravær, med årsakene.",
    "fravaer_diagram_ukedag": "Diagram: fravær per ukedag (et bilde).",
    "fravaer_diagram_fag": "Diagram: fravær per fag (et bilde).",
    "fravaer_diagram_uker": "Diagram: fravær uke for uke (et bilde).",
    "fravaer_diagrammer": "Alle diagrammene som er tegnet, som en liste.",
    "logo": "Skolens logo fra innstillingene (et bilde), tom når ingen logo er satt.",
    "prinsipper": "De tre prinsippene i planen, hver med navn og tekst.",
    "skjema_tittel": "Tittelen på skjemaet.",
    "generert_dato": "Datoen dokumentet ble laget.",
}


# -- example values ------------------------------------------------------------------------


def _amin() -> Path:
    return Path(__file__).resolve().parent.parent / "eksempler" / "amin.xlsx"


def _eksempelkontekst(definisjon: Skjemadefinisjon, eksempel: Path | None) -> dict[str, object]:
    """Return a context to take example values from: Amin's form, or made-up values."""
    from toolkit.les import les_skjema

    sti = eksempel or _amin()
    if sti.is_file():
        try:
            return bygg_kontekst(definisjon, les_skjema(sti, definisjon=definisjon))
        except Exception:  # an example that cannot be read only means made-up values
            pass
    return bygg_kontekst(definisjon, eksempeldata(definisjon))


def _er_bilde(verdi: object) -> bool:
    return hasattr(verdi, "alt") and hasattr(verdi, "data")


def _kort(tekst: str) -> str:
    tekst = " ".join(tekst.split())
    return tekst if len(tekst) <= _MAKS_EKSEMPEL else tekst[: _MAKS_EKSEMPEL - 1] + "…"


def _eksempel(verdi: object) -> str:
    """Return an example value as a person reads it in the list."""
    if _er_bilde(verdi):
        return f"(et bilde: {_kort(str(verdi.alt))})" if verdi.alt else "(et bilde)"  # type: ignore[attr-defined]
    if isinstance(verdi, bool):
        return "sann" if verdi else "usann"
    if isinstance(verdi, Mapping):
        return "grupper: " + ", ".join(str(k) for k in verdi)
    if isinstance(verdi, list):
        if not verdi:
            return "(tom liste i eksemplet)"
        rader = "1 rad" if len(verdi) == 1 else f"{len(verdi)} rader"
        forste = verdi[0]
        if isinstance(forste, Mapping):
            return f"{rader}; hver har: " + ", ".join(str(k) for k in forste)
        if _er_bilde(forste):
            return f"{rader} (bilder)"
        return f"{rader}: " + _kort(", ".join(str(v) for v in verdi))
    return _kort(str(verdi)) if str(verdi) else "(tomt i eksemplet)"


def _felteksempel(felt: Felt, kontekst: Mapping[str, object]) -> str:
    verdi = kontekst.get(felt.key, "")
    if verdi not in ("", None):
        return _eksempel(verdi)
    if felt.valg:
        return f"for eksempel {felt.valg[0]}"
    if felt.forslag:
        return f"for eksempel {felt.forslag[0]}"
    return "(tomt i eksemplet)"


# -- building blocks --------------------------------------------------------------------------


def _kode(paragraf, tekst: str):
    run = paragraf.add_run(tekst)
    run.font.name = KODEFONT
    run.font.size = Pt(9.5)
    rfonts = run._r.get_or_add_rPr().get_or_add_rFonts()
    rfonts.set(qn("w:cs"), KODEFONT)
    rfonts.set(qn("w:eastAsia"), KODEFONT)
    return run


def _avsnitt(doc, *deler: str | tuple[str]) -> object:
    """A paragraph of text pieces; a 1-tuple is template code (in a monospace font)."""
    p = doc.add_paragraph()
    for del_ in deler:
        if isinstance(del_, tuple):
            _kode(p, del_[0])
        else:
            p.add_run(del_)
    return p


def _kodeavsnitt(doc, tekst: str) -> object:
    p = doc.add_paragraph()
    p.paragraph_format.space_after = Pt(0)
    p.paragraph_format.left_indent = Mm(6)
    _kode(p, tekst)
    return p


def _merknad(doc, tekst: str) -> None:
    p = doc.add_paragraph()
    run = p.add_run(tekst)
    run.font.size = Pt(9)
    run.font.color.rgb = _GRA


def _gjenta_overskrift(rad) -> None:
    trpr = rad._tr.get_or_add_trPr()
    el = OxmlElement("w:tblHeader")
    el.set(qn("w:val"), "true")
    trpr.append(el)


def _tabell(doc, overskrifter: list[str], rader: list[list[str]], bredder: list[float], kode=(0,)):
    """A table with a repeated header row; columns in `kode` are set as template code."""
    t = doc.add_table(rows=1, cols=len(overskrifter))
    t.style = doc.styles["Table Grid"]
    t.alignment = WD_TABLE_ALIGNMENT.LEFT
    t.autofit = False
    _gjenta_overskrift(t.rows[0])
    for celle, tekst in zip(t.rows[0].cells, overskrifter, strict=True):
        celle.paragraphs[0].add_run(tekst).bold = True
    for rad in rader:
        celler = t.add_row().cells
        for i, (celle, tekst) in enumerate(zip(celler, rad, strict=True)):
            p = celle.paragraphs[0]
            if i in kode:
                _kode(p, tekst)
            else:
                p.add_run(tekst).font.size = Pt(9.5)
    for rad in t.rows:
        for celle, bredde in zip(rad.cells, bredder, strict=True):
            celle.width = Mm(bredde)
    return t


def _lokketabell(doc, overskrifter: list[str], lokke: str, celler: list[str]) -> None:
    """A table whose middle row repeats: {%tr for %} and {%tr endfor %} rows around it."""
    t = doc.add_table(rows=4, cols=len(overskrifter))
    t.style = doc.styles["Table Grid"]
    _gjenta_overskrift(t.rows[0])
    for celle, tekst in zip(t.rows[0].cells, overskrifter, strict=True):
        celle.paragraphs[0].add_run(tekst).bold = True
    _kode(t.cell(1, 0).paragraphs[0], f"{{%tr for {lokke} %}}")
    for celle, tekst in zip(t.rows[2].cells, celler, strict=True):
        _kode(celle.paragraphs[0], tekst)
    _kode(t.cell(3, 0).paragraphs[0], "{%tr endfor %}")


# -- the document ------------------------------------------------------------------------------


def _innledning(doc, definisjon: Skjemadefinisjon) -> None:
    doc.add_paragraph("Feltliste for Word-maler", style="Title")
    _avsnitt(
        doc,
        f"Dette er alle feltene i «{definisjon.tittel}» (versjon {definisjon.versjon}) som "
        "du kan bruke i en egen Word-mal for kartleggingsrapporten eller planen. Skriv "
        "koden i den første kolonnen rett inn i malen, så settes verdien fra skjemaet inn "
        "der. For eksempel blir ",
        ("{{ elev_navn }}",),
        " til elevens navn.",
    )
    _avsnitt(
        doc,
        "Eksemplene er hentet fra et utfylt eksempelskjema. Kopier kodene herfra i stedet "
        "for å skrive dem av, og sjekk malen med ",
        ("skjemaverk sjekk-mal MAL.docx",),
        " før du bruker den. Veiledningen «Lag din egen mal» forklarer alt steg for steg.",
    )


def _felter(doc, definisjon: Skjemadefinisjon, kontekst: Mapping[str, object]) -> None:
    doc.add_heading("Feltene i skjemaet", level=1)
    _avsnitt(
        doc,
        "Datoer kommer som dd.mm.åååå, Ja/Nei-spørsmål som «Ja» eller «Nei», og et tomt "
        "felt som tom tekst.",
    )
    for del_ in definisjon.deler:
        if not del_.felter:
            continue
        doc.add_heading(del_.tittel, level=2)
        rader = [
            [
                "{{ " + f.key + " }}",
                f.etikett + (" (påkrevd)" if f.pakrevd else ""),
                _TYPENAVN.get(f.type, f.type),
                _felteksempel(f, kontekst),
            ]
            for f in del_.felter
        ]
        _tabell(doc, ["Kode", "Ledetekst i skjemaet", "Type", "Eksempel"], rader, [50, 56, 24, 36])
        doc.add_paragraph()
        _avsnitt(doc, "Vis en del bare når noe i den er fylt ut: ", (f"vis_{del_.key}",), ".")


def _tabeller(doc, definisjon: Skjemadefinisjon, kontekst: Mapping[str, object]) -> None:
    doc.add_heading("Tabellene i skjemaet", level=1)
    _avsnitt(
        doc,
        "En tabell er en liste med rader. Du går gjennom radene med en løkke, og inne i "
        "løkken skriver du navnet på raden, et punktum og kolonnen, for eksempel ",
        ("t.tiltak",),
        " mellom doble klammeparenteser. Se eksemplene lenger ned.",
    )
    for tabell in definisjon.tabeller:
        doc.add_heading(f"{tabell.etikett} ({tabell.key})", level=2)
        rader_i = kontekst.get(tabell.key) or []
        forste = rader_i[0] if isinstance(rader_i, list) and rader_i else {}
        bokstav = tabell.key[0]
        rader = [
            [
                f"{bokstav}.{k.key}",
                k.etikett,
                _TYPENAVN.get(k.type, k.type),
                _kort(str(forste.get(k.key, ""))) or "(tomt i eksemplet)",
            ]
            for k in tabell.kolonner
        ]
        _tabell(doc, ["Kolonne", "Ledetekst", "Type", "Eksempel"], rader, [40, 56, 30, 40])
        _merknad(doc, f"Løkken: for {bokstav} in {tabell.key}. Se eksemplene.")


def _avledede(doc, kontekst: Mapping[str, object]) -> None:
    doc.add_heading("Ferdig utregnede verdier", level=1)
    _avsnitt(
        doc,
        "Disse regner Skjemaverk ut fra skjemaet. Lister brukes i løkker, bilder settes inn "
        "med koden alene i et eget avsnitt.",
    )
    keys = list(AVLEDEDE_KEYS)
    rader = [
        ["{{ " + key + " }}", _AVLEDET.get(key, ""), _eksempel(kontekst.get(key, ""))]
        for key in keys
    ]
    _tabell(doc, ["Kode", "Hva det er", "Eksempel"], rader, [56, 62, 48])


def _eksempler(doc, kontekst: Mapping[str, object]) -> None:
    doc.add_heading("Eksempler å kopiere", level=1)

    doc.add_heading("En løkke over tiltakene i en tabell", level=2)
    _avsnitt(
        doc,
        "Lag en tabell med en overskriftsrad, en rad med tr-koden som starter løkken alene i "
        "første celle, raden som skal gjentas for hvert tiltak, og en rad med tr-koden som "
        "avslutter løkken. Radene med tr-kodene blir borte i det ferdige dokumentet. Kopier "
        "gjerne hele tabellen:",
    )
    _lokketabell(
        doc,
        ["Område", "Tiltak", "Ansvarlig"],
        "t in tiltak",
        ["{{ t.omrade }}", "{{ t.tiltak }}", "{{ t.ansvarlig }}"],
    )
    doc.add_paragraph()
    _avsnitt(
        doc,
        "Tiltakene side om side, med skolen, hjemmet, eleven og hjelpetjenestene i hver sin "
        "kolonne, slik planen viser dem:",
    )
    _lokketabell(
        doc,
        ["Skolen", "Hjemmet", "Eleven", "Hjelpetjenestene"],
        "r in tiltak_rader",
        [
            "{{ r.skolen.tiltak }}",
            "{{ r.hjemmet.tiltak }}",
            "{{ r.eleven.tiltak }}",
            "{{ r.hjelpetjenestene.tiltak }}",
        ],
    )
    doc.add_paragraph()

    doc.add_heading("Et vilkår: vis noe bare når det er fylt ut", level=2)
    _avsnitt(
        doc,
        "Sett vilkåret og slutten i hvert sitt avsnitt. Alt mellom dem blir med bare når "
        "vilkåret er oppfylt; avsnittene med kodene blir borte. Slik:",
    )
    _kodeavsnitt(doc, "{%p if vis_plan %}")
    _avsnitt(doc, "Mål for planen: ", ("{{ plan_mal }}",))
    _kodeavsnitt(doc, "{%p endif %}")
    _avsnitt(
        doc,
        "Inne i en setning kan du skrive vilkåret uten p: ",
        ("{% if plan_neste_mote %}Neste møte er {{ plan_neste_mote }}.{% endif %}",),
    )
    _avsnitt(
        doc,
        "Sammenlign med en tekst mellom rette anførselstegn: ",
        ('{% if fravaerstype == "Skolevegring" %}(skolevegring){% endif %}',),
        ". Word må ikke gjøre dem om til « » eller “ ”.",
    )

    doc.add_heading("Et diagram", level=2)
    diagrammer = [key for key in AVLEDEDE_KEYS if "diagram_" in key or _er_bilde(kontekst.get(key))]
    _avsnitt(
        doc,
        "Et diagram er et bilde. Skriv koden alene i et eget avsnitt, og sett et vilkår rundt "
        "så avsnittet blir borte når det ikke er noe å tegne. Bildet får bredden fra "
        "Skjemaverk og en alternativ tekst for skjermlesere. Slik:",
    )
    diagram = diagrammer[0] if diagrammer else "fravaer_diagram_ukedag"
    _kodeavsnitt(doc, f"{{%p if {diagram} %}}")
    _kodeavsnitt(doc, f"{{{{ {diagram} }}}}")
    _kodeavsnitt(doc, "{%p endif %}")
    if diagrammer:
        doc.add_paragraph()
        _avsnitt(doc, "Diagrammene du kan bruke: " + ", ".join(diagrammer) + ".")
    if "logo" in AVLEDEDE_KEYS:
        _avsnitt(
            doc,
            "Skolens logo fra innstillingene settes inn på samme måte med logo. Du kan også "
            "lime logoen rett inn i toppteksten i Word; da blir den med i alle dokumentene.",
        )

    doc.add_heading("Vanlige feil", level=2)
    for tekst in (
        'Word gjør " om til « » eller “ ”: slå av «Rette anførselstegn» under Autokorrektur '
        "(Autoformat mens du skriver) før du skriver mal-koder.",
        "En kode med ulik formatering eller stavekontroll midt i: slett hele koden og skriv "
        "den inn på nytt i ett strøk, eller lim den inn som ren tekst.",
        "En løkke over rader uten tr: bruk tr-kodene i egne rader, som i eksemplet over.",
        "Et feltnavn med mellomrom eller æ, ø, å: feltnavnene skrives som i listen over, "
        "med _ og uten norske bokstaver.",
    ):
        doc.add_paragraph(tekst, style="List Bullet")


def _lag(definisjon: Skjemadefinisjon, kontekst: Mapping[str, object]):
    doc = Document()
    sett_sprak(doc)
    seksjon = doc.sections[0]
    seksjon.page_width, seksjon.page_height = Mm(210), Mm(297)
    seksjon.left_margin = seksjon.right_margin = Mm(22)
    normal = doc.styles["Normal"]
    normal.font.name = "Calibri"
    normal.font.size = Pt(10.5)
    egenskaper = doc.core_properties
    egenskaper.title = "Feltliste for Word-maler"
    egenskaper.author = "Skjemaverk"
    egenskaper.language = SPRAK
    egenskaper.comments = ""
    _innledning(doc, definisjon)
    _felter(doc, definisjon, kontekst)
    _tabeller(doc, definisjon, kontekst)
    _avledede(doc, kontekst)
    _eksempler(doc, kontekst)
    return doc


def lag_feltdokument(
    definisjon: Skjemadefinisjon | None,
    ut: Path | str,
    *,
    overskriv: bool = False,
    eksempel: Path | None = None,
) -> Path:
    """Write the field list for template authors to `ut` (.docx) and return its path.

    Refuses to replace an existing file unless `overskriv`; writes through a
    temporary file in the same folder, so a reader never sees half a file.
    `eksempel` is a filled form to take example values from (default: Amin's).
    """
    definisjon = definisjon or standard_definisjon()
    ut = Path(ut)
    if ut.exists() and not overskriv:
        raise SkriveError(
            f"«{ut}» finnes allerede. Bruk --overskriv for å erstatte den, eller velg et "
            "annet filnavn."
        )
    if ut.exists() and not ut.is_file():
        raise SkriveError(f"«{ut}» finnes allerede og er ikke en fil.")
    if not ut.parent.is_dir():
        raise SkriveError(f"Mappen «{ut.parent}» finnes ikke. Lag den først, eller velg en annen.")

    doc = _lag(definisjon, _eksempelkontekst(definisjon, eksempel))
    innhold = io.BytesIO()
    doc.save(innhold)
    skriv_atomisk(ut, innhold.getvalue())
    return ut
