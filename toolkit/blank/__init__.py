"""Write the blank Excel mapping form from the form definition.

Layout (the workbook contract, docs/arkitektur.md, is what other code relies on):

- Sheet "Veiledning" first: how to fill in the form, the types of absence,
  privacy, and the commands to run afterwards.
- One sheet per part, in definition order. Row 1 the part's title, row 2 its
  introduction, row 3 a spacer, fields from row 4: label in column A, input
  cell in column B, help text (small, grey) in column C, merged across the
  remaining columns on sheets that also hold a table.
- Tables follow the fields: a row with the table's label and help, the header
  row (column labels), then `rader` empty rows. Validation, number format and
  unlocked cells reach `EKSTRA_RADER` rows below the table as well.
- A hidden sheet "Lister" holds every choice list, one per column; dropdowns
  refer to it by range (inline lists over 255 characters break Excel).
- Workbook-level defined names: each field key points at its input cell;
  `skjema_id` and `skjema_versjon` hold constants.
"""

from __future__ import annotations

import io
import re
import textwrap
from datetime import datetime
from pathlib import Path

from openpyxl import Workbook
from openpyxl.styles import Alignment, Border, Font, PatternFill, Protection, Side
from openpyxl.utils import get_column_letter
from openpyxl.utils.cell import range_boundaries
from openpyxl.workbook.defined_name import DefinedName
from openpyxl.worksheet.datavalidation import DataValidation
from openpyxl.worksheet.page import PageMargins
from openpyxl.worksheet.properties import PageSetupProperties
from openpyxl.worksheet.table import Table, TableStyleInfo
from openpyxl.worksheet.worksheet import Worksheet

from toolkit.definisjon import Del, Felt, Skjemadefinisjon, Tabell
from toolkit.errors import DefinisjonError
from toolkit.skriv import med_fast_tid, skriv_atomisk

VEILEDNING = "Veiledning"
LISTER = "Lister"
FORSTE_FELTRAD = 4
EKSTRA_RADER = 200
DATOFORMAT = "DD.MM.YYYY"
# Column widths on a sheet of fields only: label, input, help.
FELTBREDDER = (34, 50, 32)
STANDARDBREDDE = 15
LANGTEKST_HOYDE = 80.0
TABELLSTIL = "TableStyleMedium2"
UNNTATT = "Unntatt offentlighet, jf. offentleglova § 13, jf. forvaltningsloven § 13"
# Fixed time stamps make the output byte for byte the same on every run.
FAST_TID = datetime(2026, 1, 1, 0, 0, 0)

# Excel's limits for data validation texts (longer ones make Excel "repair" the file).
MAKS_TITTEL = 32
MAKS_HJELP = 255
MAKS_FEILMELDING = 225
# Date validation bounds, as Excel serial numbers: 01.01.1900 and 31.12.2100.
DATO_FRA = 1
DATO_TIL = 73415

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

_CELLEREF = re.compile(r"^([a-z]{1,3})([0-9]+)$")
_R1C1 = re.compile(r"^(r[0-9]*c?[0-9]*|c[0-9]*)$")


def skriv_blankt(definisjon: Skjemadefinisjon, sti: Path) -> None:
    """Write the blank form for `definisjon` to `sti`, atomically.

    An existing file at `sti` is replaced: whether that is allowed is the
    caller's decision. Raises `SkriveError` when the file cannot be written and
    `DefinisjonError` when the definition cannot be expressed in Excel.
    """
    skriv_atomisk(Path(sti), bygg_blankt(definisjon))


def bygg_blankt(definisjon: Skjemadefinisjon) -> bytes:
    """Return the blank form for `definisjon` as .xlsx bytes (the same every time)."""
    _sjekk_excel_navn(definisjon)
    wb = bygg_arbeidsbok(definisjon)
    buf = io.BytesIO()
    wb.save(buf)
    return med_fast_tid(buf.getvalue(), FAST_TID)


def bygg_arbeidsbok(definisjon: Skjemadefinisjon) -> Workbook:
    """Build the blank form as an openpyxl workbook (not yet saved)."""
    wb = Workbook()
    veiledning = wb.active
    veiledning.title = VEILEDNING
    lister = wb.create_sheet(LISTER)
    referanser = _skriv_lister(lister, definisjon)
    for del_ in definisjon.deler:
        ws = wb.create_sheet(del_.ark)
        _skriv_del(wb, ws, del_, referanser)
        _utskrift(ws, definisjon, liggende=bool(del_.tabeller))
        _beskytt(ws)
    _skriv_veiledning(veiledning, definisjon)
    _utskrift(veiledning, definisjon, liggende=False)
    _beskytt(veiledning)
    # The list sheet goes last and out of sight.
    wb.move_sheet(lister, offset=len(wb.sheetnames) - 1 - wb.sheetnames.index(LISTER))
    lister.sheet_state = "hidden"
    _beskytt(lister)
    wb.active = 0

    wb.defined_names["skjema_id"] = DefinedName("skjema_id", attr_text=f'"{definisjon.id}"')
    wb.defined_names["skjema_versjon"] = DefinedName(
        "skjema_versjon", attr_text=str(definisjon.versjon)
    )
    p = wb.properties
    p.title = definisjon.tittel
    p.subject = f"{definisjon.id}, versjon {definisjon.versjon}"
    p.creator = "Skjemaverk"
    p.lastModifiedBy = "Skjemaverk"
    p.created = FAST_TID
    p.modified = FAST_TID
    return wb


# --- the list sheet -----------------------------------------------------------


def _skriv_lister(ws: Worksheet, definisjon: Skjemadefinisjon) -> dict[str, str]:
    """Write each choice list in a column; return list name -> absolute range."""
    lister: dict[str, tuple[str, ...]] = dict(definisjon.valglister)
    for f in _alle_felter(definisjon):
        if f.valg:
            lister.setdefault(_listenavn(f, forslag=False), f.valg)
        if f.forslag:
            lister.setdefault(_listenavn(f, forslag=True), f.forslag)
    referanser = {}
    for kol, (navn, verdier) in enumerate(lister.items(), start=1):
        bokstav = get_column_letter(kol)
        ws.cell(1, kol, navn).font = ETIKETT_FONT
        for rad, verdi in enumerate(verdier, start=2):
            ws.cell(rad, kol, verdi)
        ws.column_dimensions[bokstav].width = max(12, *(len(v) + 2 for v in verdier))
        slutt = len(verdier) + 1
        referanser[navn] = f"{_arknavn(LISTER)}!${bokstav}$2:${bokstav}${slutt}"
    return referanser


def _listenavn(f: Felt, *, forslag: bool) -> str:
    if forslag:
        return f.forslag_navn or f"{f.key}_forslag"
    return f.valg_navn or f.key


# --- one sheet per part ---------------------------------------------------------


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

    for t in del_.tabeller:
        if rad > FORSTE_FELTRAD:
            ws.row_dimensions[rad].height = 12
            rad += 1
        rad = _skriv_tabell(ws, t, rad, bredder, lister)


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

    ref = f"{_arknavn(del_.ark)}!${celle.column_letter}${rad}"
    wb.defined_names[f.key] = DefinedName(f.key, attr_text=ref)


def _skriv_tabell(
    ws: Worksheet, t: Tabell, rad: int, bredder: list[float], lister: dict[str, str]
) -> int:
    """Write table `t` from row `rad`; return the first row after it."""
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
    siste_rad = siste_tabellrad + EKSTRA_RADER

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


def _inputstil(celle, f: Felt) -> None:
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


# --- data validation --------------------------------------------------------------


def _validering(f: Felt, lister: dict[str, str]) -> DataValidation:
    """Return the validation for one field or column, with its help as input message."""
    hjelp = f.hjelp
    if f.pakrevd:
        hjelp = f"{_kort(hjelp, MAKS_HJELP - 15)} Må fylles ut.".strip()
    felles = {
        "allow_blank": True,
        "showInputMessage": True,
        "promptTitle": _kort(f.etikett, MAKS_TITTEL),
        "prompt": _kort(hjelp, MAKS_HJELP),
    }
    feil = {"showErrorMessage": True, "errorStyle": "stop"}

    if f.valg:
        verdier = ", ".join(f.valg)
        melding = f"Velg en av verdiene i listen: {verdier}."
        if len(melding) > MAKS_FEILMELDING:
            melding = "Velg en av verdiene i listen (trykk på pilen ved cellen)."
        return DataValidation(
            type="list",
            formula1=lister[_listenavn(f, forslag=False)],
            errorTitle="Ugyldig valg",
            error=melding,
            **feil,
            **felles,
        )
    if f.forslag or f.forslag_fra:
        # A dropdown of suggestions that still accepts any other text.
        kilde = lister[f.forslag_fra] if f.forslag_fra else lister[_listenavn(f, forslag=True)]
        return DataValidation(
            type="list",
            formula1=kilde,
            showErrorMessage=False,
            errorStyle="information",
            **felles,
        )
    if f.type == "dato":
        return DataValidation(
            type="date",
            operator="between",
            formula1=str(DATO_FRA),
            formula2=str(DATO_TIL),
            errorTitle="Ugyldig dato",
            error="Skriv datoen som dd.mm.åååå, for eksempel 14.01.2026.",
            **feil,
            **felles,
        )
    if f.type == "heltall":
        return _heltall(f, feil, felles)
    if f.tekstlig and f.maks_lengde:
        return DataValidation(
            type="textLength",
            operator="lessThanOrEqual",
            formula1=str(f.maks_lengde),
            errorTitle="For lang tekst",
            error=f"Teksten kan ha høyst {f.maks_lengde} tegn.",
            **feil,
            **felles,
        )
    # Any value: the validation only carries the help text.
    return DataValidation(**felles)


def _heltall(f: Felt, feil: dict, felles: dict) -> DataValidation:
    if f.min is not None and f.maks is not None:
        grenser = {"operator": "between", "formula1": str(f.min), "formula2": str(f.maks)}
        melding = f"Skriv et helt tall fra {f.min} til {f.maks}."
    elif f.min is not None:
        grenser = {"operator": "greaterThanOrEqual", "formula1": str(f.min)}
        melding = f"Skriv et helt tall, minst {f.min}."
    elif f.maks is not None:
        grenser = {"operator": "lessThanOrEqual", "formula1": str(f.maks)}
        melding = f"Skriv et helt tall, høyst {f.maks}."
    else:
        grenser = {"operator": "between", "formula1": "-2147483648", "formula2": "2147483647"}
        melding = "Skriv et helt tall."
    return DataValidation(
        type="whole", errorTitle="Ugyldig tall", error=melding, **grenser, **feil, **felles
    )


def _kort(tekst: str, maks: int) -> str:
    """Shorten `tekst` to at most `maks` characters, at a word boundary, with an ellipsis."""
    tekst = " ".join(tekst.split())
    if len(tekst) <= maks:
        return tekst
    kutt = tekst[: maks - 1]
    if " " in kutt:
        kutt = kutt[: kutt.rfind(" ")]
    return kutt.rstrip(" ,.;:–-") + "…"


# --- the guidance sheet -----------------------------------------------------------


def _skriv_veiledning(ws: Worksheet, d: Skjemadefinisjon) -> None:
    bredder = (30, 68)
    total = sum(bredder)
    ws.column_dimensions["A"].width = bredder[0]
    ws.column_dimensions["B"].width = bredder[1]
    ws.sheet_view.showGridLines = False
    rad = 1

    def tittel(tekst: str) -> None:
        nonlocal rad
        ws.cell(rad, 1, tekst).font = TITTEL_FONT
        ws.row_dimensions[rad].height = 26
        rad += 1

    def overskrift(tekst: str) -> None:
        nonlocal rad
        ws.row_dimensions[rad].height = 10
        rad += 1
        ws.cell(rad, 1, tekst).font = UNDERTITTEL_FONT
        ws.row_dimensions[rad].height = 20
        rad += 1

    def avsnitt(tekst: str, font: Font | None = None) -> None:
        nonlocal rad
        c = ws.cell(rad, 1, tekst)
        c.alignment = OPPE
        c.font = font or TEKST_FONT
        ws.merge_cells(start_row=rad, start_column=1, end_row=rad, end_column=2)
        ws.row_dimensions[rad].height = _hoyde((tekst, total, font.size if font else 11))
        rad += 1

    def par(venstre: str, hoyre: str, hoyre_font: Font = TEKST_FONT) -> None:
        nonlocal rad
        if venstre:
            a = ws.cell(rad, 1, venstre)
            a.font = ETIKETT_FONT
            a.alignment = OPPE
        b = ws.cell(rad, 2, hoyre)
        b.font = hoyre_font
        b.alignment = OPPE
        ws.row_dimensions[rad].height = _hoyde(
            (venstre, bredder[0], 11, True), (hoyre, bredder[1], 11)
        )
        rad += 1

    tittel(d.tittel)
    if d.veiledning_innledning:
        avsnitt(d.veiledning_innledning)

    overskrift("Slik fyller du ut skjemaet")
    avsnitt("Skjemaet har ett ark for hver del, i denne rekkefølgen:")
    for del_ in d.deler:
        par(del_.ark, del_.tittel)
    forslag = sorted({f.etikett for f in _alle_felter(d) if f.forslag and not f.valg})
    punkter = [
        "Skriv i de lyse, gule cellene. Resten av arket er låst, slik at spørsmålene ikke "
        "endres ved et uhell.",
        "Når du står i en celle, viser Excel en kort hjelpetekst. Den samme teksten står i grått "
        "ved siden av feltet. Felt som må fylles ut, er merket «Må fylles ut».",
        "Ny linje i samme celle: trykk Alt+Enter (på Mac: Ctrl+Option+Enter).",
        "Datoer skrives som dd.mm.åååå, for eksempel 14.01.2026.",
        "Der cellen har en liste, velger du fra pilen ved cellen."
        + (
            f" For {_og(f'«{e}»' for e in forslag)} kan du også skrive noe som ikke står i listen."
            if forslag
            else ""
        ),
    ]
    if d.tabeller:
        punkter.append(
            "Tabellene har ferdige tomme rader, én rad for hver ting som skal føres. Trenger du "
            "flere, skriver du i raden rett under tabellen, så blir tabellen lengre. Excel utvider "
            "ikke tabellen mens arket er beskyttet: opphev beskyttelsen først (se neste punkt)."
        )
    punkter.append(
        "Arkene er beskyttet uten passord. Må du endre noe utenfor de gule cellene, velger du "
        "Se gjennom > Opphev arkbeskyttelse. Slett ikke spørsmålene og svarcellene, og endre "
        "ikke overskriftene i tabellene: programmet finner svarene ut fra dem."
    )
    for p in punkter:
        avsnitt(f"• {p}")

    for seksjon in d.veiledning:
        overskrift(seksjon.tittel)
        for tekst in seksjon.avsnitt:
            avsnitt(tekst)
        for venstre, hoyre in seksjon.par:
            par(venstre, hoyre)
        for p in seksjon.punkter:
            avsnitt(f"• {p}")

    overskrift("Når skjemaet er fylt ut")
    avsnitt(
        "Skriv kommandoene i et terminalvindu (for eksempel PowerShell) i mappen der filen "
        "ligger. Bytt ut filnavnet med navnet på din fil."
    )
    par("Sjekk skjemaet", "Viser hva som mangler eller er feil, med ark og celle.")
    par("", f"skjemaverk sjekk {d.blankt_navn}", hoyre_font=KODE_FONT)
    dokumenter = _og(dok.tittel.lower() for dok in d.dokumenter)
    par("Lag dokumentene", f"Lager {dokumenter or 'dokumentene'} som Word-dokumenter.")
    par("", f"skjemaverk lag {d.blankt_navn}", hoyre_font=KODE_FONT)
    ws.row_dimensions[rad].height = 10
    rad += 1
    avsnitt(
        f"Skjema: {d.id}, versjon {d.versjon}. Laget med Skjemaverk. Arket «{LISTER}» er skjult "
        "og holder listene til nedtrekksmenyene.",
        font=HJELP_FONT,
    )


def _og(deler) -> str:
    deler = list(deler)
    if len(deler) <= 1:
        return "".join(deler)
    return ", ".join(deler[:-1]) + " og " + deler[-1]


# --- print, protection, names ---------------------------------------------------------


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
        hf.left.text = _hf_tekst(d.tittel)
        hf.left.size = 8
        hf.right.text = _hf_tekst(UNNTATT)
        hf.right.size = 8
    for hf in (ws.oddFooter, ws.firstFooter):
        hf.left.text = "&A"
        hf.left.size = 8
        hf.right.text = "Side &P av &N"
        hf.right.size = 8


def _hf_tekst(tekst: str) -> str:
    return tekst.replace("&", "&&")


def _beskytt(ws: Worksheet) -> None:
    """Protect the sheet without a password; False means the action is allowed."""
    p = ws.protection
    p.sheet = True
    p.formatColumns = False
    p.formatRows = False
    p.insertRows = False
    p.deleteRows = False
    p.sort = False
    p.autoFilter = False
    p.selectLockedCells = False
    p.selectUnlockedCells = False


def _arknavn(ark: str) -> str:
    return "'" + ark.replace("'", "''") + "'"


def _alle_felter(d: Skjemadefinisjon) -> list[Felt]:
    return [*d.felter, *(k for t in d.tabeller for k in t.kolonner)]


def _sjekk_excel_navn(d: Skjemadefinisjon) -> None:
    """Refuse keys Excel cannot use as names, and duplicate table headers."""
    navn = [f.key for f in d.felter] + [t.key for t in d.tabeller]
    for key in navn:
        if _ligner_celle(key):
            raise DefinisjonError(
                f"Nøkkelen «{key}» kan ikke brukes som navn i Excel fordi den ligner en "
                "cellereferanse. Gi feltet en annen nøkkel."
            )
    for t in d.tabeller:
        etiketter = [k.etikett.casefold() for k in t.kolonner]
        if len(set(etiketter)) != len(etiketter):
            raise DefinisjonError(
                f"Tabellen «{t.key}» har to kolonner med samme etikett; Excel krever ulike "
                "overskrifter."
            )
    if VEILEDNING.casefold() in {x.ark.casefold() for x in d.deler} or LISTER.casefold() in {
        x.ark.casefold() for x in d.deler
    }:
        raise DefinisjonError(f"Arknavnene «{VEILEDNING}» og «{LISTER}» er reservert.")


def _ligner_celle(key: str) -> bool:
    if _R1C1.match(key):
        return True
    m = _CELLEREF.match(key)
    if not m:
        return False
    kolonne = 0
    for tegn in m.group(1):
        kolonne = kolonne * 26 + ord(tegn) - ord("a") + 1
    return kolonne <= 16384 and 1 <= int(m.group(2)) <= 1048576


# --- layout helpers ------------------------------------------------------------------


def _hoyde(*tekster: tuple, minste: float = 15.0) -> float:
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


# --- writing ----------------------------------------------------------------------------
