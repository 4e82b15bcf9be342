"""Printing: A4, one page wide, no near-empty last page.

The header carries the form's title and the confidentiality note; the footer
the sheet's name and the page number.
"""

from __future__ import annotations

from openpyxl.utils import get_column_letter
from openpyxl.utils.cell import range_boundaries
from openpyxl.worksheet.header_footer import HeaderFooterItem
from openpyxl.worksheet.page import PageMargins
from openpyxl.worksheet.properties import PageSetupProperties
from openpyxl.worksheet.worksheet import Worksheet

from toolkit.definisjon import Skjemadefinisjon

UNNTATT = "Unntatt offentlighet, jf. offentleglova § 13, jf. forvaltningsloven § 13"


# A4 in points, and how full the last printed page must be before the sheet is
# instead shrunk onto one page less.
_A4 = (595.0, 842.0)
_MINST_PAA_SISTE_SIDE = 0.4


def _sider(ws: Worksheet, liggende: bool, marg: PageMargins) -> int:
    """Return how many pages tall the sheet should print: no near-empty last page.

    The sheet is printed one page wide; a last page that would hold less than
    `_MINST_PAA_SISTE_SIDE` of a page is avoided by shrinking onto one page less.
    """
    bredde, hoyde = (_A4[1], _A4[0]) if liggende else _A4
    tilgjengelig_b = bredde - (marg.left + marg.right) * 72
    tilgjengelig_h = hoyde - (marg.top + marg.bottom) * 72
    kolonner = sum(
        (ws.column_dimensions[get_column_letter(k)].width or 8.43)
        for k in range(1, ws.max_column + 1)
    )
    # A column width unit is 7 pixels at 96 dpi, and 5 pixels of padding.
    skala = min(1.0, tilgjengelig_b / (kolonner * 5.25 + 3.75 * ws.max_column))
    siste = ws.max_row
    if ws.print_area:
        siste = range_boundaries(str(ws.print_area).split("!")[-1].replace("$", ""))[3] or siste
    rader = sum((ws.row_dimensions[r].height or 15.0) for r in range(1, siste + 1))
    sider = rader * skala / tilgjengelig_h
    hele = int(sider)
    if hele >= 1 and sider - hele < _MINST_PAA_SISTE_SIDE:
        return hele
    return hele + 1


def _utskrift(ws: Worksheet, d: Skjemadefinisjon, *, liggende: bool) -> None:
    ws.page_setup.paperSize = ws.PAPERSIZE_A4
    ws.page_setup.orientation = "landscape" if liggende else "portrait"
    marg = PageMargins(left=0.6, right=0.6, top=0.9, bottom=0.8, header=0.35, footer=0.35)
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = _sider(ws, liggende, marg)
    ws.sheet_properties.pageSetUpPr = PageSetupProperties(fitToPage=True)
    ws.page_margins = marg
    for hf in (ws.oddHeader, ws.firstHeader):
        _topp_eller_bunn(hf, _hf_tekst(d.tittel), _hf_tekst(UNNTATT))
    for hf in (ws.oddFooter, ws.firstFooter):
        _topp_eller_bunn(hf, "&A", "Side &P av &N")


def _topp_eller_bunn(hf: HeaderFooterItem | None, venstre: str, hoyre: str) -> None:
    """Write `venstre` at the left and `hoyre` at the right of a header or footer, in 8 pt."""
    if hf is None:  # openpyxl makes every header and footer with the sheet
        raise ValueError("the worksheet has lost a header or footer")
    hf.left.text = venstre
    hf.left.size = 8
    hf.right.text = hoyre
    hf.right.size = 8


def _hf_tekst(tekst: str) -> str:
    return tekst.replace("&", "&&")
