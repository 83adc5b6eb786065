"""Bundles for loader tests: a copy of the hand-made city with one file changed."""

from __future__ import annotations

import shutil
from pathlib import Path

from tests.conftest import HAND_CITY


def city_with(tmp_path: Path, **files: str) -> Path:
    """The hand-made city in tmp_path, with the named files (`Person="..."`) replaced; "" removes one."""
    bundle = tmp_path / "bundle"
    shutil.copytree(HAND_CITY, bundle)
    for name, text in files.items():
        path = bundle / f"{name}.csv"
        if text:
            path.write_text(text, encoding="utf-8")
        else:
            path.unlink()
    return bundle


def append(name: str, *lines: str) -> str:
    """The fixture file `name` with lines added at its end."""
    return (HAND_CITY / f"{name}.csv").read_text(encoding="utf-8") + "".join(line + "\n" for line in lines)


def bundle_of(tmp_path: Path, **files: str) -> Path:
    """A bundle of just the named files (`Person="id,name\n..."`), for imports onto a stored graph."""
    bundle = tmp_path / "later"
    bundle.mkdir(exist_ok=True)
    for name, text in files.items():
        (bundle / f"{name}.csv").write_text(text, encoding="utf-8")
    return bundle
