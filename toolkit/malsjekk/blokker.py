"""The tags of one part checked in order, with if/for blocks paired and their ends placed.

A block not closed, closed by the wrong tag, or ending in another cell, row,
table or part of the document than where it starts, is reported here.
"""

from __future__ import annotations

from jinja2 import nodes
from jinja2.sandbox import SandboxedEnvironment

from toolkit.malsjekk.dokument import _Del
from toolkit.malsjekk.funn import _Samler
from toolkit.malsjekk.jinja import _AVSLUTTER, _BLOKKER, _KODE, _MIDT, _parse, _prøver_kode
from toolkit.malsjekk.navn import _bind, _Navnerom, _Ramme, _sjekk_navn
from toolkit.malsjekk.plassering import _sjekk_plassering
from toolkit.malsjekk.redigering import _sjekk_ord
from toolkit.malsjekk.tagger import _les_innhold, _Tagg


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
    forelder = el.getparent()
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
    global_ = _Navnerom(former=dict(eksempel))
    for tagg in tagger:
        samler.se_på_klokka()
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
            ramme = _Ramme(tagg=tagg)
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
