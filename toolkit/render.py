"""Render Word templates (docxtpl) safely: a closed sandbox, bounded, checked first.

A `Mal` is a prepared template: the file is read, cleaned, parsed and compiled
once and can then fill any number of documents (a batch renders many forms
with the same two templates). Rendering gives the bytes of a .docx; writing
them to disk is `toolkit.kjoring`'s job.

A template is a file from outside, and every document is about a child. What
a template can do:

- It sees plain values only: text, numbers, lists and mappings of those, and
  pictures (`toolkit.bilde.Bilde`), which it can place and test but not look
  into. Nothing in its context holds a library object: a picture becomes a
  drawing only when it is written out (`finalize`), from a per-render record
  the template cannot reach.
- Attribute and method access is closed (`_Miljo.getattr`): a mapping's keys
  (`t.tiltak`) and `items/keys/values/get`; the text methods in `STR_METODER`;
  `loop`'s attributes; a `namespace`'s own values; `grouper`/`list` of
  `groupby`. Anything else is refused, and only those methods and the globals
  `range` (at most 100 000 numbers), `dict` and `namespace` can be called.
  Names, attributes and keys with a leading underscore (also as the attribute
  of `map`, `sort` and their kin, and in a text such as `'{0.__class__}'`:
  `python_navn`, the rule `sjekk-mal` uses too), `self`, `cycler`, `joiner`,
  `lipsum`, `{% include %}` and its kin, `{% autoescape %}`, recursive loops
  and the filters in `FJERNEDE_FILTRE` are refused when the template is
  compiled, before any of it runs; an attribute or key with a leading
  underscore made while rendering is refused when it is looked up.
- Its work is bounded in the process, so the limits hold on every system
  (Windows too, without the rlimits of POSIX): loop iterations and calls per
  document (`MAKS_STEG`); the text and the lists it makes (`MAKS_TEGN`, which
  also bounds the memory: a list, tuple or mapping counts its own memory and
  that of every new one inside it, once, when it is made); the size of one
  text or list as text (`MAKS_VERDI`: a list that holds the same long text
  many times is long); what one filter, test or method may go through in one
  call (`MAKS_ARBEID`: sorting, comparing and lowercasing happen inside one
  call, where the deadline cannot stop them, so the input is measured before
  the call); widths in formats (`MAKS_BREDDE`); and the time per document
  (`MAKS_SEKUNDER`). A code generator wraps every `{% for %}` in a counting
  iterator, routes `~` through a size-checked join, and counts every list,
  tuple and mapping written in the template and every slice; `concat` counts
  the output; `+`, `*`, `%`, `str.format`, `replace`, `join` and the other
  filters check their sizes first, and every result is counted. Past a limit
  the render stops with a `MalError` naming the template and, where it can,
  the place; nothing is written.

The known traps of docxtpl are guarded too: autoescape is on,
so `& < >` in a value stay text; `finalize` strips XML-invalid control
characters; every variable a template uses is checked against the context's
keys before rendering, and `StrictUndefined` makes a wrong attribute
(`{{ rad.ansvarlg }}`) an error instead of a silent gap; a picture gets its
alt text on the drawing (`wp:docPr` descr and title), which docxtpl leaves out.

A template is read part by part, found by its relationships as Word finds
them (`toolkit.rens.Pakke`). One with a part that cannot be read is refused,
for that part cannot be checked; so is one whose documents would fetch
something from outside when opened or converted (an INCLUDEPICTURE field, a
linked picture …), wherever in the package it is. A template is cleaned once,
when it is prepared: its documents get only the parts a document needs, and
never its comments, tracked changes, custom and app properties, attached
template, protection, embedded objects, macros, add-ins or parts of any other
kind. Rendering adds none of them, so cleaning the template rather than every
document keeps rendering as fast as before; but the template's own code can
write a field, so every filled-in document is checked once more for what it
would fetch before it is returned. A document's core properties are only
those Skjemaverk sets (`_sett_egenskaper`).
"""

from __future__ import annotations

import contextlib
import difflib
import functools
import inspect
import io
import re
import threading
import time
import types
import zipfile
from _collections_abc import dict_items, dict_keys, dict_values
from collections.abc import (
    Callable,
    Collection,
    Iterable,
    Iterator,
    Mapping,
    MutableMapping,
    Sequence,
)
from datetime import UTC, date, datetime
from pathlib import Path
from typing import TypeVar, cast

from docx.oxml import parse_xml
from docx.oxml.ns import qn
from docx.shared import Mm
from docxtpl import DocxTemplate, InlineImage
from jinja2 import StrictUndefined, Template, TemplateSyntaxError, meta, nodes, pass_eval_context
from jinja2.compiler import CodeGenerator, Frame
from jinja2.exceptions import SecurityError, TemplateAssertionError, UndefinedError
from jinja2.filters import make_attrgetter, sync_do_join
from jinja2.nodes import EvalContext
from jinja2.runtime import Context, LoopContext, Macro, Undefined, markup_join, str_join
from jinja2.sandbox import SandboxedEnvironment, SandboxedFormatter, safe_range
from jinja2.utils import Namespace
from lxml import etree
from markupsafe import EscapeFormatter, Markup, soft_str

from toolkit.bilde import Bilde
from toolkit.errors import MalError
from toolkit.rens import Pakke, UlesbarPakke
from toolkit.skriv import grunn

SPRAK = "nb-NO"

_T = TypeVar("_T")

# XML 1.0 forbids C0 controls except tab, line feed and carriage return, lone
# surrogates, U+FFFE and U+FFFF. C1 controls are allowed but never meant as text.
_UGYLDIG = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x84\x86-\x9f\ud800-\udfff\ufffe\uffff]")
_MAKS_EGENSKAP = 255  # core properties are limited to 255 characters


def rens_tekst(tekst: str) -> str:
    """Remove characters XML cannot hold; make every line break a plain "\\n"."""
    tekst = tekst.replace("\r\n", "\n").replace("\r", "\n")
    return _UGYLDIG.sub("", tekst)


class _BildeMedAlt(InlineImage):
    """An InlineImage whose drawing carries alt text (docPr descr and title).

    Made while a picture is written out, and dropped at once: it holds the
    DocxTemplate and must never be where a template can see it.
    """

    def __init__(self, tpl: DocxTemplate, bilde: Bilde) -> None:
        kilde = bilde.data
        super().__init__(
            tpl,
            io.BytesIO(kilde) if isinstance(kilde, bytes) else str(kilde),
            width=Mm(bilde.bredde_mm) if bilde.bredde_mm else None,
            height=Mm(bilde.hoyde_mm) if bilde.hoyde_mm else None,
        )
        self.navn = str(kilde) if isinstance(kilde, Path) else bilde.tittel or "bildet"
        self.alt = _egenskap(bilde.alt, maks=None)
        self.tittel = _egenskap(bilde.tittel, maks=None)

    def _insert_image(self) -> str:
        try:
            inline = self.tpl.current_rendering_part.new_pic_inline(
                self.image_descriptor, self.width, self.height
            )
        except OSError as e:
            raise MalError(
                f"Fant ikke bildet «{self.navn}» eller kunne ikke lese det: {grunn(e)}."
            ) from e
        except Exception as e:  # python-docx raises its own error for unknown formats
            raise MalError(f"Bildet «{self.navn}» kan ikke brukes: {e}") from e
        element = parse_xml(inline.xml)
        for docpr in element.iter(qn("wp:docPr")):
            docpr.set("descr", self.alt)
            if self.tittel:
                docpr.set("title", self.tittel)
        for cnvpr in element.iter(qn("pic:cNvPr")):
            cnvpr.set("descr", self.alt)
        xml = etree.tostring(element, encoding="unicode")
        return f'</w:t></w:r><w:r><w:drawing>{xml}</w:drawing></w:r><w:r><w:t xml:space="preserve">'


# What a template's own code did wrong, in words a school secretary can act on.
_REGNEFEIL = {
    "ZeroDivisionError": "en deling på null",
    "TypeError": "en regning med verdier som ikke passer sammen (for eksempel tekst pluss tall)",
    "ValueError": "en verdi som ikke kan gjøres om (for eksempel tekst til tall)",
    "OverflowError": "et altfor stort tall",
    "RecursionError": "en makro som kaller seg selv om og om igjen",
    "MemoryError": "noe som blir altfor stort",
    "IndexError": "et nummer i en liste som ikke finnes",
    "KeyError": "et navn i en oppslagsliste som ikke finnes",
}


# -- the limits ------------------------------------------------------------------------------
# Far above any real template (a report with 2 000 absence rows makes 3.4 million
# characters of XML in half a second and loops some 2 000 times) and far below
# what would tie up the machine: the text limit keeps a render well under half a
# gigabyte, including docxtpl's own parsing of what was made.

MAKS_STEG = 200_000  # loop iterations and calls per document
MAKS_TEGN = 20_000_000  # characters a document's templates make, output and working text
MAKS_VERDI = 1_000_000  # characters of one text, elements of one list
MAKS_BREDDE = 1_000  # a width or precision in a format, a count for batch and slice
MAKS_SEKUNDER = 30.0  # wall-clock time per document
MAKS_GJENTATT = 100_000  # "x" * n and [x] * n
MAKS_BITER = 4_096  # bits of a number made by multiplying
# What one filter, test or method may go through in one call, counted as text (a list
# that holds the same text many times counts it each time): no more than a whole
# document may make. Its work is done in one go, where the deadline cannot stop it.
MAKS_ARBEID = MAKS_TEGN

# Filters a Word template has no use for, and those that reach too far:
# attr (attribute access by name), safe and forceescape (raw XML), pprint (an
# object's insides), the HTML, JSON and URL ones, random (a different document
# every time), and the padding ones (center, indent, wordwrap, filesizeformat).
FJERNEDE_FILTRE = frozenset(
    {
        "attr",
        "center",
        "filesizeformat",
        "forceescape",
        "indent",
        "pprint",
        "random",
        "safe",
        "tojson",
        "urlencode",
        "urlize",
        "wordwrap",
        "xmlattr",
    }
)
# Names a template may not use: they lead to Python objects behind the template.
FORBUDTE_NAVN = frozenset({"self", "cycler", "joiner", "lipsum"})
# Filters whose text arguments name an attribute or key of each item ("a.b" is a path).
ATTRIBUTTFILTRE = frozenset(
    {"groupby", "join", "map", "max", "min", "rejectattr", "selectattr", "sort", "sum", "unique"}
)
# A text that names a Python attribute ("__class__", "{0.__globals__}", "_class__" of
# '_' ~ '_class__'); a line of underscores to write on is none.
_PYTHON_NAVN = re.compile(r"[A-Za-z0-9]__|__[A-Za-z0-9]")


def python_navn(tre: nodes.Node) -> list[tuple[str, nodes.Node]]:
    """Return what in `tre` names Python's insides, each with its node, in reading order.

    A name, attribute or key that begins with an underscore (`a.__class__`,
    `a['_x']`, `map(attribute='__class__')`), or a text that names one (a
    format string `'{0.__class__}'`). The renderer refuses a template with
    any of them when it compiles it, and `sjekk-mal` reports them: the same
    rule in both.
    """
    funnet: list[tuple[str, nodes.Node]] = []
    for node in _etterordnet(tre):
        if isinstance(node, nodes.Name) and node.name.startswith("_"):
            funnet.append((node.name, node))
        elif isinstance(node, nodes.Getattr) and node.attr.startswith("_"):
            funnet.append((node.attr, node))
        elif isinstance(node, nodes.Getitem) and isinstance(node.arg, nodes.Const):
            if str(node.arg.value).startswith("_"):
                funnet.append((str(node.arg.value), node))
        elif isinstance(node, nodes.Const) and isinstance(node.value, str):
            if _PYTHON_NAVN.search(node.value):
                funnet.append((node.value, node))
        elif isinstance(node, nodes.Filter) and node.name in ATTRIBUTTFILTRE:
            for arg in [*node.args, *(kw.value for kw in node.kwargs)]:
                if isinstance(arg, nodes.Const) and isinstance(arg.value, str):
                    del_ = next((d for d in arg.value.split(".") if d.startswith("_")), None)
                    if del_ is not None:
                        funnet.append((del_, node))
    return funnet


# What a template may reach with a dot, beside a mapping's keys.
STR_METODER = frozenset(
    {
        "capitalize",
        "casefold",
        "count",
        "endswith",
        "find",
        "format",
        "index",
        "isalnum",
        "isalpha",
        "isdecimal",
        "isdigit",
        "islower",
        "isnumeric",
        "isspace",
        "istitle",
        "isupper",
        "join",
        "lower",
        "lstrip",
        "partition",
        "removeprefix",
        "removesuffix",
        "replace",
        "rfind",
        "rindex",
        "rpartition",
        "rsplit",
        "rstrip",
        "split",
        "splitlines",
        "startswith",
        "strip",
        "swapcase",
        "title",
        "upper",
    }
)
DICT_METODER = frozenset({"items", "keys", "values", "get"})
LOOP_EGENSKAPER = frozenset(
    {
        "index",
        "index0",
        "revindex",
        "revindex0",
        "first",
        "last",
        "length",
        "depth",
        "depth0",
        "previtem",
        "nextitem",
        "cycle",
        "changed",
    }
)
_GRUPPE_EGENSKAPER = frozenset({"grouper", "list"})
TILLATTE_EGENSKAPER = STR_METODER | DICT_METODER | LOOP_EGENSKAPER | _GRUPPE_EGENSKAPER

# Filters that make text of their value: a list or mapping is measured first.
_TEKSTFILTRE = frozenset(
    {
        "capitalize",
        "e",
        "escape",
        "format",
        "lower",
        "replace",
        "string",
        "striptags",
        "title",
        "trim",
        "truncate",
        "upper",
        "wordcount",
    }
)
# Values a template may write out as they are.
_ENKLE = bool | int | float | date | range
_VISNINGER = dict_keys | dict_values | dict_items  # a mapping's views (the types of {}.keys() …)


def _tall(n: float) -> str:
    """Return `n` written the Norwegian way: 200 000."""
    return f"{n:,}".replace(",", " ")


_FOR_MANGE_GANGER = f"den gjentar noe mer enn {_tall(MAKS_STEG)} ganger"
_FOR_LANG_TID = f"den har brukt mer enn {_tall(int(MAKS_SEKUNDER))} sekunder"
_FOR_STOR_VERDI = f"den lager en tekst eller liste på mer enn {_tall(MAKS_VERDI)} tegn"
_FOR_MYE_TEKST = f"den lager mer enn {_tall(MAKS_TEGN)} tegn tekst og lister"
_FOR_MYE_ARBEID = (
    f"den gir et filter eller en metode mer enn {_tall(MAKS_ARBEID)} tegn å gå gjennom på én gang"
)
_FOR_BRED = f"den ber om en bredde eller et antall på mer enn {_tall(MAKS_BREDDE)}"


class _Grense(Exception):
    """A limit of the sandbox was passed; `hva` says which, in Norwegian."""

    def __init__(self, hva: str, linje: int | None = None) -> None:
        super().__init__(hva)
        self.hva = hva
        self.linje = linje


class _Nektet(SecurityError):
    """The template reached for something not on the allow-list; `hva` says what."""

    def __init__(self, hva: str) -> None:
        super().__init__(hva)
        self.hva = hva


class ForbudtKode(TemplateAssertionError):
    """The template uses a construct that is refused when it is compiled.

    `hva` names it ("«self»", "filteret «attr»" …) and `grunn` says why.
    """

    def __init__(
        self, hva: str, grunn: str, lineno: int, name: str | None, filename: str | None
    ) -> None:
        super().__init__(f"{hva} er ikke tillatt i en mal", lineno, name, filename)
        self.hva = hva
        self.grunn = grunn


# Why a construct is refused, for sjekk-mal.
_LASTER = "«{% include %}» eller en annen kode som henter inn en annen mal"
_PYTHON = "Det gir tilgang til Python-koden bak malen."
_FILTER = "En Word-mal trenger det ikke, og i Skjemaverk finnes det derfor ikke."
_ESCAPE = "Skjemaverk skriver alltid verdiene som tekst, så de ikke kan ødelegge dokumentet."
_BARE_FELTER = "En mal kan gå gjennom feltene og tabellene i skjemaet, ikke kalle seg selv."


def _hva_er(verdi: object) -> str:
    """Return what `verdi` is, for a person."""
    if isinstance(verdi, Bilde):
        return "et bilde"
    if isinstance(verdi, str):
        return "en tekst"
    if isinstance(verdi, bool):
        return "en ja/nei-verdi"
    if isinstance(verdi, int | float):
        return "et tall"
    if isinstance(verdi, list | tuple | range):
        return "en liste"
    if isinstance(verdi, dict):
        return "en oppslagsliste"
    if isinstance(verdi, Macro):
        return "en makro"
    if isinstance(verdi, LoopContext):
        return "loop"
    if isinstance(verdi, Namespace):
        return "namespace"
    if verdi is None:
        return "en tom verdi"
    return f"et objekt ({type(verdi).__name__})"


class _Lokal(threading.local):
    runde: _Runde | None = None


_LOKAL = _Lokal()  # the render in progress on each thread


def _blader(elementer: Collection[object]) -> tuple[int, list[object]]:
    """Return the size as text of the items of a list or mapping: its texts and numbers.

    Each item counts two (the ", " between them) and each text two more (its
    quotes); the rest of the items are returned, to be measured on their own.
    A list of texts only, or of whole numbers only, is measured in one go.
    """
    n = 2 + 2 * len(elementer)
    typer = set(map(type, elementer))
    if typer <= {str}:
        return n + sum(map(len, cast("Collection[str]", elementer))) + 2 * len(elementer), []
    if typer <= {int}:
        return n + sum(map(int.bit_length, cast("Collection[int]", elementer))) // 3, []
    resten = []
    for e in elementer:
        if isinstance(e, str):
            n += len(e) + 2
        elif type(e) is int:
            n += e.bit_length() // 3
        elif e is None or type(e) is bool:
            n += 5
        elif type(e) is float:
            n += 24
        else:
            resten.append(e)
    return n, resten


def _storrelse(verdi: object, grense: int = MAKS_VERDI) -> int:
    """Return about how long `verdi` is as text, counting no further than past `grense`.

    A list that holds the same long text many times is long as text, though
    short as a list: this measures it before `str()` would build it, and it is
    what a filter that goes through the list (sorting, comparing, lowercasing
    every item) has to work through. A list or mapping the render already
    knows (`_Runde.kjent`) counts with its recorded size, without a new walk.
    """
    if isinstance(verdi, str):
        return len(verdi)
    runde = _LOKAL.runde
    kjent = runde.kjent if runde is not None else {}
    n = 0
    stabel = [verdi]
    while stabel:
        v = stabel.pop()
        if isinstance(v, str):
            n += len(v) + 2
        elif (post := kjent.get(id(v))) is not None and post[1] is not None and post[1] >= 0:
            n += post[1]
        elif isinstance(v, list | tuple | set | frozenset | dict | types.MappingProxyType):
            blad, resten = _blader([*v, *v.values()] if isinstance(v, Mapping) else v)
            n += blad
            stabel.extend(resten)
        elif isinstance(v, _VISNINGER):  # a view goes through its mapping
            stabel.append(v.mapping)
        elif isinstance(v, Namespace):
            n += 14
            stabel.append(v._Namespace__attrs)
        elif isinstance(v, int):
            n += v.bit_length() // 3 + 2
        else:
            n += 40
        if n > grense:
            return n
    return n


def _sjekk_tekst(verdi: object) -> None:
    """Refuse a value whose text would pass the size limit, before it is made."""
    if not isinstance(verdi, str) and _storrelse(verdi) > MAKS_VERDI:
        raise _Grense(_FOR_STOR_VERDI)


def _sjekk_bredde(tall: str | None) -> None:
    if tall == "*" or (tall and (len(tall) > 6 or int(tall) > MAKS_BREDDE)):
        raise _Grense(_FOR_BRED)


_PROSENT = re.compile(r"%(?:\([^)]*\))?[#0\- +]*(\*|\d*)(?:\.(\*|\d*))?[hlL]?(.?)", re.S)


def _sjekk_prosent(mal: str, verdier: object) -> None:
    """Refuse `mal % verdier` when a width is too large or the result would be."""
    antall = bredde = 0
    for m in _PROSENT.finditer(mal):
        if m.group(3) == "%":
            continue
        antall += 1
        for tall in m.group(1, 2):
            _sjekk_bredde(tall)
            bredde += int(tall or 0)
    if not antall:
        return
    if isinstance(verdier, Mapping):
        lengste = max((_storrelse(v) for v in verdier.values()), default=0)
        anslag = antall * lengste
    elif isinstance(verdier, tuple):
        anslag = sum(_storrelse(v) for v in verdier)
    else:
        anslag = _storrelse(verdier)
    # A number with %f or %d is at most some 320 characters (1e308).
    if len(mal) + bredde + 320 * antall + anslag > MAKS_VERDI:
        raise _Grense(_FOR_STOR_VERDI)


def _sjekk_erstatt(tekst: str, gammel: object, ny: object, antall: object) -> None:
    """Refuse `tekst.replace(gammel, ny)` when the result would pass the size limit."""
    if not isinstance(gammel, str) or not isinstance(ny, str):
        return
    ganger = len(tekst) + 1 if gammel == "" else tekst.count(gammel)
    if isinstance(antall, int) and antall >= 0:
        ganger = min(ganger, antall)
    if len(tekst) + ganger * (len(ny) - len(gammel)) > MAKS_VERDI:
        raise _Grense(_FOR_STOR_VERDI)


class _Formaterer(SandboxedFormatter):
    """`str.format` for a template: fields through the sandbox, widths and size bounded."""

    def __init__(self, miljo: SandboxedEnvironment, **kwargs: object) -> None:
        super().__init__(miljo, **kwargs)
        self._lengde = 0

    def get_field(
        self, field_name: str, args: Sequence[object], kwargs: Mapping[str, object]
    ) -> tuple[object, str]:
        verdi, forste = super().get_field(field_name, args, kwargs)
        _sjekk_tekst(verdi)
        return verdi, forste

    def format_field(self, value: object, format_spec: str) -> str:
        for tall in re.findall(r"\d+", format_spec):
            _sjekk_bredde(tall)
        tekst = super().format_field(value, format_spec)
        self._lengde += len(tekst)
        if self._lengde > MAKS_VERDI:
            raise _Grense(_FOR_STOR_VERDI)
        return tekst


class _EscapeFormaterer(_Formaterer, EscapeFormatter):
    """`Markup.format`: the same, escaping the values."""


class _Trygg:
    """A checked method a template may call (replace, join, format of a text)."""

    __slots__ = ("_f",)

    def __init__(self, f: Callable[..., object]) -> None:
        self._f = f

    def __call__(self, *args: object, **kwargs: object) -> object:
        return self._f(*args, **kwargs)


# -- one render: the picture's template, the counters, the deadline ------------------------


# The memory a new list, tuple or mapping takes, in the budget's characters: the object
# itself (and its place in `_Runde.kjent`), and a pointer per item (two per key and value).
_PLASS_BEHOLDER = 64
_PLASS_ELEMENT = 8
_UMÅLT = -1  # the size in `_Runde.kjent` of a list or mapping of the context not yet measured
_BLADTYPER = frozenset({str, int, float, bool, type(None), date, datetime})


class _Runde:
    """What one document's render may still do, and what it is rendering now.

    Held per thread, where a template cannot reach it.

    `kjent` holds every list, tuple and mapping the render knows, by its id:
    the context's, and each one the template made, recorded when it was made.
    A template cannot change them, so each is measured once (the context's
    when first needed: `_UMÅLT` until then); the entry keeps the object
    alive, so that its id means it until the render ends. The size is None
    for one that holds a namespace, which can change.
    """

    __slots__ = ("frist", "kilde", "kjent", "steg", "tegn", "tikk", "tpl")

    def __init__(
        self,
        tpl: DocxTemplate | None,
        kontekst: Mapping[str, object] | None,
        frist: float | None = None,
    ) -> None:
        self.tpl = tpl
        self.frist = time.monotonic() + MAKS_SEKUNDER
        if frist is not None:
            self.frist = min(self.frist, frist)
        self.steg = 0
        self.tegn = 0
        self.tikk = 0
        self.kilde = ""
        self.kjent: dict[int, tuple[object, int | None]] = {}
        stabel = list(kontekst.values()) if kontekst is not None else []
        while stabel:  # the context's lists and mappings: there before, made by no one
            v = stabel.pop()
            if isinstance(v, list | tuple | dict) and id(v) not in self.kjent:
                self.kjent[id(v)] = (v, _UMÅLT)
                innhold = v.values() if isinstance(v, dict) else v
                if not _BLADTYPER.issuperset(map(type, innhold)):
                    stabel.extend(innhold)

    def ta_steg(self) -> None:
        """Count one loop iteration or call; stop past the budget or the deadline."""
        self.steg += 1
        if self.steg > MAKS_STEG:
            raise _Grense(_FOR_MANGE_GANGER)
        if time.monotonic() > self.frist:
            raise _Grense(_FOR_LANG_TID)

    def sjekk_tid(self) -> None:
        if time.monotonic() > self.frist:
            raise _Grense(_FOR_LANG_TID)

    def tikke(self) -> None:
        """Look at the clock now and then (on frequent, cheap operations)."""
        self.tikk += 1
        if not self.tikk & 255 and time.monotonic() > self.frist:
            raise _Grense(_FOR_LANG_TID)

    def tell(self, verdier: Iterable[object]) -> Iterator[object]:
        """Yield from `verdier`, counting each as a step."""
        for verdi in verdier:
            self.ta_steg()
            yield verdi

    def sjekk_arbeid(self, verdier: Iterable[object]) -> None:
        """Refuse a call whose input, all of it counted as text, passes `MAKS_ARBEID`.

        Sorting, comparing or lowercasing every item happens inside one call,
        where neither the deadline nor the budgets can stop it: the input is
        measured before the call starts.
        """
        n = 0
        for verdi in verdier:
            n += self.storrelse(verdi, MAKS_ARBEID - n)
            if n > MAKS_ARBEID:
                raise _Grense(_FOR_MYE_ARBEID)

    def storrelse(self, verdi: object, grense: int) -> int:
        """`_storrelse`, keeping the size of a list or mapping of the context once measured."""
        post = self.kjent.get(id(verdi))
        if post is None or post[1] != _UMÅLT:
            return _storrelse(verdi, grense)
        n = _storrelse(verdi, MAKS_ARBEID)
        if n <= MAKS_ARBEID:  # all of it measured
            self.kjent[id(verdi)] = (verdi, n)
        return n

    def laget(self, verdi: _T) -> _T:
        """Count a text, list, tuple or mapping the template made; refuse one past the limits.

        A text counts its length. A list, tuple or mapping counts the memory of
        it and of every new one inside it (the rest it shares with what was
        there), and is no larger than `MAKS_VERDI` as text.
        """
        if isinstance(verdi, str):
            n = len(verdi)
            self.tegn += n
            if n > MAKS_VERDI:
                raise _Grense(_FOR_STOR_VERDI)
        elif isinstance(verdi, list | tuple | dict) and id(verdi) not in self.kjent:
            self.tegn += self._registrer(verdi)
        else:
            return verdi
        if self.tegn > MAKS_TEGN:
            raise _Grense(_FOR_MYE_TEKST)
        return verdi

    def _registrer(self, rot: object) -> int:
        """Record the lists, tuples and mappings in `rot` not yet known; return their memory.

        Each new one is measured from its items, innermost first; one larger
        than `MAKS_VERDI` as text is refused (_Grense) before the rest is looked at.
        """
        kjent = self.kjent
        if not isinstance(rot, list | tuple | dict) or id(rot) in kjent:
            return 0
        minne = 0
        maks = MAKS_ARBEID  # for what is measured on its own: a namespace, the context
        # Begun: the size of its texts, numbers and known items, its new items, and
        # whether it holds a namespace (which can change, so its size is not kept).
        begynt: dict[int, tuple[int, list[object], bool]] = {}
        samlet = 0  # the new ones' own items so far: the whole is no smaller
        stabel: list[list[object] | tuple[object, ...] | dict[object, object]] = [rot]
        while stabel:
            v = stabel[-1]
            post = begynt.get(id(v))
            if post is None:  # first its items, then itself
                n, resten = _blader([*v, *v.values()] if isinstance(v, dict) else v)
                fast = True
                nye: list[object] = []
                for e in resten:
                    kjent_e = kjent.get(id(e))
                    if kjent_e is not None and kjent_e[1] is not None:
                        n += self.storrelse(e, maks) if kjent_e[1] == _UMÅLT else kjent_e[1]
                    elif kjent_e is None and isinstance(e, list | tuple | dict):
                        nye.append(e)
                    else:
                        fast = fast and kjent_e is None and not isinstance(e, Namespace)
                        n += _storrelse(e, maks)
                samlet += n
                if samlet > MAKS_VERDI:
                    raise _Grense(_FOR_STOR_VERDI)
                begynt[id(v)] = (n, nye, fast)
                stabel.extend(
                    e for e in nye if isinstance(e, list | tuple | dict) and id(e) not in begynt
                )
                continue
            stabel.pop()
            if id(v) in kjent:  # an item met twice
                continue
            n, nye, fast = post
            for e in nye:
                kjent_e = kjent.get(id(e))
                if kjent_e is None:  # a list that holds itself: no template makes one
                    n += 40
                elif kjent_e[1] is None:
                    fast = False
                    n += _storrelse(e, maks)
                else:
                    n += kjent_e[1]
            if n > MAKS_VERDI:
                raise _Grense(_FOR_STOR_VERDI)
            kjent[id(v)] = (v, n if fast else None)
            plasser = 2 * len(v) if isinstance(v, dict) else len(v)
            minne += _PLASS_BEHOLDER + _PLASS_ELEMENT * plasser
        return minne


def _linje_i(deler: object) -> int | None:
    """Return the template line a suspended template generator is at, if it is one."""
    linje = None
    gen = deler
    while isinstance(gen, types.GeneratorType) and gen.gi_frame is not None:
        mal = gen.gi_frame.f_globals.get("__jinja_template__")
        if mal is not None:
            linje = mal.get_corresponding_lineno(gen.gi_frame.f_lineno)
        gen = gen.gi_yieldfrom
    return linje


# -- the code generator: counted loops, checked ~, refused constructs ----------------------


def _etterordnet(node: nodes.Node) -> Iterator[nodes.Node]:
    """Yield the nodes under `node`, children before their parent."""
    for barn in node.iter_child_nodes():
        yield from _etterordnet(barn)
    yield node


class _Kodegenerator(CodeGenerator):
    """Jinja's code generator, with every loop counted and every `~` size-checked.

    The iterable of each `{% for %}` is written as `environment._lokke(…)`;
    `visit` recognises it by identity (Jinja allows no node types of our own).
    """

    def visit_Template(self, node: nodes.Template, frame: Frame | None = None) -> None:
        self._sjekk(node)
        self._talte = {id(lokke.iter) for lokke in node.find_all(nodes.For)}
        super().visit_Template(node, frame)

    def visit(self, node: nodes.Node, *args: object, **kwargs: object) -> object:
        if id(node) not in getattr(self, "_talte", ()):
            return super().visit(node, *args, **kwargs)
        self.write("environment._lokke(")
        super().visit(node, *args, **kwargs)
        self.write(")")
        return None

    def _nekt(self, hva: str, grunn: str, node: nodes.Node) -> None:
        raise ForbudtKode(hva, grunn, node.lineno, self.name, self.filename)

    def _sjekk(self, tre: nodes.Template) -> None:
        """Refuse what a Word template must never do, before any of it runs.

        The first such thing in reading order is named (`a.b.c` reads `a` first).
        """
        funnet = python_navn(tre)
        python = {id(node): navn for navn, node in funnet}
        tekster = [(navn, node) for navn, node in funnet if isinstance(node, nodes.Const)]
        for node in _etterordnet(tre):
            if isinstance(node, nodes.Include | nodes.Import | nodes.FromImport | nodes.Extends):
                self._nekt(_LASTER, "En Word-mal kan ikke hente inn andre filer.", node)
            elif isinstance(node, nodes.EvalContextModifier):
                self._nekt("«{% autoescape %}»", _ESCAPE, node)
            elif isinstance(node, nodes.For) and node.recursive:
                self._nekt("en løkke som kaller seg selv (recursive)", _BARE_FELTER, node)
            elif isinstance(node, nodes.Name) and node.name in FORBUDTE_NAVN:
                self._nekt(f"«{node.name}»", _PYTHON, node)
            elif id(node) in python and not isinstance(node, nodes.Const):
                self._nekt(f"«{python[id(node)]}»", _PYTHON, node)
            elif isinstance(node, nodes.Filter) and node.name in FJERNEDE_FILTRE:
                self._nekt(f"filteret «{node.name}»", _FILTER, node)
        # A text that names Python's insides last: what uses it says more.
        for navn, node in tekster:
            self._nekt(f"«{navn}»", _PYTHON, node)

    def visit_Concat(self, node: nodes.Concat, frame: Frame) -> None:
        if frame.eval_ctx.volatile:
            markup = "context.eval_ctx.autoescape"
        else:
            markup = repr(bool(frame.eval_ctx.autoescape))
        self.write(f"environment._koble({markup}, (")
        for arg in node.nodes:
            self.visit(arg, frame)
            self.write(", ")
        self.write("))")

    def visit_If(self, node: nodes.If, frame: Frame) -> None:
        self.writeline("environment._tikk()")
        super().visit_If(node, frame)

    # A list, tuple or mapping written in the template, and a slice, is counted as made.

    def visit_List(self, node: nodes.List, frame: Frame) -> None:
        self.write("environment._laget(")
        super().visit_List(node, frame)
        self.write(")")

    def visit_Dict(self, node: nodes.Dict, frame: Frame) -> None:
        self.write("environment._laget(")
        super().visit_Dict(node, frame)
        self.write(")")

    def visit_Tuple(self, node: nodes.Tuple, frame: Frame) -> None:
        if node.ctx != "load":  # the names of `{% for a, b in … %}`
            super().visit_Tuple(node, frame)
            return
        self.write("environment._laget(")
        super().visit_Tuple(node, frame)
        self.write(")")

    def visit_Getitem(self, node: nodes.Getitem, frame: Frame) -> None:
        if not isinstance(node.arg, nodes.Slice):  # the rest goes through getitem
            super().visit_Getitem(node, frame)
            return
        self.write("environment._laget(")
        super().visit_Getitem(node, frame)
        self.write(")")

    def visit_Assign(self, node: nodes.Assign, frame: Frame) -> None:
        self.writeline("environment._tikk()")
        super().visit_Assign(node, frame)


# -- the sandbox ------------------------------------------------------------------------------


class _Miljo(SandboxedEnvironment):
    """The closed, bounded sandbox, with a cache of compiled templates keyed by their source.

    docxtpl compiles the XML of every part on every render; with the cache a
    prepared template compiles once.
    """

    code_generator_class = _Kodegenerator
    intercepted_binops = frozenset({"*", "**", "+", "%"})
    _MAKS_CACHE = 64

    def __init__(self) -> None:
        super().__init__(
            autoescape=True,
            finalize=self._finalize,
            undefined=StrictUndefined,
            keep_trailing_newline=True,
        )
        self.globals = {"range": safe_range, "dict": dict, "namespace": Namespace}
        self.filters = {
            navn: self._vokt(filter_, navn)
            for navn, filter_ in self.filters.items()
            if navn not in FJERNEDE_FILTRE
        }
        self.filters["join"] = self._vokt(self._join, "join")
        # Jinja's own dict of tests is inferred as dict[str, function], which mypy does not
        # take for callables; every value is one.
        tester = cast("dict[str, Callable[..., object]]", self.tests)
        self.tests = {navn: self._vokt(test, navn) for navn, test in tester.items()}
        self._kompilert: dict[str, Template] = {}
        self._lås = threading.Lock()

    # -- one render at a time per thread ------------------------------------------------

    @contextlib.contextmanager
    def gjengivelse(
        self,
        tpl: DocxTemplate | None,
        kontekst: Mapping[str, object] | None = None,
        frist: float | None = None,
    ) -> Iterator[_Runde]:
        """Give the renders inside the block their picture template, budgets and deadline.

        The deadline is `MAKS_SEKUNDER` from now, or `frist` if that is sooner.
        """
        forrige = _LOKAL.runde
        runde = _LOKAL.runde = _Runde(tpl, kontekst, frist)
        try:
            yield runde
        finally:
            _LOKAL.runde = forrige

    def _runde(self) -> _Runde:
        runde = _LOKAL.runde
        if runde is None:
            raise RuntimeError("a template is rendered outside Miljo.gjengivelse")
        return runde

    # -- what the generated code calls -------------------------------------------------

    def _lokke(self, verdier: Iterable[object]) -> Iterator[object]:
        return self._runde().tell(verdier)

    def _tikk(self) -> None:
        self._runde().tikke()

    def _laget(self, verdi: _T) -> _T:
        """A list, tuple or mapping written in the template, or a slice: counted as made."""
        return self._runde().laget(verdi)

    def _koble(self, markup: bool, deler: tuple[object, ...]) -> str:
        """`a ~ b`: join as Jinja does, refusing a result past the size limit first."""
        runde = self._runde()
        n = 0
        for del_ in deler:
            n += len(del_) if isinstance(del_, str) else _storrelse(del_)
            if n > MAKS_VERDI:
                raise _Grense(_FOR_STOR_VERDI)
        return runde.laget((markup_join if markup else str_join)(deler))

    def concat(self, deler: Iterable[str]) -> str:
        """Join a template's output, counting it against the document's text budget."""
        runde = self._runde()
        grense = MAKS_TEGN - runde.tegn
        biter = []
        n = 0
        for bit in deler:
            n += len(bit)
            if n > grense:
                raise _Grense(_FOR_MYE_TEKST, _linje_i(deler))
            biter.append(bit)
        runde.tegn += n
        return "".join(biter)

    def _finalize(self, verdi: object) -> object:
        """Jinja `finalize`: runs on every `{{ value }}` before it is escaped."""
        runde = _LOKAL.runde
        if runde is not None:
            runde.tikke()
        if isinstance(verdi, Markup):
            return Markup(rens_tekst(str(verdi)))
        if isinstance(verdi, str):
            return rens_tekst(verdi)
        if isinstance(verdi, Bilde):
            if runde is None or runde.tpl is None:
                raise RuntimeError("a picture is written outside a document's render")
            return Markup(_BildeMedAlt(runde.tpl, verdi)._insert_image())
        if verdi is None or isinstance(verdi, _ENKLE | Undefined):
            return verdi
        if isinstance(verdi, _VISNINGER):
            verdi = list(verdi)
        if isinstance(verdi, list | tuple | dict):
            _sjekk_tekst(verdi)
            return rens_tekst(str(verdi))
        raise _Nektet(f"den skriver ut {_hva_er(verdi)}")

    # -- attributes and items: closed ------------------------------------------------------

    def getattr(self, obj: object, attribute: str) -> object:
        """`obj.attribute` in a template: only what the allow-list names."""
        runde = _LOKAL.runde
        if runde is not None:
            runde.tikke()
        if attribute.startswith("_"):  # made while rendering: map(attribute=…), a format field
            raise _Nektet(f"den bruker «{attribute}» på {_hva_er(obj)}")
        if isinstance(obj, dict):
            if attribute in DICT_METODER:
                return getattr(obj, attribute)
            try:
                return obj[attribute]
            except (KeyError, TypeError):
                return self.undefined(obj=obj, name=attribute)
        if isinstance(obj, str):
            if attribute in STR_METODER:
                return self._str_metode(obj, attribute)
        elif isinstance(obj, Namespace):
            if not attribute.startswith("_"):
                try:
                    return getattr(obj, attribute)
                except AttributeError:
                    return self.undefined(obj=obj, name=attribute)
        elif isinstance(obj, LoopContext):
            if attribute in LOOP_EGENSKAPER:
                return getattr(obj, attribute)
        elif isinstance(obj, tuple) and hasattr(obj, "_fields"):  # groupby's (grouper, list)
            if attribute in _GRUPPE_EGENSKAPER and attribute in obj._fields:
                return getattr(obj, attribute)
        elif isinstance(obj, Undefined):
            if not attribute.startswith("_"):
                return getattr(obj, attribute)  # StrictUndefined: the "no such field" error
        elif isinstance(obj, Bilde):
            raise _Nektet(
                f"den bruker «{attribute}» på et bilde, og et bilde kan bare settes inn "
                "(for eksempel {{ logo }})"
            )
        enkel = obj is None or isinstance(obj, str | list | tuple | _ENKLE)
        if enkel and not attribute.startswith("_") and not hasattr(type(obj), attribute):
            return self.undefined(obj=obj, name=attribute)
        raise _Nektet(f"den bruker «{attribute}» på {_hva_er(obj)}")

    def getitem(self, obj: object, argument: object) -> object:
        """`obj[argument]` in a template: items of texts, lists and mappings only."""
        runde = _LOKAL.runde
        if runde is not None:
            runde.tikke()
        if isinstance(argument, str) and argument.startswith("_"):
            raise _Nektet(f"den bruker «{argument}» på {_hva_er(obj)}")
        if isinstance(obj, dict | str | list | tuple | range):
            try:
                # Any key, as Jinja's own getitem: one of a wrong type raises TypeError.
                verdi = obj[argument]  # type: ignore[index, call-overload]
            except (TypeError, LookupError):
                if isinstance(argument, str):
                    return self.getattr(obj, argument)
                # Jinja's own getitem names the undefined by a key of any type; its
                # annotation says str.
                return self.undefined(obj=obj, name=argument)  # type: ignore[arg-type]
            return verdi
        if isinstance(obj, Undefined):
            return obj[argument]
        if isinstance(argument, str):
            return self.getattr(obj, argument)
        raise _Nektet(f"den slår opp [{argument!r}] i {_hva_er(obj)}")

    def is_safe_attribute(self, obj: object, attr: str, value: object) -> bool:
        return attr in TILLATTE_EGENSKAPER and not attr.startswith("_")

    def unsafe_undefined(self, obj: object, attribute: str) -> Undefined:
        raise _Nektet(f"den bruker «{attribute}» på {_hva_er(obj)}")

    def _str_metode(self, tekst: str, navn: str) -> object:
        metode = getattr(tekst, navn)
        if navn == "replace":

            def erstatt(gammel: str, ny: str, antall: int = -1) -> str:
                _sjekk_erstatt(tekst, gammel, ny, antall)
                return metode(gammel, ny, antall)

            return _Trygg(erstatt)
        if navn == "join":

            def sammenfoy(deler: Iterable[object]) -> str:
                liste = list(deler)
                n = len(tekst) * max(len(liste) - 1, 0)
                for del_ in liste:
                    n += len(del_) if isinstance(del_, str) else 0
                    if n > MAKS_VERDI:
                        raise _Grense(_FOR_STOR_VERDI)
                return metode(liste)

            return _Trygg(sammenfoy)
        if navn == "format":

            def formater(*args: object, **kwargs: object) -> str:
                formaterer = (
                    _EscapeFormaterer(self, escape=tekst.escape)
                    if isinstance(tekst, Markup)
                    else _Formaterer(self)
                )
                return type(tekst)(formaterer.vformat(tekst, args, kwargs))

            return _Trygg(formater)
        return metode

    def wrap_str_format(self, value: object) -> None:
        return None  # str.format is reached through getattr's allow-list only

    # -- calls and operators ------------------------------------------------------------------

    def is_safe_callable(self, obj: object) -> bool:
        if isinstance(obj, Macro | _Trygg) or obj is safe_range or obj is dict:
            return True
        if obj is Namespace:
            return True
        if isinstance(obj, types.BuiltinMethodType | types.MethodType):
            eier, navn = obj.__self__, obj.__name__
            if isinstance(eier, str):
                return navn in STR_METODER and navn not in ("replace", "join", "format")
            if isinstance(eier, dict):
                return navn in DICT_METODER
            if isinstance(eier, LoopContext):
                return navn in ("cycle", "changed")
        return False

    def call(self, context: Context, obj: object, /, *args: object, **kwargs: object) -> object:
        """Call `obj` from a template: counted as a step, allowed callables only."""
        runde = self._runde()
        runde.ta_steg()
        if not self.is_safe_callable(obj) or not callable(obj):
            raise _Nektet(f"den kaller {_hva_er(obj)}")
        if not isinstance(obj, Macro):  # a macro's own calls are measured one by one
            eier = getattr(obj, "__self__", None)
            tekst = [eier] if isinstance(eier, str) else []
            runde.sjekk_arbeid([*args, *kwargs.values(), *tekst])
        return runde.laget(context.call(obj, *args, **kwargs))

    def call_binop(self, context: Context, operator: str, left: object, right: object) -> object:
        runde = self._runde()
        runde.tikke()
        if operator == "**":
            raise _Nektet("den bruker **, som kan lage altfor store tall")
        if operator == "*":
            # A template may repeat text, but not to exhaust the memory: "x" * 4000000000.
            for a, b in ((left, right), (right, left)):
                if (
                    isinstance(a, str | list | tuple)
                    and isinstance(b, int)
                    and len(a) * b > MAKS_GJENTATT
                ):
                    raise _Nektet("den gjentar en tekst eller liste altfor mange ganger")
            if (
                isinstance(left, int)
                and isinstance(right, int)
                and left.bit_length() + right.bit_length() > MAKS_BITER
            ):
                raise OverflowError("for stort tall i en mal")
        elif operator == "+":
            if (
                isinstance(left, str | list | tuple)
                and isinstance(right, str | list | tuple)
                and len(left) + len(right) > MAKS_VERDI
            ):
                raise _Grense(_FOR_STOR_VERDI)
        elif operator == "%" and isinstance(left, str):
            _sjekk_prosent(left, right)
        return runde.laget(self.binop_table[operator](left, right))

    # -- filters and tests --------------------------------------------------------------------

    def _vokt(self, funksjon: Callable[..., object], navn: str) -> Callable[..., object]:
        """Return `funksjon` (a filter or test) with the deadline and the size checks."""
        plass = 1 if getattr(funksjon, "jinja_pass_arg", None) is not None else 0
        tekst = navn in _TEKSTFILTRE
        forsjekk = _FORSJEKK.get(navn)
        signatur = inspect.signature(funksjon) if forsjekk else None
        miljo = self

        @functools.wraps(funksjon)
        def vakt(*args: object, **kwargs: object) -> object:
            runde = miljo._runde()
            runde.sjekk_tid()
            runde.sjekk_arbeid([*args[plass:], *kwargs.values()])
            if tekst and len(args) > plass:
                _sjekk_tekst(args[plass])
            if forsjekk is not None and signatur is not None:
                forsjekk(signatur.bind(*args, **kwargs).arguments)
            return runde.laget(funksjon(*args, **kwargs))

        if plass:  # Jinja passes the context, eval context or environment first
            # The mark Jinja's pass_* decorators put on a function: mypy knows no
            # attributes of functions.
            vakt.jinja_pass_arg = funksjon.jinja_pass_arg  # type: ignore[attr-defined]
        return vakt

    @pass_eval_context
    def _join(
        self,
        eval_ctx: EvalContext,
        value: Iterable[object],
        d: str = "",
        attribute: str | int | None = None,
    ) -> str:
        """Jinja's `join`, measuring the result before it is made."""
        if attribute is not None:
            value = map(make_attrgetter(self, attribute), value)
        liste = list(value)
        n = _storrelse(d) * max(len(liste) - 1, 0)
        for del_ in liste:
            n += _storrelse(del_)
            if n > MAKS_VERDI:
                raise _Grense(_FOR_STOR_VERDI)
        return sync_do_join(eval_ctx, liste, d)

    # -- the cache of compiled templates ----------------------------------------------------

    def from_string(
        self,
        source: str | nodes.Template,
        globals: MutableMapping[str, object] | None = None,
        template_class: type[Template] | None = None,
    ) -> Template:
        runde = _LOKAL.runde
        if runde is not None and isinstance(source, str):
            runde.kilde = source
        if globals is not None or template_class is not None or not isinstance(source, str):
            return super().from_string(source, globals, template_class)
        mal = self._kompilert.get(source)
        if mal is None:
            mal = super().from_string(source)
            with self._lås:
                if len(self._kompilert) < self._MAKS_CACHE:
                    self._kompilert[source] = mal
        return mal


def _antall(verdi: object) -> None:
    if isinstance(verdi, int) and verdi > MAKS_BREDDE:
        raise _Grense(_FOR_BRED)


def _sum_start(verdi: object) -> None:
    if not isinstance(verdi, int | float):
        raise TypeError("sum starts from a number")


# Checks made before a filter runs, on its arguments by name.
_FORSJEKK: dict[str, Callable[[Mapping[str, object]], None]] = {
    "batch": lambda a: _antall(a.get("linecount")),
    "slice": lambda a: _antall(a.get("slices")),
    "replace": lambda a: _sjekk_erstatt(
        soft_str(a["s"]), soft_str(a["old"]), soft_str(a["new"]), a.get("count")
    ),
    "format": lambda a: _sjekk_prosent(soft_str(a["value"]), a.get("kwargs") or a.get("args")),
    "sum": lambda a: _sum_start(a.get("start", 0)),
}


def lag_miljo() -> _Miljo:
    """Return the sandbox templates are rendered in (closed, bounded, autoescape, strict)."""
    return _Miljo()


class MalStoppet(MalError):
    """A template refused or stopped while it was compiled or filled in.

    `del_` is the part of the document ("dokumentet", "bunnteksten" …) and
    `tekst` the text of the paragraph, when they are known; `kort` is the
    message without them.
    """

    def __init__(self, melding: str, kort: str, del_: str = "", tekst: str = "") -> None:
        super().__init__(melding)
        self.kort = kort
        self.del_ = del_
        self.tekst = tekst


def _sted(del_: str, tekst: str) -> str:
    """Return " (i bunnteksten, ved teksten «…»)", as much of it as is known."""
    if not del_:
        return ""
    return f" (i {del_}, ved teksten «{tekst}»)" if tekst else f" (i {del_})"


def _malens_linje(e: BaseException) -> int | None:
    """Return the template line an exception came from (Jinja rewrites the traceback)."""
    linje = getattr(e, "linje", None)
    tb = e.__traceback__
    while tb is not None:
        if tb.tb_frame.f_code.co_filename == "<template>":
            linje = tb.tb_lineno
        tb = tb.tb_next
    return linje


def _tekst_rundt(xml: str, linje: int | None) -> str:
    """Return the visible text of the paragraph at `linje` (docxtpl puts one per line)."""
    if not linje:
        return ""
    linjer = xml.splitlines()
    if not 0 < linje <= len(linjer):
        return ""
    tekst = re.sub(r"<[^>]+>", "", linjer[linje - 1])
    tekst = " ".join(tekst.split())
    return tekst[:80] + ("…" if len(tekst) > 80 else "")


def ulesbar_del(mal: str, del_: str) -> str:
    """The message for a template with a part that cannot be read: it cannot be checked."""
    return (
        f"Malen «{mal}» har en del som ikke kan leses («{del_}»), og blir ikke brukt: "
        "Skjemaverk sjekker hver del av malen for det som kan hente noe utenfra, og en del "
        "som ikke kan leses, kan ikke sjekkes. Åpne malen i Word og lagre den på nytt som "
        "Word-dokument (.docx)."
    )


def les_maldata(sti: Path) -> bytes:
    """Return the bytes of the Word template at `sti`; MalError (exit 2) if it isn't one."""
    from toolkit.apne import pakkens_deler
    from toolkit.errors import UlesbarFilError

    try:
        data = sti.read_bytes()
    except OSError as e:
        raise MalError(
            f"Fant ikke Word-malen «{sti}» eller kunne ikke lese den: {grunn(e)}.", exit_code=2
        ) from e
    ikke_word = MalError(
        f"Malen «{sti.name}» er ikke et Word-dokument (.docx). Lagre malen i Word som "
        "Word-dokument (.docx) og prøv igjen.",
        exit_code=2,
    )
    if not zipfile.is_zipfile(io.BytesIO(data)):
        raise ikke_word
    try:
        deler = pakkens_deler(data, sti.name, "Word-mal")
    except UlesbarFilError as e:
        raise MalError(e.melding, exit_code=2) from e
    if "word/document.xml" not in deler:
        raise ikke_word
    return data


class Mal:
    """A Word template prepared for rendering: read, checked and compiled once."""

    def __init__(self, sti: Path | str, data: bytes | None = None) -> None:
        self.sti = Path(sti)
        self.navn = self.sti.name
        data = les_maldata(self.sti) if data is None else data
        pakke = self._pakke(data)
        self._nekt_utenfra(pakke)
        self._data = pakke.renset(komprimer=False)
        self._miljo = _Miljo()
        self._hvor: dict[str, str] = {}  # Jinja source -> the part it is ("bunnteksten" …)
        self.variabler = self._forbered()

    @classmethod
    def fra_bytes(cls, data: bytes, navn: str) -> Mal:
        """Return a template made in memory (a generic document), named `navn` in messages."""
        return cls(Path(navn), data)

    # -- preparing -------------------------------------------------------------

    def _pakke(self, data: bytes) -> Pakke:
        """Read the package; refuse a damaged one, and one with a part that cannot be read."""
        try:
            pakke = Pakke(data)
        except Exception as e:  # no main document, no content types, not a zip
            raise MalError(
                f"Malen «{self.navn}» er ødelagt inni og kan ikke åpnes som Word-dokument. "
                "Åpne den i Word og lagre den på nytt som Word-dokument (.docx).",
                exit_code=2,
            ) from e
        if pakke.ulesbare:
            raise MalError(ulesbar_del(self.navn, pakke.ulesbare[0]))
        return pakke

    def _nekt_utenfra(self, pakke: Pakke, *, ferdig: bool = False) -> None:
        """Refuse a template (or a filled-in document) that fetches something from outside.

        In a filled-in document `{{ … }}` in a field's instruction, or XML put
        together from pieces of the template, can make a field the template
        itself did not show.
        """
        if not pakke.utenfra_med_sted:
            return
        _, del_ = pakke.utenfra_med_sted[0]
        hva = pakke.utenfra[0] if ferdig else ", ".join(pakke.utenfra[:3])
        raise self._nektet(
            f"den får dokumentene til å hente noe utenfra når de åpnes ({hva}), og det kan "
            "sende opplysninger om eleven ut",
            del_,
            "",
        )

    def _deler(self) -> list[tuple[str, str]]:
        """Return (part name, Jinja source) for every part docxtpl renders."""
        try:
            tpl = DocxTemplate(io.BytesIO(self._data))
            doc = tpl.get_docx()
        except Exception as e:
            raise MalError(
                f"Malen «{self.navn}» er ødelagt inni og kan ikke åpnes som Word-dokument. "
                "Åpne den i Word og lagre den på nytt som Word-dokument (.docx).",
                exit_code=2,
            ) from e
        deler = [("dokumentet", tpl.patch_xml(tpl.get_xml()))]
        for uri, hva in ((tpl.HEADER_URI, "toppteksten"), (tpl.FOOTER_URI, "bunnteksten")):
            for _rel, part in tpl.get_headers_footers(uri):
                deler.append((hva, tpl.patch_xml(tpl.get_part_xml(part))))
        for part in doc.part.package.parts:
            if part.content_type.endswith(".footnotes+xml"):
                blob = part.blob.decode("utf-8") if isinstance(part.blob, bytes) else part.blob
                deler.append(("fotnotene", tpl.patch_xml(blob)))
        egenskaper = doc.core_properties
        for navn in ("author", "comments", "identifier", "language", "subject", "title"):
            deler.append(("dokumentegenskapene", getattr(egenskaper, navn) or ""))
        return deler

    def _forbered(self) -> frozenset[str]:
        variabler: set[str] = set()
        # The names the document's body uses (not headers, footers or properties):
        # what the template shows there, it places by hand.
        self.brodtekst: frozenset[str] = frozenset()
        for hva, xml in self._deler():
            # docxtpl renders with one paragraph per line; compile that exact
            # source so that the cache serves every later render.
            kilde = re.sub(r"<w:p([ >])", r"\n<w:p\1", xml) if hva != "dokumentegenskapene" else xml
            self._hvor.setdefault(kilde, hva)
            try:
                self._miljo.from_string(kilde)
                brukt = meta.find_undeclared_variables(self._miljo.parse(kilde))
                variabler |= brukt
                if hva == "dokumentet":
                    self.brodtekst = frozenset(brukt)
            except ForbudtKode as e:
                raise self._nektet(f"den bruker {e.hva}", hva, _tekst_rundt(kilde, e.lineno)) from e
            except TemplateSyntaxError as e:
                sted = _tekst_rundt(kilde, e.lineno)
                ved = f" ved teksten «{sted}»" if sted else ""
                raise MalError(
                    f"Malen «{self.navn}» har en feil i en mal-kode i {hva}{ved}. "
                    f"{self._se_sjekk_mal}"
                ) from e
            except (RecursionError, MemoryError) as e:  # nested deeper than Jinja can read
                raise self._stoppet(
                    f"en mal-kode i {hva} er nøstet altfor dypt til å kunne leses", "", ""
                ) from e
        return frozenset(variabler)

    def _nektet(self, hva: str, del_: str, tekst: str) -> MalStoppet:
        """The error for a template that reached for what is not allowed."""
        start = (
            f"Malen «{self.navn}» prøver å kjøre kode eller gjøre noe som ikke er tillatt i en "
            "mal, og blir ikke brukt"
        )
        hva = f": {hva}" if hva else ""
        slutt = ". Bruk en mal du stoler på, eller de innebygde."
        return MalStoppet(
            start + hva + _sted(del_, tekst) + slutt, start + hva + slutt, del_, tekst
        )

    def _stoppet(self, hva: str, del_: str, tekst: str) -> MalStoppet:
        """The error for a template that passed one of the sandbox's limits."""
        start = f"Malen «{self.navn}» ble stoppet: {hva}"
        slutt = (
            ". En vanlig mal kommer aldri i nærheten av en slik grense. Bruk en mal du stoler "
            "på, eller de innebygde."
        )
        return MalStoppet(start + _sted(del_, tekst) + slutt, start + slutt, del_, tekst)

    def _hvor_i(self, runde: _Runde, e: BaseException) -> tuple[str, str]:
        """Return the part and the paragraph text the render was at when `e` was raised."""
        kilde = runde.kilde
        return self._hvor.get(kilde, ""), _tekst_rundt(kilde, _malens_linje(e))

    @property
    def _se_sjekk_mal(self) -> str:
        return f'Kjør «skjemaverk sjekk-mal "{self.sti}"» for å se hva som er galt, og hvor.'

    # -- checking and rendering ----------------------------------------------------

    def sjekk(self, kjente: Iterable[str]) -> None:
        """Raise MalError if the template uses a variable not in `kjente`."""
        kjent = set(kjente) | set(self._miljo.globals)
        ukjente = sorted(self.variabler - kjent)
        if not ukjente:
            return
        deler = []
        for navn in ukjente:
            nær = difflib.get_close_matches(navn, sorted(kjent), n=1)
            deler.append(f"«{navn}»" + (f" (mente du «{nær[0]}»?)" if nær else ""))
        felt = "feltet" if len(ukjente) == 1 else "feltene"
        raise MalError(
            f"Malen «{self.navn}» bruker {felt} {', '.join(deler)}, som ikke finnes i "
            "skjemaet. Rett navnet i malen (se feltlisten: skjemaverk felter)."
        )

    def render(
        self,
        kontekst: Mapping[str, object],
        *,
        tittel: str,
        forfatter: str = "",
        tidspunkt: datetime | None = None,
        frist: float | None = None,
    ) -> bytes:
        """Fill the template and return the .docx as bytes.

        `tittel` goes into the document properties; the author is `forfatter`
        (the school), never the template's author or the user name. `frist`
        (time.monotonic()) ends the render sooner than `MAKS_SEKUNDER` would.
        """
        self.sjekk(kontekst.keys())
        tpl = DocxTemplate(io.BytesIO(self._data))
        with self._miljo.gjengivelse(tpl, kontekst, frist) as runde:
            try:
                tpl.render(dict(kontekst), jinja_env=self._miljo, autoescape=True)
            except _Grense as e:
                raise self._stoppet(e.hva, *self._hvor_i(runde, e)) from e
            except ForbudtKode as e:  # a part compiled only now
                raise self._nektet(f"den bruker {e.hva}", *self._hvor_i(runde, e)) from e
            except SecurityError as e:
                hva = e.hva if isinstance(e, _Nektet) else ""
                raise self._nektet(hva, *self._hvor_i(runde, e)) from e
            except UndefinedError as e:
                treff = re.search(r"'([^']+)' is undefined|attribute '([^']+)'", e.message or "")
                navn = next((g for g in treff.groups() if g), "") if treff else ""
                hva = f"«{navn}»" if navn else "et felt eller en kolonne"
                raise MalError(
                    f"Malen «{self.navn}» bruker {hva}, som ikke finnes i skjemaet. "
                    f"{self._se_sjekk_mal}"
                ) from e
            except MalError:
                raise
            except Exception as e:  # any fault in a template's own code, e.g. {{ 1/0 }}
                hva = _REGNEFEIL.get(type(e).__name__, "en mal-kode som ikke går an å regne ut")
                raise MalError(
                    f"Malen «{self.navn}» kunne ikke fylles ut: den har {hva}. {self._se_sjekk_mal}"
                ) from e
        _sett_egenskaper(tpl, tittel=tittel, skole=forfatter, tidspunkt=tidspunkt)
        ut = io.BytesIO()
        tpl.save(ut)
        try:
            ferdig = Pakke(ut.getvalue(), sjekk_alt=False)
        except UlesbarPakke as e:  # python-docx writes none such; if it did, nothing goes out
            raise MalError(ulesbar_del(self.navn, "dokumentet")) from e
        if ferdig.ulesbare:
            raise MalError(ulesbar_del(self.navn, ferdig.ulesbare[0]))
        self._nekt_utenfra(ferdig, ferdig=True)
        return ut.getvalue()


def _egenskap(tekst: str, maks: int | None = _MAKS_EGENSKAP) -> str:
    return rens_tekst(tekst).replace("\n", " ")[:maks]


# The core properties a document gets: these, and nothing the template carried.
_EGNE_EGENSKAPER = frozenset(
    qn(navn)
    for navn in (
        "dc:title",
        "dc:language",
        "dc:creator",
        "cp:lastModifiedBy",
        "cp:revision",
        "dcterms:created",
        "dcterms:modified",
    )
)


def _sett_egenskaper(
    tpl: DocxTemplate, *, tittel: str, skole: str, tidspunkt: datetime | None = None
) -> None:
    """Set the document properties; drop whatever the template carried."""
    cp = tpl.docx.core_properties
    cp.title = _egenskap(tittel)
    cp.language = SPRAK
    cp.author = _egenskap(skole)
    cp.last_modified_by = _egenskap(skole)
    cp.revision = 1
    naa = (tidspunkt or datetime.now(UTC)).replace(tzinfo=None, microsecond=0)
    cp.created = naa
    cp.modified = naa
    element = cp._element
    for barn in list(element):
        if barn.tag not in _EGNE_EGENSKAPER:
            element.remove(barn)


# -- a cache of prepared templates, for many documents in one run --------------

_CACHE: dict[tuple[str, int, int], Mal] = {}
_CACHE_LÅS = threading.Lock()


def hent_mal(sti: Path | str) -> Mal:
    """Return the prepared template at `sti`, reusing it while the file is unchanged."""
    sti = Path(sti)
    try:
        stat = sti.stat()
        nokkel = (str(sti.resolve()), stat.st_mtime_ns, stat.st_size)
    except OSError as e:
        raise MalError(f"Fant ikke Word-malen «{sti}»: {grunn(e)}.") from e
    with _CACHE_LÅS:
        mal = _CACHE.get(nokkel)
    if mal is None:
        mal = Mal(sti)
        with _CACHE_LÅS:
            _CACHE[nokkel] = mal
    return mal
