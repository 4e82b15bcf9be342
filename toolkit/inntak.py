"""Read a filled form as `sjekk`, `lag` and `fravaer` do: find its definition, read, check.

The workbook names its own definition (`skjema_id`, `skjema_versjon`). A form
of an older version is read through that version's definition, then moved
forward in memory to the current one (`toolkit.oppgradering.flytt`), so the
current documents can be made from it; a finding says how to upgrade the file.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

from toolkit.apne import apne_skjema
from toolkit.avledning import avledninger, grunnlag
from toolkit.definisjon import Skjemadefinisjon
from toolkit.errors import UlesbarFilError
from toolkit.innstillinger import STANDARD, Innstillinger
from toolkit.kontrakt import identitet, versjon_tekst
from toolkit.les import les_raatt
from toolkit.modell import Funn, Skjemadata, ett_per_celle
from toolkit.oppgradering import flytt
from toolkit.register import Register, innebygd_register
from toolkit.regler import i_rekkefolge, sjekk_regler
from toolkit.tekst import dato
from toolkit.valider import valider


def finn_definisjon(
    navn: str,
    skjema_id: str | None,
    versjon: int | None,
    register: Register,
    vist: str = "",
) -> tuple[Skjemadefinisjon, Skjemadefinisjon]:
    """Return (the definition the workbook was filled in, the current one) for its id."""
    if not skjema_id:
        raise UlesbarFilError(
            f"Filen «{navn}» er en Excel-arbeidsbok, men ikke et skjema fra Skjemaverk (den "
            "mangler merket som sier hvilket skjema den er). Lag et blankt skjema med "
            "«skjemaverk nytt» og fyll ut det."
        )
    gjeldende = register.gjeldende(skjema_id)
    if gjeldende is None:
        kjente = ", ".join(f"«{d.tittel}»" for d in register.definisjoner)
        raise UlesbarFilError(
            f"Filen «{navn}» er skjemaet «{skjema_id}», som denne Skjemaverk ikke kjenner. "
            f"Skjemaene den kjenner er {kjente} (se «skjemaverk skjemaer»). Er det skolens eget "
            "skjema, sett mappen med skolens skjemaer i innstillingene ([skjemaer] mappe)."
        )
    vist = str(versjon) if versjon is not None else (vist or "ukjent")
    if versjon is not None and versjon > gjeldende.versjon and register.er_egen(gjeldende):
        raise UlesbarFilError(
            f"Filen «{navn}» er versjon {vist} av «{gjeldende.tittel}», men skolens "
            f"skjemadefinisjon («{gjeldende.kilde}») er versjon {gjeldende.versjon}. Skjemaet er "
            "laget med en nyere utgave av definisjonen: legg den i mappen med skolens skjemaer."
        )
    if versjon is not None and versjon > gjeldende.versjon:
        raise UlesbarFilError(
            f"Filen «{navn}» er versjon {vist} av skjemaet, men denne Skjemaverk kjenner versjon "
            f"{gjeldende.versjon}. Det er laget med en nyere Skjemaverk. Oppdater Skjemaverk og "
            "prøv igjen."
        )
    lest = register.finn(skjema_id, versjon) if versjon is not None else None
    if lest is None and versjon is not None:
        raise UlesbarFilError(register.mangler_versjon(navn, gjeldende, versjon))
    if lest is None:
        raise UlesbarFilError(
            f"Filen «{navn}» er versjon {vist} av skjemaet, men denne Skjemaverk kjenner versjon "
            f"{gjeldende.versjon}. Denne Skjemaverk kan ikke lese den versjonen. Bruk et nytt, "
            "blankt skjema (skjemaverk nytt) og flytt svarene over."
        )
    return lest, gjeldende


def _eldre(
    navn: str, lest: Skjemadefinisjon, gjeldende: Skjemadefinisjon, borte: list[str]
) -> Funn:
    melding = (
        f"Skjemaet er laget i versjon {lest.versjon}; den nyeste er versjon {gjeldende.versjon}. "
        "Dokumentene lages likevel. For å få med det som er nytt i skjemaet, lag en ny fil med "
        f'«skjemaverk oppgrader "{navn}"» og fyll ut resten der (den gamle filen blir ikke endret).'
    )
    if borte:
        melding += f" Dette kommer ikke med i dokumentene: {'; '.join(borte)}."
    return Funn("advarsel", "", "", "Skjemaversjon", "", melding)


def les_skjema(
    sti: Path | str,
    passord: str | None = None,
    *,
    innstillinger: Innstillinger | None = None,
    register: Register | None = None,
    definisjon: Skjemadefinisjon | None = None,
    idag: date | None = None,
) -> Skjemadata:
    """Read and check the filled form at `sti`, following its own definition.

    Raises UlesbarFilError when the file cannot be read as a form Skjemaverk
    knows; every problem with the content is a finding in the result instead:
    each cell's type and limits, the definition's rules across fields, and
    the checks of its derivations (absence on a day that is not a school day).
    `definisjon` forces a definition instead of the one the workbook names.
    """
    sti = Path(sti)
    innstillinger = innstillinger or STANDARD
    apnet = apne_skjema(sti, passord)
    bok = apnet.bok
    skjema_id, versjon = identitet(bok)
    vist = versjon_tekst(bok)
    if definisjon is not None:
        if skjema_id != definisjon.id:
            raise UlesbarFilError(
                f"Filen «{sti.name}» er et annet skjema («{skjema_id or 'ukjent'}»), ikke "
                f"«{definisjon.tittel}»."
            )
        lest = gjeldende = definisjon
        if versjon != definisjon.versjon:
            lest, gjeldende = finn_definisjon(
                sti.name, skjema_id, versjon, register or innebygd_register()
            )
    else:
        lest, gjeldende = finn_definisjon(
            sti.name, skjema_id, versjon, register or innebygd_register(), vist
        )
    raatt = les_raatt(apnet, lest, lest.id, lest.versjon)
    data = valider(raatt, lest)
    funn = list(data.funn)
    if lest is not gjeldende:
        data, borte = flytt(data, lest, gjeldende)
        funn.insert(0, _eldre(sti.name, lest, gjeldende, borte))
    data.definisjon = gjeldende
    funn += _skjemadato(gjeldende, data, idag or date.today())
    data.funn = funn
    funn += sjekk_regler(gjeldende, data, innstillinger, idag, uten=raatt.ufullstendige)
    g = grunnlag(gjeldende, data, innstillinger, idag)
    for avledet in avledninger(gjeldende):
        if avledet.tabeller() & raatt.ufullstendige:
            continue  # a column it counts on is missing: the error says so, nothing more
        funn += avledet.sjekk(g)
    # One thing to fix at a time: one finding per cell, and an error before a warning.
    data.funn = i_rekkefolge(ett_per_celle(funn), gjeldende)
    return data


# A form's date this far from every date in its tables has a wrong year (12.11.2025 typed
# in a form whose absence, measures and meetings are all in autumn 2026).
LANGT_FRA = 120


def _skjemadato(definisjon: Skjemadefinisjon, data: Skjemadata, idag: date) -> list[Funn]:
    """Check the form's date (`dato_felt`, the mapping meeting) against today and the form.

    Every figure counts up to that date, so a wrong year gives documents with no
    absence at all: a date in the future, or far from every date in the form's
    tables, is an error on its cell. The date is then left out (as a date that
    cannot be read is), so the checks that count from it do not each warn about
    what follows from the one mistake.
    """
    key = definisjon.dato_felt
    verdi = data.verdier.get(key) if key else None
    sted = data.celler.get(key) if key else None
    if key is None or not isinstance(verdi, date) or sted is None:
        return []
    felt = definisjon.felt(key)
    navn = definisjon.dato_navn
    melding = ""
    if verdi > idag:
        melding = (
            f"Datoen er {dato(verdi)}, som er fram i tid (i dag er {dato(idag)}). Skriv datoen "
            f"for {navn}; kontroller året."
        )
    else:
        andre = [
            v
            for rader in data.tabeller.values()
            for rad in rader
            for v in rad.values()
            if isinstance(v, date)
        ]
        naermeste = min(andre, key=lambda d: abs((d - verdi).days), default=None)
        if naermeste is not None and abs((naermeste - verdi).days) > LANGT_FRA:
            melding = (
                f"Datoen er {dato(verdi)}, langt fra alle de andre datoene i skjemaet (den "
                f"nærmeste er {dato(naermeste)}), så fraværet fram til {navn} blir feil. "
                "Kontroller året."
            )
    if not melding:
        return []
    data.verdier[key] = None
    return [Funn("feil", sted[0], sted[1], felt.etikett, dato(verdi), melding)]


def skolerute(data: Skjemadata, innstillinger: Innstillinger, idag: date | None = None) -> str:
    """Say which school calendar the form's dates are counted in ("" for a form that uses none)."""
    definisjon = data.definisjon
    if definisjon is None:
        return ""
    kalender = any(r.type == "skoledag" for r in definisjon.regler) or any(
        a.bruker_kalender for a in avledninger(definisjon)
    )
    if not kalender:
        return ""
    g = grunnlag(definisjon, data, innstillinger, idag)
    return f"Skoleruten som er brukt: {innstillinger.skolear_for(g.dato).kilde}."
