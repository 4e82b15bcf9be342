"""Click's own texts (usage, headings, usage errors) in Norwegian bokmål.

Click looks its texts up through `gettext`, bound in each of its modules as
`_` and `ngettext`. Replacing those names there gives Norwegian help and
error messages without touching the global gettext domain.
"""

from __future__ import annotations

import importlib

_TEKSTER = {
    "Usage:": "Bruk:",
    "Options": "Valg",
    "Commands": "Kommandoer",
    "Show this message and exit.": "Vis denne hjelpen og avslutt.",
    "Show the version and exit.": "Vis versjonen og avslutt.",
    "%(prog)s, version %(version)s": "%(prog)s versjon %(version)s",
    "Error: {message}": "Feil: {message}",
    "Try '{command} {option}' for help.": "Skriv «{command} {option}» for hjelp.",
    "Missing argument": "Mangler argument",
    "Missing option": "Mangler valg",
    "Missing parameter": "Mangler parameter",
    "Missing command.": "Mangler kommando.",
    "Missing {param_type}": "Mangler {param_type}",
    "Missing parameter: {param_name}": "Mangler parameter: {param_name}",
    "No such command {name!r}.": "Kommandoen {name!r} finnes ikke.",
    "No such option {name!r}.": "Valget {name!r} finnes ikke.",
    "Option {name!r} does not take a value.": "Valget {name!r} tar ingen verdi.",
    "Invalid value for {param_hint}: {message}": "Ugyldig verdi for {param_hint}: {message}",
    "Invalid value: {message}": "Ugyldig verdi: {message}",
    "Aborted!": "Avbrutt.",
    "Repeat for confirmation": "Gjenta for å bekrefte",
    "Error: The two entered values do not match.": "Feil: De to verdiene er ikke like.",
    "Error: invalid input": "Feil: ugyldig svar",
    "Do you want to continue?": "Vil du fortsette?",
    "default: {default}": "standard: {default}",
    "required": "påkrevd",
    "(dynamic)": "(varierer)",
    "deprecated": "utgått",
    "env var: {var}": "miljøvariabel: {var}",
    "file": "fil",
    "directory": "mappe",
    "path": "sti",
    "{name} {filename!r} does not exist.": "{name} {filename!r} finnes ikke.",
    "{name} {filename!r} is a directory.": "{name} {filename!r} er en mappe.",
    "{name} {filename!r} is a file.": "{name} {filename!r} er en fil.",
    "{name} {filename!r} is not readable.": "{name} {filename!r} kan ikke leses.",
    "{name} {filename!r} is not writable.": "{name} {filename!r} kan ikke skrives til.",
    "{value!r} is not a valid {number_type}.": "{value!r} er ikke et gyldig {number_type}.",
    "{value} is not in the range {range}.": "{value} er utenfor området {range}.",
    "Choose from:\n\t{choices}": "Velg mellom:\n\t{choices}",
}

_FLERTALL = {
    "Got unexpected extra argument ({args})": (
        "Uventet argument ({args})",
        "Uventede argumenter ({args})",
    ),
    "Did you mean {possibility}?": (
        "Mente du {possibility}?",
        "(Mente du en av: {possibilities}?)",
    ),
    "Option {name!r} requires an argument.": (
        "Valget {name!r} trenger en verdi.",
        "Valget {name!r} trenger {nargs} verdier.",
    ),
    "{value!r} is not {choice}.": (
        "{value!r} er ikke {choice}.",
        "{value!r} er ikke en av {choices}.",
    ),
}


def _gettext(tekst: str) -> str:
    return _TEKSTER.get(tekst, tekst)


def _ngettext(entall: str, flertall: str, antall: int) -> str:
    if entall in _FLERTALL:
        en, flere = _FLERTALL[entall]
        return en if antall == 1 else flere
    return entall if antall == 1 else flertall


def bruk_norsk() -> None:
    """Make click speak Norwegian in help texts and usage errors."""
    for navn in ("core", "decorators", "exceptions", "formatting", "parser", "termui", "types"):
        modul = importlib.import_module(f"click.{navn}")
        # mypy knows no attributes of a module imported by name; these are click's gettext.
        if hasattr(modul, "_"):
            modul._ = _gettext  # type: ignore[attr-defined]
        if hasattr(modul, "ngettext"):
            modul.ngettext = _ngettext  # type: ignore[attr-defined]
