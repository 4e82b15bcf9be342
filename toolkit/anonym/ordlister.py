"""The word lists of the anonymiser, read once from the data files beside this module.

Each file in `data/` holds one word a line; lines starting with "#" say where
the list comes from. Every list is compared in lower case (`casefold`).
"""

from __future__ import annotations

from functools import cache
from importlib import resources


@cache
def _liste(navn: str) -> frozenset[str]:
    tekst = resources.files("toolkit.anonym").joinpath("data", navn).read_text(encoding="utf-8")
    return frozenset(
        linje.strip().casefold()
        for linje in tekst.splitlines()
        if linje.strip() and not linje.startswith("#")
    )


def fornavn() -> frozenset[str]:
    """Norwegian and Nordic given names (fornavn.txt)."""
    return _liste("fornavn.txt")


def etternavn() -> frozenset[str]:
    """Common surnames in Norway (etternavn.txt)."""
    return _liste("etternavn.txt")


def navn_som_er_ord() -> frozenset[str]:
    """Names that are also common words: "per", "liv", "mai", "berg" (navn_som_er_ord.txt)."""
    return _liste("navn_som_er_ord.txt")


@cache
def ordformer() -> frozenset[str]:
    """Given names that are also some word form in lower case: "andres", "amin" (ordformer.txt)."""
    return _liste("ordformer.txt") | navn_som_er_ord()


def foreldre() -> frozenset[str]:
    """Words for a parent: "mor", "mamma", "bonusfar" (foreldre.txt)."""
    return _liste("foreldre.txt")


@cache
def roller() -> frozenset[str]:
    """Roles, parents included: "kontaktlærer", "rektor", "mor" (roller.txt, foreldre.txt)."""
    return _liste("roller.txt") | foreldre()


def slekt() -> frozenset[str]:
    """Words for family and friends: "søsteren", "broren", "tante" (slekt.txt)."""
    return _liste("slekt.txt")


def pronomen() -> frozenset[str]:
    """Pronouns, determiners and words that join a clause: "hun", "dette" (pronomen.txt)."""
    return _liste("pronomen.txt")


@cache
def ikke_navn() -> frozenset[str]:
    """Words never taken for names: roles, family, pronouns (ikke_navn.txt, roller.txt …)."""
    return _liste("ikke_navn.txt") | pronomen() | roller() | slekt()


def steder() -> frozenset[str]:
    """Places that are no one's name: towns, regions, countries (steder.txt)."""
    return _liste("steder.txt")


def stedsord() -> frozenset[str]:
    """Words a place comes after: "bydel", "kommune", "bup" (stedsord.txt)."""
    return _liste("stedsord.txt")


def setningsord() -> frozenset[str]:
    """Words that often begin a sentence (setningsord.txt)."""
    return _liste("setningsord.txt")


def subjektverb() -> frozenset[str]:
    """Verbs that follow a subject: "er", "sier", "kom" (subjektverb.txt)."""
    return _liste("subjektverb.txt")
