"""Small hand-made raw returns for the data-quality tests: one LA whose returns break no
error-severity rule, and one with every case-management fault injected at a known file and line.

Layout: <raw>/<la>/<year>/ssda903/<table>.csv (DfE columns, dd/mm/yyyy) and
<raw>/<la>/<year>/cin_census.xml. Collection years 2023 and 2024 (the year ending 31 March).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

CHECK_LETTERS = "ABCDEFGHJKLMNPQRTUVWXYZ"


def upn(la: str, serial: int) -> str:
    """A UPN with a correct check letter: letter, LA number (3), 9 digits."""
    digits = f"{la}{serial:09d}"
    return CHECK_LETTERS[sum(int(d) * w for d, w in zip(digits, range(2, 14))) % 23] + digits


def _with_upns(text: str, la: str) -> str:
    """Replace the UPN placeholders {UPN:n} with valid UPNs of the LA."""
    return re.sub(r"\{UPN:(\d+)\}", lambda m: upn(la, int(m.group(1))), text)

COLUMNS = {
    "header": "CHILD,SEX,DOB,ETHNIC,UPN,MOTHER,MC_DOB",
    "episodes": "CHILD,DECOM,RNE,LS,CIN,PLACE,PLACE_PROVIDER,DEC,REC,REASON_PLACE_CHANGE,HOME_POST,PL_POST,URN",
    "reviews": "CHILD,DOB,REVIEW,REVIEW_CODE",
    "oc2": "CHILD,DOB,SDQ_SCORE,SDQ_REASON,CONVICTED,HEALTH_CHECK,IMMUNISATIONS,TEETH_CHECK,HEALTH_ASSESSMENT,"
           "SUBSTANCE_MISUSE,INTERVENTION_RECEIVED,INTERVENTION_OFFERED",
    "prev_perm": "CHILD,DOB,PREV_PERM,LA_PERM,DATE_PERM",
}

# Child A: looked after since May 2022 (open episode in both years; OC2 in 2024).
# Child B: started in June 2023, moved placement in September, went home in January 2024.
CLEAN_903 = {
    2023: {
        "header": ["A1,1,01/03/2012,WBRI,{UPN:12},,"],
        "episodes": ["A1,10/05/2022,S,C2,N1,U1,PR1,,,,S60 1AA,S61 1AB,XXXXXXX"],
        "reviews": ["A1,01/03/2012,01/06/2022,PN1", "A1,01/03/2012,10/11/2022,PN1"],
        "oc2": [],
        "prev_perm": ["A1,01/03/2012,Z1,,"],
    },
    2024: {
        "header": ["A1,1,01/03/2012,WBRI,{UPN:12},,", "B1,2,01/07/2015,WBRI,{UPN:23},0,"],
        "episodes": ["A1,10/05/2022,S,C2,N1,U1,PR1,,,,S60 1AA,S61 1AB,XXXXXXX",
                     "B1,01/06/2023,S,C2,N1,U1,PR1,01/09/2023,X1,CARPL,S60 2AA,S61 2AB,XXXXXXX",
                     "B1,01/09/2023,P,C2,N1,U4,PR1,15/01/2024,E4A,,S60 2AA,S62 2AB,XXXXXXX"],
        "reviews": ["A1,01/03/2012,05/05/2023,PN1", "B1,01/07/2015,20/06/2023,PN1", "B1,01/07/2015,15/11/2023,PN1"],
        "oc2": ["A1,01/03/2012,12,,0,,1,1,1,0,,"],
        "prev_perm": ["B1,01/07/2015,Z1,,"],
    },
}

CIN_CHILD_C = """    <Child>
      <ChildIdentifiers>
        <LAchildID>C1</LAchildID>
        <UPN>{UPN:34}</UPN>
        <PersonBirthDate>2014-02-01</PersonBirthDate>
        <GenderCurrent>1</GenderCurrent>
      </ChildIdentifiers>
      <ChildCharacteristics>
        <Ethnicity>WBRI</Ethnicity>
        <Disabilities>
          <Disability>NONE</Disability>
        </Disabilities>
      </ChildCharacteristics>
      <CINdetails>
        <CINreferralDate>2023-05-02</CINreferralDate>
        <ReferralSource>2A</ReferralSource>
        <PrimaryNeedCode>N1</PrimaryNeedCode>
        <Assessments>
          <AssessmentActualStartDate>2023-05-03</AssessmentActualStartDate>
          <AssessmentAuthorisationDate>2023-05-30</AssessmentAuthorisationDate>
          <FactorsIdentifiedAtAssessment>
            <AssessmentFactors>2B</AssessmentFactors>
          </FactorsIdentifiedAtAssessment>
        </Assessments>
        <CINPlanDates>
          <CINPlanStartDate>2023-06-01</CINPlanStartDate>
        </CINPlanDates>
        <ReferralNFA>false</ReferralNFA>
      </CINdetails>
    </Child>
"""

CIN_CHILD_D = """    <Child>
      <ChildIdentifiers>
        <LAchildID>D1</LAchildID>
        <UPN>{UPN:45}</UPN>
        <PersonBirthDate>2016-09-10</PersonBirthDate>
        <GenderCurrent>2</GenderCurrent>
      </ChildIdentifiers>
      <ChildCharacteristics>
        <Ethnicity>WBRI</Ethnicity>
        <Disabilities>
          <Disability>NONE</Disability>
        </Disabilities>
      </ChildCharacteristics>
      <CINdetails>
        <CINreferralDate>2023-07-03</CINreferralDate>
        <ReferralSource>6</ReferralSource>
        <PrimaryNeedCode>N1</PrimaryNeedCode>
        <Assessments>
          <AssessmentActualStartDate>2023-07-04</AssessmentActualStartDate>
          <AssessmentAuthorisationDate>2023-08-01</AssessmentAuthorisationDate>
          <FactorsIdentifiedAtAssessment>
            <AssessmentFactors>2B</AssessmentFactors>
          </FactorsIdentifiedAtAssessment>
        </Assessments>
        <Section47>
          <S47ActualStartDate>2023-07-04</S47ActualStartDate>
          <InitialCPCtarget>2023-07-25</InitialCPCtarget>
          <DateOfInitialCPC>2023-07-20</DateOfInitialCPC>
          <ICPCnotRequired>false</ICPCnotRequired>
        </Section47>
        <ReferralNFA>false</ReferralNFA>
        <ChildProtectionPlans>
          <CPPstartDate>2023-07-20</CPPstartDate>
          <InitialCategoryOfAbuse>NEG</InitialCategoryOfAbuse>
          <LatestCategoryOfAbuse>NEG</LatestCategoryOfAbuse>
          <NumberOfPreviousCPP>0</NumberOfPreviousCPP>
          <Reviews>
            <CPPreviewDate>2023-10-19</CPPreviewDate>
          </Reviews>
        </ChildProtectionPlans>
      </CINdetails>
    </Child>
"""


def cin_xml(la: str, year: int, children: str) -> str:
    return (f"""<?xml version="1.0" encoding="UTF-8"?>
<Message>
  <Header>
    <CollectionDetails>
      <Collection>CIN</Collection>
      <Year>{year}</Year>
      <ReferenceDate>{year}-03-31</ReferenceDate>
    </CollectionDetails>
    <Source>
      <SourceLevel>L</SourceLevel>
      <LEA>{la}</LEA>
      <SoftwareCode>Local Authority</SoftwareCode>
      <Release>ver 1</Release>
      <SerialNo>001</SerialNo>
      <DateTime>{year}-05-01T10:00:00</DateTime>
    </Source>
  </Header>
  <Children>
{children}  </Children>
</Message>
""")


def _write_903(base: Path, tables: dict[str, list[str]]) -> None:
    (base / "ssda903").mkdir(parents=True, exist_ok=True)
    for table, rows in tables.items():
        (base / "ssda903" / f"{table}.csv").write_text("\n".join([COLUMNS[table], *rows]) + "\n", encoding="utf-8")


def write_clean_returns(raw: Path, la: str) -> None:
    """Two years of returns for `la` that break no error-severity rule."""
    for year, tables in CLEAN_903.items():
        base = raw / la / str(year)
        _write_903(base, {t: [_with_upns(r, la) for r in rows] for t, rows in tables.items()})
        if year == 2024:
            (base / "cin_census.xml").write_text(cin_xml(la, year, _with_upns(CIN_CHILD_C + CIN_CHILD_D, la)),
                                                 encoding="utf-8")


@dataclass(frozen=True)
class InjectedFault:
    fault: str
    file: str       # relative to the raw folder
    line: int | None
    child_id: str
    rules: tuple[str, ...]   # any of these rules flagging the row (or the child, for XML) detects it


def write_faulty_returns(raw: Path, la: str) -> list[InjectedFault]:
    """The clean returns plus one instance of every fault, each at a known file and line."""
    write_clean_returns(raw, la)
    faults: list[InjectedFault] = []
    y = raw / la / "2024"
    rel = f"{la}/2024/ssda903"

    def append(table: str, rows: list[str]) -> int:
        """Append rows to a 903 table; returns the line number of the first appended row."""
        path = y / "ssda903" / f"{table}.csv"
        lines = path.read_text(encoding="utf-8").splitlines()
        first = len(lines) + 1
        path.write_text("\n".join(lines + rows) + "\n", encoding="utf-8")
        return first

    header = ["E1,1,01/01/2010,WBRI,{{UPN:56}},,", "F1,1,01/01/2011,WBRI,{{UPN:67}},,",
              "G1,1,01/01/2012,WBRI,{{UPN:78}},,", "H1,1,01/01/2013,WBRI,{{UPN:89}},,",
              "I1,1,01/01/2014,WBRI,{{UPN:90}},,", "K1,1,01/01/2009,WBRI,{{UPN:91}},,",
              "L1,1,01/01/2009,WBRI,{{UPN:91}},,", "M1,1,01/01/2008,WBRI,UN2,,"]
    line = append("header", [_with_upns(h.format(la), la) for h in header])
    faults.append(InjectedFault("possible_duplicate_child", f"{rel}/header.csv", line + 6, "L1", ("CSC-006",)))
    line = append("header", ["M1,1,02/02/2008,WBRI,UN2,,"])
    faults.append(InjectedFault("duplicate_child", f"{rel}/header.csv", line, "M1", ("INT32",)))
    line = append("header", [f"K1,1,01/01/2009,WBRI,{upn(la, 91)},,"])
    faults.append(InjectedFault("duplicate_row", f"{rel}/header.csv", line, "K1", ("CSC-104",)))

    ep = "C2,N1,U1,PR1"
    line = append("episodes", [
        f"E1,01/05/2023,S,{ep},01/02/2024,X1,CARPL,S60 1AA,S61 1AB,XXXXXXX",     # DEC copied from the last episode
        f"E1,01/07/2023,P,C2,N1,U4,PR1,01/02/2024,X1,CARPL,S60 1AA,S62 1AB,",
        f"E1,01/10/2023,P,{ep},01/02/2024,E4A,,S60 1AA,S63 1AB,",
    ])
    faults += [InjectedFault("liquid_logic_end_dates", f"{rel}/episodes.csv", line + i, "E1", ("CSC-001",)) for i in (0, 1)]
    line = append("episodes", [f"F1,01/05/2023,S,{ep},01/08/2023,X1,CARPL,S60 1AA,S61 1AB,XXXXXXX",
                               f"F1,15/07/2023,P,C2,N1,U4,PR1,,,,S60 1AA,S62 1AB,"])
    faults.append(InjectedFault("overlapping_episodes", f"{rel}/episodes.csv", line + 1, "F1", ("CSC-002", "501")))
    line = append("episodes", [f"G1,01/05/2023,S,{ep},01/08/2023,X1,CARPL,S60 1AA,S61 1AB,XXXXXXX",
                               f"G1,10/08/2023,P,C2,N1,U4,PR1,,,,S60 1AA,S62 1AB,"])
    faults.append(InjectedFault("gap_in_period_of_care", f"{rel}/episodes.csv", line + 1, "G1", ("CSC-004", "433")))
    line = append("episodes", [f"H1,01/09/2023,S,{ep},01/06/2023,E4A,,S60 1AA,S61 1AB,XXXXXXX"])
    faults.append(InjectedFault("episode_ends_before_it_starts", f"{rel}/episodes.csv", line, "H1", ("CSC-003", "356")))
    line = append("episodes", [f"I1,01/05/2013,S,{ep},,,,S60 1AA,S61 1AB,XXXXXXX"])
    faults.append(InjectedFault("date_before_birth", f"{rel}/episodes.csv", line, "I1", ("CSC-009", "302")))
    line = append("episodes", [f"J1,01/05/2023,S,{ep},,,,S60 1AA,S61 1AB,XXXXXXX"])
    faults.append(InjectedFault("child_not_in_header", f"{rel}/episodes.csv", line, "J1", ("CSC-014", "INT03")))
    line = append("episodes", [f"K1,01/05/2023,S,C2,N1,X9,PR1,,,,S60 1AA,S61 1AB,XXXXXXX"])
    faults.append(InjectedFault("unknown_code", f"{rel}/episodes.csv", line, "K1", ("146",)))
    line = append("episodes", [f"L1,01/05/2023,S,{ep},31/02/2024,E4A,,S60 1AA,S61 1AB,XXXXXXX"])
    faults.append(InjectedFault("malformed_date", f"{rel}/episodes.csv", line, "L1", ("147",)))
    line = append("episodes", [f"M1,01/05/2023,S,{ep},,,,S60 1AA"])
    faults.append(InjectedFault("corrupted_record", f"{rel}/episodes.csv", line, "M1", ("CSC-101",)))

    line = append("reviews", ["B1,01/07/2015,15/05/2023,PN1"])
    faults.append(InjectedFault("review_before_care", f"{rel}/reviews.csv", line, "B1", ("CSC-010",)))
    line = append("reviews", ["A1,01/03/2012,01/06/2024,PN1"])
    faults.append(InjectedFault("future_date", f"{rel}/reviews.csv", line, "A1", ("CSC-008",)))

    # CIN census: a child with four faults of the case-management system.
    bad_cin = (_with_upns(CIN_CHILD_C.replace("C1", "N1").replace("{UPN:34}", "{UPN:101}"), la)
               .replace("<ReferralSource>2A", "<ReferralSource>Z9")
               .replace("<AssessmentAuthorisationDate>2023-05-30", "<AssessmentAuthorisationDate>2023-05-01")
               .replace("<CINPlanStartDate>2023-06-01</CINPlanStartDate>",
                        "<CINPlanStartDate>2023-06-01</CINPlanStartDate>\n          <CINPlanEndDate>2023-05-20</CINPlanEndDate>")
               .replace("<PrimaryNeedCode>N1</PrimaryNeedCode>",
                        "<PrimaryNeedCode>N1</PrimaryNeedCode>\n        <CINclosureDate>2023-04-20</CINclosureDate>\n"
                        "        <ReasonForClosure>RC1</ReasonForClosure>"))
    xml = y / "cin_census.xml"
    xml.write_text(xml.read_text(encoding="utf-8").replace("  </Children>", bad_cin + "  </Children>"), encoding="utf-8")
    cin = f"{la}/2024/cin_census.xml"
    faults += [
        InjectedFault("unknown_referral_source", cin, None, "N1", ("8866",)),
        InjectedFault("assessment_authorised_before_start", cin, None, "N1", ("CSC-013", "8608")),
        InjectedFault("plan_end_before_start", cin, None, "N1", ("CSC-011", "4011")),
        InjectedFault("referral_after_closure", cin, None, "N1", ("CSC-012", "8630")),
    ]
    return faults
