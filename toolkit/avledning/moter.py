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
from toolkit.modell import Funn
from toolkit.visning import Visning

# A field's key, or a table cell (tabell, rad, kolonne).
Sted = str | tuple[str, int, str]


@dataclass(frozen=True)
class Mote:
    """One meeting of the schedule."""

    dato: date
    etter_dager: int | None  # days after the meeting before; None for the first
    flyttet_fra: date | None = None  # the planned day, when it was a day off
    grunn: str = ""  # why it moved ("i juleferien")
    holdt: bool = False  # a meeting already held (from the table of meetings)
    foreslatt: bool = False  # proposed by Skjemaverk: no date was set for it
    # The field, or the table cell (tabell, rad, kolonne), the date was planned in.
    planlagt_i: Sted | None = None


def mellomrom(dager: int) -> str:
    """Return a gap in words: "1 uke", "2 uker", "3 uker og 2 dager", "4 dager"."""
    uker, rest = divmod(dager, 7)
    if not uker:
        return tekst.flertall(rest, "dag", "dager")
    ord_ = tekst.flertall(uker, "uke", "uker")
    return f"{ord_} og {tekst.flertall(rest, 'dag', 'dager')}" if rest else ord_


class Motedatoer(Avledet):
    """The meetings held, the next meeting, and the evaluations after it.

    Without a date for the next meeting, one is proposed: a week after the
    form's date (`start`), or after the last meeting held, following `uker`
    (1, 2, then 4 weeks). `holdt` names the table of meetings held (its
    columns `mote_dato` and `neste_mote`).
    """

    type = "motedatoer"
    bruker_kalender = True

    def __init__(self, oppsett: Avledning, definisjon: Skjemadefinisjon) -> None:
        super().__init__(oppsett, definisjon)
        self.kilde = self.felt(type_="dato")
        uker = self.verdi("uker", [1, 2, 4])
        if not isinstance(uker, list) or not all(isinstance(u, int) and 0 < u < 53 for u in uker):
            raise self.feil("«uker» skal være en liste med hele uker, for eksempel [1, 2, 4].")
        self.uker = tuple(uker)
        # A table column of dates that should each be one of the meetings (optional).
        self.evaluering: tuple[str, str] | None = None
        if self.verdi("evaluering") is not None:
            tabell, _, kolonne = self.tekst("evaluering").partition(".")
            try:
                felt = definisjon.tabell(tabell).kolonne(kolonne)
            except KeyError:
                raise self.feil(
                    f"«evaluering» viser til «{tabell}.{kolonne}», som ikke finnes."
                ) from None
            if felt.type != "dato":
                raise self.feil(f"«{tabell}.{kolonne}» er ikke en datokolonne.")
            self.evaluering = (tabell, kolonne)
        self.holdt = self.tabell("holdt") if self.verdi("holdt") is not None else None
        if self.holdt is not None:
            for kolonne in ("mote_dato", "neste_mote"):
                self.kolonne(self.holdt, kolonne, kolonne)
        self.start = self.felt("start", type_="dato") if self.verdi("start") is not None else None

    def dekker(self) -> Mapping[str, frozenset[str]]:
        return {self.navn: frozenset({self.kilde})}

    def nokler(self) -> tuple[str, ...]:
        return (self.navn, f"{self.navn}_neste")

    def beskrivelser(self) -> Mapping[str, str]:
        return {
            self.navn: "Møtene: de som er holdt, neste møte og evalueringene etter det, hver med "
            "hva, dato, merknad og holdt.",
            f"{self.navn}_neste": "Neste møte som ikke er holdt ennå: dato, merknad og foreslatt "
            "(sann når Skjemaverk har foreslått datoen).",
        }

    def sjekk(self, g: Grunnlag) -> list[Funn]:
        """Warn about a planned meeting that has passed without an evaluation, and about
        each evaluation date that is not one of the meetings."""
        moter = self.beregn(g)
        funn = self._ikke_holdt(g, moter)
        if self.evaluering is None or not moter:
            return funn
        datoer = {m.dato for m in moter}
        vist = tekst.liste([tekst.dato(d) for d in sorted(datoer)])
        tabell, kolonne = self.evaluering
        for i, rad in enumerate(g.data.tabeller.get(tabell) or []):
            dag = rad.get(kolonne)
            if not isinstance(dag, date) or tekst.dag(dag) in datoer:
                continue
            funn.append(
                self.funn(
                    g,
                    (tabell, i, kolonne),
                    tekst.dato(dag),
                    f"Tiltaket skal evalueres {tekst.dato(dag)}, men da er det ikke noe møte. "
                    f"Møtene er {vist}. Velg en av dem, så blir tiltaket faktisk evaluert.",
                )
            )
        return funn

    def _ikke_holdt(self, g: Grunnlag, moter: list[Mote]) -> list[Funn]:
        """A meeting planned for a day that has passed, with no meeting held near it."""
        if self.holdt is None:
            return []
        holdt = [m.dato for m in moter if m.holdt]
        funn = []
        for mote in moter:
            if mote.foreslatt and mote.planlagt_i is not None and mote.dato < g.idag:
                # The next meeting after the last one held was never set, and the day
                # Skjemaverk would propose has passed too.
                funn.append(
                    self.funn(
                        g,
                        mote.planlagt_i,
                        "",
                        f"Neste møte er ikke satt, og {tekst.dato(mote.dato)}, som planen ville "
                        "foreslått, er passert. Sett datoen for neste evalueringsmøte her.",
                    )
                )
                continue
            if mote.holdt or mote.foreslatt or mote.planlagt_i is None or mote.dato >= g.idag:
                continue
            if any(abs((h - mote.dato).days) <= 3 for h in holdt):
                continue
            funn.append(
                self.funn(
                    g,
                    mote.planlagt_i,
                    tekst.dato(mote.dato),
                    f"Møtet {tekst.dato(mote.dato)} er passert, men det er ikke ført noe "
                    f"evalueringsmøte da. Før møtet og evalueringen av tiltakene på arket "
                    f"«{self.definisjon.del_for(self.holdt).ark}», eller sett en ny dato.",
                )
            )
        return funn

    def _neste(
        self,
        g: Grunnlag,
        forrige: date,
        uker: int,
        *,
        foreslatt: bool = False,
        fra: Sted | None = None,
    ) -> Mote:
        planlagt = forrige + timedelta(weeks=uker)
        dag = neste_skoledag(planlagt, g.innstillinger.skolear_for)
        grunn = fridag(g.innstillinger.skolear_for(planlagt), planlagt) or ""
        flyttet = planlagt if dag != planlagt else None
        return Mote(dag, (dag - forrige).days, flyttet, grunn, foreslatt=foreslatt, planlagt_i=fra)

    def beregn(self, g: Grunnlag) -> list[Mote]:
        holdt: list[tuple[date, int]] = []
        if self.holdt is not None:
            for i, rad in enumerate(g.data.tabeller.get(self.holdt) or []):
                dato = rad.get("mote_dato")
                if isinstance(dato, date) and tekst.dag(dato) not in {d for d, _ in holdt}:
                    holdt.append((tekst.dag(dato), i))  # a meeting entered twice counts once
        holdt.sort()
        forste = g.data.verdier.get(self.kilde)
        start = g.data.verdier.get(self.start) if self.start else None
        moter: list[Mote] = []
        if isinstance(forste, date):
            moter.append(Mote(tekst.dag(forste), None, planlagt_i=self.kilde))
        elif isinstance(start, date):
            # "Ikke vente og se": no date set, so propose one a week after the form's date.
            moter.append(self._neste(g, tekst.dag(start), self.uker[0], foreslatt=True))
            moter[-1] = Mote(
                moter[-1].dato, None, moter[-1].flyttet_fra, moter[-1].grunn, foreslatt=True
            )
        if not holdt:
            if not moter:
                return []
            for uker in self.uker:
                moter.append(self._neste(g, moter[-1].dato, uker, foreslatt=moter[0].foreslatt))
            return moter
        # Meetings held: they are the schedule so far; the next follows the last of them.
        planlagte = [m for m in moter if m.dato > holdt[-1][0]]
        moter = [m for m in moter if m.dato < holdt[0][0] - timedelta(days=3)]
        forrige_dato: date | None = None
        for dato, _i in holdt:
            etter = (dato - forrige_dato).days if forrige_dato else None
            moter.append(Mote(dato, etter, holdt=True))
            forrige_dato = dato
        sist, rad_nr = holdt[-1]
        tabell = self.holdt or ""  # set: the meetings held are rows of that table
        neste = (g.data.tabeller.get(tabell) or [])[rad_nr].get("neste_mote")
        # The first meeting came uker[0] after the mapping; after the first meeting held
        # comes uker[1], after the second uker[2], and then the last of them again.
        nummer = min(len(holdt), len(self.uker) - 1)
        if isinstance(neste, date) and tekst.dag(neste) > sist:
            dag = tekst.dag(neste)
            moter.append(Mote(dag, (dag - sist).days, planlagt_i=(tabell, rad_nr, "neste_mote")))
        elif planlagte:
            moter.append(planlagte[0])
        else:
            # Proposed: no date was set in the last meeting's row, where it belongs.
            moter.append(
                self._neste(
                    g, sist, self.uker[nummer], foreslatt=True, fra=(tabell, rad_nr, "neste_mote")
                )
            )
        for uker in self.uker[nummer + 1 :]:
            moter.append(self._neste(g, moter[-1].dato, uker, foreslatt=moter[-1].foreslatt))
        return moter

    def kontekst(
        self, g: Grunnlag, resultat: Any, visning: Visning, ctx: Mapping[str, object], tegn: bool
    ) -> dict[str, object]:
        moter: list[Mote] = resultat
        rader = []
        sist_holdt = max((m.dato for m in moter if m.holdt), default=None)
        forste_kommende = True
        neste: dict[str, object] = {}
        for mote in moter:
            er_neste = False
            if mote.holdt:
                hva = "Evalueringsmøte, holdt"
            elif sist_holdt is not None and mote.dato < sist_holdt:
                hva = "Planlagt møte som ikke ble holdt"
            elif forste_kommende:
                hva = "Neste evalueringsmøte"
                er_neste = True
                if mote.etter_dager is not None:
                    hva += f", {mellomrom(mote.etter_dager)} etter forrige møte"
                forste_kommende = False
            else:
                hva = f"Evalueringsmøte, {mellomrom(mote.etter_dager or 0)} etter forrige møte"
            merknader = []
            if mote.foreslatt:
                merknader.append("Foreslått av Skjemaverk; avtal datoen i møtet.")
            if mote.flyttet_fra is not None:
                grunn = mote.grunn
                if visning.relativ:
                    # "en helligdag (Første juledag)" would name the date; the break may stay.
                    grunn = grunn.split(" (", 1)[0]
                merknader.append(
                    f"Flyttet til første skoledag fordi {visning.dato(mote.flyttet_fra)} er "
                    f"{grunn}."
                )
            rader.append(
                {
                    "hva": hva,
                    "dato": visning.dato(mote.dato),
                    "merknad": " ".join(merknader),
                    "holdt": mote.holdt,
                }
            )
            if er_neste:
                neste = {
                    "dato": rader[-1]["dato"],
                    "merknad": rader[-1]["merknad"],
                    "foreslatt": mote.foreslatt,
                }
        return {self.navn: rader, f"{self.navn}_neste": neste}
