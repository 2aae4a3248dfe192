"""The XML flatteners: the stylesheet libxslt runs (every clean file) must give the very rows the
Python walk gives (files the stylesheet cannot read exactly), value for value and line for line."""

from pathlib import Path

import pyarrow as pa
import pytest

from cscare.loaders import xml_returns
from cscare.loaders.core import _to_arrow


class _File:
    rel, la_code, collection_year = "999/2023/cin_census.xml", "999", 2023


def _flatten(path: Path, return_name: str, fast: bool, monkeypatch) -> dict[str, pa.Table]:
    with monkeypatch.context() as m:
        if not fast:
            m.setattr(xml_returns, "_fast_path_allowed", lambda data: False)
        tables, issues, header, _ = xml_returns.read_file(path, return_name, 2023, "999", None)
    assert not [i for i in issues if i[4] == "error"]
    return {t: _to_arrow(f"{return_name}_{t}", rows, _File) for t, rows in tables.items()}


# Two Children blocks; values padded with white space, empty, absent, given twice, in a second
# group, behind a child element; entities; nested rows at every depth, some parents without any.
CIN = """<?xml version="1.0" encoding="UTF-8"?>
<Message>
  <Header><CollectionDetails><Collection>CIN</Collection><Year>2023</Year></CollectionDetails>
    <Source><LEA>999</LEA></Source></Header>
  <Children>
    <Child>
      <ChildIdentifiers>
        <LAchildID>  C1 </LAchildID>
        <LAchildID>second</LAchildID>
        <UPN/>
        <FormerUPN>   </FormerUPN>
        <PersonBirthDate>2015-01-02</PersonBirthDate>
      </ChildIdentifiers>
      <ChildIdentifiers><GenderCurrent>9</GenderCurrent></ChildIdentifiers>
      <ChildCharacteristics>
        <Ethnicity><b>inner</b>WBRI</Ethnicity>
        <Disabilities><Disability>AUT</Disability><Disability> HAND </Disability></Disabilities>
        <Disabilities><Disability>VIS</Disability></Disabilities>
      </ChildCharacteristics>
      <CINdetails>
        <CINreferralDate>2022-05-01</CINreferralDate>
        <ReferralSource>1A &amp; co &#233;</ReferralSource>
        <Assessments>
          <AssessmentActualStartDate>2022-05-03</AssessmentActualStartDate>
          <FactorsIdentifiedAtAssessment>
            <AssessmentFactors>2A</AssessmentFactors><AssessmentFactors/>
          </FactorsIdentifiedAtAssessment>
        </Assessments>
        <Assessments><AssessmentAuthorisationDate>2022-06-01</AssessmentAuthorisationDate></Assessments>
        <ChildProtectionPlans>
          <CPPstartDate>2022-07-01</CPPstartDate>
          <NumberOfPreviousCPP>0</NumberOfPreviousCPP>
          <Reviews><CPPreviewDate>2022-09-01</CPPreviewDate><CPPreviewDate>2022-12-01</CPPreviewDate></Reviews>
        </ChildProtectionPlans>
      </CINdetails>
      <CINdetails><CINreferralDate>2023-01-09</CINreferralDate><ReferralNFA>1</ReferralNFA></CINdetails>
    </Child>
    <Child><ChildIdentifiers><UPN>A1</UPN></ChildIdentifiers>
      <CINdetails><Section47><S47ActualStartDate>2023-02-01</S47ActualStartDate></Section47>
        <CINPlanDates><CINPlanStartDate>2023-02-10</CINPlanStartDate></CINPlanDates></CINdetails>
    </Child>
  </Children>
  <Children>
    <Child><ChildIdentifiers><LAchildID>C3</LAchildID></ChildIdentifiers>
      <CINdetails><CINreferralDate>2023-03-01</CINreferralDate>
        <ChildProtectionPlans><CPPstartDate>2023-03-05</CPPstartDate>
          <Reviews><CPPreviewDate>2023-03-20</CPPreviewDate></Reviews></ChildProtectionPlans>
      </CINdetails>
    </Child>
  </Children>
</Message>
"""


def test_the_stylesheet_gives_the_walks_rows_on_a_file_of_every_awkward_shape(tmp_path, monkeypatch):
    path = tmp_path / "cin.xml"
    path.write_text(CIN)
    root = xml_returns.etree.parse(str(path)).getroot()
    assert xml_returns._flatten_fast(root, "cin_census") is not None  # the stylesheet reads it
    fast = _flatten(path, "cin_census", True, monkeypatch)
    slow = _flatten(path, "cin_census", False, monkeypatch)
    for table in slow:
        assert fast[table].equals(slow[table]), table

    # and the rows are the ones worked out by hand from the text above
    child = fast["children"].to_pylist()
    assert [(c["_line"], c["_row"], c["LAchildID"], c["UPN"], c["FormerUPN"], c["GenderCurrent"], c["Ethnicity"])
            for c in child] == [(6, 1, "C1", "", "", None, ""), (38, 2, None, "A1", None, None, None),
                                (44, 3, "C3", None, None, None, None)]
    assert [(d["_line"], d["_parent_row"], d["LAchildID"], d["Disability"])
            for d in fast["disabilities"].to_pylist()] == [(17, 1, "C1", "AUT"), (17, 1, "C1", "HAND"),
                                                           (18, 1, "C1", "VIS")]
    details = fast["cin_details"].to_pylist()
    assert [(d["_row"], d["_parent_row"], d["CINreferralDate"], d["ReferralSource"]) for d in details] == [
        (1, 1, "2022-05-01", "1A & co \u00e9"), (2, 1, "2023-01-09", None), (3, 2, None, None),
        (4, 3, "2023-03-01", None)]
    factors = fast["assessment_factors"].to_pylist()
    assert [(f["_parent_row"], f["LAchildID"], f["CINreferralDate"], f["AssessmentActualStartDate"],
             f["AssessmentFactors"]) for f in factors] == [(1, "C1", "2022-05-01", "2022-05-03", "2A"),
                                                           (1, "C1", "2022-05-01", "2022-05-03", "")]
    assert [(r["_line"], r["_parent_row"], r["CPPstartDate"], r["CPPreviewDate"])
            for r in fast["cp_reviews"].to_pylist()] == [(33, 1, "2022-07-01", "2022-09-01"),
                                                         (33, 1, "2022-07-01", "2022-12-01"),
                                                         (47, 2, "2023-03-05", "2023-03-20")]
    assert [s["_parent_row"] for s in fast["section47"].to_pylist()] == [3]
    assert [p["_parent_row"] for p in fast["cin_plans"].to_pylist()] == [3]


def _padded(extra: str = "") -> str:
    """The file above with 70,000 blank lines before its Children (and `extra` after the first)."""
    return CIN.replace("  <Children>\n", "  <Children>\n" + "\n" * 70_000, 1).replace(
        "</Children>", "</Children>" + extra, 1)


def test_lines_past_65535_are_the_lines_of_the_start_tags(tmp_path, monkeypatch):
    """libxml2 keeps an element's line in 16 bits and finds a larger one through the element's
    first child node: a <Child> whose children start on the next line was given that next line.
    Both flatteners give every row the line of its start tag (counted by hand in CIN above)."""
    path = tmp_path / "cin.xml"
    path.write_text(_padded())
    assert xml_returns.etree.parse(str(path)).getroot().find("Children/Child").sourceline == 70_007  # the quirk
    fast = _flatten(path, "cin_census", True, monkeypatch)
    slow = _flatten(path, "cin_census", False, monkeypatch)
    for table in slow:
        assert fast[table].equals(slow[table]), table
    assert fast["children"].column("_line").to_pylist() == [70_006, 70_038, 70_044]
    assert fast["cin_details"].column("_line").to_pylist() == [70_020, 70_036, 70_039, 70_045]
    assert fast["assessments"].column("_line").to_pylist() == [70_023, 70_029]
    assert fast["cp_reviews"].column("_line").to_pylist() == [70_033, 70_033, 70_047]
    assert fast["disabilities"].column("_line").to_pylist() == [70_017, 70_017, 70_018]


def test_lines_are_left_as_libxml2_gives_them_where_the_text_could_mislead(tmp_path, monkeypatch):
    """A comment could hide a start tag (no line of the file is corrected), and a Child outside
    Children is one start tag more than rows (the children's lines are not): the first Child keeps
    libxml2's line, one late."""
    for extra, first_details_line in (("<!-- <Child> -->", 70_021), ("<Child/>", 70_020)):
        path = tmp_path / "cin.xml"
        path.write_text(_padded(extra))
        slow = _flatten(path, "cin_census", False, monkeypatch)
        fast = _flatten(path, "cin_census", True, monkeypatch)
        assert slow["children"].column("_line").to_pylist() == [70_007, 70_038, 70_044]
        assert fast["children"].equals(slow["children"])
        assert fast["cin_details"].column("_line").to_pylist() == [first_details_line, 70_036, 70_039, 70_045]


@pytest.mark.parametrize("value", ["A\tB", "A\nB", "A\rB", "\n  A"])
def test_a_value_holding_a_tab_or_a_line_break_goes_to_the_walk(tmp_path, monkeypatch, value):
    """The stylesheet's text is a line a row and a tab a value: a value that breaks either is
    refused by Arrow's reader, never read as other columns or rows."""
    path = tmp_path / "cin.xml"
    path.write_text(CIN.replace("<UPN>A1</UPN>", f"<UPN>{value}</UPN>"), newline="")
    root = xml_returns.etree.parse(str(path)).getroot()
    assert xml_returns._flatten_fast(root, "cin_census") is None
    fast = _flatten(path, "cin_census", True, monkeypatch)
    assert fast["children"].column("UPN").to_pylist()[1] == value.replace("\r", "\n").strip()
    assert fast["children"].equals(_flatten(path, "cin_census", False, monkeypatch)["children"])


def test_a_line_break_ending_a_rows_last_value_is_stripped_as_the_walk_strips_it(tmp_path, monkeypatch):
    path = tmp_path / "cin.xml"
    # Ethnicity is the last value of a child's line
    path.write_text(CIN.replace("<LAchildID>C3</LAchildID>",
                                "<LAchildID>C3</LAchildID></ChildIdentifiers><ChildCharacteristics>"
                                "<Ethnicity>WBRI\n\n</Ethnicity></ChildCharacteristics><ChildIdentifiers>"))
    root = xml_returns.etree.parse(str(path)).getroot()
    assert xml_returns._flatten_fast(root, "cin_census") is not None
    fast = _flatten(path, "cin_census", True, monkeypatch)
    slow = _flatten(path, "cin_census", False, monkeypatch)
    assert fast["children"].column("Ethnicity").to_pylist() == ["", None, "WBRI"]
    for table in slow:
        assert fast[table].equals(slow[table]), table


@pytest.mark.parametrize("marker", ["<!-- a note -->", "<![CDATA[x]]>", "<?tool hint?>"])
def test_comments_cdata_and_instructions_send_the_file_to_the_walk(tmp_path, monkeypatch, marker):
    """lxml's .text stops at a comment or instruction and joins CDATA: the walk reads those files."""
    text = CIN.replace("<LAchildID>C3</LAchildID>", f"<LAchildID>C3{marker}tail</LAchildID>")
    assert not xml_returns._fast_path_allowed(text.encode())
    assert xml_returns._fast_path_allowed(CIN.encode())
    path = tmp_path / "cin.xml"
    path.write_text(text)
    called = []
    monkeypatch.setattr(xml_returns, "_flatten_fast", lambda *a: called.append(a))
    tables, *_ = xml_returns.read_file(path, "cin_census", 2023, "999", None)
    assert not called
    assert tables["children"][2]["LAchildID"] == ("C3xtail" if "CDATA" in marker else "C3")


def test_the_workforce_census_is_read_by_the_walk(tmp_path, monkeypatch):
    """Its wide rows of mostly absent fields were slower through the stylesheet (STYLESHEET_RETURNS)."""
    path = tmp_path / "csww.xml"
    path.write_text("""<?xml version="1.0"?>
<Message><Header><CollectionDetails><Collection>CSWW</Collection></CollectionDetails></Header>
<LALevelVacancies><NumberOfVacancies> 4.5 </NumberOfVacancies><NoAgencyFTE/></LALevelVacancies>
<CSWWWorker><AgencyWorker>0</AgencyWorker><SWENo>SW1</SWENo><FTE>1</FTE></CSWWWorker>
<CSWWWorker><SWENo>SW2</SWENo><RoleEndDate></RoleEndDate><CFKSSstatus>2</CFKSSstatus></CSWWWorker>
</Message>
""")
    called = []
    monkeypatch.setattr(xml_returns, "_flatten_fast", lambda *a: called.append(a))
    tables, *_ = xml_returns.read_file(path, "csww", 2023, "999", None)
    assert not called
    workers = _to_arrow("csww_workers", tables["workers"], _File).to_pylist()
    assert [(w["_line"], w["SWENo"], w["RoleEndDate"], w["FTE"]) for w in workers] == [
        (4, "SW1", None, "1"), (5, "SW2", "", None)]
    assert tables["vacancies"][0]["NumberOfVacancies"] == "4.5"


def test_a_file_without_rows_gives_empty_tables_of_the_raw_columns(tmp_path, monkeypatch):
    path = tmp_path / "cin.xml"
    path.write_text("<Message><Header/><Children/></Message>")
    empty = xml_returns._flatten_fast(xml_returns.etree.parse(str(path)).getroot(), "cin_census")
    assert empty is not None and {v.num_rows for v in empty.values()} == {0}
    fast = _flatten(path, "cin_census", True, monkeypatch)
    slow = _flatten(path, "cin_census", False, monkeypatch)
    assert {v.num_rows for v in fast.values()} == {0}
    for table in slow:
        assert fast[table].equals(slow[table]), table
