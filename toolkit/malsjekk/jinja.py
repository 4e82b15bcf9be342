"""Each tag parsed alone by Jinja, in the renderer's own sandbox.

Syntax errors are reported in Norwegian, with unknown keywords, tags that
load other templates and what the sandbox forbids; `_prøver_kode` finds what
only serves to reach Python internals. The block keywords live here too.
"""

from __future__ import annotations

import difflib
import re

from jinja2 import nodes
from jinja2.exceptions import TemplateSyntaxError
from jinja2.sandbox import SandboxedEnvironment

from toolkit.malsjekk.funn import _Samler
from toolkit.malsjekk.tagger import _Tagg
from toolkit.render import ATTRIBUTTFILTRE, ForbudtKode, lag_miljo, python_navn

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
_ATTRIBUTT_FILTRE = ATTRIBUTTFILTRE | {"attr"}
_KODE = "Malen prøver å kjøre kode. Den blir ikke brukt."


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
    """Return what in `tre` reaches for Python internals, innermost first.

    What the renderer refuses when it compiles a template (`python_navn`: a
    name that begins with an underscore, a text that names one), and the
    names in `_FARLIGE`, which only serve to reach Python or docxtpl.
    """
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
    renderen = python_navn(tre)
    farlige += [navn for navn, node in renderen if isinstance(node, nodes.Filter)]  # "a._b"
    farlige += [navn for navn, node in renderen if isinstance(node, nodes.Const)]
    return list(dict.fromkeys(reversed(farlige)))
