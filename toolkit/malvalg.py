"""The forms and templates a school can choose from: listing them, and copying templates to edit."""

from __future__ import annotations

from pathlib import Path

from toolkit.definisjon import Skjemadefinisjon
from toolkit.dokumenter import generisk_malfil, malsti
from toolkit.errors import SkjemaverkError
from toolkit.register import Register
from toolkit.skriv import lag_mappe, sjekk_ledig, skriv_atomisk


def skjemaliste(register: Register) -> str:
    """Return the forms Skjemaverk knows, for a person to read."""
    linjer = []
    for d in register.definisjoner:
        navn = d.kilde.stem if d.kilde else d.id
        hvor = "skolens eget" if register.er_egen(d) else "innebygd"
        linjer.append(f"{navn}: {d.tittel} (versjon {d.versjon}, {hvor})")
        linjer.append(f"  id: {d.id}")
        if d.beskrivelse:
            linjer.append(f"  {d.beskrivelse}")
        for dok in d.dokumenter:
            mal = dok.mal or "laget fra skjemadefinisjonen"
            linjer.append(f"  dokument {dok.key}: {dok.tittel} (mal: {mal})")
        eldre = sorted(t.versjon for t in register.tidligere if t.id == d.id)
        if eldre:
            linjer.append(f"  leser også skjemaer fra versjon {', '.join(map(str, eldre))}")
        if register.er_egen(d) and d.kilde:
            linjer.append(f"  definisjon: {d.kilde}")
        linjer.append("")
    linjer.append("Lag et blankt skjema: skjemaverk nytt --skjema NAVN")
    return "\n".join(linjer)


def kopier_maler(
    definisjon: Skjemadefinisjon, mappe: Path, register: Register, *, overskriv: bool = False
) -> list[Path]:
    """Copy the template of each document of `definisjon` to `mappe`, for a school to edit.

    A document without a template of its own gets the generic one made from the
    definition. Nothing is written if one of the files is in the way.
    """
    mappe = Path(mappe)
    filer: dict[Path, bytes] = {}
    for dok in definisjon.dokumenter:
        sti = malsti(definisjon, dok, register)
        if sti is not None and sti.is_file():
            filer[mappe / sti.name] = sti.read_bytes()
        else:
            filer[mappe / f"{dok.key}.docx"] = generisk_malfil(definisjon, dok)
    sjekk_ledig(filer, overskriv)
    lag_mappe(mappe)
    for sti, data in filer.items():
        skriv_atomisk(sti, data)
    return list(filer)


def dokumentnavn(navn: str, register: Register) -> str:
    """Return the document key meant by `navn`: the key itself, or the one key ending in it.

    "rapport" finds "kartleggingsrapport" when no other document ends in "rapport".
    """
    navn = navn.strip().lower()
    kjente = sorted({d.key for definisjon in register.definisjoner for d in definisjon.dokumenter})
    if navn in kjente:
        return navn
    treff = [k for k in kjente if k.endswith(navn)]
    if len(treff) == 1:
        return treff[0]
    raise SkjemaverkError(
        f"Det finnes ikke noe dokument som heter «{navn}». Dokumentene er: {', '.join(kjente)}.",
        exit_code=2,
    )
