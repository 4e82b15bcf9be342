"""Where a tag sits: docxtpl's paragraph, row and cell tags (`{%p`, `{%tr`, `{%tc`).

Such a tag replaces its whole paragraph, row or cell, so other text beside it
is lost; a `{%tr` or `{%tc` outside a table cannot work.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from lxml import etree

from toolkit.malsjekk.dokument import _Avsnitt, _Del
from toolkit.malsjekk.funn import _Samler
from toolkit.malsjekk.tagger import _nøkkelord, _Tagg


def _synlig_utenfor(tekster: Iterable[str], tagger: Iterable[_Tagg]) -> str:
    """Return the text left when the given tags are taken out."""
    tekst = "".join(tekster)
    for t in tagger:
        tekst = tekst.replace(t.rå, "", 1)
    return " ".join(tekst.split())


def _avsnitt_i(el: etree._Element, alle: list[_Avsnitt]) -> list[_Avsnitt]:
    """Return the paragraphs of `alle` that lie inside the row or cell `el`."""
    return [a for a in alle if a.tr is el or a.tc is el]


def _sjekk_plassering(tagg: _Tagg, del_: _Del, samler: _Samler) -> None:
    avsnitt = tagg.avsnitt
    if tagg.art == "{%" and not tagg.prefiks and re.match(r"\s+(p|tr|tc)\s", tagg.rå[2:]):
        bokstav = tagg.rå[2:].split()[0]
        samler.legg_til(
            avsnitt,
            f"I «{tagg.vist}» står det et mellomrom mellom % og {bokstav}. Skriv "
            f"{{%{bokstav} uten mellomrom, for eksempel {{%{bokstav} if vis_plan %}}.",
            start=tagg.start,
            slutt=tagg.slutt,
        )
        # Read it as meant, so that the blocks around it still match up.
        tagg.prefiks = bokstav
        tagg.innhold = tagg.innhold[len(bokstav) :].strip()
        _nøkkelord(tagg)
        tagg.ødelagt = True
        return
    if tagg.prefiks == "p":
        andre = _synlig_utenfor([avsnitt.tekst], [tagg])
        if andre:
            samler.legg_til(
                avsnitt,
                f"«{tagg.vist}» styrer hele avsnittet, så resten av avsnittet («{andre[:60]}») "
                "blir borte. Sett koden i et eget avsnitt (trykk Enter før og etter den).",
                start=tagg.start,
                slutt=tagg.slutt,
            )
    elif tagg.prefiks in ("tr", "tc"):
        hva, el = ("rad", avsnitt.tr) if tagg.prefiks == "tr" else ("celle", avsnitt.tc)
        if el is None:
            samler.legg_til(
                avsnitt,
                f"«{tagg.vist}» kan bare stå i en tabell{hva}, men står utenfor en tabell. "
                + (
                    "Lag en egen rad i tabellen for koden, eller bruk {%p … %} i et eget "
                    "avsnitt utenfor tabeller."
                    if hva == "rad"
                    else "Bruk {%p … %} i et eget avsnitt utenfor tabeller."
                ),
                start=tagg.start,
                slutt=tagg.slutt,
            )
            tagg.ødelagt = True
            return
        i_samme = _avsnitt_i(el, del_.avsnitt)
        if _synlig_utenfor([a.tekst for a in i_samme], [tagg]):
            samler.legg_til(
                avsnitt,
                f"«{tagg.vist}» styrer hele tabell{hva}en, så alt annet i {hva}en blir borte. "
                f"Sett koden alene i en egen {hva}"
                + (" over (eller under) raden som skal gjentas." if hva == "rad" else "."),
                start=tagg.start,
                slutt=tagg.slutt,
            )
