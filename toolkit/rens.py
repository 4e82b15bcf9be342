"""Clean a Word package: only what Skjemaverk puts there goes into a document.

A school's template is a Word file from outside, and what Word keeps beside
the text would otherwise reach every document made from it, the anonymised
copy included: comments with their authors, tracked changes with names and
times, custom properties, the company and manager in the app properties, the
path of the template it was made from, a thumbnail of its first page.

`rens_pakke` removes all of that from a package:

- comments: the comment parts (comments, commentsExtended, commentsIds,
  commentsExtensible, people), their relationships and content types, and the
  comment ranges and references in every part;
- tracked changes are accepted: insertions and moves kept, deletions and
  moved-from text dropped, a deleted paragraph mark joins its paragraph to the
  next one, deleted table rows go, and the old formatting (`w:*PrChange`) is
  dropped; change tracking is switched off;
- custom properties (docProps/custom.xml), custom XML parts (customXml/),
  the thumbnail, the attached template, document variables and mail-merge
  sources;
- the app properties become `<Application>Skjemaverk</Application>` alone.

`metadata` tells what a template holds of the above, for `sjekk-mal`.

`henter_utenfra` finds what a package would fetch from outside when it is
opened: fields such as INCLUDEPICTURE, INCLUDETEXT, LINK, DDE or DATABASE,
and external links other than hyperlinks (a linked picture, a frame, an
external object). With a template field such as
`INCLUDEPICTURE "http://…/{{ elev_navn }}"` a document would send the pupil's
name out when opened, so the renderer refuses such a template; and since a
field's instruction can be made by the template's own code, it also looks at
every rendered document with `felt_utenfra` before it is saved.

The renderer cleans a template once when it prepares it: rendering adds none
of these things (values are escaped text; pictures are Skjemaverk's own), so
every document made from a clean template is clean, at no cost per document.
"""

from __future__ import annotations

import io
import posixpath
import re
import zipfile
from dataclasses import dataclass, field

from lxml import etree

__all__ = ["Metadata", "felt_utenfra", "henter_utenfra", "metadata", "rens_pakke"]

_W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
_REL = "http://schemas.openxmlformats.org/package/2006/relationships"
_CT = "http://schemas.openxmlformats.org/package/2006/content-types"
_APP = "http://schemas.openxmlformats.org/officeDocument/2006/extended-properties"
_VT = "http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes"
_CUSTOM = "http://schemas.openxmlformats.org/officeDocument/2006/custom-properties"
_APP_TYPE = "application/vnd.openxmlformats-officedocument.extended-properties+xml"
_APP_REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/extended-properties"


def _w(navn: str) -> str:
    return f"{{{_W}}}{navn}"


# Relationships whose targets never go into a document (the end of the type URI).
_UØNSKEDE_RELASJONER = (
    "/comments",
    "/commentsExtended",
    "/commentsIds",
    "/commentsExtensible",
    "/people",
    "/customXml",
    "/custom-properties",
    "/metadata/thumbnail",
    "/attachedTemplate",
    "/mailMergeSource",
    "/mailMergeHeaderSource",
    "/recipientData",
)
# Parts removed by name too, in case nothing relates to them.
_UØNSKEDE_PREFIKS = ("customXml/",)
_UØNSKEDE_NAVN = ("docProps/custom.xml",)

# The markup of tracked changes. Accepting them keeps insertions and moves (their
# content is unwrapped) and removes the rest, with deleted and moved-from text.
_PAKKES_UT = frozenset({_w("ins"), _w("moveTo")})
_ENDRINGER = frozenset(
    _w(n)
    for n in (
        "del",
        "moveFrom",
        "moveFromRangeStart",
        "moveFromRangeEnd",
        "moveToRangeStart",
        "moveToRangeEnd",
        "customXmlInsRangeStart",
        "customXmlInsRangeEnd",
        "customXmlDelRangeStart",
        "customXmlDelRangeEnd",
        "customXmlMoveFromRangeStart",
        "customXmlMoveFromRangeEnd",
        "customXmlMoveToRangeStart",
        "customXmlMoveToRangeEnd",
        "rPrChange",
        "pPrChange",
        "sectPrChange",
        "tblPrChange",
        "tblPrExChange",
        "trPrChange",
        "tcPrChange",
        "tblGridChange",
        "numberingChange",
        "cellIns",
        "cellDel",
        "cellMerge",
    )
)
_KOMMENTARMERKER = frozenset(
    {_w("commentRangeStart"), _w("commentRangeEnd"), _w("commentReference")}
)
# Settings that carry the template's history or another file's path.
_INNSTILLINGER = frozenset(
    _w(n) for n in ("attachedTemplate", "docVars", "mailMerge", "trackRevisions")
)
_EGENSKAPER = frozenset({_w("rPr"), _w("trPr"), _w("numPr"), _w("tcPr")})
# Parts of the document whose markup is cleaned (the word/ parts with text or formatting).
_TEKSTDELER = ("document", "header", "footer", "footnotes", "endnotes", "styles", "numbering")

# A quick look for the markup above, so that a part without any is not parsed.
_SPOR = re.compile(
    rb"<(?:[\w.-]+:)?(?:ins|del|move(?:From|To)\w*|comment\w+|\w+Change|cell(?:Ins|Del|Merge)"
    rb"|customXml\w+Range\w+)[\s/>]"
)

_PARSER = etree.XMLParser(resolve_entities=False, no_network=True, remove_comments=False)


def _les_xml(data: bytes) -> etree._Element:
    return etree.fromstring(data, _PARSER)


def _skriv_xml(rot: etree._Element) -> bytes:
    return etree.tostring(rot, xml_declaration=True, encoding="UTF-8", standalone=True)


def _kilde(rels_navn: str) -> str:
    """Return the folder of the part a .rels file belongs to ("" for the package)."""
    return posixpath.dirname(posixpath.dirname(rels_navn))


def _mål(mappe: str, target: str) -> str:
    if target.startswith("/"):
        return target.lstrip("/")
    return posixpath.normpath(posixpath.join(mappe, target))


def _rels_for(del_navn: str) -> str:
    mappe, navn = posixpath.split(del_navn)
    return posixpath.join(mappe, "_rels", f"{navn}.rels")


def _uønsket(relasjonstype: str) -> bool:
    return relasjonstype.endswith(_UØNSKEDE_RELASJONER)


def _er_tekstdel(navn: str) -> bool:
    if not navn.startswith("word/") or not navn.endswith(".xml") or navn.count("/") != 1:
        return False
    stamme = navn[5:-4].rstrip("0123456789")
    return stamme in _TEKSTDELER


# -- accepting tracked changes and removing comments in one part ----------------------


def _forelder(el: etree._Element) -> etree._Element:
    """Return the parent of `el`; the callers never pass a part's root element."""
    forelder = el.getparent()
    if forelder is None:
        raise ValueError(f"{el.tag} is the root of the part")
    return forelder


def _pakk_ut(el: etree._Element) -> None:
    """Replace `el` by its children."""
    forelder = _forelder(el)
    indeks = forelder.index(el)
    for barn in reversed(list(el)):
        forelder.insert(indeks, barn)
    _flytt_hale(el)
    forelder.remove(el)


def _flytt_hale(el: etree._Element) -> None:
    """Keep the text after `el` (its tail) when `el` is removed."""
    if el.tail and el.tail.strip():
        forrige = el.getprevious()
        if forrige is not None:
            forrige.tail = (forrige.tail or "") + el.tail
        else:
            forelder = _forelder(el)
            forelder.text = (forelder.text or "") + el.tail


def _fjern(el: etree._Element) -> None:
    _flytt_hale(el)
    _forelder(el).remove(el)


def _slett_avsnittsmerke(p: etree._Element) -> None:
    """Accept a deleted paragraph mark: the paragraph joins the one after it."""
    neste = p.getnext()
    if neste is None or neste.tag != _w("p") or p.find(f"{_w('pPr')}/{_w('sectPr')}") is not None:
        return
    ppr = neste.find(_w("pPr"))
    plass = 0 if ppr is None else neste.index(ppr) + 1
    for barn in reversed([b for b in p if b.tag != _w("pPr")]):
        neste.insert(plass, barn)
    _forelder(p).remove(p)


def _rens_del(rot: etree._Element) -> bool:
    """Accept the tracked changes and remove the comments in one part; True if it changed."""
    endret = False
    # Deleted paragraph marks and table rows, last first, so that a run of
    # deleted marks ends up in the paragraph after them in order.
    for egenskap in reversed(list(rot.iter(_w("rPr"), _w("trPr"), _w("tcPr")))):
        merker = egenskap.findall(_w("del")) + egenskap.findall(_w("cellDel"))
        if not merker:
            continue
        endret = True
        for merke in merker:
            egenskap.remove(merke)
        forelder = egenskap.getparent()
        if forelder is None:
            continue
        if egenskap.tag == _w("rPr") and forelder.tag == _w("pPr"):
            p = forelder.getparent()
            if p is not None and p.tag == _w("p"):
                _slett_avsnittsmerke(p)
        elif egenskap.tag != _w("rPr") and (besteforelder := forelder.getparent()) is not None:
            besteforelder.remove(forelder)  # a deleted row or cell
    for el in list(rot.iter(*_ENDRINGER, *_PAKKES_UT, *_KOMMENTARMERKER)):
        el_forelder = el.getparent()
        if el_forelder is None:
            continue
        endret = True
        if el.tag in _PAKKES_UT:
            if el_forelder.tag in _EGENSKAPER:
                _fjern(el)  # an inserted paragraph mark, row or number: just accepted
            else:
                _pakk_ut(el)
        elif el.tag == _w("commentReference"):
            run = el_forelder
            _fjern(el)
            if run.tag == _w("r") and all(b.tag == _w("rPr") for b in run):
                _fjern(run)
        else:
            _fjern(el)
    return endret


# -- the package -------------------------------------------------------------------------


_MINIMAL_APP = (
    "<?xml version='1.0' encoding='UTF-8' standalone='yes'?>\n"
    f'<Properties xmlns="{_APP}" xmlns:vt="{_VT}"><Application>Skjemaverk</Application>'
    "</Properties>"
).encode()


def _zipinfo(navn: str, komprimer: bool) -> zipfile.ZipInfo:
    info = zipfile.ZipInfo(navn, (1980, 1, 1, 0, 0, 0))
    info.compress_type = zipfile.ZIP_DEFLATED if komprimer else zipfile.ZIP_STORED
    return info


def rens_pakke(data: bytes, *, komprimer: bool = True) -> bytes:
    """Return the .docx package `data` without comments, tracked changes and foreign metadata.

    `komprimer=False` stores the parts uncompressed: quicker, for a package
    that is only read again in memory (a prepared template).
    """
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        infos = z.infolist()
        deler = {i.filename: z.read(i) for i in infos}

    fjernet: set[str] = {n for n in deler if n.startswith(_UØNSKEDE_PREFIKS) or n in _UØNSKEDE_NAVN}
    nye: dict[str, bytes] = {}
    app_navn: str | None = None

    # Relationships: drop the unwanted ones, and the parts they point to.
    for navn, innhold in deler.items():
        if not navn.endswith(".rels") or navn in fjernet:
            continue
        rot = _les_xml(innhold)
        mappe = _kilde(navn)
        endret = False
        for rel in list(rot):
            typ = rel.get("Type", "")
            eksternt = rel.get("TargetMode") == "External"
            if typ == _APP_REL and navn == "_rels/.rels":
                app_navn = _mål(mappe, rel.get("Target", ""))
            if not _uønsket(typ):
                continue
            rot.remove(rel)
            endret = True
            if not eksternt:
                fjernet.add(_mål(mappe, rel.get("Target", "")))
        if endret:
            nye[navn] = _skriv_xml(rot)
    # A removed part takes its own relationships along.
    fjernet |= {_rels_for(n) for n in list(fjernet)}

    # The app properties: the application's name and nothing else.
    if app_navn is None:
        app_navn = "docProps/app.xml"
        pakke_rels = _les_xml(nye.get("_rels/.rels") or deler["_rels/.rels"])
        brukte = {r.get("Id") for r in pakke_rels}
        nr = next(i for i in range(1, len(brukte) + 2) if f"rIdApp{i}" not in brukte)
        etree.SubElement(
            pakke_rels,
            f"{{{_REL}}}Relationship",
            Id=f"rIdApp{nr}",
            Type=_APP_REL,
            Target=app_navn,
        )
        nye["_rels/.rels"] = _skriv_xml(pakke_rels)
    nye[app_navn] = _MINIMAL_APP

    # Content types: no override for a removed part; one for the app properties.
    typer = _les_xml(deler["[Content_Types].xml"])
    for override in list(typer.iter(f"{{{_CT}}}Override")):
        if override.get("PartName", "").lstrip("/") in fjernet | {app_navn}:
            typer.remove(override)
    etree.SubElement(typer, f"{{{_CT}}}Override", PartName=f"/{app_navn}", ContentType=_APP_TYPE)
    nye["[Content_Types].xml"] = _skriv_xml(typer)

    # The text parts: comments out, changes accepted; the settings: no history.
    for navn, innhold in deler.items():
        if navn in fjernet:
            continue
        if _er_tekstdel(navn) and _SPOR.search(innhold):
            rot = _les_xml(innhold)
            if _rens_del(rot):
                nye[navn] = _skriv_xml(rot)
        elif navn == "word/settings.xml":
            rot = _les_xml(innhold)
            gamle = [el for el in rot if el.tag in _INNSTILLINGER]
            for el in gamle:
                rot.remove(el)
            if gamle:
                nye[navn] = _skriv_xml(rot)

    ut = io.BytesIO()
    with zipfile.ZipFile(ut, "w", zipfile.ZIP_DEFLATED) as z:
        for info in infos:
            if info.filename in fjernet:
                continue
            innhold = nye.pop(info.filename, deler[info.filename])
            z.writestr(_zipinfo(info.filename, komprimer), innhold)
        for navn, innhold in nye.items():  # parts that were not there before
            z.writestr(_zipinfo(navn, komprimer), innhold)
    return ut.getvalue()


# -- what a template holds, for sjekk-mal --------------------------------------------------


@dataclass
class Metadata:
    """What a template carries beside its content, that documents will not get."""

    kommentarer: int = 0
    sporede_endringer: bool = False
    egendefinerte: list[str] = field(default_factory=list)  # custom property names
    app: dict[str, str] = field(default_factory=dict)  # Company, Manager … with their values
    tilknyttet_mal: bool = False


# App properties worth a warning; Template only when it is not Word's own Normal.
_APP_FELTER = ("Company", "Manager", "HyperlinkBase", "Template")
_NORMAL = {"", "normal", "normal.dot", "normal.dotm", "normal.dotx"}


def metadata(data: bytes) -> Metadata:
    """Return what the package `data` holds of comments, changes and foreign properties."""
    funn = Metadata()
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        navn = z.namelist()
        if "word/comments.xml" in navn:
            funn.kommentarer = len(_les_xml(z.read("word/comments.xml")).findall(_w("comment")))
        for n in navn:
            if funn.sporede_endringer or not _er_tekstdel(n):
                continue
            innhold = z.read(n)
            if _SPOR.search(innhold):
                rot = _les_xml(innhold)
                funn.sporede_endringer = any(True for _ in rot.iter(*_ENDRINGER, *_PAKKES_UT))
        if "docProps/custom.xml" in navn:
            rot = _les_xml(z.read("docProps/custom.xml"))
            funn.egendefinerte = [p.get("name", "") for p in rot.iter(f"{{{_CUSTOM}}}property")]
        if "docProps/app.xml" in navn:
            rot = _les_xml(z.read("docProps/app.xml"))
            for felt in _APP_FELTER:
                el = rot.find(f"{{{_APP}}}{felt}")
                verdi = (el.text or "").strip() if el is not None else ""
                if verdi and not (felt == "Template" and verdi.lower() in _NORMAL):
                    funn.app[felt] = verdi
        if "word/settings.xml" in navn:
            rot = _les_xml(z.read("word/settings.xml"))
            funn.tilknyttet_mal = rot.find(_w("attachedTemplate")) is not None
    return funn


# -- what a package fetches from outside when it is opened -------------------------------

# Fields that load a file, a picture, a database or another program's data.
_EKSTERNE_FELT = re.compile(
    r"^\s*(INCLUDEPICTURE|INCLUDETEXT|INCLUDE|LINK|DDEAUTO|DDE|IMPORT|DATABASE|RD)\b", re.I
)
_HYPERLENKE = "/hyperlink"


def _felter(rot: etree._Element) -> list[str]:
    """Return the instructions of the fields in a part (simple and complex ones)."""
    instrukser = [el.get(_w("instr"), "") for el in rot.iter(_w("fldSimple"))]
    stabel: list[list[str]] = []
    for el in rot.iter(_w("fldChar"), _w("instrText")):
        if el.tag == _w("instrText"):
            if stabel:
                stabel[-1].append(el.text or "")
            continue
        art = el.get(_w("fldCharType"))
        if art == "begin":
            stabel.append([])
        elif art in ("separate", "end") and stabel:
            instrukser.append("".join(stabel[-1]))
            if art == "end":
                stabel.pop()
            else:
                stabel[-1] = []
    return instrukser


def felt_utenfra(rot: etree._Element) -> list[str]:
    """Return, for a person, the fields under `rot` that fetch content from outside."""
    funnet = []
    for instruks in _felter(rot):
        treff = _EKSTERNE_FELT.match(instruks)
        if treff:
            funnet.append(f"feltet {treff.group(1).upper()}")
    return funnet


def henter_utenfra(data: bytes) -> list[str]:
    """Return, for a person, what in the package `data` fetches content from outside."""
    funnet: list[str] = []
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        for navn in z.namelist():
            if navn.endswith(".rels"):
                for rel in _les_xml(z.read(navn)):
                    typ = rel.get("Type", "")
                    eksternt = rel.get("TargetMode") == "External"
                    if eksternt and not typ.endswith(_HYPERLENKE) and not _uønsket(typ):
                        funnet.append(f"en kobling til «{rel.get('Target', '')}»")
            elif navn.startswith("word/") and navn.endswith(".xml"):
                innhold = z.read(navn)
                if b"instr" not in innhold:
                    continue
                funnet += felt_utenfra(_les_xml(innhold))
    return list(dict.fromkeys(funnet))
