"""Build the template context: the form's values as text, plus what is derived.

The context is plain data (str, int, bool, lists and dicts of them), except
pictures: a chart or the logo is a `toolkit.bilde.Bilde`, which the
renderer turns into an image. Strings stay raw here; escaping for XML is the
renderer's job (Jinja autoescape).
Every field and table of the definition is always present, so a template can
be checked against the keys of any context before it is rendered.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from datetime import date, datetime, timedelta
from typing import TYPE_CHECKING

from toolkit.definisjon import Del, Skjemadefinisjon
from toolkit.innstillinger import STANDARD, Innstillinger, Skolear
from toolkit.modell import Skjemadata, Verdi

if TYPE_CHECKING:
    from toolkit.fravaer import Fravaersbilde

# The four parties of a plan, in the order the plan shows them side by side.
OMRADER = ("Skolen", "Hjemmet", "Eleven", "Hjelpetjenestene")
# Template keys for the parties (ASCII, stable).
OMRADE_KEYS = {
    "Skolen": "skolen",
    "Hjemmet": "hjemmet",
    "Eleven": "eleven",
    "Hjelpetjenestene": "hjelpetjenestene",
}

# "Ikke vente og se": after the next meeting, evaluate after 1 week, then 2
# more weeks, then 4 more weeks (cumulative).
EVALUERING_UKER = (1, 2, 4)

PRINSIPPER = (
    {
        "navn": "Relasjon",
        "tekst": (
            "Eleven trenger minst én voksen på skolen som hun eller han er trygg på. "
            "Vi arbeider med relasjonen mellom lærer og elev, mellom skolen og hjemmet, "
            "og mellom eleven og de andre elevene."
        ),
    },
    {
        "navn": "Ikke vente og se",
        "tekst": (
            "Vi gjør noe med en gang og venter ikke på at fraværet går over av seg selv. "
            "Vi møtes ofte og ser om tiltakene virker: første gang innen en uke, "
            "deretter etter én, to og fire uker."
        ),
    },
    {
        "navn": "Trekk i samme retning – samtidig",
        "tekst": (
            "Skolen, hjemmet, eleven og hjelpetjenestene gjør sin del samtidig og mot det "
            "samme målet. Planen viser hvem som gjør hva, side om side."
        ),
    },
)

_FAKTOR_DEL = "faktorer"
_PUSH_PULL_DEL = "push_pull"


def formater_dato(d: date) -> str:
    """Return `d` as dd.mm.åååå."""
    if isinstance(d, datetime):
        d = d.date()
    return f"{d.day:02d}.{d.month:02d}.{d.year:04d}"


def som_tekst(verdi: Verdi) -> str:
    """Return a form value as the text a document shows."""
    if verdi is None:
        return ""
    if isinstance(verdi, bool):
        return "Ja" if verdi else "Nei"
    if isinstance(verdi, date):
        return formater_dato(verdi)
    return str(verdi)


def har_verdi(verdi: Verdi) -> bool:
    """True when a value was filled in (a "Nei" counts; blank text does not)."""
    if verdi is None:
        return False
    if isinstance(verdi, str):
        return bool(verdi.strip())
    return True


def genitiv(navn: str) -> str:
    """Return the Norwegian genitive of a name: Amin → Amins, Jonas → Jonas'.

    A name that ends in s, x or z takes an apostrophe only.
    """
    navn = navn.strip()
    if not navn:
        return ""
    if navn[-1].lower() in "sxz":
        return navn + "'"
    return navn + "s"


def fornavn(navn: str) -> str:
    """Return the first name: the first word of the name as written."""
    deler = navn.split()
    return deler[0] if deler else ""


def _flertall(antall: int, entall: str, flertall: str) -> str:
    return f"{antall} {entall if antall == 1 else flertall}"


def _liste_tekst(deler: list[str]) -> str:
    """Join as Norwegian prose: "a, b og c"."""
    if not deler:
        return ""
    if len(deler) == 1:
        return deler[0]
    return ", ".join(deler[:-1]) + " og " + deler[-1]


def _rad_tekst(rad: dict[str, Verdi], kolonner: Iterable[str]) -> dict[str, str]:
    return {k: som_tekst(rad.get(k)) for k in kolonner}


def _del_har_verdi(del_: Del, data: Skjemadata) -> bool:
    if any(har_verdi(data.verdier.get(f.key)) for f in del_.felter):
        return True
    for t in del_.tabeller:
        for rad in data.tabeller.get(t.key) or []:
            if any(har_verdi(v) for v in rad.values()):
                return True
    return False


def _faktorer(definisjon: Skjemadefinisjon, data: Skjemadata) -> list[dict[str, str]]:
    try:
        del_ = next(d for d in definisjon.deler if d.key == _FAKTOR_DEL)
    except StopIteration:
        return []
    keys = {f.key for f in del_.felter}
    faktorer = []
    for f in del_.felter:
        if f.key.endswith("_vurdering"):
            continue
        vurdering_key = f"{f.key}_vurdering"
        faktorer.append(
            {
                "key": f.key,
                "navn": f.etikett,
                "beskrivelse": som_tekst(data.verdier.get(f.key)),
                "vurdering": som_tekst(data.verdier.get(vurdering_key))
                if vurdering_key in keys
                else "",
            }
        )
    return faktorer


def _push_pull(
    definisjon: Skjemadefinisjon, data: Skjemadata, prefiks: str
) -> list[dict[str, str]]:
    """Return the push (or pull) questions answered Ja, with their description."""
    try:
        del_ = next(d for d in definisjon.deler if d.key == _PUSH_PULL_DEL)
    except StopIteration:
        return []
    svar = []
    for f in del_.felter:
        if f.type != "janei" or not f.key.startswith(prefiks + "_"):
            continue
        if data.verdier.get(f.key) is not True:
            continue
        sporsmal = f.etikett
        for hode in ("Push:", "Pull:"):
            if sporsmal.startswith(hode):
                sporsmal = sporsmal[len(hode) :].strip()
        svar.append(
            {
                "key": f.key,
                "sporsmal": sporsmal,
                "beskrivelse": som_tekst(data.verdier.get(f"{f.key}_beskrivelse")),
            }
        )
    return svar


def _tiltak(
    definisjon: Skjemadefinisjon, data: Skjemadata
) -> tuple[list[dict[str, str]], dict[str, list[dict[str, str]]], list[dict], list[dict]]:
    """Return all measures as text, grouped by party, side-by-side rows, and the rest."""
    try:
        kolonner = [k.key for k in definisjon.tabell("tiltak").kolonner]
    except KeyError:
        return [], {OMRADE_KEYS[o]: [] for o in OMRADER}, [], []
    alle = [_rad_tekst(r, kolonner) for r in data.tabeller.get("tiltak") or []]
    alle = [r for r in alle if any(v.strip() for v in r.values())]
    gruppert: dict[str, list[dict[str, str]]] = {OMRADE_KEYS[o]: [] for o in OMRADER}
    uten_omrade = []
    for rad in alle:
        key = OMRADE_KEYS.get(rad.get("omrade", "").strip())
        if key is None:
            uten_omrade.append(rad)
        else:
            gruppert[key].append(rad)
    tom = dict.fromkeys(kolonner, "") | {"finnes": False}
    rader = []
    for i in range(max((len(v) for v in gruppert.values()), default=0)):
        rader.append(
            {
                key: (tiltak[i] | {"finnes": True}) if i < len(tiltak) else dict(tom)
                for key, tiltak in gruppert.items()
            }
        )
    return alle, gruppert, rader, uten_omrade


def _fravaer(definisjon: Skjemadefinisjon, data: Skjemadata) -> dict[str, object]:
    rader = data.tabeller.get("fravaer") or []
    try:
        kolonner = [k.key for k in definisjon.tabell("fravaer").kolonner]
    except KeyError:
        kolonner = []
    dager = timer = for_sent = 0
    datoer: list[date] = []
    for rad in rader:
        omfang = rad.get("omfang")
        if omfang == "Hel dag":
            dager += 1
        elif omfang == "Enkelttimer":
            antall = rad.get("timer")
            if isinstance(antall, int) and not isinstance(antall, bool):
                timer += antall
        elif omfang == "For sent":
            for_sent += 1
        d = rad.get("dato")
        if isinstance(d, date):
            datoer.append(d.date() if isinstance(d, datetime) else d)
    tall = []
    if dager:
        tall.append(_flertall(dager, "hel dag", "hele dager"))
    if timer:
        tall.append(_flertall(timer, "enkelttime", "enkelttimer"))
    if for_sent:
        tall.append(_flertall(for_sent, "gang for sent", "ganger for sent"))
    radtekst = [_rad_tekst(r, kolonner) for r in rader]
    return {
        "fravaer_rader": [r for r in radtekst if any(v.strip() for v in r.values())],
        "fravaer_dager": dager,
        "fravaer_timer": timer,
        "fravaer_for_sent": for_sent,
        "fravaer_antall": len(rader),
        "har_fravaer": bool(rader),
        "fravaer_oppsummering": _liste_tekst(tall),
        "fravaer_fra": formater_dato(min(datoer)) if datoer else "",
        "fravaer_til": formater_dato(max(datoer)) if datoer else "",
    }


def _fravaersbilde(
    data: Skjemadata, innstillinger: Innstillinger, idag: date | None, diagrammer: bool
) -> dict[str, object]:
    """The absence picture: figures, patterns, early warnings and charts."""
    from toolkit import fravaer as f

    til = data.verdier.get("kartlegging_dato")
    til_dato = til if isinstance(til, date) else (idag or date.today())
    bilde: Fravaersbilde = f.fravaersbilde(
        data.tabeller.get("fravaer") or [],
        innstillinger.skolear_for(til_dato),
        innstillinger.terskler,
        til_dato,
    )

    def andel(antall: int, av: int) -> str:
        return f.andel_tekst(antall, av)

    tegnet: dict[str, object] = {"ukedag": "", "fag": "", "uker": ""}
    alle: list[object] = []
    if diagrammer and not bilde.tom:
        from toolkit import diagram

        tegnet["ukedag"] = diagram.ukedagsdiagram(bilde)
        tegnet["fag"] = diagram.fagdiagram(bilde) or ""
        tegnet["uker"] = diagram.ukediagram(bilde) or ""
        alle = [d for d in tegnet.values() if d]
    skolear = innstillinger.skolear_for(til_dato)
    return {
        "fravaer_til_dato": formater_dato(bilde.til_dato),
        "fravaer_tall": [{"hva": hva, "verdi": verdi} for hva, verdi in f.tall_rader(bilde)],
        "fravaer_prosent": bilde.prosent_tekst,
        "fravaer_prosent_merknad": bilde.prosent_merknad,
        "fravaer_skolear": f"{formater_dato(skolear.start)}–{formater_dato(skolear.slutt)}",
        "fravaer_monster": " ".join(bilde.monster),
        "fravaer_varsler": [
            {"navn": v.navn, "terskel": v.terskel, "tall": v.tall, "tekst": v.tekst}
            for v in bilde.varsler
        ],
        "fravaer_varsler_kort": "; ".join(
            f"{v.navn[0].lower()}{v.navn[1:]}: {v.tall}" for v in bilde.varsler
        ),
        "fravaer_terskler": f.terskler_tekst(innstillinger.terskler),
        "fravaer_ukedager": [
            {
                "navn": t.navn,
                "dager": str(t.dager),
                "timer": str(t.timer),
                "for_sent": str(t.for_sent),
                "andel": andel(t.dager, bilde.dager),
            }
            for t in bilde.ukedager
        ],
        "fravaer_fag": [
            {
                "navn": t.navn,
                "timer": str(t.timer),
                "andel": andel(t.timer, bilde.timer),
                "for_sent": str(t.for_sent),
            }
            for t in bilde.fag
        ],
        "fravaer_laerere": [
            {
                "navn": t.navn,
                "timer": str(t.timer),
                "andel": andel(t.timer, bilde.timer),
                "for_sent": str(t.for_sent),
            }
            for t in bilde.laerere
        ],
        "fravaer_typer": [
            {
                "navn": t.navn,
                "registreringer": str(t.registreringer),
                "andel": andel(t.registreringer, bilde.registreringer),
                "arsaker": ", ".join(
                    f"{a.navn} ({a.registreringer})"
                    for a in bilde.arsaker
                    if f.TYPE_FOR_ARSAK.get(a.navn, f.ANDRE_ARSAKER) == t.navn
                    or (a.navn == t.navn == f.IKKE_OPPGITT)
                ),
            }
            for t in bilde.typer
        ],
        "fravaer_diagram_ukedag": tegnet["ukedag"],
        "fravaer_diagram_fag": tegnet["fag"],
        "fravaer_diagram_uker": tegnet["uker"],
        "fravaer_diagrammer": alle,
    }


# Height of the school's logo in the header.
LOGO_HOYDE_MM = 11.0


def _logo(innstillinger: Innstillinger, skole: str) -> object:
    if innstillinger.logo is None:
        return ""
    from toolkit.bilde import Bilde

    navn = innstillinger.skole_navn or skole
    alt = f"Logoen til {navn}" if navn else "Skolens logo"
    return Bilde(innstillinger.logo, alt, "Logo", hoyde_mm=LOGO_HOYDE_MM)


def evalueringsdatoer(
    neste_mote: date | None, skolear: Skolear | Callable[[date], Skolear] | None = None
) -> list[dict[str, str]]:
    """Return the next meeting and the evaluations after it (+1, +2, +4 weeks, cumulative).

    With `skolear` (a calendar, or a function giving the calendar for a day), an
    evaluation that would fall on a day off (a weekend, a public holiday, a
    break, the summer holiday) moves to the next school day.
    """
    if not isinstance(neste_mote, date):
        return []
    if isinstance(neste_mote, datetime):
        neste_mote = neste_mote.date()
    datoer = [{"hva": "Neste evalueringsmøte", "dato": formater_dato(neste_mote)}]
    dag = neste_mote
    for nr, uker in enumerate(EVALUERING_UKER):
        dag = _skoledag_fra(dag + timedelta(weeks=uker), skolear)
        etter = _flertall(uker, "uke", "uker")
        hva = f"Evaluering {etter} etter " + ("møtet" if nr == 0 else "forrige evaluering")
        datoer.append({"hva": hva, "dato": formater_dato(dag)})
    return datoer


def _skoledag_fra(dag: date, skolear: Skolear | Callable[[date], Skolear] | None) -> date:
    """Return `dag`, or the first school day after it."""
    if skolear is None:
        return dag
    from toolkit.fravaer import ikke_skoledag

    kalender = skolear if callable(skolear) else None
    aktuelt = kalender(dag) if kalender else skolear
    if aktuelt.slutt < dag and kalender:  # the summer holiday: the next school year
        aktuelt = kalender(aktuelt.slutt + timedelta(days=60))
    dag = max(dag, aktuelt.start)
    for _ in range(21):
        if dag > aktuelt.slutt or ikke_skoledag(aktuelt, dag) is None:
            return dag
        dag += timedelta(days=1)
    return dag


def bygg_kontekst(
    definisjon: Skjemadefinisjon,
    data: Skjemadata,
    *,
    idag: date | None = None,
    innstillinger: Innstillinger = STANDARD,
    diagrammer: bool = True,
) -> dict[str, object]:
    """Return the template context for a filled form.

    Keys: every field key of the definition (as text: dates dd.mm.åååå, Ja/Nei,
    "" when empty); every table key (a list of rows, each a dict of column key
    to text); and the derived keys listed in `AVLEDEDE_KEYS`.

    The absence picture uses the school calendar and thresholds of
    `innstillinger`, up to the mapping date (or `idag` when there is none).
    Pictures (the charts, and the logo when the settings have one) are
    `toolkit.bilde.Bilde` objects, which the renderer places in the
    document; a missing picture is "". `diagrammer=False` draws no charts.
    """
    ctx: dict[str, object] = {}
    for f in definisjon.felter:
        ctx[f.key] = som_tekst(data.verdier.get(f.key))
    for t in definisjon.tabeller:
        kolonner = [k.key for k in t.kolonner]
        rader = [_rad_tekst(r, kolonner) for r in data.tabeller.get(t.key) or []]
        ctx[t.key] = [r for r in rader if any(v.strip() for v in r.values())]

    if innstillinger.skole_navn:
        # The school's own name from the settings, in the header and as the author.
        ctx["skole"] = innstillinger.skole_navn

    navn = " ".join(str(data.verdier.get("elev_navn") or "").split())
    forste = fornavn(navn)
    ctx["elev_fornavn"] = forste
    ctx["elev_genitiv"] = genitiv(forste)
    ctx["elev_navn_genitiv"] = genitiv(navn)
    ctx["plan_tittel"] = (
        f"{genitiv(forste)} plan for å komme tilbake til skolen"
        if forste
        else "Plan for å komme tilbake til skolen"
    )
    trinn, klasse = ctx.get("trinn", ""), ctx.get("klasse", "")
    ctx["trinn_klasse"] = ", ".join(v for v in (trinn, klasse) if v)

    for del_ in definisjon.deler:
        ctx[f"vis_{del_.key}"] = _del_har_verdi(del_, data)

    faktorer = _faktorer(definisjon, data)
    ctx["faktorer"] = faktorer
    ctx["faktorer_risiko"] = [f for f in faktorer if f["vurdering"] == "Risiko"]
    ctx["faktorer_beskyttende"] = [f for f in faktorer if f["vurdering"] == "Beskyttende"]
    ctx["faktorer_begge"] = [f for f in faktorer if f["vurdering"] == "Både og"]
    ctx["push_ja"] = _push_pull(definisjon, data, "push")
    ctx["pull_ja"] = _push_pull(definisjon, data, "pull")

    alle, gruppert, rader, uten_omrade = _tiltak(definisjon, data)
    ctx["tiltak_alle"] = alle
    ctx["tiltak_per_omrade"] = gruppert
    ctx["tiltak_rader"] = rader
    ctx["tiltak_uten_omrade"] = uten_omrade
    ctx["har_tiltak"] = bool(alle)
    ctx["omrader"] = list(OMRADER)

    neste = data.verdier.get("plan_neste_mote")
    ctx["evalueringer"] = evalueringsdatoer(neste, innstillinger.skolear_for)  # type: ignore[arg-type]
    ctx.update(_fravaer(definisjon, data))
    ctx.update(_fravaersbilde(data, innstillinger, idag, diagrammer))
    ctx["logo"] = _logo(innstillinger, str(ctx.get("skole") or ""))
    ctx["prinsipper"] = [dict(p) for p in PRINSIPPER]
    ctx["skjema_tittel"] = definisjon.tittel
    ctx["generert_dato"] = formater_dato(idag or date.today())
    return ctx


# Derived keys (besides every field and table key), for the field reference.
AVLEDEDE_KEYS = (
    "elev_fornavn",
    "elev_genitiv",
    "elev_navn_genitiv",
    "plan_tittel",
    "trinn_klasse",
    "faktorer",
    "faktorer_risiko",
    "faktorer_beskyttende",
    "faktorer_begge",
    "push_ja",
    "pull_ja",
    "tiltak_alle",
    "tiltak_per_omrade",
    "tiltak_rader",
    "tiltak_uten_omrade",
    "har_tiltak",
    "omrader",
    "evalueringer",
    "fravaer_rader",
    "fravaer_dager",
    "fravaer_timer",
    "fravaer_for_sent",
    "fravaer_antall",
    "har_fravaer",
    "fravaer_oppsummering",
    "fravaer_fra",
    "fravaer_til",
    "fravaer_til_dato",
    "fravaer_tall",
    "fravaer_prosent",
    "fravaer_prosent_merknad",
    "fravaer_skolear",
    "fravaer_monster",
    "fravaer_varsler",
    "fravaer_varsler_kort",
    "fravaer_terskler",
    "fravaer_ukedager",
    "fravaer_fag",
    "fravaer_laerere",
    "fravaer_typer",
    "fravaer_diagram_ukedag",
    "fravaer_diagram_fag",
    "fravaer_diagram_uker",
    "fravaer_diagrammer",
    "logo",
    "prinsipper",
    "skjema_tittel",
    "generert_dato",
)


def kjente_keys(definisjon: Skjemadefinisjon) -> frozenset[str]:
    """Return every key a context for `definisjon` holds."""
    return frozenset(
        [f.key for f in definisjon.felter]
        + [t.key for t in definisjon.tabeller]
        + [f"vis_{d.key}" for d in definisjon.deler]
        + list(AVLEDEDE_KEYS)
    )
