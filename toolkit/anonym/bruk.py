"""Whether a word is used as a name where it stands: the rules the replacer and the check share.

Many names are also words: "Per" (per uke), "Liv" (liv og røre), "Sand" (sand
i skoene), "Berg". Such a word counts as a name only where it is used as one
(`brukt_som_navn`). Written in lower case it is the word. With a capital
letter it is a name

- in the middle of a sentence, after a word, a number or a comma ("… med Per
  i går", "Kari og Per", "Tante Liv");
- in genitive followed by what it owns ("Pers sykkel");
- followed by a word with a capital letter ("Per Olsen", "Lise Lærer"), by
  "og" and a name ("Per og Kari"), or by a verb ("Per sier", "Liv hilser",
  "Tor ringte": a verb of `ordlister.subjektverb`, or a word with a verb's
  ending, -er, -ar, -te, -et, -de …), or by where the person is from ("Per
  fra PPT", "Liv hos BUP"; "per fra 1. mai" is the word);
- when nothing follows it but the end of the text or of the sentence
  ("Ansvarlig: Per.", a table cell that holds only "Per").

First in a sentence (after a line break, . ! ? a quotation mark, a colon or
a tab), only what follows decides: "Per uke er hun borte", "Sand i skoene er
ekkelt" and "Liv og helse" are the words. A month that is a name too ("Mai",
"Juni", "August") is the month there when its sentence speaks of a month
("Mai var måneden da det snudde") or a verb and a subject follow it ("Mai kom
han hver dag"); "Mai ringte" and "Mai sa hun var syk" are the name. What follows is read over line
breaks, so a word that a PDF wraps to the next line is still read as it was
written. In a PDF only what follows is read (`foran` False): a table's cells
share a line there, so the word before may be another cell's.
"""

from __future__ import annotations

import re

from toolkit.anonym import ordlister
from toolkit.anonym.tegn import LITEN, STOR

# Present and past tense: "hilser", "går", "ringte", "hentet", "gjorde".
_VERBENDINGER = ("er", "ar", "ir", "år", "ør", "te", "et", "de")
_ORD_ETTER = re.compile(r"\s*([\w'’-]+)")
# A genitive ending: "Pers", "Per's", "Per’s", "Jonas'".
_GENITIV = re.compile(r"['’][sS]|['’]|[sS]")
_OG_ETTER = re.compile(r"(?:\s*,|\s+og)\s+([\w'’-]+)")
_LISTE_FORAN = re.compile(r"(?:,|\bOG)[ \t]*$")
_FRA_ETTER = re.compile(r"[ \t]+(?:fra|hos|ved)[ \t]+(?!og\b|med\b)[^\W\d_]", re.IGNORECASE)
# Months that are names too, and what makes one the month first in a sentence (`maaned_forst`).
_MAANEDER = frozenset({"mai", "juni", "august"})
_SETNINGEN = re.compile(r"[^.!?\n]*")
_INVERTERT = re.compile(
    r"[ \t]+([\w'’-]+)[ \t]+(?:han|hun|de|vi|jeg|du|det|den|man|dere|ho|dei|me|eg|eleven)\b",
    re.IGNORECASE,
)
_SIER = frozenset(
    {"sa", "sier", "tror", "trodde", "mener", "mente", "synes", "syntes", "forteller", "fortalte"}
)
# What may end a name at the end of a sentence or a text: "… Per.", "(Per)", "«Per»".
_SLUTT = re.compile(r"\s*(?:$|[.!?:;)\]»”\"'’<])")
# After a colon or a dash between spaces, words that go on in lower case are what someone said:
# "Mona: Hun kommer seg ut", "Mor sier - Hun er redd", "Far: Kari Nilsen ringer".
_SAGT = re.compile(rf"[\w'’-]+(?:[ \t]+[{STOR}][\w'’-]*)*[ \t]+[{LITEN}]")


# A short title or abbreviation that a name follows, with its full stop: "Mr. Smith", "dr. Olsen".
_TITTEL = re.compile(r"(?<![\w.])(?i:dr|mr|mrs|ms|hr|frk|prof|m|v)\.$")


def setningsstart(tekst: str, indeks: int) -> bool:
    """Whether `indeks` begins a sentence: the start, a new line, after . ! ? or a quotation.

    After a colon, or a dash between spaces, the word begins what someone said
    when the words after it go on in lower case ("Mona: Hun kommer seg ut",
    "Mor sier - Hun er redd"); a name alone there is a value ("Ansvarlig: Emil").
    """
    return _start(tekst, indeks) is not None


def sagt(tekst: str, indeks: int) -> bool:
    """Whether `indeks` begins what someone said after a colon or a dash ("Mona: Hun …")."""
    return _start(tekst, indeks) == "sagt"


def _start(tekst: str, indeks: int) -> str | None:
    """ "setning" where a sentence begins, "sagt" where speech begins after a colon or dash."""
    i = indeks - 1
    while i >= 0 and tekst[i] in " \t*_":  # spaces, and emphasis as people type it (*Det*)
        i -= 1
    if tekst[i : i + 1] == "." and _TITTEL.search(tekst, max(0, i - 6), i + 1):
        return None  # "Mr. Smith", "dr. Olsen", "snakket m. Tobias": a title, not a sentence
    if i < 0 or tekst[i] in '\n\r.!?«"“':
        return "setning"
    if tekst[i] in "»”’)" and i > 0 and tekst[i - 1] in ".!?":
        return "setning"  # after a quotation that ends a sentence: «… skylda.» Amin sier
    if tekst[i] in "-–•*":  # a bullet at the start of a line
        j = i - 1
        while j >= 0 and tekst[j] in " \t":
            j -= 1
        if j < 0 or tekst[j] in "\n\r":
            return "setning"
        if not (tekst[i] in "-–" and j < i - 1 and i < indeks - 1):
            return None  # "Haugen-Lie", "5-Per": a hyphen inside a word is no dash
    elif tekst[i] != ":":
        return None
    return "sagt" if _SAGT.match(tekst, indeks) is not None else None


def midt_i_setning(tekst: str, indeks: int) -> bool:
    """Whether `indeks` follows a word, a number, a comma or a joining hyphen on its line.

    A word with a capital letter counts too: "Tante Liv", "Kontaktlærer Per".
    A tab, a colon, a bracket or a quotation mark tell nothing.
    """
    i = indeks - 1
    while i >= 0 and tekst[i] == " ":
        i -= 1
    if i < 0:
        return False
    forrige = tekst[i]
    if forrige in ",;&/":
        return True
    if forrige == "-":  # "Haugen-Lie": the second part of a joined name
        return i > 0 and tekst[i - 1].isalpha()
    return forrige.isalnum()


def navneord(ord_: str) -> bool:
    """Whether `ord_` could be a (sur)name: a capital letter, and not a role or small word."""
    return ord_[:1].isupper() and ord_.casefold().strip("'’") not in ordlister.ikke_navn()


def verb(ord_: str) -> bool:
    """Whether `ord_` reads as the verb of a subject: from the list, or a verb's ending."""
    ren = ord_.casefold()
    if ren in ordlister.subjektverb():
        return True
    if not ord_.islower() or len(ren) < 3:
        return False
    if ren in ordlister.setningsord() or ren in ordlister.ikke_navn():
        return False
    return ren.endswith(_VERBENDINGER)


def maaned_forst(tekst: str, start: int, slutt: int) -> bool:
    """Whether a month that is also a name ("Mai", "Juni", "August") is the month there.

    It is when its sentence speaks of a month ("Mai var måneden da det
    snudde"), or when a verb and then a subject follow it, since the month
    then stands first and the subject after the verb ("Mai kom han hver dag",
    "August var hun borte"). A verb of saying or thinking keeps the name:
    "Mai sa hun var syk".
    """
    if tekst[start:slutt].casefold() not in _MAANEDER:
        return False
    setning = _SETNINGEN.match(tekst, slutt)
    if setning is not None and "måned" in setning.group().casefold():
        return True
    etter = _INVERTERT.match(tekst, slutt)
    return etter is not None and etter.group(1).casefold() not in _SIER


def navn_eller_verb_etter(tekst: str, ende: int) -> bool:
    """Whether what follows `ende` makes the word before it a name (see the module docstring)."""
    if _SLUTT.match(tekst, ende):
        return True
    neste = _ORD_ETTER.match(tekst, ende)
    if neste is not None and (neste.group(1)[:1].isupper() or verb(neste.group(1))):
        return True
    if _FRA_ETTER.match(tekst, ende):
        return True  # "Per fra PPT sa …": where a person comes from ("per fra 1. mai": no)
    og = _OG_ETTER.match(tekst, ende)
    return og is not None and navneord(og.group(1))


def brukt_som_navn(
    tekst: str, start: int, slutt: int, *, genitiv: bool = False, foran: bool = True
) -> bool:
    """Whether the word at `tekst[start:slutt]`, a name that is also a word, is used as a name.

    `genitiv` says that an "s" or an apostrophe follows at `slutt`. With
    `foran` False only what follows is read, never what stands before (in a
    PDF the text before a word on its line may be another table cell's).
    """
    funnet = tekst[start:slutt]
    if funnet.islower() or not funnet[:1].isupper():
        return False
    if funnet.isupper() and len(funnet) > 1 and not genitiv:
        # In capitals ("TO TIMER PER UKE") only a list of names ("KARI OG PER") or a verb in
        # lower case ("PER vet det") tells.
        if foran and _LISTE_FORAN.search(tekst, max(0, start - 6), start):
            return True
        neste = _ORD_ETTER.match(tekst, slutt)
        if neste is not None and neste.group(1).islower() and verb(neste.group(1)):
            return True  # "PER vet det"
        og = _OG_ETTER.match(tekst, slutt)
        return og is not None and navneord(og.group(1))
    if foran and midt_i_setning(tekst, start):
        return True
    if maaned_forst(tekst, start, slutt):
        return False
    if genitiv:
        # "Pers sykkel": a genitive is followed by what it owns; "Endres: …" is the verb.
        endelse = _GENITIV.match(tekst, slutt)
        ende = endelse.end() if endelse is not None else slutt + 1
        neste = _ORD_ETTER.match(tekst, ende)
        return neste is not None and not _SLUTT.match(tekst, ende)
    return navn_eller_verb_etter(tekst, slutt)
