"""Known data-quality faults, injected on request into files already written, each instance
recorded in the manifest with the file, line and value it touched."""

from __future__ import annotations

import datetime as dt
import random
import re
from pathlib import Path

FAULTS: dict[str, str] = {
    "liquid_logic_end_dates": "a child's latest episode end date (DEC) copied into the earlier "
                              "episodes of the same period of care (the Liquid Logic fault)",
    "overlapping_episodes": "an episode whose DECOM falls before the previous episode's DEC",
    "unknown_codes": "a code not in the code list (PLACE, LS, RNE or REC in episodes.csv; "
                     "ReferralSource or CategoryOfAbuse in the CIN census)",
    "malformed_dates": "a date that cannot be read (31/02/2023, 2023-13-01, 'unknown', ...)",
    "duplicate_rows": "an exact duplicate line in a 903 CSV",
    "child_not_in_header": "a child in episodes.csv who is missing from header.csv",
    "corrupted_file": "a 903 CSV line with the wrong number of fields and a CIN census XML "
                      "that is not well-formed",
    "future_dates": "a 903 date after the end of the collection year",
    "date_before_birth": "an episode starting before the child's date of birth",
    "review_before_care": "a review dated before the child started to be looked after",
    "plan_end_before_start": "a child protection plan ending before it starts",
    "referral_after_closure": "a CIN referral dated after the episode's closure",
    "assessment_authorised_before_start": "an assessment authorised before it started",
    "gap_in_period_of_care": "a gap of days between an episode ending X1 and the next one",
    "duplicate_child": "the same child twice in header.csv (with a different date of birth)",
}


class Line:
    __slots__ = ("text",)

    def __init__(self, text):
        self.text = text


class TextFile:
    def __init__(self, path: Path, rel: str):
        self.path, self.rel = path, rel
        self.lines = [Line(t) for t in path.read_text(encoding="utf-8").split("\n")]
        if self.lines and self.lines[-1].text == "":
            self.lines.pop()
            self.trailing = True
        else:
            self.trailing = False
        self.used: set[int] = set()
        self.dirty = False

    def save(self):
        if self.dirty:
            text = "\n".join(line.text for line in self.lines) + ("\n" if self.trailing else "")
            self.path.write_text(text, encoding="utf-8")

    def number(self, line: Line) -> int | None:
        for i, other in enumerate(self.lines):
            if other is line:
                return i + 1
        return None


class CsvFile(TextFile):
    def __init__(self, path, rel):
        super().__init__(path, rel)
        self.columns = self.lines[0].text.split(",") if self.lines else []

    def rows(self):
        """(Line, fields) for every data line not yet touched by a fault."""
        return [(ln, ln.text.split(",")) for ln in self.lines[1:] if id(ln) not in self.used]

    def col(self, name):
        return self.columns.index(name)

    def set(self, line: Line, column: str, value: str) -> str:
        fields = line.text.split(",")
        i = self.col(column)
        old = fields[i]
        fields[i] = value
        line.text = ",".join(fields)
        self.used.add(id(line))
        self.dirty = True
        return old


def _parse(s: str) -> dt.date | None:
    try:
        return dt.datetime.strptime(s, "%d/%m/%Y").date()
    except ValueError:
        return None


def _fmt(d: dt.date) -> str:
    return d.strftime("%d/%m/%Y")


class Injector:
    def __init__(self, out_dir: Path, la_code: str, year: int, rng: random.Random):
        self.out, self.la, self.year, self.rng = out_dir, la_code, year, rng
        self.base = out_dir / la_code / str(year)
        self.files: dict[str, TextFile] = {}
        self.entries: list[dict] = []
        self.year_end = dt.date(year, 3, 31)
        self.instance = 0

    # -- files --
    def csv(self, table) -> CsvFile | None:
        key = f"ssda903/{table}.csv"
        if key not in self.files:
            path = self.base / "ssda903" / f"{table}.csv"
            if not path.exists():
                return None
            self.files[key] = CsvFile(path, f"{self.la}/{self.year}/{key}")
        return self.files[key]

    def xml(self) -> TextFile | None:
        key = "cin_census.xml"
        if key not in self.files:
            path = self.base / key
            if not path.exists():
                return None
            self.files[key] = TextFile(path, f"{self.la}/{self.year}/{key}")
        return self.files[key]

    def record(self, fault, ret, f: TextFile, line: Line, child, column, old, new):
        self.entries.append({
            "fault": fault, "instance": self.instance, "la_code": self.la, "year": self.year,
            "return": ret,
            "file": f.rel, "_line": line, "_file": f, "child_id": child, "column": column,
            "original_value": old, "injected_value": new,
        })

    def finish(self) -> list[dict]:
        for f in self.files.values():
            f.save()
        out = []
        for e in self.entries:
            f, line = e.pop("_file"), e.pop("_line")
            e["line"] = f.number(line)
            out.append(e)
        return out

    # -- helpers --
    def _episode_chains(self, f: CsvFile):
        """Lists of consecutive (Line, fields) of one period of care, from episodes.csv."""
        c_child, c_decom, c_dec, c_rec = (f.col(x) for x in ("CHILD", "DECOM", "DEC", "REC"))
        by_child: dict[str, list] = {}
        for ln, flds in f.rows():
            by_child.setdefault(flds[c_child], []).append((ln, flds))
        chains = []
        for cid, rows in by_child.items():
            rows.sort(key=lambda r: (_parse(r[1][c_decom]) or dt.date.min))
            chain = [rows[0]]
            for prev, cur in zip(rows, rows[1:]):
                if prev[1][c_rec] == "X1" and prev[1][c_dec] == cur[1][c_decom]:
                    chain.append(cur)
                else:
                    chains.append((cid, chain))
                    chain = [cur]
            chains.append((cid, chain))
        return chains

    def _pick(self, items):
        return items[self.rng.randrange(len(items))] if items else None

    # -- the faults --
    def liquid_logic_end_dates(self):
        f = self.csv("episodes")
        if f is None:
            return False
        c_dec = f.col("DEC")
        chains = [(c, ch) for c, ch in self._episode_chains(f) if len(ch) >= 2 and ch[-1][1][c_dec]]
        pick = self._pick(chains)
        if not pick:
            return False
        cid, chain = pick
        last_dec = chain[-1][1][c_dec]
        for ln, flds in chain[:-1]:
            old = f.set(ln, "DEC", last_dec)
            self.record("liquid_logic_end_dates", "ssda903", f, ln, cid, "DEC", old, last_dec)
        f.used.add(id(chain[-1][0]))
        return True

    def overlapping_episodes(self):
        f = self.csv("episodes")
        if f is None:
            return False
        c_decom, c_dec = f.col("DECOM"), f.col("DEC")
        pairs = []
        for cid, ch in self._episode_chains(f):
            for prev, cur in zip(ch, ch[1:]):
                a, b = _parse(prev[1][c_decom]), _parse(prev[1][c_dec])
                if a and b and (b - a).days >= 3:
                    pairs.append((cid, prev, cur))
        pick = self._pick(pairs)
        if not pick:
            return False
        cid, prev, cur = pick
        a, b = _parse(prev[1][c_decom]), _parse(prev[1][c_dec])
        new = _fmt(b - dt.timedelta(days=self.rng.randrange(1, min(30, (b - a).days))))
        old = f.set(cur[0], "DECOM", new)
        f.used.add(id(prev[0]))
        self.record("overlapping_episodes", "ssda903", f, cur[0], cid, "DECOM", old, new)
        return True

    def gap_in_period_of_care(self):
        f = self.csv("episodes")
        if f is None:
            return False
        c_decom, c_dec = f.col("DECOM"), f.col("DEC")
        pairs = []
        for cid, ch in self._episode_chains(f):
            for prev, cur in zip(ch, ch[1:]):
                start, end = _parse(cur[1][c_decom]), _parse(cur[1][c_dec]) if cur[1][c_dec] else self.year_end
                if start and end and (end - start).days >= 20:
                    pairs.append((cid, prev, cur))
        pick = self._pick(pairs)
        if not pick:
            return False
        cid, prev, cur = pick
        new = _fmt(_parse(cur[1][c_decom]) + dt.timedelta(days=self.rng.randrange(2, 15)))
        old = f.set(cur[0], "DECOM", new)
        f.used.add(id(prev[0]))
        self.record("gap_in_period_of_care", "ssda903", f, cur[0], cid, "DECOM", old, new)
        return True

    def unknown_codes(self):
        options = []
        f = self.csv("episodes")
        if f is not None:
            options += ["PLACE", "LS", "RNE", "REC"]
        x = self.xml()
        if x is not None:
            options += ["ReferralSource", "CategoryOfAbuse"]
        self.rng.shuffle(options)
        bad = {"PLACE": ["X9", "U7", "Q1"], "LS": ["C3", "Z9", "V9"], "RNE": ["Q", "X", "N"],
               "REC": ["E99", "X2", "E10"], "ReferralSource": ["11", "2C", "Z"],
               "CategoryOfAbuse": ["ABU", "NEGL", "OTH"]}
        for col in options:
            new = self.rng.choice(bad[col])
            if col in ("ReferralSource", "CategoryOfAbuse"):
                tags = ["ReferralSource"] if col == "ReferralSource" else ["InitialCategoryOfAbuse", "LatestCategoryOfAbuse"]
                hit = self._xml_value_line(x, tags)
                if hit is None:
                    continue
                ln, tag, old, cid = hit
                ln.text = ln.text.replace(f"<{tag}>{old}</{tag}>", f"<{tag}>{new}</{tag}>")
                x.used.add(id(ln))
                x.dirty = True
                self.record("unknown_codes", "cin_census", x, ln, cid, tag, old, new)
                return True
            rows = [(ln, flds) for ln, flds in f.rows() if flds[f.col(col)]]
            pick = self._pick(rows)
            if pick is None:
                continue
            ln, flds = pick
            old = f.set(ln, col, new)
            self.record("unknown_codes", "ssda903", f, ln, flds[0], col, old, new)
            return True
        return False

    def _xml_value_line(self, x: TextFile, tags, pick=True, where=None):
        """A random line `<tag>value</tag>` (tag in tags) -> (Line, tag, value, child id)."""
        pat = re.compile(r"<(%s)>([^<]*)</\1>" % "|".join(tags))
        hits = []
        cid = None
        for ln in x.lines:
            if "<LAchildID>" in ln.text:
                cid = re.search(r"<LAchildID>([^<]*)<", ln.text).group(1)
                continue
            if id(ln) in x.used:
                continue
            m = pat.search(ln.text)
            if m and (where is None or where(ln)):
                hits.append((ln, m.group(1), m.group(2), cid))
        return self._pick(hits) if pick else hits

    def malformed_dates(self):
        choices = [("episodes", "DECOM"), ("episodes", "DEC"), ("header", "DOB"), ("reviews", "REVIEW")]
        self.rng.shuffle(choices)
        y = self.year
        for table, col in choices:
            f = self.csv(table)
            if f is None:
                continue
            rows = [(ln, flds) for ln, flds in f.rows() if flds[f.col(col)]]
            pick = self._pick(rows)
            if pick is None:
                continue
            new = self.rng.choice([f"31/02/{y}", f"{y}-13-01", "unknown", f"32/01/{y}",
                                   "00/00/0000", f"30/02/{y - 1}", f"{y}/01/15"])
            ln, flds = pick
            old = f.set(ln, col, new)
            self.record("malformed_dates", "ssda903", f, ln, flds[0], col, old, new)
            return True
        return False

    def future_dates(self):
        choices = [("reviews", "REVIEW"), ("episodes", "DEC"), ("missing", "MIS_START")]
        self.rng.shuffle(choices)
        for table, col in choices:
            f = self.csv(table)
            if f is None:
                continue
            rows = [(ln, flds) for ln, flds in f.rows() if flds[f.col(col)]]
            pick = self._pick(rows)
            if pick is None:
                continue
            new = _fmt(self.year_end + dt.timedelta(days=self.rng.randrange(30, 900)))
            ln, flds = pick
            old = f.set(ln, col, new)
            self.record("future_dates", "ssda903", f, ln, flds[0], col, old, new)
            return True
        return False

    def _dobs(self):
        h = self.csv("header")
        out = {}
        if h is not None:
            c_child, c_dob = h.col("CHILD"), h.col("DOB")
            for ln in h.lines[1:]:
                flds = ln.text.split(",")
                if len(flds) == len(h.columns):
                    out[flds[c_child]] = _parse(flds[c_dob])
        return out

    def date_before_birth(self):
        f = self.csv("episodes")
        if f is None:
            return False
        dobs = self._dobs()
        c_rne = f.col("RNE")
        rows = [(ln, flds) for ln, flds in f.rows() if flds[c_rne] == "S" and dobs.get(flds[0])]
        pick = self._pick(rows)
        if pick is None:
            return False
        ln, flds = pick
        new = _fmt(dobs[flds[0]] - dt.timedelta(days=self.rng.randrange(10, 400)))
        old = f.set(ln, "DECOM", new)
        self.record("date_before_birth", "ssda903", f, ln, flds[0], "DECOM", old, new)
        return True

    def review_before_care(self):
        r, e = self.csv("reviews"), self.csv("episodes")
        if r is None or e is None:
            return False
        first = {}
        c_decom = e.col("DECOM")
        for ln in e.lines[1:]:
            flds = ln.text.split(",")
            d = _parse(flds[c_decom]) if len(flds) > c_decom else None
            if d and (flds[0] not in first or d < first[flds[0]]):
                first[flds[0]] = d
        dobs = self._dobs()
        rows = [(ln, flds) for ln, flds in r.rows() if flds[0] in first]
        pick = self._pick(rows)
        if pick is None:
            return False
        ln, flds = pick
        new_d = first[flds[0]] - dt.timedelta(days=self.rng.randrange(5, 200))
        dob = dobs.get(flds[0])
        if dob and new_d <= dob:
            new_d = first[flds[0]] - dt.timedelta(days=1)
        new = _fmt(new_d)
        old = r.set(ln, "REVIEW", new)
        self.record("review_before_care", "ssda903", r, ln, flds[0], "REVIEW", old, new)
        return True

    def _xml_pairs(self, start_tag, end_tag, container):
        """(start Line, end Line, child) within one `container` element of the CIN XML."""
        x = self.xml()
        if x is None:
            return x, []
        out = []
        cid = None
        cur = {}
        for ln in x.lines:
            t = ln.text
            if "<LAchildID>" in t:
                cid = re.search(r"<LAchildID>([^<]*)<", t).group(1)
            elif f"<{container}>" in t:
                cur = {}
            elif f"<{start_tag}>" in t:
                cur["s"] = ln
            elif f"<{end_tag}>" in t:
                cur["e"] = ln
            elif f"</{container}>" in t:
                if "s" in cur and "e" in cur and id(cur["s"]) not in x.used and id(cur["e"]) not in x.used:
                    out.append((cur["s"], cur["e"], cid))
                cur = {}
        return x, out

    def _xml_date_fault(self, fault, start_tag, end_tag, container, change_end, delta_range):
        x, pairs = self._xml_pairs(start_tag, end_tag, container)
        pick = self._pick(pairs)
        if pick is None:
            return False
        s_ln, e_ln, cid = pick
        s = dt.date.fromisoformat(re.search(r">([^<]*)<", s_ln.text).group(1))
        e = dt.date.fromisoformat(re.search(r">([^<]*)<", e_ln.text).group(1))
        delta = dt.timedelta(days=self.rng.randrange(*delta_range))
        if change_end:
            ln, tag, old, new = e_ln, end_tag, e.isoformat(), (s - delta).isoformat()
        else:
            ln, tag, old, new = s_ln, start_tag, s.isoformat(), (e + delta).isoformat()
        ln.text = ln.text.replace(f">{old}<", f">{new}<")
        x.used.update({id(s_ln), id(e_ln)})
        x.dirty = True
        self.record(fault, "cin_census", x, ln, cid, tag, old, new)
        return True

    def plan_end_before_start(self):
        return self._xml_date_fault("plan_end_before_start", "CPPstartDate", "CPPendDate",
                                    "ChildProtectionPlans", True, (1, 60))

    def referral_after_closure(self):
        return self._xml_date_fault("referral_after_closure", "CINreferralDate", "CINclosureDate",
                                    "CINdetails", False, (1, 60))

    def assessment_authorised_before_start(self):
        return self._xml_date_fault("assessment_authorised_before_start", "AssessmentActualStartDate",
                                    "AssessmentAuthorisationDate", "Assessments", True, (1, 30))

    # -- faults that add or remove lines --
    def duplicate_rows(self):
        tables = ["episodes", "reviews", "missing", "oc3", "social_worker"]
        self.rng.shuffle(tables)
        for table in tables:
            f = self.csv(table)
            if f is None:
                continue
            pick = self._pick(f.rows())
            if pick is None:
                continue
            ln, flds = pick
            copy = Line(ln.text)
            f.lines.insert(f.lines.index(ln) + 1, copy)
            f.used.update({id(ln), id(copy)})
            f.dirty = True
            self.record("duplicate_rows", "ssda903", f, copy, flds[0], None, None, copy.text)
            return True
        return False

    def duplicate_child(self):
        h = self.csv("header")
        if h is None:
            return False
        pick = self._pick(h.rows())
        if pick is None:
            return False
        ln, flds = pick
        dob = _parse(flds[h.col("DOB")])
        new = list(flds)
        if dob:
            new[h.col("DOB")] = _fmt(dob + dt.timedelta(days=self.rng.choice([-1, 1]) * self.rng.randrange(1, 400)))
        else:
            new[h.col("ETHNIC")] = "NOBT"
        copy = Line(",".join(new))
        h.lines.insert(h.lines.index(ln) + 1, copy)
        h.used.update({id(ln), id(copy)})
        h.dirty = True
        self.record("duplicate_child", "ssda903", h, copy, flds[0], "CHILD", None, flds[0])
        return True

    def child_not_in_header(self):
        h, e = self.csv("header"), self.csv("episodes")
        if h is None or e is None:
            return False
        free_header = {flds[0]: ln for ln, flds in h.rows()}
        counts: dict[str, int] = {}
        for ln in h.lines[1:]:
            cid = ln.text.split(",")[0]
            counts[cid] = counts.get(cid, 0) + 1
        first_ep: dict[str, Line] = {}
        for ln, flds in e.rows():
            if flds[0] in free_header and counts.get(flds[0]) == 1:
                first_ep.setdefault(flds[0], ln)
        if not first_ep:
            return False
        cid = self._pick(sorted(first_ep))
        hl = free_header[cid]
        h.lines.remove(hl)
        h.dirty = True
        ep_line = first_ep[cid]
        e.used.add(id(ep_line))
        self.record("child_not_in_header", "ssda903", e, ep_line, cid, "CHILD", hl.text, None)
        return True

    def corrupted_file(self):
        done = False
        tables = ["episodes", "header", "reviews"]
        self.rng.shuffle(tables)
        for table in tables:
            f = self.csv(table)
            if f is None:
                continue
            pick = self._pick(f.rows())
            if pick is None:
                continue
            ln, flds = pick
            old = ln.text
            if self.rng.random() < 0.5:
                i = self.rng.randrange(1, len(flds))
                broken = ",".join(flds[:i]) + " " + ",".join(flds[i:])  # a lost comma
            else:
                # a field too many, never an empty one that reads as a trailing comma
                broken = ",".join(flds) + "," + (flds[-1] or flds[0])
            ln.text = broken
            f.used.add(id(ln))
            f.dirty = True
            self.record("corrupted_file", "ssda903", f, ln, flds[0], None, old, broken)
            done = True
            break
        x = self.xml()
        if x is not None:
            hits = self._xml_value_line(x, ["CINreferralDate", "PersonBirthDate", "ReferralSource"])
            if hits is not None:
                ln, tag, value, cid = hits
                old = ln.text
                ln.text = ln.text.replace(f"</{tag}>", f"<{tag}>")  # an unclosed element
                x.used.add(id(ln))
                x.dirty = True
                self.record("corrupted_file", "cin_census", x, ln, cid, tag, old, ln.text)
                done = True
        return done


ORDER = [
    # faults that change values in place first, then those that add or remove lines
    "liquid_logic_end_dates", "overlapping_episodes", "gap_in_period_of_care", "unknown_codes",
    "malformed_dates", "future_dates", "date_before_birth", "review_before_care",
    "plan_end_before_start", "referral_after_closure", "assessment_authorised_before_start",
    "duplicate_rows", "duplicate_child", "child_not_in_header", "corrupted_file",
]
assert set(ORDER) == set(FAULTS)


def inject(out_dir: Path, la_code: str, year: int, faults: dict[str, int], seed: int) -> list[dict]:
    unknown = set(faults) - set(FAULTS)
    if unknown:
        raise ValueError(f"unknown faults: {sorted(unknown)}; known: {sorted(FAULTS)}")
    rng = random.Random(f"faults:{seed}:{la_code}:{year}")
    inj = Injector(Path(out_dir), la_code, year, rng)
    for name in ORDER:
        for i in range(int(faults.get(name, 0) or 0)):
            inj.instance = i + 1
            getattr(inj, name)()
    return inj.finish()
