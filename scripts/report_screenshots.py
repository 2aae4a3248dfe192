"""Screenshots of the HTML report for the README (docs/report_scorecard.png, docs/report_dq.png).

    python scripts/report_screenshots.py [--reports reports] [--la 372] [--out docs]

Drives Debian's Chromium (/usr/bin/chromium) through playwright, as the browser test does.
"""

from __future__ import annotations

import argparse
import shutil
from pathlib import Path


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--reports", default="reports")
    ap.add_argument("--la", default="372")
    ap.add_argument("--out", default="docs")
    args = ap.parse_args()
    from playwright.sync_api import sync_playwright

    reports, out = Path(args.reports), Path(args.out)
    la_dir = reports / "html" / args.la
    dq = sorted(la_dir.glob("dq_*.html"))[-1]
    chromium = shutil.which("chromium") or "/usr/bin/chromium"
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=chromium, args=["--no-sandbox"])
        page = browser.new_page(viewport={"width": 1280, "height": 900})
        page.goto((la_dir / "rotherham_monthly.html").resolve().as_uri())
        page.wait_for_function("document.querySelectorAll('.js-plotly-plot .main-svg').length > 0")
        # the first indicator that has a chart, with the summary table's end above it
        page.evaluate("""() => {
            const card = Array.from(document.querySelectorAll('.indicator'))
                .find(c => c.querySelector('.js-plotly-plot'));
            window.scrollTo(0, card.getBoundingClientRect().top + window.scrollY - 20);
        }""")
        page.wait_for_timeout(500)
        page.screenshot(path=str(out / "report_scorecard.png"))
        page.goto(dq.resolve().as_uri())
        page.screenshot(path=str(out / "report_dq.png"))
        browser.close()
    print(f"wrote {out / 'report_scorecard.png'} and {out / 'report_dq.png'}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
