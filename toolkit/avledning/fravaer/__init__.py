"""The absence picture: a named derivation a definition switches on for its absence table.

    [[avledning]]
    type = "fravaersbilde"
    navn = "fravaer"          # the prefix of its context keys: fravaer_tall, …
    tabell = "fravaer"
    # optional: the table's column keys, the values of its `omfang` column,
    # and the reasons that are appointments (left out of the patterns)
    kolonner = { dato = "dato", omfang = "omfang", timer = "timer", fag = "fag",
                 laerer = "laerer", arsak = "arsak", dokumentert = "dokumentert" }
    omfang = { hel_dag = "Hel dag", enkelttimer = "Enkelttimer", for_sent = "For sent" }
    avtaler = ["Avtale (lege, tannlege o.l.)"]

The numbers are computed once (`beregning.beregn`), from the real dates; the
named report, the terminal and the anonymised copy all write that one result
(`ord`, `diagram`).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import fields, replace
from datetime import date
from typing import Any

from toolkit import tekst
from toolkit.avledning.fravaer import diagram, ord
from toolkit.avledning.fravaer.beregning import (
    Fravaersbilde,
    Kolonner,
    Telling,
    beregn,
    til_og_med,
)
from toolkit.avledning.grunn import Avledet, Grunnlag
from toolkit.definisjon import Avledning, Skjemadefinisjon
from toolkit.kalender import ikke_skoledag
from toolkit.modell import Funn
from toolkit.visning import Visning

_KOLONNER = ("dato", "omfang", "timer", "fag", "laerer", "arsak", "dokumentert")
_OMFANG = ("hel_dag", "enkelttimer", "for_sent")


class Fravaer(Avledet):
    """Figures, patterns, early warnings and charts of an absence log."""

    type = "fravaersbilde"
    bruker_kalender = True

    def __init__(self, oppsett: Avledning, definisjon: Skjemadefinisjon) -> None:
        super().__init__(oppsett, definisjon)
        self.tabell_key = self.tabell()
        tabell = definisjon.tabell(self.tabell_key)
        kolonner = self.verdi("kolonner", {})
        omfang = self.verdi("omfang", {})
        avtaler = self.verdi("avtaler", [])
        if not isinstance(kolonner, Mapping) or not isinstance(omfang, Mapping):
            raise self.feil("«kolonner» og «omfang» skal være tabeller: navn = «verdi».")
        if not isinstance(avtaler, list):
            raise self.feil("«avtaler» skal være en liste med årsaker.")
        ukjent = (set(kolonner) - set(_KOLONNER)) | (set(omfang) - set(_OMFANG))
        if ukjent:
            raise self.feil(f"ukjent innstilling {', '.join(sorted(ukjent))}.")
        standard = Kolonner()
        valgt = {f.name: getattr(standard, f.name) for f in fields(Kolonner)}
        valgt |= {k: str(v) for k, v in {**kolonner, **omfang}.items()}
        valgt["avtaler"] = tuple(map(str, avtaler))
        self.k = Kolonner(**valgt)
        for key in _KOLONNER:
            try:
                tabell.kolonne(getattr(self.k, key))
            except KeyError:
                if key in ("dato", "omfang"):
                    raise self.feil(
                        f"tabellen «{self.tabell_key}» har ikke kolonnen «{getattr(self.k, key)}»."
                    ) from None
        self.kolonner = tabell.kolonner

    # -- keys ------------------------------------------------------------------------

    def _n(self, navn: str) -> str:
        return f"{self.navn}_{navn}"

    def nokler(self) -> tuple[str, ...]:
        deler = [
            "rader",
            "antall",
            "dager",
            "timer",
            "for_sent",
            "oppsummering",
            "fra",
            "til",
            "til_dato",
            "tall",
            "prosent",
            "prosent_merknad",
            "skolear",
            "monster",
            "varsler",
            "varsler_kort",
            "terskler",
            "ukedager",
            "fag",
            "laerere",
            "arsaker",
            "diagram_ukedag",
            "diagram_fag",
            "diagram_uker",
            "diagrammer",
        ]
        return (*(self._n(d) for d in deler), f"har_{self.navn}")

    def dekker(self) -> Mapping[str, frozenset[str]]:
        return {self._n("rader"): frozenset({self.tabell_key})}

    def bilder(self) -> tuple[str, ...]:
        return tuple(self._n(f"diagram_{d}") for d in ("ukedag", "fag", "uker"))

    def beskrivelser(self) -> Mapping[str, str]:
        n = self._n
        return {
            n("rader"): "Registreringene til og med skjemaets dato, hver med kolonnene til "
            "tabellen (de senere hører til oppfølgingen).",
            n("antall"): "Antall registreringer.",
            n("dager"): "Antall hele dager borte (hver dato én gang).",
            n("timer"): "Antall enkelttimer borte.",
            n("for_sent"): "Antall ganger for sent.",
            f"har_{self.navn}": "Sann når noe fravær er registrert (brukes i vilkår).",
            n("oppsummering"): "Fraværet i ord: «2 hele dager, 5 enkelttimer og 1 gang for sent».",
            n("fra"): "Første dato med fravær.",
            n("til"): "Siste dato med fravær.",
            n("til_dato"): "Datoen fraværet er regnet fram til.",
            n("tall"): "Tallene i fraværsbildet, hver med hva og verdi.",
            n("prosent"): "Fraværet i prosent av skoledagene.",
            n("prosent_merknad"): "Hvorfor prosenten mangler, eller at den gjelder hele året.",
            n("skolear"): "Skoleåret som er brukt: fra–til.",
            n("monster"): "Mønstrene i fraværet, i ord, med tallene de bygger på.",
            n("varsler"): "Tersklene for tidlig varsel som er passert.",
            n("varsler_kort"): "De passerte tersklene i én linje.",
            n("terskler"): "Tersklene for tidlig varsel, i ord.",
            n("ukedager"): "Fraværet per ukedag.",
            n("fag"): "Fraværet per fag.",
            n("laerere"): "Fraværet per lærer (tom med mindre innstillingene sier noe annet).",
            n("arsaker"): "Årsakene som er registrert, med antall og hva slags fravær.",
            n("diagram_ukedag"): "Diagram: fravær per ukedag (et bilde).",
            n("diagram_fag"): "Diagram: fravær per fag (et bilde).",
            n("diagram_uker"): "Diagram: fravær uke for uke (et bilde).",
            n("diagrammer"): "Alle diagrammene som er tegnet, som en liste.",
        }

    # -- computing and checking ----------------------------------------------------------

    def rader(self, g: Grunnlag) -> list[Mapping[str, Any]]:
        return list(g.data.tabeller.get(self.tabell_key) or [])

    def beregn(self, g: Grunnlag) -> Fravaersbilde:
        return beregn(
            til_og_med(self.rader(g), g.dato, self.k),
            g.innstillinger.skolear_for(g.dato),
            g.innstillinger.terskler,
            g.dato,
            self.k,
        )

    def sjekk(self, g: Grunnlag) -> list[Funn]:
        """Warn about each absence row on a day that is not a school day.

        Absence logged after the mapping belongs to the follow-up (counted meeting by
        meeting); a date in the future is a rule of the definition.
        """
        funn = []
        for i, rad in enumerate(self.rader(g)):
            dag = rad.get(self.k.dato)
            if not isinstance(dag, date):
                continue
            sted = (self.tabell_key, i, self.k.dato)
            vist = tekst.dato(dag)
            # The picture is of the form's school year up to its date: a row before the
            # date is checked against that year (a row from a year before is outside it);
            # later rows, of the follow-up, against the calendar of their own date.
            aar = g.dato if tekst.dag(dag) <= g.dato else dag
            hvorfor = ikke_skoledag(g.innstillinger.skolear_for(aar), dag)
            if hvorfor is None:
                continue
            funn.append(
                self.funn(
                    g,
                    sted,
                    vist,
                    f"{vist} er {hvorfor}, ikke en skoledag. Kontroller datoen. Fravær denne "
                    "dagen telles ikke med i prosenten av skoledagene.",
                )
            )
        return funn

    # -- the context ------------------------------------------------------------------

    def kontekst(
        self, g: Grunnlag, resultat: Any, visning: Visning, ctx: Mapping[str, object], tegn: bool
    ) -> dict[str, object]:
        bilde = _med_navn(resultat, visning)
        laerere = g.innstillinger.vis_laerere
        rader = [
            {k.key: visning.verdi(rad.get(k.key)) for k in self.kolonner}
            for rad in til_og_med(self.rader(g), g.dato, self.k)
        ]
        if not laerere:
            for rad in rader:
                rad.pop(self.k.laerer, None)
        skolear = bilde.skolear
        tegnet: dict[str, object] = {"ukedag": "", "fag": "", "uker": ""}
        if tegn and not bilde.tom:
            tegnet["ukedag"] = diagram.ukedagsdiagram(bilde)
            tegnet["fag"] = diagram.fagdiagram(bilde) or ""
            tegnet["uker"] = diagram.ukediagram(bilde, visning) or ""
        varsler = [
            {
                "navn": ord.varsel_navn(v),
                "terskel": ord.varsel_terskel(v),
                "tall": ord.varsel_tall(v, bilde, visning),
                "tekst": ord.varsel_tekst(v, bilde, visning),
            }
            for v in bilde.varsler
        ]
        n = self._n
        return {
            n("rader"): [r for r in rader if any(r.values())],
            n("antall"): bilde.registreringer,
            n("dager"): bilde.dager,
            n("timer"): bilde.timer,
            n("for_sent"): bilde.for_sent,
            f"har_{self.navn}": not bilde.tom,
            n("oppsummering"): ord.oppsummering(bilde),
            n("fra"): visning.dato(bilde.fra_dato) if bilde.fra_dato else "",
            n("til"): visning.dato(bilde.siste_dato) if bilde.siste_dato else "",
            n("til_dato"): visning.dato(bilde.til_dato),
            n("tall"): [
                {"hva": hva, "verdi": verdi} for hva, verdi in ord.tall_rader(bilde, visning)
            ],
            n("prosent"): ord.prosent(bilde),
            n("prosent_merknad"): ord.prosent_merknad(bilde, visning),
            n("skolear"): visning.periode(skolear.start, skolear.slutt) if skolear else "",
            n("monster"): " ".join(ord.monster(bilde, laerere=laerere)),
            n("varsler"): varsler,
            n("varsler_kort"): "; ".join(
                f"{tekst.liten_forbokstav(v['navn'])}: {v['tall']}" for v in varsler
            ),
            n("terskler"): ord.terskler_tekst(g.innstillinger.terskler),
            n("ukedager"): [
                {
                    "navn": t.navn,
                    "dager": str(t.dager),
                    "timer": str(t.timer),
                    "for_sent": str(t.for_sent),
                    "andel": ord.andel(t.dager, bilde.monster_dager, "dager"),
                }
                for t in bilde.ukedager
            ],
            n("fag"): [
                {
                    "navn": t.navn,
                    "timer": str(t.timer),
                    "andel": ord.andel(t.timer, bilde.monster_timer, "timer"),
                    "for_sent": str(t.for_sent),
                }
                for t in bilde.fag
            ],
            n("laerere"): [
                {
                    "navn": t.navn,
                    "timer": str(t.timer),
                    "andel": ord.andel(t.timer, bilde.monster_timer, "timer"),
                    "for_sent": str(t.for_sent),
                }
                for t in (bilde.laerere if laerere else ())
            ],
            n("arsaker"): [
                {
                    "navn": t.navn,
                    "registreringer": str(t.registreringer),
                    "hva": ord.telling_tekst(t),
                }
                for t in bilde.arsaker
            ],
            n("diagram_ukedag"): tegnet["ukedag"],
            n("diagram_fag"): tegnet["fag"],
            n("diagram_uker"): tegnet["uker"],
            n("diagrammer"): [d for d in tegnet.values() if d],
        }


def _med_navn(bilde: Fravaersbilde, visning: Visning) -> Fravaersbilde:
    """Return `bilde` with its names (teachers, subjects, reasons) as `visning` writes them.

    The picture is computed from the real form; the anonymised copy writes
    "Lærer 1" where the report writes "HB".
    """
    if visning.navn is None:
        return bilde

    def navngi(tellinger: tuple[Telling, ...]) -> tuple[Telling, ...]:
        return tuple(replace(t, navn=visning.tekst(t.navn)) for t in tellinger)

    return replace(
        bilde,
        fag=navngi(bilde.fag),
        laerere=navngi(bilde.laerere),
        for_sent_fag=navngi(bilde.for_sent_fag),
        arsaker=navngi(bilde.arsaker),
    )
