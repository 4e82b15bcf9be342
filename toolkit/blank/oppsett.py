"""The layout every sheet shares: sheet names, rows, widths, fonts, fills and row heights."""

from __future__ import annotations

import textwrap

from openpyxl.styles import Alignment, Border, Font, PatternFill, Protection, Side

# The sheets the blank form adds are named with the definition, which keeps parts off them.
from toolkit.definisjon import LISTER as LISTER
from toolkit.definisjon import VEILEDNING as VEILEDNING
from toolkit.definisjon import Felt, Skjemadefinisjon

FORSTE_FELTRAD = 4
EKSTRA_RADER = 200
DATOFORMAT = "DD.MM.YYYY"
# Column widths on a sheet of fields only: label, input, help.
FELTBREDDER = (34, 50, 32)
STANDARDBREDDE = 15
LANGTEKST_HOYDE = 80.0
TABELLSTIL = "TableStyleMedium2"

INPUT_FYLL = PatternFill("solid", fgColor="FFF8DC")
_TYNN = Side(style="thin", color="BFBFBF")
INPUT_KANT = Border(left=_TYNN, right=_TYNN, top=_TYNN, bottom=_TYNN)
ULAST = Protection(locked=False)
# Name the font everywhere: without it LibreOffice falls back to a serif font.
SKRIFT = "Calibri"
TITTEL_FONT = Font(name=SKRIFT, bold=True, size=16)
UNDERTITTEL_FONT = Font(name=SKRIFT, bold=True, size=12)
ETIKETT_FONT = Font(name=SKRIFT, bold=True, size=11)
TEKST_FONT = Font(name=SKRIFT, size=11)
HJELP_FONT = Font(name=SKRIFT, size=9, color="595959")
KODE_FONT = Font(name="Consolas", size=10)
# Table header and rows carry their own fill and borders as well as the table
# style, so that they show (and print) in LibreOffice, which ignores table styles.
TABELLHODE_FYLL = PatternFill("solid", fgColor="D9E1F2")
OPPE = Alignment(wrap_text=True, vertical="top")


def _arknavn(ark: str) -> str:
    return "'" + ark.replace("'", "''") + "'"


def _alle_felter(d: Skjemadefinisjon) -> list[Felt]:
    return [*d.felter, *(k for t in d.tabeller for k in t.kolonner)]


def _hoyde(
    *tekster: tuple[str, float, float] | tuple[str, float, float, bool], minste: float = 15.0
) -> float:
    """Estimate a row height (points) that shows each (text, width, size[, bold]) whole."""
    hoyde = minste
    for tekst, bredde, storrelse, *fet in tekster:
        if not tekst:
            continue
        # A column width unit is about one character of 11 pt text; bold is wider.
        tegn = max(8, int(bredde * 11 / storrelse * (0.9 if fet and fet[0] else 1.0)) - 1)
        linjer = sum(max(1, len(textwrap.wrap(ledd, tegn))) for ledd in tekst.split("\n"))
        hoyde = max(hoyde, linjer * storrelse * 1.35 + 5)
    return round(hoyde, 1)
