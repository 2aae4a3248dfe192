"""The life courses of one local authority's children: referrals and children-in-need
episodes, child protection, periods of care with their placements and legal statuses,
adoptions, special guardianship, care leavers, short breaks and unaccompanied asylum-seeking
children. Everything is simulated once over the whole span; each return then reads the slice
of it that belongs to its collection year.

Dates are day ordinals (see dates.py). A date after the simulation horizon simply has not
happened yet when a return is written."""

from __future__ import annotations

import bisect
import itertools
import math
from dataclasses import dataclass, field

from .dates import (add_months, add_years, age_on, collection_year, to_date, weekday, year_start,
                    ymd)
from .reference import (
    ETHNICITY_WEIGHTS,
    PLACE_CHANGE_REASONS,
    UASC_ETHNICITY_WEIGHTS,
    WorkingDays,
    rec_codes,
)
from .upn import make_upn

# --- rates (per child aged 0-17 per year, England-like) -------------------------------------
REFERRALS_PER_CHILD = 0.05
CARE_ENTRIES_PER_CHILD = 0.0027
CARE_STOCK_PER_CHILD = 0.0068
SHORT_BREAK_CHILDREN_PER_CHILD = 0.00025
BURN_IN_YEARS = 4  # simulated years before the first requested one
TEMPORARY = ("T0", "T1", "T2", "T3", "T4")
# temporary placements: (code, weight, shortest, longest stay in days); T4 lasts 7 days at most
TEMPORARY_STAYS = [("T1", 4, 1, 21), ("T2", 3, 3, 14), ("T3", 3, 3, 14), ("T4", 3, 1, 7),
                   ("T0", 1, 1, 10)]
TEMPORARY_PER_YEAR = 0.1  # temporary placements per child per year looked after
DIED_IN_CARE = 0.01  # share of periods of care (not ending in adoption) that end with death
UNBORN_AT_REFERRAL = 0.2  # share of referrals of babies made before the birth (pre-birth)


class Weighted:
    """A fixed weighted choice."""

    __slots__ = ("items", "cum", "total")

    def __init__(self, pairs):
        self.items = [p[0] for p in pairs]
        self.cum = list(itertools.accumulate(p[1] for p in pairs))
        self.total = self.cum[-1]

    def __call__(self, rng):
        return self.items[bisect.bisect_right(self.cum, rng.random() * self.total)]


ETHNIC = Weighted(ETHNICITY_WEIGHTS)
UASC_ETHNIC = Weighted(UASC_ETHNICITY_WEIGHTS)
PLACE_CHANGE = Weighted(PLACE_CHANGE_REASONS)
REFERRAL_SOURCE = Weighted([
    ("1A", 4), ("1B", 1), ("1C", 1), ("1D", 1), ("2A", 18), ("2B", 2), ("3A", 3), ("3B", 2),
    ("3C", 1), ("3D", 2), ("3E", 4), ("3F", 2), ("4", 3), ("5A", 4), ("5B", 2), ("5C", 3),
    ("6", 29), ("7", 2), ("8", 4), ("9", 1), ("10", 3),
])
PRIMARY_NEED = Weighted([("N1", 55), ("N2", 5), ("N3", 4), ("N4", 10), ("N5", 16), ("N6", 3),
                         ("N7", 1), ("N8", 3), ("N9", 2), ("N0", 1)])
CLA_NEED = Weighted([("N1", 65), ("N2", 3), ("N3", 3), ("N4", 8), ("N5", 14), ("N6", 3),
                     ("N7", 1), ("N8", 3)])
ABUSE = Weighted([("NEG", 50), ("EMO", 36), ("PHY", 7), ("SAB", 4), ("MUL", 3)])
FACTORS = Weighted([
    ("3A", 8), ("3B", 14), ("3C", 2), ("4A", 10), ("4B", 14), ("4C", 2), ("1B", 6), ("2B", 6),
    ("1A", 1), ("2A", 3), ("5A", 2), ("5B", 2), ("6A", 2), ("6B", 2), ("7A", 1), ("10A", 2),
    ("11A", 2), ("13A", 1), ("14A", 2), ("15A", 2), ("16A", 6), ("17A", 7), ("18B", 1),
    ("18C", 3), ("19B", 1), ("19C", 2), ("20", 5), ("24A", 2), ("22A", 0.2), ("23A", 0.2),
])
DISABILITY = Weighted([("LD", 25), ("AUT", 25), ("BEH", 15), ("COMM", 10), ("MOB", 8),
                       ("HAND", 3), ("PC", 4), ("INC", 3), ("HEAR", 3), ("VIS", 3),
                       ("CON", 2), ("DDA", 8)])
CLOSURE_REASON = {"E11": "RC1", "E12": "RC1", "E2": "RC2", "E41": "RC3", "E43": "RC4",
                  "E44": "RC4", "E45": "RC4", "E46": "RC4", "E47": "RC4", "E48": "RC4",
                  "E3": "RC5", "E7": "RC6"}
REVIEW_CODE = Weighted([("PN1", 45), ("PN2", 9), ("PN3", 4), ("PN4", 10), ("PN5", 9),
                        ("PN6", 12), ("PN7", 11)])


def _lognormal_days(rng, median, sigma, lo, hi):
    return int(min(hi, max(lo, median * math.exp(rng.gauss(0, sigma)))))


# --- records -------------------------------------------------------------------------------

@dataclass(slots=True)
class Episode:
    decom: int
    rne: str
    ls: str
    cin: str
    place: str
    provider: str
    dec: int | None = None
    rec: str | None = None
    rpc: str | None = None  # reason for placement change, on the episode that ends with one
    home_post: str = ""
    pl_post: str = ""
    urn: str = ""


@dataclass(slots=True)
class Adoption:
    decision: int  # date of the decision that the child should be placed for adoption
    placement_order: int | None = None
    placed: int | None = None  # date placed for adoption
    match: int | None = None
    adopted: int | None = None
    foster_care: int = 0
    nb_adoptr: int = 2
    sex_adoptr: str = "MF"
    ls_adoptr: str = "L11"
    reversed: int | None = None
    reversed_reason: str | None = None


@dataclass(slots=True)
class Period:
    start: int
    end: int | None
    rec: str | None
    episodes: list = field(default_factory=list)
    reviews: list = field(default_factory=list)  # (date, code)
    missing: list = field(default_factory=list)  # (type, start, end)
    adoption: Adoption | None = None
    short_break: bool = False
    prev_perm: tuple | None = None  # (code, la, date)


@dataclass(slots=True)
class CPPlan:
    start: int
    end: int | None
    initial: str
    latest: str
    previous: int
    reviews: list = field(default_factory=list)


@dataclass(slots=True)
class CINEpisode:
    referral: int
    source: str
    need: str
    nfa: bool
    closure: int | None = None
    reason: str | None = None
    assessments: list = field(default_factory=list)  # (start, authorised, factors)
    s47s: list = field(default_factory=list)  # (start, target, icpc or None)
    cp_plans: list = field(default_factory=list)
    cin_plans: list = field(default_factory=list)  # (start, end)
    social_workers: list = field(default_factory=list)  # (sw_id, start, end, reason)


@dataclass(slots=True)
class Child:
    cid: str
    sex: int
    dob: int
    ethnic: str
    home_pc: str
    upn: str | None = None
    upn_from: int | None = None
    disabilities: tuple = ()
    uasc: bool = False
    mother_dob: int | None = None
    cin: list = field(default_factory=list)
    periods: list = field(default_factory=list)
    cp_count: int = 0
    busy_until: int = 0
    died: int | None = None  # date of death

    def upn_on(self, day: int) -> str:
        if self.upn and self.upn_from is not None and self.upn_from <= day:
            return self.upn
        if self.uasc:
            return "UN2"
        return "UN1"


@dataclass(slots=True)
class Provider:
    urn: str
    postcode: str
    where: str  # in / near / far


class World:
    """Everything simulated for one LA."""

    def __init__(self, la_code, la_gss, years, horizon, start):
        self.la_code = la_code
        self.la_gss = la_gss
        self.years = years
        self.horizon = horizon
        self.start = start
        self.children: list[Child] = []
        self.workforce = None
        self._sorted = None

    def sorted_children(self) -> list[Child]:
        if self._sorted is None or len(self._sorted) != len(self.children):
            self._sorted = sorted(self.children, key=lambda c: c.cid)
        return self._sorted

    def looked_after(self) -> list[Child]:
        """Children with any period of care, in CHILD order."""
        return [c for c in self.sorted_children() if c.periods]


# --- the simulation ------------------------------------------------------------------------

class Simulator:
    def __init__(self, la_code, la_gss, years, rng, scale, pool, population, la_numbers,
                 social_workers):
        self.la_code = la_code
        self.rng = rng
        self.scale = scale
        self.pool = pool
        self.population = population
        self.la_numbers = la_numbers or [la_code]
        self.years = sorted(years)
        self.sim_start = ymd(self.years[0] - 1 - BURN_IN_YEARS, 4, 1)
        self.horizon = ymd(self.years[-1], 3, 31)
        self.wd = WorkingDays(self.years[0] - 1 - BURN_IN_YEARS - 20, self.years[-1] + 4)
        self.world = World(la_code, la_gss, self.years, self.horizon, self.sim_start)
        self.used_ids: set[str] = set()
        self.used_upns: set[str] = set()  # a UPN belongs to one child (CIN rule 1520)
        self.social_workers = social_workers  # callable(rng, day) -> sw id
        # authorities a previous permanence order may come from (codes in use before 2019)
        self.la_numbers = [c for c in self.la_numbers if c < "940"] or [la_code]
        self.prev_perm_las = [c for c in self.la_numbers if c < "939" and c not in ("838", "839")] or [la_code]
        self._make_providers()

    # -- helpers --
    def new_id(self) -> str:
        rand = self.rng.random
        while True:
            cid = str(100000 + int(rand() * 9899999))
            if cid not in self.used_ids:
                self.used_ids.add(cid)
                return cid

    def new_child(self, dob, sex=None, uasc=False) -> Child:
        rng = self.rng
        if sex is None:
            sex = 1 if rng.random() < 0.53 else 2
        d = dob
        if _is_feb29(d):
            d -= 1
        if to_date(d).month == 4 and to_date(d).day == 1:
            d += 1  # birthdays on 1 April sit on both sides of the DfE age rules for a year
        elif to_date(d).month == 3 and to_date(d).day == 31:
            d -= 1  # nor should an 18th birthday end care on the last day of a year
        child = Child(
            cid=self.new_id(), sex=sex, dob=d,
            ethnic=(UASC_ETHNIC if uasc else ETHNIC)(rng),
            home_pc=self.pool.home(rng) if rng.random() < 0.96 else self.pool.nearby(rng),
            uasc=uasc,
        )
        if not uasc:
            # a UPN once the child starts school: the September after the 4th birthday
            fourth = to_date(add_years(d, 4))
            sept = ymd(fourth.year, 9, 1)
            child.upn_from = sept if fourth.toordinal() <= sept else ymd(fourth.year + 1, 9, 1)
            la_num = self.la_code if rng.random() < 0.85 else rng.choice(self.la_numbers)
            issued = to_date(child.upn_from).year
            upn = make_upn(rng, la_num, issued)
            while upn in self.used_upns:
                upn = make_upn(rng, la_num, issued)
            self.used_upns.add(upn)
            child.upn = upn
        if rng.random() < 0.14:
            n = 1 if rng.random() < 0.6 else 2
            child.disabilities = tuple(sorted({DISABILITY(rng) for _ in range(n)}))
        self.world.children.append(child)
        return child

    def _make_providers(self):
        rng, pool = self.rng, self.pool
        n_homes = max(8, int(self.population * self.scale / 2500))

        def urn():
            return f"SC{rng.randrange(100000, 999999)}"

        def where():
            r = rng.random()
            return "in" if r < 0.5 else ("near" if r < 0.8 else "far")

        self.homes = []  # children's homes run by private/voluntary providers
        for _ in range(n_homes):
            w = where()
            self.homes.append(Provider(urn(), pool.placement(rng, w), w))
        self.own_homes = [Provider(urn(), pool.home(rng), "in") for _ in range(max(2, n_homes // 5))]
        self.supported = []  # supported accommodation (H5)
        for _ in range(max(4, n_homes // 2)):
            w = where()
            self.supported.append(Provider(urn(), pool.placement(rng, w), w))
        self.own_supported = [Provider(urn(), pool.home(rng), "in") for _ in range(2)]
        self.secure = [Provider(urn(), pool.placement(rng, "far"), "far") for _ in range(3)]
        # settings other than foster care and children's homes: residential care homes (R1),
        # NHS units (R2), family centres / mother and baby units (R3, Ofsted-registered), young
        # offender institutions (R5) and residential schools (S1, Ofsted-registered)
        self.other_settings = {
            kind: [Provider(urn() if kind in ("R3", "S1") else "", pool.placement(rng, w), w)
                   for w in ("in", "near", "far")]
            for kind in ("R1", "R2", "R3", "R5", "S1")}
        self.own_fostering = urn()
        self.own_adoption = urn()
        self.ifas = [urn() for _ in range(max(4, n_homes // 3))]
        self.vaas = [urn() for _ in range(4)]

    def _z_code(self, day, period_end):
        """The code of an 'other placement' that stays valid in every return showing it: Z1
        up to 2024-25, Z11-Z14 from 2025-26; None where the placement would span the change."""
        if period_end <= ymd(2025, 3, 1):
            return "Z1"
        if day >= ymd(2025, 4, 1):
            return self.rng.choice(["Z11", "Z12", "Z13", "Z14"])
        return None

    def _working_day(self, day):
        return self.wd.next_working(day)

    # -- placements --
    def placement(self, kind, age, home_pc, ls):
        """(place, provider, pl_post, urn, carer) for a kind of placement."""
        rng, pool = self.rng, self.pool
        carer = rng.randrange(1 << 30)
        if kind in ("U1", "U2", "U3", "U4", "U5", "U6"):
            if kind in ("U1", "U2", "U3"):  # relatives and friends: the LA's own service
                prov, urn, w = "PR1", self.own_fostering, ("in" if rng.random() < 0.7 else
                                                          ("near" if rng.random() < 0.6 else "far"))
            elif rng.random() < 0.6:
                prov, urn, w = "PR1", self.own_fostering, ("in" if rng.random() < 0.85 else "near")
            else:
                prov = "PR4" if rng.random() < 0.85 else "PR5"
                urn = rng.choice(self.ifas)
                r = rng.random()
                w = "in" if r < 0.5 else ("near" if r < 0.82 else "far")
            return kind, prov, pool.placement(rng, w), urn, carer
        if kind in ("A3", "A4", "A5", "A6"):
            r = rng.random()
            if r < 0.7:
                prov, urn = "PR1", self.own_adoption
            elif r < 0.9:
                prov, urn = "PR5", rng.choice(self.vaas)
            else:
                prov, urn = "PR2", f"SC{rng.randrange(100000, 999999)}"
            w = "in" if (prov == "PR1" and rng.random() < 0.8) else ("near" if rng.random() < 0.6 else "far")
            if prov == "PR2":
                w = "near" if rng.random() < 0.6 else "far"
            return kind, prov, pool.placement(rng, w), urn, carer
        if kind == "K2":
            if rng.random() < 0.2:
                h = rng.choice(self.own_homes)
                return "K2", "PR1", h.postcode, h.urn, carer
            h = rng.choice(self.homes)
            return "K2", ("PR4" if rng.random() < 0.9 else "PR5"), h.postcode, h.urn, carer
        if kind == "K1":
            h = rng.choice(self.secure)
            return "K1", "PR2", h.postcode, h.urn, carer
        if kind == "H5":
            if rng.random() < 0.25:
                h = rng.choice(self.own_supported)
                return "H5", "PR1", h.postcode, h.urn, carer
            h = rng.choice(self.supported)
            return "H5", ("PR4" if rng.random() < 0.85 else "PR5"), h.postcode, h.urn, carer
        if kind == "P1":
            return "P1", "PR0", home_pc, "", carer
        if kind in self.other_settings:
            h = rng.choice(self.other_settings[kind])
            # the LA's own provision only inside the LA (903 rule 1015)
            own = h.where == "in" and rng.random() < 0.5
            prov = {"R1": "PR4", "R2": "PR3", "R3": "PR1" if own else "PR4",
                    "R5": "PR3", "S1": "PR4" if rng.random() < 0.7 else "PR5"}[kind]
            return kind, prov, h.postcode, h.urn, carer
        if kind in TEMPORARY:
            # a temporary placement has no provider or URN; its postcode is where the child
            # stays (hospital, holiday, respite carers)
            return kind, "", pool.placement(rng, "near" if rng.random() < 0.7 else "far"), "", carer
        if kind.startswith("Z"):
            # other placements (listed on a schedule sent with the return): no provider or URN
            return kind, "", pool.placement(rng, "near"), "", carer
        raise ValueError(kind)

    def first_placement_kind(self, age, uasc=False):
        r = self.rng.random()
        if uasc:
            if age >= 16:
                return "H5" if r < 0.6 else ("U6" if r < 0.9 else "K2")
            return "U6" if r < 0.8 else "K2"
        if age < 1 and self.rng.random() < 0.06:
            return "R3"  # with the parent in a family centre or mother and baby unit
        if age < 10:
            return "U6" if r < 0.72 else ("U3" if r < 0.95 else "K2" if age >= 8 else "U6")
        if age < 16:
            return "U6" if r < 0.55 else ("K2" if r < 0.82 else ("U3" if r < 0.97 else "K1"))
        return "U6" if r < 0.35 else ("K2" if r < 0.55 else ("H5" if r < 0.92 else "U3"))

    def move_kind(self, age, current, disabled=False):
        r = self.rng.random()
        other = self.rng.random()
        # now and then a setting other than foster care or a children's home: a residential
        # school (S1), a residential care home (R1), an NHS unit (R2), another placement (Z)
        if age >= 8 and other < (0.06 if disabled else 0.015):
            return "S1"
        if age >= 10 and other > (0.96 if disabled else 0.99):
            return "R1"
        if age >= 12 and 0.5 < other < 0.515:
            return "R2"
        if age >= 12 and 0.6 < other < 0.64:
            return "Z"
        if age >= 16:
            return "H5" if r < 0.5 else ("U6" if r < 0.75 else "K2")
        if age >= 10:
            if current == "K2":
                return "K2" if r < 0.6 else "U6"
            return "U6" if r < 0.6 else ("K2" if r < 0.9 else "U3")
        return "U6" if r < 0.85 else "U3"

    # -- CIN episodes --
    def cin_episode(self, child: Child, referral: int, *, nfa_ok=True, source=None, need=None,
                    to_care: int | None = None, care_need=None, s47_bias=0.0) -> CINEpisode:
        """A referral and what follows it. With to_care, the episode stays open until the child's
        care ends (the caller closes it); the assessment and any child protection happen first."""
        rng, wd = self.rng, self.wd
        ep = CINEpisode(referral=referral, source=source or REFERRAL_SOURCE(rng),
                        need=need or care_need or PRIMARY_NEED(rng), nfa=False)
        child.cin.append(ep)
        eighteen = add_years(child.dob, 18)
        room = eighteen - 1 - referral
        if to_care is None and (room < 10 or (nfa_ok and rng.random() < 0.07)):
            ep.nfa = True
            ep.need = None
            ep.closure = referral
            ep.reason = "RC7"  # RC8/RC9 are for cases closed after an assessment
            child.busy_until = referral
            return ep
        # assessment
        a_start = self._working_day(referral + (0 if rng.random() < 0.5 else rng.randrange(0, 6)))
        if to_care is not None:
            a_start = min(a_start, to_care)
        wdays = rng.randrange(8, 46) if rng.random() < 0.9 else rng.randrange(46, 65)
        a_end = wd.add(a_start, wdays)
        if room < 150:  # nearly 18: an assessment and no more
            a_start = min(a_start, referral + 2)
            a_end = max(a_start, min(a_end, eighteen - 2))
        n_factors = 1 + int(rng.random() * 3.2)
        factors = sorted({FACTORS(rng) for _ in range(n_factors)}, key=_factor_key)
        last = a_end
        cp_end = None
        went_s47 = rng.random() < (0.30 + s47_bias) and room >= 150
        if to_care is None and (room < 150 or (not went_s47 and rng.random() < 0.42)):
            # closed after assessment
            if rng.random() < 0.35:
                factors = ["21"]
            ep.assessments.append((a_start, a_end, factors))
            ep.closure = a_end
            ep.reason = "RC8"
            child.busy_until = a_end
            return ep
        ep.assessments.append((a_start, a_end, factors))
        if went_s47:
            s_start = self._working_day(a_start + rng.randrange(0, 4))
            target = wd.add(s_start, 15)
            icpc = None
            if rng.random() < 0.42 + s47_bias:
                days = rng.randrange(5, 16) if rng.random() < 0.8 else rng.randrange(16, 35)
                icpc = wd.add(s_start, days)
            ep.s47s.append((s_start, target, icpc))
            last = max(last, icpc or wd.add(s_start, rng.randrange(5, 15)))
            if icpc is not None and rng.random() < 0.88:
                dur = _lognormal_days(rng, 290, 0.6, 40, 1100)
                cp_end = icpc + dur
                if to_care is not None:
                    cp_end = max(icpc + 7, to_care + rng.randrange(0, 25))
                cat = ABUSE(rng)
                plan = CPPlan(icpc, cp_end, cat, cat if rng.random() < 0.9 else ABUSE(rng),
                              child.cp_count)
                child.cp_count += 1
                r = add_months(icpc, 3) + rng.randrange(-5, 10)
                while r < cp_end:
                    plan.reviews.append(self._working_day(r))
                    r = add_months(r, 6) + rng.randrange(-7, 8)
                plan.reviews = [x for x in plan.reviews if plan.start < x < cp_end]
                ep.cp_plans.append(plan)
                last = cp_end
        if to_care is not None:
            return ep
        # CIN plan after assessment, or step-down after a CP plan
        if cp_end is not None:
            if rng.random() < 0.6:
                p_start = cp_end + 1
                p_end = p_start + _lognormal_days(rng, 180, 0.5, 30, 700)
                ep.cin_plans.append((p_start, p_end))
                last = p_end
        elif rng.random() < 0.6:
            p_start = a_end + rng.randrange(0, 10)
            p_end = p_start + _lognormal_days(rng, 150, 0.6, 20, 800)
            ep.cin_plans.append((p_start, p_end))
            last = p_end
        # not before anything in the episode (a plan may end before the assessment is authorised)
        closure = max(last, _last_activity(ep)) + rng.randrange(0, 45)
        reason = "RC7"
        r = rng.random()
        if r < 0.04:
            reason = "RC5"
        if closure >= eighteen - 1:
            closure = eighteen - 1
            reason = "RC6" if rng.random() < 0.3 else "RC7"
            _clip_episode(ep, closure)
        ep.closure = max(closure, last if last <= closure else closure)
        ep.reason = reason
        child.busy_until = ep.closure
        return ep

    # -- periods of care --
    def period(self, child: Child, start: int, pathway: str, *, min_end: int | None = None,
               need: str = "N1") -> Period:
        rng = self.rng
        age = age_on(child.dob, start)
        eighteen = add_years(child.dob, 18)
        segs = []  # [day, ls, (place, provider, pl_post, urn, carer), rne_hint, rpc_for_previous]
        adoption = None
        rec = None

        def place(kind, day):
            if kind == "Z":
                kind = self._z_code(day, end) or "U6"
            return self.placement(kind, age_on(child.dob, day), child.home_pc, None)

        # legal status at entry
        if pathway == "uasc":
            ls0 = "V2"
        elif pathway == "remand":
            ls0 = "J1"
        elif pathway in ("adoption", "sgo"):
            ls0 = "C1" if rng.random() < 0.7 else "V2"
        elif age >= 16:
            ls0 = "V2" if rng.random() < 0.85 else "C1"
        else:
            ls0 = "V2" if rng.random() < 0.5 else "C1"

        # how long, and how it ends
        if pathway == "adoption":
            decision = start + rng.randrange(110, 330)
            po = decision + rng.randrange(20, 150)
            placed = po + rng.randrange(30, 240)
            adopted = placed + rng.randrange(75, 420)
            end = adopted
        elif pathway == "sgo":
            end = start + rng.randrange(200, 760)
        elif pathway == "remand":
            end = start + rng.randrange(10, 120)
        elif pathway in ("longterm", "uasc"):
            end = eighteen
            if pathway == "longterm" and rng.random() < 0.25 and age < 17:
                # some leave before 18, at 16 or 17
                lo = max(start + 30, add_years(child.dob, 16) + 30)
                if lo < eighteen - 30:
                    end = rng.randrange(lo, eighteen - 20)
        else:  # home
            end = start + _lognormal_days(rng, 110, 1.2, 2, 2000)
        if min_end is not None and end <= min_end:
            if pathway in ("adoption",):
                shift = min_end - end + rng.randrange(30, 400)
                decision += shift
                po += shift
                placed += shift
                adopted += shift
                end = adopted
            elif pathway not in ("longterm", "uasc"):
                end = min_end + rng.randrange(20, 900)
        if end >= eighteen:
            end = eighteen
            if pathway in ("adoption", "sgo"):
                pathway = "longterm"
        if end <= start:
            end = start + 1

        kind = self.first_placement_kind(age, pathway == "uasc")
        if pathway == "adoption" and rng.random() < 0.15:
            kind = "U5"
        if pathway == "sgo" and rng.random() < 0.6:
            kind = "U3"
        if pathway == "remand":
            kind = "K2" if rng.random() < 0.6 else ("K1" if rng.random() < 0.3 else "U6")
            if age >= 15 and rng.random() < 0.25:
                kind = "R5"  # remanded to a young offender institution
        cur = place(kind, start)
        ls = ls0
        # police protection / emergency protection at the start
        if pathway == "home" and age < 16 and rng.random() < 0.06:
            segs.append([start, "L1", cur, "S", None])
            start2 = start + rng.randrange(1, 3)
            ls = "V2" if rng.random() < 0.6 else "C1"
            segs.append([start2, ls, cur, "L", None])
        elif pathway in ("adoption", "sgo") and age < 10 and rng.random() < 0.05:
            segs.append([start, "L2", cur, "S", None])
            ls = "C1"
            segs.append([start + rng.randrange(3, 20), ls, cur, "L", None])
        else:
            segs.append([start, ls, cur, "S", None])

        events = []  # (day, type, data)
        if ls == "V2" and pathway in ("adoption", "sgo"):
            events.append((segs[-1][0] + rng.randrange(20, 90), "ls", "C1"))
            ls_after = "C1"
        else:
            ls_after = ls
        if ls_after == "C1" and pathway in ("longterm", "sgo", "home") and (end - start) > 200:
            events.append((start + rng.randrange(120, 400), "ls", "C2"))
        if pathway == "adoption":
            reversed_ = rng.random() < 0.08
            adoption = Adoption(decision=decision)
            if kind != "U5":
                events.append((po, "ls", "E1"))
            if reversed_:
                rev = decision + rng.randrange(60, 300)
                adoption.reversed = rev
                adoption.reversed_reason = rng.choice(["RD1", "RD2", "RD3", "RD4"])
                if po < rev:
                    events.append((rev, "ls", "C2"))
                else:
                    events = [e for e in events if not (e[1] == "ls" and e[2] == "E1")]
                    adoption.placement_order = None
                    events.append((rev, "ls", "C2"))
                end = rev + rng.randrange(150, 700)
                if end >= eighteen:
                    end = eighteen
                pathway = "sgo" if rng.random() < 0.5 else "longterm_young"
            else:
                adoption.placement_order = po
                adoption.placed = placed
                adoption.adopted = adopted
                events.append((placed, "adopt", None))
        if pathway in ("longterm", "uasc") and end == eighteen:
            sixteen = add_years(child.dob, 16) + rng.randrange(0, 300)
            if start < sixteen < end - 60 and rng.random() < 0.45:
                events.append((sixteen, "move16", None))
        # ordinary placement moves
        t = start
        while True:
            in_care = t - start
            rate = 0.75 if in_care < 365 else 0.3
            t += int(rng.expovariate(rate) * 365) + 14
            if t >= end - 10:
                break
            events.append((t, "move", None))
        if pathway == "longterm" and (end - start) > 500 and age < 14:
            events.append((start + rng.randrange(300, 500), "longterm_match", None))
        # temporary placements (hospital, holiday, respite while carers are away, a week or
        # less elsewhere), after which the child returns to the same placement
        if pathway not in ("remand", "uasc"):
            t = start + 30
            while True:
                t += int(rng.expovariate(TEMPORARY_PER_YEAR) * 365)
                if t >= end - 30:
                    break
                events.append((t, "temp", None))
        if pathway == "home" and ls_after != "V2" and (end - start) > 150 and rng.random() < 0.3:
            events.append((end - rng.randrange(30, 120), "p1", None))

        # apply the events in order
        events.sort(key=lambda e: (e[0], e[1]))
        last_day = segs[-1][0]
        adopt_placed = False
        for day, typ, data in events:
            if day <= last_day + 1 or day >= end - 1:
                continue
            if adopt_placed and typ != "adopt":
                continue
            cur_ls, cur_pl = segs[-1][1], segs[-1][2]
            a = age_on(child.dob, day)
            if typ == "ls":
                if data == cur_ls or cur_pl[0] == "P1":
                    continue
                if data == "C2" and cur_pl[0] in ("U6", "U3", "K2") and rng.random() < 0.25:
                    # the full care order comes with a planned move
                    pl = place(self.move_kind(a, cur_pl[0]), day)
                    segs.append([day, data, pl, "B", "CARPL"])
                else:
                    segs.append([day, data, cur_pl, "L", None])
            elif typ == "adopt":
                new_ls = "E1"  # placed under a placement order (made the same day if not before)
                if cur_pl[0] == "U5" and new_ls != cur_ls:
                    # placed with the same carers, now as adopters, under the new placement order
                    pl = (("A5",) + cur_pl[1:])
                    adoption.foster_care = 1
                    segs.append([day, new_ls, pl, "U", "CARPL"])
                else:
                    pl = place("A6", day)
                    segs.append([day, new_ls, pl, "B" if new_ls != cur_ls else "P", "CARPL"])
                adoption.placement_order = adoption.placement_order or day
                adoption.placed = day
                adopt_placed = True
            elif typ == "move16":
                if cur_pl[0] in ("H5", "K1"):
                    continue
                pl = place("H5", day)
                segs.append([day, cur_ls, pl, "P", "CARPL"])
            elif typ == "longterm_match":
                if cur_pl[0] == "U6":
                    # matched long term with the same carers; with the full care order if due
                    pl = ("U4",) + cur_pl[1:]
                    if cur_ls == "C1":
                        segs.append([day, "C2", pl, "U", "CARPL"])
                    else:
                        segs.append([day, cur_ls, pl, "T", "CARPL"])
            elif typ == "p1":
                if cur_ls in ("C1", "C2"):
                    pl = place("P1", day)
                    segs.append([day, cur_ls, pl, "P", "CARPL"])
            elif typ == "temp":
                if cur_pl[0] in ("P1", "H5", "K1", "R5", "A3", "A4", "A5", "A6") + TEMPORARY:
                    continue
                code, lo, hi = _temporary_stay(rng)
                back = day + rng.randint(lo, hi)
                if back >= end - 3:
                    continue
                segs.append([day, cur_ls, place(code, day), "P", None])
                segs.append([back, cur_ls, cur_pl, "P", None])  # back to the same placement
            elif typ == "move":
                if cur_pl[0] in ("P1",):
                    continue
                if pathway == "uasc":
                    k = "H5" if a >= 16 else "U6"
                elif cur_pl[0] in ("U3", "U1") and pathway == "sgo":
                    continue
                elif cur_pl[0] in ("U5", "A5", "A6"):
                    continue
                else:
                    k = self.move_kind(a, cur_pl[0], bool(child.disabilities))
                    if cur_pl[0] == "U4" and k == "U6":
                        k = "U4"
                if k == "H5" and a < 16:
                    k = "U6"
                for _ in range(4):  # a move goes somewhere else
                    pl = place(k, day)
                    if (pl[0], pl[1], pl[2], pl[3]) != (cur_pl[0], cur_pl[1], cur_pl[2], cur_pl[3]):
                        break
                else:
                    continue
                segs.append([day, cur_ls, pl, "P", PLACE_CHANGE(rng)])
            last_day = segs[-1][0]

        # how the period ends
        if end > self.horizon + 3650:
            end = self.horizon + 3650
        last_pl = segs[-1][2][0]
        r = rng.random()
        if adoption is not None and adoption.adopted is not None and not adoption.reversed and adopt_placed:
            rec = "E11" if r < 0.35 else "E12"
            end = adoption.adopted
            m_lo = max(adoption.decision, adoption.placed - 60)
            adoption.match = rng.randrange(m_lo, adoption.placed + 1) if m_lo < adoption.placed else adoption.placed
            single = rng.random() < 0.12
            if single:
                adoption.nb_adoptr, adoption.ls_adoptr = 1, "L0"
                adoption.sex_adoptr = "F1" if rng.random() < 0.85 else "M1"
            else:
                adoption.nb_adoptr = 2
                r2 = rng.random()
                if r2 < 0.6:
                    adoption.ls_adoptr, adoption.sex_adoptr = "L11", "MF"
                elif r2 < 0.75:
                    adoption.ls_adoptr, adoption.sex_adoptr = "L3", "MF"
                elif r2 < 0.85:
                    adoption.ls_adoptr, adoption.sex_adoptr = "L12", rng.choice(["MM", "FF"])
                elif r2 < 0.95:
                    adoption.ls_adoptr, adoption.sex_adoptr = "L2", rng.choice(["MM", "FF"])
                else:
                    adoption.ls_adoptr, adoption.sex_adoptr = "L4", rng.choice(["MM", "FF"])
        elif adoption is not None and not adopt_placed and adoption.reversed is None:
            # never placed: the decision is reversed before care ends
            adoption.reversed = max(adoption.decision + 30, end - rng.randrange(10, 60))
            if adoption.reversed >= end:
                adoption.reversed = end - 1
            adoption.reversed_reason = rng.choice(["RD1", "RD2", "RD3", "RD4"])
            adoption.placed = None
            adoption.adopted = None
            rec = "E41"
        elif pathway == "sgo":
            rec = "SGO"
        elif pathway == "remand":
            rec = "E14" if r < 0.7 else "E9"
        elif pathway == "uasc":
            rec = "E5" if r < 0.4 else ("E6" if r < 0.55 else ("E17" if r < 0.75 else ("E15" if r < 0.8 else "E8")))
        elif end == eighteen:
            if last_pl in ("U1", "U2", "U3", "U4", "U5", "U6") and r < 0.45:
                rec = "E17"
            elif r < 0.7:
                rec = "E5"
            elif r < 0.8:
                rec = "E6"
            elif r < 0.88:
                rec = "E13"
            elif r < 0.94 and child.disabilities:
                rec = "E7"
            else:
                rec = "E8"
        elif pathway in ("longterm", "longterm_young") and age_on(child.dob, end) >= 16:
            rec = "E5" if r < 0.4 else ("E6" if r < 0.55 else ("E4A" if r < 0.8 else "E13"))
        else:
            if last_pl == "P1" or r < 0.7:
                rec = "E4A"
            elif r < 0.8:
                rec = "E4B"
            elif r < 0.86:
                rec = "E13"
            elif r < 0.92:
                rec = "E41"
            elif r < 0.96:
                rec = "E3"
            else:
                rec = "E8"
        if rec == "SGO":
            rec = "SGO_FFC_REL" if last_pl in ("U1", "U2", "U3") else (
                "SGO_FFC_OTH" if rng.random() < 0.5 else ("SGO_OTH_REL" if rng.random() < 0.6 else "SGO_OTH_OTH"))
            if last_pl not in ("U1", "U2", "U3", "U4", "U5", "U6") and rec.startswith("SGO_FFC"):
                rec = "SGO_OTH_REL"
        if rec in ("E5", "E6") and age_on(child.dob, end) < 16:
            rec = "E4A"
        if rec == "E7" and age_on(child.dob, end) < 16:
            rec = "E8"
        # (after 120 days or more in care: the referral's assessment and conferences are over)
        if adoption is None and end < eighteen - 1 and end - segs[0][0] > 120 \
                and rng.random() < DIED_IN_CARE:
            rec = "E2"  # died while looked after
        if segs[-1][0] >= end:
            end = segs[-1][0] + 1
        if to_date(end).month == 3 and to_date(end).day == 31:
            # leaving care on 31 March reads as still looked after at the year end in the DfE
            # definition of continuously looked after; such periods end a day later
            end += 1
            if adoption is not None and adoption.adopted is not None and rec in ("E11", "E12"):
                adoption.adopted = end
        # a period must not end in a temporary / parental placement with a SGO
        if rec.startswith("SGO") and last_pl == "P1":
            rec = "E4A"
        rec = _year_rec(rec, end)

        period = Period(start=segs[0][0], end=end, rec=rec, adoption=adoption)
        cin_code = need
        eps = []
        for i, (day, ls_i, pl, rne, rpc) in enumerate(segs):
            e = Episode(decom=day, rne=rne, ls=ls_i, cin=cin_code, place=pl[0], provider=pl[1],
                        home_post="" if child.uasc else child.home_pc, pl_post=pl[2], urn=pl[3])
            if e.place == "P1":
                e.pl_post = child.home_pc
            if eps:
                prev = eps[-1]
                prev.dec = day
                prev.rec = "X1"
                if rne in ("P", "B", "T", "U") and not _temporary_move(prev, e):
                    prev.rpc = rpc or "CARPL"
            eps.append(e)
        eps[-1].dec = end
        eps[-1].rec = rec
        eps = _supported_accommodation_urns(eps)
        # RNE consistent with what changed. The DfE codes: L legal status only; P placement and
        # carer(s); T placement but the same carer(s); B legal status, placement and carer(s);
        # U legal status and placement, the same carer(s). A segment's hint U or T marks the
        # same carers in a new capacity (fostered long term, or as adopters).
        for prev, e in zip(eps, eps[1:]):
            ls_changed = prev.ls != e.ls
            pl_changed = (prev.place, prev.pl_post, prev.urn, prev.provider) != (e.place, e.pl_post, e.urn, e.provider)
            same_carer = e.rne in ("T", "U")
            if ls_changed and pl_changed:
                e.rne = "U" if same_carer else "B"
            elif ls_changed:
                e.rne = "L"
                prev.rpc = None
            elif pl_changed:
                e.rne = "T" if same_carer else "P"
            if _temporary_move(prev, e):
                prev.rpc = None  # no reason for a move into or out of a temporary placement
            elif e.rne in ("P", "B", "T", "U") and prev.rpc is None:
                prev.rpc = "CARPL"
        period.episodes = eps
        self._reviews(child, period)
        self._missing(child, period)
        return period

    def _reviews(self, child, period: Period):
        rng = self.rng
        end = period.end
        r = period.start + rng.randrange(14, 28)
        out = []
        n = 0
        while r < end:
            code = "PN0" if age_on(child.dob, r) < 4 else REVIEW_CODE(rng)
            out.append((r, code))
            n += 1
            step = 3 if n == 1 else 6
            r = add_months(r, step) - rng.randrange(0, 21)
        period.reviews = out

    def _missing(self, child, period: Period):
        rng = self.rng
        if age_on(child.dob, period.start) < 10 and age_on(child.dob, period.end) < 11:
            return
        if rng.random() > 0.3:
            return
        out = []
        for e in period.episodes:
            if e.dec is None or e.dec - e.decom < 8:
                continue
            if age_on(child.dob, e.decom) < 10:
                continue
            rate = 6.0 if e.place in ("K2", "H5") else 2.5
            t = e.decom
            while True:
                t += int(rng.expovariate(rate) * 365) + 2
                if t >= e.dec - 4:
                    break
                stop = t + (0 if rng.random() < 0.45 else rng.randrange(1, 4))
                if stop >= e.dec - 1 or collection_year(stop) != collection_year(t):
                    continue
                if out and t <= out[-1][2]:
                    continue
                out.append(("M" if rng.random() < 0.72 else "A", t, stop))
        period.missing = out

    # -- streams --
    def run(self):
        rng = self.rng
        pop = self.population * self.scale
        start, horizon = self.sim_start, self.horizon
        n_years = (horizon - start + 1) / 365.25

        # 1. children already in care when the simulation starts
        n_stock = _round(rng, pop * CARE_STOCK_PER_CHILD)
        for _ in range(n_stock):
            age_years = _stock_age(rng)
            dob = start - int(age_years * 365.25) - rng.randrange(0, 365)
            age_now = age_on(dob, start)
            if age_now >= 18:
                continue
            max_back = min(age_now * 365 + 200, 3650)
            back = int(min(max_back, rng.expovariate(1 / 700)))
            entry = max(dob + 2, start - back)
            entry_age = age_on(dob, entry)
            pathway = _pathway(rng, entry_age, stock=True)
            uasc = entry_age >= 14 and rng.random() < 0.05
            if uasc:
                pathway = "uasc"
            child = self.new_child(dob, sex=(1 if uasc and rng.random() < 0.92 else None), uasc=uasc)
            self._enter_care(child, entry, pathway, min_end=start + 1)

        # 2. children who start to be looked after during the simulation
        n_entries = _round(rng, pop * CARE_ENTRIES_PER_CHILD * n_years)
        days = sorted(rng.randrange(start, horizon + 1) for _ in range(n_entries))
        leavers: list[Child] = []
        for day in days:
            if leavers and rng.random() < 0.12:
                cand = leavers[rng.randrange(len(leavers))]
                if cand.busy_until < day - 30 and age_on(cand.dob, day) < 17:
                    self._enter_care(cand, day, _pathway(rng, age_on(cand.dob, day)))
                    continue
            age = _entry_age(rng)
            uasc = age >= 14 and rng.random() < 0.3
            dob = day - int(age * 365.25) - rng.randrange(0, 365)
            if age == 0:
                dob = day - rng.randrange(0, 330)
            child = self.new_child(dob, sex=(1 if uasc and rng.random() < 0.92 else None), uasc=uasc)
            pathway = "uasc" if uasc else _pathway(rng, age_on(child.dob, day))
            self._enter_care(child, day, pathway)
            if not uasc and child.periods and child.periods[-1].rec not in ("E11", "E12", "E2"):
                leavers.append(child)

        # 3. children on a series of short breaks
        n_sb = _round(rng, pop * SHORT_BREAK_CHILDREN_PER_CHILD * (n_years / 3))
        for _ in range(n_sb):
            first = rng.randrange(start - 365, horizon)
            age = rng.randrange(5, 16)
            dob = first - age * 365 - rng.randrange(0, 365)
            child = self.new_child(dob)
            if not child.disabilities:
                child.disabilities = tuple(sorted({DISABILITY(rng), "LD"}))
            self._short_breaks(child, max(first, start - 365))

        # 4. referrals that do not lead to care
        n_ref = _round(rng, pop * (REFERRALS_PER_CHILD - CARE_ENTRIES_PER_CHILD * 1.1) * n_years)
        days = sorted(rng.randrange(start, horizon + 1) for _ in range(n_ref))
        closed: list[Child] = []
        had_cp: list[Child] = []
        for day in days:
            if weekday(day) >= 5 and rng.random() < 0.8:
                day = self._working_day(day)
                if day > horizon:
                    continue
            child = None
            if closed and rng.random() < 0.22:
                # a re-referral; families known to child protection come back more often
                pool = had_cp if (had_cp and rng.random() < 0.45) else closed
                cand = pool[rng.randrange(len(pool))]
                if cand.busy_until < day - 1 and age_on(cand.dob, day) < 17:
                    child = cand
            if child is None:
                age = _referral_age(rng)
                dob = day - int(age * 365.25) - rng.randrange(0, 365)
                if age == 0:
                    dob = day - rng.randrange(0, 300)
                    if rng.random() < UNBORN_AT_REFERRAL:
                        # a pre-birth referral: the CIN census shows an unborn child, with
                        # its expected date of birth, until the child is born
                        dob = day + rng.randrange(20, 200)
                child = self.new_child(dob)
            bias = 0.3 if child.cp_count else 0.0
            known = child.cp_count
            ep = self.cin_episode(child, day, s47_bias=bias)
            self._assign_social_workers(ep)
            closed.append(child)
            if child.cp_count and not known:
                had_cp.append(child)
        return self.world

    def _enter_care(self, child: Child, day: int, pathway: str, min_end=None):
        rng = self.rng
        if add_years(child.dob, 18) - day < 90:
            return  # nobody starts to be looked after in their last weeks before 18
        if pathway == "uasc":
            need, source = "N8", "7" if rng.random() < 0.4 else "10"
        else:
            need, source = (CLA_NEED(rng) if not child.disabilities else ("N2" if rng.random() < 0.4 else CLA_NEED(rng))), None
        if pathway in ("uasc", "remand") or rng.random() < 0.25:
            referral = day  # an emergency: referred the day care starts
        else:
            referral = day - rng.randrange(5, 400)
        referral = max(referral, child.busy_until + 2, child.dob)
        if referral > day:
            referral = day
        via_cp = pathway in ("adoption", "sgo", "longterm", "home") and rng.random() < 0.35 and referral < day - 30
        ep = self.cin_episode(child, referral, nfa_ok=False, source=source, care_need=need,
                              to_care=day, s47_bias=(0.5 if via_cp else -0.3))
        # care
        p = self.period(child, day, pathway, min_end=min_end, need=need)
        if p.start < child.dob:
            p.start = child.dob
        child.periods.append(p)
        eighteen = add_years(child.dob, 18)
        # previous permanence (asked of every child starting care)
        r = rng.random()
        if r < 0.9:
            p.prev_perm = ("Z1", "", None)
        else:
            code = rng.choice(["P1", "P2", "P3", "P4"])
            first_start = min(q.start for q in child.periods)
            when = max(child.dob + 30, first_start - rng.randrange(200, 3000))
            if when >= first_start - 1:
                p.prev_perm = ("Z1", "", None)
            else:
                la = self.la_code if rng.random() < 0.6 else rng.choice(self.prev_perm_las)
                p.prev_perm = (code, la, when)
        # a mother in care
        if child.sex == 2 and child.mother_dob is None and rng.random() < 0.04:
            # the first child is born during an episode that ends later in the same collection
            # year, so every return that shows MC_DOB also shows a later episode end date
            # (903 rule 625 reads the latest episode end in the year's file)
            for e in p.episodes:
                if e.dec is None:
                    continue
                lo = max(e.decom, add_years(child.dob, 14), year_start(collection_year(e.dec)))
                if lo < e.dec - 30:
                    child.mother_dob = rng.randrange(lo, e.dec - 10)
                    break
        # CIN episode closes after care ends
        end = p.end
        cp_ends = [plan.end for plan in ep.cp_plans if plan.end is not None]
        if p.rec in ("E4A", "E4B", "E13") and rng.random() < 0.5 and end < eighteen - 120:
            # a CIN plan may not overlap a child protection plan (CIN rules 4001/4016)
            p_start = max([end + 1] + [e + 1 for e in cp_ends])
            p_end = min(p_start + _lognormal_days(rng, 200, 0.5, 40, 600), eighteen - 10)
            if p_end > p_start:
                ep.cin_plans.append((p_start, p_end))
            closure = max(p_end, p_start) + rng.randrange(0, 30)
        else:
            closure = end + rng.randrange(0, 20)
        if closure >= eighteen:
            closure = max(end, eighteen - 1) if end < eighteen else end
        ep.closure = max(closure, _last_activity(ep))
        # the CIN episode closes for the reason care ended: adopted, SGO, child arrangements
        # order, transferred, adult services; otherwise services ceased
        ep.reason = CLOSURE_REASON.get(p.rec, "RC7")
        # plans that would overlap the care period are not kept
        ep.cin_plans = [(s, e) for s, e in ep.cin_plans if s > end or e < p.start]
        child.busy_until = max(closure, end)
        if p.rec == "E2":
            # died in care: the CIN episode closes that day (RC2), nothing follows
            child.died = end
            ep.cin_plans = [(s, e) for s, e in ep.cin_plans if s < end]
            _clip_episode(ep, end)
            ep.closure, ep.reason = end, "RC2"
            child.busy_until = 10**9
        self._assign_social_workers(ep, care_start=p.start)

    def _short_breaks(self, child: Child, first: int):
        rng = self.rng
        eighteen = add_years(child.dob, 18)
        last = min(eighteen - 30, first + rng.randrange(365, 365 * 4))
        ep = self.cin_episode(child, max(first - rng.randrange(30, 200), child.busy_until + 2),
                              nfa_ok=False, care_need="N2", to_care=first, s47_bias=-1)
        ep.cp_plans = []
        ep.s47s = []
        t = first
        sb_ls = "V4" if rng.random() < 0.9 else "V3"
        kind = "K2" if rng.random() < 0.5 else "U6"
        pl = self.placement(kind, age_on(child.dob, t), child.home_pc, sb_ls)
        while t < last:
            length = rng.randrange(1, 5)
            if sb_ls == "V3" and child.periods:  # a single short break, not a series
                break
            e = Episode(decom=t, rne="S", ls=sb_ls, cin="N2", place=pl[0], provider=pl[1],
                        dec=t + length, rec="E4A", home_post="", pl_post="", urn="")
            p = Period(start=t, end=t + length, rec="E4A", episodes=[e], short_break=True,
                       prev_perm=("Z1", "", None))
            child.periods.append(p)
            t += length + rng.randrange(21, 45)
        ep.closure = max(min(t + rng.randrange(0, 60), eighteen - 1), _last_activity(ep))
        ep.reason = "RC7"
        ep.cin_plans = [(ep.assessments[0][1] + 1, ep.closure)] if ep.assessments and ep.assessments[0][1] + 1 < ep.closure else []
        child.busy_until = ep.closure
        self._assign_social_workers(ep)

    def _assign_social_workers(self, ep: CINEpisode, care_start: int | None = None):
        """Social worker episodes over a CIN episode. A child who starts to be looked after
        passes to a children-in-care worker that day (a new social worker episode)."""
        rng = self.rng
        if ep.nfa:
            return
        start = ep.referral
        stop = ep.closure if ep.closure is not None else self.horizon + 1
        t = start
        out = []
        while t <= stop and t <= self.horizon:
            if out and stop - t < 2:  # no allocations of a day or less: the last one runs on
                sw0, s0, _, r0 = out[-1]
                out[-1] = (sw0, s0, stop, r0)
                break
            nxt = t + _lognormal_days(rng, 240, 0.6, 30, 900)
            if to_date(nxt - 1).month == 3 and to_date(nxt - 1).day >= 25:
                # no allocation ends in the last days of a collection year (903 rule
                # SW11bSTG2 reads such an end as a missing follow-on episode)
                nxt -= 7
            sw = self.social_workers(rng, t)
            end = nxt - 1 if nxt <= stop else stop
            # the 903 asks for a reason on every social worker episode
            reason = rng.choice(["MANAGE", "LEFTRL", "ORGRST", "CHCHAN", "TSPROC", "ABSENC", "OTHERS", "FCONTA"])
            out.append((sw, t, max(end, t + 1) if nxt <= stop else stop, reason))
            t = nxt
        if care_start is not None:
            for i, (sw, s, e, reason) in enumerate(out):
                if s + 2 <= care_start and (e is None or e >= care_start + 2):
                    out[i:i + 1] = [(sw, s, care_start - 1, reason),
                                    (self.social_workers(rng, care_start), care_start, e, "TSPROC")]
                    break
        ep.social_workers = out


# --- small pure helpers -------------------------------------------------------------------

def _temporary_stay(rng):
    r = rng.random() * sum(w for _, w, _, _ in TEMPORARY_STAYS)
    for code, w, lo, hi in TEMPORARY_STAYS:
        r -= w
        if r < 0:
            return code, lo, hi
    return TEMPORARY_STAYS[-1][0], TEMPORARY_STAYS[-1][2], TEMPORARY_STAYS[-1][3]


def _temporary_move(prev, e) -> bool:
    return prev.place in TEMPORARY or e.place in TEMPORARY


def _is_feb29(day):
    from .dates import to_date

    d = to_date(day)
    return d.month == 2 and d.day == 29


def _round(rng, x: float) -> int:
    n = int(x)
    return n + (1 if rng.random() < x - n else 0)


def _factor_key(code: str):
    return _FACTOR_ORDER.get(code, (99, code))


_FACTOR_ORDER = {c: (int("".join(ch for ch in c if ch.isdigit())), c) for c in FACTORS.items}


def _stock_age(rng) -> float:
    r = rng.random()
    if r < 0.05:
        return 0
    if r < 0.19:
        return rng.randrange(1, 5)
    if r < 0.37:
        return rng.randrange(5, 10)
    if r < 0.76:
        return rng.randrange(10, 16)
    return rng.randrange(16, 18)


def _entry_age(rng) -> int:
    r = rng.random()
    if r < 0.18:
        return 0
    if r < 0.31:
        return rng.randrange(1, 5)
    if r < 0.46:
        return rng.randrange(5, 10)
    if r < 0.80:
        return rng.randrange(10, 16)
    return rng.randrange(16, 18)


def _referral_age(rng) -> int:
    r = rng.random()
    if r < 0.09:
        return 0
    if r < 0.27:
        return rng.randrange(1, 5)
    if r < 0.52:
        return rng.randrange(5, 10)
    if r < 0.88:
        return rng.randrange(10, 16)
    return rng.randrange(16, 18)


def _pathway(rng, age: int, stock: bool = False) -> str:
    r = rng.random()
    if age < 1:
        return "adoption" if r < 0.35 else ("sgo" if r < 0.55 else ("home" if r < 0.85 else "longterm"))
    if age < 5:
        return "adoption" if r < 0.2 else ("sgo" if r < 0.4 else ("home" if r < (0.7 if not stock else 0.6) else "longterm"))
    if age < 10:
        return "sgo" if r < 0.12 else ("home" if r < (0.55 if not stock else 0.4) else "longterm")
    if age < 16:
        if r < 0.04:
            return "remand"
        return "sgo" if r < 0.07 else ("home" if r < (0.55 if not stock else 0.35) else "longterm")
    if r < 0.05:
        return "remand"
    return "home" if r < 0.45 else "longterm"


def _year_rec(rec: str, end: int) -> str:
    """The SGO outcome spelt with the codes of the year the period ends in."""
    if not rec.startswith("SGO"):
        return rec
    codes = rec_codes(collection_year(end))
    return codes[rec.lower()]


SUPPORTED_ACCOMMODATION_REGISTERED = ymd(2023, 10, 28)


def _supported_accommodation_urns(eps: list[Episode]) -> list[Episode]:
    """H5 (semi-independent / supported accommodation) had no Ofsted URN ('XXXXXXX') until
    providers had to register by 28 October 2023; a placement running across that date gets a
    new episode carrying the provider's URN."""
    out = []
    day = SUPPORTED_ACCOMMODATION_REGISTERED
    for e in eps:
        if e.place != "H5":
            out.append(e)
            continue
        if e.decom < day and e.dec is not None and e.dec > day:
            later = Episode(decom=day, rne="P", ls=e.ls, cin=e.cin, place=e.place,
                            provider=e.provider, dec=e.dec, rec=e.rec, rpc=e.rpc,
                            home_post=e.home_post, pl_post=e.pl_post, urn=e.urn)
            e.dec, e.rec, e.rpc, e.urn = day, "X1", "OTHER", "XXXXXXX"
            out.extend([e, later])
        else:
            if e.decom < day:
                e.urn = "XXXXXXX"
            out.append(e)
    return out


def _last_activity(ep: CINEpisode) -> int:
    """The last day anything happened in a CIN episode (a closure may not come before it)."""
    days = [ep.referral]
    days += [a[1] for a in ep.assessments]
    days += [s[2] if s[2] is not None else s[0] for s in ep.s47s]
    days += [p.end if p.end is not None else p.start for p in ep.cp_plans]
    days += [e for _, e in ep.cin_plans]
    return max(days)


def _clip_episode(ep: CINEpisode, closure: int):
    # nothing may be dated after the closure (CIN rule 8565): an assessment still running is
    # authorised, and an enquiry's conference held, by the closure day at the latest
    ep.assessments = [(min(s, closure), None if a is None else min(a, closure), f) for s, a, f in ep.assessments]
    ep.s47s = [(min(s, closure), t, None if c is None else min(c, closure)) for s, t, c in ep.s47s]
    ep.cin_plans = [(s, min(e, closure)) for s, e in ep.cin_plans if s < closure]
    for plan in ep.cp_plans:
        if plan.end is None or plan.end > closure:
            plan.end = closure
            plan.reviews = [r for r in plan.reviews if r < closure]
    ep.cin_plans = [(s, e) for s, e in ep.cin_plans if e > s]
