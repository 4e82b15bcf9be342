"""Render Word templates (docxtpl) safely: sandboxed, escaped, checked first.

A `Mal` is a prepared template: the file is read, parsed and compiled once and
can then fill any number of documents (a batch renders many forms with the
same two templates). Rendering gives the bytes of a .docx; writing them to
disk is `toolkit.lag`'s job.

Guards against the known traps of docxtpl (see design.md):
- Jinja runs in a `SandboxedEnvironment` with autoescape on, so `& < >` in a
  value stay text and a template from elsewhere cannot run code.
- A `finalize` strips XML-invalid control characters from every value.
- Every variable a template uses is checked against the context's keys before
  rendering; an unknown one is a `MalError` naming the template and the field.
  `StrictUndefined` turns a wrong attribute (`{{ rad.ansvarlg }}`) into an
  error too, instead of a silent gap.
- A picture in the context is a `Bilde` (toolkit.diagram): at render time it
  becomes a docxtpl `InlineImage` of this render's template, and its alt text
  is set on the drawing (`wp:docPr` descr and title), which docxtpl leaves out.
"""

from __future__ import annotations

import difflib
import io
import re
import threading
import zipfile
from collections.abc import Iterable, Mapping
from datetime import UTC, datetime
from pathlib import Path

from docx.oxml import parse_xml
from docx.oxml.ns import qn
from docx.shared import Mm
from docxtpl import DocxTemplate, InlineImage
from jinja2 import StrictUndefined, TemplateSyntaxError, meta
from jinja2.exceptions import SecurityError, UndefinedError
from jinja2.sandbox import SandboxedEnvironment
from lxml import etree
from markupsafe import Markup

from toolkit.bilde import Bilde
from toolkit.errors import MalError
from toolkit.skriv import grunn

SPRAK = "nb-NO"

# XML 1.0 forbids C0 controls except tab, line feed and carriage return, lone
# surrogates, U+FFFE and U+FFFF. C1 controls are allowed but never meant as text.
_UGYLDIG = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x84\x86-\x9f\ud800-\udfff\ufffe\uffff]")
_MAKS_EGENSKAP = 255  # core properties are limited to 255 characters


def rens_tekst(tekst: str) -> str:
    """Remove characters XML cannot hold; make every line break a plain "\\n"."""
    tekst = tekst.replace("\r\n", "\n").replace("\r", "\n")
    return _UGYLDIG.sub("", tekst)


def _finalize(verdi: object) -> object:
    """Jinja `finalize`: runs on every `{{ value }}` before it is escaped."""
    if isinstance(verdi, Markup):
        return Markup(rens_tekst(str(verdi)))
    if isinstance(verdi, str):
        return rens_tekst(verdi)
    return verdi


class _BildeMedAlt(InlineImage):
    """An InlineImage whose drawing carries alt text (docPr descr and title)."""

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


def _med_bilder(verdi: object, tpl: DocxTemplate) -> object:
    """Return `verdi` with every `Bilde` in it made an image of `tpl`."""
    if isinstance(verdi, Bilde):
        return _BildeMedAlt(tpl, verdi)
    if isinstance(verdi, dict):
        return {k: _med_bilder(v, tpl) for k, v in verdi.items()}
    if isinstance(verdi, list | tuple):
        return type(verdi)(_med_bilder(v, tpl) for v in verdi)
    return verdi


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


class _Miljo(SandboxedEnvironment):
    """The sandbox, with a cache of compiled templates keyed by their source.

    docxtpl compiles the XML of every part on every render; with the cache a
    prepared template compiles once.
    """

    _MAKS_CACHE = 64
    # A template may repeat text, but not to exhaust the memory: "x" * 4000000000.
    intercepted_binops = frozenset({"*", "**"})
    _MAKS_GJENTATT = 100_000

    def call_binop(self, context, operator, left, right):  # type: ignore[override]
        if operator == "**":
            raise SecurityError("** er ikke tillatt i en mal")
        for a, b in ((left, right), (right, left)):
            gjentatt = isinstance(a, str | list | tuple) and isinstance(b, int)
            if gjentatt and len(a) * b > self._MAKS_GJENTATT:
                raise SecurityError("for stor gjentakelse i en mal")
        return super().call_binop(context, operator, left, right)

    def __init__(self) -> None:
        super().__init__(
            autoescape=True,
            finalize=_finalize,
            undefined=StrictUndefined,
            keep_trailing_newline=True,
        )
        self._kompilert: dict[str, object] = {}
        self._lås = threading.Lock()

    def from_string(self, source, globals=None, template_class=None):  # type: ignore[override]
        if globals is not None or template_class is not None or not isinstance(source, str):
            return super().from_string(source, globals, template_class)
        mal = self._kompilert.get(source)
        if mal is None:
            mal = super().from_string(source)
            with self._lås:
                if len(self._kompilert) < self._MAKS_CACHE:
                    self._kompilert[source] = mal
        return mal


def lag_miljo() -> SandboxedEnvironment:
    """Return the sandbox templates are rendered in (autoescape, strict, limited)."""
    return _Miljo()


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
        self._data = les_maldata(self.sti) if data is None else data
        self._miljo = _Miljo()
        self.variabler = self._forbered()

    @classmethod
    def fra_bytes(cls, data: bytes, navn: str) -> Mal:
        """Return a template made in memory (a generic document), named `navn` in messages."""
        return cls(Path(navn), data)

    # -- preparing -------------------------------------------------------------

    def _deler(self) -> list[tuple[str, str]]:
        """Return (part name, Jinja source) for every part docxtpl renders."""
        try:
            tpl = DocxTemplate(io.BytesIO(self._data))
            doc = tpl.get_docx()
        except Exception as e:
            raise MalError(
                f"Malen «{self.navn}» kan ikke åpnes som Word-dokument ({type(e).__name__}). "
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
            try:
                self._miljo.from_string(kilde)
                brukt = meta.find_undeclared_variables(self._miljo.parse(kilde))
                variabler |= brukt
                if hva == "dokumentet":
                    self.brodtekst = frozenset(brukt)
            except TemplateSyntaxError as e:
                sted = _tekst_rundt(kilde, e.lineno)
                ved = f" ved teksten «{sted}»" if sted else ""
                raise MalError(
                    f"Malen «{self.navn}» har en feil i en mal-kode i {hva}{ved}. "
                    f"{self._se_sjekk_mal}"
                ) from e
        return frozenset(variabler)

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
    ) -> bytes:
        """Fill the template and return the .docx as bytes.

        `tittel` goes into the document properties; the author is `forfatter`
        (the school), never the template's author or the user name.
        """
        self.sjekk(kontekst.keys())
        tpl = DocxTemplate(io.BytesIO(self._data))
        try:
            tpl.render(
                {k: _med_bilder(v, tpl) for k, v in kontekst.items()},
                jinja_env=self._miljo,
                autoescape=True,
            )
        except SecurityError as e:
            raise MalError(
                f"Malen «{self.navn}» prøver å kjøre kode eller gjøre noe som ikke er tillatt i "
                "en mal, og blir ikke brukt. Bruk en mal du stoler på, eller de innebygde."
            ) from e
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
        return ut.getvalue()


def _egenskap(tekst: str, maks: int | None = _MAKS_EGENSKAP) -> str:
    return rens_tekst(tekst).replace("\n", " ")[:maks]


def _sett_egenskaper(
    tpl: DocxTemplate, *, tittel: str, skole: str, tidspunkt: datetime | None = None
) -> None:
    """Set the document properties; drop whatever the template carried."""
    cp = tpl.docx.core_properties
    cp.title = _egenskap(tittel)
    cp.language = SPRAK
    cp.author = _egenskap(skole)
    cp.last_modified_by = _egenskap(skole)
    for navn in ("subject", "comments", "keywords", "category", "content_status"):
        setattr(cp, navn, "")
    for navn in ("identifier", "version"):
        setattr(cp, navn, "")
    cp.revision = 1
    naa = (tidspunkt or datetime.now(UTC)).replace(tzinfo=None, microsecond=0)
    cp.created = naa
    cp.modified = naa
    element = cp._element
    for barn in list(element):
        if barn.tag.endswith("}lastPrinted"):
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
