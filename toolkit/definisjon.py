"""The declarative form definition: load a TOML file into typed objects.

A definition holds everything that is particular to one form: its parts,
fields, choice lists and tables; its rules across fields; its documents and
their templates; which fields hold names (for the anonymised copy); which
named derivations it switches on (the absence picture, the meeting schedule,
…); and the text of the blank form's guidance sheet. The Python code holds
only the generic machinery and the named derivations (`toolkit.avledning`).

Loading checks everything a definition can get wrong on its own, strictly:
every value has its type (a number is not text, a list is not one text),
every name it refers to exists, every key can serve as a name in Excel and
in a template, and no path leads out of its folder. A mistake is one
DefinisjonError (exit 2) in Norwegian that names the file and, where it can,
the line. What needs more than the file (the templates beside it, the
derivations, the built-in forms) is checked when the register is loaded
(`toolkit.register`, `toolkit.avledning.sjekk_avledninger`).

The format is documented in docs/arkitektur.md ("Skjemadefinisjonen").
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from types import MappingProxyType
from typing import Any

from toolkit.errors import DefinisjonError
from toolkit.skriv import grunn
from toolkit.tomlfil import antall_hoder, finn_linje, hvor, les_toml

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
# What each rule type reads besides type, alvor and melding (see toolkit.regler).
REGELNOKLER: Mapping[str, tuple[str, ...]] = {
    "rekkefolge": ("felt", "for", "sted"),
    "avstand": ("felt", "for", "maks_dager"),
    "fylt": ("felt",),
    "hvis": ("hvis", "er", "da", "da_tom"),
    "rader": ("tabell", "hvor", "min"),
    "unik": ("tabell", "hvor", "kolonner"),
    "skoledag": ("felt",),
}
# The placeholders toolkit.regler fills in, in the message of each rule type.
PLASSHOLDERE: Mapping[str, tuple[str, ...]] = {
    "rekkefolge": ("for", "felt", "dager"),
    "avstand": ("for", "felt", "dager", "maks"),
    "fylt": (),
    "hvis": (),
    "rader": (),
    "unik": ("rad",),
    "skoledag": ("felt", "hvorfor"),
}
IDAG = "idag"

# Rows with content that one table may hold. A real absence log has a few hundred
# at most; far more is a wrong or damaged file, and reading it all would tie up
# the machine. The blank form has at most this many empty rows (`rader`) too.
MAKS_TABELLRADER = 5000
# The sheets the blank form adds before and after the parts.
VEILEDNING = "Veiledning"
LISTER = "Lister"
# The workbook's own names (toolkit.kontrakt): no field may take them.
ARBEIDSBOKNAVN = ("skjema_id", "skjema_versjon")
# Keys every template context has, besides the fields, tables, parts (`vis_<part>`) and
# derivations (toolkit.kontekst); no field or table may take them.
KONTEKSTNOKLER: Mapping[str, str] = MappingProxyType(
    {
        "deler": "Delene dokumentet viser i sin generelle del, hver med tittel og det malen ikke "
        "har plassert selv: felter (etikett og tekst), grupper og tabeller.",
        "skjema_tittel": "Tittelen på skjemaet.",
        "skolenavn": "Skolens navn: fra innstillingene, ellers fra skjemaet.",
        "generert_dato": "Datoen dokumentet ble laget (tom i den anonyme kopien).",
        "logo": "Skolens logo fra innstillingene (et bilde), tom når ingen logo er satt.",
        "dokument_tittel": "Tittelen på dokumentet, fra skjemadefinisjonen.",
        "dokument_undertittel": "Undertittelen på dokumentet, fra skjemadefinisjonen.",
    }
)

_KEY = re.compile(r"[a-z][a-z0-9_]*")
_ID = re.compile(r"[A-Za-z0-9][A-Za-z0-9_-]*")
# Excel forbids these in sheet names, and caps them at 31 characters.
_ULOVLIG_ARK = re.compile(r"[\[\]:*?/\\]")
# Windows forbids these in a file name; / and \ would lead into another folder, and : to
# another drive.
_ULOVLIG_FILNAVN = re.compile(r'[<>:"/\\|?*\x00-\x1f]')
# A key Excel would read as a cell reference (A1, xfd1048576) or an R1C1 reference.
_CELLEREF = re.compile(r"([a-z]{1,3})([0-9]+)")
_R1C1 = re.compile(r"r[0-9]*c?[0-9]*|c[0-9]*")
_PLASSHOLDER = re.compile(r"\{([^{}]*)\}")
# A definition is some tens of kilobytes; anything near this is not one.
MAKS_FILSTORRELSE = 5 * 1024 * 1024
MAKS_VERSJON = 9999
MAKS_TEGN = 32767  # what an Excel cell holds
# The tables a definition is made of; a .toml file without any of them is not a definition.
_TOPP = ("skjema", "valg", "del", "regel", "avledning", "dokument", "veiledning")
_SKJEMA = (
    "id",
    "versjon",
    "tittel",
    "kort_tittel",
    "beskrivelse",
    "standard",
    "navn_felt",
    "dato_felt",
    "dato_navn",
    "blankt",
)
_DEL = ("key", "ark", "tittel", "innledning", "felt", "tabell")
_FELT = (
    "key",
    "etikett",
    "type",
    "hjelp",
    "pakrevd",
    "valg",
    "forslag",
    "maks_lengde",
    "min",
    "maks",
    "bredde",
    "tidligere",
    "anonym",
    "rolle",
    "forslag_fra",
)
_TABELL = ("key", "etikett", "hjelp", "rader", "kolonne", "tidligere")
_DOKUMENT = (
    "key",
    "tittel",
    "filnavn",
    "vedlegg",
    "mal",
    "undertittel",
    "deler",
    "underskrifter",
    "bare_med",
    "filnavn_dato",
)
_VEILEDNING = ("innledning", "seksjon")
_SEKSJON = ("tittel", "avsnitt", "punkter", "par", "liste", "forklaring")


def vist_sti(sti: Path | str) -> str:
    """Return a definition's path as a message shows it: from the folder the user is in, when
    it lies there ("skjemaer/samtale.toml"), else in full."""
    sti = Path(sti)
    try:
        return str(sti.resolve().relative_to(Path.cwd().resolve()))
    except (OSError, ValueError, RuntimeError):
        return str(sti)


def ligner_celle(key: str) -> bool:
    """True when Excel would read `key` as a cell reference (`f1`, `ab12`, `r1c1`)."""
    if _R1C1.fullmatch(key):
        return True
    m = _CELLEREF.fullmatch(key)
    if not m:
        return False
    kolonne = 0
    for tegn in m.group(1):
        kolonne = kolonne * 26 + ord(tegn) - ord("a") + 1
    return kolonne <= 16384 and 1 <= int(m.group(2)) <= 1048576


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
    linje: int | None = field(default=None, compare=False)  # its [[avledning]] in the file

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

    def feil(self, melding: str, linje: int | None = None) -> DefinisjonError:
        """Return the error for a mistake in this definition, naming its file (and line)."""
        kilde = vist_sti(self.kilde) if self.kilde is not None else self.id
        return DefinisjonError(f"Skjemadefinisjonen «{kilde}»{hvor(linje)}: {melding}")


@cache
def last_definisjon(sti: Path) -> Skjemadefinisjon:
    """Load and check the form definition at `sti`; DefinisjonError (exit 2) says what is wrong.

    A file that does not look like a definition at all (none of its tables) raises
    IkkeDefinisjon, so that a folder of definitions can pass over a stray file.
    """
    sti = Path(sti)
    vist = f"Skjemadefinisjonen «{vist_sti(sti)}»"
    try:
        with open(sti, "rb") as fil:
            innhold = fil.read(MAKS_FILSTORRELSE + 1)
    except OSError as e:
        raise DefinisjonError(f"Fant ikke skjemadefinisjonen «{sti}»: {grunn(e)}.") from e
    if len(innhold) > MAKS_FILSTORRELSE:
        raise DefinisjonError(
            f"{vist} er over {MAKS_FILSTORRELSE // (1024 * 1024)} MB, altfor stor til å være en "
            "skjemadefinisjon (den er vanligvis noen titalls kilobyte)."
        )
    try:
        tekst = innhold.decode("utf-8-sig")
    except UnicodeDecodeError as e:
        raise DefinisjonError(
            f"{vist} er ikke lagret som UTF-8. Lagre den som UTF-8 (i Notisblokk: Lagre som › "
            "Koding: UTF-8) og prøv igjen."
        ) from e
    definisjon = re.search(rf"^\s*\[\[?\s*({'|'.join(_TOPP)})\s*\]", tekst, re.M) is not None

    def feil(melding: str) -> DefinisjonError:
        return DefinisjonError(melding) if definisjon else IkkeDefinisjon(melding)

    data = les_toml(
        tekst,
        vist,
        "skjemadefinisjonen",
        "Kontroller at tekst står i anførselstegn, at hvert navn står på sin egen linje og bare "
        "én gang i hver tabell, og at [[del]], [[del.felt]] og de andre tabellene har doble "
        "hakeparenteser.",
        "En verdi i en skjemadefinisjon er en tekst, et tall, true eller false, eller en liste "
        "med tekster.",
        feil,
    )
    if not any(k in data for k in _TOPP):
        raise IkkeDefinisjon(
            f"{vist} har ingen av tabellene en skjemadefinisjon har ([skjema], [[del]], "
            "[[dokument]] …)."
        )
    return _Bygger(data, sti, tekst).bygg()


class IkkeDefinisjon(DefinisjonError):
    """A .toml file that has none of the tables of a definition: not one at all."""


def _vis(verdi: object) -> str:
    """Return a TOML value as a message shows it."""
    if isinstance(verdi, bool):
        return "true" if verdi else "false"
    if isinstance(verdi, str):
        kort = verdi if len(verdi) <= 60 else verdi[:57] + "…"
        # A line break or another control character shows as it is written in TOML: \n.
        return '"' + re.sub(r"[\x00-\x1f]", lambda m: repr(m.group())[1:-1], kort) + '"'
    if isinstance(verdi, list):
        return "en liste"
    if isinstance(verdi, dict):
        return "en tabell"
    return str(verdi)


def _uten_aeoa(tekst: str) -> str:
    return tekst.replace("æ", "ae").replace("ø", "o").replace("å", "a")


def _mente(navn: str, kjente: Iterable[str]) -> str:
    """Return " Mente du «x»?" for the known name closest to `navn`, or ""."""
    treff = difflib.get_close_matches(_uten_aeoa(navn), list(kjente), n=1, cutoff=0.7)
    return f" Mente du «{treff[0]}»?" if treff else ""


def _grenser(minst: int | None, hoyst: int | None) -> str:
    if minst is not None and hoyst is not None:
        return f" fra {minst} til {hoyst}"
    if minst is not None:
        return f", minst {minst}"
    if hoyst is not None:
        return f", høyst {hoyst}"
    return ""


class _Tabell:
    """One table of the definition as parsed, read with its types checked, naming its line."""

    def __init__(self, b: _Bygger, data: dict[str, Any], seksjon: str, navn: str) -> None:
        self.b = b
        self.data = data
        self.seksjon = seksjon
        self.nummer = b.tell(seksjon)
        self.navn = navn  # "feltet «tema»": how the messages name it

    def linje(self, key: str = "") -> int | None:
        """Return the line of `key` in this table (its header line for "" or a missing key)."""
        return self.b.linje(self.seksjon, key, self.nummer)

    def feil(self, melding: str, key: str = "") -> DefinisjonError:
        hvem = f"{self.navn}: " if self.navn else ""
        return self.b.feil(f"{hvem}{melding}", self.linje(key))

    def ukjente(self, kjente: tuple[str, ...]) -> None:
        for key in self.data:
            if key not in kjente:
                raise self.feil(
                    f"«{key}» er ikke noe som kan stå her.{_mente(key, kjente)} Her kan det stå: "
                    f"{', '.join(kjente)} (uten æ, ø og å).",
                    key,
                )

    def tekst(self, key: str, standard: str = "") -> str:
        verdi = self.data.get(key, standard)
        if not isinstance(verdi, str):
            raise self.feil(f"{key} skal være en tekst i anførselstegn, ikke {_vis(verdi)}.", key)
        return verdi

    def krevd(self, key: str) -> str:
        """A text that must be there and not be empty."""
        if key not in self.data:
            raise self.feil(f'mangler {key} = "…".', key)
        verdi = self.tekst(key)
        if not verdi.strip():
            raise self.feil(f"{key} er tom.", key)
        return verdi

    def valgfri(self, key: str) -> str | None:
        return self.tekst(key) if key in self.data else None

    def nokkel(self, key: str = "key") -> str:
        verdi = self.krevd(key)
        if not _KEY.fullmatch(verdi):
            raise self.feil(
                f"{key} = {_vis(verdi)}: en nøkkel skal være små bokstaver a–z (uten æ, ø og å), "
                "tall og _, og begynne med en bokstav, for eksempel neste_samtale. Den er navnet "
                "i malene og i Excel.",
                key,
            )
        return verdi

    def heltall(
        self, key: str, standard: int | None, minst: int | None = None, hoyst: int | None = None
    ) -> int | None:
        if key not in self.data:
            return standard
        verdi = self.data[key]
        if isinstance(verdi, bool) or not isinstance(verdi, int):
            hint = (
                f" Skriv tallet uten anførselstegn: {key} = {verdi.strip()}."
                if isinstance(verdi, str) and re.fullmatch(r"\s*-?\d+\s*", verdi)
                else ""
            )
            raise self.feil(
                f"{key} skal være et helt tall{_grenser(minst, hoyst)}, ikke {_vis(verdi)}.{hint}",
                key,
            )
        if (minst is not None and verdi < minst) or (hoyst is not None and verdi > hoyst):
            raise self.feil(
                f"{key} = {verdi}: skal være et helt tall{_grenser(minst, hoyst)}.", key
            )
        return verdi

    def sann(self, key: str) -> bool:
        verdi = self.data.get(key, False)
        if not isinstance(verdi, bool):
            raise self.feil(
                f"{key} skal være true eller false (uten anførselstegn), ikke {_vis(verdi)}.", key
            )
        return verdi

    def liste(self, key: str, eksempel: str) -> tuple[str, ...] | None:
        """A list of texts, or None when it is not there."""
        if key not in self.data:
            return None
        verdi = self.data[key]
        if isinstance(verdi, str):
            raise self.feil(
                f"{key} skal være en liste i hakeparenteser, ikke én tekst: skriv "
                f'{key} = ["{verdi}"].',
                key,
            )
        if not isinstance(verdi, list) or not all(isinstance(v, str) for v in verdi):
            raise self.feil(
                f"{key} skal være en liste med tekster i anførselstegn, for eksempel {eksempel}.",
                key,
            )
        return tuple(verdi)

    def ordbok(self, key: str, eksempel: str) -> dict[str, str]:
        """An inline table of texts (`hvor = { status = "Avsluttet" }`)."""
        verdi = self.data.get(key, {})
        if not isinstance(verdi, dict) or not all(isinstance(v, str) for v in verdi.values()):
            raise self.feil(f"{key} skal være en tabell med tekster, for eksempel {eksempel}.", key)
        return verdi

    def tabell(self, key: str) -> _Tabell | None:
        """A table written [key] (once), or None when it is not there."""
        if key not in self.data:
            return None
        verdi = self.data[key]
        seksjon = f"{self.seksjon}.{key}" if self.seksjon else key
        if isinstance(verdi, list):
            raise self.feil(f"[{seksjon}] skal stå med enkle hakeparenteser: [{seksjon}].", key)
        if not isinstance(verdi, dict):
            raise self.feil(f"{key} skal være en tabell [{seksjon}], ikke {_vis(verdi)}.", key)
        return _Tabell(self.b, verdi, seksjon, f"[{seksjon}]")

    def tabeller(self, key: str, navn: str) -> list[_Tabell]:
        """The tables written [[key]] (any number), each named `navn` until it is read."""
        seksjon = f"{self.seksjon}.{key}" if self.seksjon else key
        verdi = self.data.get(key, [])
        if isinstance(verdi, dict):
            raise self.feil(
                f"[{seksjon}] skal stå med doble hakeparenteser: [[{seksjon}]], én gang for hver.",
                key,
            )
        if not isinstance(verdi, list) or not all(isinstance(v, dict) for v in verdi):
            raise self.feil(
                f"{key} skal være tabeller, hver skrevet under [[{seksjon}]], ikke {_vis(verdi)}.",
                key,
            )
        return [_Tabell(self.b, v, seksjon, navn) for v in verdi]


def _antall(data: object, deler: list[str]) -> int:
    """Return how many tables the parsed data has at the path `deler` (del, felt)."""
    nivaa = [data]
    for navn in deler:
        neste: list[object] = []
        for t in nivaa:
            verdi = t.get(navn) if isinstance(t, dict) else None
            if isinstance(verdi, dict):
                neste.append(verdi)
            elif isinstance(verdi, list):
                neste += [v for v in verdi if isinstance(v, dict)]
        nivaa = neste
    return len(nivaa)


class _Bygger:
    """Turns parsed TOML into a Skjemadefinisjon, checking every value and reference."""

    def __init__(self, data: dict[str, Any], sti: Path, tekst: str) -> None:
        self.data = data
        self.sti = sti
        self.linjer = tekst.split("\n")
        self.antall: dict[str, int] = {}  # tables of each section read so far
        self.palitelig: dict[str, bool] = {}  # sections whose headers match the tables
        self.steder: dict[str, int] = {}  # lines for Skjemadefinisjon.linjer
        self.lister: dict[str, tuple[str, ...]] = {}
        self.deler: list[Del] = []
        self.felt_tabell: dict[str, _Tabell] = {}  # field and table keys, with their table

    # -- lines and messages -------------------------------------------------------------

    def tell(self, seksjon: str) -> int:
        nummer = self.antall.get(seksjon, 0)
        self.antall[seksjon] = nummer + 1
        return nummer

    def linje(self, seksjon: str, key: str, nummer: int) -> int | None:
        if seksjon and seksjon not in self.palitelig:
            # The headers name the tables only when each is written as a header of its own
            # (not inline, as felt = [{ … }]).
            self.palitelig[seksjon] = antall_hoder(self.linjer, seksjon) == _antall(
                self.data, seksjon.split(".")
            )
        if seksjon and not self.palitelig[seksjon]:
            return None
        return finn_linje(self.linjer, seksjon, key, nummer)

    def feil(self, melding: str, linje: int | None = None) -> DefinisjonError:
        return DefinisjonError(f"Skjemadefinisjonen «{vist_sti(self.sti)}»{hvor(linje)}: {melding}")

    # -- the whole definition --------------------------------------------------------------

    def bygg(self) -> Skjemadefinisjon:
        topp = _Tabell(self, self.data, "", "")
        topp.ukjente(_TOPP)
        hode = topp.tabell("skjema")
        if hode is None:
            raise self.feil(
                "mangler [skjema] med id, versjon og tittel øverst (se docs/arkitektur.md)."
            )
        hode.ukjente(_SKJEMA)
        skjema_id = hode.krevd("id")
        if not _ID.fullmatch(skjema_id) or len(skjema_id) > 100:
            raise hode.feil(
                f"id = {_vis(skjema_id)}: id-en skal være bokstaver a–z, tall, - og _, uten "
                'mellomrom, for eksempel id = "samtale-etter-fravaer". Den står i hvert '
                "utfylte skjema og endres aldri.",
                "id",
            )
        if "versjon" not in hode.data:
            raise hode.feil("mangler versjon = 1 (et helt tall, høyere for hver ny versjon).")
        versjon = hode.heltall("versjon", 1, 1, MAKS_VERSJON)
        assert versjon is not None
        for key in ("id", "versjon", "standard"):
            if (linje := hode.linje(key)) is not None:
                self.steder[f"skjema.{key}"] = linje
        tittel = hode.krevd("tittel")
        kort_tittel = hode.tekst("kort_tittel", tittel) or tittel
        beskrivelse = hode.tekst("beskrivelse")
        standard = hode.sann("standard")
        dato_navn = hode.tekst("dato_navn", "skjemadatoen") or "skjemadatoen"
        blankt = self._blankt(hode)
        self.lister = self._valglister(topp.tabell("valg"))
        for d in topp.tabeller("del", "en del"):
            self.deler.append(self._del(d))
        if not self.deler:
            raise self.feil("den har ingen deler ([[del]]).")
        self._sjekk_reserverte()
        navn_felt = self._skjemafelt(hode, "navn_felt", ("tekst",))
        dato_felt = self._skjemafelt(hode, "dato_felt", ("dato",))
        regler = tuple(
            self._regel(r, nr) for nr, r in enumerate(topp.tabeller("regel", "en regel"), start=1)
        )
        dokumenter = self._dokumenter(topp.tabeller("dokument", "et dokument"))
        avledninger = tuple(
            self._avledning(a, nr)
            for nr, a in enumerate(topp.tabeller("avledning", "en avledning"), start=1)
        )
        veiledning = topp.tabell("veiledning")
        innledning, seksjoner = self._veiledning(veiledning)
        return Skjemadefinisjon(
            id=skjema_id,
            versjon=versjon,
            tittel=tittel,
            kort_tittel=kort_tittel,
            beskrivelse=beskrivelse,
            standard=standard,
            navn_felt=navn_felt,
            dato_felt=dato_felt,
            dato_navn=dato_navn,
            deler=tuple(self.deler),
            valglister=self.lister,
            kilde=self.sti,
            dokumenter=dokumenter,
            regler=regler,
            avledninger=avledninger,
            veiledning_innledning=innledning,
            blankt=blankt,
            veiledning=seksjoner,
            linjer=MappingProxyType(dict(self.steder)),
        )

    def _skjemafelt(self, hode: _Tabell, key: str, typer: tuple[str, ...]) -> str | None:
        navn = hode.valgfri(key)
        if navn is None:
            return None
        felt = next((f for d in self.deler for f in d.felter if f.key == navn), None)
        if felt is None:
            kjente = [f.key for d in self.deler for f in d.felter]
            raise hode.feil(f"{key} = «{navn}», men feltet finnes ikke.{_mente(navn, kjente)}", key)
        if felt.type not in typer:
            raise hode.feil(
                f"{key} = «{navn}» skal være et felt av typen {' eller '.join(typer)}, ikke "
                f"{felt.type}.",
                key,
            )
        return navn

    def _blankt(self, hode: _Tabell) -> str:
        navn = hode.tekst("blankt")
        if navn and (
            _ULOVLIG_FILNAVN.search(navn)
            or not navn.lower().endswith(".xlsx")
            or not navn[: -len(".xlsx")].strip(" .")
        ):
            raise hode.feil(
                f"blankt = «{navn}». Det er filnavnet skjemaverk nytt gir det blanke skjemaet, "
                'uten mappe, og det slutter på .xlsx: ikke / \\ : * ? " < > |. Skriv for '
                'eksempel blankt = "samtaleskjema.xlsx".',
                "blankt",
            )
        return navn

    # -- choice lists ------------------------------------------------------------------------

    def _valglister(self, valg: _Tabell | None) -> dict[str, tuple[str, ...]]:
        if valg is None:
            return {}
        lister = {}
        for navn in valg.data:
            liste = valg.liste(navn, f'{navn} = ["Ja", "Nei", "Vet ikke"]')
            assert liste is not None
            lister[navn] = self._valgene(valg, navn, liste)
        return lister

    def _valgene(self, t: _Tabell, key: str, liste: tuple[str, ...]) -> tuple[str, ...]:
        if not liste:
            raise t.feil(f"{key} er en tom liste; skriv valgene i den.", key)
        sett: set[str] = set()
        for valg in liste:
            if not valg.strip():
                raise t.feil(f"{key} har et tomt valg.", key)
            if " ".join(valg.split()).casefold() in sett:
                raise t.feil(f"{key} har valget «{valg}» to ganger.", key)
            sett.add(" ".join(valg.split()).casefold())
        return liste

    def _valg(self, t: _Tabell, key: str) -> tuple[tuple[str, ...], str | None]:
        """A field's `valg` or `forslag`: a list of its own, or the name of one under [valg]."""
        if key not in t.data:
            return (), None
        verdi = t.data[key]
        if isinstance(verdi, str):
            if verdi not in self.lister:
                kjente = ", ".join(self.lister) or "ingen"
                raise t.feil(
                    f"{key} = «{verdi}»: valglisten finnes ikke under [valg]."
                    f"{_mente(verdi, self.lister)} Listene der er: {kjente}. Eller skriv "
                    f'valgene rett inn: {key} = ["…", "…"].',
                    key,
                )
            return self.lister[verdi], verdi
        liste = t.liste(key, f'{key} = ["Ja", "Nei"], eller navnet på en liste under [valg]')
        assert liste is not None
        return self._valgene(t, key, liste), None

    # -- parts, fields and tables -------------------------------------------------------------

    def _del(self, d: _Tabell) -> Del:
        d.ukjente(_DEL)
        key = d.nokkel()
        d.navn = f"delen «{key}»"
        if any(x.key == key for x in self.deler):
            raise d.feil("det er to deler med denne nøkkelen.", "key")
        ark = d.krevd("ark")
        grunn = (
            "arknavnet er lengre enn 31 tegn"
            if len(ark) > 31
            else "Excel tillater ikke [ ] : * ? / \\ i et arknavn"
            if _ULOVLIG_ARK.search(ark)
            else "et arknavn kan ikke begynne eller slutte med '"
            if ark.startswith("'") or ark.endswith("'")
            else f"arkene «{VEILEDNING}» og «{LISTER}» lager Skjemaverk selv"
            if ark.casefold() in (VEILEDNING.casefold(), LISTER.casefold())
            else "«History» er et reservert arknavn i Excel"
            if ark.casefold() == "history"
            else "en annen del har samme arknavn (store og små bokstaver regnes som like)"
            if any(x.ark.casefold() == ark.casefold() for x in self.deler)
            else ""
        )
        if grunn:
            raise d.feil(f"ark = «{ark}» kan ikke brukes: {grunn}.", "ark")
        felter = tuple(self._felt(f, None) for f in d.tabeller("felt", f"et felt i delen «{key}»"))
        tabeller = tuple(
            self._tabell(t) for t in d.tabeller("tabell", f"en tabell i delen «{key}»")
        )
        return Del(
            key=key,
            ark=ark,
            tittel=d.krevd("tittel"),
            innledning=d.tekst("innledning"),
            felter=felter,
            tabeller=tabeller,
        )

    def _ny_nokkel(self, t: _Tabell, key: str) -> None:
        """Refuse a field or table key that is taken, or that Excel or a template cannot use."""
        if key in self.felt_tabell:
            annen = self.felt_tabell[key].linje()
            der = f" (også på linje {annen})" if annen else ""
            raise t.feil(f"nøkkelen «{key}» er brukt to ganger{der}.", "key")
        if key in ARBEIDSBOKNAVN or key in KONTEKSTNOKLER:
            raise t.feil(
                f"nøkkelen «{key}» er reservert: Skjemaverk bruker navnet selv (i malene eller i "
                "arbeidsboken). Gi feltet en annen nøkkel.",
                "key",
            )
        if ligner_celle(key):
            raise t.feil(
                f"nøkkelen «{key}» kan ikke brukes som navn i Excel fordi den ligner en "
                "cellereferanse. Gi feltet en annen nøkkel, for eksempel med et ord foran.",
                "key",
            )
        self.felt_tabell[key] = t

    def _felt(self, f: _Tabell, tabell: str | None) -> Felt:
        f.ukjente(_FELT)
        key = f.nokkel()
        f.navn = f"kolonnen «{key}» i tabellen «{tabell}»" if tabell else f"feltet «{key}»"
        if tabell is None:
            self._ny_nokkel(f, key)
        type_ = f.tekst("type", "tekst")
        if type_ not in TYPER:
            raise f.feil(f"type = «{type_}» finnes ikke; bruk en av {', '.join(TYPER)}.", "type")
        valg, valg_navn = self._valg(f, "valg")
        forslag, forslag_navn = self._valg(f, "forslag")
        if type_ == "valg" and not valg:
            raise f.feil(
                'er et valgfelt (type = "valg") uten valg: skriv valg = ["…", "…"] eller navnet '
                "på en liste under [valg].",
                "valg",
            )
        if valg and type_ != "valg":
            raise f.feil(
                f'valg gjelder bare type = "valg" (dette er {type_}). En nedtrekksliste som også '
                "tar imot annen tekst, skrives forslag = [...].",
                "valg",
            )
        if forslag and type_ not in ("tekst", "langtekst"):
            raise f.feil("forslag gjelder bare tekst og langtekst.", "forslag")
        if type_ == "janei":
            valg, valg_navn = JANEI, "janei"
        maks_lengde = f.heltall("maks_lengde", None, 1, MAKS_TEGN)
        if maks_lengde is not None and type_ not in ("tekst", "langtekst"):
            raise f.feil("maks_lengde gjelder bare tekst og langtekst.", "maks_lengde")
        minst = f.heltall("min", None)
        maks = f.heltall("maks", None)
        if (minst is not None or maks is not None) and type_ != "heltall":
            raise f.feil(
                "min og maks gjelder bare heltall.", "min" if minst is not None else "maks"
            )
        if minst is not None and maks is not None and minst > maks:
            raise f.feil(f"min = {minst} er større enn maks = {maks}.", "min")
        etikett = f.krevd("etikett")
        # Excel holds this much in a cell, and in the header of a table column.
        lengst = 255 if tabell else MAKS_TEGN
        if len(etikett) > lengst:
            raise f.feil(f"etiketten er {len(etikett)} tegn; Excel tar høyst {lengst}.", "etikett")
        anonym = f.valgfri("anonym")
        if anonym is not None and anonym not in ANONYM:
            raise f.feil(f"anonym = «{anonym}»; bruk en av {', '.join(ANONYM)}.", "anonym")
        return Felt(
            key=key,
            etikett=etikett,
            type=type_,
            hjelp=f.tekst("hjelp"),
            pakrevd=f.sann("pakrevd"),
            valg=valg,
            forslag=forslag,
            valg_navn=valg_navn,
            forslag_navn=forslag_navn,
            maks_lengde=maks_lengde,
            min=minst,
            maks=maks,
            bredde=f.heltall("bredde", None, 1, 255),
            tidligere=self._tidligere(f),
            anonym=anonym,
            rolle=f.valgfri("rolle"),
            forslag_fra=self._forslag_fra(f),
        )

    def _tidligere(self, t: _Tabell) -> tuple[str, ...]:
        tidligere = t.liste("tidligere", 'tidligere = ["gammel_nokkel"]') or ()
        for key in tidligere:
            if not _KEY.fullmatch(key):
                raise t.feil(f"tidligere har «{key}», som ikke er en nøkkel.", "tidligere")
        return tidligere

    def _forslag_fra(self, f: _Tabell) -> str | None:
        kilde = f.valgfri("forslag_fra")
        if kilde is None:
            return None
        tabell, _, kolonne = kilde.partition(".")
        tidligere = [t for d in self.deler for t in d.tabeller]
        if not any(
            t.key == tabell and any(k.key == kolonne for k in t.kolonner) for t in tidligere
        ):
            raise f.feil(
                f"forslag_fra = «{kilde}»; det skal være tabell.kolonne i en tabell i en del "
                "som står før denne.",
                "forslag_fra",
            )
        return kilde

    def _tabell(self, t: _Tabell) -> Tabell:
        t.ukjente(_TABELL)
        key = t.nokkel()
        t.navn = f"tabellen «{key}»"
        self._ny_nokkel(t, key)
        kolonner: list[Felt] = []
        for k in t.tabeller("kolonne", f"en kolonne i tabellen «{key}»"):
            kolonne = self._felt(k, key)
            if any(x.key == kolonne.key for x in kolonner):
                raise k.feil("tabellen har to kolonner med denne nøkkelen.", "key")
            if any(x.etikett.casefold() == kolonne.etikett.casefold() for x in kolonner):
                raise k.feil(
                    "tabellen har to kolonner med samme etikett; Excel krever ulike overskrifter.",
                    "etikett",
                )
            kolonner.append(kolonne)
        if not kolonner:
            raise t.feil("tabellen har ingen kolonner ([[del.tabell.kolonne]]).")
        return Tabell(
            key=key,
            etikett=t.krevd("etikett"),
            hjelp=t.tekst("hjelp"),
            rader=t.heltall("rader", 20, 1, MAKS_TABELLRADER) or 20,
            kolonner=tuple(kolonner),
            tidligere=self._tidligere(t),
        )

    def _sjekk_reserverte(self) -> None:
        for del_ in self.deler:
            key = f"vis_{del_.key}"
            if key in self.felt_tabell:
                raise self.felt_tabell[key].feil(
                    f"nøkkelen «{key}» er reservert: malene får {key} (om delen «{del_.key}» har "
                    "innhold). Gi feltet en annen nøkkel.",
                    "key",
                )

    # -- references ---------------------------------------------------------------------------

    def _felt_eller_tabell(self, key: str) -> Felt | Tabell | None:
        for d in self.deler:
            funnet = next((f for f in d.felter if f.key == key), None) or next(
                (t for t in d.tabeller if t.key == key), None
            )
            if funnet is not None:
                return funnet
        return None

    def _sti(self, t: _Tabell, key: str, dato: bool = False, idag: bool = False) -> Sti | None:
        """A field (`key`) or a column (`tabell.kolonne`) the rule or document names; with
        `idag`, also today's date (`idag`)."""
        tekst = t.valgfri(key)
        if tekst is None:
            return None
        if tekst == IDAG and idag:
            return Sti(None, IDAG)
        tabell, punktum, kolonne = tekst.partition(".")
        if punktum:
            funnet = self._felt_eller_tabell(tabell)
            if not isinstance(funnet, Tabell):
                raise t.feil(f"{key} = «{tekst}», men tabellen «{tabell}» finnes ikke.", key)
            felt = next((k for k in funnet.kolonner if k.key == kolonne), None)
            if felt is None:
                kjente = [k.key for k in funnet.kolonner]
                raise t.feil(
                    f"{key} = «{tekst}», men tabellen «{tabell}» har ikke kolonnen «{kolonne}»."
                    f"{_mente(kolonne, kjente)} Kolonnene er: {', '.join(kjente)}.",
                    key,
                )
            sti = Sti(tabell, kolonne)
        else:
            funnet = self._felt_eller_tabell(tekst)
            if isinstance(funnet, Tabell):
                raise t.feil(
                    f"{key} = «{tekst}» er en tabell; skriv tabell.kolonne, for eksempel "
                    f"{tekst}.{funnet.kolonner[0].key}.",
                    key,
                )
            if funnet is None:
                kjente = [f.key for d in self.deler for f in d.felter]
                raise t.feil(
                    f"{key} = «{tekst}», men feltet finnes ikke.{_mente(tekst, kjente)}", key
                )
            felt = funnet
            sti = Sti(None, tekst)
        if dato and felt.type != "dato":
            raise t.feil(f'{key} = «{tekst}» er ikke et datofelt (type = "dato").', key)
        return sti

    def _felt_for(self, sti: Sti) -> Felt:
        funnet = self._felt_eller_tabell(sti.tabell or sti.key)
        if isinstance(funnet, Tabell):
            return next(k for k in funnet.kolonner if k.key == sti.key)
        assert funnet is not None
        return funnet

    # -- rules --------------------------------------------------------------------------------

    def _regel(self, r: _Tabell, nr: int) -> Regel:
        r.navn = f"regel {nr}"
        type_ = r.krevd("type")
        if type_ not in REGELTYPER:
            raise r.feil(
                f"regelen «{type_}» finnes ikke.{_mente(type_, REGELTYPER)} Reglene er: "
                f"{', '.join(REGELTYPER)}.",
                "type",
            )
        r.navn = f"regel {nr} ({type_})"
        r.ukjente(("type", "alvor", "melding", *REGELNOKLER[type_]))
        alvor = r.tekst("alvor", "advarsel")
        if alvor not in ALVOR:
            raise r.feil(f"alvor = «{alvor}»; bruk «feil» eller «advarsel».", "alvor")
        melding = r.krevd("melding")
        lov = PLASSHOLDERE[type_]
        for m in _PLASSHOLDER.finditer(melding):
            if m.group(1) not in lov:
                kan = (
                    f"kan bruke {', '.join('{' + p + '}' for p in lov)}"
                    if lov
                    else "kan ikke bruke noen plassholdere"
                )
                raise r.feil(
                    f"meldingen har «{m.group(0)}», men en melding i en {type_}-regel {kan}.",
                    "melding",
                )
        rest = _PLASSHOLDER.sub("", melding)
        if "{" in rest or "}" in rest:
            raise r.feil(
                "meldingen har en { eller } uten sin make; en plassholder skrives {felt}.",
                "melding",
            )
        datoer = type_ in ("rekkefolge", "avstand", "skoledag")
        felt = self._sti(r, "felt", dato=datoer, idag=datoer)
        for_ = self._sti(r, "for", dato=datoer, idag=datoer)
        hvis = self._sti(r, "hvis")
        da = self._sti(r, "da")
        er = r.valgfri("er")
        tabell = r.valgfri("tabell")
        if tabell is not None and not isinstance(self._felt_eller_tabell(tabell), Tabell):
            raise r.feil(f"tabell = «{tabell}», men tabellen finnes ikke.", "tabell")
        hvor_ = r.ordbok("hvor", 'hvor = { omfang = "Hel dag" }')
        kolonner = r.liste("kolonner", 'kolonner = ["dato", "omfang"]') or ()
        for kolonne in [*kolonner, *hvor_]:
            self._sti_i_regel(r, tabell, kolonne, "kolonner" if kolonne in kolonner else "hvor")
        for kolonne, verdi in hvor_.items():
            assert tabell is not None
            self._sjekk_valg(r, "hvor", self._felt_for(Sti(tabell, kolonne)), verdi)
        trengs: dict[str, list[tuple[str, object]]] = {
            "rekkefolge": [("felt", felt), ("for", for_)],
            "avstand": [("felt", felt), ("for", for_), ("maks_dager", r.data.get("maks_dager"))],
            "fylt": [("felt", felt)],
            "skoledag": [("felt", felt)],
            "hvis": [("hvis", hvis), ("da", da)],
            "rader": [("tabell", tabell)],
            "unik": [("tabell", tabell), ("kolonner", kolonner or None)],
        }
        borte = [navn for navn, verdi in trengs[type_] if verdi is None]
        if borte:
            raise r.feil(f"mangler {' og '.join(borte)}.")
        if hvis is not None and da is not None and hvis.tabell != da.tabell:
            raise r.feil("«hvis» og «da» må være i samme tabell, eller begge være felter.")
        if hvis is not None and er is not None:
            self._sjekk_valg(r, "er", self._felt_for(hvis), er)
        sted = r.tekst("sted", "etter")
        if sted not in ("etter", "for"):
            raise r.feil(f"sted = «{sted}»; bruk «etter» eller «for».", "sted")
        return Regel(
            type=type_,
            alvor=alvor,
            melding=melding,
            felt=felt,
            for_=for_,
            sted=sted,
            maks_dager=r.heltall("maks_dager", None, 0),
            hvis=hvis,
            er=er,
            da=da,
            da_tom=r.sann("da_tom"),
            tabell=tabell,
            hvor=tuple(hvor_.items()),
            kolonner=kolonner,
            min=r.heltall("min", 1, 1, MAKS_TABELLRADER) or 1,
        )

    def _sti_i_regel(self, r: _Tabell, tabell: str | None, kolonne: str, key: str) -> None:
        if tabell is None:
            raise r.feil(f'{key} trenger tabell = "…".', key)
        funnet = self._felt_eller_tabell(tabell)
        assert isinstance(funnet, Tabell)
        kjente = [k.key for k in funnet.kolonner]
        if kolonne not in kjente:
            raise r.feil(
                f"{key} viser til kolonnen «{kolonne}», som tabellen «{tabell}» ikke har."
                f"{_mente(kolonne, kjente)} Kolonnene er: {', '.join(kjente)}.",
                key,
            )

    def _sjekk_valg(self, r: _Tabell, key: str, felt: Felt, verdi: str) -> None:
        """A value a rule compares a choice field with must be one of its choices."""
        if felt.type not in ("valg", "janei"):
            return
        if " ".join(verdi.split()).casefold() not in {v.casefold() for v in felt.valg}:
            raise r.feil(
                f"{key} har «{verdi}», som ikke er et av valgene i «{felt.key}»: "
                f"{', '.join(felt.valg)}.",
                key,
            )

    # -- documents, derivations and the guidance sheet ----------------------------------

    def _dokumenter(self, tabeller: list[_Tabell]) -> tuple[Dokument, ...]:
        dokumenter: list[Dokument] = []
        for d in tabeller:
            dok = self._dokument(d)
            if any(x.key == dok.key for x in dokumenter):
                raise d.feil("det er to dokumenter med denne nøkkelen.", "key")
            dokumenter.append(dok)
        if not dokumenter:
            raise self.feil(
                "den har ingen dokumenter. Skriv minst ett: [[dokument]] med key og tittel "
                "(uten mal lages et enkelt dokument fra definisjonen)."
            )
        return tuple(dokumenter)

    def _dokument(self, d: _Tabell) -> Dokument:
        d.ukjente(_DOKUMENT)
        key = d.nokkel()
        d.navn = f"dokumentet «{key}»"
        tittel = d.krevd("tittel")
        filnavn = d.tekst("filnavn", key)
        if _ULOVLIG_FILNAVN.search(filnavn) or not filnavn.strip(" ."):
            raise d.feil(
                f"filnavn = «{filnavn}». Filnavnet er bare navnet på dokumentet, uten mappe: "
                'ikke / \\ : * ? " < > | og ikke bare punktum. Dokumentene skrives alltid i '
                f'mappen du velger (--ut). Skriv for eksempel filnavn = "{key}".',
                "filnavn",
            )
        mal = d.valgfri("mal")
        if mal is not None:
            deler = mal.split("/")
            if (
                not mal.lower().endswith(".docx")
                or "\\" in mal
                or ":" in mal
                or any(del_ in ("", ".", "..") for del_ in deler)
            ):
                raise d.feil(
                    f"mal = «{mal}». Malen er en Word-fil (.docx) i samme mappe som "
                    "skjemadefinisjonen (eller i en mappe under den): skriv navnet uten .., uten "
                    f'stasjon og uten / eller \\ først, for eksempel mal = "{key}.docx".',
                    "mal",
                )
            if (linje := d.linje("mal")) is not None:
                self.steder[f"dokument.{key}.mal"] = linje
        delkeys = [x.key for x in self.deler]
        if d.data.get("deler") == "alle":
            deler_: tuple[str, ...] | None = None
        else:
            deler_ = d.liste("deler", 'deler = ["plan"] (eller deler = "alle")')
            for del_ in deler_ or ():
                if del_ not in delkeys:
                    raise d.feil(
                        f"deler har «{del_}», som ikke er en del.{_mente(del_, delkeys)} Delene "
                        f"er: {', '.join(delkeys)}.",
                        "deler",
                    )
        bare_med = d.valgfri("bare_med")
        if bare_med is not None and self._felt_eller_tabell(bare_med) is None:
            raise d.feil(
                f"bare_med = «{bare_med}», men det er verken et felt eller en tabell."
                f"{_mente(bare_med, self.felt_tabell)}",
                "bare_med",
            )
        return Dokument(
            key=key,
            tittel=tittel,
            filnavn=filnavn,
            vedlegg=d.tekst("vedlegg", tittel) or tittel,
            mal=mal,
            undertittel=d.tekst("undertittel"),
            deler=deler_,
            underskrifter=d.liste("underskrifter", 'underskrifter = ["Kontaktlærer"]') or (),
            bare_med=bare_med,
            filnavn_dato=self._sti(d, "filnavn_dato", dato=True),
        )

    def _avledning(self, a: _Tabell, nr: int) -> Avledning:
        a.navn = f"avledning {nr}"
        type_ = a.krevd("type")
        navn = a.tekst("navn", type_)
        if not _KEY.fullmatch(navn):
            raise a.feil(
                f"navn = {_vis(navn)}: navnet skal være små bokstaver a–z, tall og _ (det "
                "er navnet i malene).",
                "navn",
            )
        oppsett = {k: v for k, v in a.data.items() if k not in ("type", "navn")}
        return Avledning(type=type_, navn=navn, oppsett=MappingProxyType(oppsett), linje=a.linje())

    def _veiledning(self, v: _Tabell | None) -> tuple[str, tuple[Seksjon, ...]]:
        if v is None:
            return "", ()
        v.ukjente(_VEILEDNING)
        seksjoner = []
        for s in v.tabeller("seksjon", "en seksjon i veiledningen"):
            s.ukjente(_SEKSJON)
            s.navn = "en seksjon i veiledningen"
            par: list[tuple[str, str]] = []
            verdi = s.data.get("par", [])
            if not isinstance(verdi, list) or not all(
                isinstance(p, list) and len(p) == 2 and all(isinstance(x, str) for x in p)
                for p in verdi
            ):
                raise s.feil(
                    'par skal være en liste med par av tekster: par = [["Ord", "Forklaring"]].',
                    "par",
                )
            par += [(a, b) for a, b in verdi]
            liste = s.valgfri("liste")
            forklaring = s.ordbok("forklaring", 'forklaring = { "Ja" = "…" }')
            if liste is not None:
                if liste not in self.lister:
                    raise s.feil(
                        f"liste = «{liste}», men valglisten finnes ikke under [valg].", "liste"
                    )
                for navn in forklaring:
                    if navn not in self.lister[liste]:
                        raise s.feil(
                            f"forklaring har «{navn}», som ikke er et valg i listen «{liste}».",
                            "forklaring",
                        )
                par += [(valg, forklaring.get(valg, "")) for valg in self.lister[liste]]
            elif forklaring:
                raise s.feil('forklaring hører til en liste: skriv liste = "…".', "forklaring")
            seksjoner.append(
                Seksjon(
                    tittel=s.krevd("tittel"),
                    avsnitt=s.liste("avsnitt", 'avsnitt = ["…"]') or (),
                    punkter=s.liste("punkter", 'punkter = ["…"]') or (),
                    par=tuple(par),
                )
            )
        return v.tekst("innledning"), tuple(seksjoner)
