"""Generate the two built-in Word templates with python-docx.

Run `python maler/lag_maler.py` after changing the form definition or the
layout. It writes `maler/kartleggingsrapport.docx` and `maler/plan.docx`.
The templates are ordinary Word documents with docxtpl (Jinja) tags in them:
a school may open them in Word or LibreOffice and change the wording, the
layout and the styles, as long as the tags stay whole.

Tags used (docxtpl):
- `{{ key }}` a value; `{%p if … %}` / `{%p endif %}` in a paragraph of their
  own keep or drop everything between them (an empty part is left out);
- `{%tr for … %}` / `{%tr endfor %}` in a table row of their own repeat the
  row between them.
Field labels come from the form definition, so a reworded question in the
TOML shows up in the documents after this script is run again.
"""

from __future__ import annotations

import sys
from pathlib import Path

from docx import Document
from docx.enum.section import WD_ORIENT
from docx.enum.style import WD_STYLE_TYPE
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_TAB_ALIGNMENT
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Mm, Pt, RGBColor

if __package__ in (None, ""):
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from toolkit.definisjon import Skjemadefinisjon, standard_definisjon
from toolkit.wordstil import SPRAK, sett_sprak

MAPPE = Path(__file__).resolve().parent
UNNTATT = "Unntatt offentlighet, jf. offentleglova § 13, jf. forvaltningsloven § 13"

MARG_SIDE = 22  # mm, left and right
TEKSTBREDDE = 210 - 2 * MARG_SIDE  # mm
MORK = RGBColor(0x1F, 0x38, 0x64)  # headings
GRA = RGBColor(0x59, 0x59, 0x59)  # notes
TOPP_FARGE = "DCE6F2"  # table header shading
ETIKETT_FARGE = "F2F2F2"  # label column shading


# -- document, styles and page ---------------------------------------------------


def _stiler(doc: Document) -> None:
    stiler = doc.styles
    normal = stiler["Normal"]
    normal.font.name = "Calibri"
    normal.font.size = Pt(11)
    normal.paragraph_format.space_after = Pt(6)
    normal.paragraph_format.line_spacing = 1.1
    rfonts = normal.element.rPr.find(qn("w:rFonts"))
    for attr in ("w:eastAsia", "w:cs"):
        rfonts.set(qn(attr), "Calibri")

    for navn, storrelse, for_, etter in (
        ("Heading 1", 15, 18, 6),
        ("Heading 2", 12.5, 12, 4),
        ("Heading 3", 11.5, 10, 2),
    ):
        stil = stiler[navn]
        stil.font.name = "Calibri"
        stil.font.size = Pt(storrelse)
        stil.font.bold = True
        stil.font.italic = False
        stil.font.color.rgb = MORK
        stil.paragraph_format.space_before = Pt(for_)
        stil.paragraph_format.space_after = Pt(etter)
        stil.paragraph_format.keep_with_next = True

    tittel = stiler["Title"]
    tittel.font.name = "Calibri"
    tittel.font.size = Pt(20)
    tittel.font.bold = True
    tittel.font.color.rgb = MORK
    tittel.paragraph_format.space_after = Pt(2)
    # The default Title has a coloured bottom border; keep the page calm.
    ppr = tittel.element.pPr
    if ppr is not None:
        for el in ppr.findall(qn("w:pBdr")):
            ppr.remove(el)
    undertittel = stiler["Subtitle"]
    undertittel.font.name = "Calibri"
    undertittel.font.size = Pt(12.5)
    undertittel.font.italic = False
    undertittel.font.color.rgb = GRA
    undertittel.paragraph_format.space_after = Pt(12)

    for navn in ("Header", "Footer"):
        stil = stiler[navn]
        stil.font.size = Pt(9)
        stil.paragraph_format.space_after = Pt(0)
        # The default tab stops are for Letter paper; use one at the right margin.
        ppr = stil.element.pPr
        if ppr is not None:
            for el in ppr.findall(qn("w:tabs")):
                ppr.remove(el)
        stil.paragraph_format.tab_stops.add_tab_stop(Mm(TEKSTBREDDE), WD_TAB_ALIGNMENT.RIGHT)

    etikett = stiler.add_style("Etikett", WD_STYLE_TYPE.PARAGRAPH)
    etikett.base_style = normal
    etikett.font.bold = True
    etikett.paragraph_format.space_before = Pt(8)
    etikett.paragraph_format.space_after = Pt(2)
    etikett.paragraph_format.keep_with_next = True

    tabell = stiler.add_style("Tabelltekst", WD_STYLE_TYPE.PARAGRAPH)
    tabell.base_style = normal
    tabell.font.size = Pt(10)
    tabell.paragraph_format.space_after = Pt(2)
    tabell.paragraph_format.line_spacing = 1.0

    liten = stiler.add_style("Tabelltekst liten", WD_STYLE_TYPE.PARAGRAPH)
    liten.base_style = tabell
    liten.font.size = Pt(9)

    merknad = stiler.add_style("Merknad", WD_STYLE_TYPE.PARAGRAPH)
    merknad.base_style = normal
    merknad.font.size = Pt(9.5)
    merknad.font.color.rgb = GRA

    stiler["List Bullet"].paragraph_format.space_after = Pt(2)


def _felt(paragraf, instruksjon: str, resultat: str = "1") -> None:
    """Append a Word field (PAGE, NUMPAGES) to `paragraf`."""

    def run_med(el):
        r = paragraf.add_run()
        r._r.append(el)
        return r

    start = OxmlElement("w:fldChar")
    start.set(qn("w:fldCharType"), "begin")
    run_med(start)
    instr = OxmlElement("w:instrText")
    instr.set(qn("xml:space"), "preserve")
    instr.text = f" {instruksjon} "
    run_med(instr)
    skille = OxmlElement("w:fldChar")
    skille.set(qn("w:fldCharType"), "separate")
    run_med(skille)
    paragraf.add_run(resultat)
    slutt = OxmlElement("w:fldChar")
    slutt.set(qn("w:fldCharType"), "end")
    run_med(slutt)


def _kantlinje(paragraf, side: str = "bottom") -> None:
    ppr = paragraf._p.get_or_add_pPr()
    bdr = OxmlElement("w:pBdr")
    linje = OxmlElement(f"w:{side}")
    linje.set(qn("w:val"), "single")
    linje.set(qn("w:sz"), "6")
    linje.set(qn("w:space"), "4")
    linje.set(qn("w:color"), "8EA9DB")
    bdr.append(linje)
    ppr.append(bdr)


def nytt_dokument(tittel: str, bunntekst: str) -> Document:
    """A4 document with the school header and the "Side X av Y" footer."""
    doc = Document()
    _stiler(doc)
    sett_sprak(doc)
    seksjon = doc.sections[0]
    seksjon.orientation = WD_ORIENT.PORTRAIT
    seksjon.page_width, seksjon.page_height = Mm(210), Mm(297)
    seksjon.left_margin = seksjon.right_margin = Mm(MARG_SIDE)
    seksjon.top_margin, seksjon.bottom_margin = Mm(20), Mm(18)
    seksjon.header_distance = seksjon.footer_distance = Mm(9)

    topp = seksjon.header
    p = topp.paragraphs[0]
    p.style = doc.styles["Header"]
    r = p.add_run("{{ skole }}")
    r.bold = True
    r.font.size = Pt(10)
    # The school's logo at the right margin, when the settings have one.
    p.add_run("{% if logo %}")
    p.add_run("\t")
    p.add_run("{{ logo }}{% endif %}")
    p2 = topp.add_paragraph(UNNTATT, style="Header")
    p2.runs[0].font.color.rgb = GRA
    _kantlinje(p2)

    bunn = seksjon.footer
    p = bunn.paragraphs[0]
    p.style = doc.styles["Footer"]
    p.add_run(bunntekst).font.color.rgb = GRA
    p.add_run("\tSide ")
    _felt(p, "PAGE")
    p.add_run(" av ")
    _felt(p, "NUMPAGES")

    egenskaper = doc.core_properties
    egenskaper.title = tittel
    egenskaper.author = "Skjemaverk"
    egenskaper.last_modified_by = "Skjemaverk"
    egenskaper.comments = ""
    egenskaper.language = SPRAK
    return doc


def _rydd_pakke(doc: Document) -> None:
    """Drop python-docx's sample thumbnail and its application properties."""
    pakke = doc.part.package
    for rid, rel in list(pakke.rels.items()):
        if rel.reltype.endswith("/thumbnail"):
            pakke.rels.pop(rid)
    for part in pakke.parts:
        if str(part.partname) == "/docProps/app.xml":
            part._blob = (
                b"<?xml version='1.0' encoding='UTF-8' standalone='yes'?>\n"
                b'<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/'
                b'extended-properties" xmlns:vt="http://schemas.openxmlformats.org/'
                b'officeDocument/2006/docPropsVTypes"><Template>Normal.dotm</Template>'
                b"<Application>Skjemaverk</Application><DocSecurity>0</DocSecurity>"
                b"</Properties>"
            )


# -- building blocks ---------------------------------------------------------------


def tag(doc_eller_celle, tekst: str):
    """A paragraph holding only a docxtpl paragraph tag ({%p … %})."""
    return doc_eller_celle.add_paragraph(tekst)


def _skygge(celle, farge: str) -> None:
    tcpr = celle._tc.get_or_add_tcPr()
    shd = OxmlElement("w:shd")
    shd.set(qn("w:val"), "clear")
    shd.set(qn("w:color"), "auto")
    shd.set(qn("w:fill"), farge)
    tcpr.append(shd)


def _gjenta_som_overskrift(rad) -> None:
    trpr = rad._tr.get_or_add_trPr()
    el = OxmlElement("w:tblHeader")
    trpr.append(el)


def _ikke_del(rad) -> None:
    trpr = rad._tr.get_or_add_trPr()
    trpr.append(OxmlElement("w:cantSplit"))


def _bredder(tabell, mm: list[float]) -> None:
    tabell.autofit = False
    grid = tabell._tbl.tblGrid
    for kol, bredde in zip(grid.findall(qn("w:gridCol")), mm, strict=True):
        kol.set(qn("w:w"), str(int(bredde * 56.7)))
    for rad in tabell.rows:
        for celle, bredde in zip(rad.cells, mm, strict=True):
            celle.width = Mm(bredde)


def _celletekst(celle, tekst: str, *, fet: bool = False, stil: str = "Tabelltekst"):
    p = celle.paragraphs[0]
    p.style = stil
    if tekst:
        r = p.add_run(tekst)
        r.bold = fet
    return p


def _cellemarg(tabell) -> None:
    """Some air between the text and the cell borders (in twips)."""
    tblpr = tabell._tbl.tblPr
    marg = OxmlElement("w:tblCellMar")
    for side, verdi in (("top", 40), ("left", 100), ("bottom", 40), ("right", 100)):
        el = OxmlElement(f"w:{side}")
        el.set(qn("w:w"), str(verdi))
        el.set(qn("w:type"), "dxa")
        marg.append(el)
    look = tblpr.find(qn("w:tblLook"))
    if look is not None:
        look.addprevious(marg)
    else:
        tblpr.append(marg)


def _ny_tabell(doc, kolonner: int, mm: list[float]):
    t = doc.add_table(rows=0, cols=kolonner)
    t.style = doc.styles["Table Grid"]
    t.alignment = WD_TABLE_ALIGNMENT.LEFT
    _cellemarg(t)
    return t, mm


def listetabell(
    doc,
    overskrifter: list[str],
    celler: list[str],
    mm: list[float],
    lokke: str,
    *,
    liten: bool = False,
    samlet: bool = False,
) -> None:
    """A table with a repeated header row and one row per item of a Jinja loop.

    `lokke` is the loop head, e.g. "r in tiltak"; `celler` the cell texts.
    `liten` uses 9 pt text (many columns); `samlet` keeps a short table on one page.
    """
    stil = "Tabelltekst liten" if liten else "Tabelltekst"
    t, mm = _ny_tabell(doc, len(overskrifter), mm)
    topp = t.add_row()
    _gjenta_som_overskrift(topp)
    _ikke_del(topp)
    for celle, tekst in zip(topp.cells, overskrifter, strict=True):
        _celletekst(celle, tekst, fet=True, stil=stil)
        _skygge(celle, TOPP_FARGE)
    _celletekst(t.add_row().cells[0], f"{{%tr for {lokke} %}}")
    rad = t.add_row()
    _ikke_del(rad)
    for celle, tekst in zip(rad.cells, celler, strict=True):
        _celletekst(celle, tekst, stil=stil)
    if samlet:
        for r in (topp, rad):
            for celle in r.cells:
                for p in celle.paragraphs:
                    p.paragraph_format.keep_with_next = True
    _celletekst(t.add_row().cells[0], "{%tr endfor %}")
    _bredder(t, mm)
    doc.add_paragraph(style="Merknad").paragraph_format.space_after = Pt(0)


def nokkeltabell(doc, rader: list[tuple[str, str, str | None]], mm=(52, TEKSTBREDDE - 52)):
    """A two-column label/value table; a row with a condition is left out when false."""
    t, mm = _ny_tabell(doc, 2, list(mm))
    for etikett, verdi, vilkar in rader:
        if vilkar:
            _celletekst(t.add_row().cells[0], f"{{%tr if {vilkar} %}}")
        rad = t.add_row()
        _celletekst(rad.cells[0], etikett, fet=True)
        _skygge(rad.cells[0], ETIKETT_FARGE)
        _celletekst(rad.cells[1], verdi)
        if vilkar:
            _celletekst(t.add_row().cells[0], "{%tr endif %}")
    _bredder(t, mm)
    return t


def radtabell(
    doc,
    overskrifter: list[str],
    rader: list[tuple[list[str], str]],
    mm: list[float],
) -> None:
    """A table with a repeated header row and fixed rows, each kept when its condition holds."""
    t, mm = _ny_tabell(doc, len(overskrifter), mm)
    topp = t.add_row()
    _gjenta_som_overskrift(topp)
    _ikke_del(topp)
    for celle, tekst in zip(topp.cells, overskrifter, strict=True):
        _celletekst(celle, tekst, fet=True)
        _skygge(celle, TOPP_FARGE)
    for celler, vilkar in rader:
        _celletekst(t.add_row().cells[0], f"{{%tr if {vilkar} %}}")
        rad = t.add_row()
        for i, (celle, tekst) in enumerate(zip(rad.cells, celler, strict=True)):
            _celletekst(celle, tekst, fet=i == 0)
        _celletekst(t.add_row().cells[0], "{%tr endif %}")
    _bredder(t, mm)
    doc.add_paragraph(style="Merknad").paragraph_format.space_after = Pt(0)


def feltavsnitt(doc, key: str, etikett: str) -> None:
    """Label and answer of one field; left out when the answer is empty."""
    tag(doc, f"{{%p if {key} %}}")
    doc.add_paragraph(etikett, style="Etikett")
    doc.add_paragraph(f"{{{{ {key} }}}}")
    tag(doc, "{%p endif %}")


def punktliste(doc, lokke: str, tekst: str, *, tom: str | None = None, liste: str = "") -> None:
    """A bulleted list from a Jinja loop, with a sentence for an empty list."""
    tag(doc, f"{{%p for {lokke} %}}")
    doc.add_paragraph(tekst, style="List Bullet")
    tag(doc, "{%p endfor %}")
    if tom and liste:
        tag(doc, f"{{%p if not {liste} %}}")
        doc.add_paragraph(tom)
        tag(doc, "{%p endif %}")


def _etikett(definisjon: Skjemadefinisjon, key: str) -> str:
    return definisjon.felt(key).etikett


def _del(definisjon: Skjemadefinisjon, key: str):
    return next(d for d in definisjon.deler if d.key == key)


def _sporsmal(etikett: str) -> str:
    for hode in ("Push:", "Pull:"):
        if etikett.startswith(hode):
            return etikett[len(hode) :].strip()
    return etikett


# -- the mapping report ----------------------------------------------------------


# The rows both documents open with: who the pupil is.
ELEVRADER = (
    ("Elev", "{{ elev_navn }}", None),
    ("Trinn og klasse", "{{ trinn_klasse }}", "trinn_klasse"),
    ("Skole", "{{ skole }}", None),
    ("Kontaktlærer", "{{ kontaktlaerer }}", "kontaktlaerer"),
)


def lag_rapport(definisjon: Skjemadefinisjon) -> Document:
    e = lambda key: _etikett(definisjon, key)  # noqa: E731
    doc = nytt_dokument("Kartleggingsrapport", "Kartleggingsrapport – {{ elev_navn }}")
    doc.add_paragraph("Kartleggingsrapport", style="Title")
    doc.add_paragraph("Bekymringsfullt skolefravær", style="Subtitle")
    nokkeltabell(
        doc,
        [
            *ELEVRADER,
            ("Dato for kartleggingen", "{{ kartlegging_dato }}", None),
            ("Fylt ut av", "{{ utfylt_av }}", "utfylt_av"),
            ("Deltakere i møtet", "{{ deltakere }}", "deltakere"),
        ],
    )

    # Summary first.
    doc.add_heading("Sammendrag", level=1)
    tag(doc, "{%p if fravaerstype %}")
    p = doc.add_paragraph()
    p.add_run("Type fravær: ").bold = True
    p.add_run("{{ fravaerstype }}")
    tag(doc, "{%p endif %}")
    tag(doc, "{%p if har_fravaer %}")
    p = doc.add_paragraph()
    p.add_run("Registrert fravær: ").bold = True
    p.add_run(
        "{{ fravaer_oppsummering }}{% if fravaer_fra %} i perioden {{ fravaer_fra }}–"
        "{{ fravaer_til }}{% endif %} ({{ fravaer_antall }} registreringer)."
    )
    tag(doc, "{%p if fravaer_prosent %}")
    p = doc.add_paragraph()
    p.add_run("Fravær i prosent av skoledagene: ").bold = True
    p.add_run("{{ fravaer_prosent }} til og med {{ fravaer_til_dato }}.")
    tag(doc, "{%p endif %}")
    tag(doc, "{%p if fravaer_varsler %}")
    p = doc.add_paragraph()
    p.add_run("Tidlig varsel: ").bold = True
    p.add_run("{{ fravaer_varsler_kort }}.")
    tag(doc, "{%p endif %}")
    tag(doc, "{%p else %}")
    p = doc.add_paragraph()
    p.add_run("Fravær: ").bold = True
    p.add_run("Ingen fravær er registrert i skjemaet.")
    tag(doc, "{%p endif %}")

    tag(doc, "{%p if vis_faktorer %}")
    doc.add_paragraph("Faktorer vurdert som risiko", style="Etikett")
    punktliste(
        doc,
        "f in faktorer_risiko",
        "{{ f.navn }}",
        tom="Ingen faktorer er vurdert som risiko.",
        liste="faktorer_risiko",
    )
    doc.add_paragraph("Faktorer vurdert som beskyttende", style="Etikett")
    punktliste(
        doc,
        "f in faktorer_beskyttende",
        "{{ f.navn }}",
        tom="Ingen faktorer er vurdert som beskyttende.",
        liste="faktorer_beskyttende",
    )
    tag(doc, "{%p else %}")
    doc.add_paragraph("De åtte faktorene er ikke kartlagt ennå.")
    tag(doc, "{%p endif %}")

    tag(doc, "{%p if vis_push_pull %}")
    doc.add_paragraph("Pushfaktorer i skolen (besvart ja)", style="Etikett")
    punktliste(
        doc,
        "s in push_ja",
        "{{ s.sporsmal }}",
        tom="Ingen av spørsmålene om pushfaktorer er besvart ja.",
        liste="push_ja",
    )
    doc.add_paragraph("Pullfaktorer i hjemmet (besvart ja)", style="Etikett")
    punktliste(
        doc,
        "s in pull_ja",
        "{{ s.sporsmal }}",
        tom="Ingen av spørsmålene om pullfaktorer er besvart ja.",
        liste="pull_ja",
    )
    tag(doc, "{%p endif %}")

    # Every part of the mapping, in the form's order.
    for del_ in definisjon.deler:
        bygger = _RAPPORT_DELER.get(del_.key)
        if bygger is not None:
            bygger(doc, definisjon, del_, e)

    doc.add_paragraph(
        "Skrevet ut fra kartleggingsskjemaet {{ generert_dato }}.", style="Merknad"
    ).paragraph_format.space_before = Pt(12)
    return doc


def _r_om_eleven(doc, definisjon, del_, e) -> None:
    keys = ["foresatte", "fravaerstype", "fravaer_start", "samtykke", "samtykke_gjelder"]
    tag(doc, "{%p if " + " or ".join(keys) + " %}")
    doc.add_heading(del_.tittel, level=1)
    nokkeltabell(doc, [(e(k), f"{{{{ {k} }}}}", k) for k in keys])
    tag(doc, "{%p endif %}")


def _r_kartlegging(doc, definisjon, del_, e) -> None:
    tag(doc, f"{{%p if vis_{del_.key} %}}")
    doc.add_heading(del_.tittel, level=1)
    for f in del_.felter:
        feltavsnitt(doc, f.key, f.etikett)
    tag(doc, "{%p endif %}")


def _r_ressurser(doc, definisjon, del_, e) -> None:
    tag(doc, f"{{%p if vis_{del_.key} %}}")
    doc.add_heading(del_.tittel, level=1)
    rader = []
    for f in del_.felter:
        if not f.key.startswith("ressurs_"):
            continue
        motpart = "utfordring_" + f.key.removeprefix("ressurs_")
        omrade = f.etikett.split(" – ")[0]
        rader.append(
            (
                [omrade, f"{{{{ {f.key} }}}}", f"{{{{ {motpart} }}}}"],
                f"{f.key} or {motpart}",
            )
        )
    radtabell(doc, ["Område", "Ressurser", "Utfordringer"], rader, [40, 63, 63])
    tag(doc, "{%p endif %}")


def _r_push_pull(doc, definisjon, del_, e) -> None:
    tag(doc, f"{{%p if vis_{del_.key} %}}")
    doc.add_heading(del_.tittel, level=1)
    for prefiks, tittel in (("push", "Pushfaktorer i skolen"), ("pull", "Pullfaktorer i hjemmet")):
        felter = [f for f in del_.felter if f.type == "janei" and f.key.startswith(prefiks + "_")]
        vilkar = " or ".join(f"{f.key} or {f.key}_beskrivelse" for f in felter)
        tag(doc, f"{{%p if {vilkar} %}}")
        doc.add_heading(tittel, level=2)
        radtabell(
            doc,
            ["Spørsmål", "Svar", "Beskrivelse"],
            [
                (
                    [_sporsmal(f.etikett), f"{{{{ {f.key} }}}}", f"{{{{ {f.key}_beskrivelse }}}}"],
                    f"{f.key} or {f.key}_beskrivelse",
                )
                for f in felter
            ],
            [62, 16, 88],
        )
        tag(doc, "{%p endif %}")
    tag(doc, "{%p endif %}")


def _r_faktorer(doc, definisjon, del_, e) -> None:
    tag(doc, f"{{%p if vis_{del_.key} %}}")
    doc.add_heading(del_.tittel, level=1)
    listetabell(
        doc,
        ["Faktor", "Beskrivelse", "Vurdering"],
        ["{{ f.navn }}", "{{ f.beskrivelse }}", "{{ f.vurdering }}"],
        [40, 98, 28],
        "f in faktorer if f.beskrivelse or f.vurdering",
    )
    tag(doc, "{%p endif %}")


def _r_relasjoner(doc, definisjon, del_, e) -> None:
    tag(doc, f"{{%p if vis_{del_.key} %}}")
    doc.add_heading(del_.tittel, level=1)
    janei = [f for f in del_.felter if f.type == "janei"]
    rader = [([f.etikett, f"{{{{ {f.key} }}}}"], f.key) for f in janei]
    rader.insert(
        1, ([e("rel_trygg_voksen_hvem"), "{{ rel_trygg_voksen_hvem }}"], "rel_trygg_voksen_hvem")
    )
    vilkar = " or ".join(f.key for f in janei) + " or rel_trygg_voksen_hvem"
    tag(doc, f"{{%p if {vilkar} %}}")
    radtabell(doc, ["Tegn på relasjonen mellom lærer og elev", "Svar"], rader, [120, 46])
    tag(doc, "{%p endif %}")
    for f in del_.felter:
        if f.type == "langtekst":
            feltavsnitt(doc, f.key, f.etikett)
    tag(doc, "{%p endif %}")


def _r_onde_sirkel(doc, definisjon, del_, e) -> None:
    tag(doc, f"{{%p if vis_{del_.key} %}}")
    doc.add_heading(del_.tittel, level=1)
    doc.add_paragraph(
        "Fravær → henger etter faglig og sosialt → økt angst når krav om skoleoppmøte kommer "
        "→ unngåelse → angsten dempes. Løsningen blir et problem i seg selv.",
        style="Merknad",
    )
    janei = [f for f in del_.felter if f.type == "janei"]
    tag(doc, "{%p if " + " or ".join(f.key for f in janei) + " %}")
    radtabell(
        doc,
        ["Tegn", "Svar"],
        [([f.etikett, f"{{{{ {f.key} }}}}"], f.key) for f in janei],
        [120, 46],
    )
    tag(doc, "{%p endif %}")
    for f in del_.felter:
        if f.type != "janei":
            feltavsnitt(doc, f.key, f.etikett)
    tag(doc, "{%p endif %}")


def _r_plan(doc, definisjon, del_, e) -> None:
    tag(doc, f"{{%p if vis_{del_.key} %}}")
    doc.add_heading(del_.tittel, level=1)
    feltavsnitt(doc, "plan_mal", e("plan_mal"))
    tag(doc, "{%p if plan_koordinator or plan_kontaktperson or plan_neste_mote %}")
    nokkeltabell(
        doc,
        [
            (e(k), f"{{{{ {k} }}}}", k)
            for k in ("plan_koordinator", "plan_kontaktperson", "plan_neste_mote")
        ],
    )
    tag(doc, "{%p endif %}")
    tag(doc, "{%p if tiltak %}")
    doc.add_heading("Tiltak", level=2)
    tabell = definisjon.tabell("tiltak")
    listetabell(
        doc,
        [k.etikett for k in tabell.kolonner],
        [f"{{{{ t.{k.key} }}}}" for k in tabell.kolonner],
        [22, 46, 25, 24, 24, 25],
        "t in tiltak",
        liten=True,
    )
    doc.add_paragraph("Tiltakene står side om side i «{{ plan_tittel }}».", style="Merknad")
    tag(doc, "{%p endif %}")
    tag(doc, "{%p endif %}")


def loopnokkeltabell(doc, lokke: str, etikett: str, verdi: str, mm=(66, TEKSTBREDDE - 66)):
    """A two-column label/value table with one row per item of a Jinja loop."""
    t, mm = _ny_tabell(doc, 2, list(mm))
    _celletekst(t.add_row().cells[0], f"{{%tr for {lokke} %}}")
    rad = t.add_row()
    _ikke_del(rad)
    _celletekst(rad.cells[0], etikett, fet=True)
    _skygge(rad.cells[0], ETIKETT_FARGE)
    _celletekst(rad.cells[1], verdi)
    _celletekst(t.add_row().cells[0], "{%tr endfor %}")
    _bredder(t, mm)
    doc.add_paragraph(style="Merknad").paragraph_format.space_after = Pt(0)


def bilde(doc, key: str) -> None:
    """A picture (a chart) from the context; left out when there is none."""
    tag(doc, f"{{%p if {key} %}}")
    p = doc.add_paragraph(f"{{{{ {key} }}}}")
    p.paragraph_format.space_before = Pt(4)
    p.paragraph_format.space_after = Pt(10)
    tag(doc, "{%p endif %}")


def _r_fravaer(doc, definisjon, del_, e) -> None:
    tag(doc, f"{{%p if vis_{del_.key} %}}")
    doc.add_heading(del_.tittel, level=1)

    doc.add_heading("Fraværsbilde", level=2)
    doc.add_paragraph(
        "Fraværet til og med {{ fravaer_til_dato }}. Dager og enkelttimer telles hver for "
        "seg; timer regnes ikke om til dager."
    ).paragraph_format.keep_with_next = True
    loopnokkeltabell(doc, "t in fravaer_tall", "{{ t.hva }}", "{{ t.verdi }}")
    doc.add_paragraph(
        "Skoledager er hverdager i skoleåret {{ fravaer_skolear }}, uten helligdager og "
        "skolens ferier. Prosenten er hele dager borte på skoledager, delt på skoledagene "
        "fra skolestart.{% if fravaer_prosent_merknad %} {{ fravaer_prosent_merknad }}"
        "{% endif %}",
        style="Merknad",
    )

    doc.add_heading("Mønster", level=3)
    doc.add_paragraph("{{ fravaer_monster }}")

    doc.add_heading("Tidlig varsel", level=3)
    tag(doc, "{%p if fravaer_varsler %}")
    doc.add_paragraph(
        "Disse tersklene for tidlig varsel er passert:"
    ).paragraph_format.keep_with_next = True
    punktliste(doc, "v in fravaer_varsler", "{{ v.tekst }}")
    tag(doc, "{%p else %}")
    doc.add_paragraph("Ingen av tersklene for tidlig varsel er passert ({{ fravaer_terskler }}).")
    tag(doc, "{%p endif %}")

    doc.add_heading("Fravær per ukedag", level=3)
    listetabell(
        doc,
        ["Ukedag", "Hele dager", "Andel av dagene", "Enkelttimer", "For sent"],
        ["{{ u.navn }}", "{{ u.dager }}", "{{ u.andel }}", "{{ u.timer }}", "{{ u.for_sent }}"],
        [42, 31, 31, 31, 31],
        "u in fravaer_ukedager",
        samlet=True,
    )
    bilde(doc, "fravaer_diagram_ukedag")

    for key, tittel, kolonne in (
        ("fravaer_fag", "Fravær per fag", "Fag"),
        ("fravaer_laerere", "Fravær per lærer", "Lærer"),
    ):
        tag(doc, f"{{%p if {key} %}}")
        doc.add_heading(tittel, level=3)
        listetabell(
            doc,
            [kolonne, "Enkelttimer", "Andel av timene", "For sent"],
            ["{{ r.navn }}", "{{ r.timer }}", "{{ r.andel }}", "{{ r.for_sent }}"],
            [58, 36, 36, 36],
            f"r in {key}",
            samlet=True,
        )
        if key == "fravaer_fag":
            doc.add_paragraph(
                "En registrering med flere fag eller lærere telles for hver av dem.",
                style="Merknad",
            )
            bilde(doc, "fravaer_diagram_fag")
        tag(doc, "{%p endif %}")

    doc.add_heading("Årsaker og type fravær", level=3)
    listetabell(
        doc,
        ["Type fravær", "Registreringer", "Andel", "Årsaker"],
        ["{{ r.navn }}", "{{ r.registreringer }}", "{{ r.andel }}", "{{ r.arsaker }}"],
        [42, 35, 19, 70],
        "r in fravaer_typer",
        samlet=True,
    )
    doc.add_paragraph(
        "Årsakene er sortert i de fire typene fravær: skolevegring, skulk, "
        "foreldremotivert fravær og skoleeksklusjon. Sykdom, avtaler og lignende er "
        "andre årsaker.",
        style="Merknad",
    )

    tag(doc, "{%p if fravaer_diagram_uker %}")
    doc.add_heading("Fravær uke for uke", level=3)
    bilde(doc, "fravaer_diagram_uker")
    tag(doc, "{%p endif %}")

    doc.add_heading("Alle registreringer", level=2)
    tag(doc, "{%p if fravaer_oppsummering %}")
    p = doc.add_paragraph()
    p.paragraph_format.keep_with_next = True
    p.add_run("Sum: ").bold = True
    p.add_run(
        "{{ fravaer_oppsummering }}. Dager og enkelttimer telles hver for seg; "
        "timer regnes ikke om til dager."
    )
    tag(doc, "{%p endif %}")
    tabell = definisjon.tabell("fravaer")
    listetabell(
        doc,
        [k.etikett for k in tabell.kolonner],
        [f"{{{{ r.{k.key} }}}}" for k in tabell.kolonner],
        [23, 23, 14, 19, 14, 23, 24, 26][: len(tabell.kolonner)],
        "r in fravaer_rader",
        liten=True,
    )
    tag(doc, "{%p endif %}")


_RAPPORT_DELER = {
    "om_eleven": _r_om_eleven,
    "kartlegging": _r_kartlegging,
    "ressurser": _r_ressurser,
    "push_pull": _r_push_pull,
    "faktorer": _r_faktorer,
    "relasjoner": _r_relasjoner,
    "onde_sirkel": _r_onde_sirkel,
    "plan": _r_plan,
    "fravaer": _r_fravaer,
}


# -- the plan ----------------------------------------------------------------------

_PARTER = (
    ("skolen", "Skolen"),
    ("hjemmet", "Hjemmet"),
    ("eleven", "Eleven"),
    ("hjelpetjenestene", "Hjelpetjenestene"),
)


def _tiltakscelle(celle, part: str) -> None:
    c = f"r.{part}"
    _celletekst(celle, f"{{{{ {c}.tiltak }}}}")
    for felt, tekst in (
        ("ansvarlig", "Ansvarlig"),
        ("oppstart", "Oppstart"),
        ("evaluering", "Evaluering"),
    ):
        celle.add_paragraph(f"{{%p if {c}.{felt} %}}", style="Tabelltekst")
        p = celle.add_paragraph(style="Tabelltekst")
        p.paragraph_format.space_after = Pt(0)
        r = p.add_run(f"{tekst}: ")
        r.bold = True
        r.font.size = Pt(9)
        r.font.color.rgb = GRA
        r2 = p.add_run(f"{{{{ {c}.{felt} }}}}")
        r2.font.size = Pt(9)
        r2.font.color.rgb = GRA
        celle.add_paragraph("{%p endif %}", style="Tabelltekst")


def lag_plan(definisjon: Skjemadefinisjon) -> Document:
    e = lambda key: _etikett(definisjon, key)  # noqa: E731
    doc = nytt_dokument("Plan for å komme tilbake til skolen", "{{ plan_tittel }}")
    doc.add_paragraph("{{ plan_tittel }}", style="Title")
    doc.add_paragraph("Plan for økt skolenærvær", style="Subtitle")
    nokkeltabell(
        doc,
        [
            *ELEVRADER,
            (e("foresatte"), "{{ foresatte }}", "foresatte"),
            ("Planen ble laget i møtet", "{{ kartlegging_dato }}", "kartlegging_dato"),
            ("Deltakere i møtet", "{{ deltakere }}", "deltakere"),
        ],
    )

    tag(doc, "{%p if plan_mal %}")
    doc.add_heading("Mål", level=1)
    doc.add_paragraph("{{ plan_mal }}")
    tag(doc, "{%p endif %}")

    doc.add_heading("Hvem gjør hva – trekk i samme retning, samtidig", level=1)
    tag(doc, "{%p if har_tiltak %}")
    doc.add_paragraph(
        "Skolen, hjemmet, eleven og hjelpetjenestene gjør sin del samtidig, mot det samme "
        "målet. Hver kolonne viser hva den enkelte skal gjøre."
    ).paragraph_format.keep_with_next = True
    tag(doc, "{%p if tiltak_rader %}")
    bredde = TEKSTBREDDE / 4
    t, _ = _ny_tabell(doc, 4, [bredde] * 4)
    topp = t.add_row()
    _gjenta_som_overskrift(topp)
    _ikke_del(topp)
    for celle, (_key, navn) in zip(topp.cells, _PARTER, strict=True):
        _celletekst(celle, navn, fet=True)
        _skygge(celle, TOPP_FARGE)
    _celletekst(t.add_row().cells[0], "{%tr for r in tiltak_rader %}")
    rad = t.add_row()
    _ikke_del(rad)
    for celle, (key, _navn) in zip(rad.cells, _PARTER, strict=True):
        _tiltakscelle(celle, key)
    _celletekst(t.add_row().cells[0], "{%tr endfor %}")
    _bredder(t, [bredde] * 4)
    doc.add_paragraph(style="Merknad").paragraph_format.space_after = Pt(0)
    tag(doc, "{%p endif %}")
    tag(doc, "{%p if tiltak_uten_omrade %}")
    doc.add_paragraph("Tiltak uten oppgitt område", style="Etikett")
    punktliste(
        doc,
        "t in tiltak_uten_omrade",
        "{{ t.tiltak }}{% if t.ansvarlig %} (ansvarlig: {{ t.ansvarlig }}){% endif %}",
    )
    tag(doc, "{%p endif %}")
    tag(doc, "{%p else %}")
    doc.add_paragraph("Ingen tiltak er registrert ennå.")
    tag(doc, "{%p endif %}")

    doc.add_heading("Oppfølging og evaluering", level=1)
    tag(doc, "{%p if evalueringer %}")
    doc.add_paragraph(
        "Ikke vente og se: vi møtes snart og ofte for å se om tiltakene virker, "
        "og endrer det som ikke virker."
    ).paragraph_format.keep_with_next = True
    listetabell(
        doc,
        ["Møte", "Dato"],
        ["{{ m.hva }}", "{{ m.dato }}"],
        [120, 46],
        "m in evalueringer",
        samlet=True,
    )
    tag(doc, "{%p else %}")
    doc.add_paragraph("Dato for neste evalueringsmøte er ikke satt.")
    tag(doc, "{%p endif %}")

    tag(doc, "{%p if plan_kontaktperson or plan_koordinator %}")
    doc.add_heading("Kontakt", level=1)
    nokkeltabell(
        doc,
        [
            ("Kontaktperson for hjemmet", "{{ plan_kontaktperson }}", "plan_kontaktperson"),
            ("Koordinator for planen", "{{ plan_koordinator }}", "plan_koordinator"),
        ],
    )
    tag(doc, "{%p endif %}")

    doc.add_heading("Tre viktige prinsipper", level=1)
    tag(doc, "{%p for p in prinsipper %}")
    p = doc.add_paragraph(style="List Bullet")
    p.add_run("{{ p.navn }}: ").bold = True
    p.add_run("{{ p.tekst }}")
    tag(doc, "{%p endfor %}")

    doc.add_heading("Underskrifter", level=1)
    doc.add_paragraph(
        "Vi er enige om denne planen og gjør vår del."
    ).paragraph_format.keep_with_next = True
    roller = ("Foresatte", "Kontaktlærer", "Rektor")
    t = doc.add_table(rows=2, cols=3)
    t.alignment = WD_TABLE_ALIGNMENT.LEFT
    for celle, rolle in zip(t.rows[0].cells, roller, strict=True):
        _celletekst(celle, rolle, fet=True).paragraph_format.keep_with_next = True
    for celle in t.rows[1].cells:
        p = _celletekst(celle, "")
        p.paragraph_format.space_before = Pt(24)
        for tekst in ("Sted og dato", "Underskrift"):
            linje = celle.add_paragraph("_" * 26, style="Tabelltekst")
            linje.paragraph_format.space_before = Pt(18)
            linje.paragraph_format.space_after = Pt(0)
            celle.add_paragraph(tekst, style="Merknad")
    for rad in t.rows:
        _ikke_del(rad)
    _bredder(t, [TEKSTBREDDE / 3] * 3)

    doc.add_paragraph(
        "Skrevet ut fra kartleggingsskjemaet {{ generert_dato }}.", style="Merknad"
    ).paragraph_format.space_before = Pt(12)
    return doc


def lag_maler(mappe: Path = MAPPE, definisjon: Skjemadefinisjon | None = None) -> list[Path]:
    """Write both templates to `mappe` and return their paths."""
    definisjon = definisjon or standard_definisjon()
    ut = []
    for navn, lag in (("kartleggingsrapport.docx", lag_rapport), ("plan.docx", lag_plan)):
        doc = lag(definisjon)
        _rydd_pakke(doc)
        sti = Path(mappe) / navn
        doc.save(sti)
        ut.append(sti)
    return ut


if __name__ == "__main__":
    for sti in lag_maler():
        print(f"Skrev {sti}")
