"""Great Expectations checks on the KPI marts (marts.fct_kpi_values, marts.dim_kpi).

GX cannot read DuckDB through SQLAlchemy here, so the marts are read into pandas and validated
as frames. Expectations are in two suites:

- kpi_errors (the build's output is wrong; the CLI exits non-zero): no null keys, one value per
  LA, KPI and period, percentages within 0-100, numerator never above denominator for
  percentages, every LA present in every year, a known unit and polarity for every KPI;
- kpi_warnings (worth a look before publishing): a KPI value that moved more than a set amount
  from the LA's previous period (percentage points for percentages, per cent otherwise).

Data Docs (HTML) are written to the folder given (default reports/data_docs/).
"""

from __future__ import annotations

import logging
import os
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

KEY = ["la_code", "kpi_id", "period_type", "period_start", "period_end"]
# The KPI catalogue's contract (seeds/kpi/_kpi.yml).
UNITS = ["count", "percent", "rate_per_10k", "days", "average", "fte", "ratio"]
POLARITIES = ["high_is_good", "low_is_good", "information", "within_range"]
DEFAULT_DOCS = Path("reports/data_docs")


@dataclass
class ExpectationOutcome:
    suite: str
    frame: str
    expectation: str
    column: str | None
    success: bool
    unexpected_count: int | None
    examples: list = field(default_factory=list)


@dataclass
class QualityResult:
    outcomes: list[ExpectationOutcome]
    docs_index: Path | None

    @property
    def errors(self) -> list[ExpectationOutcome]:
        return [o for o in self.outcomes if o.suite == "kpi_errors" and not o.success]

    @property
    def warnings(self) -> list[ExpectationOutcome]:
        return [o for o in self.outcomes if o.suite == "kpi_warnings" and not o.success]

    @property
    def success(self) -> bool:
        return not self.errors


class MartsMissing(RuntimeError):
    pass


def read_marts(db: str | Path) -> tuple[pd.DataFrame, pd.DataFrame]:
    """marts.fct_kpi_values and marts.dim_kpi from the DuckDB file (read-only)."""
    import duckdb

    if not Path(db).exists():
        raise MartsMissing(f"DuckDB file {db} does not exist: run dbt build first")
    with duckdb.connect(str(db), read_only=True) as con:
        tables = {r[0] for r in con.sql(
            "select table_name from information_schema.tables where table_schema = 'marts'").fetchall()}
        missing = {"fct_kpi_values", "dim_kpi"} - tables
        if missing:
            raise MartsMissing(f"{db} has no marts.{', marts.'.join(sorted(missing))}: run dbt build first")
        fct = con.sql("select la_code, kpi_id, period_type, period_start, period_end, numerator, denominator, value "
                      "from marts.fct_kpi_values").df()
        dim = con.sql("select kpi_id, unit, polarity from marts.dim_kpi").df()
    return fct, dim


def build_frames(fct: pd.DataFrame, dim: pd.DataFrame) -> dict[str, pd.DataFrame]:
    """The frames the expectations look at, derived from the two marts."""
    values = fct.merge(dim[["kpi_id", "unit", "polarity"]], on="kpi_id", how="left")
    values["is_known_kpi"] = values["unit"].notna()
    percent = values[values["unit"] == "percent"].copy()
    with_counts = percent.dropna(subset=["numerator", "denominator"]).copy()

    # Every LA that appears in the KPI values must appear in every year: a missing LA-year is a
    # return that did not load or a KPI model that dropped it.
    years = values[values["period_type"] == "year"]
    las = sorted(values["la_code"].dropna().unique())
    ends = sorted(years["period_end"].dropna().unique())
    present = set(zip(years["la_code"], years["period_end"]))
    coverage = pd.DataFrame([(la, end, (la, end) in present) for la in las for end in ends],
                            columns=["la_code", "period_end", "is_present"])

    # Change from the LA's previous period of the same KPI and period type.
    ordered = values.dropna(subset=["value"]).sort_values(["la_code", "kpi_id", "period_type", "period_end"])
    ordered["previous_value"] = ordered.groupby(["la_code", "kpi_id", "period_type"])["value"].shift(1)
    changes = ordered.dropna(subset=["previous_value"]).copy()
    changes["change_points"] = (changes["value"] - changes["previous_value"]).abs()
    prev = changes["previous_value"].abs().where(changes["previous_value"] != 0)
    changes["change_percent"] = (100.0 * (changes["value"] - changes["previous_value"]).abs() / prev)
    changes_percent_unit = changes[changes["unit"] == "percent"].copy()
    changes_other_units = changes[(changes["unit"] != "percent") & changes["change_percent"].notna()].copy()
    return {
        "fct_kpi_values": values,
        "dim_kpi": dim.copy(),
        "kpi_percentages": percent,
        "kpi_percentage_counts": with_counts,
        "la_year_coverage": coverage,
        "kpi_changes_percent": changes_percent_unit,
        "kpi_changes_other": changes_other_units,
    }


def _expectations(max_jump_points: float, max_jump_percent: float) -> dict[str, list[tuple[str, object]]]:
    import great_expectations as gx

    e = gx.expectations
    errors = {
        "fct_kpi_values": [e.ExpectColumnValuesToNotBeNull(column=c) for c in KEY]
        + [e.ExpectCompoundColumnsToBeUnique(column_list=KEY),
           e.ExpectColumnValuesToBeInSet(column="is_known_kpi", value_set=[True]),
           e.ExpectColumnValuesToBeInSet(column="period_type", value_set=["year", "month", "rolling_12_months", "fytd"])],
        "dim_kpi": [e.ExpectColumnValuesToNotBeNull(column="kpi_id"), e.ExpectColumnValuesToBeUnique(column="kpi_id"),
                    e.ExpectColumnValuesToBeInSet(column="unit", value_set=UNITS),
                    e.ExpectColumnValuesToBeInSet(column="polarity", value_set=POLARITIES)],
        "kpi_percentages": [e.ExpectColumnValuesToBeBetween(column="value", min_value=0, max_value=100)],
        "kpi_percentage_counts": [
            e.ExpectColumnPairValuesAToBeGreaterThanB(column_A="denominator", column_B="numerator", or_equal=True,
                                                      ignore_row_if="either_value_is_missing"),
            e.ExpectColumnValuesToBeBetween(column="numerator", min_value=0)],
        "la_year_coverage": [e.ExpectColumnValuesToBeInSet(column="is_present", value_set=[True])],
    }
    warnings = {
        "kpi_changes_percent": [e.ExpectColumnValuesToBeBetween(column="change_points", max_value=max_jump_points)],
        "kpi_changes_other": [e.ExpectColumnValuesToBeBetween(column="change_percent", max_value=max_jump_percent)],
    }
    return {"kpi_errors": errors, "kpi_warnings": warnings}


def run_kpi_expectations(db: str | Path | None = None, *, frames: dict[str, pd.DataFrame] | None = None,
                         docs_dir: str | Path = DEFAULT_DOCS, max_jump_points: float = 10.0,
                         max_jump_percent: float = 50.0) -> QualityResult:
    """Validate the KPI marts (from a DuckDB file, or frames already built) and write Data Docs."""
    logging.getLogger("great_expectations").setLevel(logging.ERROR)
    os.environ.setdefault("GX_ANALYTICS_ENABLED", "false")
    import great_expectations as gx

    if frames is None:
        if db is None:
            raise ValueError("give db or frames")
        frames = build_frames(*read_marts(db))
    docs = Path(docs_dir).resolve()
    docs.mkdir(parents=True, exist_ok=True)
    ctx = gx.get_context(mode="ephemeral")
    try:
        ctx.variables.progress_bars = {"globally": False, "metric_calculations": False}
    except Exception:  # older or newer GX without the setting: progress bars are cosmetic
        pass
    ctx.add_data_docs_site(site_name="cscare", site_config={
        "class_name": "SiteBuilder",
        "store_backend": {"class_name": "TupleFilesystemStoreBackend", "base_directory": str(docs)},
        "site_index_builder": {"class_name": "DefaultSiteIndexBuilder"},
    })
    source = ctx.data_sources.add_pandas("kpi_marts")
    outcomes: list[ExpectationOutcome] = []
    for suite_name, by_frame in _expectations(max_jump_points, max_jump_percent).items():
        for frame_name, expectations in by_frame.items():
            suite = ctx.suites.add(gx.ExpectationSuite(name=f"{suite_name}.{frame_name}"))
            for expectation in expectations:
                suite.add_expectation(expectation)
            batch = source.add_dataframe_asset(name=f"{suite_name}.{frame_name}").add_batch_definition_whole_dataframe("all")
            vd = ctx.validation_definitions.add(gx.ValidationDefinition(name=f"{suite_name}.{frame_name}", data=batch, suite=suite))
            result = vd.run(batch_parameters={"dataframe": frames[frame_name]},
                            result_format={"result_format": "SUMMARY", "partial_unexpected_count": 5})
            for r in result.results:
                cfg = r.expectation_config
                outcomes.append(ExpectationOutcome(
                    suite=suite_name, frame=frame_name, expectation=cfg.type,
                    column=cfg.kwargs.get("column") or cfg.kwargs.get("column_A"),
                    success=bool(r.success), unexpected_count=(r.result or {}).get("unexpected_count"),
                    examples=list((r.result or {}).get("partial_unexpected_list") or [])[:5]))
    # One Data Docs build for all the validations (rebuilding after each one is what makes GX slow).
    ctx.build_data_docs(site_names=["cscare"])
    index = docs / "index.html"
    return QualityResult(outcomes=outcomes, docs_index=index if index.exists() else None)
