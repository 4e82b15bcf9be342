"""The template read paragraph by paragraph, each with its place as Word names it.

Body, headers, footers, footnotes and the document properties, in that order;
text boxes and tables inside cells are read where they sit. A paragraph keeps
the text elements its text came from, and the table, row and cell it is in.
"""

from __future__ import annotations

import io
from collections.abc import Iterator
from dataclasses import dataclass, field

from docx import Document
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.oxml import parse_xml
from docx.oxml.ns import qn
from lxml import etree

from toolkit.errors import MalError

_W_P = qn("w:p")
_W_T = qn("w:t")
_W_TBL = qn("w:tbl")
_W_TR = qn("w:tr")
_W_TC = qn("w:tc")
_W_TXBX = qn("w:txbxContent")
_MC_FALLBACK = "{http://schemas.openxmlformats.org/markup-compatibility/2006}Fallback"


@dataclass
class _Avsnitt:
    """One paragraph: its place, its text and where each piece of text came from."""

    nr: int
    hvor: str
    tekst: str
    biter: list[tuple[int, int, etree._Element]] = field(default_factory=list)
    p: etree._Element | None = None
    tbl: etree._Element | None = None
    tr: etree._Element | None = None
    tc: etree._Element | None = None


@dataclass
class _Del:
    """A part of the document (body, a header, a footer …) being read."""

    navn: str
    tabellprefiks: str
    avsnitt: list[_Avsnitt] = field(default_factory=list)
    avsnitt_nr: int = 0
    tabell_nr: int = 0


def _barn(el: etree._Element, tag: str) -> Iterator[etree._Element]:
    """Yield the `tag` children of `el`, looking through sdt and customXml wrappers."""
    for barn in el:
        if not isinstance(barn.tag, str) or barn.tag == _MC_FALLBACK:
            continue
        if barn.tag == tag:
            yield barn
        elif barn.tag in (qn("w:sdt"), qn("w:sdtContent"), qn("w:customXml")):
            yield from _barn(barn, tag)


def _tekst_i(
    el: etree._Element,
    biter: list[tuple[int, int, etree._Element]],
    bokser: list[etree._Element],
    pos: int,
) -> int:
    for barn in el:
        if not isinstance(barn.tag, str) or barn.tag == _MC_FALLBACK:
            continue
        if barn.tag == _W_T:
            tekst = barn.text or ""
            biter.append((pos, pos + len(tekst), barn))
            pos += len(tekst)
        elif barn.tag == _W_TXBX:
            bokser.append(barn)
        else:
            pos = _tekst_i(barn, biter, bokser, pos)
    return pos


def _les_avsnitt(
    p: etree._Element,
    del_: _Del,
    hvor: str | None,
    tbl: etree._Element | None,
    tr: etree._Element | None,
    tc: etree._Element | None,
) -> None:
    biter: list[tuple[int, int, etree._Element]] = []
    bokser: list[etree._Element] = []
    _tekst_i(p, biter, bokser, 0)
    tekst = "".join(t.text or "" for _, _, t in biter)
    if hvor is None:
        del_.avsnitt_nr += 1
        hvor = f"{del_.navn}, avsnitt {del_.avsnitt_nr}"
    avsnitt = _Avsnitt(len(del_.avsnitt), hvor, tekst, biter, p, tbl, tr, tc)
    del_.avsnitt.append(avsnitt)
    for boks in bokser:
        _gå(boks, del_, f"Tekstboks ved {hvor[0].lower()}{hvor[1:]}", None, None, None)


def _tabell(tbl: etree._Element, del_: _Del, celle: str | None) -> None:
    if celle is None:
        del_.tabell_nr += 1
        navn = f"{del_.tabellprefiks}abell {del_.tabell_nr}"
    else:
        navn = f"{celle}, tabell inni cellen"
    for r, tr in enumerate(_barn(tbl, _W_TR), start=1):
        for c, tc in enumerate(_barn(tr, _W_TC), start=1):
            _gå(tc, del_, f"{navn}, rad {r}, celle {c}", tbl, tr, tc)


def _gå(
    el: etree._Element,
    del_: _Del,
    celle: str | None,
    tbl: etree._Element | None,
    tr: etree._Element | None,
    tc: etree._Element | None,
) -> None:
    """Read every paragraph under `el` in document order."""
    for barn in el:
        if not isinstance(barn.tag, str) or barn.tag == _MC_FALLBACK:
            continue
        if barn.tag == _W_P:
            _les_avsnitt(barn, del_, celle, tbl, tr, tc)
        elif barn.tag == _W_TBL:
            _tabell(barn, del_, celle)
        else:
            _gå(barn, del_, celle, tbl, tr, tc)


def _deler(data: bytes, navn: str) -> list[_Del]:
    """Return the parts docxtpl renders, each read into paragraphs."""
    try:
        doc = Document(io.BytesIO(data))
    except Exception as e:
        raise MalError(
            f"Malen «{navn}» kan ikke åpnes som Word-dokument ({type(e).__name__}). Åpne den i "
            "Word og lagre den på nytt som Word-dokument (.docx).",
            exit_code=2,
        ) from e
    deler: list[_Del] = []
    body = _Del("Brødtekst", "T")
    _gå(doc.element.body, body, None, None, None, None)
    deler.append(body)

    # Headers and footers, named as Word names them; each part once.
    navn_for: dict[str, str] = {}
    flere = len(doc.sections) > 1
    for i, seksjon in enumerate(doc.sections, start=1):
        for hva, ord_ in (("header", "Topptekst"), ("footer", "Bunntekst")):
            for attr, tillegg in (
                (hva, ""),
                (f"first_page_{hva}", " på første side"),
                (f"even_page_{hva}", " på partallssider"),
            ):
                hf = getattr(seksjon, attr)
                if hf.is_linked_to_previous:
                    continue
                del_navn = ord_ + tillegg + (f" (del {i})" if flere else "")
                navn_for.setdefault(str(hf.part.partname), del_navn)
    for rel in doc.part.rels.values():
        if rel.is_external or rel.reltype not in (RT.HEADER, RT.FOOTER):
            continue
        part = rel.target_part
        standard = "Topptekst" if rel.reltype == RT.HEADER else "Bunntekst"
        del_ = _Del(navn_for.get(str(part.partname), standard), "")
        del_.tabellprefiks = f"{del_.navn}, t"
        _gå(part.element, del_, None, None, None, None)
        deler.append(del_)
    deler.sort(key=lambda d: (d.navn.startswith("Bunntekst"), d.navn) if d is not body else ())

    for part in doc.part.package.parts:
        if part.content_type.endswith(".footnotes+xml"):
            del_ = _Del("Fotnoter", "Fotnoter, t")
            _gå(parse_xml(part.blob), del_, None, None, None, None)
            deler.append(del_)

    egenskaper = _Del("Dokumentegenskaper", "")
    for attr, tittel in (
        ("title", "tittel"),
        ("subject", "emne"),
        ("author", "forfatter"),
        ("comments", "merknader"),
        ("identifier", "identifikator"),
        ("language", "språk"),
    ):
        verdi = getattr(doc.core_properties, attr) or ""
        if verdi:
            egenskaper.avsnitt.append(
                _Avsnitt(len(egenskaper.avsnitt), f"Dokumentegenskaper ({tittel})", verdi)
            )
    deler.append(egenskaper)
    return deler
