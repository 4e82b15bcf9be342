"""Fill a blank form with values: for the bundled examples, tests and fixtures.

This writes what it is given, through the workbook contract (a defined name per
field, an Excel table per repeating group); it does not validate the values, so
a test can also build a form with wrong input on purpose. Only keys that the
form does not have are refused, as a programmer's error.
"""

from __future__ import annotations

import io
import tomllib
from collections.abc import Mapping, Sequence
from copy import copy
from datetime import date
from pathlib import Path
from typing import TypeAlias

from openpyxl import Workbook, load_workbook
from openpyxl.cell.cell import Cell, MergedCell
from openpyxl.styles.numbers import is_date_format
from openpyxl.utils.cell import get_column_letter, range_boundaries
from openpyxl.worksheet.table import Table
from openpyxl.worksheet.worksheet import Worksheet

from toolkit.definisjon import Skjemadefinisjon
from toolkit.kontrakt import Celleverdi, finn_tabell, identitet, navngitt_celle
from toolkit.register import innebygd_register
from toolkit.skriv import lag_mappe, skriv_atomisk

DATOFORMAT = "DD.MM.YYYY"

# A bool is written "Ja"/"Nei", any other value as it is.
Verdier: TypeAlias = Mapping[str, Celleverdi]
Tabeller: TypeAlias = Mapping[str, Sequence[Mapping[str, Celleverdi]]]


def fyll_skjema(
    blank: Path,
    ut: Path,
    verdier: Verdier,
    tabeller: Tabeller | None = None,
    *,
    definisjon: Skjemadefinisjon | None = None,
) -> None:
    """Write `verdier` and the rows of `tabeller` into a copy of `blank`, saved as `ut`.

    `verdier` maps a defined name (a field key) to its value; `tabeller` maps a
    table key to its rows, each a dict of column key to value. A `date` becomes a
    date cell, a `bool` "Ja"/"Nei", `None` an empty cell; other values are written
    as they are. A table with more rows than it has room for is made longer.
    Columns are found by their labels, from `definisjon` (default: the form the
    blank workbook names). Raises KeyError for a field, table or column that the
    form does not have.
    """
    wb = load_workbook(blank)
    _fyll(wb, definisjon or _definisjon_for(wb), verdier, tabeller or {})
    _lagre(wb, Path(ut))


def fyll_bytes(
    blank: bytes,
    definisjon: Skjemadefinisjon,
    verdier: Verdier,
    tabeller: Tabeller | None = None,
) -> bytes:
    """Return the blank workbook `blank` (bytes) filled as `fyll_skjema` does."""
    wb = load_workbook(io.BytesIO(blank))
    _fyll(wb, definisjon, verdier, tabeller or {})
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


def _definisjon_for(wb: Workbook) -> Skjemadefinisjon:
    skjema_id, versjon = identitet(wb)
    register = innebygd_register()
    definisjon = register.finn(skjema_id or "", versjon or 0)
    if definisjon is None:
        raise KeyError(
            f"arbeidsboken er ikke et skjema Skjemaverk kjenner ({skjema_id}, {versjon})"
        )
    return definisjon


def _fyll(
    wb: Workbook,
    definisjon: Skjemadefinisjon,
    verdier: Verdier,
    tabeller: Tabeller,
) -> None:
    for key, verdi in verdier.items():
        _skriv(_navngitt_celle(wb, key), verdi)
    for key, rader in tabeller.items():
        _fyll_tabell(wb, definisjon, key, rader)


def fyll_fra_toml(blank: Path, toml_sti: Path, ut: Path) -> None:
    """Fill `blank` from a data file and save it as `ut`.

    The data file has a `[verdier]` table of field key = value (dates as TOML
    dates, Ja/Nei as true/false) and an array of tables per repeating group,
    e.g. `[[tiltak]]` and `[[fravaer]]`.
    """
    with open(toml_sti, "rb") as fil:
        data = tomllib.load(fil)
    verdier = data.pop("verdier", {})
    fyll_skjema(Path(blank), Path(ut), verdier, data)


def _navngitt_celle(wb: Workbook, key: str) -> Cell | MergedCell:
    plass = navngitt_celle(wb, key)
    if plass is None:
        raise KeyError(f"skjemaet har ikke feltet {key!r} (ingen definert navn)")
    return wb[plass.ark][plass.celle]


def _skriv(celle: Cell | MergedCell, verdi: Celleverdi) -> None:
    if isinstance(celle, MergedCell):
        raise ValueError(f"{celle.coordinate} er en del av en sammenslått celle og kan ikke fylles")
    if isinstance(verdi, bool):
        verdi = "Ja" if verdi else "Nei"
    elif isinstance(verdi, date) and not is_date_format(celle.number_format):
        celle.number_format = DATOFORMAT
    celle.value = verdi


def _finn_tabell(wb: Workbook, key: str) -> tuple[Worksheet, Table]:
    funnet = finn_tabell(wb, key)
    if funnet is None:
        raise KeyError(f"skjemaet har ikke tabellen {key!r}")
    ws = funnet[0]
    return ws, ws.tables[key]


def _fyll_tabell(
    wb: Workbook, definisjon: Skjemadefinisjon, key: str, rader: Sequence[Mapping[str, Celleverdi]]
) -> None:
    ws, tabell = _finn_tabell(wb, key)
    kolonner = definisjon.tabell(key).kolonner
    forste_kol, topp, siste_kol, bunn = _omrade(tabell)
    # Map each column key to its sheet column through the labels in the header row.
    overskrifter = {ws.cell(topp, kol).value: kol for kol in range(forste_kol, siste_kol + 1)}
    plass: dict[str, int] = {}
    for k in kolonner:
        if k.etikett not in overskrifter:
            raise ValueError(f"tabellen {key!r} mangler kolonnen «{k.etikett}» i overskriften")
        plass[k.key] = overskrifter[k.etikett]
    if len(rader) > bunn - topp:
        _forleng(ws, tabell, topp + len(rader))
    for i, rad in enumerate(rader):
        for kol_key, verdi in rad.items():
            if kol_key not in plass:
                raise KeyError(f"tabellen {key!r} har ikke kolonnen {kol_key!r}")
            _skriv(ws.cell(topp + 1 + i, plass[kol_key]), verdi)


def _omrade(tabell: Table) -> tuple[int, int, int, int]:
    """Return the first column, header row, last column and last row of `tabell`."""
    forste_kol, topp, siste_kol, bunn = range_boundaries(tabell.ref)
    if forste_kol is None or topp is None or siste_kol is None or bunn is None:
        raise ValueError(
            f"tabellen {tabell.name!r} dekker hele kolonner eller rader ({tabell.ref})"
        )
    return forste_kol, topp, siste_kol, bunn


def _forleng(ws: Worksheet, tabell: Table, ny_bunn: int) -> None:
    """Make `tabell` reach down to row `ny_bunn`, the new rows styled and validated
    like its last row."""
    forste_kol, topp, siste_kol, bunn = _omrade(tabell)
    for kol in range(forste_kol, siste_kol + 1):
        for rad in range(bunn + 1, ny_bunn + 1):
            if ws.cell(rad, kol).value is not None:
                raise ValueError(
                    f"tabellen {tabell.name!r} kan ikke forlenges: {ws.cell(rad, kol).coordinate}"
                    " under den er ikke tom"
                )
    for kol in range(forste_kol, siste_kol + 1):
        mal = ws.cell(bunn, kol)
        bokstav = get_column_letter(kol)
        for rad in range(bunn + 1, ny_bunn + 1):
            ny = ws.cell(rad, kol)
            # The stubs leave out `_style`, the style ids every cell has (openpyxl's
            # own way to copy a style).
            ny._style = copy(mal._style)  # type: ignore[union-attr]
        # The blank form validates rows below its tables too; reach further if needed.
        for dv in ws.data_validations.dataValidation:
            if bunn == topp or mal.coordinate not in dv.sqref:
                continue
            fra = bunn + 1
            while fra <= ny_bunn and f"{bokstav}{fra}" in dv.sqref:
                fra += 1
            if fra <= ny_bunn:
                dv.sqref.add(f"{bokstav}{fra}:{bokstav}{ny_bunn}")
    for rad in range(bunn + 1, ny_bunn + 1):
        if bunn in ws.row_dimensions and ws.row_dimensions[bunn].height:
            ws.row_dimensions[rad].height = ws.row_dimensions[bunn].height
    ref = f"{get_column_letter(forste_kol)}{topp}:{get_column_letter(siste_kol)}{ny_bunn}"
    tabell.ref = ref
    if tabell.autoFilter is not None:
        tabell.autoFilter.ref = ref


def _lagre(wb: Workbook, ut: Path) -> None:
    """Save atomically: a temporary file beside `ut`, then a rename."""
    lag_mappe(ut.parent)
    buf = io.BytesIO()
    wb.save(buf)
    skriv_atomisk(ut, buf.getvalue())
