"""Build Word templates with python-docx: the school format, and a generic document.

The building blocks (styles, the header with the school and the offentleglova
line, "Side X av Y", label/value tables, tables with a row per item, lists)
make the built-in templates (`maler/lag_maler.py`) and the generic document a
form gets when it has no template of its own (`generisk_mal`). Templates are
ordinary Word documents with docxtpl (Jinja) tags:

- `{{ key }}` a value; `{%p if … %}` / `{%p endif %}` in a paragraph of their
  own keep or drop everything between them;
- `{%tr for … %}` / `{%tr endfor %}` in a table row of their own repeat the
  row between them.

`generisk_del` writes the generic section: every part of the document's
`deler` with the fields and tables its template has not placed by hand (see
`toolkit.kontekst`). `som_bytes` saves a template the same, byte for byte,
every time.
"""

from __future__ import annotations

import io
from collections.abc import Iterable, Sequence
from datetime import datetime

import docx
from docx.document import Document
from docx.enum.section import WD_ORIENT
from docx.enum.style import WD_STYLE_TYPE
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_TAB_ALIGNMENT
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Mm, Pt, RGBColor
from docx.table import Table, _Cell, _Row
from docx.text.paragraph import Paragraph
from docx.text.run import Run
from lxml import etree

from toolkit.definisjon import Dokument, Felt, Skjemadefinisjon
from toolkit.skriv import med_fast_tid
from toolkit.wordstil import SPRAK, sett_sprak

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


def _felt(paragraf: Paragraph, instruksjon: str, resultat: str = "1") -> None:
    """Append a Word field (PAGE, NUMPAGES) to `paragraf`."""

    def run_med(el: etree._Element) -> Run:
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


def kantlinje(paragraf: Paragraph, side: str = "bottom") -> None:
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
    doc = docx.Document()
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
    r = p.add_run("{{ skolenavn }}")
    r.bold = True
    r.font.size = Pt(10)
    # The school's logo at the right margin, when the settings have one.
    p.add_run("{% if logo %}")
    p.add_run("\t")
    p.add_run("{{ logo }}{% endif %}")
    p2 = topp.add_paragraph(UNNTATT, style="Header")
    p2.runs[0].font.color.rgb = GRA
    kantlinje(p2)

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


def rydd_pakke(doc: Document) -> None:
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


def tag(doc_eller_celle: Document | _Cell, tekst: str) -> Paragraph:
    """A paragraph holding only a docxtpl paragraph tag ({%p … %})."""
    return doc_eller_celle.add_paragraph(tekst)


def skygge(celle: _Cell, farge: str) -> None:
    tcpr = celle._tc.get_or_add_tcPr()
    shd = OxmlElement("w:shd")
    shd.set(qn("w:val"), "clear")
    shd.set(qn("w:color"), "auto")
    shd.set(qn("w:fill"), farge)
    tcpr.append(shd)


def gjenta_som_overskrift(rad: _Row) -> None:
    trpr = rad._tr.get_or_add_trPr()
    el = OxmlElement("w:tblHeader")
    trpr.append(el)


def ikke_del(rad: _Row) -> None:
    trpr = rad._tr.get_or_add_trPr()
    trpr.append(OxmlElement("w:cantSplit"))


def bredder(tabell: Table, mm: Sequence[float]) -> None:
    tabell.autofit = False
    grid = tabell._tbl.tblGrid
    for kol, b in zip(grid.findall(qn("w:gridCol")), mm, strict=True):
        kol.set(qn("w:w"), str(int(b * 56.7)))
    for rad in tabell.rows:
        for celle, b in zip(rad.cells, mm, strict=True):
            celle.width = Mm(b)


def celletekst(
    celle: _Cell, tekst: str, *, fet: bool = False, stil: str = "Tabelltekst"
) -> Paragraph:
    p = celle.paragraphs[0]
    p.style = stil
    if tekst:
        r = p.add_run(tekst)
        r.bold = fet
    return p


def cellemarg(tabell: Table) -> None:
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


def ny_tabell(doc: Document, kolonner: int, mm: Sequence[float]) -> tuple[Table, Sequence[float]]:
    t = doc.add_table(rows=0, cols=kolonner)
    t.style = doc.styles["Table Grid"]
    t.alignment = WD_TABLE_ALIGNMENT.LEFT
    cellemarg(t)
    return t, mm


def listetabell(
    doc: Document,
    overskrifter: Sequence[str],
    celler: Sequence[str],
    mm: Sequence[float],
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
    t, mm = ny_tabell(doc, len(overskrifter), mm)
    topp = t.add_row()
    gjenta_som_overskrift(topp)
    ikke_del(topp)
    for celle, tekst in zip(topp.cells, overskrifter, strict=True):
        celletekst(celle, tekst, fet=True, stil=stil)
        skygge(celle, TOPP_FARGE)
    celletekst(t.add_row().cells[0], f"{{%tr for {lokke} %}}")
    rad = t.add_row()
    ikke_del(rad)
    for celle, tekst in zip(rad.cells, celler, strict=True):
        celletekst(celle, tekst, stil=stil)
    if samlet:
        for r in (topp, rad):
            for celle in r.cells:
                for p in celle.paragraphs:
                    p.paragraph_format.keep_with_next = True
    celletekst(t.add_row().cells[0], "{%tr endfor %}")
    bredder(t, mm)
    doc.add_paragraph(style="Merknad").paragraph_format.space_after = Pt(0)


# Calibri's average character is about half an em wide (a little more in bold);
# a cell's margins are 100 twips on each side.
_TEGN_EM = 0.58
_CELLEMARG_MM = 2 * 100 / 56.7 + 0.8


def ordbredde_mm(tekster: Iterable[str], punkt: float, *, fet: bool = False) -> float:
    """Return the width (mm) a column needs for the longest word of `tekster` to fit a line."""
    lengste = max((len(o) for tekst in tekster for o in str(tekst).split()), default=0)
    return lengste * punkt * 0.3528 * _TEGN_EM * (1.08 if fet else 1.0) + _CELLEMARG_MM


def kolonnebredder(kolonner: Sequence[Felt], total: float, punkt: float) -> list[float]:
    """Share `total` mm between the columns of a table of `kolonner` at `punkt` pt.

    Each column gets at least the width of its longest word: the header (bold)
    and the values it typically holds (its choices and suggestions, a date).
    What is left is shared by the columns' widths in the definition (`bredde`).
    """
    minste = []
    for k in kolonner:
        typiske = [*k.valg, *k.forslag] + (["00.00.0000"] if k.type == "dato" else [])
        minste.append(max(ordbredde_mm([k.etikett], punkt, fet=True), ordbredde_mm(typiske, punkt)))
    vekter = [float(k.bredde or 15) for k in kolonner]
    rest = total - sum(minste)
    if rest <= 0:
        return [total * m / sum(minste) for m in minste]
    # Give the extra width where the definition wants the most, above each minimum.
    onsket = [total * v / sum(vekter) for v in vekter]
    ekstra = [max(o - m, 0.0) for o, m in zip(onsket, minste, strict=True)]
    skala = rest / sum(ekstra) if sum(ekstra) else 0.0
    return [m + e * skala for m, e in zip(minste, ekstra, strict=True)]


def nokkeltabell(
    doc: Document,
    rader: Sequence[tuple[str, str, str | None]],
    mm: Sequence[float] = (52, TEKSTBREDDE - 52),
) -> Table:
    """A two-column label/value table; a row with a condition is left out when false."""
    t, mm = ny_tabell(doc, 2, list(mm))
    for etikett, verdi, vilkar in rader:
        if vilkar:
            celletekst(t.add_row().cells[0], f"{{%tr if {vilkar} %}}")
        rad = t.add_row()
        ikke_del(rad)
        celletekst(rad.cells[0], etikett, fet=True)
        skygge(rad.cells[0], ETIKETT_FARGE)
        celletekst(rad.cells[1], verdi)
        if vilkar:
            celletekst(t.add_row().cells[0], "{%tr endif %}")
    bredder(t, mm)
    return t


def radtabell(
    doc: Document,
    overskrifter: Sequence[str],
    rader: Sequence[tuple[Sequence[str], str]],
    mm: Sequence[float],
) -> None:
    """A table with a repeated header row and fixed rows, each kept when its condition holds."""
    t, mm = ny_tabell(doc, len(overskrifter), mm)
    topp = t.add_row()
    gjenta_som_overskrift(topp)
    ikke_del(topp)
    for celle, tekst in zip(topp.cells, overskrifter, strict=True):
        celletekst(celle, tekst, fet=True)
        skygge(celle, TOPP_FARGE)
    for celler, vilkar in rader:
        celletekst(t.add_row().cells[0], f"{{%tr if {vilkar} %}}")
        rad = t.add_row()
        ikke_del(rad)
        for i, (celle, tekst) in enumerate(zip(rad.cells, celler, strict=True)):
            celletekst(celle, tekst, fet=i == 0)
        celletekst(t.add_row().cells[0], "{%tr endif %}")
    bredder(t, mm)
    doc.add_paragraph(style="Merknad").paragraph_format.space_after = Pt(0)


def feltavsnitt(doc: Document, key: str, etikett: str) -> None:
    """Label and answer of one field; left out when the answer is empty."""
    tag(doc, f"{{%p if {key} %}}")
    doc.add_paragraph(etikett, style="Etikett")
    doc.add_paragraph(f"{{{{ {key} }}}}")
    tag(doc, "{%p endif %}")


def punktliste(
    doc: Document, lokke: str, tekst: str, *, tom: str | None = None, liste: str = ""
) -> None:
    """A bulleted list from a Jinja loop, with a sentence for an empty list."""
    tag(doc, f"{{%p for {lokke} %}}")
    doc.add_paragraph(tekst, style="List Bullet")
    tag(doc, "{%p endfor %}")
    if tom and liste:
        tag(doc, f"{{%p if not {liste} %}}")
        doc.add_paragraph(tom)
        tag(doc, "{%p endif %}")


def loopnokkeltabell(
    doc: Document,
    lokke: str,
    etikett: str,
    verdi: str,
    mm: Sequence[float] = (66, TEKSTBREDDE - 66),
) -> None:
    """A two-column label/value table with one row per item of a Jinja loop."""
    t, mm = ny_tabell(doc, 2, list(mm))
    celletekst(t.add_row().cells[0], f"{{%tr for {lokke} %}}")
    rad = t.add_row()
    ikke_del(rad)
    celletekst(rad.cells[0], etikett, fet=True)
    skygge(rad.cells[0], ETIKETT_FARGE)
    celletekst(rad.cells[1], verdi)
    celletekst(t.add_row().cells[0], "{%tr endfor %}")
    bredder(t, mm)
    doc.add_paragraph(style="Merknad").paragraph_format.space_after = Pt(0)


def bilde(doc: Document, key: str) -> None:
    """A picture (a chart) from the context; left out when there is none."""
    tag(doc, f"{{%p if {key} %}}")
    p = doc.add_paragraph(f"{{{{ {key} }}}}")
    p.paragraph_format.space_before = Pt(4)
    p.paragraph_format.space_after = Pt(10)
    tag(doc, "{%p endif %}")


# -- the generic section and the generic document ------------------------------


def generisk_del(doc: Document, *, nivaa: int = 1) -> None:
    """The generic section: each part of `deler` with what the template has not placed by hand."""
    tag(doc, "{%p for d in deler %}")
    tag(doc, "{%p if d.vis %}")
    doc.add_heading("{{ d.tittel }}", level=nivaa)
    delens_innhold(doc, nivaa=nivaa)
    tag(doc, "{%p endif %}")
    tag(doc, "{%p endfor %}")


def delens_innhold(doc: Document, *, nivaa: int = 1) -> None:
    """What the template has not placed by hand of the part `d` (inside a loop over `deler`).

    Short answers go in a label/value table, long ones as a label and a
    paragraph, in the definition's order; each table of the part follows, one
    column per column that has a value.
    """
    tag(doc, "{%p for g in d.grupper %}")
    tag(doc, "{%p if g.tabell %}")
    t, mm = ny_tabell(doc, 2, [58, TEKSTBREDDE - 58])
    celletekst(t.add_row().cells[0], "{%tr for f in g.felter %}")
    rad = t.add_row()
    ikke_del(rad)
    celletekst(rad.cells[0], "{{ f.etikett }}", fet=True)
    skygge(rad.cells[0], ETIKETT_FARGE)
    celletekst(rad.cells[1], "{{ f.tekst }}")
    celletekst(t.add_row().cells[0], "{%tr endfor %}")
    bredder(t, mm)
    doc.add_paragraph(style="Merknad").paragraph_format.space_after = Pt(0)
    tag(doc, "{%p else %}")
    tag(doc, "{%p for f in g.felter %}")
    doc.add_paragraph("{{ f.etikett }}", style="Etikett")
    doc.add_paragraph("{{ f.tekst }}")
    tag(doc, "{%p endfor %}")
    tag(doc, "{%p endif %}")
    tag(doc, "{%p endfor %}")
    tag(doc, "{%p for t in d.tabeller %}")
    tag(doc, "{%p if t.overskrift %}")
    doc.add_heading("{{ t.overskrift }}", level=nivaa + 1)
    tag(doc, "{%p endif %}")
    # docxtpl's {%tc %} repeats the cells between its own two cells: one column per value.
    tabell = doc.add_table(rows=0, cols=3)
    tabell.style = doc.styles["Table Grid"]
    tabell.alignment = WD_TABLE_ALIGNMENT.LEFT
    cellemarg(tabell)
    stil = "Tabelltekst liten"
    topp = tabell.add_row()
    gjenta_som_overskrift(topp)
    ikke_del(topp)
    celletekst(topp.cells[0], "{%tc for k in t.kolonner %}", stil=stil)
    celletekst(topp.cells[1], "{{ k.etikett }}", fet=True, stil=stil)
    skygge(topp.cells[1], TOPP_FARGE)
    celletekst(topp.cells[2], "{%tc endfor %}", stil=stil)
    celletekst(tabell.add_row().cells[0], "{%tr for r in t.rader %}", stil=stil)
    rad = tabell.add_row()
    ikke_del(rad)
    celletekst(rad.cells[0], "{%tc for c in r.celler %}", stil=stil)
    celletekst(rad.cells[1], "{{ c.tekst }}", stil=stil)
    celletekst(rad.cells[2], "{%tc endfor %}", stil=stil)
    celletekst(tabell.add_row().cells[0], "{%tr endfor %}", stil=stil)
    _hel_bredde(tabell)
    doc.add_paragraph(style="Merknad").paragraph_format.space_after = Pt(0)
    tag(doc, "{%p endfor %}")


def _hel_bredde(tabell: Table) -> None:
    """Let Word and LibreOffice share the text width between however many columns there are."""
    tblpr = tabell._tbl.tblPr
    bredde = tblpr.find(qn("w:tblW"))
    if bredde is None:
        bredde = OxmlElement("w:tblW")
        tblpr.append(bredde)
    bredde.set(qn("w:type"), "pct")
    bredde.set(qn("w:w"), "5000")
    layout = OxmlElement("w:tblLayout")
    layout.set(qn("w:type"), "autofit")
    tblpr.append(layout)
    for rad in tabell.rows:
        for celle in rad.cells:
            tcpr = celle._tc.get_or_add_tcPr()
            for el in tcpr.findall(qn("w:tcW")):
                tcpr.remove(el)


def _underskriftstabell(doc: Document, tekst: str) -> tuple[Table, Sequence[float]]:
    doc.add_heading("Underskrifter", level=1)
    doc.add_paragraph(tekst).paragraph_format.keep_with_next = True
    t, mm = ny_tabell(doc, 3, [62, 48, TEKSTBREDDE - 110])
    topp = t.add_row()
    gjenta_som_overskrift(topp)
    ikke_del(topp)
    for celle, overskrift in zip(topp.cells, ("Hvem", "Sted og dato", "Underskrift"), strict=True):
        celletekst(celle, overskrift, fet=True)
        skygge(celle, TOPP_FARGE)
    return t, mm


def _signaturrad(t: Table, tekst: str) -> None:
    rad = t.add_row()
    ikke_del(rad)
    rad.height = Mm(16)
    celletekst(rad.cells[0], tekst)


def underskrifter(doc: Document, roller: Sequence[str]) -> None:
    """Signature lines for fixed roles, one row each."""
    t, mm = _underskriftstabell(doc, "Vi er enige om dette og gjør vår del.")
    for rolle in roller:
        _signaturrad(t, rolle)
    bredder(t, mm)


def underskriftsliste(doc: Document, key: str) -> None:
    """Signature lines from a list in the context (`key`), one row per person or role."""
    tag(doc, f"{{%p if {key} %}}")
    t, mm = _underskriftstabell(doc, "Vi er enige om denne planen og gjør vår del.")
    celletekst(t.add_row().cells[0], f"{{%tr for u in {key} %}}")
    _signaturrad(
        t, "{% if u.navn %}{{ u.navn }} ({{ u.rolle|lower }}){% else %}{{ u.rolle }}{% endif %}"
    )
    celletekst(t.add_row().cells[0], "{%tr endfor %}")
    bredder(t, mm)
    tag(doc, "{%p endif %}")


def generisk_mal(definisjon: Skjemadefinisjon, dokument: Dokument) -> Document:
    """Return a template for `dokument` that shows its parts in the generic section only."""
    navn = f" – {{{{ {definisjon.navn_felt} }}}}" if definisjon.navn_felt else ""
    doc = nytt_dokument(dokument.tittel, f"{dokument.tittel}{navn}")
    doc.add_paragraph("{{ dokument_tittel }}", style="Title")
    tag(doc, "{%p if dokument_undertittel %}")
    doc.add_paragraph("{{ dokument_undertittel }}", style="Subtitle")
    tag(doc, "{%p endif %}")
    generisk_del(doc)
    if dokument.underskrifter:
        underskrifter(doc, list(dokument.underskrifter))
    skrevet_ut(doc, definisjon)
    return doc


def skrevet_ut(doc: Document, definisjon: Skjemadefinisjon) -> None:
    """The closing line: which form and when the document was made (not in the anonymous copy)."""
    tag(doc, "{%p if generert_dato %}")
    p = doc.add_paragraph(
        f"Skrevet ut fra {definisjon.kort_tittel.lower()} {{{{ generert_dato }}}}.", style="Merknad"
    )
    p.paragraph_format.space_before = Pt(12)
    tag(doc, "{%p endif %}")


# Templates carry this time in their properties and zip entries: the same every build.
FAST_TID = datetime(2026, 1, 1)


def som_bytes(doc: Document) -> bytes:
    """Return the template as .docx bytes that are the same on every build."""
    rydd_pakke(doc)
    egenskaper = doc.core_properties
    egenskaper.created = egenskaper.modified = FAST_TID
    egenskaper.revision = 1
    ut = io.BytesIO()
    doc.save(ut)
    return med_fast_tid(ut.getvalue(), FAST_TID)
