"""Data quality: the side-by-side comparison with the DfE rule engines (`engines`), and a Great
Expectations suite over the KPI marts (`python -m cscare.quality --db PATH --docs DIR`)."""

__all__ = ["run_kpi_expectations"]


def run_kpi_expectations(*args, **kwargs):
    """See cscare.quality.kpi_suite.run_kpi_expectations (imported lazily: GX is slow to import)."""
    from .kpi_suite import run_kpi_expectations as run

    return run(*args, **kwargs)
