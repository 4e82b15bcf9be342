"""The workbook contract: how a form's values are found in an Excel workbook.

- Every single-value field is a cell with a workbook-level defined name equal
  to the field key (`elev_navn`). Staff may insert rows; Excel moves the names.
- Every repeating group is an Excel table whose name is the table key
  (`tiltak`), with the column labels in its header row.
- The workbook carries its form's id and version as the defined names
  `skjema_id` and `skjema_versjon`.

The reader, the field reference, the filler and the upgrader all look things
up here, so the contract is written once.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, time, timedelta
from decimal import Decimal
from typing import TypeAlias

from openpyxl.cell.rich_text import CellRichText
from openpyxl.utils.cell import coordinate_from_string
from openpyxl.utils.exceptions import CellCoordinatesException
from openpyxl.workbook.workbook import Workbook
from openpyxl.worksheet.formula import ArrayFormula, DataTableFormula
from openpyxl.worksheet.worksheet import Worksheet

SKJEMA_ID = "skjema_id"
SKJEMA_VERSJON = "skjema_versjon"

# A value as openpyxl reads it from a cell, and what it can write to one (a datetime is a date).
Celleverdi: TypeAlias = (
    str
    | int
    | float
    | Decimal
    | bool
    | date
    | time
    | timedelta
    | CellRichText
    | ArrayFormula
    | DataTableFormula
    | None
)


@dataclass(frozen=True)
class Plass:
    """Where a named cell is: its sheet and its reference (`B4`)."""

    ark: str
    celle: str


def definert_verdi(bok: Workbook, navn: str) -> str | None:
    """Return the constant a defined name holds (`"kartlegging-skolefravaer"`), or None."""
    dn = bok.defined_names.get(navn)
    if dn is None or dn.attr_text is None:
        return None
    return dn.attr_text.strip().strip('"').strip()


def identitet(bok: Workbook) -> tuple[str | None, int | None]:
    """Return the workbook's form id and version; None for what it does not say."""
    skjema_id = definert_verdi(bok, SKJEMA_ID) or None
    try:
        versjon: int | None = int(float(versjon_tekst(bok)))
    except (ValueError, OverflowError):
        versjon = None
    return skjema_id, versjon


def versjon_tekst(bok: Workbook) -> str:
    """Return the version as the workbook writes it ("1", or something else), for messages."""
    return definert_verdi(bok, SKJEMA_VERSJON) or ""


def har_navn(bok: Workbook, key: str) -> bool:
    """True when the workbook has a defined name `key` (broken or not)."""
    return bok.defined_names.get(key) is not None


def navngitt_celle(bok: Workbook, key: str) -> Plass | None:
    """Return the one cell the defined name `key` points at, or None if it points nowhere."""
    dn = bok.defined_names.get(key)
    if dn is None:
        return None
    try:
        for ark, ref in dn.destinations:
            if ark not in bok.sheetnames:
                return None
            forste = ref.replace("$", "").split(":")[0]
            kolonne, rad = coordinate_from_string(forste)
            return Plass(ark, f"{kolonne}{rad}")
    except (ValueError, TypeError, AttributeError, CellCoordinatesException):
        return None
    return None


def finn_tabell(bok: Workbook, key: str) -> tuple[Worksheet, str] | None:
    """Return the sheet and range (`A5:H65`) of the Excel table `key`, or None."""
    for ws in bok.worksheets:
        for navn, tabell in ws.tables.items():
            if key in (navn, getattr(tabell, "displayName", None)):
                ref = tabell if isinstance(tabell, str) else tabell.ref
                return ws, ref
    return None
