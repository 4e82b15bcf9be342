"""The layers of docs/arkitektur.md hold: a module imports only from its own layer and below.

The table in the document is the one statement of the layers; this test reads it,
so the document cannot drift from the code without a failing test.
"""

from __future__ import annotations

import ast
import re
from pathlib import Path

ROT = Path(__file__).resolve().parent.parent
PAKKE = ROT / "toolkit"


def _lagene() -> dict[str, int]:
    tekst = (ROT / "docs" / "arkitektur.md").read_text(encoding="utf-8")
    lag: dict[str, int] = {}
    for linje in tekst.splitlines():
        m = re.match(r"\| (\d) \| (.+?) \|", linje)
        if m:
            for modul in re.findall(r"`([\w]+)`", m.group(2)):
                lag[modul] = int(m.group(1))
    return lag


def _importer(fil: Path) -> set[str]:
    """The top-level toolkit modules `fil` imports (toolkit.x.y counts as x)."""
    ut: set[str] = set()
    for node in ast.walk(ast.parse(fil.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            deler = node.module.split(".")
            if deler[0] != "toolkit":
                continue
            ut |= {deler[1]} if len(deler) > 1 else {a.name for a in node.names}
        elif isinstance(node, ast.Import):
            ut |= {a.name.split(".")[1] for a in node.names if a.name.startswith("toolkit.")}
    return ut


def test_every_module_has_a_layer() -> None:
    lag = _lagene()
    assert len(lag) > 30, "the table of layers was not found in docs/arkitektur.md"
    moduler = {p.relative_to(PAKKE).parts[0].removesuffix(".py") for p in PAKKE.glob("*")}
    moduler -= {"__pycache__"}
    uten = sorted(moduler - set(lag))
    assert not uten, f"give these modules a layer in docs/arkitektur.md: {uten}"
    borte = sorted(set(lag) - moduler)
    assert not borte, f"docs/arkitektur.md names modules that do not exist: {borte}"


def test_no_module_imports_from_a_layer_above_its_own() -> None:
    lag = _lagene()
    brudd = []
    for fil in PAKKE.rglob("*.py"):
        modul = fil.relative_to(PAKKE).parts[0].removesuffix(".py")
        for annen in _importer(fil):
            if annen in lag and lag[annen] > lag[modul]:
                brudd.append(
                    f"{fil.relative_to(ROT)} (layer {lag[modul]}) imports {annen} "
                    f"(layer {lag[annen]})"
                )
    assert not brudd, "\n".join(brudd)
