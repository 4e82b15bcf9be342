"""The template file as a whole: what it would fetch from outside, and what documents will not get.

Fields and links that make a document fetch something when it is opened are
errors; comments, tracked changes, properties and the other parts left out of
the documents (`toolkit.rens`) are warnings.
"""

from __future__ import annotations

from toolkit.errors import MalError
from toolkit.malsjekk.funn import Malfunn
from toolkit.rens import Metadata, Pakke


def _pakke(data: bytes, navn: str) -> Pakke:
    """Read the template's package, walked by its relationships."""
    try:
        return Pakke(data)
    except Exception as e:  # no main document, no content types
        raise MalError(
            f"Malen «{navn}» kan ikke åpnes som Word-dokument ({type(e).__name__}). Åpne den i "
            "Word og lagre den på nytt som Word-dokument (.docx).",
            exit_code=2,
        ) from e


def _utenfra_funn(pakke: Pakke) -> list[Malfunn]:
    """Report fields and links that would make a document fetch something from outside."""
    return [
        Malfunn(
            "Malen",
            "",
            f"Malen har {hva}{f' i {del_}' if del_ else ''}, som får dokumentene til å hente "
            "noe utenfra når de åpnes. Det kan sende opplysninger om eleven ut, så malen blir "
            "ikke brukt. Ta det bort i Word"
            + (" (Alt+F9 viser feltene)." if "felt" in hva else "."),
        )
        for hva, del_ in pakke.utenfra_med_sted
    ]


# What Word calls the app properties Skjemaverk leaves out.
_APP_NAVN = {
    "Company": "firma",
    "Manager": "leder",
    "HyperlinkBase": "hyperkoblingsgrunnlag",
    "Template": "mal",
}


def _metadata_funn(funnet: Metadata) -> list[Malfunn]:
    """Warn about what the template carries that the documents will not get."""
    advarsler = []
    if funnet.kommentarer:
        antall = funnet.kommentarer
        advarsler.append(
            f"Malen har {antall} {'kommentar' if antall == 1 else 'kommentarer'}. De blir ikke "
            "med i dokumentene, men slett dem i malen før den deles (Se gjennom > Slett > "
            "Slett alle kommentarer i dokumentet)."
        )
    if funnet.sporede_endringer:
        advarsler.append(
            "Malen har sporede endringer. Dokumentene får dem godtatt, men godta eller avvis "
            "dem i malen, så du ser det som blir med (Se gjennom > Godta > Godta alle endringer)."
        )
    if funnet.egendefinerte:
        navn = ", ".join(f"«{n}»" for n in funnet.egendefinerte)
        advarsler.append(
            f"Malen har egendefinerte dokumentegenskaper ({navn}). De blir ikke med i "
            "dokumentene, men slett dem i malen (Fil > Info > Egenskaper > Avanserte "
            "egenskaper > Egendefinert)."
        )
    if funnet.app:
        deler = ", ".join(f"{_APP_NAVN[k]} «{v}»" for k, v in funnet.app.items())
        advarsler.append(
            f"Malen har {deler} i dokumentegenskapene. Det blir ikke med i dokumentene, men "
            "slett det i malen (Fil > Info > Egenskaper > Avanserte egenskaper)."
        )
    if funnet.tilknyttet_mal:
        advarsler.append(
            "Malen er knyttet til en annen dokumentmal i Word. Koblingen, med stien til den "
            "andre malen, blir ikke med i dokumentene; fjern den i malen (Utvikler > "
            "Dokumentmal)."
        )
    if funnet.beskyttet:
        advarsler.append(
            "Malen er beskyttet mot endringer i Word. Beskyttelsen, med passordet, blir ikke "
            "med i dokumentene; fjern den i malen (Se gjennom > Begrens redigering)."
        )
    for hva in funnet.fjernet:
        advarsler.append(
            f"Malen har {hva}, som ikke blir med i dokumentene. Dokumentene får bare tekst, "
            "tabeller, formatering, bilder, topp- og bunntekst, fotnoter og sluttnoter fra "
            "malen; ta det bort i malen."
        )
    return [Malfunn("Malen", "", melding, "advarsel") for melding in advarsler]
