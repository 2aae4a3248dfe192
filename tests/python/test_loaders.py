"""The raw readers: every record becomes a raw row or a load issue, with file, line and reason."""

from pathlib import Path

import pytest

from cscare.loaders import load_raw
from cscare.loaders.postcodes import normalise


def write(path: Path, text: str, encoding="utf-8") -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(text.encode(encoding))
    return path


EPISODES_HEADER = "CHILD,DECOM,RNE,LS,CIN,PLACE,PLACE_PROVIDER,DEC,REC,REASON_PLACE_CHANGE,HOME_POST,PL_POST,URN\n"


def test_csv_rows_keep_their_physical_line_and_broken_records_are_flagged(tmp_path):
    write(tmp_path / "372/2024/ssda903/episodes.csv", EPISODES_HEADER
          + "1001,01/04/2023,S,C2,N1,U1,PR1,,,,S60 1AA,S61 1AB,SC123456\n"
          + "\n"  # blank line: not a record
          + '1002,"02/04/2023",S,C2,N1,U1,PR1,,,,"S60\n1AA",S61 1AB,SC123456\n'  # quoted newline
          + "1003,03/04/2023,S,C2\n")  # too few fields
    load = load_raw(tmp_path, workers=1)
    rows = load.tables["ssda903_episodes"].to_pylist()
    assert [r["_line"] for r in rows] == [2, 4, 6]
    assert [r["CHILD"] for r in rows] == ["1001", "1002", "1003"]
    assert rows[0]["_load_error"] is None
    assert rows[2]["_load_error"] == "record has 4 fields, the header has 13"
    assert rows[0]["_file"] == "372/2024/ssda903/episodes.csv"
    assert rows[0]["_la_code"] == "372" and rows[0]["_collection_year"] == 2024
    assert load.files.to_pylist()[0]["rows_read"] == 3


def test_csv_header_is_matched_without_case_and_missing_columns_are_reported(tmp_path):
    write(tmp_path / "372/2024/ssda903/header.csv",
          "child,Sex,DOB,ETHNIC,UPN,MOTHER,EXTRA\n1001,1,01/01/2010,WBRI,A123,,x\n", encoding="cp1252")
    load = load_raw(tmp_path, workers=1)
    row = load.tables["ssda903_header"].to_pylist()[0]
    assert row["CHILD"] == "1001" and row["SEX"] == "1" and row["MC_DOB"] is None
    reasons = [i["reason"] for i in load.issues.to_pylist()]
    assert any("lacks column(s) MC_DOB" in r for r in reasons)
    assert any("EXTRA is not part of the DfE header layout" in r for r in reasons)


def test_windows_1252_file_is_read_and_said_so(tmp_path):
    write(tmp_path / "372/2024/ssda903/header.csv",
          "CHILD,SEX,DOB,ETHNIC,UPN,MOTHER,MC_DOB\nA\u00e91,1,01/01/2010,WBRI,,,\n", encoding="cp1252")
    load = load_raw(tmp_path, workers=1)
    assert load.tables["ssda903_header"].to_pylist()[0]["CHILD"] == "A\u00e91"
    enc = [i for i in load.issues.to_pylist() if i["reason_code"] == "not_utf8"]
    assert enc and "read as Windows-1252" in enc[0]["reason"] and "DfE upload" in enc[0]["reason"]
    assert (enc[0]["line"], enc[0]["column_name"], enc[0]["severity"]) == (2, "CHILD", "warning")


def test_files_outside_the_layout_are_named_not_dropped_silently(tmp_path):
    write(tmp_path / "372/2024/ssda903/notes.csv", "a\n1\n")
    write(tmp_path / "Rotherham/2024/cin_census.xml", "<Message/>")
    write(tmp_path / "372/24/csww.xml", "<Message/>")
    load = load_raw(tmp_path, workers=1)
    reasons = {i["file"]: i["reason"] for i in load.issues.to_pylist()}
    assert "not a known SSDA903 table" in reasons["372/2024/ssda903/notes.csv"]
    assert "not a 3-digit DfE LA code" in reasons["Rotherham"]
    assert "not a collection-year folder" in reasons["372/24"]


def test_missing_raw_folder_is_a_load_error_not_a_crash(tmp_path):
    load = load_raw(tmp_path / "nope", workers=1)
    assert load.files.num_rows == 0
    assert load.issues.to_pylist()[0]["severity"] == "error"


def test_dfe_cin_sample_is_flattened_with_parent_links(dfe_samples_raw):
    load = load_raw(dfe_samples_raw, workers=1)
    child = load.tables["cin_census_children"].to_pylist()
    assert [c["LAchildID"] for c in child] == ["DfEX0000001"]
    plans = load.tables["cin_census_cp_plans"].to_pylist()
    details = load.tables["cin_census_cin_details"].to_pylist()
    assert plans[0]["_parent_row"] == details[0]["_row"]
    assert plans[0]["LAchildID"] == "DfEX0000001"
    assert plans[0]["CINreferralDate"] == details[0]["CINreferralDate"]
    factors = load.tables["cin_census_assessment_factors"].to_pylist()
    assert sorted(f["AssessmentFactors"] for f in factors) == ["2A", "2B"]


def test_header_la_mismatch_and_xsd_findings_are_reported(dfe_samples_raw):
    load = load_raw(dfe_samples_raw, workers=1)
    issues = [i for i in load.issues.to_pylist() if i["file"] == "201/2022/csww.xml"]
    assert any("header LEA 301 differs from the folder's LA code 201" in i["reason"] for i in issues)
    assert any(i["reason"].startswith("XSD (social_work_workforce_2022.xsd)") and i["line"] for i in issues)


def test_malformed_xml_names_the_line_and_salvaged_rows_are_flagged(tmp_path, dfe_samples_raw):
    text = (dfe_samples_raw / "201/2022/cin_census.xml").read_text()
    broken = text.replace("</ReferralSource>", "</ReferralSourc>", 1)
    write(tmp_path / "201/2022/cin_census.xml", broken)
    load = load_raw(tmp_path, workers=1)
    errors = [i for i in load.issues.to_pylist() if i["severity"] == "error"]
    assert errors and errors[0]["line"] > 1 and "not well-formed" in errors[0]["reason"]
    rows = load.tables["cin_census_children"].to_pylist()
    assert all(r["_load_error"] and "not well-formed" in r["_load_error"] for r in rows)


def test_zero_previous_plans_is_information_not_a_defect(tmp_path, dfe_samples_raw):
    text = (dfe_samples_raw / "201/2022/cin_census.xml").read_text()
    import re
    write(tmp_path / "201/2022/cin_census.xml",
          re.sub(r"<NumberOfPreviousCPP>\d+</NumberOfPreviousCPP>", "<NumberOfPreviousCPP>0</NumberOfPreviousCPP>", text))
    load = load_raw(tmp_path, workers=1)
    cpp = [i for i in load.issues.to_pylist() if "NumberOfPreviousCPP" in i["reason"]]
    assert cpp and all(i["severity"] == "info" for i in cpp)
    assert load.tables["cin_census_cp_plans"].to_pylist()[0]["NumberOfPreviousCPP"] == "0"


def test_previous_plans_findings_are_the_dfe_xsds_word_for_word(tmp_path, dfe_samples_raw):
    """The loader validates NumberOfPreviousCPP as nonNegativeInteger and reports the zeros itself
    (thousands of validator errors made validation ten times slower): whatever the value, the
    findings must be the ones the DfE XSD gives, with its message, line and severity."""
    import re
    from lxml import etree
    from cscare.loaders import xml_returns
    from cscare.schemas import xsd_path

    values = iter([" 0 ", "-0", "00", "+0", "-1", "x", "", "1", "0", "3"])
    text = re.sub(r"<NumberOfPreviousCPP>[^<]*</NumberOfPreviousCPP>",
                  lambda m: f"<NumberOfPreviousCPP>{next(values, '0')}</NumberOfPreviousCPP>",
                  (dfe_samples_raw / "201/2022/cin_census.xml").read_text())
    path = write(tmp_path / "201/2022/cin_census.xml", text)
    xsd = xsd_path("cin_census", 2022)
    _, issues, _, _ = xml_returns.read_file(path, "cin_census", 2022, "201", xsd)
    plain = etree.XMLSchema(etree.parse(str(xsd)))
    tree = etree.parse(str(path))
    xml_returns._strip_ns(tree.getroot(), path)
    plain.validate(tree)
    expected = [(e.line, xml_returns._element_of(e.path), None, f"XSD ({xsd.name}): {e.message}",
                 xml_returns._xsd_severity(e.message), "xsd") for e in plain.error_log]
    assert [i for i in issues if i[5] == "xsd"] == expected
    assert sum("NumberOfPreviousCPP" in i[3] for i in expected) >= 1


def test_postcodes_are_normalised_like_staging():
    assert normalise(" s60  1aa ") == "S60 1AA"
    assert normalise("SW1A1AA") == "SW1A 1AA"
    assert normalise("S60") is None


def test_postcodes_are_looked_up_however_they_are_spaced():
    from cscare.loaders.postcodes import lookup

    rows = {r["postcode"]: r for r in lookup({"sw1a1aa", "SW1A  1AA", "B1 1AA", "ZZ99 9ZZ"}).to_pylist()}
    # one row per postcode in the directory, in staging's form; an unknown one is simply absent
    assert sorted(rows) == ["B1 1AA", "SW1A 1AA"]
    assert rows["SW1A 1AA"]["la_gss_code"] == "E09000033"  # Westminster
    assert (rows["B1 1AA"]["easting"], rows["B1 1AA"]["northing"]) == (406649.0, 286530.0)
    assert rows["B1 1AA"]["la_gss_code"] == "E08000025"  # Birmingham


@pytest.mark.parametrize("append_rows", [1, 1_000_000])  # a letter an append, or all in one
def test_postcode_letters_kept_in_the_warehouse_give_the_same_rows(monkeypatch, append_rows):
    import duckdb

    from cscare.loaders import postcodes

    monkeypatch.setattr(postcodes, "CACHE_APPEND_ROWS", append_rows)
    wanted = {"sw1a1aa", "B1 1AA", "B2 4QA", "ZZ99 9ZZ", "S60 1AA"}
    direct = postcodes.lookup(wanted)
    con = duckdb.connect()
    first = postcodes.lookup(wanted, con, "cache")  # reads letters B, S and Z from the package, keeps them
    assert sorted(r[0] for r in con.execute("select distinct letter from cache.postcode_directory").fetchall()) == [
        "B", "S", "Z"]
    # every row of each letter, once, in the package's order
    for letter in ("B", "S", "Z"):
        package = postcodes._letter(letter)
        kept = con.sql(f"select letter, ordinal, compact, laua, easting, northing from cache.postcode_directory "
                       f"where letter = '{letter}' order by ordinal").to_arrow_table()
        assert kept.to_pandas().equals(package.to_pandas())  # NaN coordinates equal in place

    def no_package(letter):
        raise AssertionError(f"letter {letter} read from the package again")

    monkeypatch.setattr(postcodes, "_letter", no_package)
    again = postcodes.lookup({"b11aa", "S60 1AA"}, con, "cache")  # answered from the warehouse alone
    assert first.equals(direct)
    assert again.to_pylist() == [r for r in direct.to_pylist() if r["postcode"] in ("B1 1AA", "S60 1AA")]
    # another version of the directory package empties the cache
    monkeypatch.setattr(postcodes, "_directory_version", lambda: "another")
    with pytest.raises(AssertionError, match="read from the package again"):
        postcodes.lookup({"B1 1AA"}, con, "cache")


REVIEWS = "CHILD,DOB,REVIEW,REVIEW_CODE\n"


def _lines_of(load, rel):
    rec = next(f for f in load.files.to_pylist() if f["file"] == rel)
    return rec


def test_an_unterminated_quote_costs_one_record_not_the_rest_of_the_file(tmp_path):
    body = [f"{1000 + i},01/01/2010,0{1 + i % 9}/05/2023,PN1" for i in range(30)]
    body[18] = body[18].replace(",PN1", ',"PN1')  # line 20 opens a quote that never closes
    write(tmp_path / "372/2024/ssda903/reviews.csv", REVIEWS + "\n".join(body) + "\n")
    load = load_raw(tmp_path, workers=1)
    rows = load.tables["ssda903_reviews"].to_pylist()
    assert len(rows) == 30 and [r["_line"] for r in rows] == list(range(2, 32))
    bad = [r for r in rows if r["_load_error"]]
    assert [(r["_line"], r["_load_error_code"], r["CHILD"]) for r in bad] == [(20, "broken_quote", "1018")]
    assert "line 20 opens a quoted field that does not close before the end of the file" in bad[0]["_load_error"]
    rec = _lines_of(load, "372/2024/ssda903/reviews.csv")
    assert (rec["physical_lines"], rec["header_lines"], rec["blank_lines"], rec["continuation_lines"]) == (31, 1, 0, 0)


def test_a_quote_that_closes_lines_later_over_whole_records_is_broken_too(tmp_path):
    write(tmp_path / "372/2024/ssda903/reviews.csv", REVIEWS
          + '1001,01/01/2010,"01/05/2023,PN1\n1002,01/01/2010,01/05/2023,PN1\n1003,01/01/2010,01/05/2023",PN1\n')
    load = load_raw(tmp_path, workers=1)
    rows = load.tables["ssda903_reviews"].to_pylist()
    assert [(r["_line"], r["_load_error_code"]) for r in rows][:2] == [(2, "broken_quote"), (3, None)]
    assert rows[0]["_load_error"].startswith("line 2 opens a quoted field that does not close until line 4")
    assert rows[2]["_line"] == 4  # re-read as its own record (and ragged or not, it is accounted for)


def test_trailing_fields_bom_and_single_blank_lines_are_reported_not_silent(tmp_path):
    (tmp_path / "372/2024/ssda903").mkdir(parents=True)
    (tmp_path / "372/2024/ssda903/reviews.csv").write_bytes(
        b"\xef\xbb\xbf" + (REVIEWS + "1001,01/01/2010,01/05/2023,PN1,,\n\n1002,01/01/2010,02/05/2023,PN1\n").encode())
    load = load_raw(tmp_path, workers=1)
    issues = {(i["reason_code"], i["line"], i["severity"]) for i in load.issues.to_pylist()}
    assert ("bom", 1, "warning") in issues
    assert ("trailing_fields", 2, "warning") in issues
    assert ("blank_lines", 3, "info") in issues
    rows = load.tables["ssda903_reviews"].to_pylist()
    assert [(r["CHILD"], r["_load_error"]) for r in rows] == [("1001", None), ("1002", None)]
    rec = _lines_of(load, "372/2024/ssda903/reviews.csv")
    assert (rec["physical_lines"], rec["blank_lines"]) == (4, 1)


def test_a_missing_required_column_is_one_file_level_error(tmp_path):
    write(tmp_path / "372/2024/ssda903/episodes.csv",
          "CHILD,RNE,LS,CIN,PLACE,PLACE_PROVIDER,DEC,REC,REASON_PLACE_CHANGE,HOME_POST,PL_POST,URN\n"
          + "1001,S,C2,N1,U1,PR1,,,,S60 1AA,S61 1AB,SC123456\n" * 3)
    load = load_raw(tmp_path, workers=1)
    errors = [i for i in load.issues.to_pylist() if i["severity"] == "error"]
    assert [(e["reason_code"], e["column_name"], e["reason"]) for e in errors] == [
        ("missing_required_column", "DECOM", "file lacks required column DECOM: its 3 rows are quarantined")]
    assert {r["_load_error_code"] for r in load.tables["ssda903_episodes"].to_pylist()} == {"missing_required_column"}


def test_year_folders_as_the_dfe_names_years_and_unknown_las(tmp_path):
    for folder in ("372/2023-24", "373/2022_23", "370/202122", "999/2024", "371/2023-25"):
        write(tmp_path / folder / "ssda903/reviews.csv", REVIEWS + "1001,01/01/2010,01/05/2020,PN1\n")
    load = load_raw(tmp_path, workers=1)
    years = {f["file"].split("/")[0]: f["collection_year"] for f in load.files.to_pylist()}
    assert years == {"372": 2024, "373": 2023, "370": 2022}
    issues = {i["file"]: (i["reason_code"], i["severity"]) for i in load.issues.to_pylist() if "duplicate_file" not in i["reason_code"]}
    assert issues["372/2023-24"] == ("year_folder_named", "info")
    assert issues["999"] == ("unknown_la", "error")
    assert issues["371/2023-25"] == ("unplaced", "error")


def test_the_same_file_under_two_las_is_an_error_naming_both(tmp_path):
    five = "".join(f"100{i},01/01/2010,01/05/2023,PN1\n" for i in range(5))
    for la in ("372", "373"):
        write(tmp_path / la / "2024/ssda903/reviews.csv", REVIEWS + five)
        write(tmp_path / la / "2024/ssda903/uasc.csv", "CHILD,DOB,SEX,DUC\n1001,01/01/2010,1,01/01/2028\n")
    write(tmp_path / "372/2023/ssda903/reviews.csv", REVIEWS + five)
    load = load_raw(tmp_path, workers=1)
    dup = sorted((i["file"], i["reason_code"], i["severity"], i["reason"]) for i in load.issues.to_pylist()
                 if "duplicate_file" in i["reason_code"])
    assert [d[:3] for d in dup] == [
        ("372/2023/ssda903/reviews.csv", "duplicate_file", "error"),
        ("372/2024/ssda903/reviews.csv", "duplicate_file", "error"),
        ("372/2024/ssda903/uasc.csv", "possible_duplicate_file", "warning"),  # one record: may be chance
        ("373/2024/ssda903/reviews.csv", "duplicate_file", "error"),
        ("373/2024/ssda903/uasc.csv", "possible_duplicate_file", "warning"),
    ]
    assert "same content as 372/2024/ssda903/reviews.csv, 373/2024/ssda903/reviews.csv" in dup[0][3]


def test_physical_lines_are_counted_without_the_csv_parser():
    from cscare.loaders.ssda903 import count_physical_lines
    assert [count_physical_lines(b) for b in (b"", b"a", b"a\n", b"a\r\nb", b"a\rb\r", b"a\n\n")] == [0, 1, 1, 2, 2, 2]


def test_a_bom_over_windows_1252_text_is_two_findings_and_the_header_still_reads(tmp_path):
    (tmp_path / "372/2024/ssda903").mkdir(parents=True)
    (tmp_path / "372/2024/ssda903/reviews.csv").write_bytes(
        b"\xef\xbb\xbf" + REVIEWS.encode() + b"10\xe901,01/01/2010,01/05/2023,PN1\n")
    load = load_raw(tmp_path, workers=1)
    found = {(i["reason_code"], i["line"], i["column_name"]) for i in load.issues.to_pylist()}
    assert found == {("bom", 1, None), ("not_utf8", 2, "CHILD")}
    assert load.tables["ssda903_reviews"].to_pylist()[0]["CHILD"] == "10\u00e901"


def test_rows_appended_in_small_batches_equal_one_batch(dfe_samples_raw, monkeypatch):
    """The loader appends a table's whole row groups whenever BATCH_ROWS are held and keeps the
    rows past the last whole one for the next append: flushing after every file, in row groups of
    three rows (most of the sample's tables leave one or two behind each time), must give the
    same raw tables, in the same order, as holding everything to the end."""
    from cscare.loaders import core

    whole = load_raw(dfe_samples_raw, workers=1)
    monkeypatch.setattr(core, "BATCH_ROWS", 1)
    monkeypatch.setattr(core, "ROW_GROUP", 3)
    monkeypatch.setattr(core, "TABLE_BATCH_ROWS", 6)
    batched = load_raw(dfe_samples_raw, workers=1)
    assert any(n % 3 for n in whole.counts.values()), "no table leaves rows past a whole row group"
    assert whole.counts == batched.counts and sum(whole.counts.values()) > 0
    for name in whole.tables:
        assert whole.tables[name].equals(batched.tables[name]), name
    assert whole.files.drop_columns(["seconds"]).equals(batched.files.drop_columns(["seconds"]))
    assert whole.issues.equals(batched.issues)


def test_a_file_copied_or_touched_unchanged_is_hashed_once_then_known_by_its_new_signature(tmp_path, monkeypatch):
    import os

    import duckdb

    from cscare.generator import generate
    from cscare.loaders import core

    raw = tmp_path / "raw"
    generate(raw, la_codes=["372"], years=[2024], seed=1, scale=0.05)
    con = duckdb.connect(str(tmp_path / "w.duckdb"))
    first = core.load_raw_into(con, raw, fingerprint="f")
    files = sorted(p for p in raw.rglob("*") if p.is_file() and p.relative_to(raw).parts[0].isdigit())
    hashed = []
    real_hash = core._hash_file
    monkeypatch.setattr(core, "_hash_file", lambda path: hashed.append(path) or real_hash(path))
    unchanged = core.load_raw_into(con, raw, fingerprint="f")  # nothing moved: nothing read, nothing hashed
    assert hashed == [] and sum(unchanged.counts.values()) == 0
    for p in files:  # the same bytes, new times (a copy, a touch, a hard link)
        os.utime(p, ns=(p.stat().st_atime_ns, p.stat().st_mtime_ns + 10**9))
    again = core.load_raw_into(con, raw, fingerprint="f")
    assert sorted(hashed) == files  # each hashed once, to prove its bytes the same ...
    assert sum(again.counts.values()) == 0  # ... so no LA-year is read again
    hashed.clear()
    core.load_raw_into(con, raw, fingerprint="f")
    assert hashed == []  # ... and from then on it is known by its new signature
    assert sum(first.counts.values()) == con.execute("select sum(rows_read) from raw.load_files").fetchone()[0]
