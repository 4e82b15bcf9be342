"""The anonymised copy of a form, for anonymous consultation (anonym drøfting) with PPT, BUP …

`anonymiser` returns the form with every person and the school replaced by a
role or a neutral name, consistently in every field and table cell, free text
included, and every identifier that is not a name (phone numbers,
fødselsnummer, e-mail, links, handles, postcodes, addresses, dates written in
text) replaced by a marker. The dates of the form stay as they are: the
copy's `Visning` writes each as its distance from the form's date, and the
figures are computed once from the real form, so every count, percentage,
pattern and warning in the copy equals the named report's. The `Sjekker` is
the last guard over the finished files (`toolkit.dele`).

Choices, so that the copy still reads naturally in Norwegian:
- The pupil becomes "eleven" ("Eleven" at the start of a sentence), so the plan
  is titled "Elevens plan for å komme tilbake til skolen" and "Amins" becomes
  "elevens". The school becomes "skolen", the class is left out (and is
  "klassen" where free text names it: "går i 9C" → "går i klassen").
- Adults become their role in definite form: "kontaktlæreren",
  "miljøarbeideren", "rektor"; parents become the role written with them in
  `foresatte` ("mor", "far"; "mamma" and "pappa" are written "mor" and "far"
  everywhere), else "foresatt 1", "foresatt 2". A line such as "Hanne Berg,
  kontaktlærer" becomes "Kontaktlærer". Teachers in the absence list become
  "Lærer 1", "Lærer 2" (the pattern per teacher survives); other names, such
  as a friend named in free text, become "Person A", "Person B". One person
  has one pseudonym: "Lars" alone is the teacher "Lars Berg".
- Only the name is replaced, never the words around it: "Kjøre Sara til
  skolen" → "Kjøre eleven til skolen", "Søsteren Nora" → "Søsteren Person A",
  "familien Nilsen" → "familien til eleven". A name that is also a word
  ("Per", "Sand") is replaced where it is used as a name, and the final check
  reads it the same way (`bruk`). A pronoun ("Hun", "Dette") is never a name.
  A place the list knows ("Tromsø") stays; an unknown one after "i", "på" or
  "fra", after an area or a service ("bydel Vestre Aker", "BUP Sanderud"),
  becomes "[sted]", a place of several words as a whole ("fra Mo i Rana" →
  "fra [sted]").
- Inside a sentence the pupil's role is written in lower case ("Dette sier
  eleven"; the derivations do it, `toolkit.avledning.enkle`).

Every text of the form is first read as a reader sees it (`tegn.normaliser`:
a no-break space is a space, a soft hyphen or a zero-width space nothing), and
the final check reads the Word document and the PDF the same way.

The modules: `tegn` (the one normalisation of a text, and the letters of every
alphabet), `ordlister` (the word lists in `data/`), `detektorer` (identifiers
that are not names), `bruk` (whether a name that is also a word is used as a
name), `ordfinner` (one automaton for many names), `navn` (who is named, and
how names in free text are found), `erstatt` (replacing), `sjekk` (the final
check of Word and PDF).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, replace
from datetime import date, datetime

from toolkit.anonym.erstatt import Anonymiserer
from toolkit.anonym.navn import ELEV, SKOLE, Navneliste, initialer, samle_navn
from toolkit.anonym.navn import tekst as _tekst
from toolkit.anonym.ordfinner import Regel
from toolkit.anonym.sjekk import Lekkasje, Sjekker
from toolkit.anonym.tegn import normaliser
from toolkit.definisjon import Skjemadefinisjon
from toolkit.modell import Skjemadata, Verdi
from toolkit.tekst import stor_forbokstav
from toolkit.visning import Visning

__all__ = [
    "TIDSPUNKT",
    "Anonymisert",
    "Lekkasje",
    "Sjekker",
    "anonymiser",
    "forbudte_verdier",
]

# The one time stamp of every anonymised copy: its document properties, zip
# entries and PDF metadata. Nothing in the copy tells when it was made.
TIDSPUNKT = datetime(2000, 1, 1)

_ROLLELINJER = ("foresatte", "personlinjer")  # a line "Name, role" becomes "Role"
_STOR = ("person", "personlinjer")  # the value starts with a name: capital letter


@dataclass(frozen=True)
class Anonymisert:
    """A form made anonymous, and what its copy is made and checked with."""

    data: Skjemadata  # names and identifiers replaced; dates as they were
    visning: Visning  # dates relative to the form's date; names as in `data`
    sjekker: Sjekker  # finds what must not be in the finished copy


def _referanse(definisjon: Skjemadefinisjon, data: Skjemadata) -> date | None:
    verdi = data.verdier.get(definisjon.dato_felt) if definisjon.dato_felt else None
    return verdi if isinstance(verdi, date) else None


def _regel(verdi: str) -> Regel:
    return Regel.EKSAKT if initialer(verdi) else Regel.ALLE


def _bytt(a: Anonymiserer, verdi: Verdi, tekstlig: bool, art: str | None, navn: bool) -> Verdi:
    """One value of a field or a table cell, with the treatment its `anonym` marker asks for."""
    if not navn:
        return a.identifikatorer(verdi) if tekstlig and isinstance(verdi, str) else verdi
    if art == "fjern":
        return None
    ny = a.verdi(
        verdi, tekstlig=tekstlig, rollelinjer=art in _ROLLELINJER, navnefelt=art is not None
    )
    if isinstance(ny, str) and ny:
        if art == "elev":
            return stor_forbokstav(ELEV)
        if art == "skole":
            return stor_forbokstav(SKOLE)
        if art in _STOR or art == "roller":
            return stor_forbokstav(ny)
    return ny


def _bytt_tekster(
    definisjon: Skjemadefinisjon, data: Skjemadata, a: Anonymiserer, *, navn: bool
) -> Skjemadata:
    """Return `data` with its identifiers (`navn` False) or its names (`navn` True) replaced.

    A marker means the same on a field and on a table column.
    """
    felter = {f.key: f for f in definisjon.felter}
    verdier: dict[str, Verdi] = {}
    for key, verdi in data.verdier.items():
        f = felter.get(key)
        tekstlig = f.tekstlig if f is not None else isinstance(verdi, str)
        verdier[key] = _bytt(a, verdi, tekstlig, f.anonym if f is not None else None, navn)

    tabeller: dict[str, list[dict[str, Verdi]]] = {}
    for tkey, rader in data.tabeller.items():
        try:
            kolonner = {k.key: k for k in definisjon.tabell(tkey).kolonner}
        except KeyError:
            kolonner = {}
        nye = []
        for rad in rader:
            ny_rad: dict[str, Verdi] = {}
            for key, verdi in rad.items():
                k = kolonner.get(key)
                tekstlig = k.tekstlig if k is not None else isinstance(verdi, str)
                ny_rad[key] = _bytt(a, verdi, tekstlig, k.anonym if k is not None else None, navn)
            nye.append(ny_rad)
        tabeller[tkey] = nye
    return Skjemadata(
        verdier=verdier,
        tabeller=tabeller,
        funn=[],
        celler=dict(data.celler),
        skjema_id=data.skjema_id,
        skjema_versjon=data.skjema_versjon,
        definisjon=data.definisjon,
    )


def _normalisert(data: Skjemadata) -> Skjemadata:
    """Return `data` with every text as a reader sees it (`tegn.normaliser`)."""

    def ren(verdi: Verdi) -> Verdi:
        return normaliser(verdi) if isinstance(verdi, str) else verdi

    return replace(
        data,
        verdier={k: ren(v) for k, v in data.verdier.items()},
        tabeller={
            t: [{k: ren(v) for k, v in rad.items()} for rad in r] for t, r in data.tabeller.items()
        },
    )


def _forbudte(
    definisjon: Skjemadefinisjon, data: Skjemadata, liste: Navneliste, ekstra: Iterable[str]
) -> dict[str, Regel]:
    forbudte = liste.regler()
    for sammensatt in liste.sammensatte():  # "Aminsaken"
        forbudte.setdefault(sammensatt, Regel.ALLE)
    for f in definisjon.felter:
        fjernet = _tekst(data, f.key).strip() if f.anonym == "fjern" else ""
        if fjernet:
            forbudte.setdefault(fjernet, _regel(fjernet))
    for verdi in ekstra:
        verdi = normaliser(verdi or "").strip()
        if verdi:
            forbudte.setdefault(verdi, _regel(verdi))
    return forbudte


def anonymiser(
    definisjon: Skjemadefinisjon, data: Skjemadata, *, forbudte: Iterable[str] = ()
) -> Anonymisert:
    """Return the form `data` made anonymous, with the copy's `Visning` and `Sjekker`.

    `forbudte` are further values the copy must not hold (the school's name in
    the settings, say). `data` is not changed; the findings are not copied,
    since they quote the original values.
    """
    referanse = _referanse(definisjon, data)
    visning = Visning(referanse, relativ=True, hendelse=definisjon.dato_navn)
    # 0. Every text as a reader sees it: a no-break space is a space, a soft hyphen nothing.
    data = _normalisert(data)
    # 1. Identifiers first, so an e-mail address is replaced whole, names and all.
    uten_id = _bytt_tekster(definisjon, data, Anonymiserer(Navneliste(), visning), navn=False)
    # 2. Then the names, found in the text that is left.
    liste = samle_navn(definisjon, uten_id)
    a = Anonymiserer(liste, visning)
    anonym = _bytt_tekster(definisjon, uten_id, a, navn=True)
    sjekker = Sjekker(
        _forbudte(definisjon, data, liste, forbudte), tidspunkt=TIDSPUNKT, referanse=referanse
    )
    return Anonymisert(anonym, replace(visning, navn=a.fullt), sjekker)


def forbudte_verdier(definisjon: Skjemadefinisjon, data: Skjemadata) -> list[str]:
    """Return the names and values an anonymised copy of `data` must not hold, longest first.

    The names of the pupil, the parents, the staff and others named in the
    form (full names, each word alone, and each part of a hyphenated or
    apostrophed word of three letters or more: "Anne-Lise", "Anne", "Lise",
    "O'Neill", "Neill"), the school, the class and the teachers in the absence
    list. Identifiers that are not names (phone numbers, dates …) are found
    by their patterns instead (`toolkit.anonym.detektorer`).
    """
    return anonymiser(definisjon, data).sjekker.forbudte
