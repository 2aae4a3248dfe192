"""cscare: children's social care returns into a dbt + DuckDB performance warehouse."""

__version__ = "0.1.0"
