"""Errors whose message is the Norwegian sentence the user sees."""

from __future__ import annotations

# Exit codes, documented in the README and in `skjemaverk --help`.
EXIT_OK = 0
EXIT_SKJEMAFEIL = 1  # the form (or template) has errors; the run did its job
EXIT_ULESELIG = 2  # the file cannot be read as this form / bad usage


class SkjemaverkError(Exception):
    """An error with a Norwegian message meant for the user, and its exit code."""

    exit_code = EXIT_SKJEMAFEIL

    def __init__(self, melding: str, exit_code: int | None = None) -> None:
        super().__init__(melding)
        self.melding = melding
        if exit_code is not None:
            self.exit_code = exit_code

    def __str__(self) -> str:
        return self.melding


class UlesbarFilError(SkjemaverkError):
    """The file cannot be read as a form of this kind (exit 2)."""

    exit_code = EXIT_ULESELIG


class DefinisjonError(SkjemaverkError):
    """A form definition cannot be used as it is (exit 2)."""

    exit_code = EXIT_ULESELIG


class MalError(SkjemaverkError):
    """A Word template cannot be used as it is."""


class SkriveError(SkjemaverkError):
    """An output file cannot be written."""
