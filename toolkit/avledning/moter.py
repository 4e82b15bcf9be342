"""The meeting schedule: the next meeting, then evaluations after one, two and four weeks.

"Ikke vente og se": the team meets soon and often. From the next meeting's
date the schedule adds the evaluations after the given weeks, each counted
from the meeting before it. A meeting that would fall on a day off (a
weekend, a public holiday, a break, the summer holiday) moves to the next
school day, and its label says the real gap: "3 uker og 2 dager etter
forrige møte", never a gap it does not have.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from toolkit import tekst
from toolkit.avledning.grunn import Avledet, Grunnlag
from toolkit.definisjon import Avledning, Skjemadefinisjon
from toolkit.kalender import fridag, neste_skoledag
from toolkit.visning import Visning


@dataclass(frozen=True)
class Mote:
    """One meeting of the schedule."""

    dato: date
    etter_dager: int | None  # days after the meeting before; None for the first
    flyttet_fra: date | None = None  # the planned day, when it was a day off
    grunn: str = ""  # why it moved ("i juleferien")


def mellomrom(dager: int) -> str:
    """Return a gap in words: "1 uke", "2 uker", "3 uker og 2 dager", "4 dager"."""
    uker, rest = divmod(dager, 7)
    if not uker:
        return tekst.flertall(rest, "dag", "dager")
    ord_ = tekst.flertall(uker, "uke", "uker")
    return f"{ord_} og {tekst.flertall(rest, 'dag', 'dager')}" if rest else ord_


class Motedatoer(Avledet):
    """The next meeting and the evaluations after it."""

    type = "motedatoer"

    def __init__(self, oppsett: Avledning, definisjon: Skjemadefinisjon) -> None:
        super().__init__(oppsett, definisjon)
        self.kilde = self.felt(type_="dato")
        uker = self.verdi("uker", [1, 2, 4])
        if not isinstance(uker, list) or not all(isinstance(u, int) and 0 < u < 53 for u in uker):
            raise self.feil("«uker» skal være en liste med hele uker, for eksempel [1, 2, 4].")
        self.uker = tuple(uker)

    def dekker(self) -> Mapping[str, frozenset[str]]:
        return {self.navn: frozenset({self.kilde})}

    def beskrivelser(self) -> Mapping[str, str]:
        return {self.navn: "Neste møte og evalueringene etter det, hver med hva, dato og merknad."}

    def beregn(self, g: Grunnlag) -> list[Mote]:
        forste = g.data.verdier.get(self.kilde)
        if not isinstance(forste, date):
            return []
        moter = [Mote(tekst.dag(forste), None)]
        for uker in self.uker:
            forrige = moter[-1].dato
            planlagt = forrige + timedelta(weeks=uker)
            dag = neste_skoledag(planlagt, g.innstillinger.skolear_for)
            grunn = fridag(g.innstillinger.skolear_for(planlagt), planlagt) or ""
            moter.append(
                Mote(dag, (dag - forrige).days, planlagt if dag != planlagt else None, grunn)
            )
        return moter

    def kontekst(
        self, g: Grunnlag, resultat: Any, visning: Visning, ctx: Mapping[str, object], tegn: bool
    ) -> dict[str, object]:
        moter: list[Mote] = resultat
        rader = []
        for mote in moter:
            if mote.etter_dager is None:
                hva = "Neste evalueringsmøte"
            else:
                hva = f"Evaluering {mellomrom(mote.etter_dager)} etter forrige møte"
            merknad = ""
            if mote.flyttet_fra is not None:
                grunn = mote.grunn
                if visning.relativ:
                    # "en helligdag (Første juledag)" would name the date; the break may stay.
                    grunn = grunn.split(" (", 1)[0]
                merknad = (
                    f"Flyttet til første skoledag fordi {visning.dato(mote.flyttet_fra)} "
                    f"er {grunn}."
                )
            rader.append({"hva": hva, "dato": visning.dato(mote.dato), "merknad": merknad})
        return {self.navn: rader}
