"""Which data-quality rules the dbt project implements, read from macros/dq/ (the rule macros
dq_903_<code>, dq_cin_<code>, dq_csc_<nnn> and the column-rule tables), and the YAML block of
one dbt test per implemented rule on marts.dq_issues, kept in step with them."""

from __future__ import annotations

import csv
import re
from pathlib import Path

PROJECT = Path(__file__).resolve().parents[3]
MACROS = PROJECT / "macros" / "dq"
RULE_MODELS = PROJECT / "models" / "intermediate" / "data_quality" / "cin_census"
RULES_CSV = PROJECT / "seeds" / "dq" / "dq_rules.csv"
MARTS_YAML = PROJECT / "models" / "marts" / "data_quality" / "_data_quality.yml"
BEGIN, END = "      # BEGIN generated rule tests", "      # END generated rule tests"

# Rules raised by int_dq__load_findings from the quarantine, code findings and load issues.
LOAD_FINDING_RULES = ["INT31", "INT32", "INT33", "INT34", "INT35", "INT36", "CSC-101", "CSC-102", "CSC-103",
                      "CSC-104", "CSC-105", "CSC-106", "CSC-110", "CSC-111", "CSC-112"]


def implemented_rule_codes(macros: Path = MACROS) -> dict[str, str]:
    """{rule_code: 'macro' | 'column rule' | 'load finding'} for every implemented rule."""
    out: dict[str, str] = {}
    for path in sorted(macros.glob("*.sql")):
        text = path.read_text(encoding="utf-8")
        for prefix, code in re.findall(r"\{%-?\s*macro\s+dq_(903|cin|csc)_([A-Za-z0-9]+)\s*\(", text):
            out["CSC-" + code if prefix == "csc" else code] = "macro"
        if path.name == "dq_column_rules.sql":
            for code in re.findall(r"\(\s*'([A-Za-z0-9]+)',\s*'(?:ssda903|cin_census)'", text):
                out.setdefault(code, "column rule")
    # rules written as named CTEs (rule_<code in lower case> as (...)) in the rule models
    for path in sorted(RULE_MODELS.glob("*.sql")):
        for code in re.findall(r"(?m)^rule_([a-z0-9]+) as \(", path.read_text(encoding="utf-8")):
            out[code.upper()] = "model"
    for code in LOAD_FINDING_RULES:
        out.setdefault(code, "load finding")
    return out


def catalogue(path: Path = RULES_CSV) -> dict[str, dict]:
    with path.open(encoding="utf-8") as f:
        return {row["rule_code"]: row for row in csv.DictReader(f)}


def rule_tests_yaml() -> str:
    """The generated block: one dq_rule_has_no_issues test per implemented rule in the catalogue."""
    rules = catalogue()
    lines = [BEGIN]
    for code in sorted(implemented_rule_codes(), key=lambda c: (rules.get(c, {}).get("return_name", ""), c)):
        if code not in rules:
            continue
        alias = "dq_" + re.sub(r"[^a-z0-9]+", "_", code.lower())
        lines += [
            "      - dq_rule_has_no_issues:",
            f"          name: {alias}",
            "          arguments:",
            f"            rule_code: '{code}'",
            "          config:",
            "            severity: warn",
            f"            alias: {alias}",
            f"            meta: {{rule_severity: {rules[code]['severity']}}}",
        ]
    lines.append(END)
    return "\n".join(lines)


def write_rule_tests(yaml_path: Path = MARTS_YAML) -> None:
    text = yaml_path.read_text(encoding="utf-8")
    start, end = text.index(BEGIN), text.index(END) + len(END)
    yaml_path.write_text(text[:start] + rule_tests_yaml() + text[end:], encoding="utf-8")


if __name__ == "__main__":
    write_rule_tests()
    print(f"{len(implemented_rule_codes())} implemented rules; tests written to {MARTS_YAML.relative_to(PROJECT)}")
