"""Read a filled form: raw cell values with their places, found through the contract.

Nothing is converted or checked here (that is `toolkit.valider`); the reader
only finds each field's cell and each table's rows (see `toolkit.kontrakt`).
"""

from __future__ import annotations

from dataclasses import dataclass, field

from openpyxl.utils.cell import get_column_letter, range_boundaries
from openpyxl.workbook.workbook import Workbook
from openpyxl.worksheet.worksheet import Worksheet

from toolkit.definisjon import Skjemadefinisjon, Tabell
from toolkit.kontrakt import har_navn, navngitt_celle
from toolkit.modell import Funn


@dataclass(frozen=True)
class Celle:
    """A raw value and where it was found."""

    ark: str
    celle: str
    verdi: object


@dataclass
class Rad:
    """One row of a table: its number on the sheet and its cells by column key."""

    nummer: int
    celler: dict[str, Celle]


@dataclass
class RaattSkjema:
    """What the workbook holds, before any conversion."""

    skjema_id: str
    skjema_versjon: int
    felter: dict[str, Celle] = field(default_factory=dict)
    tabeller: dict[str, list[Rad]] = field(default_factory=dict)
    funn: list[Funn] = field(default_factory=list)


def les_raatt(
    bok: Workbook,
    definisjon: Skjemadefinisjon,
    skjema_id: str = "",
    skjema_versjon: int = 0,
) -> RaattSkjema:
    """Find every field and table of `definisjon` in `bok`.

    A field whose defined name the workbook does not have at all was added to
    the form after this workbook was made: an optional one is read as empty, a
    required one is an error. A name that is there but points nowhere (its row
    was deleted) is an error.
    """
    raatt = RaattSkjema(skjema_id=skjema_id, skjema_versjon=skjema_versjon)
    for del_ in definisjon.deler:
        for felt in del_.felter:
            plass = navngitt_celle(bok, felt.key)
            if plass is None:
                if har_navn(bok, felt.key):
                    melding = (
                        f"Cellen for dette feltet (navnet «{felt.key}») finnes ikke lenger i "
                        "skjemaet, kanskje fordi raden er slettet. Flytt svarene over i et nytt, "
                        "blankt skjema (skjemaverk nytt)."
                    )
                elif felt.pakrevd:
                    melding = (
                        "Feltet finnes ikke i dette skjemaet; det er kanskje laget før feltet kom "
                        "til. Flytt svarene over i et nytt skjema med «skjemaverk oppgrader»."
                    )
                else:
                    continue
                raatt.funn.append(Funn("feil", del_.ark, "", felt.etikett, "", melding))
                continue
            verdi = bok[plass.ark][plass.celle].value
            raatt.felter[felt.key] = Celle(plass.ark, plass.celle, verdi)
        for tabell in del_.tabeller:
            raatt.tabeller[tabell.key] = _les_tabell(bok, tabell, del_.ark, raatt.funn)
    return raatt


def _finn_tabell(bok: Workbook, key: str) -> tuple[Worksheet, str] | None:
    for ws in bok.worksheets:
        for navn, tabell in ws.tables.items():
            if key in (navn, getattr(tabell, "displayName", None)):
                ref = tabell if isinstance(tabell, str) else tabell.ref
                return ws, ref
    return None


def _normaliser(tekst: object) -> str:
    return " ".join(str(tekst or "").split()).casefold()


def _les_tabell(bok: Workbook, tabell: Tabell, ark: str, funn: list[Funn]) -> list[Rad]:
    funnet = _finn_tabell(bok, tabell.key)
    if funnet is None:
        funn.append(
            Funn(
                "feil",
                ark,
                "",
                tabell.etikett,
                "",
                f"Tabellen «{tabell.key}» finnes ikke i skjemaet. Bruk et nytt, blankt skjema "
                "(skjemaverk nytt) og flytt radene over.",
            )
        )
        return []
    ws, ref = funnet
    min_kol, min_rad, max_kol, max_rad = range_boundaries(ref)
    overskrifter = {
        _normaliser(ws.cell(row=min_rad, column=k).value): k for k in range(min_kol, max_kol + 1)
    }
    kolonner: dict[str, int] = {}
    for kolonne in tabell.kolonner:
        nr = overskrifter.get(_normaliser(kolonne.etikett))
        if nr is None:
            funn.append(
                Funn(
                    "feil",
                    ws.title,
                    f"{get_column_letter(min_kol)}{min_rad}",
                    tabell.etikett,
                    "",
                    f"Kolonnen «{kolonne.etikett}» mangler i tabellen. Gi kolonneoverskriften "
                    "det opprinnelige navnet igjen.",
                )
            )
            continue
        kolonner[kolonne.key] = nr

    rader: list[Rad] = []
    nummer = min_rad + 1
    # Rows typed just below the table belong to it too: LibreOffice does not grow
    # Excel tables, and Excel doesn't when the sheet is protected.
    while nummer <= max_rad or (nummer <= ws.max_row and _har_innhold(ws, nummer, kolonner)):
        if _har_innhold(ws, nummer, kolonner):
            rader.append(
                Rad(
                    nummer,
                    {
                        key: Celle(
                            ws.title,
                            f"{get_column_letter(k)}{nummer}",
                            ws.cell(row=nummer, column=k).value,
                        )
                        for key, k in kolonner.items()
                    },
                )
            )
        nummer += 1
    return rader


def _har_innhold(ws: Worksheet, rad: int, kolonner: dict[str, int]) -> bool:
    for k in kolonner.values():
        verdi = ws.cell(row=rad, column=k).value
        if verdi is not None and (not isinstance(verdi, str) or verdi.strip()):
            return True
    return False
