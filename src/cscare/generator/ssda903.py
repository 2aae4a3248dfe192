"""The SSDA903 (children looked after) return for one collection year, as the CSV files an
LA's case management system exports: header, episodes, reviews, uasc, oc2, oc3, ad1,
placed_for_adoption, prev_perm, missing and (from 2024) social_worker."""

from __future__ import annotations

import random
from pathlib import Path

from .dates import add_years, age_on, uk, year_end, year_start
from .lifecourse import Weighted, World
from .reference import activ_codes

COLUMNS = {
    "header": ["CHILD", "SEX", "DOB", "ETHNIC", "UPN", "MOTHER", "MC_DOB"],
    "episodes": ["CHILD", "DECOM", "RNE", "LS", "CIN", "PLACE", "PLACE_PROVIDER", "DEC", "REC",
                 "REASON_PLACE_CHANGE", "HOME_POST", "PL_POST", "URN"],
    "reviews": ["CHILD", "DOB", "REVIEW", "REVIEW_CODE"],
    "uasc": ["CHILD", "DOB", "SEX", "DUC"],
    "oc2": ["CHILD", "DOB", "SDQ_SCORE", "SDQ_REASON", "CONVICTED", "HEALTH_CHECK",
            "IMMUNISATIONS", "TEETH_CHECK", "HEALTH_ASSESSMENT", "SUBSTANCE_MISUSE",
            "INTERVENTION_RECEIVED", "INTERVENTION_OFFERED"],
    "oc3": ["CHILD", "DOB", "IN_TOUCH", "ACTIV", "ACCOM"],
    "ad1": ["CHILD", "DOB", "DATE_INT", "DATE_MATCH", "FOSTER_CARE", "NB_ADOPTR", "SEX_ADOPTR",
            "LS_ADOPTR"],
    "placed_for_adoption": ["CHILD", "DOB", "DATE_PLACED", "DATE_PLACED_CEASED",
                            "REASON_PLACED_CEASED"],
    "prev_perm": ["CHILD", "DOB", "PREV_PERM", "LA_PERM", "DATE_PERM"],
    "missing": ["CHILD", "DOB", "MISSING", "MIS_START", "MIS_END"],
    "social_worker": ["CHILD", "DOB", "SW_ID", "SW_DECOM", "SW_DEC", "SW_REASON"],
}
TABLES_BEFORE_2024 = [t for t in COLUMNS if t != "social_worker"]

# Outcomes after which a young person is not a care leaver for OC3.
NOT_CARE_LEAVER = {"E11", "E12", "E2", "E3", "E41", "E43", "E44", "E45", "E46", "E47", "E48"}
ACCOM_LETTERS = Weighted([("B", 8), ("C", 2), ("D", 14), ("E", 10), ("G", 1), ("K", 4),
                          ("R", 2), ("S", 1), ("T", 3), ("U", 35), ("V", 1), ("W", 1),
                          ("X", 3), ("Y", 5), ("Z", 10)])


def tables_for(year: int) -> list[str]:
    return list(COLUMNS) if year >= 2024 else TABLES_BEFORE_2024


def sex_code(sex: int, year: int) -> str:
    """1/2 until 2023-24; the 2024-25 return spells sex M/F."""
    if year >= 2025:
        return "M" if sex == 1 else "F"
    return str(sex)


def _year_rng(seed_base: int, cid: str, year: int, salt: str) -> random.Random:
    return random.Random(f"{seed_base}:{cid}:{year}:{salt}")


def build_year(world: World, year: int, seed_base: int) -> dict[str, list[list[str]]]:
    """Rows (lists of strings, without the header row) of every table for `year`."""
    ys, ye = year_start(year), year_end(year)
    rows = {t: [] for t in tables_for(year)}
    header_children = {}

    def opt(day):
        return "" if day is None or day > ye else uk(day)

    for child in world.looked_after():
        dob_s = uk(child.dob)
        eps_rows = []
        in_year_periods = []
        for p in child.periods:
            if p.start > ye or (p.end is not None and p.end < ys):
                continue
            in_year_periods.append(p)
            for e in p.episodes:
                if e.decom > ye or (e.dec is not None and e.dec < ys):
                    continue
                closed = e.dec is not None and e.dec <= ye
                eps_rows.append([
                    child.cid, uk(e.decom), e.rne, e.ls, e.cin, e.place, e.provider,
                    uk(e.dec) if closed else "", e.rec if closed else "",
                    (e.rpc or "") if closed else "",
                    e.home_post, e.pl_post, e.urn,
                ])
        oc3_row = _oc3(child, year, ys, ye, seed_base)
        if not eps_rows and oc3_row is None:
            continue
        rows["episodes"].extend(eps_rows)
        if oc3_row is not None:
            rows["oc3"].append([child.cid, dob_s] + oc3_row)

        only_short_breaks = all(p.short_break for p in in_year_periods)
        mother, mc_dob = "", ""
        # not for a care leaver who was not looked after in the year (903 rule 628)
        if child.sex == 2 and eps_rows and not only_short_breaks:
            if child.mother_dob is not None and child.mother_dob <= ye:
                mother, mc_dob = "1", uk(child.mother_dob)
            else:
                mother = "0"
        rows["header"].append([child.cid, sex_code(child.sex, year), dob_s, child.ethnic,
                               child.upn_on(ye), mother, mc_dob])
        header_children[child.cid] = child
        if not eps_rows:
            continue

        # reviews, missing, adoption, permanence
        for p in in_year_periods:
            for day, code in p.reviews:
                if ys <= day <= ye:
                    rows["reviews"].append([child.cid, dob_s, uk(day), code])
            for typ, start, stop in p.missing:
                if ys <= start <= ye:
                    rows["missing"].append([child.cid, dob_s, typ, uk(start), opt(stop)])
        adoptions = [p for p in in_year_periods if p.adoption is not None]
        if adoptions:
            p = adoptions[-1]
            a = p.adoption
            if p.rec in ("E11", "E12") and p.end is not None and ys <= p.end <= ye:
                rows["ad1"].append([child.cid, dob_s, uk(a.decision), uk(a.match),
                                    str(a.foster_care), str(a.nb_adoptr), a.sex_adoptr,
                                    a.ls_adoptr])
            if a.decision <= ye and (a.reversed is None or a.reversed >= ys):
                ceased = a.reversed is not None and a.reversed <= ye
                rows["placed_for_adoption"].append([
                    child.cid, dob_s, uk(a.decision), uk(a.reversed) if ceased else "",
                    a.reversed_reason if ceased else ""])
        starts = [p for p in in_year_periods if ys <= p.start <= ye and p.prev_perm is not None]
        if starts:
            code, la, when = starts[-1].prev_perm
            rows["prev_perm"].append([child.cid, dob_s, code, la if code != "Z1" else "",
                                      uk(when) if (when is not None and code != "Z1") else ""])
        if child.uasc:
            eighteen = add_years(child.dob, 18)
            # the date UASC status ceases is the 18th birthday, recorded in advance
            rows["uasc"].append([child.cid, dob_s, sex_code(child.sex, year), uk(eighteen)])
        oc2 = _oc2(child, in_year_periods, year, ys, ye, seed_base)
        if oc2 is not None:
            rows["oc2"].append([child.cid, dob_s] + oc2)
        if "social_worker" in rows and not only_short_breaks:
            rows["social_worker"].extend(_social_workers(child, dob_s, ys, ye))

    for t in rows:
        if t in ("episodes",):
            rows[t].sort(key=lambda r: (r[0], _sortable(r[1])))
    return rows


def _sortable(ddmmyyyy: str) -> str:
    return ddmmyyyy[6:] + ddmmyyyy[3:5] + ddmmyyyy[:2]


def _oc2(child, periods, year, ys, ye, seed_base):
    """OC2 for a child looked after continuously for 12 months at 31 March."""
    if not periods or any(p.short_break for p in periods):
        return None
    p = periods[-1]
    if p.start > ys or p.end is None or p.end <= ye:
        return None
    rng = _year_rng(seed_base, child.cid, year, "oc2")
    a_start, a_end = age_on(child.dob, ys), age_on(child.dob, ye)
    sdq, sdq_reason = "", ""
    if a_end >= 4 and a_start < 17:
        if rng.random() < 0.8:
            sdq = str(min(40, max(0, int(rng.gauss(14, 7)))))
        else:
            sdq_reason = rng.choice(["SDQ2", "SDQ3", "SDQ4", "SDQ5"])
    convicted = ("1" if rng.random() < 0.03 else "0") if a_end >= 10 else ""
    health_check = ("1" if rng.random() < 0.88 else "0") if a_end < 5 else ""
    imm = "1" if rng.random() < 0.86 else "0"
    teeth = "1" if rng.random() < 0.8 else "0"
    assess = "1" if rng.random() < 0.9 else "0"
    misuse = "1" if (a_end >= 11 and rng.random() < 0.06) else "0"
    received, offered = "", ""
    if misuse == "1":
        received = "1" if rng.random() < 0.6 else "0"
        if received == "0":
            offered = "1" if rng.random() < 0.7 else "0"
    return [sdq, sdq_reason, convicted, health_check, imm, teeth, assess, misuse, received, offered]


def _care_leaver(child):
    """The period a care leaver left, if the young person qualifies as a (former) relevant
    child: looked after for 13 weeks or more since 14 and still looked after at 16."""
    real = [p for p in child.periods if not p.short_break]
    if not real:
        return None
    last = real[-1]
    if last.end is None or last.rec in NOT_CARE_LEAVER:
        return None
    fourteen, sixteen = add_years(child.dob, 14), add_years(child.dob, 16)
    if last.end < sixteen:
        return None
    days = sum(max(0, min(p.end, add_years(child.dob, 18)) - max(p.start, fourteen)) for p in real)
    if days < 91:
        return None
    return last


def _oc3(child, year, ys, ye, seed_base):
    last = _care_leaver(child)
    if last is None:
        return None
    for age in (17, 18, 19, 20, 21):
        bday = add_years(child.dob, age)
        if ys <= bday <= ye:
            break
    else:
        return None
    if last.end >= bday:  # still looked after on the birthday: not in this year's OC3
        return None
    rng = _year_rng(seed_base, child.cid, year, "oc3")
    r = rng.random()
    if r < 0.86:
        in_touch = "YES"
    elif r < 0.91:
        in_touch = "NO"
    elif r < 0.94:
        in_touch = "REFU"
    elif r < 0.97 or age < 19:
        in_touch = "RHOM"
    else:
        in_touch = "NREQ"
    if in_touch != "YES":
        return [in_touch, "0", "0"]
    activ = Weighted(activ_codes(year))(rng)
    while True:
        letter = ACCOM_LETTERS(rng)
        if letter == "T" and age < 18:
            continue
        if letter == "Z" and age < 18:
            continue
        break
    # homeless (S) and custody (X) are never suitable accommodation
    accom = letter + ("2" if letter in ("S", "X") or rng.random() >= 0.9 else "1")
    return [in_touch, activ, accom]


def _social_workers(child, dob_s, ys, ye):
    out = []
    for ep in child.cin:
        for sw, start, stop, reason in ep.social_workers:
            if start > ye or (stop is not None and stop < ys):
                continue
            ended = stop is not None and stop <= ye
            out.append([child.cid, dob_s, sw, uk(start), uk(stop) if ended else "", reason])
    return out


def write_year(world: World, year: int, folder: Path, seed_base: int) -> dict[str, int]:
    """Write the year's CSVs into folder; return row counts per table."""
    folder.mkdir(parents=True, exist_ok=True)
    rows = build_year(world, year, seed_base)
    counts = {}
    for table, data in rows.items():
        with open(folder / f"{table}.csv", "w", newline="", encoding="utf-8") as f:
            f.write(",".join(COLUMNS[table]) + "\n")
            f.writelines(",".join(r) + "\n" for r in data)
        counts[table] = len(data)
    return counts
