"""Every count of the absence picture agrees wherever it is printed, for any absence log.

Hypothesis fills random logs (any day of the autumn, weekends and breaks
included, any kind of absence, hours missing, a date twice, appointments, rows
after the mapping that the picture leaves to the follow-up) and
checks the summary sentence, the table of figures, the weekday table, the
terminal text and the charts' alt texts against one another and against a
count made here from the rows.
"""

from __future__ import annotations

import re
from datetime import date, timedelta

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from toolkit.avledning import avledninger, grunnlag
from toolkit.avledning.fravaer import Fravaer, diagram
from toolkit.avledning.fravaer.ord import fravaer_tekst
from toolkit.innstillinger import STANDARD
from toolkit.modell import Skjemadata
from toolkit.register import standard_definisjon
from toolkit.visning import Visning

DEF = standard_definisjon()
[FRAVAER] = [a for a in avledninger(DEF) if isinstance(a, Fravaer)]
AVTALE = "Avtale (lege, tannlege o.l.)"
START = date(2026, 8, 10)
KARTLEGGING = date(2026, 11, 25)  # rows after it (up to START + 110 days) belong to the follow-up

rad = st.fixed_dictionaries(
    {
        "dato": st.integers(0, 110).map(lambda n: START + timedelta(days=n)),
        "omfang": st.sampled_from(["Hel dag", "Enkelttimer", "For sent"]),
        "timer": st.one_of(st.none(), st.integers(1, 10)),
        "fag": st.sampled_from([None, "Norsk", "Matematikk", "Engelsk", "Norsk, engelsk"]),
        "arsak": st.sampled_from([None, "Syk", "Nektet å gå", "Forsov seg", AVTALE]),
        "dokumentert": st.sampled_from([None, True, False]),
    }
)


def _tall(tekst: str) -> int:
    return int(re.match(r"\d+", tekst).group())


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(alle=st.lists(rad, max_size=40))
def test_every_count_agrees_wherever_it_is_printed(alle: list[dict]) -> None:
    data = Skjemadata(
        verdier={"kartlegging_dato": KARTLEGGING},
        tabeller={"fravaer": alle},
        definisjon=DEF,
    )
    # The picture is of the absence up to the mapping.
    rader = [r for r in alle if r["dato"] <= KARTLEGGING]
    g = grunnlag(DEF, data, STANDARD, date(2026, 11, 29))
    bilde = FRAVAER.beregn(g)
    ctx = FRAVAER.kontekst(g, bilde, Visning(g.dato, False, "kartleggingen"), {}, False)

    # Counted here, from the rows.
    dager = {r["dato"] for r in rader if r["omfang"] == "Hel dag"}
    timer = sum(r["timer"] or 0 for r in rader if r["omfang"] == "Enkelttimer")
    sent = sum(r["omfang"] == "For sent" for r in rader)
    assert (bilde.dager, bilde.timer, bilde.for_sent) == (len(dager), timer, sent)

    # The figures table, the summary sentence and the keys say the same.
    tall = {t["hva"]: t["verdi"] for t in ctx["fravaer_tall"]}
    assert _tall(tall["Registreringer"]) == ctx["fravaer_antall"] == len(rader)
    assert _tall(tall["Hele dager"]) == ctx["fravaer_dager"] == len(dager)
    assert _tall(tall["Enkelttimer"]) == ctx["fravaer_timer"] == timer
    assert _tall(tall["For sent"]) == ctx["fravaer_for_sent"] == sent
    oppsummering = ctx["fravaer_oppsummering"]
    for antall, ord_ in ((len(dager), "hel"), (timer, "enkelttime"), (sent, "gang")):
        if antall:
            assert re.search(rf"\b{antall} {ord_}", oppsummering), oppsummering
        else:
            assert not re.search(rf"\d+ {ord_}", oppsummering), oppsummering

    # The weekday table counts the days that are not appointments, each date once.
    uten_avtaler = {r["dato"] for r in rader if r["omfang"] == "Hel dag" and r["arsak"] != AVTALE}
    hverdager = [d for d in uten_avtaler if d.weekday() < 5]
    assert sum(int(u["dager"]) for u in ctx["fravaer_ukedager"]) == len(hverdager)
    for u in ctx["fravaer_ukedager"]:
        if u["andel"]:
            assert u["andel"] == f"{u['dager']} av {bilde.monster_dager} dager"

    # The percentage rests on the days it names.
    if bilde.prosent is not None:
        grunnlag_ = re.search(
            r"\((\d+) av (\d+) skoledager", tall["Fravær i prosent av skoledagene"]
        )
        assert int(grunnlag_.group(1)) == bilde.dager_i_prosent <= len(dager)
        assert int(grunnlag_.group(2)) == bilde.skoledager

    # The terminal says the same.
    terminal = fravaer_tekst(bilde, STANDARD.terskler)
    if rader:
        assert re.search(rf"Hele dager\s+{len(dager)}\b", terminal)
        assert re.search(rf"Enkelttimer\s+{timer}\b", terminal)


def test_the_charts_alt_texts_count_what_the_tables_count() -> None:
    rader = [
        {"dato": date(2026, 9, 7), "omfang": "Hel dag"},
        {"dato": date(2026, 9, 7), "omfang": "Hel dag"},  # the same date twice: one day
        {"dato": date(2026, 9, 14), "omfang": "Hel dag"},
        {"dato": date(2026, 9, 15), "omfang": "Enkelttimer", "timer": 3, "fag": "Norsk"},
    ]
    data = Skjemadata(
        verdier={"kartlegging_dato": date(2026, 10, 1)}, tabeller={"fravaer": rader}, definisjon=DEF
    )
    g = grunnlag(DEF, data, STANDARD, date(2026, 11, 29))
    bilde = FRAVAER.beregn(g)
    assert "Mandag: 2 hele dager." in diagram.ukedagsdiagram(bilde).alt
    assert "Tirsdag: 3 enkelttimer." in diagram.ukedagsdiagram(bilde).alt
    uker = diagram.ukediagram(bilde).alt
    assert "Uke 37: 1 hel dag." in uker and "Uke 38: 1 hel dag og 3 enkelttimer." in uker
