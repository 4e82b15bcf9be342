"""A picture for a document: opaque to templates, placed by the renderer."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
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
