"""The absence picture in words: figures, patterns and warnings, for documents and the terminal.

Every sentence is made from one computed `Fravaersbilde`, so the summary, the
absence picture, the terminal and the anonymised copy say the same thing.
Dates are written through a `Visning`: calendar dates in the named documents,
time relative to the form's date in the anonymised copy.

Patterns describe rather than explain, and give the numbers they rest on
("Flest enkelttimer i engelsk: 3 av 5."). A pattern is named only when it
carries weight: at least `MONSTER_MINST` days, hours or times late from at
least two registrations, the only largest, and at least `MONSTER_ANDEL` of
the whole. Appointments are left out (see `beregning`).
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from toolkit import tekst
from toolkit.avledning.fravaer.beregning import (
    KORT_FRAVAER,
    UKEDAGER,
    Fravaersbilde,
    Periode,
    Telling,
    Varsel,
)
from toolkit.innstillinger import Terskler
from toolkit.visning import NAVNGITT, Visning

MONSTER_MINST = 3  # at least this many days, hours or times late
MONSTER_ANDEL = 0.5  # and at least half of them
_UKEDAGER_FLERTALL = dict(zip(UKEDAGER, tekst.UKEDAGER_FLERTALL, strict=False))


def _grense(verdi: float) -> str:
    return tekst.tall(verdi, 0 if float(verdi).is_integer() else 1)


def periode(p: Periode, visning: Visning = NAVNGITT) -> str:
    return visning.periode(p.fra, p.til)


def halvar(d: date, visning: Visning = NAVNGITT) -> str:
    if visning.relativ:
        return "i samme halvår"
    return f"høsten {d.year}" if d.month >= 7 else f"våren {d.year}"


def maaned(d: date, visning: Visning = NAVNGITT) -> str:
    if visning.relativ:
        return "i samme måned"
    return f"i {tekst.maaned(d)}"


def prosent(bilde: Fravaersbilde) -> str:
    return tekst.prosent(bilde.prosent) if bilde.prosent is not None else ""


def prosent_med_grunnlag(bilde: Fravaersbilde, visning: Visning = NAVNGITT) -> str:
    """Return "13,6 % (8 av 59 skoledager til og med 12.11.2026)"."""
    if bilde.prosent is None:
        return ""
    dager = tekst.flertall(bilde.skoledager, "skoledag", "skoledager")
    til = visning.dato(bilde.prosent_til or bilde.til_dato)
    return f"{prosent(bilde)} ({bilde.dager_i_prosent} av {dager} til og med {til})"


def prosent_merknad(bilde: Fravaersbilde, visning: Visning = NAVNGITT) -> str:
    """Say why there is no percentage, or that it covers the whole school year."""
    s = bilde.skolear
    if s is None:
        return ""
    if bilde.for_skolearet:
        if visning.relativ:
            return "Prosenten av skoledagene er ikke regnet ut: datoen er før skoleåret."
        return (
            f"Prosenten av skoledagene er ikke regnet ut: datoen {visning.dato(bilde.til_dato)} "
            f"er før skoleåret i innstillingene ({visning.periode(s.start, s.slutt)}). Legg inn "
            "skolens skolerute i skjemaverk.toml."
        )
    if bilde.etter_skolearet:
        return "Prosenten gjelder hele skoleåret."
    return ""


def varsel_navn(v: Varsel) -> str:
    return {
        "prosent": "Fravær i prosent av skoledagene",
        "timer_halvar": "Enkelttimer i et halvår",
        "for_sent_maaned": "For sent i en måned",
        "dager_pa_rad": "Skoledager på rad",
    }[v.art]


def varsel_terskel(v: Varsel) -> str:
    antall = int(v.grense)
    return {
        "prosent": f"{_grense(v.grense)}{tekst.NBSP}% av skoledagene",
        "timer_halvar": f"{tekst.flertall(antall, 'enkelttime', 'enkelttimer')} i et halvår",
        "for_sent_maaned": f"for sent {tekst.flertall(antall, 'gang', 'ganger')} i en måned",
        "dager_pa_rad": f"mer enn {tekst.flertall(antall, 'skoledag', 'skoledager')} på rad",
    }[v.art]


def varsel_tall(v: Varsel, bilde: Fravaersbilde, visning: Visning = NAVNGITT) -> str:
    antall = int(v.tall)
    if v.art == "prosent":
        dager = tekst.flertall(bilde.skoledager, "skoledag", "skoledager")
        return f"{tekst.prosent(v.tall)} ({bilde.dager_i_prosent} av {dager})"
    if v.art == "timer_halvar" and v.dato is not None:
        return f"{tekst.flertall(antall, 'enkelttime', 'enkelttimer')} {halvar(v.dato, visning)}"
    if v.art == "for_sent_maaned" and v.dato is not None:
        return f"{tekst.flertall(antall, 'gang', 'ganger')} {maaned(v.dato, visning)}"
    if v.art == "dager_pa_rad" and v.periode is not None:
        return f"{antall} skoledager på rad ({periode(v.periode, visning)})"
    return str(antall)


def varsel_tekst(v: Varsel, bilde: Fravaersbilde, visning: Visning = NAVNGITT) -> str:
    tall = varsel_tall(v, bilde, visning)
    terskel = varsel_terskel(v)
    if v.art == "prosent":
        til = visning.dato(bilde.prosent_til or bilde.til_dato)
        return f"Fraværet er {tall} til og med {til}. Terskelen er {terskel}."
    if v.art == "for_sent_maaned":
        return f"Eleven har kommet for sent {tall}. Terskelen er {terskel}."
    return f"Eleven har vært borte {tall}. Terskelen er {terskel}."


def terskler_tekst(terskler: Terskler) -> str:
    """Return the thresholds that are on, as Norwegian prose."""
    deler = []
    for art, grense in (
        ("prosent", terskler.prosent_dager),
        ("timer_halvar", terskler.enkelttimer_halvar),
        ("for_sent_maaned", terskler.for_sent_maaned),
        ("dager_pa_rad", terskler.dager_pa_rad),
    ):
        if grense:
            deler.append(varsel_terskel(Varsel(art, grense, 0)))
    return tekst.liste(deler)


def oppsummering(bilde: Fravaersbilde) -> str:
    """Return "8 hele dager, 9 enkelttimer og 6 ganger for sent"."""
    deler = []
    if bilde.dager:
        deler.append(tekst.flertall(bilde.dager, "hel dag", "hele dager"))
    if bilde.timer:
        deler.append(tekst.flertall(bilde.timer, "enkelttime", "enkelttimer"))
    if bilde.for_sent:
        deler.append(tekst.flertall(bilde.for_sent, "gang for sent", "ganger for sent"))
    return tekst.liste(deler)


def telling_tekst(t: Telling) -> str:
    deler = []
    if t.dager:
        deler.append(tekst.flertall(t.dager, "dag", "dager"))
    if t.timer:
        deler.append(tekst.flertall(t.timer, "time", "timer"))
    if t.for_sent:
        deler.append(tekst.flertall(t.for_sent, "gang for sent", "ganger for sent"))
    return tekst.liste(deler) or tekst.flertall(t.registreringer, "registrering", "registreringer")


def tall_rader(bilde: Fravaersbilde, visning: Visning = NAVNGITT) -> list[tuple[str, str]]:
    """Return the main figures as (label, value) rows, as the report and the terminal show them."""
    rader = [("Registreringer", str(bilde.registreringer))]
    dager = str(bilde.dager)
    if bilde.dager_ikke_skoledag:
        dager += f" ({bilde.dager_ikke_skoledag} av dem ikke på en skoledag)"
    rader.append(("Hele dager", dager))
    timer = str(bilde.timer)
    if bilde.enkelttimer_uten_timer:
        uten = tekst.flertall(bilde.enkelttimer_uten_timer, "registrering", "registreringer")
        timer += f" ({uten} uten antall timer er regnet som 0)"
    rader.append(("Enkelttimer", timer))
    rader.append(("For sent", tekst.flertall(bilde.for_sent, "gang", "ganger")))
    if bilde.prosent is not None:
        rader.append(("Fravær i prosent av skoledagene", prosent_med_grunnlag(bilde, visning)))
    for telling in (bilde.dokumentert, bilde.ikke_dokumentert, bilde.ikke_oppgitt):
        if telling.registreringer:
            rader.append((telling.navn, telling_tekst(telling)))
    if bilde.lengste is not None:
        lengste = tekst.flertall(bilde.lengste.dager, "skoledag", "skoledager")
        rader.append(("Lengste fravær på rad", f"{lengste} ({periode(bilde.lengste, visning)})"))
        rader.append(
            (
                f"Korte fravær (1–{KORT_FRAVAER} dager)",
                tekst.flertall(len(bilde.korte_fravaer), "gang", "ganger"),
            )
        )
    return rader


def _sterkest(tellinger: Sequence[Telling], felt: str, total: int) -> Telling | None:
    """Return the one that stands out: the only largest, enough of them, a large share.

    One registration is never a pattern, however many hours it holds.
    """
    rangert = sorted(tellinger, key=lambda t: -getattr(t, felt))
    if not rangert or total < MONSTER_MINST:
        return None
    topp = getattr(rangert[0], felt)
    if topp < MONSTER_MINST or topp / total < MONSTER_ANDEL or rangert[0].registreringer < 2:
        return None
    if len(rangert) > 1 and getattr(rangert[1], felt) == topp:
        return None
    return rangert[0]


def monster(bilde: Fravaersbilde, *, laerere: bool = False) -> list[str]:
    """Return the sentences that name the patterns that carry weight (none may)."""
    if bilde.tom:
        return ["Ingen fravær er registrert."]
    setninger = []
    dag = _sterkest(bilde.ukedager, "dager", bilde.monster_dager)
    if dag is not None:
        setninger.append(
            f"{tekst.av(dag.dager, bilde.monster_dager, 'hele fraværsdager')} var "
            f"{_UKEDAGER_FLERTALL[dag.navn]}."
        )
    timedag = _sterkest(bilde.ukedager, "timer", bilde.monster_timer)
    if timedag is not None:
        setninger.append(
            f"Flest enkelttimer på {_UKEDAGER_FLERTALL[timedag.navn]}: "
            f"{timedag.timer} av {bilde.monster_timer}."
        )
    fag = _sterkest(bilde.fag, "timer", bilde.monster_timer)
    if fag is not None:
        setninger.append(
            f"Flest enkelttimer i {tekst.liten_forbokstav(fag.navn)}: "
            f"{fag.timer} av {bilde.monster_timer}."
        )
    if laerere:
        laerer = _sterkest(bilde.laerere, "timer", bilde.monster_timer)
        if laerer is not None:
            setninger.append(
                f"Flest enkelttimer i timene til {laerer.navn}: "
                f"{laerer.timer} av {bilde.monster_timer}."
            )
    sent = _sterkest(bilde.for_sent_fag, "for_sent", bilde.monster_for_sent)
    if sent is not None:
        setninger.append(
            f"Oftest for sent i {tekst.liten_forbokstav(sent.navn)}: "
            f"{sent.for_sent} av {bilde.monster_for_sent} ganger."
        )
    lengste = bilde.lengste
    if lengste is not None and lengste.dager > KORT_FRAVAER:
        setninger.append(f"Det lengste fraværet er {lengste.dager} skoledager på rad.")
    elif len(bilde.korte_fravaer) >= 3:
        setninger.append(
            f"Fraværet kommer ofte som korte fravær på 1–{KORT_FRAVAER} dager "
            f"({len(bilde.korte_fravaer)} ganger)."
        )
    if not setninger:
        if bilde.registreringer < MONSTER_MINST:
            return ["Det er registrert for lite fravær til å se et mønster ennå."]
        return ["Fraværet er spredt, uten et tydelig mønster på ukedager eller fag."]
    if bilde.avtaler:
        avtaler = tekst.flertall(bilde.avtaler, "registrering", "registreringer")
        setninger.append(f"Avtaler hos lege, tannlege, BUP o.l. ({avtaler}) er holdt utenfor.")
    return setninger


def andel(antall: int, helhet: int, enhet: str) -> str:
    """Return "8 av 8 dager", or "" when there is no whole."""
    return tekst.av(antall, helhet, enhet) if helhet else ""


def _tabell(overskrift: Sequence[str], rader: Sequence[Sequence[str]]) -> list[str]:
    bredder = [max(len(r[i]) for r in [overskrift, *rader]) for i in range(len(overskrift))]
    linjer = []
    for rad in [overskrift, *rader]:
        hoyre = [c.rjust(b) for c, b in zip(rad[1:], bredder[1:], strict=True)]
        celler = [rad[0].ljust(bredder[0]), *hoyre]
        linjer.append("  " + "  ".join(celler).rstrip())
    return linjer


def fravaer_tekst(
    bilde: Fravaersbilde, terskler: Terskler, visning: Visning = NAVNGITT, *, laerere: bool = False
) -> str:
    """Return the figures and patterns as plain text for the terminal."""
    linjer = [f"Fraværsbilde til og med {visning.dato(bilde.til_dato)}"]
    if bilde.tom:
        linjer.append("  Ingen fravær er registrert.")
        return "\n".join(linjer)
    rader = tall_rader(bilde, visning)
    bredde = max(len(hva) for hva, _ in rader)
    linjer += [f"  {hva.ljust(bredde)}  {verdi}" for hva, verdi in rader]
    if merknad := prosent_merknad(bilde, visning):
        linjer.append(f"  {merknad}")

    linjer += ["", "Mønster"] + [f"  {s}" for s in monster(bilde, laerere=laerere)]

    linjer += ["", "Tidlig varsel"]
    if bilde.varsler:
        linjer += [f"  ! {varsel_tekst(v, bilde, visning)}" for v in bilde.varsler]
    else:
        linjer.append(f"  Ingen terskler er passert ({terskler_tekst(terskler)}).")

    linjer += ["", "Per ukedag"]
    linjer += _tabell(
        ["", "Hele dager", "Enkelttimer", "For sent"],
        [[t.navn, str(t.dager), str(t.timer), str(t.for_sent)] for t in bilde.ukedager],
    )
    grupper = [("Per fag", bilde.fag)] + ([("Per lærer", bilde.laerere)] if laerere else [])
    for tittel, tellinger in grupper:
        if not tellinger:
            continue
        linjer += ["", tittel]
        linjer += _tabell(
            ["", "Enkelttimer", "For sent"],
            [[t.navn, str(t.timer), str(t.for_sent)] for t in tellinger],
        )
    linjer += ["", "Årsaker"]
    linjer += _tabell(
        ["", "Registreringer"], [[t.navn, str(t.registreringer)] for t in bilde.arsaker]
    )
    linjer += ["", "Uke for uke"]
    linjer += _tabell(
        ["", "Skoledager", "Hele dager", "Enkelttimer", "For sent"],
        [
            [
                tekst.stor_forbokstav(visning.uke(u.mandag))
                + ("" if visning.relativ else f" ({visning.dato(u.mandag)})"),
                str(u.skoledager),
                str(u.dager),
                str(u.timer),
                str(u.for_sent),
            ]
            for u in bilde.uker
        ],
    )
    return "\n".join(linjer)
