"""The base of every derivation: what it is computed from, and what it can do."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from typing import Any, ClassVar

from toolkit.definisjon import Avledning, Skjemadefinisjon
from toolkit.errors import DefinisjonError
from toolkit.innstillinger import Innstillinger
from toolkit.modell import Alvor, Funn, Skjemadata
from toolkit.visning import Visning


@dataclass(frozen=True)
class Grunnlag:
    """What every derivation is computed from."""

    definisjon: Skjemadefinisjon
    data: Skjemadata
    innstillinger: Innstillinger
    dato: date  # the form's date (dato_felt), or today when it has none
    idag: date


def grunnlag(
    definisjon: Skjemadefinisjon,
    data: Skjemadata,
    innstillinger: Innstillinger,
    idag: date | None = None,
) -> Grunnlag:
    """Return the basis of the derivations: the form's date, or today when it has none."""
    idag = idag or date.today()
    verdi = data.verdier.get(definisjon.dato_felt) if definisjon.dato_felt else None
    return Grunnlag(
        definisjon, data, innstillinger, verdi if isinstance(verdi, date) else idag, idag
    )


class Avledet:
    """One derivation switched on by a definition."""

    type: ClassVar[str] = ""
    bruker_kalender: ClassVar[bool] = False  # counts school days (the settings' calendar)

    def __init__(self, oppsett: Avledning, definisjon: Skjemadefinisjon) -> None:
        self.oppsett = oppsett
        self.navn = oppsett.navn
        self.definisjon = definisjon

    # -- reading the settings of the derivation -------------------------------------

    def feil(self, melding: str) -> DefinisjonError:
        return self.definisjon.feil(
            f"avledningen «{self.navn}» ({self.type}): {melding}", self.oppsett.linje
        )

    def verdi(self, key: str, standard: Any = None) -> Any:
        return self.oppsett.oppsett.get(key, standard)

    def tekst(self, key: str, standard: str | None = None) -> str:
        verdi = self.verdi(key, standard)
        if not isinstance(verdi, str):
            raise self.feil(f"«{key}» skal være en tekst.")
        return verdi

    def felt(self, key: str = "felt", type_: str | None = None) -> str:
        navn = self.tekst(key)
        if not self.definisjon.har_felt(navn):
            raise self.feil(f"feltet «{navn}» finnes ikke.")
        if type_ and self.definisjon.felt(navn).type != type_:
            raise self.feil(f"feltet «{navn}» skal være av typen {type_}.")
        return navn

    def tabell(self, key: str = "tabell") -> str:
        navn = self.tekst(key)
        if not self.definisjon.har_tabell(navn):
            raise self.feil(f"tabellen «{navn}» finnes ikke.")
        return navn

    def kolonne(self, tabell: str, key: str, standard: str | None = None) -> str:
        navn = self.tekst(key, standard)
        try:
            self.definisjon.tabell(tabell).kolonne(navn)
        except KeyError:
            raise self.feil(f"tabellen «{tabell}» har ikke kolonnen «{navn}».") from None
        return navn

    def del_(self, key: str = "del") -> str:
        navn = self.tekst(key)
        try:
            self.definisjon.del_(navn)
        except KeyError:
            raise self.feil(f"delen «{navn}» finnes ikke.") from None
        return navn

    # -- findings ----------------------------------------------------------------------

    def funn(
        self,
        g: Grunnlag,
        sted: str | tuple[str, int, str],
        verdi: str,
        melding: str,
        *,
        alvor: Alvor = "advarsel",
    ) -> Funn:
        """A finding on a field (`key`) or a table cell (`(tabell, rad, kolonne)`), with its
        label; on the part's sheet when the cell is not known."""
        if isinstance(sted, tuple):
            tabell, _, kolonne = sted
            etikett = self.definisjon.tabell(tabell).kolonne(kolonne).etikett
            ark = self.definisjon.del_for(tabell).ark
        else:
            etikett = self.definisjon.felt(sted).etikett
            ark = self.definisjon.del_for(sted).ark
        ark, celle = g.data.celler.get(sted, (ark, ""))
        return Funn(alvor, ark, celle, etikett, verdi, melding)

    # -- what a derivation does ------------------------------------------------------

    def tabeller(self) -> frozenset[str]:
        """Return the tables the derivation reads (named in its settings, "tabell.kolonne"
        or "tabell")."""
        verdier: list[object] = []
        for verdi in self.oppsett.oppsett.values():
            verdier += verdi if isinstance(verdi, list) else [verdi]
        return frozenset(
            navn
            for v in verdier
            if isinstance(v, str) and self.definisjon.har_tabell(navn := v.partition(".")[0])
        )

    def nokler(self) -> tuple[str, ...]:
        """Return the context keys this derivation gives."""
        return (self.navn,)

    def sjekk_navn(self, kjente: frozenset[str]) -> None:
        """Raise DefinisjonError for a name this derivation reads from the context that is
        not in `kjente` (the fields, tables and the keys of the derivations before it)."""

    def dekker(self) -> Mapping[str, frozenset[str]]:
        """Return, for a context key, the field and table keys it shows in full."""
        return {}

    def beskrivelser(self) -> Mapping[str, str]:
        """Return what each context key is, in Norwegian, for the field list."""
        return {}

    def bilder(self) -> tuple[str, ...]:
        """Return the context keys that hold pictures."""
        return ()

    def sjekk(self, g: Grunnlag) -> list[Funn]:
        """Return findings for `sjekk` (e.g. dates that are not school days)."""
        return []

    def beregn(self, g: Grunnlag) -> Any:
        """Compute the result once; `kontekst` and the terminal write it."""
        return None

    def kontekst(
        self, g: Grunnlag, resultat: Any, visning: Visning, ctx: Mapping[str, object], tegn: bool
    ) -> dict[str, object]:
        """Return plain values for the templates (`ctx` holds what came before)."""
        raise NotImplementedError
