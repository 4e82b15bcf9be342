"""Read a filled form: raw cell values with their places, found through the contract.

Nothing is converted or checked here (that is `toolkit.valider`); the reader
only finds each field's cell and each table's rows (see `toolkit.kontrakt`).
"""

from __future__ import annotations

from dataclasses import dataclass, field

from openpyxl.cell.cell import Cell, MergedCell
from openpyxl.utils.cell import get_column_letter, range_boundaries
from openpyxl.workbook.workbook import Workbook
from openpyxl.worksheet.worksheet import Worksheet

from toolkit.definisjon import MAKS_TABELLRADER, Skjemadefinisjon, Tabell
from toolkit.kontrakt import Celleverdi, finn_tabell, har_navn, navngitt_celle
from toolkit.modell import Funn


@dataclass(frozen=True)
class Celle:
    """A raw value and where it was found."""

    ark: str
    celle: str
    verdi: Celleverdi


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
    # Tables a required column is missing from: what is computed from them is not to be trusted.
    ufullstendige: set[str] = field(default_factory=set)


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
                        "Feltet må fylles ut, men det finnes ikke i dette skjemaet: skjemaet er "
                        "laget før feltet kom til, i samme versjon av skjemaet. Lag et nytt, "
                        "blankt skjema (skjemaverk nytt), flytt svarene over og fyll ut feltet der."
                    )
                else:
                    continue
                raatt.funn.append(Funn("feil", del_.ark, "", felt.etikett, "", melding))
                continue
            verdi = bok[plass.ark][plass.celle].value
            raatt.felter[felt.key] = Celle(plass.ark, plass.celle, verdi)
        for tabell in del_.tabeller:
            antall = len(raatt.funn)
            raatt.tabeller[tabell.key] = _les_tabell(bok, tabell, del_.ark, raatt.funn)
            if any(f.alvor == "feil" for f in raatt.funn[antall:]):
                raatt.ufullstendige.add(tabell.key)
    return raatt


def _normaliser(tekst: object) -> str:
    return " ".join(str(tekst or "").split()).casefold()


# The cells that exist on a sheet, by (row, column).
_Celler = dict[tuple[int, int], Cell | MergedCell]


def _les_tabell(bok: Workbook, tabell: Tabell, ark: str, funn: list[Funn]) -> list[Rad]:
    """Read the rows of `tabell` that hold something, up to MAKS_TABELLRADER.

    The declared range is only an upper bound: a range widened to the bottom of
    the sheet costs no more than the cells that exist. No cell is created.
    """
    funnet = finn_tabell(bok, tabell.key)
    omrade = _omrade(funnet[1]) if funnet is not None else None
    if funnet is None and ark not in bok.sheetnames:
        return []  # the whole part came after this workbook was made: nothing to read
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
    kjente = {_normaliser(k.etikett) for k in tabell.kolonner}
    ukjente = [nr for navn, nr in overskrifter.items() if navn and navn not in kjente]
    tatt: set[int] = set()  # unknown headers already named as a missing column
    for plass, kolonne in enumerate(tabell.kolonner):
        nr = overskrifter.get(_normaliser(kolonne.etikett))
        # A header typed over or emptied: the cell where the column belongs when it holds
        # no known header, else the first unknown header, else the table's first cell.
        ved = min_kol + plass
        ledig = ved <= max_kol and (ved in ukjente or not _normaliser(_verdi(celler, min_rad, ved)))
        hvor = ved if ledig else (ukjente or [min_kol])[0]
        if nr is None:
            tatt.add(hvor)
        omdopt = hvor in ukjente  # the header is there, with another name
        vist = str(_verdi(celler, min_rad, hvor)) if omdopt else ""
        if nr is None and not kolonne.pakrevd:
            # A column added after this workbook was made, or a header typed over.
            funn.append(
                Funn(
                    "advarsel",
                    ws.title,
                    f"{get_column_letter(hvor)}{min_rad}",
                    tabell.etikett,
                    vist,
                    f"Overskriften skal være «{kolonne.etikett}». Gi kolonnen det opprinnelige "
                    "navnet igjen; til da er den lest som tom."
                    if omdopt
                    else f"Kolonnen «{kolonne.etikett}» finnes ikke i tabellen, så den er lest "
                    "som tom. Er skjemaet laget før kolonnen kom til, kan den stå tom, eller "
                    "du kan flytte svarene over i et nytt, blankt skjema (skjemaverk nytt).",
                )
            )
            continue
        if nr is None:
            funn.append(
                Funn(
                    "feil",
                    ws.title,
                    f"{get_column_letter(hvor)}{min_rad}",
                    tabell.etikett,
                    vist,
                    f"Overskriften skal være «{kolonne.etikett}». Gi kolonnen det opprinnelige "
                    "navnet igjen, så blir den lest."
                    if omdopt
                    else f"Kolonnen «{kolonne.etikett}» mangler i tabellen. Gi "
                    "kolonneoverskriften det opprinnelige navnet igjen.",
                )
            )
            continue
        kolonner[kolonne.key] = nr

    for navn, nr in overskrifter.items():
        if navn and navn not in kjente and nr not in tatt:
            etikett = _verdi(celler, min_rad, nr)
            funn.append(
                Funn(
                    "advarsel",
                    ws.title,
                    f"{get_column_letter(nr)}{min_rad}",
                    tabell.etikett,
                    str(etikett),
                    f"Kolonnen «{etikett}» er ikke en del av skjemaet, og det som står i den, "
                    "kommer ikke med i dokumentene. Har den fått nytt navn, gi den det "
                    "opprinnelige navnet igjen.",
                )
            )
    # Another table further down the same sheet, with its heading in the row
    # above its header, ends this one's reach.
    stopp = min(
        (
            hode - 1
            for annen in ws.tables.values()
            if annen.name != tabell.key
            and (grenser := _omrade(annen.ref)) is not None
            and (hode := grenser[1]) > max_rad
        ),
        default=None,
    )
    numre, utenfor = _radnumre(celler, min_rad, max_rad, set(kolonner.values()), stopp)
    if utenfor is not None:
        funn.append(
            Funn(
                "advarsel",
                ws.title,
                f"{get_column_letter(min_kol)}{utenfor}",
                tabell.etikett,
                "",
                f"Noe er skrevet i rad {utenfor}, under tabellen og etter en tom rad, og blir "
                "ikke lest som en del av tabellen. Flytt det opp i tabellen, rett under den "
                "siste raden med innhold, eller slett det.",
            )
        )
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


def _verdi(celler: _Celler, rad: int, kolonne: int) -> Celleverdi:
    celle = celler.get((rad, kolonne))
    return None if celle is None else celle.value


def _har_innhold(verdi: object) -> bool:
    return verdi is not None and (not isinstance(verdi, str) or bool(verdi.strip()))


# Content this many rows below a table (after a gap) is taken for a row meant for it.
NAER_TABELLEN = 200


def _radnumre(
    celler: _Celler, hode: int, bunn: int, kolonner: set[int], stopp: int | None = None
) -> tuple[list[int], int | None]:
    """Return the rows of the table below header row `hode` that hold something.

    Every such row down to the declared bottom `bunn` belongs to the table; so do
    rows typed just below it, one after the other without a gap (LibreOffice does
    not grow Excel tables, and Excel doesn't when the sheet is protected), but
    content further down, after an empty row, does not: the first such row near
    the table is returned too, so that `sjekk` can warn about it. Rows from
    `stopp` down (the header of the next table on the sheet) are not looked at.
    """
    med_innhold = sorted(
        {
            rad
            for (rad, kolonne), celle in celler.items()
            if rad > hode
            and (stopp is None or rad < stopp)
            and kolonne in kolonner
            and _har_innhold(celle.value)
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
            return numre, rad if rad <= neste + NAER_TABELLEN else None
    return numre, None
