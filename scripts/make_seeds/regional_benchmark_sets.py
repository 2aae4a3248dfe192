"""Build seeds/benchmarks/regional_benchmark_sets.csv from the 2013 regional benchmarking report (seed document 004).

Appendix B of the report is a table: one row per REF indicator, one column per regional group (NW, NE, Y&H, WM,
E, L, SE, SW) ticked when the group's benchmarking set holds the indicator. The text copy of the report has the
table as pipe-separated rows, with descriptions wrapped over several rows and tick marks read as various glyphs.
A tick on a wrapped row belongs to the REF above it. Rows whose REF column does not continue the sequence (page
furniture read as numbers) are treated as wrapped rows.

Usage: python scripts/make_seeds/regional_benchmark_sets.py <004 text file> > seeds/benchmarks/regional_benchmark_sets.csv
"""
import csv
import re
import sys

GROUPS = {"NW": "NW", "NE": "NE", "Y&H": "YH", "WM": "WM", "E": "E", "Е": "E", "L": "L", "SE": "SE", "SW": "SW"}
EMPTY_MARKS = {"", "-", "]"}


def cells(line):
    return [c.strip() for c in line.strip().strip("|").split("|")]


def is_tick(text):
    text = re.sub(r"</?[a-z]+>", "", text).strip()
    return text not in EMPTY_MARKS and not re.fullmatch(r"\d+", text)


def parse(path):
    columns, current, last_ref, found, names = None, None, 0, set(), {}
    for line in open(path, encoding="utf-8"):
        if not line.startswith("|") or re.fullmatch(r"[|\-: ]+", line.strip()):
            continue  # not a table row, or a header separator
        row = cells(line)
        if "NW" in row and "SW" in row:
            columns = {i: GROUPS[c] for i, c in enumerate(row) if c in GROUPS}
            continue
        if columns is None or len(row) < max(columns) + 1:
            continue
        ref_text = re.sub(r"<br>.*", "", row[0])
        if re.fullmatch(r"\d{1,3}", ref_text) and last_ref < int(ref_text) <= last_ref + 3:
            current = last_ref = int(ref_text)
            names.setdefault(current, re.sub(r"<br>", " ", row[1]))
        elif re.fullmatch(r"\d{1,3}", ref_text) and int(ref_text) == last_ref:
            pass  # a second row of the same REF (the report lists sub-measures under one number)
        if current is None:
            continue
        for i, group in columns.items():
            if is_tick(row[i]):
                found.add((group, current))
    return sorted(found, key=lambda g: (g[0], g[1])), names


def main():
    found, names = parse(sys.argv[1])
    out = csv.writer(sys.stdout, lineterminator="\n")
    out.writerow(["group_code", "ref_number", "ref_description"])
    for group, ref in found:
        out.writerow([group, ref, " ".join(names.get(ref, "").split())])


if __name__ == "__main__":
    main()
