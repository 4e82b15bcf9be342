"""A part's sheet: its title and introduction, a row per field, then its tables."""

from __future__ import annotations

from openpyxl import Workbook
from openpyxl.cell.cell import Cell, MergedCell
from openpyxl.styles import Alignment
from openpyxl.utils import get_column_letter
from openpyxl.utils.cell import absolute_coordinate
from openpyxl.workbook.defined_name import DefinedName
from openpyxl.worksheet.table import Table, TableStyleInfo
from openpyxl.worksheet.worksheet import Worksheet

from toolkit.blank.oppsett import (
    DATOFORMAT,
    EKSTRA_RADER,
    ETIKETT_FONT,
    FELTBREDDER,
    FORSTE_FELTRAD,
    HJELP_FONT,
    INPUT_FYLL,
    INPUT_KANT,
    LANGTEKST_HOYDE,
    OPPE,
    STANDARDBREDDE,
    TABELLHODE_FYLL,
    TABELLSTIL,
    TEKST_FONT,
    TITTEL_FONT,
    ULAST,
    UNDERTITTEL_FONT,
    _arknavn,
    _hoyde,
)
from toolkit.blank.validering import _validering
from toolkit.definisjon import Del, Felt, Tabell


def _kolonnebredder(del_: Del) -> list[float]:
    if not del_.tabeller:
        return list(FELTBREDDER)
    antall = max(3, *(len(t.kolonner) for t in del_.tabeller))
    bredder = [0.0] * antall
    for t in del_.tabeller:
        for i, k in enumerate(t.kolonner):
            bredder[i] = max(bredder[i], k.bredde or STANDARDBREDDE)
    return [b or STANDARDBREDDE for b in bredder]


def _skriv_del(wb: Workbook, ws: Worksheet, del_: Del, lister: dict[str, str]) -> None:
    bredder = _kolonnebredder(del_)
    siste = len(bredder)
    for i, b in enumerate(bredder, start=1):
        ws.column_dimensions[get_column_letter(i)].width = b
    ws.sheet_view.showGridLines = False

    ws.cell(1, 1, del_.tittel).font = TITTEL_FONT
    ws.row_dimensions[1].height = 26
    if del_.innledning:
        c = ws.cell(2, 1, del_.innledning)
        c.font = TEKST_FONT
        c.alignment = OPPE
        ws.merge_cells(start_row=2, start_column=1, end_row=2, end_column=siste)
        ws.row_dimensions[2].height = _hoyde((del_.innledning, sum(bredder), 11))
    ws.row_dimensions[3].height = 8

    hjelpebredde = sum(bredder[2:])
    rad = FORSTE_FELTRAD
    for f in del_.felter:
        _skriv_felt(wb, ws, del_, f, rad, bredder[0], hjelpebredde, siste, lister)
        rad += 1

    for nr, t in enumerate(del_.tabeller, start=1):
        if rad > FORSTE_FELTRAD:
            ws.row_dimensions[rad].height = 12
            rad += 1
        rad = _skriv_tabell(ws, t, rad, bredder, lister, siste=nr == len(del_.tabeller))


def _skriv_felt(
    wb: Workbook,
    ws: Worksheet,
    del_: Del,
    f: Felt,
    rad: int,
    etikettbredde: float,
    hjelpebredde: float,
    siste: int,
    lister: dict[str, str],
) -> None:
    etikett = ws.cell(rad, 1, f.etikett)
    etikett.font = ETIKETT_FONT
    etikett.alignment = OPPE

    celle = ws.cell(rad, 2)
    _inputstil(celle, f)
    celle.fill = INPUT_FYLL
    celle.border = INPUT_KANT

    hjelp = _hjelpetekst(f)
    if hjelp:
        h = ws.cell(rad, 3, hjelp)
        h.font = HJELP_FONT
        h.alignment = OPPE
        if siste > 3:
            ws.merge_cells(start_row=rad, start_column=3, end_row=rad, end_column=siste)

    minste = LANGTEKST_HOYDE if f.type == "langtekst" else 20.0
    ws.row_dimensions[rad].height = _hoyde(
        (f.etikett, etikettbredde, 11, True), (hjelp, hjelpebredde, 9), minste=minste
    )

    dv = _validering(f, lister)
    dv.add(celle.coordinate)
    ws.add_data_validation(dv)

    ref = f"{_arknavn(del_.ark)}!{absolute_coordinate(celle.coordinate)}"
    wb.defined_names[f.key] = DefinedName(f.key, attr_text=ref)


def _skriv_tabell(
    ws: Worksheet,
    t: Tabell,
    rad: int,
    bredder: list[float],
    lister: dict[str, str],
    *,
    siste: bool = True,
) -> int:
    """Write table `t` from row `rad`; return the first row after it.

    The last table of a sheet has unlocked input rows below it as well, for rows
    typed after the table (Excel grows the table, LibreOffice does not); a table
    with another one below it reaches the spacer row only, so the next table's
    heading and header stay locked and each cell has one validation.
    """
    siste_kol = len(t.kolonner)
    ws.cell(rad, 1, t.etikett).font = UNDERTITTEL_FONT
    ws.cell(rad, 1).alignment = Alignment(vertical="top")
    if t.hjelp:
        h = ws.cell(rad, 2, t.hjelp)
        h.font = HJELP_FONT
        h.alignment = OPPE
        if len(bredder) > 2:
            ws.merge_cells(start_row=rad, start_column=2, end_row=rad, end_column=len(bredder))
    ws.row_dimensions[rad].height = _hoyde((t.hjelp, sum(bredder[1:]), 9), minste=20.0)
    rad += 1

    hode = rad
    for i, k in enumerate(t.kolonner, start=1):
        c = ws.cell(hode, i, k.etikett)
        c.font = ETIKETT_FONT
        c.fill = TABELLHODE_FYLL
        c.border = INPUT_KANT
        c.alignment = Alignment(wrap_text=True, vertical="center")
    ws.row_dimensions[hode].height = _hoyde(
        *((k.etikett, bredder[i], 11, True) for i, k in enumerate(t.kolonner)), minste=20.0
    )
    forste = hode + 1
    siste_tabellrad = hode + max(1, t.rader)
    # Up to the spacer row above the next table's heading, where reading it stops.
    siste_rad = siste_tabellrad + (EKSTRA_RADER if siste else 1)

    for i, k in enumerate(t.kolonner, start=1):
        for r in range(forste, siste_rad + 1):
            celle = ws.cell(r, i)
            _inputstil(celle, k)
            if r <= siste_tabellrad:
                celle.fill = INPUT_FYLL
                celle.border = INPUT_KANT
        bokstav = get_column_letter(i)
        dv = _validering(k, lister)
        dv.add(f"{bokstav}{forste}:{bokstav}{siste_rad}")
        ws.add_data_validation(dv)
        # Later columns may offer this column's values as a dropdown (forslag_fra).
        lister[f"{t.key}.{k.key}"] = (
            f"{_arknavn(ws.title)}!${bokstav}${forste}:${bokstav}${siste_rad}"
        )

    ref = f"A{hode}:{get_column_letter(siste_kol)}{siste_tabellrad}"
    tabell = Table(displayName=t.key, name=t.key, ref=ref)
    tabell.tableStyleInfo = TableStyleInfo(
        name=TABELLSTIL, showRowStripes=True, showColumnStripes=False
    )
    ws.add_table(tabell)
    if ws.print_title_rows is None:
        ws.print_title_rows = f"{hode}:{hode}"
    # Print the table's rows, not the rows below it that only carry validation.
    ws.print_area = f"A1:{get_column_letter(max(siste_kol, len(bredder)))}{siste_tabellrad}"
    return siste_tabellrad + 1


def _inputstil(celle: Cell | MergedCell, f: Felt) -> None:
    celle.protection = ULAST
    celle.font = TEKST_FONT
    if f.type == "dato":
        celle.number_format = DATOFORMAT
        celle.alignment = Alignment(horizontal="left", vertical="top")
    elif f.type == "heltall":
        celle.number_format = "0"
        celle.alignment = Alignment(horizontal="left", vertical="top")
    else:
        celle.alignment = OPPE


def _hjelpetekst(f: Felt) -> str:
    if f.pakrevd:
        return f"Må fylles ut. {f.hjelp}".strip()
    return f.hjelp
