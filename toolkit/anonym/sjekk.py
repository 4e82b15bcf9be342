"""The last guard: search every part of a finished copy for what must not be there.

One `Sjekker` per form holds the forbidden values (every alias of every
person, the school, what was removed) in one `Ordfinner`, with the same case
rules as the replacer, and runs the identifier patterns (`detektorer`) too:
a phone number, an e-mail address, a link or a calendar date is refused
wherever it comes from. The same matcher reads the same kinds of text from a
Word document and from a PDF:

- Word: every paragraph of every XML part (body, headers, footers,
  footnotes, comments, text boxes), runs joined so a name split over runs is
  found; the document properties; alt texts; external links; the part
  names; and the XML code of every part, attributes included, for names
  (an id or a size is no phone number, so the patterns skip the code);
- PDF: the text of every page, the document information and any XMP
  metadata;
- the file names of the copy.

Each text is read as a reader sees it, the same way for Word and PDF, and as
the anonymiser read the form (`tegn.normaliser`): "412 34 567" with no-break
spaces is a phone number, "Amin" with a soft hyphen inside it (in the text or as
`w:softHyphen`) is "Amin", and a no-break hyphen (`w:noBreakHyphen`) is a hyphen.
A name inside a user name ("AminKing2012") is refused as the whole user name
(`ordfinner`).

A part that is byte for byte a part of one of Skjemaverk's own templates (the
theme, the styles, the font table …) holds nothing from the form, so it is
not searched: the theme's font list names scripts such as "Hans" and fonts
such as "Shruti", which would otherwise refuse the copy of a pupil who has
that name. Each hit is listed once, however often it stands in one place.

A name that is also a word ("Per", "Liv", "Sand") counts where it is used as
a name, by the same rule as the replacer's (`bruk.brukt_som_navn`): "Per
sier" is refused, the word in "Per uke er hun borte" is not. In a PDF only
what follows such a word is read, since what stands before it on its line
may be another table cell's text; in the XML code, where no sentence tells
which it is, such a word is not looked for (the texts of the parts are).

Time stamps (the document properties, each zip entry, the PDF's
CreationDate and ModDate) must all be the one fixed time the copy is given,
so that nothing tells when it was made.
"""

from __future__ import annotations

import hashlib
import html
import io
import zipfile
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date, datetime
from functools import cache

from lxml import etree

from toolkit.anonym import detektorer
from toolkit.anonym.ordfinner import Lesing, Ordfinner, Regel
from toolkit.anonym.tegn import normaliser
from toolkit.ressurser import maler_mappe

NAVN = "et navn fra skjemaet"
BRUKERNAVN = "et brukernavn med et navn fra skjemaet"
TIDSPUNKT = "et tidspunkt"

_PARSER = etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=True)
_TEKST = {"t", "delText", "instrText"}
_I_AVSNITT = (
    "{*}t",
    "{*}delText",
    "{*}instrText",
    "{*}tab",
    "{*}br",
    "{*}cr",
    "{*}noBreakHyphen",
)
_ALT_TEKSTER = etree.XPath("//@descr | //@title")
_LENKER = etree.XPath("//*[@TargetMode='External']/@Target")
_ANDRE_TEKSTER = etree.XPath(
    "//*[not(*) and normalize-space(text()) and not(local-name()='t' or "
    "local-name()='delText' or local-name()='instrText')]"
)
_TIDSSTEMPLER = {"created", "modified", "lastPrinted"}


def _finn(xpath: etree.XPath, rot: etree._Element) -> list[object]:
    """Return what `xpath`, a path to nodes or attributes, finds under `rot`."""
    funnet = xpath(rot)
    if not isinstance(funnet, list):  # a number, text or truth value: not a path
        raise TypeError(f"{xpath.path} finds no nodes")
    return list(funnet)


def _elementer(xpath: etree.XPath, rot: etree._Element) -> list[etree._Element]:
    """Return the elements `xpath` finds under `rot`."""
    return [el for el in _finn(xpath, rot) if isinstance(el, etree._Element)]


_DELER = {
    "word/document.xml": "brødteksten",
    "word/comments.xml": "kommentarene",
    "word/footnotes.xml": "fotnotene",
    "word/endnotes.xml": "sluttnotene",
    "docProps/core.xml": "dokumentegenskapene",
    "docProps/app.xml": "dokumentegenskapene",
    "docProps/custom.xml": "dokumentegenskapene",
}

_Bit = tuple[str, str, bool]  # place, text, and whether to run the identifier patterns


@dataclass(frozen=True)
class Lekkasje:
    """Something that must not be in the copy, and where it is."""

    sted: str  # "brødteksten, avsnitt 12 («Eleven har …»)", "PDF-en, side 2"
    verdi: str  # what was found, as written there
    hva: str  # what it is, in Norwegian: "et navn fra skjemaet", "et telefonnummer"


def _fingeravtrykk(innhold: bytes) -> tuple[int, bytes]:
    return len(innhold), hashlib.blake2b(innhold, digest_size=16).digest()


@cache
def _egne_deler() -> dict[str, frozenset[tuple[int, bytes]]]:
    """The XML parts of Skjemaverk's own templates, by part name, as (size, digest)."""
    deler: dict[str, set[tuple[int, bytes]]] = {}
    for mal in sorted(maler_mappe().glob("*.docx")):
        try:
            with zipfile.ZipFile(mal) as pakke:
                for info in pakke.infolist():
                    if info.filename.endswith((".xml", ".rels")):
                        avtrykk = _fingeravtrykk(pakke.read(info))
                        deler.setdefault(info.filename, set()).add(avtrykk)
        except (OSError, zipfile.BadZipFile):
            continue  # a template that cannot be read vouches for nothing
    return {navn: frozenset(sett) for navn, sett in deler.items()}


def egen_del(navn: str, innhold: bytes) -> bool:
    """Whether the part `navn` is byte for byte that part of one of Skjemaverk's own templates."""
    kjente = _egne_deler().get(navn)
    if not kjente or all(len(innhold) != storrelse for storrelse, _ in kjente):
        return False
    return _fingeravtrykk(innhold) in kjente


def _delnavn(navn: str) -> str:
    if navn in _DELER:
        return _DELER[navn]
    kort = navn.rsplit("/", 1)[-1]
    if kort.startswith("header"):
        return "toppteksten"
    if kort.startswith("footer"):
        return "bunnteksten"
    if navn.endswith(".rels"):
        return "koblingene i dokumentet"
    return f"delen {navn}"


def _utdrag(tekst: str) -> str:
    tekst = " ".join(tekst.split())
    return tekst if len(tekst) <= 40 else tekst[:39] + "…"


@cache
def _lokal_navn(navn: str) -> str:
    return navn.rpartition("}")[2]


def _lokal(navn: object) -> str:
    """The name of a tag or attribute without its namespace; "" for a comment."""
    return _lokal_navn(navn) if isinstance(navn, str) else ""


class Sjekker:
    """Finds what must not be in the anonymised copy of one form (see the module docstring)."""

    def __init__(
        self,
        forbudte: Mapping[str, Regel],
        *,
        tidspunkt: datetime,
        referanse: date | None = None,
    ) -> None:
        self.navn = Ordfinner({normaliser(verdi): regel for verdi, regel in forbudte.items()})
        self.tidspunkt = tidspunkt
        self.referanse = referanse

    @property
    def forbudte(self) -> list[str]:
        """The forbidden values, longest first."""
        return self.navn.verdier

    def i_tekst(
        self, tekst: str, *, identifikatorer: bool = True, lesing: Lesing = Lesing.SETNING
    ) -> list[tuple[str, str]]:
        """Return (value as written, what it is) for everything forbidden in `tekst`.

        `lesing` says how a name that is also a word is read.
        """
        if not tekst or not tekst.strip():
            return []
        # As a reader sees it: a no-break space is a space, a soft hyphen nothing (`tegn`).
        tekst = normaliser(tekst)
        treff = self.navn.finn(tekst, lesing, brukernavn=identifikatorer)
        funnet = [(tekst[t.start : t.ende], BRUKERNAVN if t.brukernavn else NAVN) for t in treff]
        if identifikatorer:
            funnet += [
                (i.tekst, detektorer.HVA[i.art]) for i in detektorer.finn(tekst, self.referanse)
            ]
        return funnet

    def _sjekk(self, biter: Iterable[_Bit], lesing: Lesing = Lesing.SETNING) -> list[Lekkasje]:
        return [
            Lekkasje(sted, verdi, hva)
            for sted, tekst, identifikatorer in biter
            for verdi, hva in self.i_tekst(tekst, identifikatorer=identifikatorer, lesing=lesing)
        ]

    def filnavn(self, navn: Iterable[str]) -> list[Lekkasje]:
        """Check the names of the files the copy is written to."""
        return self._sjekk((f"filnavnet «{n}»", n.replace("_", " "), True) for n in navn)

    def docx(self, data: bytes) -> list[Lekkasje]:
        """Check every part of a Word document (see the module docstring)."""
        lekkasjer: list[Lekkasje] = []
        stempel = self.tidspunkt.strftime("%Y-%m-%dT%H:%M:%SZ")
        with zipfile.ZipFile(io.BytesIO(data)) as pakke:
            navn = pakke.namelist()
            lekkasjer += self._sjekk(
                [("delnavnene i dokumentet", " ".join(navn).replace("_", " "), False)]
            )
            for info in pakke.infolist():
                if info.date_time != self.tidspunkt.timetuple()[:6]:
                    tid = datetime(*info.date_time).isoformat(" ")
                    lekkasjer.append(Lekkasje(f"tidsstempelet til {info.filename}", tid, TIDSPUNKT))
                if not info.filename.endswith((".xml", ".rels")):
                    continue  # pictures: the charts carry no text but their alt text
                innhold = pakke.read(info)
                if egen_del(info.filename, innhold):
                    continue  # Skjemaverk's own code: the theme, the styles …
                tekst, kode, stempler = _xml_tekster(info.filename, innhold)
                i_tekst = self._sjekk(tekst)
                # The XML code repeats what its text holds: name only what the text hides.
                sett = {x.verdi.casefold() for x in i_tekst}
                lekkasjer += i_tekst
                lekkasjer += [
                    x for x in self._sjekk(kode, Lesing.KODE) if x.verdi.casefold() not in sett
                ]
                lekkasjer += [
                    Lekkasje(sted, verdi, TIDSPUNKT) for sted, verdi in stempler if verdi != stempel
                ]
        return list(dict.fromkeys(lekkasjer))  # one hit once, in the order found

    def pdf(self, data: bytes) -> list[Lekkasje]:
        """Check every page, the document information and the XMP metadata of a PDF."""
        from pypdf import PdfReader
        from pypdf.generic import DictionaryObject, StreamObject

        leser = PdfReader(io.BytesIO(data))
        sider = [
            (f"PDF-en, side {nr}", side.extract_text() or "", True)
            for nr, side in enumerate(leser.pages, start=1)
        ]
        lekkasjer = self._sjekk(sider, Lesing.LINJE)
        biter: list[_Bit] = []
        stempel = self.tidspunkt.strftime("D:%Y%m%d%H%M%S")
        for key, verdi in (leser.metadata or {}).items():
            if key in ("/CreationDate", "/ModDate"):
                if not str(verdi).startswith(stempel):
                    lekkasjer.append(Lekkasje(f"PDF-egenskapen {key}", str(verdi), TIDSPUNKT))
            else:
                # The program's name and version ("LibreOffice 7.4") is no date.
                program = key in ("/Producer", "/Creator")
                biter.append((f"PDF-egenskapen {key}", str(verdi), not program))
        katalog = leser.trailer["/Root"]
        if isinstance(katalog, DictionaryObject) and "/Metadata" in katalog:
            metadata = katalog["/Metadata"].get_object()
            if isinstance(metadata, StreamObject):  # the XMP packet is a stream
                xmp = metadata.get_data().decode("utf-8", errors="replace")
                biter.append(("PDF-ens XMP-metadata", xmp, True))
        return list(dict.fromkeys(lekkasjer + self._sjekk(biter)))


def _xml_tekster(navn: str, innhold: bytes) -> tuple[list[_Bit], list[_Bit], list[tuple[str, str]]]:
    """Return the texts of one XML part, its whole XML code, and its time stamps."""
    del_ = _delnavn(navn)
    try:
        rot = etree.fromstring(innhold, _PARSER)
    except etree.XMLSyntaxError:
        return [(del_, innhold.decode("utf-8", errors="replace"), True)], [], []
    avsnitt: dict[object, list[str]] = {}
    biter: list[_Bit] = []
    stempler: list[tuple[str, str]] = []
    for verdi in _finn(_ALT_TEKSTER, rot):
        biter.append((f"{del_}, alternativ tekst til et bilde", str(verdi), True))
    for verdi in _finn(_LENKER, rot):
        biter.append((f"{del_}, en lenke", str(verdi), True))
    # The runs of each paragraph, joined, with its line breaks and tabs.
    for el in rot.iter(*_I_AVSNITT):
        lokal = _lokal(el.tag)
        if lokal in _TEKST:
            tekst = el.text or ""
        else:  # a no-break hyphen is a hyphen, a soft one (w:softHyphen) nothing
            tekst = {"tab": "\t", "noBreakHyphen": "-"}.get(lokal, "\n")
        forelder = el.getparent()
        while forelder is not None and _lokal(forelder.tag) != "p":
            forelder = forelder.getparent()
        if forelder is not None:
            avsnitt.setdefault(forelder, []).append(tekst)
        elif tekst.strip():
            biter.append((del_, tekst, True))
    # Text elsewhere: document properties, custom XML.
    for el in _elementer(_ANDRE_TEKSTER, rot):
        lokal = _lokal(el.tag)
        if lokal in _TIDSSTEMPLER:
            stempler.append((f"{del_} ({lokal})", (el.text or "").strip()))
        else:
            biter.append((f"{del_} ({lokal})", el.text or "", True))
    # The whole part, attributes and all, for names only: an id or a size is no phone number.
    kode = [(f"{del_}, i XML-koden", html.unescape(innhold.decode("utf-8", "replace")), False)]
    nr = 0
    for deler in avsnitt.values():
        tekst = "".join(deler)
        if tekst.strip():
            nr += 1
            biter.append((f"{del_}, avsnitt {nr} («{_utdrag(tekst)}»)", tekst, True))
    return biter, kode, stempler
