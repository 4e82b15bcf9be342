"""Move a form filled in an older version of its definition forward to the current one.

Values are found by field key, tables row by row and column by column key. A
field renamed in the new version names its old key in `tidligere`, so it is
found too. Nothing is dropped in silence: every value with nowhere to go is
listed. The old file is never changed.

`flytt` does this in memory for a typed form (so `lag` can make the current
documents from an old form); `oppgrader` writes a new workbook from the raw
cells, so that even a value the old form had wrong is carried over as typed.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Generic, TypeVar

from toolkit.apne import apne_arbeidsbok
from toolkit.blank import bygg_blankt
from toolkit.definisjon import Skjemadefinisjon
from toolkit.errors import UlesbarFilError
from toolkit.fyll import fyll_bytes
from toolkit.kontrakt import identitet
from toolkit.les import les_raatt
from toolkit.modell import Skjemadata, Verdi
from toolkit.register import Register
from toolkit.regler import vis
from toolkit.skriv import sjekk_ledig, skriv_atomisk


@dataclass(frozen=True)
class Nokler:
    """Where each old key goes in the new definition."""

    felter: Mapping[str, str]
    tabeller: Mapping[str, str]
    kolonner: Mapping[tuple[str, str], str]  # (new table, old column) → new column


def nokler(fra: Skjemadefinisjon, til: Skjemadefinisjon) -> Nokler:
    """Map the keys of `fra` to those of `til`, by key or by a field's earlier keys."""

    def kart(gamle: set[str], nye: Mapping[str, tuple[str, ...]]) -> dict[str, str]:
        ut = {}
        for ny, tidligere in nye.items():
            for key in (ny, *tidligere):
                if key in gamle and key not in ut:
                    ut[key] = ny
                    break
        return ut

    felter = kart({f.key for f in fra.felter}, {f.key: f.tidligere for f in til.felter})
    tabeller = kart({t.key for t in fra.tabeller}, {t.key: t.tidligere for t in til.tabeller})
    kolonner: dict[tuple[str, str], str] = {}
    for gammel, ny in tabeller.items():
        fra_kol = {k.key for k in fra.tabell(gammel).kolonner}
        til_kol = {k.key: k.tidligere for k in til.tabell(ny).kolonner}
        for g, n in kart(fra_kol, til_kol).items():
            kolonner[(ny, g)] = n
    return Nokler(felter, tabeller, kolonner)


# A value as it is moved: typed (`Verdi`) or as the cell holds it (`Celleverdi`).
V = TypeVar("V")


@dataclass
class Flyttet(Generic[V]):
    """What moving a form gave: the values by their new keys, and what had nowhere to go."""

    verdier: dict[str, V] = field(default_factory=dict)
    tabeller: dict[str, list[dict[str, V]]] = field(default_factory=dict)
    celler: dict[object, tuple[str, str]] = field(default_factory=dict)
    ikke_flyttet: list[str] = field(default_factory=list)


def _flytt(
    fra: Skjemadefinisjon,
    til: Skjemadefinisjon,
    verdier: Mapping[str, V],
    tabeller: Mapping[str, Sequence[Mapping[str, V]]],
    celler: Mapping[object, tuple[str, str]],
) -> Flyttet[V]:
    n = nokler(fra, til)
    ut: Flyttet[V] = Flyttet()
    for key, verdi in verdier.items():
        if key in n.felter:
            ut.verdier[n.felter[key]] = verdi
            if key in celler:
                ut.celler[n.felter[key]] = celler[key]
        elif verdi not in (None, ""):
            ut.ikke_flyttet.append(
                f"«{fra.felt(key).etikett}» ({fra.del_for(key).ark}): «{vis(verdi)}»"
            )
    for key, rader in tabeller.items():
        ny = n.tabeller.get(key)
        tabell = fra.tabell(key)
        if ny is None:
            if rader:
                ut.ikke_flyttet.append(
                    f"Tabellen «{tabell.etikett}» ({fra.del_for(key).ark}) med {len(rader)} rader"
                )
            continue
        nye_rader = []
        for i, rad in enumerate(rader):
            ny_rad: dict[str, V] = {}
            for kol, verdi in rad.items():
                ny_kol = n.kolonner.get((ny, kol))
                if ny_kol is None:
                    if verdi not in (None, ""):
                        etikett = tabell.kolonne(kol).etikett
                        ut.ikke_flyttet.append(
                            f"Kolonnen «{etikett}» i tabellen «{tabell.etikett}», rad {i + 1}: "
                            f"«{vis(verdi)}»"
                        )
                    continue
                ny_rad[ny_kol] = verdi
                if (key, i, kol) in celler:
                    ut.celler[(ny, i, ny_kol)] = celler[(key, i, kol)]
            nye_rader.append(ny_rad)
        ut.tabeller[ny] = nye_rader
    return ut


def flytt(
    data: Skjemadata, fra: Skjemadefinisjon, til: Skjemadefinisjon
) -> tuple[Skjemadata, list[str]]:
    """Return `data` (read with `fra`) moved to `til`, and what had nowhere to go."""
    flyttet = _flytt(fra, til, data.verdier, data.tabeller, data.celler)
    verdier: dict[str, Verdi] = {f.key: None for f in til.felter}
    verdier.update(flyttet.verdier)
    tabeller: dict[str, list[dict[str, Verdi]]] = {t.key: [] for t in til.tabeller}
    tabeller.update(flyttet.tabeller)
    ny = Skjemadata(
        verdier=verdier,
        tabeller=tabeller,
        funn=list(data.funn),
        celler=flyttet.celler,
        skjema_id=data.skjema_id,
        skjema_versjon=data.skjema_versjon,
    )
    return ny, flyttet.ikke_flyttet


def standard_navn(gammel: Path, versjon: int) -> Path:
    """Return the new file's name: "Kartlegging Amin (versjon 2).xlsx" beside the old one."""
    return gammel.with_name(f"{gammel.stem} (versjon {versjon}).xlsx")


@dataclass
class Oppgradering:
    """What `oppgrader` did."""

    fra_versjon: int
    til_versjon: int
    ny: Path
    ikke_flyttet: list[str]


def oppgrader(
    gammel: Path,
    ny: Path | None,
    register: Register,
    *,
    passord: str | None = None,
    overskriv: bool = False,
) -> Oppgradering:
    """Write the form `gammel` as a new form of its current version; the old file is unchanged.

    Raises UlesbarFilError when `gammel` is not a form Skjemaverk knows in an
    older version it has, and SkriveError when the new file may not be written.
    """
    gammel = Path(gammel)
    bok = apne_arbeidsbok(gammel, passord)
    skjema_id, versjon = identitet(bok)
    til = register.gjeldende(skjema_id or "")
    if skjema_id is None or til is None:
        raise UlesbarFilError(
            f"Filen «{gammel.name}» er ikke et skjema Skjemaverk kjenner, og kan ikke oppgraderes."
        )
    fra = register.finn(skjema_id, versjon) if versjon is not None else None
    if versjon is not None and versjon == til.versjon:
        raise UlesbarFilError(
            f"«{gammel.name}» er allerede versjon {versjon}, den nyeste. "
            "Det er ingenting å oppgradere.",
            exit_code=1,
        )
    if fra is None and versjon is not None and versjon < til.versjon:
        raise UlesbarFilError(register.mangler_versjon(gammel.name, til, versjon))
    if fra is None or versjon is None or versjon > til.versjon:
        raise UlesbarFilError(
            f"«{gammel.name}» er versjon {versjon if versjon is not None else 'ukjent'} av "
            f"«{til.tittel}», som denne Skjemaverk ikke kan lese (den kjenner versjon "
            f"{', '.join(str(d.versjon) for d in register.tidligere if d.id == til.id)} og "
            f"{til.versjon})."
        )
    ny = Path(ny) if ny is not None else standard_navn(gammel, til.versjon)
    if ny.resolve() == gammel.resolve():
        raise UlesbarFilError("Den nye filen kan ikke ha samme navn som den gamle.", exit_code=2)
    sjekk_ledig([ny], overskriv)
    raatt = les_raatt(bok, fra, skjema_id, versjon)
    verdier = {key: celle.verdi for key, celle in raatt.felter.items()}
    tabeller = {
        key: [{k: c.verdi for k, c in rad.celler.items()} for rad in rader]
        for key, rader in raatt.tabeller.items()
    }
    flyttet = _flytt(fra, til, verdier, tabeller, {})
    skriv_atomisk(ny, fyll_bytes(bygg_blankt(til), til, flyttet.verdier, flyttet.tabeller))
    return Oppgradering(versjon, til.versjon, ny, flyttet.ikke_flyttet)
