"""The absence picture, checked against logs whose answers were counted by hand.

The default calendar is the school year 2026/2027 of the settings: first day
Monday 17.08.2026, last day Friday 18.06.2027; høstferie 28.09–02.10.2026,
juleferie 21.12.2026–01.01.2027, vinterferie 22.02–26.02.2027, påskeferie
22.03–26.03.2027.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from toolkit.avledning import avledninger, grunnlag
from toolkit.avledning.fravaer import Fravaer
from toolkit.avledning.fravaer import ord as ord_
from toolkit.avledning.fravaer.beregning import Periode, Telling
from toolkit.avledning.fravaer.beregning import beregn as fravaersbilde
from toolkit.avledning.fravaer.ord import fravaer_tekst, monster
from toolkit.innstillinger import STANDARD_SKOLEAR, Ferie, Innstillinger, Skolear, Terskler
from toolkit.inntak import les_skjema
from toolkit.kalender import ikke_skoledag, skoledager
from toolkit.modell import Funn, Skjemadata
from toolkit.register import standard_definisjon

S = STANDARD_SKOLEAR
T = Terskler()
DEF = standard_definisjon()
P = "\u00a0%"  # the no-break space before the percent sign


def kalender_funn(data: Skjemadata, skolear: Skolear) -> list[Funn]:
    """The calendar warnings of the absence picture, for the school year `skolear`."""
    [avledet] = [a for a in avledninger(DEF) if isinstance(a, Fravaer)]
    g = grunnlag(DEF, data, Innstillinger(skolear=skolear), date(2026, 11, 12))
    return avledet.sjekk(g)


def hel(d: date, **mer: object) -> dict[str, object]:
    return {"dato": d, "omfang": "Hel dag", **mer}


def timer(d: date, antall: int | None, fag: str | None = None, **mer: object) -> dict:
    return {"dato": d, "omfang": "Enkelttimer", "timer": antall, "fag": fag, **mer}


def sent(d: date, fag: str | None = None, **mer: object) -> dict[str, object]:
    return {"dato": d, "omfang": "For sent", "fag": fag, **mer}


# -- school days -------------------------------------------------------------------


def test_school_days_leave_out_weekends_breaks_and_public_holidays() -> None:
    # 17.08–31.12.2026: 19 whole weeks (95 weekdays) + Mon–Thu 28.–31.12 (4) = 99;
    # − høstferie 5 − juleferie 21.–31.12 (21–25, 28–31: 9) = 85. 25.12 is in the break.
    assert len(skoledager(S, date(2026, 8, 17), date(2026, 12, 31))) == 85
    # 03.05–21.05.2027: 15 weekdays − Kristi himmelfartsdag (Thu 06.05) − 17. mai (Mon) = 13.
    mai = skoledager(S, date(2027, 5, 3), date(2027, 5, 21))
    assert len(mai) == 13
    assert date(2027, 5, 6) not in mai and date(2027, 5, 17) not in mai
    # 15.03–02.04.2027: 15 weekdays − påskeferie 5 − Andre påskedag (Mon 29.03) = 9.
    assert len(skoledager(S, date(2027, 3, 15), date(2027, 4, 2))) == 9


def test_the_whole_default_school_year_has_about_190_days() -> None:
    # 17.08.2026–18.06.2027 is 44 weeks = 220 weekdays; − breaks 5 + 10 + 5 + 5 = 195;
    # − Andre påskedag 29.03, Kristi himmelfartsdag 06.05, 17. mai (Mon 17.05) = 192.
    assert len(skoledager(S, S.start, S.slutt)) == 192


def test_school_days_stop_at_the_ends_of_the_school_year() -> None:
    # Before the start: 10.08–21.08.2026 gives only 17.–21.08 (5 days).
    assert skoledager(S, date(2026, 8, 10), date(2026, 8, 21))[0] == date(2026, 8, 17)
    assert len(skoledager(S, date(2026, 8, 10), date(2026, 8, 21))) == 5
    assert skoledager(S, date(2027, 6, 21), date(2027, 6, 30)) == []


def test_why_a_day_is_not_a_school_day() -> None:
    assert ikke_skoledag(S, date(2026, 10, 1)) == "i høstferien"
    assert ikke_skoledag(S, date(2026, 10, 3)) == "en lørdag"
    assert ikke_skoledag(S, date(2027, 5, 6)) == "en helligdag (Kristi himmelfartsdag)"
    assert ikke_skoledag(S, date(2026, 12, 22)) == "i juleferien"
    assert ikke_skoledag(S, date(2026, 8, 14)).startswith("før første skoledag")
    assert ikke_skoledag(S, date(2027, 6, 21)).startswith("etter siste skoledag")
    assert ikke_skoledag(S, date(2026, 11, 12)) is None
    planlegging = Skolear(S.start, S.slutt, (Ferie("Planleggingsdag", *(date(2026, 11, 13),) * 2),))
    assert (
        ikke_skoledag(planlegging, date(2026, 11, 13)) == "en fridag for elevene (Planleggingsdag)"
    )


# -- figures -----------------------------------------------------------------------


def test_empty_log() -> None:
    bilde = fravaersbilde([], S, T, date(2026, 11, 12))
    assert bilde.tom and bilde.dager == bilde.timer == bilde.for_sent == 0
    assert bilde.prosent == 0.0
    assert bilde.varsler == ()
    assert monster(bilde) == ["Ingen fravær er registrert."]
    assert "Ingen fravær er registrert." in fravaer_tekst(bilde, T)


def test_days_hours_and_late_are_counted_apart() -> None:
    rader = [
        hel(date(2026, 9, 7), dokumentert=True),
        hel(date(2026, 9, 8), dokumentert=False),
        hel(date(2026, 9, 8)),  # the same day twice counts once
        timer(date(2026, 9, 9), 3, "Norsk", dokumentert=False),
        timer(date(2026, 9, 10), 4, "Norsk", dokumentert=True),
        timer(date(2026, 9, 11), None, "Norsk"),  # no hours given: 0
        sent(date(2026, 9, 14), dokumentert=False),
    ]
    bilde = fravaersbilde(rader, S, T, date(2026, 9, 18))
    assert bilde.registreringer == 7
    assert bilde.dager == 2  # 07.09 and 08.09
    assert bilde.timer == 7  # 3 + 4 + 0; never turned into days
    assert bilde.enkelttimer_uten_timer == 1
    assert bilde.for_sent == 1
    assert bilde.dokumentert == Telling("Dokumentert", dager=1, timer=4, registreringer=2)
    assert bilde.ikke_dokumentert == Telling(
        "Ikke dokumentert", dager=1, timer=3, for_sent=1, registreringer=3
    )
    assert bilde.ikke_oppgitt.registreringer == 2
    # 17.08–18.09.2026: 5 weeks = 25 school days; 2 days absent = 8,0 %.
    assert (bilde.skoledager, bilde.dager_i_prosent) == (25, 2)
    assert bilde.prosent == pytest.approx(8.0)
    assert ord_.prosent(bilde) == f"8,0{P}"


def test_a_whole_day_on_a_day_off_is_not_in_the_percentage() -> None:
    rader = [hel(date(2026, 10, 1)), hel(date(2026, 10, 3)), hel(date(2026, 10, 5))]
    bilde = fravaersbilde(rader, S, T, date(2026, 10, 9))
    assert bilde.dager == 3  # all three are in the number of days
    assert bilde.dager_ikke_skoledag == 2  # in høstferie, and a Saturday
    # 17.08–09.10.2026: 8 weeks = 40 weekdays − høstferie 5 = 35 school days; 1 absent.
    assert (bilde.dager_i_prosent, bilde.skoledager) == (1, 35)
    assert bilde.prosent == pytest.approx(100 / 35)


def test_percentage_before_the_school_year_is_not_made_up() -> None:
    bilde = fravaersbilde([hel(date(2026, 3, 2))], S, T, date(2026, 3, 12))
    assert bilde.prosent is None
    assert "før skoleåret i innstillingene" in ord_.prosent_merknad(bilde)
    assert not any(v.art == "prosent" for v in bilde.varsler)


def test_a_log_that_spans_new_year() -> None:
    rader = [
        hel(date(2026, 12, 18)),  # Friday before juleferie
        hel(date(2027, 1, 4)),  # Monday after: the next school day
        timer(date(2026, 12, 14), 6, "Matematikk"),
        timer(date(2027, 1, 11), 6, "Matematikk"),
        sent(date(2026, 12, 15)),
        sent(date(2026, 12, 16)),
        sent(date(2027, 1, 5)),
        sent(date(2027, 1, 6)),
    ]
    bilde = fravaersbilde(rader, S, T, date(2027, 1, 15))
    # 18.12 and 04.01 are consecutive school days: one run of 2.
    assert bilde.perioder == (Periode(date(2026, 12, 18), date(2027, 1, 4), 2),)
    # 12 hours in all, but 6 in autumn 2026 and 6 in spring 2027: no half-year reaches 10.
    assert bilde.timer == 12
    assert [(ord_.halvar(d), n) for d, n in bilde.timer_halvar] == [
        ("høsten 2026", 6),
        ("våren 2027", 6),
    ]
    # Late twice in December and twice in January: no month reaches 3.
    assert [(ord_.maaned(d), n) for d, n in bilde.for_sent_maaned] == [
        ("i desember 2026", 2),
        ("i januar 2027", 2),
    ]
    assert bilde.varsler == ()
    # Weeks 51 and 52 of 2026, 53 (2026 has 53 ISO weeks), then week 1 of 2027.
    uker = {(u.ar, u.nummer): u for u in bilde.uker}
    assert uker[(2026, 51)].skoledager == 5 and uker[(2026, 51)].dager == 1
    assert uker[(2026, 52)].skoledager == 0  # juleferie
    assert uker[(2026, 53)].skoledager == 0  # juleferie, and 01.01 is a holiday
    assert uker[(2027, 1)].dager == 1 and uker[(2027, 1)].for_sent == 2
    # 17.08.2026–15.01.2027: 85 school days in 2026 (see above) + 10 in January = 95.
    assert (bilde.dager_i_prosent, bilde.skoledager) == (2, 95)


def test_a_school_year_with_a_leap_day() -> None:
    # A short school year 14.02–10.03.2028 with vinterferie 21.–25.02; 29.02.2028 is a Tuesday.
    skolear = Skolear(
        date(2028, 2, 14),
        date(2028, 3, 10),
        (Ferie("Vinterferie", date(2028, 2, 21), date(2028, 2, 25)),),
    )
    dager = skoledager(skolear, skolear.start, skolear.slutt)
    # 4 weeks = 20 weekdays − vinterferie 5 = 15, and the leap day is one of them.
    assert len(dager) == 15 and date(2028, 2, 29) in dager
    rader = [hel(date(2028, 2, 28)), hel(date(2028, 2, 29)), hel(date(2028, 3, 1))]
    bilde = fravaersbilde(rader, skolear, T, date(2028, 3, 3))
    # Up to Friday 03.03: 15 weekdays − 5 = 10 school days; 3 absent = 30,0 %.
    assert (bilde.dager_i_prosent, bilde.skoledager) == (3, 10)
    assert ord_.prosent(bilde) == f"30,0{P}"
    assert bilde.lengste == Periode(date(2028, 2, 28), date(2028, 3, 1), 3)
    data = Skjemadata(tabeller={"fravaer": [*rader, hel(date(2028, 2, 22))]})
    funn = kalender_funn(data, skolear)
    assert [f.verdi for f in funn] == ["22.02.2028"]
    assert "i vinterferien" in funn[0].melding


# -- patterns ----------------------------------------------------------------------


def test_a_pupil_absent_only_on_mondays() -> None:
    mandager = [date(2026, 9, 7), date(2026, 9, 14), date(2026, 9, 21), date(2026, 10, 5)]
    bilde = fravaersbilde([hel(d) for d in mandager], S, T, date(2026, 10, 12))
    assert [(t.navn, t.dager) for t in bilde.ukedager] == [
        ("Mandag", 4),
        ("Tirsdag", 0),
        ("Onsdag", 0),
        ("Torsdag", 0),
        ("Fredag", 0),
    ]
    assert monster(bilde)[0] == "4 av 4 hele fraværsdager var mandager."
    # Each Monday is a run of its own: 4 short absences.
    assert len(bilde.korte_fravaer) == 4
    assert bilde.lengste == Periode(date(2026, 9, 7), date(2026, 9, 7), 1)
    # 17.08–12.10.2026: 8 weeks (40) − høstferie 5 + Monday 12.10 = 36 school days.
    # 4 / 36 = 11,1 %: at or over the threshold of 10 %.
    assert bilde.skoledager == 36
    [varsel] = bilde.varsler
    assert ord_.varsel_navn(varsel) == "Fravær i prosent av skoledagene"
    assert ord_.varsel_tall(varsel, bilde) == f"11,1{P} (4 av 36 skoledager)"
    assert ord_.varsel_terskel(varsel) == f"10{P} av skoledagene"


def test_a_pupil_absent_only_in_one_subject() -> None:
    rader = [
        timer(date(2026, 9, 8), 2, "Matematikk", laerer="KB"),
        timer(date(2026, 9, 15), 3, "matematikk", laerer="KB"),  # same subject
        timer(date(2026, 9, 22), 1, "Matematikk ", laerer="AL"),
    ]
    bilde = fravaersbilde(rader, S, T, date(2026, 9, 25))
    assert [(t.navn, t.timer) for t in bilde.fag] == [("Matematikk", 6)]  # 2 + 3 + 1
    # Every hour was on a Tuesday. Teachers are named only when the settings say so.
    assert monster(bilde) == [
        "Flest enkelttimer på tirsdager: 6 av 6.",
        "Flest enkelttimer i matematikk: 6 av 6.",
    ]
    assert "Flest enkelttimer i timene til KB: 5 av 6." in monster(bilde, laerere=True)


def test_a_pupil_absent_only_with_one_teacher() -> None:
    rader = [
        timer(date(2026, 9, 8), 2, "Norsk", laerer="HB"),
        timer(date(2026, 9, 10), 2, "Matematikk", laerer="HB"),
        sent(date(2026, 9, 11), "Norsk", laerer="HB"),
    ]
    bilde = fravaersbilde(rader, S, T, date(2026, 9, 25))
    assert bilde.laerere == (Telling("HB", timer=4, for_sent=1, registreringer=3),)
    setninger = monster(bilde, laerere=True)
    assert "Flest enkelttimer i timene til HB: 4 av 4." in setninger
    # 2 + 2 hours in two subjects: neither stands out.
    assert not any("norsk" in s or "matematikk" in s for s in setninger)
    assert not any("HB" in s for s in monster(bilde))


def test_the_example_sentence_of_the_issue() -> None:
    # 6 Mondays and 4 other days (10 days); 8 of 12 hours in mathematics.
    dager = [date(2026, 9, d) for d in (7, 14, 21)] + [date(2026, 10, d) for d in (5, 12, 19)]
    dager += [date(2026, 9, 8), date(2026, 9, 16), date(2026, 9, 24), date(2026, 10, 9)]
    rader = [hel(d) for d in dager] + [
        timer(date(2026, 10, 6), 2, "Matematikk"),
        timer(date(2026, 10, 8), 3, "Matematikk"),
        timer(date(2026, 10, 14), 3, "Matematikk"),
        timer(date(2026, 10, 15), 2, "Norsk"),
        timer(date(2026, 10, 16), 2, "Engelsk"),
    ]
    bilde = fravaersbilde(rader, S, T, date(2026, 10, 23))
    assert (bilde.dager, bilde.timer) == (10, 12)
    assert monster(bilde)[:2] == [
        "6 av 10 hele fraværsdager var mandager.",
        "Flest enkelttimer i matematikk: 8 av 12.",
    ]


def test_several_subjects_in_one_row_count_for_each() -> None:
    rader = [timer(date(2026, 9, 8), 3, "Norsk, matematikk"), timer(date(2026, 9, 9), 2, "Norsk")]
    bilde = fravaersbilde(rader, S, T, date(2026, 9, 25))
    assert [(t.navn, t.timer) for t in bilde.fag] == [("Norsk", 5), ("Matematikk", 3)]
    assert bilde.timer == 5


def test_a_run_of_six_days_across_a_weekend() -> None:
    # Wed 04.11 – Fri 06.11 and Mon 09.11 – Wed 11.11.2026: 6 school days in a row.
    dager = [date(2026, 11, d) for d in (4, 5, 6, 9, 10, 11)]
    bilde = fravaersbilde([hel(d) for d in dager], S, T, date(2026, 11, 12))
    assert bilde.perioder == (Periode(date(2026, 11, 4), date(2026, 11, 11), 6),)
    assert bilde.korte_fravaer == ()
    rad = [v for v in bilde.varsler if v.art == "dager_pa_rad"]
    assert ord_.varsel_tall(rad[0], bilde) == "6 skoledager på rad (04.11.2026–11.11.2026)"
    assert ord_.varsel_terskel(rad[0]) == "mer enn 5 skoledager på rad"
    assert "Det lengste fraværet er 6 skoledager på rad." in monster(bilde)
    # Five in a row is not more than five.
    fem = fravaersbilde([hel(d) for d in dager[:5]], S, T, date(2026, 11, 12))
    assert not [v for v in fem.varsler if v.art == "dager_pa_rad"]


def test_a_break_between_two_days_does_not_break_the_run() -> None:
    # Friday 25.09 and Monday 05.10.2026, with høstferie between.
    bilde = fravaersbilde([hel(date(2026, 9, 25)), hel(date(2026, 10, 5))], S, T, date(2026, 10, 9))
    assert bilde.perioder == (Periode(date(2026, 9, 25), date(2026, 10, 5), 2),)


def test_reasons_are_counted_as_reasons_never_turned_into_types() -> None:
    rader = [
        hel(date(2026, 9, 7), arsak="Nektet å gå"),
        hel(date(2026, 9, 8), arsak="Nektet å gå"),
        hel(date(2026, 9, 9), arsak="Skulket"),
        hel(date(2026, 9, 10), arsak="Akutt situasjon i familien"),
        hel(date(2026, 9, 15), arsak="Syk"),
        hel(date(2026, 9, 16)),
    ]
    bilde = fravaersbilde(rader, S, T, date(2026, 9, 18))
    assert [(t.navn, t.registreringer) for t in bilde.arsaker] == [
        ("Nektet å gå", 2),
        ("Akutt situasjon i familien", 1),
        ("Skulket", 1),
        ("Syk", 1),
        ("Årsak ikke oppgitt", 1),
    ]
    tekst = fravaer_tekst(bilde, T)
    assert "Skolevegring" not in tekst and "Foreldremotivert" not in tekst


# -- early warning -------------------------------------------------------------------


def test_ten_single_hours_in_a_half_year() -> None:
    rader = [timer(date(2026, 9, 8), 4), timer(date(2026, 10, 6), 3), timer(date(2026, 11, 3), 3)]
    bilde = fravaersbilde(rader, S, T, date(2026, 11, 12))
    [varsel] = bilde.varsler
    assert ord_.varsel_tall(varsel, bilde) == "10 enkelttimer høsten 2026"  # 4 + 3 + 3
    assert ord_.varsel_tekst(varsel, bilde) == (
        "Eleven har vært borte 10 enkelttimer høsten 2026. Terskelen er 10 enkelttimer i et halvår."
    )
    ni = fravaersbilde([*rader[:2], timer(date(2026, 11, 3), 2)], S, T, date(2026, 11, 12))
    assert ni.varsler == ()  # 4 + 3 + 2 = 9


def test_late_three_times_in_a_month() -> None:
    rader = [sent(date(2026, 10, d)) for d in (5, 13, 28)] + [sent(date(2026, 11, 2))]
    bilde = fravaersbilde(rader, S, T, date(2026, 11, 12))
    assert [ord_.varsel_tall(v, bilde) for v in bilde.varsler] == ["3 ganger i oktober 2026"]
    assert ord_.varsel_terskel(bilde.varsler[0]) == "for sent 3 ganger i en måned"


def test_thresholds_come_from_the_settings_and_zero_is_off() -> None:
    rader = [sent(date(2026, 10, 5)), sent(date(2026, 10, 6))]
    assert fravaersbilde(rader, S, T, date(2026, 10, 9)).varsler == ()
    strengere = Terskler(for_sent_maaned=2, prosent_dager=0)
    bilde = fravaersbilde([*rader, hel(date(2026, 10, 7))], S, strengere, date(2026, 10, 9))
    assert [v.art for v in bilde.varsler] == ["for_sent_maaned"]


# -- the calendar warnings ---------------------------------------------------------


def test_calendar_warnings_name_the_cell_and_the_reason(fyll) -> None:
    # Absence is logged up to the latest meeting, so the mapping is dated after the
    # last row here: every row is checked against the calendar.
    fil: Path = fyll(
        kartlegging_dato=date(2027, 6, 28),
        fravaer=[
            {"dato": date(2026, 9, 7), "omfang": "Hel dag"},
            {"dato": date(2026, 10, 1), "omfang": "Hel dag"},
            {"dato": date(2026, 10, 3), "omfang": "Hel dag"},
            {"dato": date(2026, 12, 25), "omfang": "Hel dag"},
            {"dato": date(2027, 6, 25), "omfang": "Hel dag"},
        ],
    )
    data = les_skjema(fil)
    funn = kalender_funn(data, S)
    assert [f.verdi for f in funn] == ["01.10.2026", "03.10.2026", "25.12.2026", "25.06.2027"]
    assert all(f.alvor == "advarsel" and f.etikett == "Dato" for f in funn)
    assert (funn[0].ark, funn[0].celle) == data.celler[("fravaer", 1, "dato")]
    assert funn[0].sted.startswith("Fravær!A")
    assert funn[0].melding.startswith("01.10.2026 er i høstferien, ikke en skoledag.")
    assert "er en lørdag" in funn[1].melding
    assert "er en helligdag (Første juledag)" in funn[2].melding
    assert "etter siste skoledag i skoleåret (18.06.2027)" in funn[3].melding


def test_absence_logged_after_the_mapping_is_the_follow_ups_and_no_mistake(fyll) -> None:
    # Mapped 26.11.2026: the team goes on logging between meetings. A school day after
    # the mapping gives no finding; a holiday after it is checked against its own calendar.
    fil: Path = fyll(
        fravaer=[
            {"dato": date(2026, 11, 26), "omfang": "Hel dag"},
            {"dato": date(2026, 11, 27), "omfang": "Hel dag"},
            {"dato": date(2026, 12, 25), "omfang": "Hel dag"},
        ]
    )
    data = les_skjema(fil, idag=date(2026, 12, 28))
    funn = [f for f in data.funn if f.etikett == "Dato"]
    assert [f.verdi for f in funn] == ["25.12.2026"]
    assert (funn[0].ark, funn[0].celle) == data.celler[("fravaer", 2, "dato")]
    assert "helligdag" in funn[0].melding or "juleferien" in funn[0].melding


def test_the_bundled_examples_fit_the_default_calendar() -> None:
    rot = Path(__file__).resolve().parent.parent
    for navn in ("amin", "celine"):
        data = les_skjema(rot / "eksempler" / f"{navn}.xlsx")
        assert kalender_funn(data, S) == [], navn


def test_amins_figures() -> None:
    rot = Path(__file__).resolve().parent.parent
    data = les_skjema(rot / "eksempler" / "amin.xlsx")
    kartlagt = data.verdier["kartlegging_dato"]
    # The picture at the mapping: the 18 rows up to 12.11 (3 more follow it).
    rader = [r for r in data.tabeller["fravaer"] if r["dato"] <= kartlagt]
    assert len(rader) == 18
    bilde = fravaersbilde(rader, S, T, kartlagt)
    # 8 Mondays away; 2 + 2 + 3 + 2 hours; late 6 times. 17.08–12.11.2026:
    # 13 weeks − Friday 13.11 = 64 weekdays − høstferie 5 = 59 school days; 8 / 59 = 13,6 %.
    assert (bilde.dager, bilde.timer, bilde.for_sent) == (8, 9, 6)
    assert (bilde.dager_i_prosent, bilde.skoledager) == (8, 59)
    assert ord_.prosent(bilde) == f"13,6{P}"
    assert monster(bilde)[:3] == [
        "8 av 8 hele fraværsdager var mandager.",
        "Flest enkelttimer på torsdager: 6 av 9.",
        "Flest enkelttimer i matematikk: 7 av 9.",
    ]
    assert "Oftest for sent i norsk: 5 av 6 ganger." in monster(bilde)
    tekst = fravaer_tekst(bilde, T)
    for del_ in ("Fraværsbilde til og med 12.11.2026", f"13,6{P} (8 av 59 skoledager", "Mandag"):
        assert del_ in tekst
    assert "! Fraværet er 13,6" in tekst


def test_amins_figures_up_to_the_last_meeting() -> None:
    rot = Path(__file__).resolve().parent.parent
    data = les_skjema(rot / "eksempler" / "amin.xlsx")
    bilde = fravaersbilde(data.tabeller["fravaer"], S, T, date(2026, 11, 26))
    # After the mapping: Monday 16.11 away, late 17.11 and 24.11. So 8 + 1 = 9 Mondays,
    # 9 hours, 6 + 2 = 8 times late. 17.08–26.11.2026: 14 weeks (70 weekdays) + Mon–Thu
    # 23.–26.11 (4) = 74 − høstferie 5 = 69 school days; 9 / 69 = 13,04 %.
    assert (bilde.dager, bilde.timer, bilde.for_sent) == (9, 9, 8)
    assert (bilde.dager_i_prosent, bilde.skoledager) == (9, 69)
    assert ord_.prosent(bilde) == f"13,0{P}"
    assert monster(bilde)[0] == "9 av 9 hele fraværsdager var mandager."
    # Late in November: 03.11, 10.11, 17.11 and 24.11.
    assert "Eleven har kommet for sent 4 ganger i november 2026." in fravaer_tekst(bilde, T)
