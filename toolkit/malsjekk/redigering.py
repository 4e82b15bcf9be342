"""What Word's editing did to a tag: runs, containers and smart quotes.

A tag split by a link, a content control or a tracked change breaks the
document, and so do « » inside it; a tag whose parts have different
formatting, or with “ ” that docxtpl repairs, is a warning.
"""

from __future__ import annotations

from docx.oxml.ns import qn
from lxml import etree

from toolkit.malsjekk.funn import _Samler
from toolkit.malsjekk.tagger import _RETTES_ANFØRSEL, _Tagg

_W_R = qn("w:r")
_W_RPR = qn("w:rPr")
# Run properties that do not change how the text looks.
_USYNLIG_FORMAT = {qn("w:lang"), qn("w:noProof"), qn("w:webHidden"), qn("w:specVanish")}

# Containers a run can sit in inside a paragraph, as a person knows them.
_BEHOLDERE = {
    qn("w:hyperlink"): "en lenke",
    qn("w:sdt"): "en innholdskontroll",
    qn("w:sdtContent"): "en innholdskontroll",
    qn("w:ins"): "en sporet endring",
    qn("w:del"): "en sporet endring",
    qn("w:moveTo"): "en sporet endring",
    qn("w:fldSimple"): "et felt",
    qn("w:smartTag"): "en smartkode",
    qn("w:customXml"): "en XML-kode",
}

_FEIL_ANFØRSEL = "«»„‚‹›"


def _format(t: etree._Element) -> bytes:
    """Return the visible run formatting of the text element `t`, comparable as bytes."""
    run = t.getparent()
    rpr = run.find(_W_RPR) if run is not None and run.tag == _W_R else None
    if rpr is None:
        return b""
    kopi = etree.fromstring(etree.tostring(rpr))
    for barn in list(kopi):
        if barn.tag in _USYNLIG_FORMAT:
            kopi.remove(barn)
    for el in kopi.iter():
        for attr in list(el.attrib):
            if "rsid" in attr:
                del el.attrib[attr]
    return etree.tostring(kopi, method="c14n")


def _beholdere(t: etree._Element, p: etree._Element | None) -> tuple[etree._Element, ...]:
    """Return the elements between the run of `t` and its paragraph (links, controls …)."""
    kjede = []
    el = t.getparent()
    el = el.getparent() if el is not None else None
    while el is not None and el is not p:
        if el.tag in _BEHOLDERE:
            kjede.append(el)
        el = el.getparent()
    return tuple(kjede)


def _sjekk_ord(tagg: _Tagg, samler: _Samler) -> None:
    """Report what Word's editing did to a tag: split runs, containers, smart quotes."""
    avsnitt = tagg.avsnitt
    biter = [b for b in avsnitt.biter if b[0] < tagg.slutt and b[1] > tagg.start and b[1] > b[0]]
    if len(biter) > 1:
        kjeder = {_beholdere(t, avsnitt.p) for _, _, t in biter}
        if len(kjeder) > 1:
            hva = next(
                (_BEHOLDERE[el.tag] for k in kjeder for el in k),
                "noe annet",
            )
            samler.legg_til(
                avsnitt,
                f"Mal-koden «{tagg.vist}» er delt av {hva} i Word, og da blir dokumentet "
                "ødelagt. Slett hele koden og skriv den inn på nytt i ett strøk, utenfor "
                f"{hva}.",
                start=tagg.start,
                slutt=tagg.slutt,
            )
            tagg.ødelagt = True
        elif len({_format(t) for _, _, t in biter}) > 1:
            samler.legg_til(
                avsnitt,
                f"Mal-koden «{tagg.vist}» har ulik formatering inni seg (for eksempel fet "
                "eller en annen skrift midt i koden). Verdien får formateringen til starten "
                "av koden. Slett koden og skriv den inn på nytt i ett strøk, og formater "
                "hele koden likt.",
                alvor="advarsel",
                start=tagg.start,
                slutt=tagg.slutt,
            )
    feil = sorted({c for c in tagg.rå if c in _FEIL_ANFØRSEL})
    rettes = sorted({c for c in tagg.rå if c in _RETTES_ANFØRSEL})
    if feil:
        samler.legg_til(
            avsnitt,
            f"Mal-koden «{tagg.vist}» har Words typografiske anførselstegn "
            f"({' '.join(feil)}), som ikke virker i en mal-kode. Bruk rette anførselstegn "
            "(\" eller '): slå av «Rette anførselstegn» under Autokorrektur i Word, og skriv "
            "tegnene på nytt.",
            start=tagg.start,
            slutt=tagg.slutt,
        )
        tagg.ødelagt = True
    elif rettes:
        samler.legg_til(
            avsnitt,
            f"Mal-koden «{tagg.vist}» har Words typografiske anførselstegn "
            f"({' '.join(rettes)}). De virker nå, men skriv heller rette anførselstegn "
            "(\" eller '): slå av «Rette anførselstegn» under Autokorrektur i Word.",
            alvor="advarsel",
            start=tagg.start,
            slutt=tagg.slutt,
        )
