"""Where the bundled form definitions and Word templates live."""

from __future__ import annotations

from pathlib import Path

# An installed package carries them as toolkit/skjema and toolkit/maler
# (pyproject maps the top-level folders there); a source checkout has them
# beside the package.
_PAKKE = Path(__file__).resolve().parent


def _mappe(navn: str) -> Path:
    for kandidat in (_PAKKE / navn, _PAKKE.parent / navn):
        if kandidat.is_dir():
            return kandidat
    return _PAKKE.parent / navn


def skjema_mappe() -> Path:
    """Return the folder of form definitions and blank forms."""
    return _mappe("skjema")


def maler_mappe() -> Path:
    """Return the folder of the built-in Word templates."""
    return _mappe("maler")
