"""Copy a raw folder, replacing a share of the 903 CSV values with values of the same column
taken from other rows (so they still parse, but no longer agree with the rest of the record).
The result breaks many DfE rules at once: a test bed for comparing rule engines.

    python -m cscare.quality.fuzz --src RAW --dst FUZZED [--rate 0.03] [--seed 1]
"""

from __future__ import annotations

import argparse
import csv
import io
import random
import shutil
from pathlib import Path


def fuzz_file(path: Path, rng: random.Random, rate: float) -> None:
    rows = list(csv.reader(io.StringIO(path.read_text(encoding="utf-8"))))
    if len(rows) < 3:
        return
    header, body = rows[0], rows[1:]
    columns = [[r[i] for r in body if i < len(r)] for i in range(len(header))]
    for r in body:
        for i, name in enumerate(header):
            if name != "CHILD" and i < len(r) and rng.random() < rate:
                r[i] = rng.choice(columns[i])
    out = io.StringIO()
    csv.writer(out, lineterminator="\n").writerows([header, *body])
    path.write_text(out.getvalue(), encoding="utf-8")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--src", required=True, type=Path)
    ap.add_argument("--dst", required=True, type=Path)
    ap.add_argument("--rate", type=float, default=0.03)
    ap.add_argument("--seed", type=int, default=1)
    args = ap.parse_args()
    shutil.rmtree(args.dst, ignore_errors=True)
    shutil.copytree(args.src, args.dst)
    rng = random.Random(args.seed)
    for path in sorted(args.dst.glob("*/*/ssda903/*.csv")):
        fuzz_file(path, rng, args.rate)


if __name__ == "__main__":
    main()
