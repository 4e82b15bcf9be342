"""Check a Word template before it is used: every problem, each with its place.

`sjekk_mal` reads the template's XML (body, headers, footers, footnotes and the
document properties) paragraph by paragraph, finds every docxtpl/Jinja tag and
reports, in one run:

- a tag that is not closed, or a closing `}}` / `%}` without its opening;
- Jinja syntax errors, one per tag, and `{% if %}` / `{% for %}` blocks that
  are not closed, or closed by the wrong tag;
- unknown fields, with the closest known one ("mente du elev_navn?"), and
  unknown columns of a table row (`{{ t.ansvarlg }}`);
- tags that Word has split: across paragraphs, or across a link, a content
  control or a tracked change (docxtpl then breaks the document), and, as a
  warning, a tag whose parts have different formatting (docxtpl joins the
  parts; the value gets the formatting of the first part);
- Word's smart quotes inside a tag (« » break it; “ ” ‘ ’ are repaired by
  docxtpl, a warning);
- `{%p`, `{%tr`, `{%tc` tags that share their paragraph, row or cell with
  other text (docxtpl removes that text), and a `{%tr` outside a table;
- a `{% for %}` or `{% if %}` whose end is in another table cell or row
  without `{%tr` tags, or in another part of the document (a broken document);
- a template that tries to reach Python internals (`__class__`, `mro`,
  `__globals__`, `.tpl` …): "Malen prøver å kjøre kode. Den blir ikke brukt.";
- what the renderer's closed sandbox refuses (`toolkit.render`): a method or
  attribute outside its allow-list (`elev_navn.center(9)`, `tiltak.append`,
  anything on a picture), the names `self`, `cycler`, `joiner`, `lipsum`,
  recursive loops and the filters Skjemaverk leaves out, each with its reason;
- fields and links that would make a document fetch something from outside
  when it is opened (INCLUDEPICTURE, a linked picture …);
- as warnings, what the template carries that documents will not get:
  comments, tracked changes, custom properties, the company or manager in the
  app properties, an attached template (`toolkit.rens`).

Places are written for a person with the template open in Word: "Brødtekst,
avsnitt 12", "Tabell 2, rad 3, celle 1", "Topptekst, avsnitt 1", with the text
of the paragraph around the problem.

When nothing is found, the template is also prepared with `toolkit.render.Mal`
and filled once with example data, in the same sandbox and with the same
limits, so that what the renderer would refuse or stop is reported too, with
its place.
"""

from __future__ import annotations

import difflib
import io
import re
import struct
import zlib
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from docx import Document
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.oxml import parse_xml
from docx.oxml.ns import qn
from jinja2 import nodes
from jinja2.exceptions import TemplateSyntaxError
from jinja2.sandbox import SandboxedEnvironment

from toolkit.bilde import Bilde
from toolkit.definisjon import Skjemadefinisjon
from toolkit.errors import MalError
from toolkit.modell import Alvor, Skjemadata
from toolkit.render import (
    DICT_METODER,
    LOOP_EGENSKAPER,
    STR_METODER,
    ForbudtKode,
    Mal,
    MalStoppet,
    lag_miljo,
    les_maldata,
)
from toolkit.rens import Metadata, henter_utenfra, metadata

__all__ = ["Malfunn", "eksempeldata", "har_feil", "sjekk_mal"]

_W_P = qn("w:p")
_W_T = qn("w:t")
_W_R = qn("w:r")
_W_RPR = qn("w:rPr")
_W_TBL = qn("w:tbl")
_W_TR = qn("w:tr")
_W_TC = qn("w:tc")
_W_TXBX = qn("w:txbxContent")
_MC_FALLBACK = "{http://schemas.openxmlformats.org/markup-compatibility/2006}Fallback"
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

_SLUTT = {"{{": "}}", "{%": "%}", "{#": "#}"}
_ÅPNER = re.compile(r"\{[{%#]")
_LØS_SLUTT = re.compile(r"[}%]\}")
_ENKEL_KLAMME = re.compile(r"(?<!\{)\{\s*([a-z_][a-z0-9_]*)\s*\}(?!\})")
_DOCXTPL_PREFIKS = re.compile(r"(tr|tc|p|r) ")

_FEIL_ANFØRSEL = "«»„‚‹›"
_RETTES_ANFØRSEL = {"“": '"', "”": '"', "‘": "'", "’": "'"}

# Jinja blocks: opening keyword -> closing keyword.
_BLOKKER = {
    "if": "endif",
    "for": "endfor",
    "with": "endwith",
    "filter": "endfilter",
    "macro": "endmacro",
    "call": "endcall",
    "block": "endblock",
    "autoescape": "endautoescape",
    "raw": "endraw",
}
_MIDT = {"elif": ("if",), "else": ("if", "for")}
_AVSLUTTER = {slutt: start for start, slutt in _BLOKKER.items()} | {"endset": "set"}
_UTEN_LASTER = {"include", "extends", "import", "from"}
# docxtpl's own tags, handled before Jinja sees the template.
_DOCXTPL_TAGGER = {"vm", "hm", "colspan", "cellbg"}
_NØKKELORD = sorted(
    set(_BLOKKER) | set(_MIDT) | set(_AVSLUTTER) | {"set", "endset"} | _DOCXTPL_TAGGER
)

# Attribute names that only serve to reach Python internals.
# fmt: off
_FARLIGE = frozenset((
    "mro", "globals", "subclasses", "builtins", "func_globals", "func_code", "func_closure",
    "f_globals", "f_locals", "f_builtins", "f_back", "f_code", "gi_frame", "gi_code",
    "cr_frame", "cr_code", "ag_frame", "ag_code", "tb_frame", "tb_next", "co_code",
    "im_func", "im_self", "im_class", "popen", "system", "import_module",
    # docxtpl's and python-docx's objects, which a template must never reach
    "tpl", "docx", "replace_zipname", "replace_media", "replace_pic", "replace_embedded",
    "current_rendering_part", "image_descriptor", "new_subdoc", "get_docx",
))
# fmt: on
_ATTRIBUTT_FILTRE = {"attr", "map", "selectattr", "rejectattr", "sort", "groupby", "sum", "unique"}
_KODE = "Malen prøver å kjøre kode. Den blir ikke brukt."


# -- the findings ------------------------------------------------------------------


@dataclass(frozen=True)
class Malfunn:
    """One problem in a template: where, the text around it, and what to do."""

    hvor: str
    tekst_rundt: str
    melding: str
    alvor: Alvor = "feil"

    def tekst(self) -> str:
        """Return the finding as one line for a person to read."""
        rundt = f" («{self.tekst_rundt}»)" if self.tekst_rundt else ""
        return f"{self.alvor.upper()} – {self.hvor}{rundt}: {self.melding}"


def har_feil(funn: Iterable[Malfunn]) -> bool:
    """True when a finding is an error (warnings alone leave the template usable)."""
    return any(f.alvor == "feil" for f in funn)


# -- the document, paragraph by paragraph ------------------------------------------


@dataclass
class _Avsnitt:
    """One paragraph: its place, its text and where each piece of text came from."""

    nr: int
    hvor: str
    tekst: str
    biter: list[tuple[int, int, object]] = field(default_factory=list)
    p: object = None
    tbl: object = None
    tr: object = None
    tc: object = None


@dataclass
class _Del:
    """A part of the document (body, a header, a footer …) being read."""

    navn: str
    tabellprefiks: str
    avsnitt: list[_Avsnitt] = field(default_factory=list)
    avsnitt_nr: int = 0
    tabell_nr: int = 0


def _barn(el: object, tag: str) -> Iterator[object]:
    """Yield the `tag` children of `el`, looking through sdt and customXml wrappers."""
    for barn in el:  # type: ignore[attr-defined]
        if not isinstance(barn.tag, str) or barn.tag == _MC_FALLBACK:
            continue
        if barn.tag == tag:
            yield barn
        elif barn.tag in (qn("w:sdt"), qn("w:sdtContent"), qn("w:customXml")):
            yield from _barn(barn, tag)


def _tekst_i(el: object, biter: list, bokser: list, pos: int) -> int:
    for barn in el:  # type: ignore[attr-defined]
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
    p: object, del_: _Del, hvor: str | None, tbl: object, tr: object, tc: object
) -> None:
    biter: list[tuple[int, int, object]] = []
    bokser: list[object] = []
    _tekst_i(p, biter, bokser, 0)
    tekst = "".join(t.text or "" for _, _, t in biter)  # type: ignore[attr-defined]
    if hvor is None:
        del_.avsnitt_nr += 1
        hvor = f"{del_.navn}, avsnitt {del_.avsnitt_nr}"
    avsnitt = _Avsnitt(len(del_.avsnitt), hvor, tekst, biter, p, tbl, tr, tc)
    del_.avsnitt.append(avsnitt)
    for boks in bokser:
        _gå(boks, del_, f"Tekstboks ved {hvor[0].lower()}{hvor[1:]}", None, None, None)


def _tabell(tbl: object, del_: _Del, celle: str | None) -> None:
    if celle is None:
        del_.tabell_nr += 1
        navn = f"{del_.tabellprefiks}abell {del_.tabell_nr}"
    else:
        navn = f"{celle}, tabell inni cellen"
    for r, tr in enumerate(_barn(tbl, _W_TR), start=1):
        for c, tc in enumerate(_barn(tr, _W_TC), start=1):
            _gå(tc, del_, f"{navn}, rad {r}, celle {c}", tbl, tr, tc)


def _gå(el: object, del_: _Del, celle: str | None, tbl: object, tr: object, tc: object) -> None:
    """Read every paragraph under `el` in document order."""
    for barn in el:  # type: ignore[attr-defined]
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


# -- tags ----------------------------------------------------------------------------


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


class _Samler:
    """Collects findings in document order."""

    def __init__(self) -> None:
        self._funn: list[tuple[tuple[int, int, int, int], Malfunn]] = []
        self._sett: set[Malfunn] = set()
        self.del_nr = 0

    def legg_til(
        self,
        avsnitt: _Avsnitt | None,
        melding: str,
        *,
        alvor: Alvor = "feil",
        start: int = 0,
        slutt: int | None = None,
        hvor: str | None = None,
    ) -> None:
        if avsnitt is None:
            funn = Malfunn(hvor or "Malen", "", melding, alvor)
            nøkkel = (self.del_nr, 1 << 30, 0, len(self._funn))
        else:
            rundt = _tekst_rundt(avsnitt.tekst, start, start if slutt is None else slutt)
            funn = Malfunn(hvor or avsnitt.hvor, rundt, melding, alvor)
            nøkkel = (self.del_nr, avsnitt.nr, start, len(self._funn))
        if funn not in self._sett:
            self._sett.add(funn)
            self._funn.append((nøkkel, funn))

    def alle(self) -> list[Malfunn]:
        return [f for _, f in sorted(self._funn, key=lambda x: x[0])]


def _tekst_rundt(tekst: str, start: int, slutt: int, bredde: int = 30) -> str:
    """Return the paragraph text, shortened to the problem and `bredde` characters around it."""
    if len(tekst) <= 2 * bredde + max(slutt - start, 0) + 10:
        return " ".join(tekst.split())
    fra = max(0, start - bredde)
    til = min(len(tekst), max(slutt, start) + bredde)
    utdrag = " ".join(tekst[fra:til].split())
    return ("…" if fra > 0 else "") + utdrag + ("…" if til < len(tekst) else "")


def _finn_tagger(deler: list[_Del], samler: _Samler, kjente: frozenset[str]) -> list[list[_Tagg]]:
    """Find every tag of every part; report the ones not closed and stray closers."""
    alle: list[list[_Tagg]] = []
    for del_nr, del_ in enumerate(deler):
        samler.del_nr = del_nr
        tagger: list[_Tagg] = []
        hopp = 0  # characters at the start of a paragraph that end a tag of the one before
        for i, avsnitt in enumerate(del_.avsnitt):
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


# -- what Word did to a tag: runs, containers, quotes --------------------------------


def _format(t: object) -> bytes:
    """Return the visible run formatting of the text element `t`, comparable as bytes."""
    from lxml import etree

    run = t.getparent()  # type: ignore[attr-defined]
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


def _beholdere(t: object, p: object) -> tuple[object, ...]:
    """Return the elements between the run of `t` and its paragraph (links, controls …)."""
    kjede = []
    el = t.getparent()  # type: ignore[attr-defined]
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
                (_BEHOLDERE[el.tag] for k in kjeder for el in k),  # type: ignore[attr-defined]
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


# -- where a tag sits: docxtpl's paragraph, row and cell tags --------------------------


def _synlig_utenfor(tekster: Iterable[str], tagger: Iterable[_Tagg]) -> str:
    """Return the text left when the given tags are taken out."""
    tekst = "".join(tekster)
    for t in tagger:
        tekst = tekst.replace(t.rå, "", 1)
    return " ".join(tekst.split())


def _avsnitt_i(el: object, alle: list[_Avsnitt]) -> list[_Avsnitt]:
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


# -- Jinja: syntax, fields, attributes, the sandbox ------------------------------------


def _miljo() -> SandboxedEnvironment:
    """The renderer's own sandbox, so that the check sees what rendering would."""
    return lag_miljo()


def _kilde(tagg: _Tagg) -> str | None:
    """Return a small complete template holding `tagg`, to parse it on its own."""
    if tagg.art == "{{":
        return "{{ " + tagg.innhold + " }}"
    ord_, rest = tagg.nøkkelord, tagg.resten
    if ord_ in ("if", "for"):
        return f"{{% {ord_} {rest} %}}{{% end{ord_} %}}"
    if ord_ == "elif":
        return f"{{% if true %}}{{% elif {rest} %}}{{% endif %}}"
    if ord_ == "set":
        if "=" in rest:
            return f"{{% set {rest} %}}"
        return f"{{% set {rest} %}}{{% endset %}}"
    if ord_ in ("colspan", "cellbg"):
        return "{{ " + rest + " }}"
    if ord_ in _BLOKKER:
        return f"{{% {ord_} {rest} %}}{{% {_BLOKKER[ord_]} %}}"
    return None


_JINJA_MELDINGER = (
    (re.compile(r"unexpected char '(.)'"), "tegnet «{0}» hører ikke hjemme i en mal-kode"),
    (re.compile(r"unexpected '(.+?)'"), "«{0}» står på feil sted"),
    (
        re.compile(r"expected token 'end of print statement', got '(.+?)'"),
        "«{0}» står på feil sted; et feltnavn skrives i ett ord med _ (for eksempel elev_navn)",
    ),
    (
        re.compile(r"expected token 'end of statement block', got '(.+?)'"),
        "«{0}» står på feil sted",
    ),
    (re.compile(r"Expected an expression, got 'end of print statement'"), "koden er tom"),
    (re.compile(r"No filter named '(.+?)'"), "filteret «{0}» finnes ikke"),
    (re.compile(r"No test named '(.+?)'"), "testen «{0}» finnes ikke"),
    (re.compile(r"unexpected end of template"), "koden slutter for tidlig"),
    (re.compile(r"maximum recursion depth"), "koden er nøstet altfor dypt til å kunne leses"),
)


def _jinja_melding(e: Exception) -> str:
    tekst = getattr(e, "message", None) or str(e)
    for mønster, norsk in _JINJA_MELDINGER:
        m = mønster.search(tekst)
        if m:
            return norsk.format(*m.groups())
    return f"Jinja sier: {tekst.rstrip('.')}"


def _parse(
    tagg: _Tagg, miljo: SandboxedEnvironment, samler: _Samler | None
) -> nodes.Template | None:
    """Parse and compile `tagg` alone; report its syntax errors unless `samler` is None."""
    samler = samler if samler is not None else _Samler()
    ord_ = tagg.nøkkelord
    if tagg.art == "{%":
        if ord_ in _UTEN_LASTER:
            samler.legg_til(
                tagg.avsnitt,
                f"«{tagg.vist}» henter inn en annen mal, og det kan ikke en Word-mal gjøre. "
                "Ta koden bort.",
                start=tagg.start,
                slutt=tagg.slutt,
            )
            return None
        if ord_ in _AVSLUTTER or ord_ == "else" or ord_ in ("vm", "hm"):
            if tagg.resten and ord_ not in ("endblock", "endmacro"):
                samler.legg_til(
                    tagg.avsnitt,
                    f"«{tagg.vist}» skal ikke ha noe etter «{ord_}». Skriv {{% {ord_} %}}.",
                    start=tagg.start,
                    slutt=tagg.slutt,
                )
            return None
        if not tagg.innhold:
            samler.legg_til(
                tagg.avsnitt,
                f"Mal-koden «{tagg.vist}» er tom. Skriv for eksempel {{% if vis_plan %}}, "
                "eller ta den bort.",
                start=tagg.start,
                slutt=tagg.slutt,
            )
            return None
        if ord_ not in _NØKKELORD:
            nær = difflib.get_close_matches(ord_ or tagg.innhold, _NØKKELORD, n=1)
            forslag = f" (mente du «{nær[0]}»?)" if nær else ""
            samler.legg_til(
                tagg.avsnitt,
                f"«{tagg.vist}» er ikke en mal-kode Skjemaverk kjenner{forslag}. "
                "Bruk if, elif, else, endif, for, endfor eller set.",
                start=tagg.start,
                slutt=tagg.slutt,
            )
            return None
    kilde = _kilde(tagg)
    if kilde is None:
        return None
    try:
        tre = miljo.parse(kilde)
        if _prøver_kode(tre):
            return tre  # reported by the caller; never compiled
        miljo.from_string(kilde)
    except ForbudtKode as e:
        samler.legg_til(
            tagg.avsnitt,
            f"Mal-koden «{tagg.vist}» bruker {e.hva}, som ikke er tillatt i en mal. {e.grunn}"
            " Ta det bort.",
            start=tagg.start,
            slutt=tagg.slutt,
        )
        return None
    except TemplateSyntaxError as e:
        samler.legg_til(
            tagg.avsnitt,
            f"Mal-koden «{tagg.vist}» har en skrivefeil: {_jinja_melding(e)}.",
            start=tagg.start,
            slutt=tagg.slutt,
        )
        return None
    except Exception as e:  # TemplateAssertionError and friends from compiling
        samler.legg_til(
            tagg.avsnitt,
            f"Mal-koden «{tagg.vist}» kan ikke brukes: {_jinja_melding(e)}.",
            start=tagg.start,
            slutt=tagg.slutt,
        )
        return None
    return tre


def _farlig_navn(navn: object) -> bool:
    return isinstance(navn, str) and (navn.startswith("_") or navn in _FARLIGE)


def _prøver_kode(tre: nodes.Node) -> list[str]:
    """Return what in `tre` reaches for Python internals, innermost first."""
    farlige: list[str] = []
    for node in tre.find_all((nodes.Getattr, nodes.Getitem, nodes.Filter, nodes.Name)):
        if isinstance(node, nodes.Getattr) and _farlig_navn(node.attr):
            farlige.append(node.attr)
        elif (
            isinstance(node, nodes.Getitem)
            and isinstance(node.arg, nodes.Const)
            and _farlig_navn(node.arg.value)
        ):
            farlige.append(str(node.arg.value))
        elif isinstance(node, nodes.Filter) and node.name in _ATTRIBUTT_FILTRE:
            for arg in [*node.args, *(kw.value for kw in node.kwargs)]:
                if isinstance(arg, nodes.Const) and _farlig_navn(arg.value):
                    farlige.append(str(arg.value))
        elif isinstance(node, nodes.Name) and node.name == "self":
            farlige.append("self")
    for node in tre.find_all(nodes.Const):
        if isinstance(node.value, str) and "__" in node.value:
            farlige.append(node.value)
    return list(dict.fromkeys(reversed(farlige)))


# Shapes: the example context's values tell which attributes a row has.
_UKJENT = object()


def _element(form: object) -> object:
    """Return the shape of one element of the list `form`."""
    if not isinstance(form, list) or not form:
        return _UKJENT
    if all(isinstance(x, dict) for x in form):
        samlet: dict = {}
        for x in form:
            for k, v in x.items():
                if k not in samlet or (not samlet[k] and v):
                    samlet[k] = v
        return samlet
    return form[0]


def _uttrykk(node: nodes.Node) -> str:
    if isinstance(node, nodes.Name):
        return node.name
    if isinstance(node, nodes.Getattr):
        return f"{_uttrykk(node.node)}.{node.attr}"
    if isinstance(node, nodes.Getitem) and isinstance(node.arg, nodes.Const):
        return f"{_uttrykk(node.node)}[{node.arg.value!r}]"
    return "…"


class _Mangler(Exception):
    def __init__(self, node: nodes.Node, navn: str, form: object) -> None:
        super().__init__(navn)
        self.node, self.navn, self.form = node, navn, form


class _Ulovlig(Exception):
    """An attribute or method the renderer's sandbox refuses; `melding` says why."""

    def __init__(self, node: nodes.Node, melding: str) -> None:
        super().__init__(melding)
        self.node, self.melding = node, melding


_TEKSTMETODER = "upper, lower, capitalize, title, strip, replace, split, startswith, endswith"


def _ulovlig(node: nodes.Getattr | nodes.Getitem, navn: str, form: object) -> _Ulovlig:
    """The finding for `navn` used on the example value `form`, which the sandbox refuses."""
    uttrykk, grunnlag = _uttrykk(node), _uttrykk(node.node)
    if isinstance(form, Bilde):
        return _Ulovlig(
            node,
            f"«{uttrykk}» kan ikke brukes: et bilde har ingen egenskaper i en mal. Sett det "
            f"inn med {{{{ {grunnlag} }}}}, eller test det med {{% if {grunnlag} %}}.",
        )
    if isinstance(form, dict):
        lovlige = "items, keys, values og get"
    elif isinstance(form, str):
        lovlige = f"metodene for tekst ({_TEKSTMETODER} og noen få andre)"
    elif form is _LOOP:
        lovlige = ", ".join(sorted(LOOP_EGENSKAPER))
    else:
        lovlige = ""
    hva = "en løkke" if form is _LOOP else "«" + grunnlag + "»"
    råd = f" På {hva} kan en mal bare bruke {lovlige}." if lovlige else ""
    return _Ulovlig(
        node,
        f"«{uttrykk}» kan ikke brukes: Skjemaverk tillater ikke «{navn}» i en mal.{råd}",
    )


_LOOP = object()  # the shape of `loop` in a for loop


def _form(node: nodes.Node, former: dict[str, object]) -> object:
    """Return the example value `node` stands for, or _UKJENT; raise _Mangler if absent."""
    if isinstance(node, nodes.Name):
        return former.get(node.name, _UKJENT)
    if isinstance(node, nodes.Getattr | nodes.Getitem):
        if isinstance(node, nodes.Getitem):
            if not isinstance(node.arg, nodes.Const):
                return _UKJENT
            navn = node.arg.value
        else:
            navn = node.attr
        form = _form(node.node, former)
        if isinstance(form, Bilde):
            raise _ulovlig(node, str(navn), form)
        if form is _LOOP:
            if navn not in LOOP_EGENSKAPER:
                raise _ulovlig(node, str(navn), form)
            return _UKJENT
        if isinstance(form, dict):
            if navn in form:
                return form[navn]
            if isinstance(navn, str) and hasattr(dict, navn):
                if navn in DICT_METODER:
                    return _UKJENT
                raise _ulovlig(node, navn, form)
            raise _Mangler(node, str(navn), form)
        if isinstance(form, list) and isinstance(navn, int):
            return _element(form) if -len(form) <= navn < len(form) or form else _UKJENT
        if isinstance(form, str | int | bool | list) and isinstance(navn, str):
            if hasattr(type(form), navn):
                if isinstance(form, str) and navn in STR_METODER:
                    return _UKJENT
                raise _ulovlig(node, navn, form)
            raise _Mangler(node, navn, form)
        return _UKJENT
    return _UKJENT


@dataclass
class _Ramme:
    """An open block: its tag, and the names it makes known (loop variables, set)."""

    tagg: _Tagg
    navn: set[str] = field(default_factory=set)
    former: dict[str, object] = field(default_factory=dict)


def _sjekk_navn(
    tre: nodes.Template,
    tagg: _Tagg,
    kjente: frozenset[str],
    stabel: list[_Ramme],
    global_: _Ramme,
    samler: _Samler,
) -> None:
    """Report unknown fields and unknown attributes of known rows in `tagg`."""
    i_scope = set(global_.navn)
    former = dict(global_.former)
    for ramme in stabel:
        i_scope |= ramme.navn
        former.update(ramme.former)
    if any(r.tagg.nøkkelord == "for" for r in stabel):
        i_scope.add("loop")
    egne: set[str] = set()
    for node in tre.find_all(nodes.For):
        egne |= _navn_i(node.target)
    for node in tre.find_all(nodes.Name):
        if node.ctx != "load" or node.name in kjente or node.name in i_scope:
            continue
        if node.name in egne:
            continue
        nær = difflib.get_close_matches(node.name, sorted(kjente | i_scope), n=1)
        forslag = f" (mente du «{nær[0]}»?)" if nær else ""
        samler.legg_til(
            tagg.avsnitt,
            f"Feltet «{node.name}» finnes ikke i skjemaet{forslag}. Rett navnet i malen; "
            "alle feltene står i feltlisten (skjemaverk felter).",
            start=tagg.start,
            slutt=tagg.slutt,
        )
    if any(r.tagg.nøkkelord == "for" for r in stabel) or tre.find(nodes.For) is not None:
        former.setdefault("loop", _LOOP)
    for node in tre.find_all((nodes.Getattr, nodes.Getitem)):
        try:
            _form(node, former)
        except _Ulovlig as u:
            if u.node is node:
                samler.legg_til(tagg.avsnitt, u.melding, start=tagg.start, slutt=tagg.slutt)
        except _Mangler as m:
            if m.node is not node:
                continue
            mulige = (
                sorted(k for k in m.form if isinstance(k, str)) if isinstance(m.form, dict) else []
            )
            nær = difflib.get_close_matches(m.navn, mulige, n=1)
            grunnlag = _uttrykk(node.node)
            forslag = f" (mente du «{grunnlag}.{nær[0]}»?)" if nær else ""
            kjent = f" Den har: {', '.join(mulige)}." if mulige and len(mulige) <= 12 else ""
            samler.legg_til(
                tagg.avsnitt,
                f"«{_uttrykk(node)}» finnes ikke: «{grunnlag}» har ikke «{m.navn}»{forslag}."
                + kjent,
                start=tagg.start,
                slutt=tagg.slutt,
            )


def _navn_i(node: nodes.Node) -> set[str]:
    """Return the names `node` (an assignment target) binds."""
    if isinstance(node, nodes.Name):
        return {node.name}
    return {n.name for n in node.find_all(nodes.Name)}


def _bind(tre: nodes.Template, ramme: _Ramme, former: dict[str, object]) -> None:
    """Make the names a for loop or a set binds known in `ramme`."""
    for node in tre.find_all(nodes.For):
        ramme.navn |= _navn_i(node.target)
        try:
            element = _element(_form(node.iter, former))
        except _Mangler:
            element = _UKJENT
        if isinstance(node.target, nodes.Name) and element is not _UKJENT:
            ramme.former[node.target.name] = element
    for node in tre.find_all((nodes.Assign, nodes.AssignBlock, nodes.With, nodes.Macro)):
        if isinstance(node, nodes.Macro):
            ramme.navn |= {a.name for a in node.args} | {"varargs", "kwargs", "caller"}
            ramme.navn.add(node.name)
            continue
        mål = node.targets if isinstance(node, nodes.With) else [node.target]
        for m in mål:
            ramme.navn |= _navn_i(m)


# -- blocks: if/for pairs and where their ends sit --------------------------------------


def _anker(tagg: _Tagg) -> tuple[str, ...]:
    """Return the path of element names above what docxtpl replaces for `tagg`."""
    avsnitt = tagg.avsnitt
    if avsnitt.p is None:
        return ()
    if tagg.prefiks == "tr" and avsnitt.tr is not None:
        el = avsnitt.tr
    elif tagg.prefiks == "tc" and avsnitt.tc is not None:
        el = avsnitt.tc
    elif tagg.prefiks == "p":
        el = avsnitt.p
    else:
        biter = [b for b in avsnitt.biter if b[0] <= tagg.start < b[1]]
        el = biter[0][2] if biter else avsnitt.p
    sti = []
    forelder = el.getparent()  # type: ignore[attr-defined]
    while forelder is not None:
        sti.append(forelder.tag)
        forelder = forelder.getparent()
    return tuple(sti)


def _vis(prefiks: str, ord_: str) -> str:
    return f"{{%{prefiks} {ord_} %}}" if prefiks else f"{{% {ord_} %}}"


def _sjekk_par(start: _Tagg, annen: _Tagg, samler: _Samler, *, midt: bool = False) -> None:
    """Report a block whose start and `annen` (else or end) cannot work together.

    For a middle tag (`midt`: else, elif) only what breaks is reported; the
    advice about plain tags in separate paragraphs is given once, at the end.
    """
    if start.ødelagt or annen.ødelagt:
        return
    ord_ = annen.nøkkelord
    if start.prefiks != annen.prefiks:
        samler.legg_til(
            annen.avsnitt,
            f"«{annen.vist}» hører til «{start.vist}» ({start.avsnitt.hvor}), men de er ikke "
            f"av samme slag. Skriv «{_vis(start.prefiks, ord_)}».",
            start=annen.start,
            slutt=annen.slutt,
        )
        return
    if start.avsnitt.p is None:
        return
    sti1 = _anker(start)
    sti2 = _anker(annen)
    løkke = start.nøkkelord == "for"
    rad = (
        "{%tr for … %} og {%tr endfor %}, hver i en egen rad over og under raden som skal gjentas"
        if løkke
        else "{%tr if … %} og {%tr endif %}, hver i en egen rad, eller {%p if … %} og "
        "{%p endif %} i egne avsnitt i samme celle"
    )
    if sti1 != sti2:
        i_tabell = start.avsnitt.tc is not None or annen.avsnitt.tc is not None
        råd = f"Bruk {rad}." if i_tabell else f"Flytt «{annen.vist}» dit «{start.vist}» står."
        samler.legg_til(
            start.avsnitt,
            f"«{start.vist}» slutter med «{annen.vist}» et annet sted i dokumentet "
            f"({annen.avsnitt.hvor}), og da blir dokumentet ødelagt. {råd}",
            start=start.start,
            slutt=start.slutt,
        )
        return
    if start.prefiks == "tr":
        if start.avsnitt.tbl is not annen.avsnitt.tbl:
            samler.legg_til(
                start.avsnitt,
                f"«{start.vist}» slutter med «{annen.vist}» i en annen tabell "
                f"({annen.avsnitt.hvor}). Begge må stå i samme tabell.",
                start=start.start,
                slutt=start.slutt,
            )
        return
    if start.prefiks == "tc":
        if start.avsnitt.tr is not annen.avsnitt.tr:
            samler.legg_til(
                start.avsnitt,
                f"«{start.vist}» slutter med «{annen.vist}» i en annen rad "
                f"({annen.avsnitt.hvor}). Begge må stå i samme rad.",
                start=start.start,
                slutt=start.slutt,
            )
        return
    if start.prefiks == "p":
        if start.avsnitt.tc is not annen.avsnitt.tc:
            samler.legg_til(
                start.avsnitt,
                f"«{start.vist}» slutter med «{annen.vist}» i en annen tabellcelle "
                f"({annen.avsnitt.hvor}). Begge må stå i samme celle; for å gjenta eller "
                f"skjule hele rader, bruk {rad}.",
                start=start.start,
                slutt=start.slutt,
            )
        return
    # Plain {% %} tags: fine in one paragraph.
    if start.avsnitt is annen.avsnitt:
        return
    if start.avsnitt.tc is not annen.avsnitt.tc:
        hvor = "en annen rad" if start.avsnitt.tr is not annen.avsnitt.tr else "en annen celle"
        samler.legg_til(
            start.avsnitt,
            f"«{start.vist}» slutter med «{annen.vist}» i {hvor} ({annen.avsnitt.hvor}). "
            f"Da blir tabellen ødelagt. Bruk {rad}.",
            start=start.start,
            slutt=start.slutt,
        )
        return
    if midt:
        return
    samler.legg_til(
        start.avsnitt,
        f"«{start.vist}» og «{annen.vist}» står i hvert sitt avsnitt uten p, så avsnittene "
        f"slås sammen. Skriv «{_vis('p', start.nøkkelord + ' ' + start.resten)}» og "
        f"«{_vis('p', ord_)}», hver i et eget avsnitt.",
        alvor="advarsel",
        start=start.start,
        slutt=start.slutt,
    )


def _sjekk_del(
    del_: _Del,
    tagger: list[_Tagg],
    kjente: frozenset[str],
    eksempel: dict[str, object],
    miljo: SandboxedEnvironment,
    samler: _Samler,
) -> bool:
    """Check every tag of one part; return True if one tries to run code."""
    kode = False
    stabel: list[_Ramme] = []
    global_ = _Ramme(tagger[0] if tagger else None, former={})  # type: ignore[arg-type]
    global_.former = dict(eksempel)
    for tagg in tagger:
        _sjekk_ord(tagg, samler)
        _les_innhold(tagg)
        if tagg.art == "{#":
            continue
        _sjekk_plassering(tagg, del_, samler)
        # A tag already reported is still parsed, quietly, for the names it binds.
        tre = _parse(tagg, miljo, None if tagg.ødelagt else samler)
        farlige = _prøver_kode(tre) if tre is not None else []
        if farlige:
            kode = True
            samler.legg_til(
                tagg.avsnitt,
                f"{_KODE} Mal-koden «{tagg.vist}» bruker "
                f"{', '.join(f'«{f}»' for f in farlige[:3])}, som bare trengs for å nå "
                "Python-koden bak malen.",
                start=tagg.start,
                slutt=tagg.slutt,
            )
        elif tre is not None and not tagg.ødelagt:
            _sjekk_navn(tre, tagg, kjente, stabel, global_, samler)
        if tagg.art != "{%":
            continue
        ord_ = tagg.nøkkelord
        ramme_for_navn = stabel[-1] if stabel else global_
        if ord_ in _BLOKKER or (ord_ == "set" and "=" not in tagg.resten):
            ramme = _Ramme(tagg)
            if tre is not None:
                former = dict(global_.former)
                for r in stabel:
                    former.update(r.former)
                _bind(tre, ramme, former)
            if ord_ == "macro" and tre is not None:
                # A macro is called after its end: its name belongs to the block around it.
                ramme_for_navn.navn |= {m.name for m in tre.find_all(nodes.Macro)}
            stabel.append(ramme)
        elif ord_ in _MIDT:
            lovlige = _MIDT[ord_]
            if stabel and stabel[-1].tagg.nøkkelord in lovlige:
                _sjekk_par(stabel[-1].tagg, tagg, samler, midt=True)
            else:
                _uten_start(tagg, " eller ".join(_vis(tagg.prefiks, o) for o in lovlige), samler)
        elif ord_ in _AVSLUTTER:
            start_ord = _AVSLUTTER[ord_]
            dybde = next(
                (
                    i
                    for i in range(len(stabel) - 1, -1, -1)
                    if stabel[i].tagg.nøkkelord == start_ord
                ),
                None,
            )
            if dybde is None:
                _uten_start(tagg, _vis(tagg.prefiks, start_ord + " …"), samler)
                continue
            for åpen in stabel[dybde + 1 :]:
                _ikke_avsluttet(åpen.tagg, samler, før=tagg)
            _sjekk_par(stabel[dybde].tagg, tagg, samler)
            del stabel[dybde:]
        elif ord_ == "set" and tre is not None:
            former = dict(global_.former)
            for r in stabel:
                former.update(r.former)
            _bind(tre, ramme_for_navn, former)
    for åpen in stabel:
        _ikke_avsluttet(åpen.tagg, samler)
    return kode


def _uten_start(tagg: _Tagg, start: str, samler: _Samler) -> None:
    samler.legg_til(
        tagg.avsnitt,
        f"«{tagg.vist}» har ingen «{start}» foran seg. Ta den bort, eller sett inn det som "
        "mangler.",
        start=tagg.start,
        slutt=tagg.slutt,
    )


def _ikke_avsluttet(tagg: _Tagg, samler: _Samler, før: _Tagg | None = None) -> None:
    slutt = _vis(tagg.prefiks, _BLOKKER.get(tagg.nøkkelord, "endset"))
    hvor = f" før «{før.vist}» ({før.avsnitt.hvor})" if før is not None else ""
    samler.legg_til(
        tagg.avsnitt,
        f"«{tagg.vist}» blir aldri avsluttet{hvor}. Sett inn «{slutt}» der den skal slutte.",
        start=tagg.start,
        slutt=tagg.slutt,
    )


# -- example data ------------------------------------------------------------------------


def eksempeldata(definisjon: Skjemadefinisjon) -> Skjemadata:
    """Return a form filled with an example value in every field and table column.

    Each choice of a table column shows up in a row, so every derived list
    (measures per party, absence rows …) has an element to look at.
    """

    def verdi(felt, i: int = 0) -> object:
        if felt.type == "janei":
            return True
        if felt.type == "dato":
            return date(2026, 3, 12 + i % 10)
        if felt.type == "heltall":
            return felt.min if felt.min is not None and felt.min > 0 else 1
        if felt.type == "valg" and felt.valg:
            return felt.valg[i % len(felt.valg)]
        return f"Eksempel på {felt.etikett.lower()}"

    verdier = {f.key: verdi(f) for f in definisjon.felter}
    if definisjon.navn_felt:
        verdier[definisjon.navn_felt] = "Amin Hassan"
    tabeller: dict[str, list[dict[str, object]]] = {}
    for tabell in definisjon.tabeller:
        antall = max([len(k.valg) for k in tabell.kolonner if k.type == "valg"] or [1])
        tabeller[tabell.key] = [
            {k.key: verdi(k, i) for k in tabell.kolonner} for i in range(antall)
        ]
    return Skjemadata(verdier=verdier, tabeller=tabeller, definisjon=definisjon)


_EKSEMPEL_CACHE: dict[int, tuple[Skjemadefinisjon, dict[str, object]]] = {}


def _eksempelkontekst(definisjon: Skjemadefinisjon) -> dict[str, object]:
    """Return the context of `eksempeldata`, built once per definition (charts take time)."""
    from toolkit.kontekst import bygg_kontekst

    lagret = _EKSEMPEL_CACHE.get(id(definisjon))
    if lagret is not None and lagret[0] is definisjon:
        return lagret[1]
    try:
        # Every part in the generic section, as a template that places nothing by hand sees it.
        kontekst = bygg_kontekst(definisjon, eksempeldata(definisjon)).alt()
    except Exception:  # a context that cannot be built only weakens the attribute check
        kontekst = {}
    if "logo" in kontekst and not kontekst["logo"]:
        # A school's logo comes from its settings; try the template with one.
        kontekst["logo"] = Bilde(_eksempellogo(), "Logoen til skolen", "Logo", hoyde_mm=11.0)
    _EKSEMPEL_CACHE[id(definisjon)] = (definisjon, kontekst)
    return kontekst


def _eksempellogo() -> bytes:
    """Return a small grey PNG, made with zlib."""

    def bit(art: bytes, data: bytes) -> bytes:
        crc = zlib.crc32(art + data) & 0xFFFFFFFF
        return struct.pack(">I", len(data)) + art + data + struct.pack(">I", crc)

    bredde, hoyde = 16, 8
    rader = b"".join(b"\x00" + b"\x80" * bredde for _ in range(hoyde))
    return (
        b"\x89PNG\r\n\x1a\n"
        + bit(b"IHDR", struct.pack(">IIBBBBB", bredde, hoyde, 8, 0, 0, 0, 0))
        + bit(b"IDAT", zlib.compress(rader))
        + bit(b"IEND", b"")
    )


# -- the check ---------------------------------------------------------------------------


def sjekk_mal(sti: Path | str, definisjon: Skjemadefinisjon | None = None) -> list[Malfunn]:
    """Check the Word template at `sti` against `definisjon`; return every problem found.

    Errors (alvor "feil") make the template unusable; warnings ("advarsel")
    point at something that works but is fragile. An empty list means the
    template is sound. Raises MalError when the file cannot be read as a
    Word document.
    """
    from toolkit.kontekst import kjente_keys
    from toolkit.register import standard_definisjon

    sti = Path(sti)
    definisjon = definisjon or standard_definisjon()

    data = les_maldata(sti)
    deler = _deler(data, sti.name)

    miljo = _miljo()
    eksempel = _eksempelkontekst(definisjon)
    kjente = frozenset(kjente_keys(definisjon) | set(eksempel) | set(miljo.globals))
    samler = _Samler()
    alle_tagger = _finn_tagger(deler, samler, kjente)
    kode = False
    for nr, (del_, tagger) in enumerate(zip(deler, alle_tagger, strict=True)):
        samler.del_nr = nr
        kode |= _sjekk_del(del_, tagger, kjente, eksempel, miljo, samler)

    funn = samler.alle() + _utenfra_funn(data) + _metadata_funn(metadata(data))
    if not har_feil(funn) and not kode:
        funn += _prøv_render(sti, kjente, eksempel)
    return funn


_DELNAVN = {
    "dokumentet": "Brødtekst",
    "toppteksten": "Topptekst",
    "bunnteksten": "Bunntekst",
    "fotnotene": "Fotnoter",
    "dokumentegenskapene": "Dokumentegenskaper",
}


def _prøv_render(sti: Path, kjente: frozenset[str], eksempel: dict[str, object]) -> list[Malfunn]:
    """Prepare the template as the renderer does and fill it once with example data."""
    try:
        mal = Mal(sti)
        mal.sjekk(kjente)
        if eksempel:
            mal.render(eksempel, tittel="Prøve")
    except MalStoppet as e:
        return [Malfunn(_DELNAVN.get(e.del_, "Malen"), e.tekst, e.kort)]
    except MalError as e:
        # The renderer's advice to run sjekk-mal is no help here: this is sjekk-mal.
        return [Malfunn("Malen", "", e.melding.split(" Kjør «skjemaverk sjekk-mal")[0])]
    return []


def _utenfra_funn(data: bytes) -> list[Malfunn]:
    """Report fields and links that would make a document fetch something from outside."""
    try:
        utenfra = henter_utenfra(data)
    except Exception:  # a damaged part is reported when the template is prepared
        return []
    return [
        Malfunn(
            "Malen",
            "",
            f"Malen har {hva}, som får dokumentene til å hente noe utenfra når de åpnes. Det "
            "kan sende opplysninger om eleven ut, så malen blir ikke brukt. Ta det bort i Word"
            + (" (Alt+F9 viser feltene)." if hva.startswith("feltet") else "."),
        )
        for hva in utenfra
    ]


# What Word calls the app properties Skjemaverk leaves out.
_APP_NAVN = {
    "Company": "firma",
    "Manager": "leder",
    "HyperlinkBase": "hyperkoblingsgrunnlag",
    "Template": "mal",
}


def _metadata_funn(funnet: Metadata) -> list[Malfunn]:
    """Warn about what the template carries that the documents will not get."""
    advarsler = []
    if funnet.kommentarer:
        antall = funnet.kommentarer
        advarsler.append(
            f"Malen har {antall} {'kommentar' if antall == 1 else 'kommentarer'}. De blir ikke "
            "med i dokumentene, men slett dem i malen før den deles (Se gjennom > Slett > "
            "Slett alle kommentarer i dokumentet)."
        )
    if funnet.sporede_endringer:
        advarsler.append(
            "Malen har sporede endringer. Dokumentene får dem godtatt, men godta eller avvis "
            "dem i malen, så du ser det som blir med (Se gjennom > Godta > Godta alle endringer)."
        )
    if funnet.egendefinerte:
        navn = ", ".join(f"«{n}»" for n in funnet.egendefinerte)
        advarsler.append(
            f"Malen har egendefinerte dokumentegenskaper ({navn}). De blir ikke med i "
            "dokumentene, men slett dem i malen (Fil > Info > Egenskaper > Avanserte "
            "egenskaper > Egendefinert)."
        )
    if funnet.app:
        deler = ", ".join(f"{_APP_NAVN[k]} «{v}»" for k, v in funnet.app.items())
        advarsler.append(
            f"Malen har {deler} i dokumentegenskapene. Det blir ikke med i dokumentene, men "
            "slett det i malen (Fil > Info > Egenskaper > Avanserte egenskaper)."
        )
    if funnet.tilknyttet_mal:
        advarsler.append(
            "Malen er knyttet til en annen dokumentmal i Word. Koblingen, med stien til den "
            "andre malen, blir ikke med i dokumentene; fjern den i malen (Utvikler > "
            "Dokumentmal)."
        )
    return [Malfunn("Malen", "", melding, "advarsel") for melding in advarsler]
