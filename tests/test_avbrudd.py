"""A real `lag --pdf --passord` run that is stopped leaves nothing unencrypted behind.

The signal tests start `python -m toolkit lag` as a user would, wait until
LibreOffice is at work, send SIGTERM, SIGHUP or SIGKILL, and then search the
whole output folder, hidden folders included. The others make the leftovers of
a killed run by hand and check that the next run removes them, and only them.
"""

from __future__ import annotations

import contextlib
import io
import os
import shutil
import signal
import subprocess
import sys
import tempfile
import time
import zipfile
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import TypeVar

import psutil
import pytest
from click.testing import CliRunner
from lo import soffice_eller_hopp

from tests.conftest import ROT
from toolkit._avbrudd import Stoppet, fanget, utsatt
from toolkit._vakt import PROFIL, ipc_sti
from toolkit.arbeidsmappe import GAMMEL, PREFIKS, maskin, rydd_etterlatte
from toolkit.beskytt import er_beskyttet
from toolkit.cli import main

PASSORD = "blå-fjord-trompet-47"
SKJEMAPASSORD = "et-skjemapassord-som-ikke-skal-videre"
# What the example form says, and no other file in the output folder may show in the clear.
VERDIER = ("Amin", "Foreldrene vekker", "Hanne Berg")
GRENSE = 120.0  # seconds: a generous upper bound for what must happen, never a measure

T = TypeVar("T")

posix = pytest.mark.skipif(os.name != "posix", reason="SIGHUP and SIGKILL are POSIX signals")


def _vent(betingelse: Callable[[], T], hva: str) -> T:
    """Poll until `betingelse()` is true and return it; fail only if it never happens."""
    frist = time.monotonic() + GRENSE
    while True:
        svar = betingelse()
        if svar:
            return svar
        if time.monotonic() > frist:
            pytest.fail(f"{hva}: skjedde ikke innen {GRENSE:g} sekunder")
        time.sleep(0.05)


def _prosesser(ut: Path) -> list[psutil.Process]:
    """Return the live processes whose command line names a folder inside `ut`.

    That is LibreOffice (its profile and output folder are in the work folder)
    and the watchdog, of this test only: other tests run LibreOffice too.
    """
    merke = f"{ut}{os.sep}"
    funnet = []
    for p in psutil.process_iter(["cmdline", "status"]):
        if p.info["status"] == psutil.STATUS_ZOMBIE:
            continue
        if merke in " ".join(p.info["cmdline"] or ()):
            funnet.append(p)
    return funnet


def _libreoffice(ut: Path) -> list[psutil.Process]:
    return [p for p in _prosesser(ut) if "--convert-to" in (p.info["cmdline"] or ())]


def _skjema(tmp_path: Path) -> Path:
    sti = tmp_path / "amin.xlsx"
    shutil.copy(ROT / "eksempler" / "amin.xlsx", sti)
    return sti


def _miljo(tmp_path: Path) -> dict[str, str]:
    tmp = tmp_path / "systemtmp"
    tmp.mkdir(exist_ok=True)
    return {
        **os.environ,
        "PYTHONPATH": os.pathsep.join([str(ROT), os.environ.get("PYTHONPATH", "")]),
        "SKJEMAVERK_PASSORD": PASSORD,
        "SKJEMAVERK_SKJEMAPASSORD": SKJEMAPASSORD,
        "SKJEMAVERK_FEILSOK": "",
        "TMPDIR": str(tmp),
    }


def _start_lag(tmp_path: Path, ut: Path) -> subprocess.Popen[str]:
    kommando = ["lag", str(_skjema(tmp_path)), "--ut", str(ut), "--pdf", "--passord"]
    return subprocess.Popen(
        [sys.executable, "-m", "toolkit", *kommando],
        stdin=subprocess.DEVNULL,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env=_miljo(tmp_path),
        cwd=tmp_path,
    )


def _klartekst(data: bytes) -> list[str]:
    """Return the values of the form that `data` shows in the clear (also inside a zip)."""
    deler = [data]
    if zipfile.is_zipfile(io.BytesIO(data)):
        with zipfile.ZipFile(io.BytesIO(data)) as z:
            deler += [z.read(navn) for navn in z.namelist()]
    return [
        verdi
        for verdi in VERDIER
        for koding in ("utf-8", "utf-16-le", "utf-16-be")
        if any(verdi.encode(koding) in del_ for del_ in deler)
    ]


def _sjekk_intet_ukryptert(mappe: Path) -> None:
    """Every file left anywhere in `mappe` is a protected document that shows no value."""
    for rot, undermapper, filer in os.walk(mappe):
        assert not undermapper, f"a folder was left in {rot}: {undermapper}"
        for navn in filer:
            data = (Path(rot) / navn).read_bytes()
            assert navn.endswith((".docx", ".pdf")), f"a file that is no document: {navn}"
            assert er_beskyttet(data, navn), f"not protected: {navn}"
            assert not _klartekst(data), f"{navn} shows {_klartekst(data)}"


def _sjekk_uten_passord(prosesser: list[psutil.Process]) -> int:
    """Check that no process got a password in its environment; return how many were read."""
    lest = 0
    for p in prosesser:
        try:
            miljo = p.environ()
        except psutil.NoSuchProcess:
            continue  # LibreOffice restarts itself once with a new profile
        lest += 1
        assert "SKJEMAVERK_PASSORD" not in miljo, p.info["cmdline"]
        assert "SKJEMAVERK_SKJEMAPASSORD" not in miljo, p.info["cmdline"]
        assert PASSORD not in miljo.values() and SKJEMAPASSORD not in miljo.values()
    return lest


@pytest.fixture
def ut(tmp_path: Path) -> Iterator[Path]:
    """Return the output folder; whatever still runs in it when the test ends is stopped."""
    ut = tmp_path / "ut"
    yield ut
    for p in [p for p in psutil.process_iter(["cmdline"]) if _lager_i(p, ut)] + _prosesser(ut):
        with contextlib.suppress(psutil.Error):
            p.kill()


def _lager_i(p: psutil.Process, ut: Path) -> bool:
    """True when `p` is a `skjemaverk lag` into `ut` (that a failed test left running)."""
    linje = p.info["cmdline"] or []
    return "toolkit" in linje and str(ut) in linje


def _under_arbeid(tmp_path: Path, ut: Path) -> tuple[subprocess.Popen[str], Path]:
    """Start `lag --pdf --passord`; return it and the work folder once LibreOffice is
    at work in it, after checking the environment its children got."""
    lag = _start_lag(tmp_path, ut)
    lo = _vent(lambda: _libreoffice(ut), "LibreOffice startet")
    argumenter = lo[0].info["cmdline"]
    arbeid = Path(argumenter[argumenter.index("--outdir") + 1]).parent
    assert arbeid.parent == ut and arbeid.name.startswith(PREFIKS)
    assert arbeid.is_dir()
    vakter = [p for p in _prosesser(ut) if "toolkit._vakt" in (p.info["cmdline"] or ())]
    assert len(vakter) == 1, "the watchdog runs beside LibreOffice"
    assert _sjekk_uten_passord(vakter) == 1
    assert _sjekk_uten_passord(lo) >= 1
    return lag, arbeid


@posix
@pytest.mark.libreoffice
@pytest.mark.parametrize("signum", [signal.SIGTERM, signal.SIGHUP], ids=["SIGTERM", "SIGHUP"])
def test_a_stop_signal_ends_the_run_cleanly_and_leaves_nothing_unencrypted(
    tmp_path: Path, ut: Path, signum: int
) -> None:
    soffice_eller_hopp()
    lag, arbeid = _under_arbeid(tmp_path, ut)

    lag.send_signal(signum)
    utskrift, feil = lag.communicate(timeout=GRENSE)

    assert lag.returncode == 128 + signum, feil
    assert "Avbrutt" in feil and "Ingen halvferdige filer er lagret" in feil
    assert "Traceback" not in feil + utskrift
    assert not arbeid.exists()
    _sjekk_intet_ukryptert(ut)
    assert not list((tmp_path / "systemtmp").iterdir()), "nothing in the system's temp folder"
    assert _prosesser(ut) == [], "neither LibreOffice nor the watchdog is left running"


@posix
@pytest.mark.libreoffice
def test_after_sigkill_the_watchdog_stops_libreoffice_and_removes_the_work_folder(
    tmp_path: Path, ut: Path
) -> None:
    soffice_eller_hopp()
    lag, arbeid = _under_arbeid(tmp_path, ut)
    ipc = ipc_sti(arbeid / PROFIL)
    assert ipc is not None
    # LibreOffice's socket outside the work folder, made as it starts.
    _vent(lambda: ipc.exists() or not _libreoffice(ut), "LibreOffice lytter")

    lag.send_signal(signal.SIGKILL)
    lag.communicate(timeout=GRENSE)

    assert lag.returncode == -signal.SIGKILL
    _vent(lambda: not _prosesser(ut), "LibreOffice og vakten stoppet")
    _vent(lambda: not arbeid.exists(), "arbeidsmappen fjernet")
    assert not ipc.exists(), "LibreOffice's socket in /tmp is removed with the work folder"
    _sjekk_intet_ukryptert(ut)
    assert not list((tmp_path / "systemtmp").iterdir()), "nothing in the system's temp folder"

    # The next run into the same folder finds it clean and does its work.
    igjen = _start_lag(tmp_path, ut)
    _, feil = igjen.communicate(timeout=GRENSE)
    assert igjen.returncode == 0, feil
    assert "Fjernet arbeidsfiler" not in feil  # the watchdog left nothing to remove
    assert sorted(p.name for p in ut.iterdir()) == [
        "Amin - evalueringsnotat 26.11.2026.docx",
        "Amin - evalueringsnotat 26.11.2026.pdf",
        "Amin - kartleggingsrapport.docx",
        "Amin - kartleggingsrapport.pdf",
        "Amin - plan.docx",
        "Amin - plan.pdf",
    ]
    _sjekk_intet_ukryptert(ut)
    assert _prosesser(ut) == []


@posix
def test_a_stop_signal_waits_until_a_block_that_must_not_be_cut_off_is_done() -> None:
    gjort = []
    with pytest.raises(Stoppet) as stopp, fanget():
        assert signal.getsignal(signal.SIGTERM) not in (signal.SIG_DFL, signal.SIG_IGN)
        with utsatt():
            os.kill(os.getpid(), signal.SIGTERM)
            gjort.append("startet")
            time.sleep(0.01)  # the handler has run by now, and held the stop back
            gjort.append("ferdig")
        gjort.append("etter")  # never reached: the stop is raised when the block ends

    assert gjort == ["startet", "ferdig"]
    assert stopp.value.exit_code == 143
    assert signal.getsignal(signal.SIGTERM) == signal.SIG_DFL  # restored


def _dod_pid() -> int:
    """Return the pid of a process that has ended."""
    prosess = subprocess.Popen([sys.executable, "-c", "pass"])
    prosess.wait()
    if psutil.pid_exists(prosess.pid):  # taken again at once
        pytest.skip("the pid of the ended process is in use again")
    return prosess.pid


def _etterlatt(ut: Path, pid: int, tag: str | None = None, hale: str = "abcd1234") -> Path:
    """Make the work folder a run `pid` left: a Word working copy in the clear."""
    mappe = ut / f"{PREFIKS}{pid}-{tag or maskin()}-{hale}"
    (mappe / "dok").mkdir(parents=True)
    (mappe / "dok" / "0-plan.docx").write_bytes(b"Amin - Foreldrene vekker")
    return mappe


def _eldes(sti: Path, sekunder: float) -> None:
    tid = time.time() - sekunder
    os.utime(sti, (tid, tid))


def test_the_next_run_removes_what_a_killed_run_left_and_says_so(tmp_path: Path) -> None:
    ut = tmp_path / "ut"
    etterlatt = _etterlatt(ut, _dod_pid())
    levende = _etterlatt(ut, os.getpid(), hale="efgh5678")  # this test's own process: alive

    r = CliRunner().invoke(
        main, ["lag", str(_skjema(tmp_path)), "--ut", str(ut)], env={"SKJEMAVERK_PASSORD": ""}
    )

    assert r.exit_code == 0, r.output
    assert f"Fjernet arbeidsfiler som en avbrutt kjøring hadde latt ligge igjen i «{ut}»." in (
        r.stderr
    )
    assert "Amin" not in r.stderr  # no pupil's name in the line
    assert not etterlatt.exists()
    assert levende.is_dir(), "the folder of a run that is alive is never touched"
    assert sorted(p.name for p in ut.iterdir()) == [
        levende.name,
        "Amin - evalueringsnotat 26.11.2026.docx",
        "Amin - kartleggingsrapport.docx",
        "Amin - plan.docx",
    ]


def test_a_run_that_leaves_nothing_says_nothing(tmp_path: Path) -> None:
    ut = tmp_path / "ut"
    ut.mkdir()
    levende = _etterlatt(ut, os.getpid())

    assert rydd_etterlatte(ut) is None
    assert levende.is_dir()


def test_a_pid_that_was_taken_again_by_a_newer_process_does_not_keep_a_folder(
    tmp_path: Path,
) -> None:
    ut = tmp_path / "ut"
    # Last changed before this process started: this process cannot have made it.
    mappe = _etterlatt(ut, os.getpid())
    _eldes(mappe, time.time() - psutil.Process().create_time() + 60)

    assert rydd_etterlatte(ut) is not None
    assert not mappe.exists()


def test_folders_from_another_computer_and_files_without_owner_are_removed_only_when_old(
    tmp_path: Path,
) -> None:
    ut = tmp_path / "ut"
    annen = "0" * 8 if maskin() != "0" * 8 else "1" * 8
    ny_fremmed = _etterlatt(ut, 1, tag=annen, hale="aaaaaaaa")
    gammel_fremmed = _etterlatt(ut, 1, tag=annen, hale="bbbbbbbb")
    ny_tmp = ut / ".skjemaverk-abcd_123.tmp"
    gammel_tmp = ut / ".skjemaverk-efgh_456.tmp"
    gammel_pdf = ut / ".skjemaverk-pdf-ijkl_789"
    for fil in (ny_tmp, gammel_tmp):
        fil.write_bytes(b"Amin")
    gammel_pdf.mkdir()
    for sti in (gammel_fremmed, gammel_tmp, gammel_pdf):
        _eldes(sti, GAMMEL + 60)
    dokument = ut / "Amin - plan.docx"
    dokument.write_bytes(b"a document of the user's")
    _eldes(dokument, GAMMEL + 60)

    assert rydd_etterlatte(ut) is not None

    assert sorted(p.name for p in ut.iterdir()) == sorted(
        [ny_fremmed.name, ny_tmp.name, dokument.name]
    )


# --- Half-written files and sets of files ------------------------------------------------


def _tmp_av(ut: Path, pid: int, hale: str = "abcd1234") -> Path:
    """Make the temporary file a run `pid` left while writing: the report in the clear."""
    ut.mkdir(parents=True, exist_ok=True)
    sti = ut / f".skjemaverk-{pid}-{maskin()}-{hale}.tmp"
    sti.write_bytes(b"Amin - Foreldrene vekker")
    return sti


def test_a_half_written_file_of_a_killed_run_goes_even_when_the_next_run_is_refused(
    tmp_path: Path,
) -> None:
    ut = tmp_path / "ut"
    skjema = _skjema(tmp_path)
    forste = CliRunner().invoke(main, ["lag", str(skjema), "--ut", str(ut)])
    assert forste.exit_code == 0, forste.output
    etterlatt = _tmp_av(ut, _dod_pid())
    levende = _tmp_av(ut, os.getpid(), hale="efgh5678")  # this test's own process: alive

    # The documents are there already: the run is refused, and still cleans up first.
    r = CliRunner().invoke(main, ["lag", str(skjema), "--ut", str(ut)])

    assert r.exit_code == 1, r.output
    assert "finnes allerede" in r.stderr
    assert f"Fjernet arbeidsfiler som en avbrutt kjøring hadde latt ligge igjen i «{ut}»." in (
        r.stderr
    )
    assert not etterlatt.exists()
    assert levende.exists(), "the file of a run that is alive is never touched"


@pytest.mark.parametrize(
    "kommando",
    [
        ["nytt", "{ut}/ny.xlsx"],
        ["maler", "--kopier", "{ut}"],
        ["init", "{ut}/skjemaverk.toml"],
    ],
    ids=["nytt", "maler", "init"],
)
def test_every_command_that_writes_removes_what_a_killed_run_left(
    tmp_path: Path, kommando: list[str]
) -> None:
    ut = tmp_path / "ut"
    etterlatt = _tmp_av(ut, _dod_pid())

    r = CliRunner().invoke(main, [a.format(ut=ut) for a in kommando])

    assert r.exit_code == 0, r.output
    assert "Fjernet arbeidsfiler som en avbrutt kjøring" in r.stderr
    assert not etterlatt.exists()
    assert not [p for p in ut.iterdir() if p.name.endswith(".tmp")]


def _signal_ved(monkeypatch: pytest.MonkeyPatch, hvor: str, ganger: int = 1) -> list[str]:
    """Send SIGTERM to this process right after the `ganger`-th call of `hvor` (os.replace
    or mkstemp) has done its work: the signal arrives while the file or the set of files
    is being put in place."""
    modul, navn = {"replace": (os, "replace"), "mkstemp": (tempfile, "mkstemp")}[hvor]
    ekte = getattr(modul, navn)
    kall: list[str] = []

    def med_signal(*args: object, **kwargs: object) -> object:
        kall.append(navn)
        svar = ekte(*args, **kwargs)
        if len(kall) == ganger:
            os.kill(os.getpid(), signal.SIGTERM)
        return svar

    monkeypatch.setattr(modul, navn, med_signal)
    return kall


@posix
def test_a_stop_while_a_set_of_files_is_renamed_waits_until_the_whole_set_is_new(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from toolkit.skriv import skriv_filer

    filer = {tmp_path / f"{n}.docx": b"gammel" for n in ("rapport", "plan", "notat")}
    for sti, innhold in filer.items():
        sti.write_bytes(innhold)
    _signal_ved(monkeypatch, "replace")

    with pytest.raises(Stoppet), fanget():
        skriv_filer({sti: b"ny" for sti in filer}, overskriv=True)

    assert {sti.read_bytes() for sti in filer} == {b"ny"}, "the old set or the new, never a mix"
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted(sti.name for sti in filer)


@posix
def test_a_stop_while_the_temporary_file_is_made_leaves_no_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from toolkit.skriv import skriv_filer

    gammel = tmp_path / "plan.docx"
    gammel.write_bytes(b"gammel")
    _signal_ved(monkeypatch, "mkstemp")

    with pytest.raises(Stoppet), fanget():
        skriv_filer({gammel: b"ny"}, overskriv=True)

    assert gammel.read_bytes() == b"gammel"
    assert [p.name for p in tmp_path.iterdir()] == ["plan.docx"]


@posix
def test_an_interrupted_run_names_the_documents_it_had_written(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    ut = tmp_path / "ut"
    amin = _skjema(tmp_path)
    celine = tmp_path / "celine.xlsx"
    shutil.copy(ROT / "eksempler" / "celine.xlsx", celine)
    _signal_ved(monkeypatch, "replace")  # while Amin's documents are put in place

    r = CliRunner().invoke(main, ["lag", str(amin), str(celine), "--ut", str(ut)])

    assert r.exit_code == 143, r.output
    assert "Ingen halvferdige filer er lagret. Disse ble skrevet ferdig før avbruddet:" in (
        r.stderr
    )
    skrevet = sorted(p.name for p in ut.iterdir())
    assert skrevet and all(navn.startswith("Amin - ") for navn in skrevet), skrevet
    for navn in skrevet:
        assert f"«{navn}»" in r.stderr


def test_an_old_pdf_goes_when_no_new_one_could_be_made_for_the_replaced_document(
    tmp_path: Path,
) -> None:
    from toolkit.pdf import MILJO

    ut = tmp_path / "ut"
    skjema = _skjema(tmp_path)
    ut.mkdir()
    gammel_pdf = ut / "Amin - plan.pdf"
    gammel_pdf.write_bytes(b"%PDF-1.4 the plan as it was last week")
    miljo = {MILJO: str(tmp_path / "finnes-ikke" / "soffice")}  # LibreOffice cannot be found

    r = CliRunner().invoke(
        main, ["lag", str(skjema), "--ut", str(ut), "--pdf", "--overskriv"], env=miljo
    )

    assert r.exit_code == 0, r.output
    assert "Word-dokumentene er laget likevel" in r.output
    assert "Fjernet den gamle «Amin - plan.pdf»" in r.output
    assert not gammel_pdf.exists()
    assert (ut / "Amin - plan.docx").is_file()
