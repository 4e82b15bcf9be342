"""The declarative form definition: load a TOML file into typed objects."""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

from toolkit.errors import DefinisjonError
from toolkit.ressurser import skjema_mappe
from toolkit.skriv import grunn

TYPER = ("tekst", "langtekst", "dato", "heltall", "valg", "janei")
JANEI = ("Ja", "Nei")
_KEY = re.compile(r"^[a-z][a-z0-9_]*$")
# Excel forbids these in sheet names, and caps them at 31 characters.
_ULOVLIG_ARK = re.compile(r"[\[\]:*?/\\]")


@dataclass(frozen=True)
class Felt:
    """One input: a single-value field, or a column of a table."""

    key: str
    etikett: str
    type: str
    hjelp: str = ""
    pakrevd: bool = False
    valg: tuple[str, ...] = ()
    forslag: tuple[str, ...] = ()
    valg_navn: str | None = None
    forslag_navn: str | None = None
    maks_lengde: int | None = None
    min: int | None = None
    maks: int | None = None
    bredde: int | None = None

    @property
    def tekstlig(self) -> bool:
        return self.type in ("tekst", "langtekst")


@dataclass(frozen=True)
class Tabell:
    """A repeating group, written as an Excel table whose name is `key`."""

    key: str
    etikett: str
    kolonner: tuple[Felt, ...]
    hjelp: str = ""
    rader: int = 20

    def kolonne(self, key: str) -> Felt:
        for k in self.kolonner:
            if k.key == key:
                return k
        raise KeyError(key)


@dataclass(frozen=True)
class Del:
    """One part of the form; one sheet in the workbook."""

    key: str
    ark: str
    tittel: str
    innledning: str = ""
    felter: tuple[Felt, ...] = ()
    tabeller: tuple[Tabell, ...] = ()


@dataclass(frozen=True)
class Skjemadefinisjon:
    """A whole form: its id, version, parts and choice lists."""

    id: str
    versjon: int
    tittel: str
    kort_tittel: str
    deler: tuple[Del, ...]
    valglister: dict[str, tuple[str, ...]] = field(default_factory=dict)
    kilde: Path | None = None

    @property
    def felter(self) -> tuple[Felt, ...]:
        return tuple(f for d in self.deler for f in d.felter)

    @property
    def tabeller(self) -> tuple[Tabell, ...]:
        return tuple(t for d in self.deler for t in d.tabeller)

    def felt(self, key: str) -> Felt:
        for f in self.felter:
            if f.key == key:
                return f
        raise KeyError(key)

    def tabell(self, key: str) -> Tabell:
        for t in self.tabeller:
            if t.key == key:
                return t
        raise KeyError(key)

    def del_for(self, key: str) -> Del:
        """Return the part that holds field or table `key`."""
        for d in self.deler:
            if any(f.key == key for f in d.felter) or any(t.key == key for t in d.tabeller):
                return d
        raise KeyError(key)


STANDARD = "kartlegging"


def standard_definisjon() -> Skjemadefinisjon:
    """Return the bundled absence mapping form."""
    return last_definisjon(skjema_mappe() / f"{STANDARD}.toml")


@cache
def last_definisjon(sti: Path) -> Skjemadefinisjon:
    """Load and check the form definition at `sti`."""
    try:
        with open(sti, "rb") as fil:
            data = tomllib.load(fil)
    except OSError as e:
        raise DefinisjonError(f"Fant ikke skjemadefinisjonen {sti}: {grunn(e)}.") from e
    except tomllib.TOMLDecodeError as e:
        raise DefinisjonError(f"Skjemadefinisjonen {sti} har en feil: {e}.") from e
    try:
        return _bygg(data, sti)
    except (KeyError, TypeError, ValueError) as e:
        raise DefinisjonError(f"Skjemadefinisjonen {sti} er ugyldig: {e}") from e


def _bygg(data: dict, sti: Path) -> Skjemadefinisjon:
    hode = data["skjema"]
    lister = {navn: tuple(verdier) for navn, verdier in data.get("valg", {}).items()}
    deler = tuple(_bygg_del(d, lister) for d in data["del"])
    definisjon = Skjemadefinisjon(
        id=hode["id"],
        versjon=int(hode["versjon"]),
        tittel=hode["tittel"],
        kort_tittel=hode.get("kort_tittel", hode["tittel"]),
        deler=deler,
        valglister=lister,
        kilde=sti,
    )
    _sjekk(definisjon)
    return definisjon


def _bygg_del(d: dict, lister: dict[str, tuple[str, ...]]) -> Del:
    return Del(
        key=d["key"],
        ark=d["ark"],
        tittel=d["tittel"],
        innledning=d.get("innledning", ""),
        felter=tuple(_bygg_felt(f, lister) for f in d.get("felt", [])),
        tabeller=tuple(
            Tabell(
                key=t["key"],
                etikett=t["etikett"],
                hjelp=t.get("hjelp", ""),
                rader=int(t.get("rader", 20)),
                kolonner=tuple(_bygg_felt(k, lister) for k in t["kolonne"]),
            )
            for t in d.get("tabell", [])
        ),
    )


def _liste(verdi: str | list | None, lister: dict[str, tuple[str, ...]]) -> tuple[str, ...]:
    if verdi is None:
        return ()
    if isinstance(verdi, str):
        if verdi not in lister:
            raise ValueError(f"valglisten «{verdi}» finnes ikke under [valg]")
        return lister[verdi]
    return tuple(verdi)


def _bygg_felt(f: dict, lister: dict[str, tuple[str, ...]]) -> Felt:
    type_ = f.get("type", "tekst")
    valg = _liste(f.get("valg"), lister)
    if type_ == "janei":
        valg = JANEI
    return Felt(
        key=f["key"],
        etikett=f["etikett"],
        type=type_,
        hjelp=f.get("hjelp", ""),
        pakrevd=bool(f.get("pakrevd", False)),
        valg=valg,
        forslag=_liste(f.get("forslag"), lister),
        valg_navn="janei" if type_ == "janei" else _navn(f.get("valg")),
        forslag_navn=_navn(f.get("forslag")),
        maks_lengde=f.get("maks_lengde"),
        min=f.get("min"),
        maks=f.get("maks"),
        bredde=f.get("bredde"),
    )


def _navn(verdi: object) -> str | None:
    return verdi if isinstance(verdi, str) else None


def _sjekk(d: Skjemadefinisjon) -> None:
    sett: set[str] = {"skjema_id", "skjema_versjon"}
    ark: set[str] = set()
    for del_ in d.deler:
        if len(del_.ark) > 31 or _ULOVLIG_ARK.search(del_.ark) or del_.ark.lower() in ark:
            raise ValueError(f"arknavnet «{del_.ark}» kan ikke brukes i Excel")
        ark.add(del_.ark.lower())
        navn = [f.key for f in del_.felter] + [t.key for t in del_.tabeller]
        for key in navn:
            if not _KEY.match(key):
                raise ValueError(f"nøkkelen «{key}» skal være små bokstaver a–z, tall og _")
            if key in sett:
                raise ValueError(f"nøkkelen «{key}» er brukt to ganger")
            sett.add(key)
        for f in del_.felter + tuple(k for t in del_.tabeller for k in t.kolonner):
            if f.type not in TYPER:
                raise ValueError(f"feltet «{f.key}» har ukjent type «{f.type}»")
            if f.type == "valg" and not f.valg:
                raise ValueError(f"valgfeltet «{f.key}» mangler valg")
        for t in del_.tabeller:
            kolonner = [k.key for k in t.kolonner]
            if len(set(kolonner)) != len(kolonner):
                raise ValueError(f"tabellen «{t.key}» har to kolonner med samme nøkkel")
