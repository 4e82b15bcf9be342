"""The workbook: its sheets in order, protected, with the defined names and properties."""

from __future__ import annotations

from datetime import datetime

from openpyxl import Workbook
from openpyxl.workbook.defined_name import DefinedName
from openpyxl.worksheet.worksheet import Worksheet

from toolkit.blank.ark import _skriv_del
from toolkit.blank.oppsett import LISTER, VEILEDNING
from toolkit.blank.utskrift import _utskrift
from toolkit.blank.validering import _skriv_lister
from toolkit.blank.veiledning import _skriv_veiledning
from toolkit.definisjon import Skjemadefinisjon

# Fixed time stamps make the output byte for byte the same on every run.
FAST_TID = datetime(2026, 1, 1, 0, 0, 0)


def bygg_arbeidsbok(definisjon: Skjemadefinisjon) -> Workbook:
    """Build the blank form as an openpyxl workbook (not yet saved)."""
    wb = Workbook()
    veiledning = wb.active
    if not isinstance(veiledning, Worksheet):  # a new workbook starts with one worksheet
        raise TypeError("a new workbook has no worksheet")
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
