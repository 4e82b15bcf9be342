"""Rules across fields, declared in the definition (`[[regel]]`), as findings with their cells.

The rule types, each generic (a field is `key`, a table column `tabell.kolonne`;
`idag` is today's date):

- `rekkefolge`: the date `felt` may not be before the date `for`. Both may be
  fields, columns of the same table (compared row by row), or a column and a
  field (each row against the field). `sted = "for"` puts the finding on the
  `for` cell instead of the `felt` cell.
- `avstand`: the date `felt` may be at most `maks_dager` days after `for`.
- `fylt`: the field, or the column in every row, should be filled.
- `hvis`: when `hvis` has the value `er` (or any value, without `er`), `da`
  must be filled, or with `da_tom = true` must be empty.
- `rader`: the table should have at least `min` rows (those whose columns
  have the values in `hvor`).
- `unik`: no two rows (those matching `hvor`) may have the same values in `kolonner`.
- `skoledag`: the date should be a school day (not a weekend, a public
  holiday or a break of the school calendar in the settings).

A message may name {for} and {felt} (the two values) and {dager} (days
between them) in `rekkefolge` and `avstand`, {maks} in `avstand`, {felt} and
{hvorfor} (why a day is not a school day) in `skoledag`, and {rad} (the row of
the first of two equal rows) in `unik`; `toolkit.definisjon.PLASSHOLDERE`
holds the same, and a definition whose message names another is refused when
it is loaded. An error is never hidden behind a warning on the same cell
(`toolkit.modell.ett_per_celle`).
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Set
from datetime import date

from openpyxl.utils.cell import column_index_from_string

from toolkit.definisjon import Regel, Skjemadefinisjon, Sti
from toolkit.innstillinger import Innstillinger
from toolkit.kalender import fridag
from toolkit.modell import Alvor, Funn, Skjemadata, Verdi
from toolkit.tekst import dato, kort

_MAKS_VIST = 60


def vis(verdi: object) -> str:
    """Return a value as a finding quotes it: dates dd.mm.åååå, one line, at most 60 characters."""
    if verdi is None:
        return ""
    if isinstance(verdi, bool):
        return "Ja" if verdi else "Nei"
    if isinstance(verdi, date):
        return dato(verdi)
    return kort(str(verdi), _MAKS_VIST)


def _tom(verdi: Verdi) -> bool:
    return verdi is None or (isinstance(verdi, str) and not verdi.strip())


def _lik(verdi: Verdi, tekst: str) -> bool:
    if isinstance(verdi, bool):
        return ("Ja" if verdi else "Nei").casefold() == tekst.casefold()
    return isinstance(verdi, str) and " ".join(verdi.split()).casefold() == tekst.casefold()


class _Regelsjekk:
    def __init__(
        self,
        definisjon: Skjemadefinisjon,
        data: Skjemadata,
        innstillinger: Innstillinger,
        idag: date,
    ) -> None:
        self.d = definisjon
        self.data = data
        self.innstillinger = innstillinger
        self.idag = idag
        self.funn: list[Funn] = []

    # -- values and places ------------------------------------------------------------

    def rader(self, tabell: str) -> list[dict[str, Verdi]]:
        return self.data.tabeller.get(tabell) or []

    def verdi(self, sti: Sti, rad: int | None) -> Verdi:
        if sti.idag:
            return self.idag
        if sti.tabell:
            rader = self.rader(sti.tabell)
            return rader[rad].get(sti.key) if rad is not None and rad < len(rader) else None
        return self.data.verdier.get(sti.key)

    def sted(self, sti: Sti, rad: int | None) -> tuple[str, str] | None:
        if sti.idag:
            return None
        key: object = (sti.tabell, rad, sti.key) if sti.tabell else sti.key
        return self.data.celler.get(key)

    def par(self, a: Sti, b: Sti) -> Iterator[int | None]:
        """The rows to compare `a` and `b` in: each row of their table, or once."""
        tabell = a.tabell or b.tabell
        if tabell is None:
            yield None
            return
        yield from range(len(self.rader(tabell)))

    def legg_til(
        self,
        regel: Regel,
        sti: Sti,
        rad: int | None,
        verdi: object,
        tekster: dict[str, object] | None = None,
    ) -> None:
        sted = self.sted(sti, rad)
        ark, celle = sted if sted else (self.d.del_for(sti.tabell or sti.key).ark, "")
        melding = _fyll_inn(regel.melding, tekster or {})
        alvor: Alvor = "feil" if regel.alvor == "feil" else "advarsel"
        self.funn.append(Funn(alvor, ark, celle, self.d.etikett(sti), vis(verdi), melding))

    # -- the rule types ---------------------------------------------------------------

    def rekkefolge(self, r: Regel) -> None:
        assert r.felt is not None and r.for_ is not None
        for rad in self.par(r.for_, r.felt):
            for_, etter = self.verdi(r.for_, rad), self.verdi(r.felt, rad)
            if isinstance(for_, date) and isinstance(etter, date) and etter < for_:
                sti = r.for_ if r.sted == "for" else r.felt
                self.legg_til(
                    r,
                    sti,
                    rad,
                    for_ if r.sted == "for" else etter,
                    {"for": vis(for_), "felt": vis(etter), "dager": (for_ - etter).days},
                )

    def avstand(self, r: Regel) -> None:
        assert r.felt is not None and r.for_ is not None and r.maks_dager is not None
        for rad in self.par(r.for_, r.felt):
            for_, etter = self.verdi(r.for_, rad), self.verdi(r.felt, rad)
            if isinstance(for_, date) and isinstance(etter, date):
                dager = (etter - for_).days
                if dager > r.maks_dager:
                    self.legg_til(
                        r,
                        r.felt,
                        rad,
                        etter,
                        {
                            "for": vis(for_),
                            "felt": vis(etter),
                            "dager": dager,
                            "maks": r.maks_dager,
                        },
                    )

    def fylt(self, r: Regel) -> None:
        assert r.felt is not None
        if r.felt.tabell:
            for rad in range(len(self.rader(r.felt.tabell))):
                if self.sted(r.felt, rad) and _tom(self.verdi(r.felt, rad)):
                    self.legg_til(r, r.felt, rad, None)
        elif self.sted(r.felt, None) and _tom(self.verdi(r.felt, None)):
            self.legg_til(r, r.felt, None, None)

    def hvis(self, r: Regel) -> None:
        assert r.hvis is not None and r.da is not None
        for rad in self.par(r.hvis, r.da):
            verdi = self.verdi(r.hvis, rad)
            gjelder = not _tom(verdi) if r.er is None else _lik(verdi, r.er)
            if not gjelder:
                continue
            da = self.verdi(r.da, rad)
            if (not _tom(da)) if r.da_tom else _tom(da):
                self.legg_til(r, r.da, rad, da)

    def _treff(self, r: Regel) -> list[int]:
        assert r.tabell is not None
        return [
            i
            for i, rad in enumerate(self.rader(r.tabell))
            if all(_lik(rad.get(k), v) for k, v in r.hvor)
        ]

    def rader_(self, r: Regel) -> None:
        assert r.tabell is not None
        tabell = self.d.tabell(r.tabell)
        mangler = any(f.etikett == tabell.etikett and f.alvor == "feil" for f in self.data.funn)
        if mangler or len(self._treff(r)) >= r.min:
            return
        ark = self.d.del_for(r.tabell).ark
        melding = _fyll_inn(r.melding, {})
        alvor: Alvor = "feil" if r.alvor == "feil" else "advarsel"
        self.funn.append(Funn(alvor, ark, "", tabell.etikett, "", melding))

    def unik(self, r: Regel) -> None:
        assert r.tabell is not None
        sett: dict[tuple[str, ...], int] = {}
        for i in self._treff(r):
            rad = self.rader(r.tabell)[i]
            verdier = tuple(vis(rad.get(k)).casefold() for k in r.kolonner)
            if all(v == "" for v in verdier):
                continue
            if verdier in sett:
                sti = Sti(r.tabell, r.kolonner[0])
                forste = self.sted(sti, sett[verdier])
                plass = forste[1] if forste else "en annen rad"
                self.legg_til(r, sti, i, rad.get(r.kolonner[0]), {"rad": plass})
            else:
                sett[verdier] = i

    def skoledag(self, r: Regel) -> None:
        assert r.felt is not None
        rader = range(len(self.rader(r.felt.tabell))) if r.felt.tabell else [None]
        for rad in rader:
            verdi = self.verdi(r.felt, rad)
            if not isinstance(verdi, date):
                continue
            hvorfor = fridag(self.innstillinger.skolear_for(verdi), verdi)
            if hvorfor:
                self.legg_til(r, r.felt, rad, verdi, {"felt": vis(verdi), "hvorfor": hvorfor})


def _fyll_inn(melding: str, tekster: dict[str, object]) -> str:
    return re.sub(r"\{([a-z_]+)\}", lambda m: str(tekster.get(m.group(1), m.group(0))), melding)


def _tabeller(r: Regel) -> set[str]:
    """The tables a rule looks at."""
    stier = (r.felt, r.for_, r.hvis, r.da)
    tabeller = {s.tabell for s in stier if s is not None and s.tabell}
    return tabeller | {r.tabell} if r.tabell else tabeller


def sjekk_regler(
    definisjon: Skjemadefinisjon,
    data: Skjemadata,
    innstillinger: Innstillinger,
    idag: date | None = None,
    uten: Set[str] = frozenset(),
) -> list[Funn]:
    """Return the findings of every rule of `definisjon` on `data`.

    A rule that looks at a table in `uten` (a column it may need is missing) is passed over.
    Every finding is returned; `toolkit.modell.ett_per_celle` keeps one per cell.
    """
    sjekk = _Regelsjekk(definisjon, data, innstillinger, idag or date.today())
    for regel in definisjon.regler:
        if _tabeller(regel) & uten:
            continue
        navn = "rader_" if regel.type == "rader" else regel.type
        getattr(sjekk, navn)(regel)
    return sjekk.funn


def i_rekkefolge(funn: list[Funn], definisjon: Skjemadefinisjon) -> list[Funn]:
    """Return `funn` in the order of the form: sheet by sheet, row by row."""
    ark = {d.ark: i for i, d in enumerate(definisjon.deler)}

    def plass(f: Funn) -> tuple[int, int, int]:
        treff = re.fullmatch(r"([A-Z]+)(\d+)", f.celle)
        if not treff:
            return ark.get(f.ark, len(ark)), 0, 0
        return (
            ark.get(f.ark, len(ark)),
            int(treff.group(2)),
            column_index_from_string(treff.group(1)),
        )

    return sorted(funn, key=plass)
