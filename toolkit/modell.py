"""What reading and validating a form gives: typed values and findings."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date
from typing import TYPE_CHECKING, Literal

if TYPE_CHECKING:
    from toolkit.definisjon import Skjemadefinisjon

Verdi = str | date | int | bool | None
Alvor = Literal["feil", "advarsel"]


def excel_sted(ark: str, celle: str) -> str:
    """Return a place as Excel writes it: `'Om eleven'!B4`, `Plan!F21`."""
    if not ark:
        return ""
    navn = f"'{ark}'" if not ark.replace("_", "").isalnum() else ark
    return f"{navn}!{celle}" if celle else navn


@dataclass(frozen=True)
class Funn:
    """One finding: what is wrong, where, and what to do about it."""

    alvor: Alvor
    ark: str
    celle: str
    etikett: str
    verdi: str
    melding: str

    @property
    def sted(self) -> str:
        """Return the place as Excel writes it: `'Om eleven'!B4`."""
        return excel_sted(self.ark, self.celle)

    def tekst(self) -> str:
        """Return the finding as one line for a person to read."""
        deler = [self.alvor.upper(), self.sted, self.etikett]
        hode = " – ".join(d for d in deler if d)
        funnet = f" (fant: «{self.verdi}»)" if self.verdi else ""
        return f"{hode}: {self.melding}{funnet}"


def ett_per_celle(funn: Iterable[Funn]) -> list[Funn]:
    """Return `funn` with one finding per cell: one thing to fix at a time.

    The first error on a cell is kept, or else its first warning: an error is
    never hidden behind a warning found before it (a rule that stops `lag`
    must show). Findings without a cell are all kept. The order is kept.
    """
    funn = list(funn)
    valgt: dict[tuple[str, str], Funn] = {}
    for f in funn:
        if not f.celle:
            continue
        forrige = valgt.get((f.ark, f.celle))
        if forrige is None or (forrige.alvor != "feil" and f.alvor == "feil"):
            valgt[(f.ark, f.celle)] = f
    return [f for f in funn if not f.celle or valgt[(f.ark, f.celle)] is f]


@dataclass
class Skjemadata:
    """The typed content of a filled form.

    `verdier` maps every field key to its value: `str` for tekst, langtekst and
    valg, `date` for dato, `int` for heltall, `bool` for janei, and `None` when
    empty. `tabeller` maps every table key to its non-empty rows, each a dict of
    column key to value of the same kinds. `celler` maps a field key, or
    (table key, row index, column key), to its `Ark!Celle` place.
    """

    verdier: dict[str, Verdi] = field(default_factory=dict)
    tabeller: dict[str, list[dict[str, Verdi]]] = field(default_factory=dict)
    funn: list[Funn] = field(default_factory=list)
    celler: dict[object, tuple[str, str]] = field(default_factory=dict)
    skjema_id: str = ""
    skjema_versjon: int = 0
    # The definition the values follow (the current version of the form's own).
    definisjon: Skjemadefinisjon | None = None

    @property
    def feil(self) -> list[Funn]:
        return [f for f in self.funn if f.alvor == "feil"]

    @property
    def advarsler(self) -> list[Funn]:
        return [f for f in self.funn if f.alvor == "advarsel"]

    @property
    def har_feil(self) -> bool:
        return any(f.alvor == "feil" for f in self.funn)
