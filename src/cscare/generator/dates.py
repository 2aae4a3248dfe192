"""Dates are handled as proleptic Gregorian ordinals (ints) inside the generator."""

from __future__ import annotations

import datetime as dt
from functools import lru_cache


def ymd(y: int, m: int, d: int) -> int:
    return dt.date(y, m, d).toordinal()


def to_date(day: int) -> dt.date:
    return dt.date.fromordinal(day)


def add_years(day: int, n: int) -> int:
    d = dt.date.fromordinal(day)
    try:
        return d.replace(year=d.year + n).toordinal()
    except ValueError:  # 29 February
        return d.replace(year=d.year + n, day=28).toordinal()


def add_months(day: int, n: int) -> int:
    d = dt.date.fromordinal(day)
    m = d.month - 1 + n
    y, m = d.year + m // 12, m % 12 + 1
    for dd in (d.day, 30, 29, 28):
        try:
            return dt.date(y, m, dd).toordinal()
        except ValueError:
            continue
    raise AssertionError


def age_on(dob: int, day: int) -> int:
    """Whole years of age on `day`."""
    b, d = dt.date.fromordinal(dob), dt.date.fromordinal(day)
    return d.year - b.year - ((d.month, d.day) < (b.month, b.day))


def collection_year(day: int) -> int:
    """The collection year (year ending 31 March) that holds `day`."""
    d = dt.date.fromordinal(day)
    return d.year + 1 if d.month >= 4 else d.year


def year_start(year: int) -> int:
    return ymd(year - 1, 4, 1)


def year_end(year: int) -> int:
    return ymd(year, 3, 31)


@lru_cache(maxsize=200_000)
def uk(day: int) -> str:
    """dd/mm/yyyy, as the SSDA903 writes dates."""
    d = dt.date.fromordinal(day)
    return f"{d.day:02d}/{d.month:02d}/{d.year:04d}"


@lru_cache(maxsize=200_000)
def iso(day: int) -> str:
    return dt.date.fromordinal(day).isoformat()


def weekday(day: int) -> int:
    return (day + 6) % 7  # Monday = 0, as date.weekday()
