"""Clean a Word package: only what Skjemaverk puts there goes into a document.

A school's template is a Word file from outside, and what Word keeps beside
the text would otherwise reach every document made from it, the anonymised
copy included: comments with their authors, tracked changes with names and
times, custom properties, the company and manager in the app properties, the
path of the template it was made from, a thumbnail of its first page,
building blocks, embedded objects, macros, add-ins, parts of any other kind.

`Pakke` reads a package and walks its relationships from the package's own,
as Word does: a part is what the relationship to it says it is, wherever it
lives and whatever it is called. What a document may hold is an allow-list
(`_RELASJONER`): the main document; its styles (with effects), numbering,
settings, web settings, font table and theme; headers, footers, footnotes and
endnotes; pictures inside the package (PNG, JPEG, GIF, BMP, TIFF, EMF, WMF);
hyperlinks; and the core and app properties. `Pakke.renset` gives the package
with that and nothing else:

- every other part and relationship is dropped, and every reference to a
  dropped relationship in the XML with it (the drawing, picture, object or
  HTML chunk that used it, a header reference, an embedded font), so that
  the document stays valid; `fjernet` names each kind, for `sjekk-mal`;
- comments are removed and tracked changes accepted (insertions and moves
  kept, deletions and moved-from text dropped, a deleted paragraph mark joins
  its paragraph to the next one, deleted table rows go, the old formatting
  is dropped) in the main document, headers, footers, footnotes, endnotes,
  styles and numbering, found by relationship;
- the settings lose the template's history and its ties to other files:
  change tracking, revision ids, document variables, the attached template,
  mail-merge sources, and document and write protection;
- the core properties keep only the fields Skjemaverk fills in, and the app
  properties become `<Application>Skjemaverk</Application>` alone;
- the main document gets the content type of a plain .docx (a .docm's macros
  or a .dotx's template type do not follow).

Every XML part of the package is parsed, used or not; one that cannot be
(or that holds a DTD, which Word never writes) is in `ulesbare`, and such a
template is refused: a part that cannot be read cannot be checked.

`utenfra` says what the kept parts would fetch from outside when a document
is opened or converted: fields such as INCLUDEPICTURE, INCLUDETEXT, LINK, DDE
or DATABASE in any of them; every relationship to a target outside the
package, except a hyperlink that only hyperlinks use (a linked picture, a
"hyperlink" used as a picture, a frame, an external object or subdocument);
a VML picture's address (`src`); an online video. With a template field such
as `INCLUDEPICTURE "http://…/{{ elev_navn }}"` a document would send the
pupil's name out when opened, so the renderer refuses such a template; and
since a field's instruction can be made by the template's own code, it
checks every rendered document the same way before it is saved. The
attached template and mail-merge sources of the settings are not in this
list: they are dropped, with a warning.

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
from itertools import chain

from lxml import etree

__all__ = ["Metadata", "Pakke", "UlesbarPakke", "felt_utenfra"]

_W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
_REL = "http://schemas.openxmlformats.org/package/2006/relationships"
_CT = "http://schemas.openxmlformats.org/package/2006/content-types"
_APP = "http://schemas.openxmlformats.org/officeDocument/2006/extended-properties"
_VT = "http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes"
_CUSTOM = "http://schemas.openxmlformats.org/officeDocument/2006/custom-properties"
_R = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
_CP = "http://schemas.openxmlformats.org/package/2006/metadata/core-properties"
_DC = "http://purl.org/dc/elements/1.1/"
_DCTERMS = "http://purl.org/dc/terms/"
_A = "http://schemas.openxmlformats.org/drawingml/2006/main"
_MC = "http://schemas.openxmlformats.org/markup-compatibility/2006"
_O = "urn:schemas-microsoft-com:office:office"
_V = "urn:schemas-microsoft-com:vml"
_WP15 = "http://schemas.microsoft.com/office/word/2012/wordprocessingDrawing"
_WML = "application/vnd.openxmlformats-officedocument.wordprocessingml."
_HOVEDTYPE = _WML + "document.main+xml"
_APP_TYPE = "application/vnd.openxmlformats-officedocument.extended-properties+xml"
_KJERNE_TYPE = "application/vnd.openxmlformats-package.core-properties+xml"
_RT = _R + "/"
_APP_REL = _RT + "extended-properties"


def _w(navn: str) -> str:
    return f"{{{_W}}}{navn}"


# -- what a document may hold ------------------------------------------------------------

# The roles of the parts, named as the messages name them.
_HOVED = "dokumentet"
_TOPP = "toppteksten"
_BUNN = "bunnteksten"
_FOTNOTER = "fotnotene"
_SLUTTNOTER = "sluttnotene"
_STILER = "stilene"
_EFFEKTSTILER = "stilene med effekter"
_NUMMERERING = "nummereringen"
_INNSTILLINGER_ROLLE = "innstillingene"
_NETT = "nettinnstillingene"
_SKRIFTER = "skrifttabellen"
_TEMA = "temaet"
_BILDE = "et bilde"
_KJERNE = "dokumentegenskapene"
_APP_ROLLE = "app-egenskapene"

# From a part in a role ("" for the package), by the type of a relationship: the role
# of its target. Every relationship not here is dropped, with its target.
_RELASJONER: dict[str, dict[str, str]] = {
    "": {
        _RT + "officeDocument": _HOVED,
        "http://schemas.openxmlformats.org/package/2006/relationships/metadata/"
        "core-properties": _KJERNE,
        _RT + "metadata/core-properties": _KJERNE,
        _APP_REL: _APP_ROLLE,
    },
    _HOVED: {
        _RT + "styles": _STILER,
        "http://schemas.microsoft.com/office/2007/relationships/stylesWithEffects": _EFFEKTSTILER,
        _RT + "numbering": _NUMMERERING,
        _RT + "settings": _INNSTILLINGER_ROLLE,
        _RT + "webSettings": _NETT,
        _RT + "fontTable": _SKRIFTER,
        _RT + "theme": _TEMA,
        _RT + "header": _TOPP,
        _RT + "footer": _BUNN,
        _RT + "footnotes": _FOTNOTER,
        _RT + "endnotes": _SLUTTNOTER,
        _RT + "image": _BILDE,
    },
    # Pictures in a header, a note, a picture bullet or a theme's fill.
    **{
        rolle: {_RT + "image": _BILDE}
        for rolle in (_TOPP, _BUNN, _FOTNOTER, _SLUTTNOTER, _NUMMERERING, _TEMA)
    },
}
# The content type a part in each role must have.
_INNHOLDSTYPER: dict[str, frozenset[str]] = {
    _HOVED: frozenset(
        {
            _HOVEDTYPE,
            _WML + "template.main+xml",
            "application/vnd.ms-word.document.macroEnabled.main+xml",
            "application/vnd.ms-word.template.macroEnabledTemplate.main+xml",
        }
    ),
    _STILER: frozenset({_WML + "styles+xml"}),
    _EFFEKTSTILER: frozenset({"application/vnd.ms-word.stylesWithEffects+xml"}),
    _NUMMERERING: frozenset({_WML + "numbering+xml"}),
    _INNSTILLINGER_ROLLE: frozenset({_WML + "settings+xml"}),
    _NETT: frozenset({_WML + "webSettings+xml"}),
    _SKRIFTER: frozenset({_WML + "fontTable+xml"}),
    _TEMA: frozenset({"application/vnd.openxmlformats-officedocument.theme+xml"}),
    _TOPP: frozenset({_WML + "header+xml"}),
    _BUNN: frozenset({_WML + "footer+xml"}),
    _FOTNOTER: frozenset({_WML + "footnotes+xml"}),
    _SLUTTNOTER: frozenset({_WML + "endnotes+xml"}),
    _KJERNE: frozenset({_KJERNE_TYPE}),
    _APP_ROLLE: frozenset({_APP_TYPE}),
    # Pictures that are only pixels or drawing commands: not SVG, which can fetch.
    _BILDE: frozenset(
        {
            "image/png",
            "image/x-png",
            "image/jpeg",
            "image/jpg",
            "image/pjpeg",
            "image/gif",
            "image/bmp",
            "image/x-bmp",
            "image/tiff",
            "image/x-emf",
            "image/emf",
            "image/x-wmf",
            "image/wmf",
        }
    ),
}
# The parts with the document's text, whose comments and tracked changes are cleaned.
_TEKSTROLLER = frozenset(
    {_HOVED, _TOPP, _BUNN, _FOTNOTER, _SLUTTNOTER, _STILER, _EFFEKTSTILER, _NUMMERERING}
)

# What a dropped relationship brought, for sjekk-mal, by the last part of its type.
# None: said by a warning of its own (comments, custom properties …) or not worth one.
_FJERNET: dict[str, str | None] = {
    "comments": None,
    "commentsExtended": None,
    "commentsIds": None,
    "commentsExtensible": None,
    "people": None,
    "custom-properties": None,
    "thumbnail": None,
    "attachedTemplate": None,
    "mailMergeSource": "en kobling til data for fletting",
    "mailMergeHeaderSource": "en kobling til data for fletting",
    "recipientData": "en kobling til data for fletting",
    "customXml": None,  # Word's own data for cover pages and sources, in the built-in ones
    "glossaryDocument": "byggeblokker (hurtigdeler eller autotekst)",
    "oleObject": "et innebygd objekt",
    "package": "et innebygd objekt",
    "vbaProject": "makroer (VBA)",
    "wordVbaData": "makroer (VBA)",
    "keyMapCustomizations": "makroer (VBA)",
    "attachedToolbars": "makroer (VBA)",
    "aFChunk": "et innlimt dokument (altChunk)",
    "webextensiontaskpanes": "et Office-tillegg",
    "webextension": "et Office-tillegg",
    "control": "en ActiveX-kontroll",
    "chart": "et diagram laget i Word",
    "chartUserShapes": "et diagram laget i Word",
    "diagramData": "SmartArt-grafikk",
    "diagramLayout": "SmartArt-grafikk",
    "diagramQuickStyle": "SmartArt-grafikk",
    "diagramColors": "SmartArt-grafikk",
    "diagramDrawing": "SmartArt-grafikk",
    "printerSettings": "skriverinnstillinger",
    "font": "innebygde skrifter",
    "origin": "en digital signatur",
}
# Relationships of the settings to other files: dropped (with a warning), not refused.
_INNSTILLINGENES_KOBLINGER = frozenset(
    {"attachedTemplate", "mailMergeSource", "mailMergeHeaderSource", "recipientData"}
)
# Where a hyperlink's relationship may be used: a link to click, that fetches nothing.
_LENKER = frozenset({_w("hyperlink"), f"{{{_A}}}hlinkClick", f"{{{_A}}}hlinkHover"})
# What holds a reference to a part and goes with it when the part is dropped.
_HOLDERE = frozenset(
    {_w("drawing"), _w("pict"), _w("object"), _w("altChunk"), _w("subDoc"), _w("control")}
)
# A quick look for a field, a VML address or a video, so that a part without any is not parsed.
_KAN_HENTE = re.compile(rb"instr|\ssrc\s*=|webVideoPr")
_ALTERNATIVER = frozenset({f"{{{_MC}}}Choice", f"{{{_MC}}}Fallback"})
_SVG = "{http://schemas.microsoft.com/office/drawing/2016/SVG/main}svgBlip"
# A target or an address outside the package: a URL, a path of another machine or drive.
_ADRESSE = re.compile(r"^\s*(?:[a-z][a-z0-9+.-]*:|\\\\|//)", re.I)

# Settings that carry the template's history, its protection, or another file's path.
_INNSTILLINGER = frozenset(
    _w(n)
    for n in (
        "attachedTemplate",
        "docVars",
        "mailMerge",
        "trackRevisions",
        "rsids",
        "documentProtection",
        "writeProtection",
        "saveThroughXslt",
        "linkStyles",
    )
)
# The core properties a template keeps: those docxtpl fills in and Skjemaverk sets.
_KJERNEFELT = frozenset(
    {
        f"{{{_DC}}}title",
        f"{{{_DC}}}subject",
        f"{{{_DC}}}creator",
        f"{{{_DC}}}description",
        f"{{{_DC}}}identifier",
        f"{{{_DC}}}language",
        f"{{{_CP}}}keywords",
        f"{{{_CP}}}lastModifiedBy",
        f"{{{_CP}}}revision",
        f"{{{_CP}}}category",
        f"{{{_CP}}}contentStatus",
        f"{{{_CP}}}version",
        f"{{{_DCTERMS}}}created",
        f"{{{_DCTERMS}}}modified",
    }
)

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
_EGENSKAPER = frozenset({_w("rPr"), _w("trPr"), _w("numPr"), _w("tcPr")})

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


def _mål(mappe: str, target: str) -> str:
    if target.startswith("/"):
        return posixpath.normpath(target.lstrip("/"))
    return posixpath.normpath(posixpath.join(mappe, target))


def _rels_for(del_navn: str) -> str:
    """Return the name of the relationships of `del_navn` ("" for the package)."""
    if not del_navn:
        return "_rels/.rels"
    mappe, navn = posixpath.split(del_navn)
    return posixpath.join(mappe, "_rels", f"{navn}.rels")


def _art(relasjonstype: str) -> str:
    """Return the last part of a relationship's type ("…/relationships/image" -> "image")."""
    return relasjonstype.rstrip("/").rsplit("/", 1)[-1]


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

# Fields that load a file, a picture, a database or another program's data.
_EKSTERNE_FELT = re.compile(
    r"^\s*(INCLUDEPICTURE|INCLUDETEXT|INCLUDE|LINK|DDEAUTO|DDE|IMPORT|DATABASE|RD)\b", re.I
)


def _zipinfo(navn: str, komprimer: bool) -> zipfile.ZipInfo:
    info = zipfile.ZipInfo(navn, (1980, 1, 1, 0, 0, 0))
    info.compress_type = zipfile.ZIP_DEFLATED if komprimer else zipfile.ZIP_STORED
    return info


class UlesbarPakke(ValueError):
    """The package has no main document, no content types, or parts that cannot be read."""


@dataclass
class _Relasjon:
    id: str
    typ: str
    mål: str  # the part's name, or the address outside
    beholdes: bool = False


class Pakke:
    """A Word package, walked by its relationships (see the module docstring).

    `roller` holds the parts a document keeps, each with its role; `fjernet`
    what else the template holds; `ulesbare` the XML parts that cannot be
    read; `utenfra_med_sted` what the kept parts fetch from outside, each with
    the role of the part it is in ("" for the package).

    `sjekk_alt=False` parses only what the check for what is fetched from
    outside needs (a rendered document, made by python-docx, is well-formed).
    """

    def __init__(self, data: bytes, *, sjekk_alt: bool = True) -> None:
        try:
            with zipfile.ZipFile(io.BytesIO(data)) as z:
                self._infos = z.infolist()
                self.deler = {i.filename: z.read(i) for i in self._infos}
        except (zipfile.BadZipFile, EOFError, ValueError, OSError) as e:
            raise UlesbarPakke("not a zip package") from e
        self._xml: dict[str, etree._Element | None] = {}
        self.ulesbare: list[str] = []
        self.roller: dict[str, str] = {}
        self.relasjoner: dict[str, list[_Relasjon]] = {}  # by the part they start from
        self.fjernet: list[str] = []
        self.utenfra_med_sted: list[tuple[str, str]] = []
        self._droppet: list[tuple[str, str]] = []  # (type, target) of dropped relationships
        self._referanser: dict[str, dict[str, list[etree._Element]]] = {}
        if "[Content_Types].xml" not in self.deler or "_rels/.rels" not in self.deler:
            raise UlesbarPakke("no content types or package relationships")
        self._les("[Content_Types].xml")
        if sjekk_alt:  # every XML part, used or not: one that cannot be read is refused
            for navn in self.deler:
                if navn.lower().endswith((".xml", ".rels")) or self._type(navn).endswith("xml"):
                    self._les(navn)
        if self.ulesbare and (sjekk_alt or "[Content_Types].xml" in self.ulesbare):
            return  # the template is refused: nothing more to look at
        self._gå()
        if _HOVED not in self.roller.values():
            raise UlesbarPakke("no main document")
        self._finn_utenfra()

    # -- reading ------------------------------------------------------------------------

    def _les(self, navn: str) -> etree._Element | None:
        """Return the parsed part `navn`; None (and in `ulesbare`) if it cannot be read."""
        if navn in self._xml:
            return self._xml[navn]
        rot: etree._Element | None
        try:
            rot = _les_xml(self.deler[navn])
            if getattr(rot.getroottree().docinfo, "doctype", ""):  # a DTD: entities, files
                rot = None
        except (etree.XMLSyntaxError, ValueError):
            rot = None
        self._xml[navn] = rot
        if rot is None:
            self.ulesbare.append(navn)
        return rot

    def _type(self, navn: str) -> str:
        """Return the content type of the part `navn` ("" if it has none)."""
        typer = self._xml.get("[Content_Types].xml")
        if typer is None:
            return ""
        for override in typer.iter(f"{{{_CT}}}Override"):
            if override.get("PartName", "").lstrip("/").lower() == navn.lower():
                return override.get("ContentType", "")
        utvidelse = navn.rsplit(".", 1)[-1].lower() if "." in navn else ""
        for standard in typer.iter(f"{{{_CT}}}Default"):
            if standard.get("Extension", "").lower() == utvidelse:
                return standard.get("ContentType", "")
        return ""

    def _referanser_i(self, navn: str) -> dict[str, list[etree._Element]]:
        """Return, by relationship id, the elements of the part `navn` that use it."""
        if navn not in self._referanser:
            bruk: dict[str, list[etree._Element]] = {}
            rot = self._les(navn) if navn in self.deler else None
            if rot is not None:
                for el in rot.iter():
                    for attr, verdi in el.attrib.items():
                        if str(attr).startswith(f"{{{_R}}}") or attr == f"{{{_O}}}relid":
                            bruk.setdefault(str(verdi), []).append(el)
            self._referanser[navn] = bruk
        return self._referanser[navn]

    # -- the walk -------------------------------------------------------------------------

    def _gå(self) -> None:
        """Walk the relationships from the package's own; keep what the allow-list names."""
        kø: list[tuple[str, str]] = [("", "")]
        while kø:
            kilde, rolle = kø.pop(0)
            rels_navn = _rels_for(kilde)
            rot = self._les(rels_navn) if rels_navn in self.deler else None
            if rot is None:
                continue
            mappe = posixpath.dirname(kilde)
            liste = self.relasjoner.setdefault(kilde, [])
            for el in rot.iter(f"{{{_REL}}}Relationship"):
                rel = _Relasjon(el.get("Id", ""), el.get("Type", ""), el.get("Target", ""))
                liste.append(rel)
                if el.get("TargetMode") == "External" or _ADRESSE.match(rel.mål):
                    rel.beholdes = self._eksternt(kilde, rolle, rel)
                    continue
                rel.mål = _mål(mappe, rel.mål)
                ny = _RELASJONER.get(rolle, {}).get(rel.typ)
                rel.beholdes = (
                    ny is not None
                    and rel.mål in self.deler
                    and self._type(rel.mål) in _INNHOLDSTYPER[ny]
                    and self.roller.get(rel.mål, ny) == ny
                    and (ny == _BILDE or self._les(rel.mål) is not None)
                )
                if not rel.beholdes:
                    self._slipp(rel)
                elif ny is not None and rel.mål not in self.roller:
                    self.roller[rel.mål] = ny
                    kø.append((rel.mål, ny))

    def _slipp(self, rel: _Relasjon) -> None:
        """Note what a dropped relationship brought, for sjekk-mal."""
        self._droppet.append((rel.typ, rel.mål))
        art = _art(rel.typ)
        if art in _FJERNET:
            hva = _FJERNET[art]
        elif self._type(rel.mål) == "image/svg+xml":
            hva = "et SVG-bilde (det blir med som vanlig bilde der Word har lagret et)"
        else:
            hva = f"en del Skjemaverk ikke bruker («{rel.mål}»)"
        if hva is not None and hva not in self.fjernet:
            self.fjernet.append(hva)

    def _eksternt(self, kilde: str, rolle: str, rel: _Relasjon) -> bool:
        """Decide on a relationship to a target outside the package: keep, drop or refuse."""
        art = _art(rel.typ)
        if art == "hyperlink":
            bruk = self._referanser_i(kilde).get(rel.id, [])
            if bruk and all(el.tag in _LENKER for el in bruk):
                return True
            if not bruk:
                return False  # unused: dropped, fetches nothing
        elif art in _INNSTILLINGENES_KOBLINGER and rolle == _INNSTILLINGER_ROLLE:
            self._droppet.append((rel.typ, rel.mål))
            return False
        hva = f"en kobling til «{rel.mål}»"
        if (hva, rolle) not in self.utenfra_med_sted:
            self.utenfra_med_sted.append((hva, rolle))
        return False

    def _finn_utenfra(self) -> None:
        """Find the fields, VML pictures and videos in the kept parts that fetch from outside."""
        for navn, rolle in self.roller.items():
            if rolle == _BILDE or not _KAN_HENTE.search(self.deler[navn]):
                continue
            rot = self._les(navn)
            if rot is None:
                continue
            funnet = felt_utenfra(rot)
            for el in rot.iter(f"{{{_V}}}*", f"{{{_O}}}*"):
                adresse = el.get("src", "")
                if _ADRESSE.match(adresse):
                    funnet.append(f"en kobling til «{adresse.strip()}»")
            if next(rot.iter(f"{{{_WP15}}}webVideoPr"), None) is not None:
                funnet.append("en nettvideo")
            for hva in funnet:
                if (hva, rolle) not in self.utenfra_med_sted:
                    self.utenfra_med_sted.append((hva, rolle))

    @property
    def utenfra(self) -> list[str]:
        """What the kept parts fetch from outside, each once, for a person."""
        return list(dict.fromkeys(hva for hva, _ in self.utenfra_med_sted))

    # -- the clean package ---------------------------------------------------------------

    def renset(self, *, komprimer: bool = True) -> bytes:
        """Return the package with the parts a document may hold and nothing else.

        `komprimer=False` stores the parts uncompressed: quicker, for a package
        that is only read again in memory (a prepared template).
        """
        if self.ulesbare:
            raise UlesbarPakke(f"parts that cannot be read: {', '.join(self.ulesbare)}")
        nye: dict[str, bytes] = {}
        ut = ["[Content_Types].xml"]
        app_navn = next((n for n, r in self.roller.items() if r == _APP_ROLLE), None)

        # Relationships: only the kept ones.
        for kilde, relasjoner in self.relasjoner.items():
            if kilde and kilde not in self.roller:
                continue
            rels_navn = _rels_for(kilde)
            beholdt = {rel.id for rel in relasjoner if rel.beholdes}
            rot = _les_xml(self.deler[rels_navn])
            for el in list(rot):
                if el.get("Id") not in beholdt:
                    rot.remove(el)
            if kilde == "" and app_navn is None:
                app_navn = "docProps/app.xml"
                while app_navn in self.roller:
                    app_navn = app_navn.replace(".xml", "1.xml")
                brukte = {el.get("Id") for el in rot}
                nr = next(i for i in range(1, len(brukte) + 2) if f"rIdApp{i}" not in brukte)
                etree.SubElement(
                    rot, f"{{{_REL}}}Relationship", Id=f"rIdApp{nr}", Type=_APP_REL, Target=app_navn
                )
            if len(rot) or kilde == "":
                nye[rels_navn] = _skriv_xml(rot)
                ut.append(rels_navn)

        # The kept parts, cleaned.
        for navn, rolle in self.roller.items():
            ut.append(navn)
            if rolle == _BILDE:
                continue
            if rolle == _APP_ROLLE:
                nye[navn] = _MINIMAL_APP
                continue
            rot = _les_xml(self.deler[navn])
            droppet = {r.id for r in self.relasjoner.get(navn, []) if not r.beholdes}
            endret = _fjern_referanser(rot, droppet) if droppet else False
            if rolle in _TEKSTROLLER and _SPOR.search(self.deler[navn]):
                endret = _rens_del(rot) or endret
            elif rolle == _INNSTILLINGER_ROLLE:
                endret = _rens_innstillinger(rot) or endret
            elif rolle == _KJERNE:
                endret = _rens_kjerne(rot) or endret
            if endret:
                nye[navn] = _skriv_xml(rot)
        if app_navn is not None and app_navn not in self.roller:
            nye[app_navn] = _MINIMAL_APP
            ut.append(app_navn)
        nye["[Content_Types].xml"] = self._innholdstyper(app_navn)

        skrevet = io.BytesIO()
        med = set(ut)
        with zipfile.ZipFile(skrevet, "w", zipfile.ZIP_DEFLATED) as z:
            for info in self._infos:
                if info.filename in med:
                    med.discard(info.filename)
                    innhold = nye.get(info.filename, self.deler[info.filename])
                    z.writestr(_zipinfo(info.filename, komprimer), innhold)
            for navn in ut:  # parts that were not there before
                if navn in med:
                    med.discard(navn)
                    z.writestr(_zipinfo(navn, komprimer), nye[navn])
        return skrevet.getvalue()

    def _innholdstyper(self, app_navn: str | None) -> bytes:
        """Return [Content_Types].xml for the kept parts: a plain .docx's main document."""
        gamle = _les_xml(self.deler["[Content_Types].xml"])
        typer = etree.fromstring(f'<Types xmlns="{_CT}"/>')
        utvidelser = {"rels", "xml"}
        overstyrt: dict[str, str] = {}
        for navn, rolle in self.roller.items():
            if rolle == _APP_ROLLE:
                continue
            typ = _HOVEDTYPE if rolle == _HOVED else self._type(navn)
            overstyrt[navn] = typ
        for standard in gamle.iter(f"{{{_CT}}}Default"):
            utvidelse = standard.get("Extension", "").lower()
            brukt = utvidelse in utvidelser or any(
                n.lower().endswith("." + utvidelse) for n in overstyrt
            )
            if brukt:
                etree.SubElement(
                    typer, f"{{{_CT}}}Default", Extension=utvidelse,
                    ContentType=standard.get("ContentType", ""),
                )  # fmt: skip
        for navn, typ in overstyrt.items():
            etree.SubElement(typer, f"{{{_CT}}}Override", PartName=f"/{navn}", ContentType=typ)
        if app_navn is not None:
            etree.SubElement(
                typer, f"{{{_CT}}}Override", PartName=f"/{app_navn}", ContentType=_APP_TYPE
            )
        return _skriv_xml(typer)

    # -- what the template holds, for sjekk-mal -----------------------------------------------

    def metadata(self) -> Metadata:
        """Return what the template holds of comments, changes and foreign properties."""
        funn = Metadata(fjernet=list(self.fjernet))
        for typ, mål in self._droppet:
            art = _art(typ)
            rot = self._les(mål) if mål in self.deler else None
            if rot is None:
                continue
            if art == "comments":
                funn.kommentarer += len(rot.findall(_w("comment")))
            elif art == "custom-properties":
                funn.egendefinerte += [
                    p.get("name", "") for p in rot.iter(f"{{{_CUSTOM}}}property")
                ]
        for navn, rolle in self.roller.items():
            if rolle == _BILDE:
                continue
            rot = self._les(navn)
            if rot is None:
                continue
            if rolle in _TEKSTROLLER and not funn.sporede_endringer:
                if _SPOR.search(self.deler[navn]):
                    funn.sporede_endringer = any(True for _ in rot.iter(*_ENDRINGER, *_PAKKES_UT))
            elif rolle == _APP_ROLLE:
                for felt in _APP_FELTER:
                    el = rot.find(f"{{{_APP}}}{felt}")
                    verdi = (el.text or "").strip() if el is not None else ""
                    if verdi and not (felt == "Template" and verdi.lower() in _NORMAL):
                        funn.app[felt] = verdi
            elif rolle == _INNSTILLINGER_ROLLE:
                funn.tilknyttet_mal = rot.find(_w("attachedTemplate")) is not None
                funn.beskyttet = any(
                    rot.find(_w(n)) is not None for n in ("documentProtection", "writeProtection")
                )
        return funn


def _fjern_referanser(rot: etree._Element, droppet: set[str]) -> bool:
    """Remove what in `rot` uses a dropped relationship; True if anything was.

    A link keeps its text; a picture's SVG version goes and the picture stays;
    otherwise the drawing, picture, object or chunk that holds the reference
    goes (with the Word 2010 choice it is in), or the element itself (a header
    reference, an embedded font, a setting).
    """
    borte: list[etree._Element] = []
    for el in rot.iter():
        for attr, verdi in el.attrib.items():
            if str(verdi) not in droppet or not (
                str(attr).startswith(f"{{{_R}}}") or attr == f"{{{_O}}}relid"
            ):
                continue
            if el.tag in _LENKER:
                del el.attrib[attr]
                borte.append(rot)  # changed, nothing to remove
                break
            if el.tag == _SVG:
                holder = next(el.iterancestors(f"{{{_A}}}ext"), el)
            else:
                holder = next((a for a in chain([el], el.iterancestors()) if a.tag in _HOLDERE), el)
            forelder = holder.getparent()
            if forelder is not None and forelder.tag in _ALTERNATIVER:
                valg = forelder.getparent()
                holder = valg if valg is not None else holder
            borte.append(holder)
            break
    for el in borte:
        if el is not rot and el.getparent() is not None:
            _fjern(el)
    return bool(borte)


def _rens_innstillinger(rot: etree._Element) -> bool:
    """Remove the settings that carry history, protection or another file's path."""
    gamle = [el for el in rot if el.tag in _INNSTILLINGER]
    for el in gamle:
        rot.remove(el)
    return bool(gamle)


def _rens_kjerne(rot: etree._Element) -> bool:
    """Keep only the core properties docxtpl fills in and Skjemaverk sets."""
    andre = [el for el in rot if el.tag not in _KJERNEFELT]
    for el in andre:
        rot.remove(el)
    return bool(andre)


# -- what a template holds, for sjekk-mal --------------------------------------------------


@dataclass
class Metadata:
    """What a template carries beside its content, that documents will not get."""

    kommentarer: int = 0
    sporede_endringer: bool = False
    egendefinerte: list[str] = field(default_factory=list)  # custom property names
    app: dict[str, str] = field(default_factory=dict)  # Company, Manager … with their values
    tilknyttet_mal: bool = False
    beskyttet: bool = False  # document or write protection
    fjernet: list[str] = field(default_factory=list)  # other kinds of content left out


# App properties worth a warning; Template only when it is not Word's own Normal.
_APP_FELTER = ("Company", "Manager", "HyperlinkBase", "Template")
_NORMAL = {"", "normal", "normal.dot", "normal.dotm", "normal.dotx"}


# -- what a package fetches from outside when it is opened -------------------------------


# A field whose name is another field's result ({ { QUOTE "INCLUDE" }PICTURE … }):
# what it does is known only when Word works it out.
_FELT_I_NAVNET = "\x00"


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
            if stabel and not "".join(stabel[-1]).strip():
                instrukser.append(_FELT_I_NAVNET)
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
        elif instruks == _FELT_I_NAVNET:
            funnet.append("et felt som får navnet sitt fra et annet felt")
    return funnet
