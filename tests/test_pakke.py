"""The installed package carries every module, form definition and template.

`pip install .` (the README's first command) installs only what pyproject.toml
lists: a subpackage or a data file left out works in a source checkout and is
missing on a school's machine.
"""

from __future__ import annotations

import fnmatch
import tomllib
from pathlib import Path

ROT = Path(__file__).resolve().parent.parent
OPPSETT = tomllib.loads((ROT / "pyproject.toml").read_text(encoding="utf-8"))["tool"]["setuptools"]


def test_every_package_under_toolkit_is_installed() -> None:
    pakker = {
        ".".join(p.parent.relative_to(ROT).parts) for p in (ROT / "toolkit").rglob("__init__.py")
    }
    assert pakker, "no package found"
    mangler = pakker - set(OPPSETT["packages"])
    assert not mangler, f"add to [tool.setuptools] packages in pyproject.toml: {sorted(mangler)}"


def test_every_definition_template_and_word_list_is_installed() -> None:
    for pakke, mappe in OPPSETT["package-dir"].items():
        if pakke == "toolkit":
            continue
        monstre = OPPSETT["package-data"].get(pakke, [])
        for fil in (ROT / mappe).rglob("*"):
            if not fil.is_file() or fil.suffix == ".py" or "__pycache__" in fil.parts:
                continue
            navn = fil.relative_to(ROT / mappe).as_posix()
            assert any(fnmatch.fnmatch(navn, m) for m in monstre), (
                f"{mappe}/{navn} is not in [tool.setuptools.package-data] {pakke!r}"
            )
    for fil in (ROT / "toolkit").rglob("*"):
        if not fil.is_file() or fil.suffix in (".py", ".pyc") or "__pycache__" in fil.parts:
            continue
        # The nearest package above the file carries it, by a pattern relative to itself.
        mappe = fil.parent
        while ".".join(mappe.relative_to(ROT).parts) not in OPPSETT["packages"]:
            mappe = mappe.parent
        pakke = ".".join(mappe.relative_to(ROT).parts)
        navn = fil.relative_to(mappe).as_posix()
        monstre = OPPSETT["package-data"].get(pakke, [])
        assert any(fnmatch.fnmatch(navn, m) for m in monstre), (
            f"{fil.relative_to(ROT)} is not in [tool.setuptools.package-data] {pakke!r}"
        )


def test_the_readme_starts_with_two_commands_and_ci_runs_the_second() -> None:
    readme = (ROT / "README.md").read_text(encoding="utf-8").splitlines()
    assert readme[0].startswith("# ") and readme[2] == "```" and readme[5] == "```", readme[:6]
    installer_og_lag, tester = readme[3], readme[4]
    assert installer_og_lag.startswith("pip install . && skjemaverk lag eksempler/")
    assert (ROT / installer_og_lag.split("skjemaverk lag ")[1].split()[0]).is_file()
    ci = (ROT / ".ci" / "run").read_text(encoding="utf-8").splitlines()
    assert tester in ci, f"{tester!r} is not a line of .ci/run"


def test_every_name_of_the_api_is_what_it_says_also_after_every_module_is_loaded() -> None:
    # A submodule with the name of an API function would take its place once imported
    # (`from toolkit import lag` gave the module, not the function).
    import importlib
    import inspect
    import pkgutil

    import toolkit

    for modul in pkgutil.walk_packages(toolkit.__path__, "toolkit."):
        if modul.name != "toolkit.__main__":
            importlib.import_module(modul.name)
    for navn in toolkit.__all__:
        verdi = getattr(toolkit, navn)
        assert not inspect.ismodule(verdi), f"toolkit.{navn} is a module"
    from toolkit import lag, les_skjema, oppgrader

    assert callable(lag) and callable(les_skjema) and callable(oppgrader)


def test_the_readmes_python_example_runs_and_makes_the_documents(
    tmp_path: Path, monkeypatch, capsys
) -> None:
    import re
    import shutil

    kode = re.search(r"```python\n(.*?)```", (ROT / "README.md").read_text(encoding="utf-8"), re.S)
    assert kode is not None
    shutil.copytree(ROT / "eksempler", tmp_path / "eksempler")
    monkeypatch.chdir(tmp_path)
    exec(compile(kode.group(1), "README.md", "exec"), {})
    ut = capsys.readouterr().out
    assert "Skrev ut/amin/Amin - plan.docx" in ut.replace("\\", "/")
    assert len(list((tmp_path / "ut" / "begge").glob("*.docx"))) == 6
