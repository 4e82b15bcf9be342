"""A picture for a document: an opaque value in the template context.

A chart or the school's logo travels through the context as a `Bilde`. A
template can only place it (`{{ logo }}`) or test it (`{% if logo %}`): the
renderer's sandbox allows no attribute on it, and as text it is empty. The
renderer turns it into a drawing with alt text when it is written out.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True, repr=False)
class Bilde:
    """A picture to place in a document: the image, its alt text and its size.

    `data` is the image itself (PNG bytes) or the path of an image file.
    Give the width or the height (mm); the other follows the picture.
    """

    data: bytes | Path
    alt: str
    tittel: str = ""
    bredde_mm: float | None = None
    hoyde_mm: float | None = None

    def __str__(self) -> str:
        return ""

    def __repr__(self) -> str:
        return "<Bilde>"
