"""The tags in each paragraph: found, and split into docxtpl prefix, keyword and content.

A tag not closed in its paragraph, a closer without its opening and a field
name between single braces are reported here.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from toolkit.malsjekk.dokument import _Avsnitt, _Del
from toolkit.malsjekk.funn import _Samler

_SLUTT = {"{{": "}}", "{%": "%}", "{#": "#}"}
_ÅPNER = re.compile(r"\{[{%#]")
_LØS_SLUTT = re.compile(r"[}%]\}")
_ENKEL_KLAMME = re.compile(r"(?<!\{)\{\s*([a-z_][a-z0-9_]*)\s*\}(?!\})")
_DOCXTPL_PREFIKS = re.compile(r"(tr|tc|p|r) ")
_RETTES_ANFØRSEL = {"“": '"', "”": '"', "‘": "'", "’": "'"}


@dataclass
class _Tagg:
    avsnitt: _Avsnitt
    start: int
    slutt: int
    rå: str
    art: str  # "{{", "{%" or "{#"
    prefiks: str = ""  # docxtpl's "p", "tr", "tc" or "r"
    innhold: str = ""  # what Jinja sees between the delimiters
    nøkkelord: str = ""
    resten: str = ""
    ødelagt: bool = False  # a problem was reported; do not parse it

    @property
    def vist(self) -> str:
        return " ".join(self.rå.split())


def _finn_tagger(deler: list[_Del], samler: _Samler, kjente: frozenset[str]) -> list[list[_Tagg]]:
    """Find every tag of every part; report the ones not closed and stray closers."""
    alle: list[list[_Tagg]] = []
    for del_nr, del_ in enumerate(deler):
        samler.del_nr = del_nr
        tagger: list[_Tagg] = []
        hopp = 0  # characters at the start of a paragraph that end a tag of the one before
        for i, avsnitt in enumerate(del_.avsnitt):
            samler.se_på_klokka()
            tekst = avsnitt.tekst
            pos, rest = hopp, []
            hopp = 0
            while True:
                m = _ÅPNER.search(tekst, pos)
                if m is None:
                    rest.append(tekst[pos:])
                    break
                rest.append(tekst[pos : m.start()])
                art = m.group()
                slutt = tekst.find(_SLUTT[art], m.end())
                if slutt < 0:
                    hopp = _uten_slutt(del_.avsnitt, i, art, m.start(), samler)
                    break
                slutt += 2
                tagger.append(_Tagg(avsnitt, m.start(), slutt, tekst[m.start() : slutt], art))
                pos = slutt
            utenfor = "".join(rest)
            for løs in _LØS_SLUTT.finditer(utenfor):
                start = tekst.find(løs.group())
                samler.legg_til(
                    avsnitt,
                    f"«{løs.group()}» står uten «{'{{' if løs.group() == '}}' else '{%'}» foran. "
                    "Sjekk at mal-koden har to klammeparenteser på hver side, "
                    "for eksempel {{ elev_navn }}.",
                    start=max(start, 0),
                    slutt=max(start, 0) + 2,
                )
            for enkel in _ENKEL_KLAMME.finditer(utenfor):
                if enkel.group(1) in kjente:
                    start = max(tekst.find(enkel.group()), 0)
                    samler.legg_til(
                        avsnitt,
                        f"«{enkel.group()}» har bare én klammeparentes på hver side og blir "
                        f"stående som tekst. Skriv {{{{ {enkel.group(1)} }}}}.",
                        alvor="advarsel",
                        start=start,
                        slutt=start + len(enkel.group()),
                    )
        alle.append(tagger)
    return alle


def _uten_slutt(avsnitt: list[_Avsnitt], i: int, art: str, start: int, samler: _Samler) -> int:
    """Report a tag not closed in its paragraph; return how much of the next one it takes."""
    her = avsnitt[i]
    slutt = _SLUTT[art]
    if i + 1 < len(avsnitt):
        neste = avsnitt[i + 1].tekst
        s = neste.find(slutt)
        åpner = _ÅPNER.search(neste)
        if s >= 0 and (åpner is None or åpner.start() > s):
            bit = " ".join((her.tekst[start:] + " ¶ " + neste[: s + 2]).split())
            samler.legg_til(
                her,
                f"Mal-koden «{bit}» er delt over to avsnitt (¶ er et linjeskift i Word). "
                "Slett hele koden og skriv den inn på nytt på én linje.",
                start=start,
                slutt=len(her.tekst),
            )
            return s + 2
    vist = " ".join(her.tekst[start : start + 40].split())
    samler.legg_til(
        her,
        f"Mal-koden som begynner med «{vist}» er ikke lukket: den mangler «{slutt}» "
        "i samme avsnitt.",
        start=start,
        slutt=len(her.tekst),
    )
    return 0


def _les_innhold(tagg: _Tagg) -> None:
    """Split a tag into docxtpl prefix, Jinja content, keyword and the rest."""
    indre = tagg.rå[2:-2]
    m = _DOCXTPL_PREFIKS.match(indre) if tagg.art in ("{{", "{%") else None
    if m:
        tagg.prefiks = m.group(1)
        indre = indre[m.end() :]
    for gal, rett in _RETTES_ANFØRSEL.items():
        indre = indre.replace(gal, rett)
    if indre[:1] in "-+":
        indre = indre[1:]
    if indre[-1:] in "-+":
        indre = indre[:-1]
    tagg.innhold = indre.strip()
    _nøkkelord(tagg)


def _nøkkelord(tagg: _Tagg) -> None:
    """Set the keyword of a {% %} tag and what follows it."""
    if tagg.art == "{%":
        ord_ = re.match(r"[A-Za-z_]\w*", tagg.innhold)
        tagg.nøkkelord = ord_.group() if ord_ else ""
        tagg.resten = tagg.innhold[ord_.end() :].strip() if ord_ else tagg.innhold
