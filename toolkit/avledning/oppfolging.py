"""The follow-up cycle: evaluation meetings, the plan's versions, attendance between meetings,
consent per service, and when to go further.

    [[avledning]]
    type = "oppfolging"
    navn = "oppfolging"
    moter = "evalueringsmoter"   # mote_dato, deltakere, elevens_ord, foresattes_ord, nytt,
                                 # neste_mote
    evalueringer = "evaluering"  # mote_dato, tiltak, effekt, beslutning, kommentar
    tiltak = "tiltak"            # the plan's measures: tiltak, oppstart, omrade
    fravaer = "fravaer"          # the absence log (the absence picture's columns)
    start = "kartlegging_dato"   # the mapping meeting
    nokkelord = [...]            # words in the mapping that call for the reminder below
    paaminnelse = "..."

    [[avledning]]
    type = "samtykke"
    tabell = "samtykker"         # tjeneste, dato, trukket
    tiltak = "tiltak.ansvarlig"  # who does a measure
    tjenester = "tjeneste"       # the choice list naming the services

The plan's version is one more than the meetings held. Attendance "since the
meeting before" is counted in the school days after that meeting up to and
including the latest one, and compared with the period of the same kind just
before it (before the first meeting: the same number of school days up to
the mapping meeting). Whole days, hours and times late are counted as the
absence picture counts them (`fravaer.beregning`).

When to go further (the team meets, and the absence does not fall): after
two evaluations or more, absence since the last meeting that is not lower
than before the mapping; absence since the last meeting at or above the
settings' higher threshold (`[videre] terskel_prosent`); and a measure marked
"Virket ikke" twice. Each warning names the next steps from the settings
(`[videre] steg`).
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Any

from toolkit import tekst
from toolkit.avledning.fravaer import beregning
from toolkit.avledning.fravaer.beregning import Kolonner
from toolkit.avledning.grunn import Avledet, Grunnlag
from toolkit.definisjon import Avledning, Skjemadefinisjon
from toolkit.kalender import skoledager
from toolkit.modell import Funn, Verdi, excel_sted
from toolkit.visning import Visning

VIRKET_IKKE = "virket ikke"
AVSLUTTE = "avslutte"
ENDRE = "endre"
FORTSETTE = "fortsette"
STATUS = "status"  # the plan's column for a measure's status, when it has one
AVSLUTTET = "avsluttet"


@dataclass(frozen=True)
class Periode:
    """Attendance in the school days of a span: whole days, hours and times late."""

    fra: date  # the first day counted
    til: date  # the last day counted
    skoledager: int
    dager: int
    timer: int
    for_sent: int

    @property
    def prosent(self) -> float | None:
        return 100 * self.dager / self.skoledager if self.skoledager else None


def periode(
    rader: Sequence[Mapping[str, Verdi]],
    skoledager_: list[date],
    k: Kolonner,
) -> Periode | None:
    """Count the absence of `rader` on the given school days (each date once)."""
    if not skoledager_:
        return None
    sett = set(skoledager_)
    dager: set[date] = set()
    timer = sent = 0
    for rad in rader:
        verdi = rad.get(k.dato)
        if not isinstance(verdi, date):
            continue
        dag = tekst.dag(verdi)
        if dag not in sett:
            continue
        omfang = rad.get(k.omfang)
        if omfang == k.hel_dag:
            dager.add(dag)
        elif omfang == k.enkelttimer:
            antall = rad.get(k.timer)
            timer += antall if isinstance(antall, int) and not isinstance(antall, bool) else 0
        elif omfang == k.for_sent:
            sent += 1
    return Periode(skoledager_[0], skoledager_[-1], len(skoledager_), len(dager), timer, sent)


@dataclass
class Mote:
    """One meeting held, with its evaluations."""

    dato: date
    rad: int  # its row in the meetings table, -1 when it is only in the evaluations
    # (the row in the evaluations table, the measure's row in the plan or None)
    evalueringer: list[tuple[int, int | None]] = field(default_factory=list)
    oppmote: Periode | None = None  # since the meeting before


@dataclass
class Oppfolgingen:
    """What the follow-up of a form holds, computed once."""

    moter: list[Mote]
    for_forste: Periode | None = None  # before the first meeting (the comparison for it)
    for_kartlegging: float | None = None  # the absence % of the school year up to the mapping
    varsler: list[tuple[str, tuple[str, str] | None]] = field(default_factory=list)
    paaminnelse: bool = False  # the mapping mentions a word of `nokkelord`


# The columns of the meetings and the evaluations the follow-up places by name; any other
# column (one a definition adds) is given as `ovrige`, so it reaches the note too.
_MOTEKOLONNER = ("mote_dato", "deltakere", "elevens_ord", "foresattes_ord", "nytt", "neste_mote")
_EVALUERINGSKOLONNER = ("mote_dato", "tiltak", "effekt", "beslutning", "kommentar")


class Oppfolging(Avledet):
    """Evaluation meetings: the plan's history, attendance between meetings, going further.

    The result holds dates, row numbers and figures only; every text comes from
    the data the context is made from, so an anonymised copy shows its own words.
    """

    """Evaluation meetings: the plan's history, attendance between meetings, going further."""

    type = "oppfolging"
    bruker_kalender = True

    def __init__(self, oppsett: Avledning, definisjon: Skjemadefinisjon) -> None:
        super().__init__(oppsett, definisjon)
        self.moter_key = self.tabell("moter")
        self.eval_key = self.tabell("evalueringer")
        self.tiltak_key = self.tabell("tiltak")
        self.fravaer_key = self.tabell("fravaer")
        self.start = self.felt("start", type_="dato")
        for tabell, kolonner in (
            (self.moter_key, _MOTEKOLONNER),
            (self.eval_key, _EVALUERINGSKOLONNER),
            (self.tiltak_key, ("tiltak", "oppstart")),
        ):
            for kolonne in kolonner:
                try:
                    definisjon.tabell(tabell).kolonne(kolonne)
                except KeyError:
                    raise self.feil(f"tabellen «{tabell}» mangler kolonnen «{kolonne}».") from None
        ord_ = self.verdi("nokkelord", [])
        if not isinstance(ord_, list):
            raise self.feil("«nokkelord» skal være en liste.")
        self.nokkelord = tuple(str(o).casefold() for o in ord_)
        self.paaminnelse = self.tekst("paaminnelse", "")
        self.k = Kolonner()

    # -- keys ---------------------------------------------------------------------------

    def _n(self, navn: str) -> str:
        return f"{self.navn}_{navn}"

    def nokler(self) -> tuple[str, ...]:
        deler = [
            "versjon",
            "historikk",
            "siste",
            "tiltak",
            "nye_tiltak",
            "oppmote",
            "fravaer",
            "varsler",
            "steg",
            "paaminnelse",
        ]
        return (f"har_{self.navn}", *(self._n(d) for d in deler))

    def beskrivelser(self) -> Mapping[str, str]:
        n = self._n
        return {
            f"har_{self.navn}": "Sann når teamet har holdt minst ett evalueringsmøte.",
            n("versjon"): "Planens versjon: 1, og én til for hvert evalueringsmøte.",
            n("historikk"): "Hva som ble endret ved hvert møte: versjon, dato og endringer.",
            n("siste"): "Det siste møtet: dato, deltakere, elevens_ord, foresattes_ord, nytt, "
            "neste_mote og om neste møte er foreslått, og ovrige: de andre kolonnene i "
            "møtetabellen som er fylt ut (etikett og tekst).",
            n("tiltak"): "Tiltakene som ble evaluert på det siste møtet: tiltak, effekt, "
            "beslutning og kommentar, og ovrige: de andre kolonnene som er fylt ut (etikett og "
            "tekst).",
            n("nye_tiltak"): "Tiltak som starter etter det siste møtet (nye fra det møtet).",
            n("oppmote"): "Oppmøtet siden møtet før, mot perioden før: siden, for og tekst.",
            n("fravaer"): "Fraværet som er registrert siden møtet før, rad for rad, med "
            "kolonnene i fraværstabellen.",
            n(
                "varsler"
            ): "Grunner til å gå videre (fraværet går ikke ned, tiltak som ikke virker).",
            n("steg"): "Neste steg fra innstillingene, i én setning.",
            n("paaminnelse"): "Påminnelsen om aktivitetsplikten, når kartleggingen tilsier det.",
        }

    # -- computing --------------------------------------------------------------------

    def _tiltak(self, g: Grunnlag) -> list[str]:
        return [str(r.get("tiltak") or "") for r in g.data.tabeller.get(self.tiltak_key) or []]

    def beregn(self, g: Grunnlag) -> Oppfolgingen:
        tiltak = self._tiltak(g)
        moter: dict[date, Mote] = {}
        for i, rad in enumerate(g.data.tabeller.get(self.moter_key) or []):
            dato = rad.get("mote_dato")
            if isinstance(dato, date) and tekst.dag(dato) not in moter:
                moter[tekst.dag(dato)] = Mote(tekst.dag(dato), i)
        for i, rad in enumerate(g.data.tabeller.get(self.eval_key) or []):
            dato = rad.get("mote_dato")
            if not isinstance(dato, date):
                continue
            mote = moter.get(tekst.dag(dato))
            if mote is None:  # an evaluation of a meeting not in the meetings table
                mote = moter[tekst.dag(dato)] = Mote(tekst.dag(dato), -1)
            mote.evalueringer.append((i, tekst.finn_i(rad.get("tiltak"), tiltak)))
        holdt = sorted(moter.values(), key=lambda m: m.dato)
        resultat = Oppfolgingen(holdt, paaminnelse=self._nevner(g))
        start = g.data.verdier.get(self.start)
        if not isinstance(start, date) or not holdt:
            return resultat
        rader = list(g.data.tabeller.get(self.fravaer_key) or [])
        skolear_for = g.innstillinger.skolear_for

        def dager(fra: date, til: date) -> list[date]:
            """School days after `fra`, up to and including `til`."""
            ut: list[date] = []
            dag = fra + timedelta(days=1)
            while dag <= til:
                kalender = skolear_for(dag)
                ut += skoledager(kalender, dag, min(til, kalender.slutt + timedelta(days=60)))
                dag = min(til, kalender.slutt + timedelta(days=60)) + timedelta(days=1)
            return sorted(set(ut))

        forrige = tekst.dag(start)
        for mote in holdt:
            mote.oppmote = periode(rader, dager(forrige, mote.dato), self.k)
            forrige = mote.dato
        # Before the first meeting: as many school days, up to the mapping meeting.
        forste = holdt[0].oppmote
        antall = forste.skoledager if forste else 0
        kalender = skolear_for(start)
        for_ = (
            [d for d in skoledager(kalender, kalender.start, tekst.dag(start))][-antall:]
            if antall
            else []
        )
        resultat.for_forste = periode(rader, for_, self.k)
        # The mapping report's figure, by the same computation as the report.
        resultat.for_kartlegging = beregning.beregn(
            beregning.til_og_med(rader, start, self.k),
            kalender,
            g.innstillinger.terskler,
            start,
            self.k,
        ).prosent
        resultat.varsler = self._varsler(g, resultat)
        return resultat

    def _rader(self, g: Grunnlag, key: str) -> list[Mapping[str, Verdi]]:
        return list(g.data.tabeller.get(key) or [])

    def _ovrige(
        self,
        tabell: str,
        plassert: tuple[str, ...],
        rad: Mapping[str, Verdi],
        visning: Visning,
    ) -> list[dict[str, str]]:
        """The filled columns of a row that the follow-up does not place by name."""
        kolonner = [k for k in self.definisjon.tabell(tabell).kolonner if k.key not in plassert]
        return [
            {"key": k.key, "etikett": k.etikett, "tekst": tekst}
            for k in kolonner
            if (tekst := visning.verdi(rad.get(k.key)))
        ]

    def _varsler(self, g: Grunnlag, r: Oppfolgingen) -> list[tuple[str, tuple[str, str] | None]]:
        """Reasons to go further in words from the data of `g`, each with its cell."""
        tiltak = self._tiltak(g)
        evalueringer = self._rader(g, self.eval_key)
        varsler: list[tuple[str, tuple[str, str] | None]] = []
        siste = r.moter[-1]
        sted = (
            g.data.celler.get((self.moter_key, siste.rad, "mote_dato")) if siste.rad >= 0 else None
        )
        naa = siste.oppmote.prosent if siste.oppmote else None
        evaluerte = [m for m in r.moter if m.evalueringer]
        for_ = r.for_kartlegging
        if len(evaluerte) >= 2 and naa is not None and for_ is not None and 0 < naa >= for_:
            varsler.append(
                (
                    f"Fraværet har ikke gått ned etter {len(evaluerte)} evalueringer: "
                    f"{tekst.prosent(naa)} siden forrige møte, mot {tekst.prosent(for_)} "
                    "av skoledagene før kartleggingen.",
                    sted,
                )
            )
        grense = g.innstillinger.videre_terskel
        if grense and naa is not None and naa > grense:
            varsler.append(
                (
                    f"Fraværet siden forrige møte er {tekst.prosent(naa)} av skoledagene, over "
                    f"grensen på {tekst.prosent(grense, 0)} for å gå videre.",
                    sted,
                )
            )
        # A measure that has not worked twice, and that the team has not changed or
        # stopped since: the latest decision on it says whether it is still in the plan.
        ikke: dict[int, int] = {}
        andre: dict[int, int] = {}  # the measure's second «virket ikke», by row
        beslutning: dict[int, str] = {}  # the latest decision on each measure
        for mote in r.moter:
            for rad_nr, nr in mote.evalueringer:
                if nr is None:
                    continue
                beslutning[nr] = tekst.enkel(evalueringer[rad_nr].get("beslutning"))
                if tekst.enkel(evalueringer[rad_nr].get("effekt")) != VIRKET_IKKE:
                    continue
                ikke[nr] = ikke.get(nr, 0) + 1
                if ikke[nr] == 2:
                    andre[nr] = rad_nr
        for nr, rad_nr in andre.items():
            if beslutning.get(nr) in (ENDRE, AVSLUTTE):
                continue
            varsler.append(
                (
                    f"Tiltaket «{tekst.kort(tiltak[nr], 60)}» har ikke virket to ganger.",
                    g.data.celler.get((self.eval_key, rad_nr, "effekt")),
                )
            )
        return varsler

    def _steg(self, g: Grunnlag) -> str:
        steg = g.innstillinger.videre_steg
        if not steg:
            return ""
        return f"Vurder å involvere {tekst.liste([s for s in steg])}."

    def _nevner(self, g: Grunnlag) -> bool:
        """Whether the mapping mentions any of the words that call for the reminder."""
        if not self.paaminnelse or not self.nokkelord:
            return False
        tekster = " ".join(str(v).casefold() for v in g.data.verdier.values() if isinstance(v, str))
        return any(re.search(rf"\b{re.escape(o)}", tekster) for o in self.nokkelord)

    def sjekk(self, g: Grunnlag) -> list[Funn]:
        r = self.beregn(g)
        funn = []
        tiltak = self._tiltak(g)
        tiltak_rader = self._rader(g, self.tiltak_key)
        evalueringer = self._rader(g, self.eval_key)
        ark = self.definisjon.del_for(self.eval_key).ark
        moter_ark = self.definisjon.del_for(self.moter_key).ark
        siste: dict[int, tuple[int, date]] = {}  # each measure's latest decision: row, meeting
        for mote in r.moter:
            for rad_nr, nr in mote.evalueringer:
                rad = evalueringer[rad_nr]
                if mote.rad < 0:
                    funn.append(
                        self.funn(
                            g,
                            (self.eval_key, rad_nr, "mote_dato"),
                            tekst.dato(mote.dato),
                            f"Det er ikke ført noe møte {tekst.dato(mote.dato)} i tabellen "
                            f"«{self.definisjon.tabell(self.moter_key).etikett}» på arket "
                            f"«{moter_ark}». Før møtet der (hvem var med, hva eleven og "
                            "foresatte sa), eller rett datoen til datoen for møtet.",
                        )
                    )
                if nr is not None:
                    siste[nr] = (rad_nr, mote.dato)
                    oppstart = tiltak_rader[nr].get("oppstart")
                    # A planned evaluation before the start is the plan's own error already:
                    # the start is what is wrong, and one finding says so.
                    planlagt = tiltak_rader[nr].get("evaluering")
                    if isinstance(planlagt, date) and isinstance(oppstart, date):
                        oppstart = None if planlagt < oppstart else oppstart
                    if isinstance(oppstart, date) and mote.dato < tekst.dag(oppstart):
                        funn.append(
                            self.funn(
                                g,
                                (self.eval_key, rad_nr, "mote_dato"),
                                tekst.dato(mote.dato),
                                f"Tiltaket er evaluert på møtet {tekst.dato(mote.dato)}, før "
                                f"det startet ({tekst.dato(oppstart)}). Kontroller datoen for "
                                "møtet og oppstarten i planen.",
                            )
                        )
                elif tiltak:
                    flere = self._flere(g, rad.get("tiltak"))
                    funn.append(
                        self.funn(
                            g,
                            (self.eval_key, rad_nr, "tiltak"),
                            tekst.kort(str(rad.get("tiltak") or ""), 60),
                            f"Tiltaket står flere ganger i planen ({tekst.liste(flere)}), så "
                            "Skjemaverk vet ikke hvilket av dem som er evaluert. Skriv tiltakene "
                            "ulikt i planen, eller slett det som står der to ganger."
                            if flere
                            else "Finner ikke dette tiltaket i planen. Velg tiltaket fra listen "
                            "i cellen, så evalueringen blir knyttet til riktig tiltak.",
                        )
                    )
        funn += self._avsluttet_men_fortsetter(g, siste)
        funn += self._alt_etter_start(g)
        if r.varsler:
            paaminnelse = self.paaminnelse if r.paaminnelse else ""
            neste = " ".join(s for s in (self._steg(g), paaminnelse) if s)
            for melding, sted in r.varsler:
                ark_, celle = sted or (ark, "")
                funn.append(
                    Funn("advarsel", ark_, celle, "Gå videre", "", f"{melding} {neste}".strip())
                )
        return funn

    def _alt_etter_start(self, g: Grunnlag) -> list[Funn]:
        """All the absence logged is after the mapping: its report shows none (a month or a
        year typed wrong in the mapping's date, or the absence before it not logged)."""
        start = g.data.verdier.get(self.start)
        datoer = [
            tekst.dag(d)
            for rad in self._rader(g, self.fravaer_key)
            if isinstance(d := rad.get(self.k.dato), date)
        ]
        if not isinstance(start, date) or not datoer or min(datoer) <= tekst.dag(start):
            return []
        return [
            self.funn(
                g,
                self.start,
                tekst.dato(start),
                f"Alt fraværet som er registrert, er etter denne datoen (det første "
                f"{tekst.dato(min(datoer))}), så kartleggingsrapporten viser ikke noe fravær. "
                "Kontroller datoen, eller før fraværet fram til kartleggingen.",
            )
        ]

    def _flere(self, g: Grunnlag, sokt: object) -> list[str]:
        """The cells of the plan's measures that `sokt` names, when it names more than one."""
        tiltak = self._tiltak(g)
        sokt_ = tekst.enkel(sokt)
        like = [i for i, t in enumerate(tiltak) if sokt_ and tekst.enkel(t) == sokt_]
        treff = like or [
            i
            for i, t in enumerate(tiltak)
            if sokt_
            and tekst.enkel(t)
            and (tekst.enkel(t).startswith(sokt_) or sokt_.startswith(tekst.enkel(t)))
        ]
        if len(treff) < 2:
            return []
        steder = [g.data.celler.get((self.tiltak_key, i, "tiltak")) for i in treff]
        return [excel_sted(*s) for s in steder if s]

    def _avsluttet_men_fortsetter(
        self, g: Grunnlag, siste: Mapping[int, tuple[int, date]]
    ) -> list[Funn]:
        """A measure the plan has as stopped, that the team's latest decision goes on with."""
        try:
            self.definisjon.tabell(self.tiltak_key).kolonne(STATUS)
        except KeyError:
            return []
        tiltak_rader = self._rader(g, self.tiltak_key)
        evalueringer = self._rader(g, self.eval_key)
        funn = []
        for nr, (rad_nr, mote) in siste.items():
            status = tiltak_rader[nr].get(STATUS)
            beslutning = evalueringer[rad_nr].get("beslutning")
            if tekst.enkel(status) != AVSLUTTET or tekst.enkel(beslutning) != FORTSETTE:
                continue
            sted = g.data.celler.get((self.eval_key, rad_nr, "beslutning"))
            hvor = f" ({excel_sted(*sted)})" if sted else ""
            funn.append(
                self.funn(
                    g,
                    (self.tiltak_key, nr, STATUS),
                    str(status),
                    f"Tiltaket står som «{status}» i planen, men på møtet {tekst.dato(mote)} "
                    f"ble det besluttet å fortsette det{hvor}. Rett statusen, eller beslutningen "
                    "hvis tiltaket er avsluttet.",
                )
            )
        return funn

    # -- the context ------------------------------------------------------------------

    def kontekst(
        self, g: Grunnlag, resultat: Any, visning: Visning, ctx: Mapping[str, object], tegn: bool
    ) -> dict[str, object]:
        r: Oppfolgingen = resultat
        n = self._n
        tiltak_rader = self._rader(g, self.tiltak_key)
        tiltak = self._tiltak(g)
        evalueringer = self._rader(g, self.eval_key)
        varsler = self._varsler(g, r) if r.moter else []
        historikk = []
        for i, mote in enumerate(r.moter):
            endringer = []
            for rad_nr, nr in mote.evalueringer:
                rad = evalueringer[rad_nr]
                navn = tiltak[nr] if nr is not None else str(rad.get("tiltak") or "")
                beslutning = tekst.enkel(rad.get("beslutning"))
                if beslutning == AVSLUTTE:
                    endringer.append(f"Avsluttet: {navn}")
                elif beslutning == ENDRE:
                    endringer.append(f"Endres: {navn}")
            neste = r.moter[i + 1].dato if i + 1 < len(r.moter) else None
            for t in tiltak_rader:
                oppstart = t.get("oppstart")
                if (
                    isinstance(oppstart, date)
                    and mote.dato < oppstart
                    and (neste is None or oppstart <= neste)
                ):
                    endringer.append(
                        f"Nytt tiltak fra {visning.dato(oppstart)}: {t.get('tiltak') or ''}"
                    )
            historikk.append(
                {
                    "versjon": str(i + 2),
                    "dato": visning.dato(mote.dato),
                    "endringer": endringer or ["Ingen endringer i tiltakene."],
                    "tekst": "\n".join(endringer or ["Ingen endringer i tiltakene."]),
                }
            )
        ut: dict[str, object] = {
            f"har_{self.navn}": bool(r.moter),
            n("versjon"): str(len(r.moter) + 1),
            n("historikk"): historikk,
            n("siste"): {},
            n("tiltak"): [],
            n("nye_tiltak"): [],
            n("oppmote"): {},
            n("fravaer"): [],
            n("varsler"): [m for m, _ in varsler],
            n("steg"): self._steg(g) if varsler else "",
            n("paaminnelse"): self.paaminnelse if varsler and r.paaminnelse else "",
        }
        if not r.moter:
            return ut
        siste = r.moter[-1]
        forrige = r.moter[-2].dato if len(r.moter) > 1 else None
        v = self._rader(g, self.moter_key)[siste.rad] if siste.rad >= 0 else {}
        neste_mote = v.get("neste_mote")
        ut[n("siste")] = {
            "dato": visning.dato(siste.dato),
            "deltakere": visning.verdi(v.get("deltakere")),
            "elevens_ord": visning.verdi(v.get("elevens_ord")),
            "foresattes_ord": visning.verdi(v.get("foresattes_ord")),
            "nytt": visning.verdi(v.get("nytt")),
            "neste_mote": visning.verdi(neste_mote),
            "ovrige": self._ovrige(self.moter_key, _MOTEKOLONNER, v, visning),
        }
        ut[n("tiltak")] = [
            {
                "tiltak": tiltak[nr] if nr is not None else visning.verdi(rad.get("tiltak")),
                "effekt": visning.verdi(rad.get("effekt")),
                "beslutning": visning.verdi(rad.get("beslutning")),
                "kommentar": visning.verdi(rad.get("kommentar")),
                "ovrige": self._ovrige(self.eval_key, _EVALUERINGSKOLONNER, rad, visning),
            }
            for rad_nr, nr in siste.evalueringer
            for rad in [evalueringer[rad_nr]]
        ]
        # Measures decided at this meeting: they start after it (as in the history).
        ut[n("nye_tiltak")] = [
            {"tiltak": str(t.get("tiltak") or ""), "oppstart": visning.verdi(t.get("oppstart"))}
            for t in tiltak_rader
            if isinstance(oppstart := t.get("oppstart"), date) and siste.dato < oppstart
        ]
        for_ = r.moter[-2].oppmote if len(r.moter) > 1 else r.for_forste
        ut[n("oppmote")] = _oppmote(siste.oppmote, for_, forrige is None, visning)
        # The registrations the attendance since the meeting before rests on.
        fra = forrige or g.data.verdier.get(self.start)
        kolonner = self.definisjon.tabell(self.fravaer_key).kolonner
        ut[n("fravaer")] = [
            {k.key: visning.verdi(rad.get(k.key)) for k in kolonner}
            for rad in self._rader(g, self.fravaer_key)
            if isinstance(dag := rad.get(self.k.dato), date)
            and (not isinstance(fra, date) or tekst.dag(fra) < tekst.dag(dag))
            and tekst.dag(dag) <= siste.dato
        ]
        return ut


def _rad(p: Periode | None, visning: Visning) -> dict[str, str]:
    if p is None:
        return {
            "periode": "",
            "skoledager": "0",
            "dager": "0",
            "timer": "0",
            "for_sent": "0",
            "prosent": "",
        }
    return {
        "periode": visning.periode(p.fra, p.til),
        "skoledager": str(p.skoledager),
        "dager": str(p.dager),
        "timer": str(p.timer),
        "for_sent": str(p.for_sent),
        "prosent": tekst.prosent(p.prosent) if p.prosent is not None else "",
    }


def _om(p: Periode, navn: str, timer: bool, sent: bool, visning: Visning) -> str:
    """One period in words: "Siden forrige møte (…): borte 1 av 5 skoledager (20,0 %)"."""
    deler = [f"borte {tekst.av(p.dager, p.skoledager, 'skoledager')}"]
    if p.prosent is not None:
        deler[0] += f" ({tekst.prosent(p.prosent)})"
    if timer:
        deler.append(f"{tekst.flertall(p.timer, 'enkelttime', 'enkelttimer')} borte")
    if sent:
        deler.append(f"for sent {tekst.flertall(p.for_sent, 'gang', 'ganger')}")
    return f"{navn} ({visning.periode(p.fra, p.til)}): {tekst.liste(deler)}."


def _retning(siden: Periode, for_: Periode) -> str:
    """Up or down against the period before: whole days, hours and times late, each per
    school day (the periods may differ in length)."""
    endringer = []
    for flere, faerre, na, da in (
        ("flere hele dager borte", "færre hele dager borte", siden.dager, for_.dager),
        ("flere enkelttimer", "færre enkelttimer", siden.timer, for_.timer),
        ("flere ganger for sent", "færre ganger for sent", siden.for_sent, for_.for_sent),
    ):
        rate = na / siden.skoledager - da / for_.skoledager
        if abs(rate) > 1e-9:
            endringer.append((rate > 0, flere if rate > 0 else faerre))
    if not endringer:
        return "Fraværet er like stort som i perioden før."
    if all(opp for opp, _ in endringer):
        return "Fraværet har gått opp siden perioden før."
    if not any(opp for opp, _ in endringer):
        return "Fraværet har gått ned siden perioden før."
    return f"Sammenlignet med perioden før: {tekst.liste([e for _, e in endringer])}."


def _oppmote(
    siden: Periode | None, for_: Periode | None, forste: bool, visning: Visning
) -> dict[str, object]:
    """Attendance since the meeting before, beside the period before it, in sentences."""
    if siden is None:
        return {"siden": _rad(None, visning), "for": _rad(for_, visning), "tekst": ""}
    perioder = [p for p in (siden, for_) if p is not None]
    timer = any(p.timer for p in perioder)
    sent = any(p.for_sent for p in perioder)
    setninger = [_om(siden, "Siden forrige møte", timer, sent, visning)]
    if for_ is not None:
        navn = "Like lang periode før kartleggingen" if forste else "Perioden før"
        setninger.append(_om(for_, navn, timer, sent, visning))
        setninger.append(_retning(siden, for_))
    return {"siden": _rad(siden, visning), "for": _rad(for_, visning), "tekst": " ".join(setninger)}


class Samtykke(Avledet):
    """Consent per service: warn about a measure by a service without valid consent."""

    type = "samtykke"

    def __init__(self, oppsett: Avledning, definisjon: Skjemadefinisjon) -> None:
        super().__init__(oppsett, definisjon)
        self.tabell_key = self.tabell()
        for kolonne in ("tjeneste", "dato", "trukket"):
            self.kolonne(self.tabell_key, kolonne, kolonne)
        tabell, _, kolonne = self.tekst("tiltak").partition(".")
        try:
            definisjon.tabell(tabell).kolonne(kolonne)
        except KeyError:
            raise self.feil(f"«tiltak» viser til «{tabell}.{kolonne}», som ikke finnes.") from None
        self.tiltak = (tabell, kolonne)
        liste = self.tekst("tjenester")
        if liste not in definisjon.valglister:
            raise self.feil(f"valglisten «{liste}» finnes ikke.")
        self.tjenester = tuple(t for t in definisjon.valglister[liste] if t.casefold() != "andre")

    def beskrivelser(self) -> Mapping[str, str]:
        return {self.navn: "Tjenestene det er gitt samtykke til, og som ikke er trukket."}

    def _tjenester_i(self, verdi: object) -> set[str]:
        """The services a text names ("BUP Sanderud" names BUP), case aside, and the text."""
        enkel = tekst.enkel(verdi)
        navn = {
            t.casefold()
            for t in self.tjenester
            if re.search(rf"\b{re.escape(t.casefold())}\b", enkel)
        }
        return navn | ({enkel} if enkel else set())

    def _samtykker(self, g: Grunnlag) -> tuple[set[str], dict[str, date]]:
        """The services with valid consent today, and those whose consent was withdrawn (when)."""
        gyldige: set[str] = set()
        trukne: dict[str, date] = {}
        for rad in g.data.tabeller.get(self.tabell_key) or []:
            gitt, trukket = rad.get("dato"), rad.get("trukket")
            if not isinstance(gitt, date) or gitt > g.idag:
                continue
            tjenester = self._tjenester_i(rad.get("tjeneste"))
            # A consent holds until the day it is withdrawn; a withdrawal dated in the future
            # (a year typed wrong?) is a warning on its cell, a rule of the definition.
            if isinstance(trukket, date) and trukket <= g.idag:
                trukne.update(dict.fromkeys(tjenester, trukket))
            else:
                gyldige |= tjenester
        return gyldige, trukne

    def _gyldige(self, g: Grunnlag) -> set[str]:
        return self._samtykker(g)[0]

    def sjekk(self, g: Grunnlag) -> list[Funn]:
        gyldige, trukne = self._samtykker(g)
        tabell, kolonne = self.tiltak
        ark = self.definisjon.del_for(self.tabell_key).ark
        funn = []
        for i, rad in enumerate(g.data.tabeller.get(tabell) or []):
            hvem = tekst.enkel(rad.get(kolonne))
            for tjeneste in self.tjenester:
                navn = tjeneste.casefold()
                if not re.search(rf"\b{re.escape(navn)}\b", hvem) or navn in gyldige:
                    continue
                if navn in trukne:
                    hvorfor = (
                        f"samtykket for {tjeneste} ble trukket {tekst.dato(trukne[navn])}. "
                        f"Kontakt ikke {tjeneste} uten et nytt samtykke, og endre eller avslutt "
                        "tiltaket."
                    )
                else:
                    hvorfor = (
                        f"det er ikke registrert et gyldig samtykke for {tjeneste}. Før "
                        f"samtykket på arket «{ark}» før tjenesten kontaktes."
                    )
                funn.append(
                    self.funn(
                        g,
                        (tabell, i, kolonne),
                        str(rad.get(kolonne) or ""),
                        f"Tiltaket gjelder {tjeneste}, men {hvorfor}",
                    )
                )
                break
        return funn

    def kontekst(
        self, g: Grunnlag, resultat: Any, visning: Visning, ctx: Mapping[str, object], tegn: bool
    ) -> dict[str, object]:
        gyldige = self._gyldige(g)
        navn = [
            str(r.get("tjeneste"))
            for r in g.data.tabeller.get(self.tabell_key) or []
            if tekst.enkel(r.get("tjeneste")) in gyldige
        ]
        return {self.navn: tekst.liste(list(dict.fromkeys(navn)))}
