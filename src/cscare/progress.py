"""Progress of a long load on a terminal: files done, raw rows a second, time left.

Quiet when stderr is not a terminal (CI, logs, dbt run from a script): tqdm's `disable=None`.
Time left is estimated on bytes, not files, because one CIN census file can weigh as much as a
hundred small 903 tables.
"""

from __future__ import annotations

import sys
import time
from collections.abc import Iterable, Iterator, Sequence


def track_files(results: Iterable, files: Sequence, rows_of=None) -> Iterator:
    """Yield `results` (one per file, in the order of `files`) while showing progress.

    `files` carry a `.path`; `rows_of(result)` gives the raw rows a result holds."""
    from tqdm import tqdm

    sizes = [f.path.stat().st_size for f in files]
    bar = tqdm(total=sum(sizes), unit="B", unit_scale=True, unit_divisor=1024, desc="reading returns",
               disable=None, file=sys.stderr, leave=False, dynamic_ncols=True, mininterval=0.5)
    t0, rows = time.perf_counter(), 0
    try:
        for i, (size, result) in enumerate(zip(sizes, results), start=1):
            rows += rows_of(result) if rows_of else 0
            elapsed = max(time.perf_counter() - t0, 1e-6)
            bar.set_postfix_str(f"{i}/{len(files)} files, {rows / elapsed:,.0f} rows/s", refresh=False)
            bar.update(size)
            yield result
    finally:
        bar.close()
