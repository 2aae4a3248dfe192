"""The children in need census XML for one collection year, in the DfE schema of that year
(CINPlanDates only where the schema has it)."""

from __future__ import annotations

from pathlib import Path

from lxml import etree

from .dates import iso, year_end, year_start
from .lifecourse import World
from .reference import xsd_facts

SOFTWARE = "cscare synthetic generator"

# NumberOfPreviousCPP is the true count of previous plans, 0 for a first plan, as LAs return it.
# The published XSDs type it xs:positiveInteger, so a first plan is the one schema finding that
# clean output carries; the loader reports it as information and loses nothing.
PREVIOUS_CPP_OFFSET = 0


def _children_for_year(world: World, ys: int, ye: int):
    """(child, CIN episodes open at some point in the year), in LAchildID order."""
    index = getattr(world, "_cin_index", None)
    if index is None:
        # for each child: the first referral and the last closure (None: still open)
        index = []
        for child in world.sorted_children():
            if not child.cin:
                continue
            first = min(ep.referral for ep in child.cin)
            closures = [ep.closure for ep in child.cin]
            last = None if any(c is None for c in closures) else max(closures)
            index.append((first, last, child))
        world._cin_index = index
    for first, last, child in index:
        if first > ye or (last is not None and last < ys):
            continue
        eps = [ep for ep in child.cin
               if ep.referral <= ye and (ep.closure is None or ep.closure >= ys)]
        if eps:
            yield child, eps


def _factors(codes, allowed):
    """Assessment factors spelt with the codes of the year's schema: 18B/18C and 19B/19C were
    18A and 19A before 2021; newer codes fall back to 20 (other)."""
    out = []
    for code in codes:
        if code not in allowed:
            code = code[:-1] + "A" if code[:-1] + "A" in allowed else "20"
        if code not in out:
            out.append(code)
    return out


def _episode_element(ep, ys, ye, with_cin_plans, enums):
    E = etree.Element
    det = E("CINdetails")

    sub = etree.SubElement

    def add(parent, tag, text):
        sub(parent, tag).text = text

    closed = ep.closure is not None and ep.closure <= ye
    add(det, "CINreferralDate", iso(ep.referral))
    add(det, "ReferralSource", ep.source)
    if ep.need:
        add(det, "PrimaryNeedCode", ep.need)
    if closed:
        add(det, "CINclosureDate", iso(ep.closure))
        reason = ep.reason
        if reason == "RC8" and "RC9" in enums["reasonforclosuretype"] and ep.referral % 5 < 2:
            reason = "RC9"  # closed after assessment and referred to early help (from 2022-23)
        add(det, "ReasonForClosure", reason)
    for start, auth, factors in ep.assessments:
        if start > ye:
            continue
        done = auth is not None and auth <= ye
        if done and auth < ys:
            continue
        a = etree.SubElement(det, "Assessments")
        add(a, "AssessmentActualStartDate", iso(start))
        if done:
            add(a, "AssessmentAuthorisationDate", iso(auth))
            f = etree.SubElement(a, "FactorsIdentifiedAtAssessment")
            for code in _factors(factors, enums["assessmentfactorstype"]):
                add(f, "AssessmentFactors", code)
    if with_cin_plans:
        for start, end in ep.cin_plans:
            if start > ye or (end is not None and end < ys):
                continue
            p = etree.SubElement(det, "CINPlanDates")
            add(p, "CINPlanStartDate", iso(start))
            if end is not None and end <= ye:
                add(p, "CINPlanEndDate", iso(end))
    for start, target, icpc in ep.s47s:
        if start > ye:
            continue
        held = icpc is not None and icpc <= ye
        if held and icpc < ys:
            continue
        if not held and start < ys:
            continue
        s = etree.SubElement(det, "Section47")
        add(s, "S47ActualStartDate", iso(start))
        add(s, "InitialCPCtarget", iso(target))
        if held:
            add(s, "DateOfInitialCPC", iso(icpc))
        add(s, "ICPCnotRequired", "false" if (icpc is not None) else "true")
    add(det, "ReferralNFA", "true" if ep.nfa else "false")
    for plan in ep.cp_plans:
        if plan.start > ye or (plan.end is not None and plan.end < ys):
            continue
        c = etree.SubElement(det, "ChildProtectionPlans")
        add(c, "CPPstartDate", iso(plan.start))
        if plan.end is not None and plan.end <= ye:
            add(c, "CPPendDate", iso(plan.end))
        add(c, "InitialCategoryOfAbuse", plan.initial)
        add(c, "LatestCategoryOfAbuse", plan.latest)
        add(c, "NumberOfPreviousCPP", str(plan.previous + PREVIOUS_CPP_OFFSET))
        reviews = [r for r in plan.reviews if ys <= r <= ye]
        if reviews:
            rv = etree.SubElement(c, "Reviews")
            for r in reviews:
                add(rv, "CPPreviewDate", iso(r))
    return det


def write_year(world: World, year: int, path: Path) -> int:
    """Write cin_census.xml; return the number of children."""
    ys, ye = year_start(year), year_end(year)
    enums, elements = xsd_facts("cin_census", year)
    with_cin_plans = "CINPlanDates" in elements
    path.parent.mkdir(parents=True, exist_ok=True)
    n = 0
    with open(path, "wb") as f:
        f.write(b'<?xml version="1.0" encoding="UTF-8"?>\n<Message>\n')
        header = etree.Element("Header")
        cd = etree.SubElement(header, "CollectionDetails")
        for tag, text in (("Collection", "CIN"), ("Year", str(year)), ("ReferenceDate", iso(ye))):
            etree.SubElement(cd, tag).text = text
        src = etree.SubElement(header, "Source")
        for tag, text in (("SourceLevel", "L"), ("LEA", world.la_code), ("SoftwareCode", SOFTWARE),
                          ("Release", "1"), ("SerialNo", "001"),
                          ("DateTime", f"{year}-05-01T09:00:00")):
            etree.SubElement(src, tag).text = text
        write_element(f, header, 1)
        f.write(b"  <Children>\n")
        for child, eps in _children_for_year(world, ys, ye):
            c = etree.Element("Child")
            ids = etree.SubElement(c, "ChildIdentifiers")
            etree.SubElement(ids, "LAchildID").text = child.cid
            upn = child.upn_on(ye)
            if upn.startswith("UN"):
                etree.SubElement(ids, "UPNunknown").text = upn
            else:
                etree.SubElement(ids, "UPN").text = upn
            unborn = child.dob > ye
            if unborn:
                # an unborn child: expected date of birth, gender 0 (not known), ethnicity not
                # yet obtained, no disability; the expected date is the date the child is born
                etree.SubElement(ids, "ExpectedPersonBirthDate").text = iso(child.dob)
                etree.SubElement(ids, "GenderCurrent").text = "0"
            else:
                etree.SubElement(ids, "PersonBirthDate").text = iso(child.dob)
                etree.SubElement(ids, "GenderCurrent").text = str(child.sex)
            if child.died is not None and child.died <= ye:
                etree.SubElement(ids, "PersonDeathDate").text = iso(child.died)
            ch = etree.SubElement(c, "ChildCharacteristics")
            etree.SubElement(ch, "Ethnicity").text = "NOBT" if unborn else child.ethnic
            dis = etree.SubElement(ch, "Disabilities")
            for d in (() if unborn else child.disabilities) or ("NONE",):
                etree.SubElement(dis, "Disability").text = d
            for ep in eps:
                c.append(_episode_element(ep, ys, ye, with_cin_plans, enums))
            write_element(f, c, 2)
            n += 1
        f.write(b"  </Children>\n</Message>\n")
    return n



def write_element(f, el, level: int):
    """Write el pretty-printed, one element per line, indented to `level`."""
    etree.indent(el, space="  ", level=level)
    f.write(b"  " * level + etree.tostring(el, encoding="UTF-8") + b"\n")
