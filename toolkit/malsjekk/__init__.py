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
  when it is opened (INCLUDEPICTURE, a linked picture …), in any part a
  document keeps, and a part that cannot be read (which cannot be checked);
- as warnings, what the template carries that documents will not get:
  comments, tracked changes, custom properties, the company or manager in the
  app properties, an attached template, protection, and every other kind of
  part left out (embedded objects, macros, add-ins, building blocks, parts
  Skjemaverk does not use …: `toolkit.rens`).

The paragraphs are read from the package as the renderer cleans it (tracked
changes accepted, comments gone): what docxtpl will fill in.

Places are written for a person with the template open in Word: "Brødtekst,
avsnitt 12", "Tabell 2, rad 3, celle 1", "Topptekst, avsnitt 1", with the text
of the paragraph around the problem.

When nothing is found, the template is also prepared with `toolkit.render.Mal`
and filled once with example data, in the same sandbox and with the same
limits, so that what the renderer would refuse or stop is reported too, with
its place.

The whole check, the trial included, has the renderer's time limit
(`toolkit.render.MAKS_SEKUNDER`): a template with so many tags that checking
them would take longer is stopped with a finding that says so.

One module per job: `dokument` reads the paragraphs, `tagger` finds the tags,
`redigering` checks what Word did to them, `plassering` where docxtpl's
paragraph, row and cell tags sit, `jinja` their syntax and the sandbox, `navn`
the fields and attributes they use, `blokker` pairs the blocks, `eksempel`
makes the example data, `fil` looks at the file as a whole, and `funn` holds
the findings.
"""

from __future__ import annotations

import time
from pathlib import Path

from toolkit import render
from toolkit.definisjon import Skjemadefinisjon
from toolkit.errors import MalError
from toolkit.malsjekk.blokker import _sjekk_del
from toolkit.malsjekk.dokument import _deler
from toolkit.malsjekk.eksempel import _eksempelkontekst, eksempeldata
from toolkit.malsjekk.fil import _metadata_funn, _pakke, _utenfra_funn
from toolkit.malsjekk.funn import Malfunn, Tidsgrense, _Samler, har_feil
from toolkit.malsjekk.jinja import _miljo
from toolkit.malsjekk.tagger import _finn_tagger
from toolkit.render import Mal, MalStoppet, les_maldata, ulesbar_del

__all__ = ["Malfunn", "eksempeldata", "har_feil", "sjekk_mal"]


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
    # The check has the renderer's time limit, all of it: reading, the tags, the trial.
    frist = time.monotonic() + render.MAKS_SEKUNDER

    pakke = _pakke(les_maldata(sti), sti.name)
    if pakke.ulesbare:  # nothing else can be trusted
        return [Malfunn("Malen", "", ulesbar_del(sti.name, del_)) for del_ in pakke.ulesbare]
    # What docxtpl fills in: the package as the renderer cleans it.
    deler = _deler(pakke.renset(komprimer=False), sti.name)

    miljo = _miljo()
    eksempel = _eksempelkontekst(definisjon)
    kjente = frozenset(kjente_keys(definisjon) | set(eksempel) | set(miljo.globals))
    samler = _Samler(frist)
    kode = False
    try:
        alle_tagger = _finn_tagger(deler, samler, kjente)
        for nr, (del_, tagger) in enumerate(zip(deler, alle_tagger, strict=True)):
            samler.del_nr = nr
            kode |= _sjekk_del(del_, tagger, kjente, eksempel, miljo, samler)
    except Tidsgrense:
        sekunder = f"{render.MAKS_SEKUNDER:.0f}"
        return [
            Malfunn(
                "Malen",
                "",
                f"Malen «{sti.name}» ble stoppet: sjekken har brukt mer enn {sekunder} sekunder. "
                "En vanlig mal kommer aldri i nærheten av en slik grense. Bruk en mal du stoler "
                "på, eller de innebygde.",
            )
        ]

    funn = samler.alle() + _utenfra_funn(pakke) + _metadata_funn(pakke.metadata())
    if not har_feil(funn) and not kode:
        funn += _prøv_render(sti, kjente, eksempel, frist)
    return funn


_DELNAVN = {
    "dokumentet": "Brødtekst",
    "toppteksten": "Topptekst",
    "bunnteksten": "Bunntekst",
    "fotnotene": "Fotnoter",
    "dokumentegenskapene": "Dokumentegenskaper",
}


def _prøv_render(
    sti: Path, kjente: frozenset[str], eksempel: dict[str, object], frist: float
) -> list[Malfunn]:
    """Prepare the template as the renderer does and fill it once with example data."""
    try:
        mal = Mal(sti)
        mal.sjekk(kjente)
        if eksempel:
            mal.render(eksempel, tittel="Prøve", frist=frist)
    except MalStoppet as e:
        return [Malfunn(_DELNAVN.get(e.del_, "Malen"), e.tekst, e.kort)]
    except MalError as e:
        # The renderer's advice to run sjekk-mal is no help here: this is sjekk-mal.
        return [Malfunn("Malen", "", e.melding.split(" Kjør «skjemaverk sjekk-mal")[0])]
    return []
