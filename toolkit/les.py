"""Read a filled form: raw cell values with their places, found through the contract.

Nothing is converted or checked here (that is `toolkit.valider`); the reader
only finds each field's cell and each table's rows (see `toolkit.kontrakt`).

The form is read through the definition of its own version, so every part,
named cell and column that definition has belongs in the workbook: one that
is missing was deleted or renamed, and is a finding with the place where it
belongs. A deleted sheet is one finding, not one per field on it.
"""

from __future__ import annotations

import difflib
from collections.abc import Set as AbstractSet
from dataclasses import dataclass, field

from openpyxl.cell.cell import Cell, MergedCell
from openpyxl.utils.cell import (
    coordinate_from_string,
    coordinate_to_tuple,
    get_column_letter,
    range_boundaries,
)
from openpyxl.workbook.workbook import Workbook
from openpyxl.worksheet.worksheet import Worksheet

from toolkit import tekst
from toolkit.apne import Arbeidsbok
from toolkit.blank.oppsett import FORSTE_FELTRAD, LISTER, VEILEDNING
from toolkit.definisjon import MAKS_TABELLRADER, Del, Felt, Skjemadefinisjon, Tabell
from toolkit.kontrakt import Celleverdi, Plass, finn_tabell, har_navn, navngitt_celle
from toolkit.modell import Alvor, Funn
from toolkit.regler import vis


@dataclass(frozen=True)
class Celle:
    """A raw value and where it was found; `formel` is the cell's formula, if it has one."""

    ark: str
    celle: str
    verdi: Celleverdi
    formel: str | None = None


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


NYTT_SKJEMA = "lag et nytt, blankt skjema (skjemaverk nytt) og flytt svarene over"


def les_raatt(
    bok: Workbook | Arbeidsbok,
    definisjon: Skjemadefinisjon,
    skjema_id: str = "",
    skjema_versjon: int = 0,
) -> RaattSkjema:
    """Find every field and table of `definisjon` (the form's own version) in `bok`.

    A part whose sheet is gone is one error. A field whose name is gone (deleted
    in Name Manager) or points nowhere (its row was deleted) is a finding at the
    cell where the field is, found by its label: an error when the field is
    required, else a warning, since what is written there is not read. A field
    with neither name nor label was added to the definition after the workbook was
    made: an optional one is read as empty. So is a column beyond the table's range
    (a warning); a column whose header is emptied or renamed is an error.
    """
    apnet = bok if isinstance(bok, Arbeidsbok) else Arbeidsbok(bok)
    raatt = RaattSkjema(skjema_id=skjema_id, skjema_versjon=skjema_versjon)
    for del_ in definisjon.deler:
        if not _del_finnes(apnet.bok, del_):
            raatt.funn.append(_ark_mangler(apnet.bok, definisjon, del_))
            for tabell in del_.tabeller:
                raatt.tabeller[tabell.key] = []
                raatt.ufullstendige.add(tabell.key)
            continue
        for felt in del_.felter:
            plass = navngitt_celle(apnet.bok, felt.key)
            if plass is None:
                if (funn := _navn_mangler(apnet.bok, del_, felt)) is not None:
                    raatt.funn.append(funn)
                continue
            ws = apnet.bok[plass.ark]
            celle = ws._cells.get(coordinate_to_tuple(plass.celle))
            raatt.felter[felt.key] = _celle(apnet, plass.ark, plass.celle, celle)
        for tabell in del_.tabeller:
            antall = len(raatt.funn)
            raatt.tabeller[tabell.key] = _les_tabell(apnet, tabell, del_.ark, raatt.funn)
            if any(f.alvor == "feil" for f in raatt.funn[antall:]):
                raatt.ufullstendige.add(tabell.key)
    return raatt


def _celle(apnet: Arbeidsbok, ark: str, ref: str, celle: Cell | MergedCell | None) -> Celle:
    """The raw value of a cell, with its formula; a number too large to be a date typed in a
    date cell (12112026) is that number, not the `#VALUE!` openpyxl makes of it."""
    verdi = None if celle is None else celle.value
    formel = apnet.formler.get((ark, ref))
    if (
        verdi == "#VALUE!"
        and celle is not None
        and celle.data_type == "e"
        and formel is None
        and (ark, ref) not in apnet.feilverdier
    ):
        raa = apnet.raaverdi(ark, ref)
        try:
            tall = float(raa or "")
            verdi = int(tall) if tall.is_integer() else tall
        except (ValueError, OverflowError):
            pass
    return Celle(ark, ref, verdi, formel)


def _del_finnes(bok: Workbook, del_: Del) -> bool:
    """Whether the part is in the workbook: its sheet, or a name or table of it (on a sheet
    renamed in Excel, the names follow)."""
    return (
        del_.ark in bok.sheetnames
        or any(navngitt_celle(bok, f.key) is not None for f in del_.felter)
        or any(finn_tabell(bok, t.key) is not None for t in del_.tabeller)
    )


def _ark_mangler(bok: Workbook, definisjon: Skjemadefinisjon, del_: Del) -> Funn:
    kjente = {d.ark for d in definisjon.deler} | {VEILEDNING, LISTER}
    ukjente = [ark for ark in bok.sheetnames if ark not in kjente]
    kanskje = (
        f" Er det arket «{ukjente[0]}»? Gi det navnet «{del_.ark}» igjen (høyreklikk på "
        "arkfanen og velg Gi nytt navn)."
        if len(ukjente) == 1
        else ""
    )
    return Funn(
        "feil",
        del_.ark,
        "",
        del_.tittel,
        "",
        f"Arket «{del_.ark}» mangler i skjemaet; det er kanskje slettet eller har fått et annet "
        f"navn. Det som skulle stå der, kan ikke leses, og dokumentene lages ikke uten.{kanskje} "
        "Er arket slettet, hent det tilbake fra en tidligere kopi av filen, eller "
        f"{NYTT_SKJEMA}.",
    )


def _navn_mangler(bok: Workbook, del_: Del, felt: Felt) -> Funn | None:
    """A field whose defined name is gone or points nowhere: where the field's cell is, and
    how to give it its name again.

    A field with neither its name nor its label in the workbook was added to the
    definition after the workbook was made: an optional one is read as empty (None).
    """
    plass = _ved_etiketten(bok, del_, felt)
    if plass is None and not har_navn(bok, felt.key):
        if not felt.pakrevd:
            return None
        return Funn(
            "feil",
            del_.ark,
            "",
            felt.etikett,
            "",
            "Feltet må fylles ut, men det finnes ikke i dette skjemaet: skjemaet er laget før "
            f"feltet kom til, i samme versjon av skjemaet. {tekst.stor_forbokstav(NYTT_SKJEMA)}, "
            "og fyll ut feltet der.",
        )
    verdi = bok[plass.ark][plass.celle].value if plass is not None else None
    if isinstance(verdi, str) and not verdi.strip():
        verdi = None
    ark, celle = (plass.ark, plass.celle) if plass is not None else (del_.ark, "")
    if har_navn(bok, felt.key):
        # The name is there, pointing at a deleted row or sheet (#REF!): it is set right
        # where it is; typing it in the name box would not make it anew.
        hva = (
            f"Navnet «{felt.key}» peker ikke lenger på noen celle (raden eller arket den var "
            "på, er kanskje slettet), så feltet kan ikke leses."
        )
        til = " til cellen for feltet"
        if celle:
            kolonne, nummer = coordinate_from_string(celle)
            til = f" til ='{ark}'!${kolonne}${nummer}"
        rad = (
            f"Rett navnet i Excel: Formler › Navnebehandling, velg «{felt.key}» og la det vise"
            f"{til}. Eller {NYTT_SKJEMA}."
        )
        alvor: Alvor = "feil"
    else:
        hva = (
            f"Navnet «{felt.key}», som viser Skjemaverk hvilken celle feltet står i, er slettet "
            "fra skjemaet, så feltet kan ikke leses."
        )
        merk = f"merk {celle}" if celle else "merk cellen for feltet"
        rad = (
            f"Gi cellen navnet igjen: {merk}, skriv {felt.key} i navneboksen (til venstre for "
            f"formellinjen) og trykk Enter. Eller {NYTT_SKJEMA}."
        )
        alvor = "feil" if felt.pakrevd else "advarsel"
    if verdi is not None and alvor == "advarsel":
        hva += " Det som står i cellen, kommer ikke med i dokumentene."
    return Funn(alvor, ark, celle, felt.etikett, vis(verdi), f"{hva} {rad}")


def _ved_etiketten(bok: Workbook, del_: Del, felt: Felt) -> Plass | None:
    """The input cell beside the field's label in column A, as in the blank form.

    A label found once on the sheet gives its row (rows may have been inserted above);
    a label found more than once ("Beskriv") counts only at the field's row in a blank form.
    """
    if del_.ark not in bok.sheetnames:
        return None
    ws = bok[del_.ark]
    etikett = _normaliser(felt.etikett)
    rader = sorted(
        rad
        for (rad, kolonne), c in ws._cells.items()
        if kolonne == 1 and isinstance(c.value, str) and _normaliser(c.value) == etikett
    )
    blank_rad = FORSTE_FELTRAD + del_.felter.index(felt)
    if len(rader) == 1 or blank_rad in rader:
        return Plass(ws.title, f"B{rader[0] if len(rader) == 1 else blank_rad}")
    return None


def _normaliser(tekst: object) -> str:
    return " ".join(str(tekst or "").split()).casefold()


# The cells that exist on a sheet, by (row, column).
_Celler = dict[tuple[int, int], Cell | MergedCell]


def _les_tabell(apnet: Arbeidsbok, tabell: Tabell, ark: str, funn: list[Funn]) -> list[Rad]:
    """Read the rows of `tabell` that hold something, up to MAKS_TABELLRADER.

    The declared range is only an upper bound: a range widened to the bottom of
    the sheet costs no more than the cells that exist. No cell is created.
    """
    bok = apnet.bok
    funnet = finn_tabell(bok, tabell.key)
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
    min_kol, min_rad, _, max_rad = omrade
    celler = _celler(ws)
    kolonner = _kolonner(ws, celler, tabell, omrade, funn)
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
    formler = {coordinate_to_tuple(ref) for (a, ref) in apnet.formler if a == ws.title}
    numre, utenfor = _radnumre(celler, min_rad, max_rad, set(kolonner.values()), stopp, formler)
    if utenfor is not None:
        rad, kol = utenfor
        funn.append(
            Funn(
                "advarsel",
                ws.title,
                f"{get_column_letter(kol)}{rad}",
                tabell.etikett,
                vis(_verdi(celler, rad, kol)),
                f"Noe er skrevet i rad {rad}, under tabellen og etter en tom rad, og blir "
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
                key: _celle(
                    apnet, ws.title, f"{get_column_letter(k)}{nummer}", celler.get((nummer, k))
                )
                for key, k in kolonner.items()
            },
        )
        for nummer in numre
    ]


def _kolonner(
    ws: Worksheet,
    celler: _Celler,
    tabell: Tabell,
    omrade: tuple[int, int, int, int],
    funn: list[Funn],
) -> dict[str, int]:
    """Find each column of `tabell` by its header; return the column number by key.

    The table is read through the definition of the form's own version, so every
    column belongs in it: a column whose header is emptied, renamed or deleted is an
    error on the header cell, with the header it should have, whether the column is
    required or not (a renamed «Trukket» would leave a withdrawn consent valid). An
    optional column beyond the table's range was added to the definition after the
    workbook was made: a warning, and read as empty. A header of no column of the
    definition, when none is missing, is a column someone added: a warning that it is
    not read.
    """
    min_kol, min_rad, max_kol, _ = omrade
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
        if nr is not None:
            kolonner[kolonne.key] = nr
            continue
        # A header typed over or emptied: the cell where the column belongs when it holds
        # no known header, else the unknown header most like it, else the first header.
        ved = min_kol + plass
        ledige = [u for u in ukjente if u not in tatt]
        tom = ved <= max_kol and not _normaliser(_verdi(celler, min_rad, ved))
        if ved in ledige or tom:
            hvor = ved
        elif ledige:
            hvor = max(
                ledige,
                key=lambda u: difflib.SequenceMatcher(
                    None, _normaliser(_verdi(celler, min_rad, u)), _normaliser(kolonne.etikett)
                ).ratio(),
            )
        else:
            hvor = min_kol
        tatt.add(hvor)
        omdopt = hvor in ukjente  # the header is there, with another name
        vist = str(_verdi(celler, min_rad, hvor)) if omdopt else ""
        sted = f"{get_column_letter(hvor)}{min_rad}"
        if omdopt:
            melding = (
                f"Overskriften «{vist}» er ikke en av kolonnene i tabellen. Mente du "
                f"«{kolonne.etikett}»? Gi kolonnen navnet «{kolonne.etikett}» igjen, så blir "
                "den lest."
            )
        elif tom:
            melding = (
                f"Kolonnen «{kolonne.etikett}» mangler i tabellen: overskriften er tom. Skriv "
                f"«{kolonne.etikett}» i {sted} igjen, så blir kolonnen lest."
            )
        elif ved > max_kol and not kolonne.pakrevd:
            # Beyond the table's range: a column added to the definition after the workbook
            # was made (or the last one deleted). Read as empty, with a warning.
            funn.append(
                Funn(
                    "advarsel",
                    ws.title,
                    sted,
                    tabell.etikett,
                    "",
                    f"Kolonnen «{kolonne.etikett}» finnes ikke i tabellen, så den er lest som "
                    f"tom. Skal den fylles ut, {NYTT_SKJEMA}.",
                )
            )
            continue
        else:
            melding = (
                f"Kolonnen «{kolonne.etikett}» mangler i tabellen (den er kanskje slettet). Sett "
                f"inn kolonnen med overskriften «{kolonne.etikett}» igjen, eller {NYTT_SKJEMA}."
            )
        funn.append(Funn("feil", ws.title, sted, tabell.etikett, vist, melding))

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
    return kolonner


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


def _radnumre(
    celler: _Celler,
    hode: int,
    bunn: int,
    kolonner: set[int],
    stopp: int | None = None,
    formler: AbstractSet[tuple[int, int]] = frozenset(),
) -> tuple[list[int], tuple[int, int] | None]:
    """Return the rows of the table below header row `hode` that hold something.

    Every such row down to the declared bottom `bunn` belongs to the table; so do
    rows typed just below it, one after the other without a gap (LibreOffice does
    not grow Excel tables, and Excel doesn't when the sheet is protected), but
    content further down, after an empty row, does not: the first cell of it, how
    far down it is, is returned too (row, column), so that `sjekk` can warn about
    it. Rows from `stopp` down (the header of the next table on the sheet) are not
    looked at. A cell with a formula (`formler`) holds something even when it has no
    saved value. Only the cells the file has are looked at.
    """
    med_innhold = sorted(
        {
            (rad, kolonne)
            for (rad, kolonne), celle in celler.items()
            if rad > hode
            and (stopp is None or rad < stopp)
            and kolonne in kolonner
            and (_har_innhold(celle.value) or (rad, kolonne) in formler)
        }
    )
    numre: list[int] = []
    neste = bunn + 1
    for rad, kolonne in med_innhold:
        if numre and numre[-1] == rad:
            continue
        if rad <= bunn:
            numre.append(rad)
        elif rad == neste:
            numre.append(rad)
            neste += 1
        else:
            return numre, (rad, kolonne)
    return numre, None
