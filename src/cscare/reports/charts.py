"""One chart per indicator: the monthly series and the five financial years, with the
statistical-neighbour average and the national figure as reference lines. Plotly draws SVG; its
JavaScript comes from the plotly wheel and is written once beside the pages (no CDN)."""

from __future__ import annotations

import math
from pathlib import Path

GREY, BLUE, ORANGE, GREEN = "#6b6b6b", "#1f4e79", "#c55a11", "#2e7d32"


def _num(v):
    try:
        f = float(v)
    except (TypeError, ValueError):
        return None
    return None if math.isnan(f) else f


def write_plotly_js(folder: Path) -> Path:
    from plotly.offline import get_plotlyjs

    folder.mkdir(parents=True, exist_ok=True)
    target = folder / "plotly.min.js"
    target.write_text(get_plotlyjs(), encoding="utf-8")
    return target


def indicator_chart(div_id: str, row: dict, series: list[dict], unit_label: str) -> str | None:
    """The chart's HTML (a div and a script), or None when there is nothing to draw."""
    import plotly.graph_objects as go
    from plotly.subplots import make_subplots

    months = [(r["period_end"].strftime("%b-%y"), _num(r["value"])) for r in series if _num(r["value"]) is not None]
    years = [(row.get(f"annual_{i}_label"), _num(row.get(f"annual_{i}_value"))) for i in range(1, 6)]
    years = [(label, v) for label, v in years if label and v is not None]
    if not months and not years:
        return None
    fig = make_subplots(rows=1, cols=2, column_widths=[0.6, 0.4], horizontal_spacing=0.08,
                        subplot_titles=("Last 12 months", "Five years (to 31 March)"))
    if months:
        fig.add_trace(go.Scatter(x=[m for m, _ in months], y=[v for _, v in months], mode="lines+markers",
                                 name="in month", line={"color": BLUE, "width": 2}), row=1, col=1)
    if years:
        fig.add_trace(go.Bar(x=[y for y, _ in years], y=[v for _, v in years], name="year",
                             marker_color="#9dc3e6"), row=1, col=2)
    for value, name, color, dash, where in ((_num(row.get("sn_average")), "SN average", ORANGE, "dash", "top left"),
                                            (_num(row.get("national_value")), "England", GREEN, "dot", "bottom right")):
        if value is None:
            continue
        for col in (1, 2):
            label = {} if col == 1 else {"annotation_text": f"{name} {value:,.1f}", "annotation_position": where,
                                          "annotation_font": {"size": 10, "color": color}}
            fig.add_hline(y=value, line={"color": color, "dash": dash, "width": 1.5}, row=1, col=col, **label)
    fig.update_layout(height=260, margin={"l": 50, "r": 20, "t": 30, "b": 40}, showlegend=False,
                      template="plotly_white", font={"size": 11},
                      yaxis_title=unit_label)
    return fig.to_html(full_html=False, include_plotlyjs=False, div_id=div_id,
                       config={"displaylogo": False, "responsive": True, "staticPlot": False})
