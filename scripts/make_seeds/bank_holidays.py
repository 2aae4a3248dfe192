"""Write seeds/reference/ref_bank_holidays.csv: England and Wales bank holidays, 2010-2030.

The dates come from the `holidays` package (PyPI), subdivision ENG of the United Kingdom,
which carries the statutory bank holidays, their substitute days and the one-off holidays
proclaimed by royal proclamation. The script refuses to write the seed if a known one-off
or substitute day is missing, so a package regression cannot slip through unnoticed.

Run:  python scripts/make_seeds/bank_holidays.py
"""

from __future__ import annotations

import csv
import datetime as dt
from pathlib import Path

import holidays

FIRST_YEAR, LAST_YEAR = 2010, 2030
OUT = Path(__file__).resolve().parents[2] / "seeds" / "reference" / "ref_bank_holidays.csv"

# Dates that must be present (one-offs and substitute days), with a word on why.
MUST_HAVE = {
    "2010-12-27": "Christmas Day substitute (25 Dec 2010 was a Saturday)",
    "2010-12-28": "Boxing Day substitute",
    "2011-04-29": "Wedding of Prince William and Catherine Middleton",
    "2011-05-02": "Early May bank holiday",
    "2012-06-04": "Spring bank holiday moved for the Diamond Jubilee",
    "2012-06-05": "Queen's Diamond Jubilee",
    "2015-12-28": "Boxing Day substitute (26 Dec 2015 was a Saturday)",
    "2016-12-26": "Boxing Day (25 Dec 2016 was a Sunday)",
    "2016-12-27": "Christmas Day substitute",
    "2020-05-08": "Early May bank holiday moved to VE Day",
    "2020-12-28": "Boxing Day substitute (26 Dec 2020 was a Saturday)",
    "2021-12-27": "Christmas Day substitute",
    "2021-12-28": "Boxing Day substitute",
    "2022-01-03": "New Year's Day substitute (1 Jan 2022 was a Saturday)",
    "2022-06-02": "Spring bank holiday moved for the Platinum Jubilee",
    "2022-06-03": "Queen's Platinum Jubilee",
    "2022-09-19": "State funeral of Queen Elizabeth II",
    "2022-12-27": "Christmas Day substitute (25 Dec 2022 was a Sunday)",
    "2023-05-08": "Coronation of King Charles III",
    "2027-12-27": "Christmas Day substitute (25 Dec 2027 is a Saturday)",
    "2027-12-28": "Boxing Day substitute",
}
# Dates that must NOT be present (the regular day a one-off replaced).
MUST_NOT_HAVE = {
    "2012-05-28": "Spring bank holiday was moved to 4 June 2012",
    "2020-05-04": "Early May bank holiday was moved to 8 May 2020",
    "2022-05-30": "Spring bank holiday was moved to 2 June 2022",
}


def _gov_uk_name(day: dt.date, name: str) -> str:
    """The package's name, worded as GOV.UK words the bank holiday where the two differ."""
    name = name.replace("(observed)", "(substitute day)")
    if name == "May Day":
        name = "Early May bank holiday (VE day)" if day == dt.date(2020, 5, 8) else "Early May bank holiday"
    return name


def build() -> list[tuple[str, str]]:
    cal = holidays.country_holidays("GB", subdiv="ENG", years=range(FIRST_YEAR, LAST_YEAR + 1))
    # The package lists both the calendar date (e.g. Christmas Day on a Saturday) and its
    # weekday substitute "(observed)". Only weekdays are bank holidays (non-working days that
    # are not already weekend days), so keep weekdays and call the substitutes what GOV.UK
    # calls them.
    rows = sorted(
        (d.isoformat(), _gov_uk_name(d, name)) for d, name in cal.items() if d.weekday() < 5
    )
    dates = {d for d, _ in rows}
    missing = [f"{d} ({why})" for d, why in MUST_HAVE.items() if d not in dates]
    wrong = [f"{d} ({why})" for d, why in MUST_NOT_HAVE.items() if d in dates]
    if missing or wrong:
        raise SystemExit(f"holidays package disagrees: missing {missing}; unexpected {wrong}")
    per_year: dict[int, int] = {}
    for d, _ in rows:
        per_year[dt.date.fromisoformat(d).year] = per_year.get(dt.date.fromisoformat(d).year, 0) + 1
    # Eight bank holidays a year in England and Wales, plus the proclaimed extra days.
    extra = {2011: 1, 2012: 1, 2022: 2, 2023: 1}
    for year in range(FIRST_YEAR, LAST_YEAR + 1):
        if per_year.get(year, 0) != 8 + extra.get(year, 0):
            raise SystemExit(f"{year}: {per_year.get(year, 0)} bank holidays, expected {8 + extra.get(year, 0)}")
    return rows


def main() -> None:
    rows = build()
    OUT.parent.mkdir(parents=True, exist_ok=True)
    with open(OUT, "w", newline="", encoding="utf-8") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(["holiday_date", "holiday_name"])
        w.writerows(rows)
    print(f"wrote {len(rows)} rows to {OUT} (holidays {holidays.__version__})")


if __name__ == "__main__":
    main()
