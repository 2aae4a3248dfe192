"""Data quality: the rule catalogue helpers behind the dbt data-quality models, and a Great
Expectations suite over the KPI marts (`python -m cscare.quality --db PATH --docs DIR`)."""

from .rules import implemented_rule_codes

__all__ = ["implemented_rule_codes", "run_kpi_expectations"]


def run_kpi_expectations(*args, **kwargs):
    """See cscare.quality.kpi_suite.run_kpi_expectations (imported lazily: GX is slow to import)."""
    from .kpi_suite import run_kpi_expectations as run

    return run(*args, **kwargs)
