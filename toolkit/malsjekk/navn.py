"""The names in a tag: fields, columns of a row, and attributes the sandbox refuses.

The example context's values are the shapes: a loop variable takes the shape
of an element of the list it runs over, so `{{ t.ansvarlg }}` inside
`{% for t in tiltak %}` is reported with the closest column a row has.
"""

from __future__ import annotations

import difflib
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import cast

from jinja2 import nodes

from toolkit.bilde import Bilde
from toolkit.malsjekk.funn import _Samler
from toolkit.malsjekk.tagger import _Tagg
from toolkit.render import DICT_METODER, LOOP_EGENSKAPER, STR_METODER

# Shapes: the example context's values tell which attributes a row has.
_UKJENT = object()


def _element(form: object) -> object:
    """Return the shape of one element of the list `form`."""
    if not isinstance(form, list) or not form:
        return _UKJENT
    if all(isinstance(x, dict) for x in form):
        samlet: dict[object, object] = {}
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
class _Navnerom:
    """The names a scope makes known (loop variables, set), and the shapes of their values."""

    navn: set[str] = field(default_factory=set)
    former: dict[str, object] = field(default_factory=dict)


@dataclass(kw_only=True)
class _Ramme(_Navnerom):
    """An open block: its tag, and the names it makes known."""

    tagg: _Tagg


def _sjekk_navn(
    tre: nodes.Template,
    tagg: _Tagg,
    kjente: frozenset[str],
    stabel: list[_Ramme],
    global_: _Navnerom,
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
    for lokke in tre.find_all(nodes.For):
        egne |= _navn_i(lokke.target)
    for navn in tre.find_all(nodes.Name):
        if navn.ctx != "load" or navn.name in kjente or navn.name in i_scope:
            continue
        if navn.name in egne:
            continue
        nær = difflib.get_close_matches(navn.name, sorted(kjente | i_scope), n=1)
        forslag = f" (mente du «{nær[0]}»?)" if nær else ""
        samler.legg_til(
            tagg.avsnitt,
            f"Feltet «{navn.name}» finnes ikke i skjemaet{forslag}. Rett navnet i malen; "
            "alle feltene står i feltlisten (skjemaverk felter).",
            start=tagg.start,
            slutt=tagg.slutt,
        )
    if any(r.tagg.nøkkelord == "for" for r in stabel) or tre.find(nodes.For) is not None:
        former.setdefault("loop", _LOOP)
    # find_all with a tuple of node types is typed as their common base (Expr).
    oppslag = cast(
        "Iterator[nodes.Getattr | nodes.Getitem]", tre.find_all((nodes.Getattr, nodes.Getitem))
    )
    for node in oppslag:
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


def _bind(tre: nodes.Template, ramme: _Navnerom, former: dict[str, object]) -> None:
    """Make the names a for loop or a set binds known in `ramme`."""
    for lokke in tre.find_all(nodes.For):
        ramme.navn |= _navn_i(lokke.target)
        try:
            element = _element(_form(lokke.iter, former))
        except _Mangler:
            element = _UKJENT
        if isinstance(lokke.target, nodes.Name) and element is not _UKJENT:
            ramme.former[lokke.target.name] = element
    # find_all with a tuple of node types is typed as their common base (Stmt).
    bindinger = cast(
        "Iterator[nodes.Assign | nodes.AssignBlock | nodes.With | nodes.Macro]",
        tre.find_all((nodes.Assign, nodes.AssignBlock, nodes.With, nodes.Macro)),
    )
    for node in bindinger:
        if isinstance(node, nodes.Macro):
            ramme.navn |= {a.name for a in node.args} | {"varargs", "kwargs", "caller"}
            ramme.navn.add(node.name)
            continue
        mål = node.targets if isinstance(node, nodes.With) else [node.target]
        for m in mål:
            ramme.navn |= _navn_i(m)
