"""Write seeds/dq/dq_rules.csv: every DfE SSDA903 and CIN census validation rule (code, table,
message, error/query, years in force) and our own CSC rules, with what to do about each.

The DfE rule facts are read from Data to Insight's open rule engines (PyPI csc-validator-be-903
and csc-validator-be-cin), which must be installed in throwaway virtualenvs (they pin pandas < 2):

    python3 -m venv /tmp/v903 && /tmp/v903/bin/pip install csc-validator-be-903
    python3 -m venv /tmp/vcin && /tmp/vcin/bin/pip install csc-validator-be-cin
    python -m cscare.quality.catalogue_build --v903 /tmp/v903/bin/python --vcin /tmp/vcin/bin/python

Only the facts are taken (code, message, fields, error or query, the years a rule is in force).
"""

from __future__ import annotations

import re

import argparse
import csv
import json
import subprocess
from pathlib import Path

ROOT = Path(__file__).resolve().parents[3]
OUT = ROOT / "seeds" / "dq" / "dq_rules.csv"

# Rule sets by collection year (the year ending 31 March): lac2022_23 is collection year 2023.
DUMP_903 = r"""
import json, importlib
out = {}
for year, mod in [(2023, 'lac2022_23'), (2024, 'lac2023_24'), (2025, 'lac2024_25'), (2026, 'lac2025_26')]:
    reg = importlib.import_module('lac_validator.rules.' + mod).registry
    out[year] = {c: dict(message=r.message, fields=list(r.affected_fields or []), tables=list(r.tables or [])) for c, r in reg.items()}
print(json.dumps(out))
"""
DUMP_CIN = r"""
import json, importlib
out = {}
for year, mod in [(2023, 'cin2022_23'), (2024, 'cin2023_24'), (2025, 'cin2024_25'), (2026, 'cin2025_26')]:
    reg = importlib.import_module('cin_validator.rules.' + mod).registry
    items = reg.items() if hasattr(reg, 'items') else reg
    out[year] = {c: dict(message=r.message, fields=[str(f) for f in (r.affected_fields or [])], type=r.rule_type.value,
                         tables=[getattr(r.module, 'name', str(r.module))]) for c, r in items}
print(json.dumps(out))
"""

TABLES_903 = {"Header": "header", "Episodes": "episodes", "Reviews": "reviews", "UASC": "uasc", "OC2": "oc2",
              "OC2s": "oc2", "OC3": "oc3", "AD1": "ad1", "PlacedAdoption": "placed_for_adoption",
              "PrevPerm": "prev_perm", "Missing": "missing", "MIssing": "missing", "SWEpisodes": "social_worker"}
TABLES_CIN = {"Header": "header", "ChildIdentifiers": "children", "ChildCharacteristics": "children",
              "Disabilities": "disabilities", "CINdetails": "cin_details", "Assessments": "assessments",
              "AssessmentFactorsList": "assessment_factors", "CINplanDates": "cin_plans", "Section47": "section47",
              "ChildProtectionPlans": "cp_plans", "Reviews": "cp_reviews"}

# The 903 rule engine does not say which rules are queries. These are (by their own wording) checks
# that may be right in real life, or that the DfE's tool marks as giving false positives: warnings.
WARNING_WORDS_903 = ("[NOTE", "NOTE:", "WARNING", "appears", "We expect", "Please check", "should be reported")
WARNING_CODES_903 = {"232", "355", "392a", "392b", "392c", "392d", "1002", "1001", "199", "EPI"}

# What to do, for the rules a data-quality owner meets most (the rest get a hint built from the message).
FIX_HINTS = {
    "101": "Record the child's reported sex with a DfE code (M/F/U from 2024-25, 1/2 before) in the case record.",
    "102": "Correct the date of birth on the child's record (dd/mm/yyyy) and re-extract the header.",
    "103": "Record the child's ethnicity with a DfE ethnicity code (REFU or NOBT when refused or not obtained).",
    "141": "The episode start date (DECOM) is missing or unreadable: correct it on the episode in the case-management system.",
    "142": "Close the earlier episode (DEC and REC) or delete it if it is a duplicate: only the latest episode may be open.",
    "143": "Use a DfE reason for new episode code (S, L, P, T, U, B).",
    "144": "Use a DfE legal status code valid for the collection year.",
    "145": "Use a category of need code N1-N8.",
    "146": "Use a DfE placement type code valid for the collection year.",
    "147": "The episode end date (DEC) is unreadable: correct it on the episode.",
    "148": "Record both the end date and the reason the episode ceased, or neither for an open episode.",
    "166": "The review date is missing or unreadable: correct it on the review record.",
    "302": "The first episode starts before the date of birth: check both dates on the case record.",
    "354": "An episode cannot start after 31 March of the collection year: correct DECOM or remove the episode from this return.",
    "355": "An episode that lasted less than a day is usually a recording slip: merge it into the neighbouring episode unless it is genuine.",
    "356": "The end date is before the start date: correct DEC or DECOM.",
    "357": "A child's first episode must be S (started to be looked after); if an earlier episode is missing, add it.",
    "385": "An episode cannot end after 31 March of the collection year: correct DEC or leave the episode open.",
    "388": "REC X1 must be followed by an episode starting the same day, and any other reason by none: fix the dates or the reason.",
    "433": "A continuation episode (RNE P, L, T, U or B) starts the day the previous one ended: correct the dates or RNE.",
    "501": "Episodes overlap: correct the end date of the earlier episode or the start date of the later one (see CSC-001 for the Liquid Logic pattern).",
    "502": "The open episode at last year's end must reappear unchanged as this year's first episode: correct whichever return is wrong.",
    "503A": "The first episode must repeat last year's open episode: correct RNE in this or last year's return.",
    "503B": "The first episode must repeat last year's open episode: correct LS in this or last year's return.",
    "503C": "The first episode must repeat last year's open episode: correct CIN in this or last year's return.",
    "503D": "The first episode must repeat last year's open episode: correct PLACE in this or last year's return.",
    "503E": "The first episode must repeat last year's open episode: correct PLACE_PROVIDER in this or last year's return.",
    "503F": "The first episode must repeat last year's open episode: correct URN in this or last year's return.",
    "562": "An episode that started before 1 April must be last year's latest episode: add it to last year's return or correct DECOM.",
    "565": "Record whether the child was missing (M) or away without authorisation (A).",
    "567": "The missing period ends before it starts: correct MIS_START or MIS_END.",
    "601": "The child was adopted (E11/E12): complete the AD1 adoption items.",
    "602": "AD1 data is only for children adopted in the year: remove it or correct the episode's reason ceased.",
    "8500": "Every child needs an LA child identifier.",
    "8510": "The same LA child ID appears twice: merge the two child records.",
    "8565": "An assessment, S47, plan or conference is dated after the CIN episode closed: correct the closure date or the activity date.",
    "8606": "The referral is more than 40 weeks before birth: check the referral date and the (expected) date of birth.",
    "8608": "The assessment is authorised before it started: correct one of the two dates.",
    "8630": "The CIN episode closes before the referral: correct the referral or closure date.",
    "8820": "Two CIN episodes of the child overlap: close the earlier one before the next referral, or merge them.",
    "8925": "The child protection plan ends before it starts: correct CPPstartDate or CPPendDate.",
    "8935": "Only one child protection plan can be open: end the earlier plan.",
    "8940": "Child protection plans overlap: end the earlier plan before the next starts.",
    "4011": "The CIN plan ends before it starts: correct the plan dates.",
    "4014": "CIN plans overlap: end the earlier plan before the next starts.",
}

CSC_RULES = [
    # code, return, table, message, severity, fix_hint
    ("CSC-001", "ssda903", "episodes", "Liquid Logic duplicated end date: an earlier episode carries the end date (DEC) of a later episode of the same child, so it ends after the next episode starts.", "error",
     "Known Liquid Logic fault (previous episodes take the latest end date). Restore each earlier episode's DEC to the day the next episode started (X1) in the case-management system; until then the looked-after layer repairs it and flags the repair. Report the fault to the supplier."),
    ("CSC-002", "ssda903", "episodes", "Overlapping episodes: the episode starts before the previous episode of the child ended.", "error",
     "Correct the previous episode's end date or this episode's start date so that each episode starts the day the previous one ended."),
    ("CSC-003", "ssda903", "episodes", "Out-of-order episode: the episode ends before it starts.", "error",
     "Swap or correct DECOM and DEC on the episode."),
    ("CSC-004", "ssda903", "episodes", "Gap inside a period of care: the previous episode ended X1 (period continues) but this episode starts later.", "error",
     "Either the previous DEC or this DECOM is wrong, or an episode for the gap is missing: add or correct it so the period of care is continuous."),
    ("CSC-006", "ssda903", "header", "Possible duplicate child: two child identifiers share one UPN.", "warning",
     "Check whether the two records are one child; merge them in the case-management system, or correct the UPN."),
    ("CSC-008", "ssda903", None, "Date in the future: a date after the end of the collection year.", "error",
     "Correct the date; events after 31 March belong to next year's return."),
    ("CSC-009", "ssda903", None, "Date before birth: an event of the child dated before the child's date of birth.", "error",
     "Correct the event date or the date of birth."),
    ("CSC-010", "ssda903", "reviews", "Review outside care or outside the year: the review is dated before 1 April of the collection year, before the child entered care, or when no episode covers it.", "error",
     "Correct the review date, move the review to the return of the year it was held in, or add the missing episode of care."),
    ("CSC-011", None, None, "Plan ends before it starts (CIN plan, CP plan, adoption decision, missing period or social worker episode).", "error",
     "Correct the start or end date of the plan or period."),
    ("CSC-012", "cin_census", "cin_details", "Referral after closure: the CIN episode's referral date is after its closure date.", "error",
     "Correct the referral or closure date of the CIN episode."),
    ("CSC-013", "cin_census", "assessments", "Assessment authorised before it started.", "error",
     "Correct the assessment start or authorisation date."),
    ("CSC-014", "ssda903", None, "Child missing from another table: a child in a 903 table is not in the header, or a header child has no episodes (and is not a care leaver).", "error",
     "Add the child's header row or episodes, or remove the stray rows; check the extract's selection of children."),
    ("CSC-101", None, None, "Record could not be read (wrong number of fields, malformed XML): the row was quarantined.", "error",
     "Open the file at the line given and repair the record (quoting, separators, XML tags), then reload."),
    ("CSC-102", None, None, "Required value is blank: the row was quarantined.", "error",
     "Complete the value in the case record and re-extract."),
    ("CSC-103", None, None, "Value could not be read as a date, number or flag: the row was quarantined.", "error",
     "Correct the value (dates dd/mm/yyyy or yyyy-mm-dd) and re-extract."),
    ("CSC-104", None, None, "Exact duplicate row: dropped in staging, counted once.", "warning",
     "Remove the duplicated line from the extract; check the extract query for a join that repeats rows."),
    ("CSC-105", None, None, "Two rows for the same key with different values: the later row was quarantined.", "error",
     "Decide which row is right and remove the other in the case-management system."),
    ("CSC-106", None, None, "Code not in the DfE code list for the collection year.", "error",
     "Map the local code to the DfE code list valid for the year."),
    ("CSC-110", None, None, "File could not be loaded cleanly (layout, header, XSD or XML error).", "error",
     "Fix the file as the reason says and reload it."),
    ("CSC-111", None, None, "Load warning (layout, header or XSD).", "warning", "Review the file as the reason says."),
    ("CSC-112", None, None, "Load note.", "info", "No action unless the note points at a real problem."),
]


def run_dump(python: str, code: str) -> dict:
    out = subprocess.run([python, "-c", code], check=True, capture_output=True, text=True).stdout
    return {int(k): v for k, v in json.loads(out).items()}


def years_in_force(code: str, by_year: dict) -> tuple[str, str]:
    present = sorted(y for y, rules in by_year.items() if code in rules)
    first, last = min(by_year), max(by_year)
    return ("" if present[0] == first else str(present[0]), "" if present[-1] == last else str(present[-1]))


# Notes the engine's authors added about their own tool ("this tool can only test the current and
# previous year", "this refers to the DfE portal"): not true of this project, so not shown.
TOOL_NOTES = re.compile(r"\s*\[NOTE: (This only tests the current and previous year|This tool can only test"
                        r"|This refers to the DfE portal)[^\]]*\]")


def hint(message: str, fields: list[str], table: str) -> str:
    what = ", ".join(dict.fromkeys(f for f in fields if f and "." not in f)) or "the values"
    return f"Check {what} on the child's {table} record against the rule, correct the source record and re-extract."


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--v903", default="/tmp/v903/bin/python")
    ap.add_argument("--vcin", default="/tmp/vcin/bin/python")
    args = ap.parse_args()
    rows = []
    r903 = run_dump(args.v903, DUMP_903)
    for code in sorted({c for rules in r903.values() for c in rules}):
        latest = [r903[y][code] for y in sorted(r903) if code in r903[y]][-1]
        table = next((TABLES_903[t] for t in latest["tables"] if t in TABLES_903), "episodes")
        message = TOOL_NOTES.sub("", " ".join((latest["message"] or "").split()))
        warning = code in WARNING_CODES_903 or any(w in message for w in WARNING_WORDS_903)
        vf, vt = years_in_force(code, r903)
        rows.append(dict(rule_code=code, return_name="ssda903", table_name=table, message=message,
                         severity="info" if code == "EPI" else "warning" if warning else "error",
                         fix_hint=FIX_HINTS.get(code, hint(message, latest["fields"], table)),
                         source="DfE SSDA903 validation rules (facts via Data to Insight csc-validator-be-903)",
                         valid_from_year=vf, valid_to_year=vt, dfe_fields=" ".join(dict.fromkeys(latest["fields"]))))
    rcin = run_dump(args.vcin, DUMP_CIN)
    for code in sorted({c for rules in rcin.values() for c in rules}):
        latest = [rcin[y][code] for y in sorted(rcin) if code in rcin[y]][-1]
        table = TABLES_CIN.get(latest["tables"][0], "cin_details")
        message = " ".join((latest["message"] or "").split())
        vf, vt = years_in_force(code, rcin)
        fields = [f.split(".")[-1] for f in latest["fields"]]
        rows.append(dict(rule_code=code, return_name="cin_census", table_name=table, message=message,
                         severity="warning" if latest["type"] == "Query" else "error",
                         fix_hint=FIX_HINTS.get(code, hint(message, fields, table)),
                         source="DfE CIN census validation rules (facts via Data to Insight csc-validator-be-cin)",
                         valid_from_year=vf, valid_to_year=vt, dfe_fields=" ".join(dict.fromkeys(fields))))
    for code, ret, table, message, severity, fix in CSC_RULES:
        rows.append(dict(rule_code=code, return_name=ret or "", table_name=table or "", message=message,
                         severity=severity, fix_hint=fix, source="cscare case-management rule",
                         valid_from_year="", valid_to_year="", dfe_fields=""))
    OUT.parent.mkdir(parents=True, exist_ok=True)
    with OUT.open("w", newline="", encoding="utf-8") as f:
        w = csv.DictWriter(f, fieldnames=list(rows[0]))
        w.writeheader()
        w.writerows(rows)
    print(f"{len(rows)} rules written to {OUT.relative_to(ROOT)}")


if __name__ == "__main__":
    main()
