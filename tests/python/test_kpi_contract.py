"""The KPI contract's shape, checked on the project files (no build needed): one registry of KPI
models (the dbt var kpi_value_models), and every KPI id written out literally in exactly one model,
so that a grep for an id finds the SQL that computes it (docs/KPI_CONTRACT.md, section 3)."""

import csv
import re
from pathlib import Path

import yaml

PROJECT = Path(__file__).resolve().parents[2]
ID_ENTRY = re.compile(r"['\"]id['\"]\s*:\s*(?P<value>[^,}]+)")
LITERAL = re.compile(r"^'([a-z0-9_]+)'$")


def model_files() -> dict[str, str]:
    return {p.stem: p.read_text() for p in (PROJECT / "models").rglob("*.sql")}


def registry() -> list[str]:
    project = yaml.safe_load((PROJECT / "dbt_project.yml").read_text())
    return project["vars"]["kpi_value_models"]


def test_every_kpi_model_is_registered_once_and_only_kpi_models_are():
    models = model_files()
    registered = registry()
    assert len(registered) == len(set(registered)), "a KPI model is listed twice"
    writes_kpi_rows = {name for name, sql in models.items() if "kpi_rows(" in sql}
    assert set(registered) == writes_kpi_rows, (
        f"registered but not a KPI model: {sorted(set(registered) - writes_kpi_rows)}; "
        f"KPI models not registered: {sorted(writes_kpi_rows - set(registered))}")


def test_kpi_ids_are_literal_catalogued_and_computed_in_one_place():
    catalogue = {r["kpi_id"] for r in csv.DictReader(open(PROJECT / "seeds/kpi/kpi_catalogue.csv"))}
    where = {}
    for name in registry():
        for match in ID_ENTRY.finditer(model_files()[name]):
            value = match.group("value").strip()
            literal = LITERAL.match(value)
            assert literal and "~" not in value, f"{name}: KPI id {value} is not a literal string"
            kpi_id = literal.group(1)
            assert kpi_id in catalogue, f"{name}: {kpi_id} is not in the catalogue"
            assert kpi_id not in where, f"{kpi_id} is computed in {where[kpi_id]} and {name}"
            where[kpi_id] = name
    assert "sg_referrals_source_police_pct" in where
