"""The findings of a template check, and how they are collected in document order."""

from __future__ import annotations

import time
from collections.abc import Iterable
from dataclasses import dataclass

from toolkit.malsjekk.dokument import _Avsnitt
from toolkit.modell import Alvor


@dataclass(frozen=True)
class Malfunn:
    """One problem in a template: where, the text around it, and what to do."""

    hvor: str
    tekst_rundt: str
    melding: str
    alvor: Alvor = "feil"

    def tekst(self) -> str:
        """Return the finding as one line for a person to read."""
        rundt = f" («{self.tekst_rundt}»)" if self.tekst_rundt else ""
        return f"{self.alvor.upper()} – {self.hvor}{rundt}: {self.melding}"


def har_feil(funn: Iterable[Malfunn]) -> bool:
    """True when a finding is an error (warnings alone leave the template usable)."""
    return any(f.alvor == "feil" for f in funn)


class Tidsgrense(Exception):
    """The check has used its time (`_Samler.se_på_klokka`)."""


class _Samler:
    """Collects findings in document order, until the check's deadline (`frist`)."""

    def __init__(self, frist: float | None = None) -> None:
        self._funn: list[tuple[tuple[int, int, int, int], Malfunn]] = []
        self._sett: set[Malfunn] = set()
        self.del_nr = 0
        self.frist = frist

    def se_på_klokka(self) -> None:
        """Raise Tidsgrense when the deadline has passed."""
        if self.frist is not None and time.monotonic() > self.frist:
            raise Tidsgrense

    def legg_til(
        self,
        avsnitt: _Avsnitt | None,
        melding: str,
        *,
        alvor: Alvor = "feil",
        start: int = 0,
        slutt: int | None = None,
        hvor: str | None = None,
    ) -> None:
        if avsnitt is None:
            funn = Malfunn(hvor or "Malen", "", melding, alvor)
            nøkkel = (self.del_nr, 1 << 30, 0, len(self._funn))
        else:
            rundt = _tekst_rundt(avsnitt.tekst, start, start if slutt is None else slutt)
            funn = Malfunn(hvor or avsnitt.hvor, rundt, melding, alvor)
            nøkkel = (self.del_nr, avsnitt.nr, start, len(self._funn))
        if funn not in self._sett:
            self._sett.add(funn)
            self._funn.append((nøkkel, funn))

    def alle(self) -> list[Malfunn]:
        return [f for _, f in sorted(self._funn, key=lambda x: x[0])]


def _tekst_rundt(tekst: str, start: int, slutt: int, bredde: int = 30) -> str:
    """Return the paragraph text, shortened to the problem and `bredde` characters around it."""
    if len(tekst) <= 2 * bredde + max(slutt - start, 0) + 10:
        return " ".join(tekst.split())
    fra = max(0, start - bredde)
    til = min(len(tekst), max(slutt, start) + bredde)
    utdrag = " ".join(tekst[fra:til].split())
    return ("…" if fra > 0 else "") + utdrag + ("…" if til < len(tekst) else "")
