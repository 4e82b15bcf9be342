"""Convert raw cells to typed values and check them; every problem is a finding."""

from __future__ import annotations

import re
from datetime import date, datetime, time, timedelta

from toolkit.definisjon import Felt, Skjemadefinisjon
from toolkit.les import Celle, RaattSkjema
from toolkit.modell import Alvor, Funn, Skjemadata, Verdi

# "Ikke vente og se": the next evaluation meeting should be near.
MAKS_DAGER_TIL_EVALUERING = 14

_DATO = re.compile(r"^(\d{1,2})\.(\d{1,2})\.(\d{4})$")
_ISO = re.compile(r"^(\d{4})-(\d{2})-(\d{2})(?:[T ]00:00(?::00)?)?$")
_JA = {"ja", "j", "yes", "y", "true", "sant", "x"}
_NEI = {"nei", "n", "no", "false", "usant"}
_FORSTE_DATO = date(1990, 1, 1)
_SISTE_DATO = date(2100, 12, 31)
_EXCEL_NULL = date(1899, 12, 30)
_MAKS_VIST = 60


class _Ugyldig(Exception):
    """A value that cannot be converted; the message says what to do."""


def valider(raatt: RaattSkjema, definisjon: Skjemadefinisjon) -> Skjemadata:
    """Convert and check everything in `raatt` against `definisjon`."""
    data = Skjemadata(
        funn=list(raatt.funn),
        skjema_id=raatt.skjema_id,
        skjema_versjon=raatt.skjema_versjon,
    )
    for felt in definisjon.felter:
        celle = raatt.felter.get(felt.key)
        data.verdier[felt.key] = _felt(felt, celle, data.funn) if celle else None
        if celle:
            data.celler[felt.key] = (celle.ark, celle.celle)
    for tabell in definisjon.tabeller:
        rader: list[dict[str, Verdi]] = []
        for rad in raatt.tabeller.get(tabell.key, []):
            verdier: dict[str, Verdi] = {}
            for kolonne in tabell.kolonner:
                celle = rad.celler.get(kolonne.key)
                verdier[kolonne.key] = _felt(kolonne, celle, data.funn) if celle else None
                if celle:
                    data.celler[(tabell.key, len(rader), kolonne.key)] = (celle.ark, celle.celle)
            rader.append(verdier)
        data.tabeller[tabell.key] = rader
    _regler(definisjon, data)
    return data


def _vis(verdi: object) -> str:
    if verdi is None:
        return ""
    if isinstance(verdi, datetime):
        tekst = verdi.strftime("%d.%m.%Y") if verdi.time() == time() else str(verdi)
    elif isinstance(verdi, float):
        tekst = f"{verdi:g}".replace(".", ",")
    else:
        tekst = str(verdi)
    tekst = " ".join(tekst.split())
    return tekst if len(tekst) <= _MAKS_VIST else tekst[: _MAKS_VIST - 1] + "…"


def _felt(felt: Felt, celle: Celle, funn: list[Funn]) -> Verdi:
    """Convert one cell; on a problem, add a finding and return None."""
    verdi = celle.verdi
    if isinstance(verdi, str):
        verdi = verdi.replace("\r\n", "\n").replace("\r", "\n").strip()
        if not verdi:
            verdi = None
    if verdi is None:
        if felt.pakrevd:
            funn.append(_funn("feil", felt, celle, _tom_melding(felt)))
        return None
    try:
        return _KONVERTER[felt.type](felt, verdi)
    except _Ugyldig as e:
        funn.append(_funn("feil", felt, celle, str(e)))
        return None


def _funn(alvor: Alvor, felt: Felt, celle: Celle, melding: str) -> Funn:
    return Funn(alvor, celle.ark, celle.celle, felt.etikett, _vis(celle.verdi), melding)


def _tom_melding(felt: Felt) -> str:
    if felt.type in ("valg", "janei"):
        return "Feltet må fylles ut. Velg et svar fra listen i cellen."
    if felt.type == "dato":
        return "Feltet må fylles ut. Skriv datoen som dd.mm.åååå."
    return "Feltet må fylles ut."


def _tekst(felt: Felt, verdi: object) -> str:
    if isinstance(verdi, datetime):
        tekst = _dato(felt, verdi).strftime("%d.%m.%Y")
    elif isinstance(verdi, bool):
        tekst = "Ja" if verdi else "Nei"
    elif isinstance(verdi, float) and verdi.is_integer():
        tekst = str(int(verdi))
    else:
        tekst = str(verdi).strip()
    if felt.maks_lengde and len(tekst) > felt.maks_lengde:
        raise _Ugyldig(
            f"Teksten er {len(tekst)} tegn lang; her er {felt.maks_lengde} tegn det meste. "
            "Kort den ned."
        )
    return tekst


def _dato(felt: Felt, verdi: object) -> date:
    resultat: date | None = None
    if isinstance(verdi, datetime):
        resultat = verdi.date()
    elif isinstance(verdi, date):
        resultat = verdi
    elif isinstance(verdi, int | float) and not isinstance(verdi, bool):
        # A date in a cell formatted as a number: Excel's day count.
        if 32874 <= verdi <= 73415:
            resultat = _EXCEL_NULL + timedelta(days=int(verdi))
    elif isinstance(verdi, str):
        tekst = verdi.strip()
        if m := _DATO.match(tekst):
            dag, maaned, aar = (int(x) for x in m.groups())
        elif m := _ISO.match(tekst):
            aar, maaned, dag = (int(x) for x in m.groups())
        else:
            dag = maaned = aar = 0
        if aar:
            try:
                resultat = date(aar, maaned, dag)
            except ValueError as e:
                raise _Ugyldig(
                    f"«{tekst}» er ikke en dato som finnes. Skriv datoen som dd.mm.åååå, "
                    "for eksempel 12.03.2026."
                ) from e
    if resultat is None:
        raise _Ugyldig(
            "Dette er ikke en dato. Skriv datoen som dd.mm.åååå, for eksempel 12.03.2026."
        )
    if not _FORSTE_DATO <= resultat <= _SISTE_DATO:
        raise _Ugyldig(f"Datoen {resultat.strftime('%d.%m.%Y')} kan ikke stemme. Kontroller året.")
    return resultat


def _heltall(felt: Felt, verdi: object) -> int:
    tall: int | None = None
    if isinstance(verdi, bool):
        tall = None
    elif isinstance(verdi, int):
        tall = verdi
    elif isinstance(verdi, float) and verdi.is_integer():
        tall = int(verdi)
    elif isinstance(verdi, str) and re.fullmatch(r"[+-]?\d{1,9}", verdi.strip()):
        tall = int(verdi.strip())
    if tall is None:
        raise _Ugyldig("Her skal det stå et helt tall, for eksempel 2.")
    if felt.min is not None and tall < felt.min:
        raise _Ugyldig(f"Tallet kan ikke være mindre enn {felt.min}.")
    if felt.maks is not None and tall > felt.maks:
        raise _Ugyldig(f"Tallet kan ikke være større enn {felt.maks}.")
    return tall


def _enkel(tekst: str) -> str:
    return " ".join(tekst.split()).casefold()


def _valg(felt: Felt, verdi: object) -> str:
    tekst = _tekst(felt, verdi)
    for valg in felt.valg:
        if _enkel(valg) == _enkel(tekst):
            return valg
    liste = ", ".join(felt.valg)
    raise _Ugyldig(f"Dette er ikke et av valgene. Velg fra listen i cellen: {liste}.")


def _janei(felt: Felt, verdi: object) -> bool:
    if isinstance(verdi, bool):
        return verdi
    tekst = _enkel(str(verdi))
    if tekst in _JA:
        return True
    if tekst in _NEI:
        return False
    raise _Ugyldig("Svar Ja eller Nei (velg fra listen i cellen).")


_KONVERTER = {
    "tekst": _tekst,
    "langtekst": _tekst,
    "dato": _dato,
    "heltall": _heltall,
    "valg": _valg,
    "janei": _janei,
}


def _regler(definisjon: Skjemadefinisjon, data: Skjemadata) -> None:
    """Rules across fields."""
    v = data.verdier

    def sted(key: object) -> tuple[str, str]:
        return data.celler.get(key, ("", ""))

    def legg_til(alvor: Alvor, key: object, etikett: str, verdi: object, melding: str) -> None:
        ark, celle = sted(key)
        if celle and any(f.ark == ark and f.celle == celle for f in data.funn):
            return  # that cell already has its finding; one thing to fix at a time
        data.funn.append(Funn(alvor, ark, celle, etikett, _vis(_dato_tekst(verdi)), melding))

    kartlagt = v.get("kartlegging_dato")
    neste = v.get("plan_neste_mote")
    if isinstance(kartlagt, date) and isinstance(neste, date):
        etikett = definisjon.felt("plan_neste_mote").etikett
        dager = (neste - kartlagt).days
        if dager < 0:
            legg_til(
                "advarsel",
                "plan_neste_mote",
                etikett,
                neste,
                "Neste evalueringsmøte er før kartleggingsdatoen. Sett datoen for det neste "
                "møtet som skal holdes.",
            )
        elif dager > MAKS_DAGER_TIL_EVALUERING:
            legg_til(
                "advarsel",
                "plan_neste_mote",
                etikett,
                neste,
                f"Ikke vente og se: neste evalueringsmøte er {dager} dager etter kartleggingen. "
                f"Sett et møte innen {MAKS_DAGER_TIL_EVALUERING} dager, helst innen en uke.",
            )

    if "tiltak" in data.tabeller:
        tabell = definisjon.tabell("tiltak")
        rader = data.tabeller["tiltak"]
        for i, rad in enumerate(rader):
            start, slutt = rad.get("oppstart"), rad.get("evaluering")
            if isinstance(start, date) and isinstance(slutt, date) and slutt < start:
                legg_til(
                    "feil",
                    ("tiltak", i, "evaluering"),
                    tabell.kolonne("evaluering").etikett,
                    slutt,
                    f"Evalueringen er før oppstart ({start.strftime('%d.%m.%Y')}). Sett en "
                    "evalueringsdato som er samme dag som oppstart eller senere.",
                )
            if not rad.get("ansvarlig") and ("tiltak", i, "ansvarlig") in data.celler:
                legg_til(
                    "advarsel",
                    ("tiltak", i, "ansvarlig"),
                    tabell.kolonne("ansvarlig").etikett,
                    None,
                    "Tiltaket har ingen ansvarlig. Skriv hvem som skal gjøre det, så det ikke "
                    "blir liggende.",
                )
        mangler_tabellen = any(f.etikett == tabell.etikett and f.alvor == "feil" for f in data.funn)
        if not rader and not mangler_tabellen:
            ark = definisjon.del_for("tiltak").ark
            data.funn.append(
                Funn(
                    "advarsel",
                    ark,
                    "",
                    tabell.etikett,
                    "",
                    "Planen har ingen tiltak ennå. Skriv inn hva skolen, hjemmet, eleven og "
                    "tjenestene skal gjøre.",
                )
            )

    if "fravaer" in data.tabeller:
        tabell = definisjon.tabell("fravaer")
        for i, rad in enumerate(data.tabeller["fravaer"]):
            if rad.get("omfang") == "Enkelttimer" and rad.get("timer") is None:
                legg_til(
                    "feil",
                    ("fravaer", i, "timer"),
                    tabell.kolonne("timer").etikett,
                    None,
                    "Fravær i enkelttimer må ha antall timer. Skriv hvor mange timer (1–10).",
                )


def _dato_tekst(verdi: object) -> object:
    return verdi.strftime("%d.%m.%Y") if isinstance(verdi, date) else verdi


def i_rekkefolge(funn: list[Funn], definisjon: Skjemadefinisjon) -> list[Funn]:
    """Return `funn` in the order of the form: sheet by sheet, row by row."""
    ark = {d.ark: i for i, d in enumerate(definisjon.deler)}

    def plass(f: Funn) -> tuple[int, int, int]:
        treff = re.fullmatch(r"([A-Z]+)(\d+)", f.celle)
        rad = int(treff.group(2)) if treff else 0
        kolonne = len(treff.group(1)) * 100 + ord(treff.group(1)[-1]) if treff else 0
        return ark.get(f.ark, len(ark)), rad, kolonne

    return sorted(funn, key=plass)
