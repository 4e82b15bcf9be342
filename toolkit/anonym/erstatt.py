"""Replace names and identifiers in the form's values, so that the copy reads naturally.

Each text goes through three steps:
1. identifiers (`detektorer`) become a neutral marker ("[telefon]"); a date
   becomes its distance from the form's date ("3 uker før kartleggingen")
   when it is within a year of it, else "[dato]"; a date of birth is always
   "[dato]" ("Fødselsdag 14. mars." → "Fødselsdag [dato]."); a range is one
   period ("Fra 2.–6. november" → "Fra 1 uke og 3 dager til 6 dager før
   kartleggingen"); a calendar week is counted from the form's week
   ("uke 38" → "uke −8", as the charts do); a full stop the date took with it
   stays where it ends the sentence;
2. every alias of every person (`navn.Navneliste`) becomes the person's
   pseudonym, in genitive after a genitive ("Amins", "Amin's" → "elevens"),
   with a capital letter at the start of a sentence; a user name that holds
   a name ("AminKing2012", "amin.h2012") becomes "[brukernavn]" as a whole
   (`ordfinner`), so no initial or year is left; a family named by its name
   becomes the family of the pseudonym ("familien Nilsen" and
   "Nilsen-familien" → "familien til eleven");
3. "mamma" and "pappa" become "mor" and "far", as the parents' roles are
   written, and what the replacement doubles is tidied ("mamma Fatima" →
   "mor mor" → "mor"; "Helsesøster Randi" → "helsesøster helsesykepleieren" →
   "helsesykepleieren", `navn.SAMME_ROLLE`; "Helsesykepleier
   (helsesykepleieren)" → "Helsesykepleier"); a word of a script that is not
   Latin, and no name of the form, becomes "[annen skrift]" ("Mor skriver
   navnet sitt ياسمين" → "Mor skriver navnet sitt [annen skrift]").

A line "Hanne Berg, kontaktlærer" in a field of names and roles becomes
"Kontaktlærer"; a list of names ("Kari Nilsen, Per Hansen, Sara") has each
name replaced ("Mor, kontaktlæreren, eleven"). In such a field (a field
with an `anonym` marker) a name that is also a word is a name wherever it
has a capital letter ("Lise Lærer, kontaktlærer"); in free text, where it is
used as one (`bruk`).

Dates stay dates: the documents write them relative to the form's date
(`toolkit.visning.Visning`), so every figure stays the same.
"""

from __future__ import annotations

import re
from datetime import date

from toolkit.anonym import detektorer, ordlister
from toolkit.anonym.bruk import setningsstart
from toolkit.anonym.navn import (
    ELEV,
    FORELDREORD,
    SAMMENSATT_ETTER,
    SKOLE,
    Navneliste,
    bestemt,
    bestemt_form,
    del_linje,
    er_rolleord,
    nokkel,
)
from toolkit.anonym.ordfinner import Lesing, Ordfinner
from toolkit.anonym.tegn import ANNEN_SKRIFT, STOR, normaliser
from toolkit.modell import Verdi
from toolkit.tekst import genitiv, stor_forbokstav
from toolkit.visning import Visning

# A date this close to the form's date is written relative to it; one further away
# (a date of birth, say) becomes "[dato]".
NAER_DAGER = 366

_KOBLING = re.compile(r"^(?:og|&|/|,|\s)*$", re.IGNORECASE)
# A family named by its name: "familien Nilsen", "Nilsen-familien".
_FAMILIEN_FOR = re.compile(r"(?<![\w-])(familien|familie)[ \t]+$", re.IGNORECASE)
_FAMILIEN_ETTER = re.compile(r"-famili(?:en|e)(?![\w-])", re.IGNORECASE)
# Between the two dates of a period, and "fra" before it: "fra 2.–6. november".
_TIL = re.compile(r"[ \t]*(?:[–-]|til)[ \t]*")
_FRA_FOR = re.compile(r"(?<![\w])fra[ \t]+$", re.IGNORECASE)
# After a full stop that ends a sentence: the end, a new line, a capital letter, a quotation.
_SETNING_SLUTT = re.compile(rf"[ \t]*(?:$|\n|\r)|[ \t]+[{STOR}«\"“]")
_FORELDRE = re.compile(
    r"(?<![\w])(bonus)?(mamma|pappa)(en|ens|s)?(?![\w])",
    re.IGNORECASE,
)


def _som(monster: str, ny: str) -> str:
    """Return `ny` with a capital first letter when `monster` has one."""
    return stor_forbokstav(ny) if monster[:1].isupper() else ny


def _foreldreord(tekst: str) -> str:
    """ "Mamma" → "Mor", "pappas" → "fars": one word for each parent, as their roles are written."""

    def bytt(m: re.Match[str]) -> str:
        ord_ = FORELDREORD[(m.group(2)).lower()]
        return _som(m.group(), f"{(m.group(1) or '').lower()}{ord_}{(m.group(3) or '').lower()}")

    return _FORELDRE.sub(bytt, tekst)


class Erstatter:
    """Replaces every alias of a `Navneliste` in a text by its person's pseudonym."""

    def __init__(self, liste: Navneliste) -> None:
        self.liste = liste
        self.finner = Ordfinner(liste.regler())
        self._doble = self._doble_roller()

    def _doble_roller(self) -> re.Pattern[str] | None:
        """A pattern for a role written before its own pseudonym: "mamma mor", "eleven eleven"."""
        par = []
        for person in self.liste.personer:
            p = person.pseudonym
            rolle = re.fullmatch(r"([a-zæøå]+)(?: \d+)?", p)  # "kontaktlæreren 2"
            if person.alltid_stor or rolle is None:
                continue
            # The word in indefinite form too: "Klasse 5 B" → "Klasse klassen" → "Klassen".
            foran = {p, rolle.group(1), rolle.group(1).removesuffix("n")}
            if person.elev:
                foran |= {"elev", ELEV}
            elif person.skole:
                foran |= {"skole", SKOLE}
            else:  # "Helsesøster Randi" → "helsesøster helsesykepleieren" → "helsesykepleieren"
                samme = [r for r in ordlister.roller() if bestemt(r) == rolle.group(1)]
                foran |= set(samme) | {bestemt_form(r) for r in samme}
            alternativer = "|".join(sorted(map(re.escape, foran), key=len, reverse=True))
            par.append(rf"(?:{alternativer}) {re.escape(p)}")
        if not par:
            return None
        return re.compile(rf"(?<![\w])(?:{'|'.join(par)})(?![\w])", re.IGNORECASE)

    def __call__(self, tekst: str, lesing: Lesing = Lesing.SETNING) -> str:
        if not tekst or not self.finner:
            return tekst
        deler = []
        forrige = 0
        for treff in self.finner.finn(tekst, lesing):
            start, ende = treff.start, treff.ende
            if treff.brukernavn:  # "AminKing2012", "amin.h2012": the whole user name goes
                deler += [tekst[forrige:start], detektorer.MERKER["brukernavn"]]
                forrige = ende
                continue
            person = self.liste.aliaser[nokkel(treff.verdi)]
            pseudonym = person.pseudonym
            if treff.genitiv and not person.sted:
                pseudonym = genitiv(pseudonym)
            familie = None if treff.genitiv else self._familien(tekst, forrige, start, ende)
            if familie is not None:
                start, ende = familie
                pseudonym = f"familien til {pseudonym}"
            funnet = tekst[start:ende]
            stor = (person.alltid_stor and familie is None) or (
                not funnet[:1].islower() and setningsstart(tekst, start)
            )
            if funnet.endswith(".") and _SETNING_SLUTT.match(tekst, ende):
                pseudonym += "."  # "… var H.B. Hun kom": the full stop ends the sentence too
            deler += [tekst[forrige:start], stor_forbokstav(pseudonym) if stor else pseudonym]
            forrige = ende
        deler.append(tekst[forrige:])
        return "".join(deler)

    @staticmethod
    def _familien(tekst: str, forrige: int, start: int, ende: int) -> tuple[int, int] | None:
        """Where "familien Nilsen" or "Nilsen-familien" stands around a hit, or None."""
        foran = _FAMILIEN_FOR.search(tekst, forrige, start)
        if foran is not None:
            return foran.start(), ende
        etter = _FAMILIEN_ETTER.match(tekst, ende)
        if etter is not None:
            return start, etter.end()
        return None

    def rydd(self, tekst: str) -> str:
        """Tidy what the replacement doubles: "mor mor" → "mor", "rektor (rektor)" → "rektor"."""
        tekst = re.sub(r"\b(\w+) \(\1(?:en|n|et)?\)", r"\1", tekst, flags=re.IGNORECASE)
        if self._doble is not None:
            tekst = self._doble.sub(lambda m: _som(m.group(), m.group().split(" ")[-1]), tekst)
        return tekst

    def bare_voksne(self, navn_del: str) -> bool:
        """Whether `navn_del` is only names of adults (not the pupil), joined by "og".

        A role word among them is left out: "Lise Lærer" is Lise.
        """
        if not navn_del.strip():
            return False
        treff = self.finner.finn(navn_del, Lesing.NAVNEFELT)
        if not treff:
            return False
        rest = navn_del
        for t in reversed(treff):
            rest = rest[: t.start] + rest[t.ende :]
        rest = " ".join(o for o in rest.split() if not er_rolleord(o))
        if not _KOBLING.match(re.sub(r"\bog\b", "", rest)):
            return False
        personer = [self.liste.aliaser.get(nokkel(t.verdi)) for t in treff]
        return all(p is not None and not p.elev and not p.skole for p in personer)


class Anonymiserer:
    """Makes the values of one form anonymous (see the module docstring)."""

    def __init__(self, liste: Navneliste, visning: Visning) -> None:
        self.liste = liste
        self.erstatt = Erstatter(liste)
        self.visning = visning
        # "Aminsaken" is read "Amin-saken", so the name is replaced and the word stays.
        sammensatte = sorted({o.casefold() for o in liste.sammensatte()}, key=len, reverse=True)
        self._sammensatt = (
            re.compile(rf"(?<![\w-])(?i:({'|'.join(re.escape(o) for o in sammensatte)}))(?![\w])")
            if sammensatte
            else None
        )
        self._etter = re.compile(rf"(?i:{'|'.join(SAMMENSATT_ETTER)})$")

    def identifikatorer(self, tekst: str) -> str:
        """Replace phone numbers, e-mail, links, dates … in `tekst` (step 1).

        Two dates joined by a dash or "til" are one period ("fra 3 til 2 uker
        før kartleggingen"); a full stop that a date took with it stays where
        it also ends the sentence ("… 26.10. Stein har").
        """
        funnet = detektorer.finn(tekst, self.visning.referanse, andre_skrifter=False)
        if not funnet:
            return tekst
        deler = []
        forrige = 0
        i = 0
        while i < len(funnet):
            ident, slutt = funnet[i], funnet[i].slutt
            start = ident.start
            neste = funnet[i + 1] if i + 1 < len(funnet) else None
            if neste is not None and self._periode(tekst, ident, neste):
                assert ident.dato is not None and neste.dato is not None
                ny = self.visning.periode(ident.dato, neste.dato)
                fra = _FRA_FOR.search(tekst, forrige, start)
                if fra is not None and ny.startswith("fra "):
                    ny = ny.removeprefix("fra ")  # "Fra 2.–6. november": "fra" is written
                slutt = neste.slutt
                i += 1
            else:
                ny = self._merke(ident)
                if ident.art == "uke" and start > 0 and tekst[start - 1].isalpha():
                    ny = " " + ny  # "uke44" → "uke −2"
            if (
                tekst[slutt - 1] == "."
                and not ny.endswith(".")
                and _SETNING_SLUTT.match(tekst, slutt)
            ):
                ny += "."
            deler += [tekst[forrige:start], ny]
            forrige = slutt
            i += 1
        deler.append(tekst[forrige:])
        return "".join(deler)

    def _periode(
        self, tekst: str, fra: detektorer.Identifikator, til: detektorer.Identifikator
    ) -> bool:
        """Whether two dates found in `tekst` are the ends of one period written relative."""
        return (
            fra.art == til.art == "dato"
            and not (fra.fodsel or til.fodsel)
            and fra.dato is not None
            and til.dato is not None
            and fra.dato <= til.dato
            and naer(fra.dato, self.visning.referanse)
            and naer(til.dato, self.visning.referanse)
            and _TIL.fullmatch(tekst, fra.slutt, til.start) is not None
        )

    def _merke(self, ident: detektorer.Identifikator) -> str:
        """What an identifier becomes: a marker, a date relative, a week relative."""
        if ident.dato is None or ident.fodsel or not naer(ident.dato, self.visning.referanse):
            return ident.merke
        if ident.art == "uke":
            return self.visning.uke(ident.dato).removeprefix("uke ")  # "uke 38" → "uke −8"
        return self.visning.dato(ident.dato)

    def tekst(self, tekst: str, *, rollelinjer: bool = False, navnefelt: bool = False) -> str:
        """Replace the names in `tekst`, whose identifiers are replaced already (steps 2–3).

        `navnefelt` says that `tekst` is a field of names; `rollelinjer` that it
        is one too, with "Name, role" lines.
        """
        if not rollelinjer:
            return self._navn(tekst, Lesing.NAVNEFELT if navnefelt else Lesing.SETNING)
        return "\n".join(self._rollelinje(linje) for linje in tekst.split("\n"))

    def fullt(self, tekst: str) -> str:
        """Replace identifiers and names in any text of the form (steps 1–3)."""
        return self.tekst(self.identifikatorer(normaliser(tekst)))

    def _navn(self, tekst: str, lesing: Lesing = Lesing.SETNING) -> str:
        if self._sammensatt is not None:
            tekst = self._sammensatt.sub(self._del_sammensatt, tekst)
        ny = self.erstatt.rydd(_foreldreord(self.erstatt(tekst, lesing)))
        if ny.isascii():
            return ny
        # A word of another script that is no name of the form: "ياسمين" → "[annen skrift]".
        return ANNEN_SKRIFT.sub(detektorer.MERKER["skrift"], ny)

    def _del_sammensatt(self, m: re.Match[str]) -> str:
        """ "Aminsaken" → "Amin-saken"."""
        ord_ = m.group()
        etter = self._etter.search(ord_)
        assert etter is not None
        return f"{ord_[: etter.start()]}-{ord_[etter.start() :]}"

    def _rollelinje(self, linje: str) -> str:
        """ "Hanne Berg, kontaktlærer" → "Kontaktlærer"; other lines as free text."""
        navn_del, rolle_del, resten = del_linje(linje)
        if rolle_del.strip() and self.erstatt.bare_voksne(navn_del):
            resten = resten.strip()
            skille = "" if resten[:1] in ",.;:" else " "
            ny = rolle_del.strip() + (skille + resten if resten else "")
            return stor_forbokstav(self._navn(ny, Lesing.NAVNEFELT))
        return self._navn(linje, Lesing.NAVNEFELT)

    def verdi(
        self, verdi: Verdi, *, tekstlig: bool, rollelinjer: bool, navnefelt: bool = False
    ) -> Verdi:
        if isinstance(verdi, str) and tekstlig:
            return self.tekst(verdi, rollelinjer=rollelinjer, navnefelt=navnefelt)
        return verdi


def naer(d: date, referanse: date | None) -> bool:
    """Whether `d` is close enough to `referanse` to be written relative to it."""
    return referanse is not None and abs(d - referanse).days <= NAER_DAGER
