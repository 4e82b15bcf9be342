"""The declarative form definition: load a TOML file into typed objects.

A definition holds everything that is particular to one form: its parts,
fields, choice lists and tables; its rules across fields; its documents and
their templates; which fields hold names (for the anonymised copy); which
named derivations it switches on (the absence picture, the meeting schedule,
…); and the text of the blank form's guidance sheet. The Python code holds
only the generic machinery and the named derivations (`toolkit.avledning`).

The format is documented in docs/arkitektur.md ("Skjemadefinisjonen").
"""

from __future__ import annotations

import re
import tomllib
from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from types import MappingProxyType
from typing import Any

from toolkit.errors import DefinisjonError
from toolkit.skriv import grunn

TYPER = ("tekst", "langtekst", "dato", "heltall", "valg", "janei")
JANEI = ("Ja", "Nei")
ALVOR = ("feil", "advarsel")
# How a field that holds names is made anonymous (see toolkit.anonym).
ANONYM = (
    "elev",  # the pupil's name
    "skole",  # the school's name
    "foresatte",  # lines "Name (role)" of parents
    "person",  # one person with the role in `rolle`
    "personlinjer",  # lines "Name, role" or "Name (role)"
    "roller",  # a role, or names with roles, joined by "og", "," or "/"
    "laerer",  # a teacher in a log: "Lærer 1", "Lærer 2"
    "fjern",  # left out of the anonymous copy (the class)
)
REGELTYPER = ("rekkefolge", "avstand", "fylt", "hvis", "rader", "unik", "skoledag")
IDAG = "idag"
_KEY = re.compile(r"^[a-z][a-z0-9_]*$")
# Excel forbids these in sheet names, and caps them at 31 characters.
_ULOVLIG_ARK = re.compile(r"[\[\]:*?/\\]")
# Windows forbids these in a file name; / and \ would lead into another folder, and : to
# another drive.
_ULOVLIG_FILNAVN = re.compile(r'[<>:"/\\|?*\x00-\x1f]')


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
    tidligere: tuple[str, ...] = ()  # keys this field had in earlier versions
    anonym: str | None = None  # how its names are made anonymous (ANONYM)
    rolle: str | None = None  # the role of the person named, for anonym = "person"
    # A dropdown of the values of a column of an earlier table ("tiltak.tiltak").
    forslag_fra: str | None = None

    @property
    def tekstlig(self) -> bool:
        return self.type in ("tekst", "langtekst")

    @property
    def lang(self) -> bool:
        """A long answer: shown as a paragraph, not in a table row."""
        return self.type == "langtekst"


@dataclass(frozen=True)
class Tabell:
    """A repeating group, written as an Excel table whose name is `key`."""

    key: str
    etikett: str
    kolonner: tuple[Felt, ...]
    hjelp: str = ""
    rader: int = 20
    tidligere: tuple[str, ...] = ()

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

    @property
    def keys(self) -> tuple[str, ...]:
        return tuple(f.key for f in self.felter) + tuple(t.key for t in self.tabeller)


@dataclass(frozen=True)
class Dokument:
    """A document made from the form, and the Word template it is made with."""

    key: str
    tittel: str
    filnavn: str  # "Amin - {filnavn}.docx"
    vedlegg: str  # the neutral attachment name in an e-mail draft
    mal: str | None = None  # template file; None: a generic document from the definition
    undertittel: str = ""
    # The parts the document shows in its generic section; None: every part.
    deler: tuple[str, ...] | None = None
    # Signature lines of a generic document.
    underskrifter: tuple[str, ...] = ()
    # Made only when this field or table has content (a follow-up note, say).
    bare_med: str | None = None
    # A date field or table column ("evalueringsmoter.mote_dato"): its latest date goes in
    # the file name, so a document made once per meeting does not replace the one before.
    filnavn_dato: Sti | None = None


@dataclass(frozen=True)
class Sti:
    """Where a rule looks: a field, a table column, or today's date."""

    tabell: str | None
    key: str

    @property
    def idag(self) -> bool:
        return self.tabell is None and self.key == IDAG

    def __str__(self) -> str:
        return f"{self.tabell}.{self.key}" if self.tabell else self.key


@dataclass(frozen=True)
class Regel:
    """A rule across fields, declared in the definition (see toolkit.regler)."""

    type: str
    alvor: str
    melding: str
    felt: Sti | None = None  # rekkefolge/avstand: the later date; fylt/skoledag: the field
    for_: Sti | None = None  # rekkefolge/avstand: the earlier date
    sted: str = "etter"  # rekkefolge: which of the two cells the finding is on
    maks_dager: int | None = None  # avstand
    hvis: Sti | None = None  # hvis: the condition's field or column
    er: str | None = None  # hvis: … has this value (None: has any value)
    da: Sti | None = None  # hvis: … then this field or column
    da_tom: bool = False  # hvis: … must be empty (else: must be filled)
    tabell: str | None = None  # rader/unik
    hvor: tuple[tuple[str, str], ...] = ()  # rader/unik: only rows with these values
    kolonner: tuple[str, ...] = ()  # unik
    min: int = 1  # rader


@dataclass(frozen=True)
class Avledning:
    """A named derivation switched on for this form (see toolkit.avledning)."""

    type: str
    navn: str
    oppsett: Mapping[str, Any] = field(default_factory=lambda: MappingProxyType({}))

    def tekst(self, key: str, standard: str = "") -> str:
        verdi = self.oppsett.get(key, standard)
        return verdi if isinstance(verdi, str) else standard


@dataclass(frozen=True)
class Seksjon:
    """A section of the guidance sheet of the blank form."""

    tittel: str
    avsnitt: tuple[str, ...] = ()
    punkter: tuple[str, ...] = ()
    par: tuple[tuple[str, str], ...] = ()


@dataclass(frozen=True)
class Skjemadefinisjon:
    """A whole form: its id, version, parts, documents, rules and derivations."""

    id: str
    versjon: int
    tittel: str
    kort_tittel: str
    deler: tuple[Del, ...]
    valglister: dict[str, tuple[str, ...]] = field(default_factory=dict)
    kilde: Path | None = None
    beskrivelse: str = ""
    standard: bool = False  # the form `skjemaverk nytt` makes when none is named
    navn_felt: str | None = None  # the pupil's name: file names and titles
    dato_felt: str | None = None  # the form's date: "up to when" (else today)
    dato_navn: str = "skjemadatoen"  # the form's date in words: "3 uker før kartleggingen"
    dokumenter: tuple[Dokument, ...] = ()
    regler: tuple[Regel, ...] = ()
    avledninger: tuple[Avledning, ...] = ()
    veiledning: tuple[Seksjon, ...] = ()
    veiledning_innledning: str = ""
    blankt: str = ""  # the blank form's file name ("kartleggingsskjema.xlsx")
    # The line of a setting in the file, for messages: "skjema.id", "dokument.plan.mal" …
    linjer: Mapping[str, int] = field(default_factory=dict, compare=False, repr=False)

    @property
    def blankt_navn(self) -> str:
        """Return the file name of the blank form: `blankt`, or the definition's name."""
        if self.blankt:
            return self.blankt
        return f"{self.kilde.stem if self.kilde else self.id}.xlsx"

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

    def har_felt(self, key: str) -> bool:
        return any(f.key == key for f in self.felter)

    def tabell(self, key: str) -> Tabell:
        for t in self.tabeller:
            if t.key == key:
                return t
        raise KeyError(key)

    def har_tabell(self, key: str) -> bool:
        return any(t.key == key for t in self.tabeller)

    def del_for(self, key: str) -> Del:
        """Return the part that holds field or table `key`."""
        for d in self.deler:
            if key in d.keys:
                return d
        raise KeyError(key)

    def del_(self, key: str) -> Del:
        for d in self.deler:
            if d.key == key:
                return d
        raise KeyError(key)

    def dokument(self, key: str) -> Dokument:
        for d in self.dokumenter:
            if d.key == key:
                return d
        raise KeyError(key)

    def etikett(self, sti: Sti) -> str:
        if sti.tabell:
            return self.tabell(sti.tabell).kolonne(sti.key).etikett
        return self.felt(sti.key).etikett

    @property
    def mappe(self) -> Path | None:
        """The folder the definition file lies in (its templates are looked for there)."""
        return self.kilde.parent if self.kilde else None


@cache
def last_definisjon(sti: Path) -> Skjemadefinisjon:
    """Load and check the form definition at `sti`; DefinisjonError (exit 2) says what is wrong."""
    sti = Path(sti)
    try:
        tekst = sti.read_text(encoding="utf-8-sig")
    except UnicodeDecodeError as e:
        raise DefinisjonError(
            f"Skjemadefinisjonen «{sti.name}» er ikke lagret som UTF-8. Lagre den som UTF-8 "
            "og prøv igjen."
        ) from e
    except OSError as e:
        raise DefinisjonError(f"Fant ikke skjemadefinisjonen «{sti}»: {grunn(e)}.") from e
    try:
        data = tomllib.loads(tekst)
    except tomllib.TOMLDecodeError as e:
        raise DefinisjonError(f"Skjemadefinisjonen «{sti.name}» har en skrivefeil: {e}.") from e
    except RecursionError as e:
        raise DefinisjonError(
            f"Skjemadefinisjonen «{sti.name}» har altfor mange nivåer inni hverandre."
        ) from e
    try:
        return _Bygger(data, sti).bygg()
    except DefinisjonError:
        raise
    except (KeyError, TypeError, ValueError, AttributeError) as e:
        hva = f"«{e.args[0]}» mangler" if isinstance(e, KeyError) else str(e)
        raise DefinisjonError(f"Skjemadefinisjonen «{sti.name}» er ugyldig: {hva}.") from e


class _Bygger:
    """Turns parsed TOML into a Skjemadefinisjon, checking every reference."""

    def __init__(self, data: dict[str, Any], sti: Path) -> None:
        self.data = data
        self.sti = sti

    def feil(self, melding: str) -> DefinisjonError:
        return DefinisjonError(f"Skjemadefinisjonen «{self.sti.name}»: {melding}")

    def bygg(self) -> Skjemadefinisjon:
        data = self.data
        hode = data["skjema"]
        self.lister = {navn: tuple(map(str, v)) for navn, v in data.get("valg", {}).items()}
        deler = tuple(self._del(d) for d in data.get("del", []))
        if not deler:
            raise self.feil("den har ingen deler ([[del]]).")
        veiledning = data.get("veiledning", {})
        definisjon = Skjemadefinisjon(
            id=str(hode["id"]),
            versjon=int(hode["versjon"]),
            tittel=str(hode["tittel"]),
            kort_tittel=str(hode.get("kort_tittel", hode["tittel"])),
            beskrivelse=str(hode.get("beskrivelse", "")),
            standard=bool(hode.get("standard", False)),
            navn_felt=hode.get("navn_felt"),
            dato_felt=hode.get("dato_felt"),
            dato_navn=str(hode.get("dato_navn", "skjemadatoen")),
            deler=deler,
            valglister=self.lister,
            kilde=self.sti,
            dokumenter=tuple(self._dokument(d) for d in data.get("dokument", [])),
            regler=tuple(self._regel(r) for r in data.get("regel", [])),
            avledninger=tuple(self._avledning(a) for a in data.get("avledning", [])),
            veiledning_innledning=str(veiledning.get("innledning", "")),
            blankt=self._blankt(hode.get("blankt", "")),
            veiledning=tuple(
                Seksjon(
                    tittel=str(s["tittel"]),
                    avsnitt=tuple(map(str, s.get("avsnitt", ()))),
                    punkter=tuple(map(str, s.get("punkter", ()))),
                    par=self._par(s),
                )
                for s in veiledning.get("seksjon", [])
            ),
        )
        self._sjekk(definisjon)
        return definisjon

    def _par(self, seksjon: dict[str, Any]) -> tuple[tuple[str, str], ...]:
        par = [(str(a), str(b)) for a, b in seksjon.get("par", [])]
        liste = seksjon.get("liste")
        if liste:
            forklaring = seksjon.get("forklaring", {})
            par += [(v, str(forklaring.get(v, ""))) for v in self._liste(liste) or ()]
        return tuple(par)

    def _liste(self, verdi: object) -> tuple[str, ...]:
        if verdi is None:
            return ()
        if isinstance(verdi, str):
            if verdi not in self.lister:
                raise self.feil(f"valglisten «{verdi}» finnes ikke under [valg].")
            return self.lister[verdi]
        if not isinstance(verdi, list):
            raise self.feil(f"valg skal være en liste eller navnet på en liste, ikke {verdi!r}.")
        return tuple(map(str, verdi))

    def _felt(self, f: dict[str, Any]) -> Felt:
        type_ = f.get("type", "tekst")
        valg = self._liste(f.get("valg"))
        if type_ == "janei":
            valg = JANEI
        anonym = f.get("anonym")
        if anonym is not None and anonym not in ANONYM:
            raise self.feil(
                f"feltet «{f.get('key')}» har anonym = «{anonym}»; bruk en av {', '.join(ANONYM)}."
            )
        return Felt(
            key=str(f["key"]),
            etikett=str(f["etikett"]),
            type=type_,
            hjelp=str(f.get("hjelp", "")),
            pakrevd=bool(f.get("pakrevd", False)),
            valg=valg,
            forslag=self._liste(f.get("forslag")),
            valg_navn="janei" if type_ == "janei" else _navn(f.get("valg")),
            forslag_navn=_navn(f.get("forslag")),
            maks_lengde=f.get("maks_lengde"),
            min=f.get("min"),
            maks=f.get("maks"),
            bredde=f.get("bredde"),
            tidligere=tuple(map(str, f.get("tidligere", ()))),
            anonym=anonym,
            rolle=f.get("rolle"),
            forslag_fra=f.get("forslag_fra"),
        )

    def _del(self, d: dict[str, Any]) -> Del:
        return Del(
            key=str(d["key"]),
            ark=str(d["ark"]),
            tittel=str(d["tittel"]),
            innledning=str(d.get("innledning", "")),
            felter=tuple(self._felt(f) for f in d.get("felt", [])),
            tabeller=tuple(
                Tabell(
                    key=str(t["key"]),
                    etikett=str(t["etikett"]),
                    hjelp=str(t.get("hjelp", "")),
                    rader=int(t.get("rader", 20)),
                    kolonner=tuple(self._felt(k) for k in t["kolonne"]),
                    tidligere=tuple(map(str, t.get("tidligere", ()))),
                )
                for t in d.get("tabell", [])
            ),
        )

    def _dokument(self, d: dict[str, Any]) -> Dokument:
        key = str(d["key"])
        if not _KEY.fullmatch(key):
            raise self.feil(
                f"dokumentet «{key}» har en ugyldig nøkkel; bruk små bokstaver a–z, tall og _."
            )
        deler = d.get("deler")
        return Dokument(
            key=key,
            tittel=str(d["tittel"]),
            filnavn=self._filnavn(d, key),
            vedlegg=str(d.get("vedlegg", d["tittel"])),
            mal=self._mal(d),
            undertittel=str(d.get("undertittel", "")),
            deler=None if deler is None or deler == "alle" else tuple(map(str, deler)),
            underskrifter=tuple(map(str, d.get("underskrifter", ()))),
            bare_med=d.get("bare_med"),
            filnavn_dato=self._sti(d.get("filnavn_dato")),
        )

    def _filnavn(self, d: dict[str, Any], key: str) -> str:
        navn = str(d.get("filnavn", key))
        if _ULOVLIG_FILNAVN.search(navn) or not navn.strip(" ."):
            raise self.feil(
                f"dokumentet «{key}» har filnavn = «{navn}». Filnavnet er bare navnet på "
                'dokumentet, uten mappe: ikke / \\ : * ? " < > | og ikke bare punktum. '
                "Dokumentene skrives alltid i mappen du velger (--ut). Skriv for eksempel "
                f'filnavn = "{key}".'
            )
        return navn

    def _mal(self, d: dict[str, Any]) -> str | None:
        mal = d.get("mal")
        if mal is None:
            return None
        mal = str(mal)
        deler = mal.split("/")
        if (
            not mal.lower().endswith(".docx")
            or "\\" in mal
            or ":" in mal
            or mal.startswith("/")
            or any(del_ in ("", ".", "..") for del_ in deler)
        ):
            raise self.feil(
                f"dokumentet «{d.get('key')}» har mal = «{mal}». Malen er en Word-fil (.docx) "
                "i samme mappe som skjemadefinisjonen (eller i en mappe under den): skriv "
                "navnet uten .., uten stasjon og uten / eller \\ først, for eksempel "
                f'mal = "{d.get("key")}.docx".'
            )
        return mal

    def _blankt(self, verdi: object) -> str:
        navn = str(verdi)
        if navn and (
            _ULOVLIG_FILNAVN.search(navn)
            or not navn.lower().endswith(".xlsx")
            or not navn[: -len(".xlsx")].strip(" .")
        ):
            raise self.feil(
                f"blankt = «{navn}». Det er filnavnet skjemaverk nytt gir det blanke skjemaet, "
                'uten mappe, og det slutter på .xlsx: ikke / \\ : * ? " < > |. Skriv for '
                'eksempel blankt = "samtaleskjema.xlsx".'
            )
        return navn

    def _sti(self, verdi: object) -> Sti | None:
        if verdi is None:
            return None
        tekst = str(verdi)
        tabell, punktum, key = tekst.partition(".")
        return Sti(tabell, key) if punktum else Sti(None, tekst)

    def _regel(self, r: dict[str, Any]) -> Regel:
        type_ = r.get("type")
        if type_ not in REGELTYPER:
            raise self.feil(f"regelen «{type_}» finnes ikke; bruk en av {', '.join(REGELTYPER)}.")
        alvor = r.get("alvor", "advarsel")
        if alvor not in ALVOR:
            raise self.feil(f"alvor = «{alvor}» i en regel; bruk «feil» eller «advarsel».")
        return Regel(
            type=type_,
            alvor=alvor,
            melding=str(r["melding"]),
            felt=self._sti(r.get("felt")),
            for_=self._sti(r.get("for")),
            sted=str(r.get("sted", "etter")),
            maks_dager=r.get("maks_dager"),
            hvis=self._sti(r.get("hvis")),
            er=r.get("er"),
            da=self._sti(r.get("da")),
            da_tom=bool(r.get("da_tom", False)),
            tabell=r.get("tabell"),
            hvor=tuple((str(k), str(v)) for k, v in r.get("hvor", {}).items()),
            kolonner=tuple(map(str, r.get("kolonner", ()))),
            min=int(r.get("min", 1)),
        )

    def _avledning(self, a: dict[str, Any]) -> Avledning:
        oppsett = {k: v for k, v in a.items() if k not in ("type", "navn")}
        return Avledning(
            type=str(a["type"]),
            navn=str(a.get("navn", a["type"])),
            oppsett=MappingProxyType(oppsett),
        )

    # -- checks -------------------------------------------------------------------

    def _sjekk(self, d: Skjemadefinisjon) -> None:
        sett: set[str] = {"skjema_id", "skjema_versjon"}
        ark: set[str] = set()
        delkeys: set[str] = set()
        for del_ in d.deler:
            if len(del_.ark) > 31 or _ULOVLIG_ARK.search(del_.ark) or del_.ark.lower() in ark:
                raise self.feil(f"arknavnet «{del_.ark}» kan ikke brukes i Excel.")
            ark.add(del_.ark.lower())
            if del_.key in delkeys:
                raise self.feil(f"delen «{del_.key}» finnes to ganger.")
            delkeys.add(del_.key)
            for key in del_.keys:
                if not _KEY.match(key):
                    raise self.feil(f"nøkkelen «{key}» skal være små bokstaver a–z, tall og _.")
                if key in sett:
                    raise self.feil(f"nøkkelen «{key}» er brukt to ganger.")
                sett.add(key)
            for f in del_.felter + tuple(k for t in del_.tabeller for k in t.kolonner):
                if f.type not in TYPER:
                    raise self.feil(f"feltet «{f.key}» har ukjent type «{f.type}».")
                if f.type == "valg" and not f.valg:
                    raise self.feil(f"valgfeltet «{f.key}» mangler valg.")
            for t in del_.tabeller:
                kolonner = [k.key for k in t.kolonner]
                if len(set(kolonner)) != len(kolonner):
                    raise self.feil(f"tabellen «{t.key}» har to kolonner med samme nøkkel.")
        kjente_kolonner: set[str] = set()
        for del_ in d.deler:
            for f in (*del_.felter, *(k for t in del_.tabeller for k in t.kolonner)):
                if f.forslag_fra and f.forslag_fra not in kjente_kolonner:
                    raise self.feil(
                        f"feltet «{f.key}» har forslag_fra = «{f.forslag_fra}»; det skal være "
                        "tabell.kolonne i en tabell som står før feltet."
                    )
            kjente_kolonner |= {f"{t.key}.{k.key}" for t in del_.tabeller for k in t.kolonner}
        for navn, felt_key in (("navn_felt", d.navn_felt), ("dato_felt", d.dato_felt)):
            if felt_key is not None and not d.har_felt(felt_key):
                raise self.feil(f"{navn} = «{felt_key}», men feltet finnes ikke.")
        if d.dato_felt and d.felt(d.dato_felt).type != "dato":
            raise self.feil(f"dato_felt = «{d.dato_felt}» er ikke et datofelt.")
        dokumenter: set[str] = set()
        for dok in d.dokumenter:
            if not _KEY.match(dok.key) or dok.key in dokumenter:
                raise self.feil(f"dokumentet «{dok.key}» har en ugyldig eller brukt nøkkel.")
            dokumenter.add(dok.key)
            for key in dok.deler or ():
                if key not in delkeys:
                    raise self.feil(f"dokumentet «{dok.key}» viser delen «{key}», som ikke finnes.")
            if dok.bare_med and dok.bare_med not in sett:
                raise self.feil(
                    f"dokumentet «{dok.key}» har bare_med = «{dok.bare_med}», som ikke finnes."
                )
            if dok.filnavn_dato is not None:
                sti = dok.filnavn_dato
                try:
                    felt = d.tabell(sti.tabell).kolonne(sti.key) if sti.tabell else d.felt(sti.key)
                except KeyError:
                    felt = None
                if felt is None or felt.type != "dato":
                    raise self.feil(
                        f"dokumentet «{dok.key}» har filnavn_dato = «{dok.filnavn_dato}», som "
                        "ikke er et datofelt eller en datokolonne."
                    )
        for nr, regel in enumerate(d.regler, start=1):
            self._sjekk_regel(d, nr, regel)

    def _sjekk_sti(self, d: Skjemadefinisjon, nr: int, sti: Sti | None, dato: bool = False) -> None:
        if sti is None or sti.idag:
            return
        try:
            felt = d.tabell(sti.tabell).kolonne(sti.key) if sti.tabell else d.felt(sti.key)
        except KeyError:
            raise self.feil(f"regel {nr} viser til «{sti}», som ikke finnes.") from None
        if dato and felt.type != "dato":
            raise self.feil(f"regel {nr} viser til «{sti}», som ikke er et datofelt.")

    def _sjekk_regel(self, d: Skjemadefinisjon, nr: int, r: Regel) -> None:
        datoer = r.type in ("rekkefolge", "avstand", "skoledag")
        for sti in (r.felt, r.for_, r.hvis, r.da):
            self._sjekk_sti(d, nr, sti, dato=datoer)
        mangler = {
            "rekkefolge": r.felt is None or r.for_ is None,
            "avstand": r.felt is None or r.for_ is None or r.maks_dager is None,
            "fylt": r.felt is None,
            "skoledag": r.felt is None,
            "hvis": r.hvis is None or r.da is None,
            "rader": r.tabell is None,
            "unik": r.tabell is None or not r.kolonner,
        }[r.type]
        if mangler:
            raise self.feil(f"regel {nr} ({r.type}) mangler noe den trenger.")
        if r.type == "hvis" and r.hvis and r.da and r.hvis.tabell != r.da.tabell:
            raise self.feil(f"regel {nr}: «hvis» og «da» må være i samme tabell.")
        if r.tabell is not None:
            if not d.har_tabell(r.tabell):
                raise self.feil(f"regel {nr} viser til tabellen «{r.tabell}», som ikke finnes.")
            for key in [*r.kolonner, *(k for k, _ in r.hvor)]:
                self._sjekk_sti(d, nr, Sti(r.tabell, key))


def _navn(verdi: object) -> str | None:
    return verdi if isinstance(verdi, str) else None
