"""The DfE XML schemas (CIN census 2017-2024, workforce census 2022) and the DfE's published
sample files.

They are not committed here: they are read from Social Finance's `liiatools` wheel on PyPI,
downloaded once with pip (no install, it pins an old pandas) and unpacked into the cache.
"""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
import tempfile
import zipfile
from functools import lru_cache
from pathlib import Path

from .paths import SCHEMA_DIR

LIIATOOLS_VERSION = "0.2.0"
_WANTED = re.compile(
    r"liiatools/spec/(cin_census/CIN_schema_\d{4}\.xsd|cin_census/samples/cin-2022\.xml"
    r"|social_work_workforce/social_work_workforce_\d{4}\.xsd"
    r"|social_work_workforce/samples/social_work_workforce_\d{4}\.xml"
    r"|s903/samples/SSDA903_2020_episodes\.csv)$"
)


def ensure_schemas(target: Path = SCHEMA_DIR) -> Path:
    """Download and unpack the schemas once; return the folder that holds them."""
    marker = target / f".liiatools-{LIIATOOLS_VERSION}"
    if marker.exists():
        return target
    target.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as tmp:
        subprocess.run(
            [sys.executable, "-m", "pip", "download", "--quiet", "--no-deps",
             f"liiatools=={LIIATOOLS_VERSION}", "-d", tmp],
            check=True,
        )
        wheel = next(Path(tmp).glob("liiatools-*.whl"))
        with zipfile.ZipFile(wheel) as zf:
            for name in zf.namelist():
                m = _WANTED.search(name)
                if not m:
                    continue
                dest = target / Path(m.group(1)).name
                with zf.open(name) as src, open(dest, "wb") as out:
                    shutil.copyfileobj(src, out)
    marker.touch()
    return target


def _available(prefix: str) -> dict[int, Path]:
    folder = ensure_schemas()
    found = {}
    for p in folder.glob(f"{prefix}*.xsd"):
        m = re.search(r"(\d{4})\.xsd$", p.name)
        if m:
            found[int(m.group(1))] = p
    return found


def xsd_path(return_name: str, year: int) -> Path:
    """The XSD for a collection year: that year's, else the nearest earlier one, else the earliest.

    return_name is 'cin_census' or 'csww'.
    """
    prefix = {"cin_census": "CIN_schema_", "csww": "social_work_workforce_"}[return_name]
    found = _available(prefix)
    if not found:
        raise FileNotFoundError(f"no {return_name} XSD in {SCHEMA_DIR}")
    earlier = [y for y in found if y <= year]
    return found[max(earlier)] if earlier else found[min(found)]


@lru_cache(maxsize=None)
def xml_schema(return_name: str, year: int):
    """A compiled xmlschema.XMLSchema for the return and year (cached per process)."""
    import xmlschema

    return xmlschema.XMLSchema(str(xsd_path(return_name, year)))


def sample_file(name: str) -> Path:
    """A DfE sample file from the cache: 'cin-2022.xml', 'social_work_workforce_2022.xml',
    'SSDA903_2020_episodes.csv'."""
    return ensure_schemas() / name
