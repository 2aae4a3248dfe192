"""The children's social work workforce census (CSWW): a simulated workforce of registered
social workers with starters, leavers, agency staff and absence, and the XML return for each
census year (year ending 30 September)."""

from __future__ import annotations

import bisect
from dataclasses import dataclass
from pathlib import Path

from lxml import etree

from .dates import iso, ymd
from .cin import write_element
from .lifecourse import Weighted
from .reference import ETHNICITY_WEIGHTS

SOFTWARE = "cscare synthetic generator"
ORG_ROLE = Weighted([("1", 2), ("2", 5), ("3", 12), ("4", 12), ("5", 60), ("6", 9)])
START_ORIGIN = Weighted([(str(i), w) for i, w in enumerate([0, 22, 18, 12, 10, 6, 8, 5, 4, 9, 6])][1:])
LEAVER_DEST = Weighted([(str(i), w) for i, w in enumerate([0, 30, 10, 8, 6, 5, 4, 12, 10, 15])][1:])
REASON_LEAVE = Weighted([(str(i), w) for i, w in enumerate([0, 8, 12, 10, 6, 5, 4, 9, 14, 18, 14])][1:])
# the workforce schema's ethnicity list has no WIRT or WROM
WORKER_ETHNIC = Weighted([(c, w) for c, w in ETHNICITY_WEIGHTS if c not in ("WIRT", "WROM")])
ABSENCE_REASON = Weighted([("SIC", 55), ("MAT", 20), ("TRN", 10), ("OTH", 15)])
QUAL_INST = ["University of Birmingham", "University of Leeds", "Goldsmiths, University of London",
             "University of Sussex", "Manchester Metropolitan University", "University of Kent",
             "Open University", "Frontline", "Step Up to Social Work", "Think Ahead",
             "University of Nottingham", "Sheffield Hallam University", "University of Bristol"]


@dataclass(slots=True)
class Worker:
    swe: str
    agency: bool
    fte: float
    dob: int
    gender: str
    ethnic: str
    qual_inst: str
    qual_level: str
    step_up: str
    frontline: str
    role: str
    start: int
    end: int | None = None
    origin: str = "1"
    dest: str | None = None
    reason: str | None = None


class Workforce:
    def __init__(self, la_code, rng, target_fte, first_day, last_day):
        self.la_code = la_code
        self.rng = rng
        self.workers: list[Worker] = []
        self.first_day, self.last_day = first_day, last_day
        self.target_fte = target_fte
        self._swe_used: set[str] = set()
        self._simulate()
        self._index()

    def _swe(self):
        while True:
            s = f"SW{self.rng.randrange(10**9, 10**10):010d}"
            if s not in self._swe_used:
                self._swe_used.add(s)
                return s

    def _new_worker(self, start, agency, swe=None):
        rng = self.rng
        r = rng.random()
        fte = 1.0 if r < 0.76 else (0.5 if r < 0.86 else rng.choice([0.6, 0.8, 0.81, 0.9, 0.4, 0.7]))
        age = rng.randrange(23, 64)
        route = rng.random()
        return Worker(
            swe=swe or self._swe(), agency=agency, fte=fte,
            dob=max(start, self.first_day) - age * 365 - rng.randrange(0, 365),
            gender="2" if rng.random() < 0.82 else "1",
            ethnic=WORKER_ETHNIC(rng),
            qual_inst=rng.choice(QUAL_INST),
            qual_level="1" if rng.random() < 0.55 else ("2" if rng.random() < 0.9 else "3"),
            step_up="1" if route < 0.04 else "0",
            frontline="1" if 0.04 <= route < 0.1 else "0",
            role=ORG_ROLE(rng), start=start, origin=START_ORIGIN(rng),
        )

    def _simulate(self):
        rng = self.rng
        n = max(3, round(self.target_fte / 0.93))
        # the workforce in post at the start, with back-dated start dates
        for _ in range(n):
            agency = rng.random() < 0.16
            back = int(rng.expovariate(1 / (400 if agency else 2200)))
            self.workers.append(self._new_worker(self.first_day - back - 1, agency))
        # each day a worker may leave; every leaver is replaced after a while
        active = list(self.workers)
        day = self.first_day
        while day <= self.last_day:
            day += 7
            still = []
            for w in active:
                p = (0.40 if w.agency else 0.15) / 52
                if rng.random() < p:
                    w.end = day - rng.randrange(0, 7)
                    if not w.agency:
                        w.dest, w.reason = LEAVER_DEST(rng), REASON_LEAVE(rng)
                    repl = self._new_worker(day + rng.randrange(14, 120), rng.random() < 0.25)
                    self.workers.append(repl)
                    still.append(repl)
                else:
                    still.append(w)
            active = still
        # one worker who left and came back
        perm = [w for w in self.workers if not w.agency and w.end is None
                and w.start < self.first_day + 365]
        if perm:
            w = perm[rng.randrange(len(perm))]
            mid = self.first_day + (self.last_day - self.first_day) // 2
            w.end = mid
            w.dest, w.reason = "7", "9"
            back = self._new_worker(mid + rng.randrange(60, 240), False, swe=w.swe)
            back.dob, back.gender, back.ethnic = w.dob, w.gender, w.ethnic
            back.qual_inst, back.qual_level = w.qual_inst, w.qual_level
            back.origin = "2"
            self.workers.append(back)
        self.workers.sort(key=lambda w: (w.start, w.swe))

    def _index(self):
        """Case-holding workers in post, month by month, for allocating children."""
        self._months = []
        self._holders = []
        day = self.first_day - 365 * 6
        while day <= self.last_day + 31:
            holders = [w.swe for w in self.workers
                       if w.role in ("4", "5") and w.start <= day and (w.end is None or w.end > day)]
            if not holders:
                holders = [w.swe for w in self.workers if w.start <= day] or [self.workers[0].swe]
            self._months.append(day)
            self._holders.append(holders)
            day += 30

    def case_holder(self, rng, day) -> str:
        i = max(0, bisect.bisect_right(self._months, day) - 1)
        h = self._holders[i]
        return h[rng.randrange(len(h))]


def write_year(wf: Workforce, year: int, path: Path, rng):
    """The census for the year ending 30 September `year`."""
    ref = ymd(year, 9, 30)
    ys = ymd(year - 1, 10, 1)
    rows = [w for w in wf.workers if w.start <= ref and (w.end is None or w.end >= ys)]
    in_post = [w for w in rows if w.end is None or w.end > ref]
    agency_in_post = [w for w in in_post if w.agency]
    fte_in_post = sum(w.fte for w in in_post)
    vacancies = round(fte_in_post * rng.uniform(0.12, 0.22), 2)
    path.parent.mkdir(parents=True, exist_ok=True)
    with open(path, "wb") as xf:
        xf.write(b'<?xml version="1.0" encoding="UTF-8"?>\n<Message>\n')
        if True:
            _el_tree(xf, "Header", [
                ("CollectionDetails", [("Collection", "CSWW"), ("Year", str(year)),
                                       ("ReferenceDate", iso(ref))]),
                ("Source", [("SourceLevel", "L"), ("LEA", wf.la_code),
                            ("SoftwareCode", SOFTWARE), ("DateTime", f"{year}-11-15T09:00:00")]),
            ])
            _el_tree(xf, "LALevelVacancies", [
                ("NumberOfVacancies", f"{vacancies:.2f}"),
                ("NoAgencyFTE", f"{sum(w.fte for w in agency_in_post):.2f}"),
                ("NoAgencyHeadcount", str(len(agency_in_post))),
            ])
            for w in rows:
                left = w.end is not None and w.end <= ref
                kids = []
                kids.append(("AgencyWorker", "1" if w.agency else "0"))
                kids.append(("SWENo", w.swe))
                # FTE for leavers too: the FTE they worked when they left (FTE turnover)
                kids.append(("FTE", f"{w.fte:.6f}".rstrip("0").rstrip(".") if w.fte != 1 else "1"))
                if not w.agency:
                    kids.append(("PersonBirthDate", iso(w.dob)))
                    kids.append(("GenderCurrent", w.gender))
                    kids.append(("Ethnicity", w.ethnic))
                kids.append(("QualInst", w.qual_inst))
                if not w.agency:
                    kids.append(("QualLevel", w.qual_level))
                    kids.append(("StepUpGrad", w.step_up))
                kids.append(("OrgRole", w.role))
                if not w.agency:
                    kids.append(("RoleStartDate", iso(w.start)))
                    if w.start >= ys:
                        kids.append(("StartOrigin", w.origin))
                    if left:
                        kids.append(("RoleEndDate", iso(w.end)))
                        kids.append(("LeaverDestination", w.dest or "9"))
                        kids.append(("ReasonLeave", w.reason or "10"))
                if not left and w.role in ("4", "5"):
                    kids.append(("FTE30", f"{w.fte:.6f}".rstrip("0").rstrip(".") if w.fte != 1 else "1"))
                    kids.append(("Cases30", str(max(1, int(rng.gauss(17, 5) * w.fte)))))
                if not w.agency:
                    lost = 0.0 if rng.random() < 0.45 else round(rng.expovariate(1 / 9) + 0.5, 2)
                    kids.append(("WorkingDaysLost", f"{lost:.2f}"))
                else:
                    weeks = min(52.0, (min(ref, w.end or ref) - max(ys, w.start)) / 7)
                    kids.append(("ContractWeeks", f"{max(weeks, 0.1):.1f}"))
                if not w.agency:
                    kids.append(("FrontlineGrad", w.frontline))
                    if not left:
                        absent = rng.random() < 0.05
                        kids.append(("Absat30Sept", "1" if absent else "0"))
                        if absent:
                            kids.append(("ReasonAbsence", ABSENCE_REASON(rng)))
                    if rng.random() < 0.6:
                        kids.append(("CFKSSstatus", rng.choice(["1", "2", "3", "4"])))
                _el_tree(xf, "CSWWWorker", kids)
        xf.write(b"</Message>\n")
    return len(rows)


def _el_tree(xf, tag, children):
    el = etree.Element(tag)
    _fill(el, children)
    write_element(xf, el, 1)


def _fill(parent, children):
    for name, value in children:
        sub = etree.SubElement(parent, name)
        if isinstance(value, list):
            _fill(sub, value)
        else:
            sub.text = value


def target_fte(population: int, scale: float) -> float:
    return max(3.0, population * scale / 350)


def first_and_last(years):
    return ymd(min(years) - 2, 10, 1), ymd(max(years), 9, 30)

