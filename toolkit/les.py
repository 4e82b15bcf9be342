"""Read a filled form: raw cell values with their places, found through the contract."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from openpyxl.cell.cell import Cell, MergedCell
from openpyxl.utils.cell import coordinate_from_string, get_column_letter, range_boundaries
from openpyxl.workbook.workbook import Workbook
from openpyxl.worksheet.worksheet import Worksheet

from toolkit.apne import apne_arbeidsbok
from toolkit.definisjon import Skjemadefinisjon, Tabell, standard_definisjon
from toolkit.errors import UlesbarFilError
from toolkit.innstillinger import Innstillinger
from toolkit.modell import Funn, Skjemadata


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


def les_skjema(
    sti: Path | str,
    passord: str | None = None,
    definisjon: Skjemadefinisjon | None = None,
    innstillinger: Innstillinger | None = None,
) -> Skjemadata:
    """Read and validate the filled form at `sti`.

    Raises UlesbarFilError when the file cannot be read as this form; every
    problem with the content is a finding in the result instead. Absence rows
    are also checked against the school calendar of `innstillinger`.
    """
    from toolkit.fravaer import kalender_funn
    from toolkit.innstillinger import STANDARD
    from toolkit.valider import i_rekkefolge, valider

    definisjon = definisjon or standard_definisjon()
    bok = apne_arbeidsbok(Path(sti), passord)
    raatt = les_raatt(bok, definisjon, Path(sti).name)
    data = valider(raatt, definisjon)
    dag = data.verdier.get("kartlegging_dato")
    skolear = (innstillinger or STANDARD).skolear_for(
        dag if isinstance(dag, date) else date.today()
    )
    data.funn = i_rekkefolge([*data.funn, *kalender_funn(definisjon, data, skolear)], definisjon)
    return data


def les_raatt(bok: Workbook, definisjon: Skjemadefinisjon, navn: str = "") -> RaattSkjema:
    """Find every field and table of `definisjon` in `bok`."""
    skjema_id, versjon = _identitet(bok, definisjon, navn)
    raatt = RaattSkjema(skjema_id=skjema_id, skjema_versjon=versjon)
    for del_ in definisjon.deler:
        for felt in del_.felter:
            celle = _navngitt_celle(bok, felt.key)
            if celle is None:
                raatt.funn.append(
                    Funn(
                        "feil",
                        del_.ark,
                        "",
                        felt.etikett,
                        "",
                        f"Cellen for dette feltet (navnet «{felt.key}») finnes ikke lenger i "
                        "skjemaet, kanskje fordi raden er slettet. Flytt svarene over i et nytt, "
                        "blankt skjema (skjemaverk nytt).",
                    )
                )
                continue
            raatt.felter[felt.key] = celle
        for tabell in del_.tabeller:
            raatt.tabeller[tabell.key] = _les_tabell(bok, tabell, del_.ark, raatt.funn)
    return raatt


def _definert_verdi(bok: Workbook, navn: str) -> str | None:
    dn = bok.defined_names.get(navn)
    if dn is None or dn.attr_text is None:
        return None
    return dn.attr_text.strip().strip('"').strip()


def _identitet(bok: Workbook, definisjon: Skjemadefinisjon, navn: str) -> tuple[str, int]:
    skjema_id = _definert_verdi(bok, "skjema_id")
    if not skjema_id:
        raise UlesbarFilError(
            f"Filen «{navn}» er en Excel-arbeidsbok, men ikke et kartleggingsskjema fra "
            "Skjemaverk (den mangler skjema_id). Lag et blankt skjema med «skjemaverk nytt» "
            "og fyll ut det."
        )
    if skjema_id != definisjon.id:
        raise UlesbarFilError(
            f"Filen «{navn}» er et annet skjema («{skjema_id}»), ikke «{definisjon.tittel}»."
        )
    tekst = _definert_verdi(bok, "skjema_versjon") or ""
    try:
        versjon = int(float(tekst))
    except (ValueError, OverflowError):
        versjon = -1
    if versjon != definisjon.versjon:
        nyere = versjon > definisjon.versjon
        grunn = (
            "Det er laget med en nyere Skjemaverk. Oppdater Skjemaverk og prøv igjen."
            if nyere
            else "Denne Skjemaverk kan ikke lese den versjonen. Bruk et nytt, blankt skjema "
            "(skjemaverk nytt) og flytt svarene over."
        )
        vist = tekst or "ukjent"
        raise UlesbarFilError(
            f"Filen «{navn}» er versjon {vist} av skjemaet, men denne Skjemaverk kjenner "
            f"versjon {definisjon.versjon}. {grunn}"
        )
    return skjema_id, versjon


def _navngitt_celle(bok: Workbook, key: str) -> Celle | None:
    dn = bok.defined_names.get(key)
    if dn is None:
        return None
    try:
        for ark, ref in dn.destinations:
            if ark not in bok.sheetnames:
                return None
            ws = bok[ark]
            forste = ref.replace("$", "").split(":")[0]
            kolonne, rad = coordinate_from_string(forste)
            return Celle(ark, f"{kolonne}{rad}", ws[f"{kolonne}{rad}"].value)
    except (ValueError, TypeError, AttributeError):
        return None
    return None


def _finn_tabell(bok: Workbook, key: str) -> tuple[Worksheet, str] | None:
    for ws in bok.worksheets:
        for navn, tabell in ws.tables.items():
            if key in (navn, getattr(tabell, "displayName", None)):
                ref = tabell if isinstance(tabell, str) else tabell.ref
                return ws, ref
    return None


def _normaliser(tekst: object) -> str:
    return " ".join(str(tekst or "").split()).casefold()


# Rows with content that one table may hold. A real absence log has a few hundred
# at most; far more is a wrong or damaged file, and reading it all would tie up
# the machine.
MAKS_TABELLRADER = 5000

# The cells that exist on a sheet, by (row, column).
_Celler = dict[tuple[int, int], Cell | MergedCell]


def _les_tabell(bok: Workbook, tabell: Tabell, ark: str, funn: list[Funn]) -> list[Rad]:
    """Read the rows of `tabell` that hold something, up to MAKS_TABELLRADER.

    The declared range is only an upper bound: a range widened to the bottom of
    the sheet costs no more than the cells that exist. No cell is created.
    """
    funnet = _finn_tabell(bok, tabell.key)
    omrade = _omrade(funnet[1]) if funnet is not None else None
    if funnet is None or omrade is None:
        hva = "finnes ikke i skjemaet" if funnet is None else "har et ødelagt område"
        funn.append(
            Funn(
                "feil",
                ark if funnet is None else funnet[0].title,
                "",
                tabell.etikett,
                "",
                f"Tabellen «{tabell.key}» {hva}. Bruk et nytt, blankt skjema "
                "(skjemaverk nytt) og flytt radene over.",
            )
        )
        return []
    ws = funnet[0]
    min_kol, min_rad, max_kol, max_rad = omrade
    celler = _celler(ws)
    overskrifter = {
        _normaliser(_verdi(celler, min_rad, k)): k
        for k in range(min_kol, min(max_kol, ws.max_column) + 1)
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

    numre = _radnumre(celler, min_rad, max_rad, set(kolonner.values()))
    if len(numre) > MAKS_TABELLRADER:
        forste_over = numre[MAKS_TABELLRADER]
        grense = f"{MAKS_TABELLRADER:,}".replace(",", "\u00a0")
        funn.append(
            Funn(
                "feil",
                ws.title,
                f"{get_column_letter(min_kol)}{forste_over}",
                tabell.etikett,
                "",
                f"Tabellen har mer enn {grense} utfylte rader, og radene fra og med "
                f"rad {forste_over} er ikke lest. En slik tabell har sjelden mer enn noen "
                "hundre rader. Slett radene som ikke hører til tabellen, eller del "
                "registreringen på flere skjemaer.",
            )
        )
        numre = numre[:MAKS_TABELLRADER]
    return [
        Rad(
            nummer,
            {
                key: Celle(ws.title, f"{get_column_letter(k)}{nummer}", _verdi(celler, nummer, k))
                for key, k in kolonner.items()
            },
        )
        for nummer in numre
    ]


def _omrade(ref: str) -> tuple[int, int, int, int] | None:
    """Return (first column, header row, last column, last row) of `ref`, or None."""
    try:
        kol1, rad1, kol2, rad2 = range_boundaries(ref)
    except (ValueError, TypeError):
        return None
    if kol1 is None or rad1 is None or kol2 is None or rad2 is None:
        return None  # whole columns or rows ("A:H"): no header row
    return min(kol1, kol2), min(rad1, rad2), max(kol1, kol2), max(rad1, rad2)


def _celler(ws: Worksheet) -> _Celler:
    """Return the cells that exist on `ws`, by (row, column).

    `ws.cell()`, `ws[...]` and `ws.iter_rows()` create every cell they pass
    over; this map only holds what the file has.
    """
    return ws._cells


def _verdi(celler: _Celler, rad: int, kolonne: int) -> object:
    celle = celler.get((rad, kolonne))
    return None if celle is None else celle.value


def _har_innhold(verdi: object) -> bool:
    return verdi is not None and (not isinstance(verdi, str) or bool(verdi.strip()))


def _radnumre(celler: _Celler, hode: int, bunn: int, kolonner: set[int]) -> list[int]:
    """Return the rows of the table below header row `hode` that hold something.

    Every such row down to the declared bottom `bunn` belongs to the table; so do
    rows typed just below it, one after the other without a gap (LibreOffice does
    not grow Excel tables, and Excel doesn't when the sheet is protected), but
    content further down, after an empty row, does not.
    """
    med_innhold = sorted(
        {
            rad
            for (rad, kolonne), celle in celler.items()
            if rad > hode and kolonne in kolonner and _har_innhold(celle.value)
        }
    )
    numre: list[int] = []
    neste = bunn + 1
    for rad in med_innhold:
        if rad <= bunn:
            numre.append(rad)
        elif rad == neste:
            numre.append(rad)
            neste += 1
        else:
            break
    return numre
