"""Which forms Skjemaverk knows: the built-in definitions, their earlier versions, a school's own.

Built-in definitions are the `*.toml` files in the `skjema` folder, their
templates lie in `maler`, and earlier versions of them in `skjema/tidligere`
(kept so that forms filled in an older version can still be read and
upgraded). A school's own definitions are the `*.toml` files of the folder
named in the settings (`[skjemaer] mappe`), each with its templates beside it.
A school's definition may use the id of a built-in form only as a newer version
of it (a higher `versjon` than the built-in one); then the built-in versions
become its earlier versions. The form `skjemaverk nytt` makes when none is named
is always the built-in standard form's id, in its current version.

A filled form names its definition itself: the workbook's `skjema_id` and
`skjema_versjon` (see `toolkit.kontrakt`).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

from toolkit.definisjon import (
    Dokument,
    IkkeDefinisjon,
    Skjemadefinisjon,
    last_definisjon,
    vist_sti,
)
from toolkit.errors import DefinisjonError, UlesbarFilError
from toolkit.innstillinger import FILNAVN
from toolkit.ressurser import maler_mappe, skjema_mappe

TIDLIGERE = "tidligere"


@dataclass(frozen=True)
class Register:
    """The definitions Skjemaverk can use in this run."""

    definisjoner: tuple[Skjemadefinisjon, ...]  # the current version of each form
    tidligere: tuple[Skjemadefinisjon, ...] = ()  # earlier versions, for older forms
    egne: frozenset[Path] = field(default_factory=frozenset)  # the school's own files
    standard_id: str | None = None  # the id of the built-in standard form
    merknader: tuple[str, ...] = ()  # files of the school's folder that were passed over

    def gjeldende(self, skjema_id: str) -> Skjemadefinisjon | None:
        """Return the current definition of the form `skjema_id`, or None."""
        return next((d for d in self.definisjoner if d.id == skjema_id), None)

    def finn(self, skjema_id: str, versjon: int) -> Skjemadefinisjon | None:
        """Return the definition of `skjema_id` in `versjon`, or None."""
        for d in (*self.definisjoner, *self.tidligere):
            if d.id == skjema_id and d.versjon == versjon:
                return d
        return None

    def standard(self) -> Skjemadefinisjon:
        """Return the form made when none is named: the built-in one marked `standard`
        (in a school's newer version of it, if it has one)."""
        for d in self.definisjoner:
            if d.id == self.standard_id if self.standard_id else d.standard:
                return d
        return self.definisjoner[0]

    def velg(self, navn: str) -> Skjemadefinisjon:
        """Return the form named by its id or by the name of its definition file (any case)."""
        navn = navn.strip().casefold()
        for d in self.definisjoner:
            if navn in (d.id.casefold(), d.kilde.stem.casefold() if d.kilde else None):
                return d
        kjente = ", ".join(d.kilde.stem if d.kilde else d.id for d in self.definisjoner)
        raise UlesbarFilError(
            f"Skjemaet «{navn}» finnes ikke. Skjemaene er: {kjente} (se «skjemaverk skjemaer»)."
        )

    def er_egen(self, definisjon: Skjemadefinisjon) -> bool:
        """True when `definisjon` is one of the school's own."""
        return definisjon.kilde is not None and definisjon.kilde in self.egne

    def mangler_versjon(self, navn: str, gjeldende: Skjemadefinisjon, versjon: int) -> str:
        """Say that the form `navn` is of an earlier `versjon` whose definition is not here,
        and what can be done: put the old definition back, then `oppgrader` can move it."""
        start = (
            f"Filen «{navn}» er versjon {versjon} av «{gjeldende.tittel}», men denne Skjemaverk "
            f"har bare versjon {gjeldende.versjon}"
        )
        skjemanavn = gjeldende.kilde.stem if gjeldende.kilde else gjeldende.id
        ny = (
            f"lag et nytt, blankt skjema (skjemaverk nytt --skjema {skjemanavn}) og før svarene "
            "inn der"
        )
        if self.er_egen(gjeldende):
            return (
                f"{start}: definisjonen av versjon {versjon} ligger ikke i mappen med skolens "
                f"skjemaer («{gjeldende.mappe}»). Legg den gamle definisjonen tilbake der, ved "
                f"siden av den nye og under et annet filnavn (for eksempel {skjemanavn}-"
                f"{versjon}.toml); da kan skjemaet leses, og «skjemaverk oppgrader» flytter "
                f"svarene over i versjon {gjeldende.versjon}. Finnes den ikke lenger: {ny}."
            )
        return (
            f"{start}, og definisjonen av versjon {versjon} mangler i skjema/tidligere/. Meld "
            "fra til den som drifter Skjemaverk; når den er på plass, flytter «skjemaverk "
            f"oppgrader» svarene over. Til da: {ny}."
        )

    def malmappe(self, definisjon: Skjemadefinisjon) -> Path:
        """Return the folder where the templates of `definisjon` lie."""
        if self.er_egen(definisjon) and definisjon.mappe is not None:
            return definisjon.mappe
        return maler_mappe()

    def malfil(self, definisjon: Skjemadefinisjon, dokument: Dokument) -> Path | None:
        """Return the definition's own template file for `dokument`, or None for a generic one.

        A school's definition finds its templates beside it; one it does not have
        there (a school's copy of a built-in form, say) is taken from the built-in
        ones. The file must lie inside its folder, also when followed through a
        link: a definition cannot make Skjemaverk read a file elsewhere.
        """
        if not dokument.mal:
            return None
        mappe = self.malmappe(definisjon)
        sti = mappe / dokument.mal
        innebygd = maler_mappe() / dokument.mal
        if not sti.is_file() and innebygd.is_file():
            mappe, sti = maler_mappe(), innebygd
        try:
            innenfor = sti.resolve().is_relative_to(mappe.resolve())
        except (OSError, RuntimeError):  # a loop of links
            innenfor = False
        if not innenfor:
            raise definisjon.feil(
                f"malen «{dokument.mal}» til dokumentet «{dokument.key}» peker ut av mappen "
                f"«{mappe}» (en snarvei?), og blir ikke brukt. Legg selve malen i mappen.",
                definisjon.linjer.get(f"dokument.{dokument.key}.mal"),
            )
        return sti

    def sjekk_maler(self, definisjon: Skjemadefinisjon) -> None:
        """Raise DefinisjonError when a template the definition names is not there."""
        for dok in definisjon.dokumenter:
            sti = self.malfil(definisjon, dok)
            if sti is not None and not sti.is_file():
                hvor = f"i «{sti.parent}»" + (
                    " eller blant de innebygde malene" if self.er_egen(definisjon) else ""
                )
                raise definisjon.feil(
                    f"dokumentet «{dok.key}» har mal = «{dok.mal}», men malen finnes ikke {hvor}. "
                    "Legg malen der, rett navnet, eller ta bort linjen for å få et enkelt "
                    "dokument laget fra definisjonen.",
                    definisjon.linjer.get(f"dokument.{dok.key}.mal"),
                )


def _toml_filer(mappe: Path) -> list[Path]:
    return sorted(p for p in mappe.glob("*.toml") if p.is_file())


@cache
def _innebygde() -> tuple[tuple[Skjemadefinisjon, ...], tuple[Skjemadefinisjon, ...]]:
    mappe = skjema_mappe()
    # The standard form first, then the others by name.
    gjeldende = tuple(
        sorted((last_definisjon(p) for p in _toml_filer(mappe)), key=lambda d: not d.standard)
    )
    tidligere = tuple(last_definisjon(p) for p in _toml_filer(mappe / TIDLIGERE))
    register = Register(gjeldende, tidligere)
    for d in (*gjeldende, *tidligere):
        register.sjekk_maler(d)
    return gjeldende, tidligere


def _egne(mappe: Path) -> tuple[tuple[Skjemadefinisjon, ...], tuple[str, ...]]:
    """The school's definitions in `mappe`, and what was passed over (a note for each).

    The settings file is passed over in silence (with `mappe = "."` it lies there);
    a .toml file that is not a definition at all (none of a definition's tables) is
    passed over with a note, so that it does not stop the other forms. A definition
    with a mistake stops the run: its form would not work.
    """
    if not mappe.is_dir():
        raise DefinisjonError(
            f"Fant ikke mappen med skolens egne skjemaer, «{mappe}» ([skjemaer] mappe i "
            "innstillingene)."
        )
    definisjoner = []
    merknader = []
    for sti in _toml_filer(mappe):
        if sti.name.casefold() == FILNAVN.casefold():
            continue
        try:
            definisjoner.append(last_definisjon(sti))
        except IkkeDefinisjon:
            merknader.append(
                f"Merk: «{sti}» ligger i mappen med skolens skjemaer, men er ikke en "
                "skjemadefinisjon (den har ingen [skjema], [[del]] eller [[dokument]]). Den "
                "blir ikke brukt; flytt den til en annen mappe."
            )
    return tuple(definisjoner), tuple(merknader)


def _unike(definisjoner: Iterable[Skjemadefinisjon]) -> None:
    sett: dict[tuple[str, int], Path | None] = {}
    for d in definisjoner:
        if (d.id, d.versjon) in sett:
            andre = sett[(d.id, d.versjon)]
            raise DefinisjonError(
                f"To skjemadefinisjoner har samme id og versjon ({d.id}, versjon {d.versjon}): "
                f"«{vist_sti(andre) if andre else ''}» og «{_vist(d)}»{_linje(d, 'versjon')}. "
                "Gi den ene en annen id eller et høyere versjonsnummer."
            )
        sett[(d.id, d.versjon)] = d.kilde


def _sjekk_mot_innebygde(
    skolens: Iterable[Skjemadefinisjon], gjeldende: Iterable[Skjemadefinisjon]
) -> None:
    """Refuse a school's definition that would take a built-in form's place without being newer,
    or make itself the form `skjemaverk nytt` makes when none is named."""
    innebygde = {d.id: d for d in gjeldende}
    standard = next((d for d in innebygde.values() if d.standard), None)
    for d in skolens:
        inn = innebygde.get(d.id)
        if inn is not None and d.versjon <= inn.versjon:
            raise DefinisjonError(
                f"Skjemadefinisjonen «{_vist(d)}»{_linje(d, 'id')}: id = «{d.id}» er id-en til det "
                f"innebygde skjemaet «{inn.tittel}» («{_vist(inn)}», versjon {inn.versjon}). En "
                "skoles definisjon kan bruke den id-en bare som en nyere versjon av det samme "
                f"skjemaet, det vil si versjon {inn.versjon + 1} eller høyere; denne har versjon "
                f"{d.versjon}. Er det et annet skjema, gi det en egen id. Er filen en kopi av en "
                "innebygd versjon, slett den: Skjemaverk har den selv."
            )
        if d.standard and standard is not None and d.id != standard.id:
            navn = d.kilde.stem if d.kilde else d.id
            raise DefinisjonError(
                f"Skjemadefinisjonen «{_vist(d)}»{_linje(d, 'standard')}: standard = true. "
                f"Uten --skjema lager skjemaverk nytt alltid «{standard.tittel}». Ta bort linjen, "
                f"og lag skolens skjema med «skjemaverk nytt --skjema {navn}»."
            )


def _vist(d: Skjemadefinisjon) -> str:
    return vist_sti(d.kilde) if d.kilde else d.id


def _linje(d: Skjemadefinisjon, key: str) -> str:
    linje = d.linjer.get(f"skjema.{key}") if d.linjer else None
    return f", linje {linje}" if linje else ""


def last_register(egne: Path | None = None) -> Register:
    """Return the built-in definitions, and the school's own from the folder `egne`."""
    gjeldende, tidligere = _innebygde()
    standard_id = next((d.id for d in gjeldende if d.standard), None)
    if egne is None:
        return Register(gjeldende, tidligere, standard_id=standard_id)
    skolens, merknader = _egne(Path(egne))
    _unike(skolens)
    _sjekk_mot_innebygde(skolens, gjeldende)
    erstattet = {d.id for d in skolens}
    # A built-in form the school has its own version of becomes an earlier version.
    alle = [*(d for d in gjeldende if d.id not in erstattet), *skolens]
    eldre = [*tidligere, *(d for d in gjeldende if d.id in erstattet)]
    nyeste: dict[str, Skjemadefinisjon] = {}
    for d in alle:
        if d.id not in nyeste or d.versjon > nyeste[d.id].versjon:
            nyeste[d.id] = d
    eldre += [d for d in alle if nyeste[d.id] is not d]
    eldre = [d for d in eldre if nyeste.get(d.id) is None or d.versjon != nyeste[d.id].versjon]
    register = Register(
        definisjoner=tuple(nyeste.values()),
        tidligere=tuple(eldre),
        egne=frozenset(d.kilde for d in skolens if d.kilde is not None),
        standard_id=standard_id,
        merknader=merknader,
    )
    for d in skolens:
        register.sjekk_maler(d)
    return register


def innebygd_register() -> Register:
    """Return the register of the built-in definitions only."""
    return last_register(None)


def standard_definisjon() -> Skjemadefinisjon:
    """Return the built-in form `skjemaverk nytt` makes when none is named."""
    return innebygd_register().standard()
