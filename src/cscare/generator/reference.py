"""Reference facts the generator needs: local authorities, child populations, code lists
by collection year, working days, and the enumerations of the DfE XML schemas."""

from __future__ import annotations

import bisect
import csv
import datetime as dt
import zlib
from functools import lru_cache

from ..paths import SEEDS_DIR

# A few authorities for when seeds/reference/ref_local_authorities.csv is absent.
_FALLBACK_LAS = {
    "201": ("E09000001", "City of London"),
    "211": ("E09000030", "Tower Hamlets"),
    "301": ("E09000002", "Barking and Dagenham"),
    "316": ("E09000025", "Newham"),
    "330": ("E08000025", "Birmingham"),
    "352": ("E08000003", "Manchester"),
    "380": ("E08000032", "Bradford"),
    "805": ("E06000001", "Hartlepool"),
    "806": ("E06000002", "Middlesbrough"),
    "850": ("E10000014", "Hampshire"),
    "886": ("E10000016", "Kent"),
    "878": ("E10000008", "Devon"),
}


@lru_cache(maxsize=None)
def local_authorities() -> dict[str, dict]:
    """la_code -> {gss, name}; the latest row wins where a code has several."""
    path = SEEDS_DIR / "reference" / "ref_local_authorities.csv"
    out: dict[str, dict] = {}
    if path.exists():
        with open(path, newline="") as f:
            for row in csv.DictReader(f):
                code = row["la_code"].strip()
                current = out.get(code)
                if current is None or not row.get("valid_to_year"):
                    out[code] = {"gss": row["la_gss_code"].strip(), "name": row["la_name"].strip()}
    for code, (gss, name) in _FALLBACK_LAS.items():
        out.setdefault(code, {"gss": gss, "name": name})
    return out


def la_info(la_code: str) -> dict:
    las = local_authorities()
    if la_code in las:
        return las[la_code]
    return {"gss": None, "name": f"Authority {la_code}"}


@lru_cache(maxsize=None)
def _population_table() -> dict[str, dict[int, int]]:
    path = SEEDS_DIR / "reference" / "ref_population_0_17.csv"
    out: dict[str, dict[int, int]] = {}
    if path.exists():
        with open(path, newline="") as f:
            for row in csv.DictReader(f):
                try:
                    out.setdefault(row["la_code"].strip(), {})[int(row["mid_year"])] = int(
                        float(row["population_0_17"])
                    )
                except (KeyError, ValueError):
                    continue
    return out


def population_0_17(la_code: str, year: int) -> int:
    """Children aged 0-17 in the LA (mid-year estimate nearest `year`), else a deterministic
    size between 20,000 and 300,000 derived from the code."""
    by_year = _population_table().get(la_code)
    if by_year:
        nearest = min(by_year, key=lambda y: (abs(y - year), -y))
        return max(by_year[nearest], 100)
    h = zlib.crc32(f"pop:{la_code}".encode())
    return 20_000 + h % 280_001


def upn_la_numbers() -> list[str]:
    """Real 3-digit LA numbers (for UPNs of children who went to school elsewhere)."""
    return sorted(c for c in local_authorities() if c.isdigit() and len(c) == 3)


# --- SSDA903 code lists by collection year (year ending 31 March) --------------------------

def rec_codes(year: int) -> dict[str, str]:
    """Reason episode ceased codes that this year's return uses for each outcome."""
    if year <= 2018:
        sgo_ffc_rel, sgo_ffc_oth, sgo_oth_rel, sgo_oth_oth = "E43", "E43", "E44", "E44"
    else:
        sgo_ffc_rel, sgo_ffc_oth, sgo_oth_rel, sgo_oth_oth = "E45", "E46", "E47", "E48"
    return {
        "sgo_ffc_rel": sgo_ffc_rel,
        "sgo_ffc_oth": sgo_ffc_oth,
        "sgo_oth_rel": sgo_oth_rel,
        "sgo_oth_oth": sgo_oth_oth,
    }


def activ_codes(year: int) -> list[tuple[str, float]]:
    """OC3 activity codes (F = full time, P = part time) with rough weights."""
    if year <= 2021:  # F3/P3 left the code list with the 2021-22 return (903 rule 132)
        return [("F1", 7), ("P1", 1), ("F2", 22), ("P2", 4), ("F3", 16), ("P3", 9),
                ("G4", 9), ("G5", 24), ("G6", 8)]
    return [("F1", 7), ("P1", 1), ("F2", 22), ("P2", 4), ("F4", 5), ("P4", 2),
            ("F5", 12), ("P5", 6), ("G4", 9), ("G5", 24), ("G6", 8)]


PLACE_CHANGE_REASONS = [
    ("CARPL", 40), ("CREQB", 10), ("CREQO", 8), ("CHILD", 8), ("LAREQ", 7), ("PLACE", 8),
    ("STAND", 4), ("CLOSE", 3), ("ALLEG", 3), ("APPRR", 2), ("OTHER", 7),
]

ETHNICITY_WEIGHTS = [
    ("WBRI", 630), ("WIRI", 3), ("WIRT", 3), ("WOTH", 50), ("WROM", 7), ("MWBC", 30),
    ("MWBA", 15), ("MWAS", 15), ("MOTH", 35), ("AIND", 5), ("APKN", 15), ("ABAN", 7),
    ("AOTH", 20), ("BCRB", 15), ("BAFR", 40), ("BOTH", 20), ("CHNE", 2), ("OOTH", 40),
    ("REFU", 3), ("NOBT", 5),
]
UASC_ETHNICITY_WEIGHTS = [("AOTH", 30), ("BAFR", 30), ("OOTH", 25), ("WOTH", 10), ("BOTH", 5)]


# --- working days ----------------------------------------------------------------------------

@lru_cache(maxsize=None)
def bank_holidays(first_year: int, last_year: int) -> frozenset[int]:
    """England bank holidays as date ordinals."""
    import holidays

    days = holidays.country_holidays("GB", subdiv="ENG", years=range(first_year, last_year + 1))
    return frozenset(d.toordinal() for d in days)


class WorkingDays:
    """Weekdays that are not England bank holidays, as a sorted list for fast arithmetic."""

    def __init__(self, first_year: int, last_year: int):
        hols = bank_holidays(first_year, last_year)
        lo, hi = dt.date(first_year, 1, 1).toordinal(), dt.date(last_year, 12, 31).toordinal()
        # ordinal 1 (1 January 0001) was a Monday
        self.days = [d for d in range(lo, hi + 1) if (d - 1) % 7 < 5 and d not in hols]
        self._set = frozenset(self.days)

    def is_working(self, day: int) -> bool:
        return day in self._set

    def next_working(self, day: int) -> int:
        """`day` itself if it is a working day, else the next one."""
        i = bisect.bisect_left(self.days, day)
        return self.days[i] if i < len(self.days) else day

    def add(self, day: int, n: int) -> int:
        """The working day n working days after `day`."""
        i = bisect.bisect_right(self.days, day) + n - 1
        return self.days[i] if i < len(self.days) else day + n * 7 // 5


# --- XSD enumerations --------------------------------------------------------------------------

@lru_cache(maxsize=None)
def xsd_facts(return_name: str, year: int) -> tuple[dict[str, tuple[str, ...]], frozenset[str]]:
    """(simpleType name -> enumeration values, element names) read from the year's XSD."""
    from lxml import etree

    from ..schemas import xsd_path

    tree = etree.parse(str(xsd_path(return_name, year)))
    ns = {"xs": "http://www.w3.org/2001/XMLSchema"}
    enums: dict[str, tuple[str, ...]] = {}
    for st in tree.iterfind(".//xs:simpleType[@name]", ns):
        values = tuple(e.get("value") for e in st.iterfind(".//xs:enumeration", ns))
        if values:
            enums[st.get("name")] = values
    elements = frozenset(e.get("name") for e in tree.iterfind(".//xs:element[@name]", ns))
    return enums, elements
