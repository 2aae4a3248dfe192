"""CIN census and workforce census XML: parsed with lxml, validated against the DfE XSD of the
collection year, and flattened into one raw table per repeating element (all values text).

Each raw row carries its element's line in the file, a running number within its table
(`_row`) and the running number of the row it nests in (`_parent_row`), so staging can join a
plan to its child without relying on values that may themselves be wrong.

Two flatteners give the same rows from the same table trees: an XSLT stylesheet run by libxslt
(the CIN census, when its text allows: _fast_path_allowed) and a walk in Python (everything else).
"""

from __future__ import annotations

import io
import re
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.csv as pacsv
from lxml import etree


@dataclass(frozen=True)
class Node:
    table: str
    path: str  # relative to the parent node's element
    fields: dict[str, str]  # raw column -> path relative to this element ('.' = the element's text)
    children: tuple["Node", ...] = field(default_factory=tuple)
    passes: tuple[str, ...] = ()  # fields copied into every descendant row (the keys of the enclosing element)


CIN_TREE = Node(
    "children", "Children/Child",
    {
        "LAchildID": "ChildIdentifiers/LAchildID", "UPN": "ChildIdentifiers/UPN",
        "FormerUPN": "ChildIdentifiers/FormerUPN", "UPNunknown": "ChildIdentifiers/UPNunknown",
        "PersonBirthDate": "ChildIdentifiers/PersonBirthDate",
        "ExpectedPersonBirthDate": "ChildIdentifiers/ExpectedPersonBirthDate",
        "GenderCurrent": "ChildIdentifiers/GenderCurrent", "PersonDeathDate": "ChildIdentifiers/PersonDeathDate",
        "Ethnicity": "ChildCharacteristics/Ethnicity",
    },
    (
        Node("disabilities", "ChildCharacteristics/Disabilities/Disability", {"Disability": "."}),
        Node(
            "cin_details", "CINdetails",
            {
                "CINreferralDate": "CINreferralDate", "ReferralSource": "ReferralSource",
                "PrimaryNeedCode": "PrimaryNeedCode", "CINclosureDate": "CINclosureDate",
                "ReasonForClosure": "ReasonForClosure", "DateOfInitialCPC": "DateOfInitialCPC",
                "ReferralNFA": "ReferralNFA",
            },
            (
                Node(
                    "assessments", "Assessments",
                    {
                        "AssessmentActualStartDate": "AssessmentActualStartDate",
                        "AssessmentInternalReviewDate": "AssessmentInternalReviewDate",
                        "AssessmentAuthorisationDate": "AssessmentAuthorisationDate",
                    },
                    (Node("assessment_factors", "FactorsIdentifiedAtAssessment/AssessmentFactors",
                          {"AssessmentFactors": "."}),),
                    passes=("AssessmentActualStartDate",),
                ),
                Node("cin_plans", "CINPlanDates", {"CINPlanStartDate": "CINPlanStartDate",
                                                   "CINPlanEndDate": "CINPlanEndDate"}),
                Node(
                    "section47", "Section47",
                    {
                        "S47ActualStartDate": "S47ActualStartDate", "InitialCPCtarget": "InitialCPCtarget",
                        "DateOfInitialCPC": "DateOfInitialCPC", "ICPCnotRequired": "ICPCnotRequired",
                    },
                ),
                Node(
                    "cp_plans", "ChildProtectionPlans",
                    {
                        "CPPstartDate": "CPPstartDate", "CPPendDate": "CPPendDate",
                        "InitialCategoryOfAbuse": "InitialCategoryOfAbuse",
                        "LatestCategoryOfAbuse": "LatestCategoryOfAbuse",
                        "NumberOfPreviousCPP": "NumberOfPreviousCPP",
                    },
                    (Node("cp_reviews", "Reviews/CPPreviewDate", {"CPPreviewDate": "."}),),
                    passes=("CPPstartDate",),
                ),
            ),
            passes=("CINreferralDate",),
        ),
    ),
    passes=("LAchildID",),
)

CSWW_WORKER_FIELDS = [
    "AgencyWorker", "SWENo", "FTE", "PersonBirthDate", "GenderCurrent", "Ethnicity", "QualInst",
    "QualLevel", "StepUpGrad", "OrgRole", "RoleStartDate", "StartOrigin", "RoleEndDate",
    "LeaverDestination", "ReasonLeave", "FTE30", "Cases30", "WorkingDaysLost", "ContractWeeks",
    "FrontlineGrad", "Absat30Sept", "ReasonAbsence", "CFKSSstatus",
]
CSWW_TREES = (
    Node("workers", "CSWWWorker", {f: f for f in CSWW_WORKER_FIELDS}),
    Node("vacancies", "LALevelVacancies", {"NumberOfVacancies": "NumberOfVacancies",
                                           "NoAgencyFTE": "NoAgencyFTE",
                                           "NoAgencyHeadcount": "NoAgencyHeadcount"}),
)
TREES = {"cin_census": (CIN_TREE,), "csww": CSWW_TREES}


def _tables(nodes, inherited=()) -> dict[str, list[str]]:
    out: dict[str, list[str]] = {}
    for node in nodes:
        out[node.table] = list(inherited) + [f for f in node.fields if f not in inherited]
        out.update(_tables(node.children, tuple(inherited) + node.passes))
    return out


TABLES = {ret: _tables(trees) for ret, trees in TREES.items()}
PARENT = {}
_NODES: dict[tuple[str, str], Node] = {}  # (return, table) -> its node
for _ret, _trees in TREES.items():
    _stack = [(t, None) for t in _trees]
    while _stack:
        _n, _p = _stack.pop()
        PARENT[(_ret, _n.table)] = _p
        _NODES[(_ret, _n.table)] = _n
        _stack.extend((c, _n.table) for c in _n.children)


def _text(elem, path: str) -> str | None:
    if path == ".":
        target = elem
    else:
        target = elem.find(path)
    if target is None:
        return None
    return (target.text or "").strip()


def _strip_ns(root, path: Path | None = None, data: bytes | None = None) -> None:
    # Some LA systems write a default namespace the DfE schema does not declare; match on local names.
    if path is not None and not _declares_namespace(path, data):  # the usual case: nothing to strip
        return
    for el in root.iter():
        if isinstance(el.tag, str) and el.tag.startswith("{"):
            el.tag = etree.QName(el).localname


@dataclass(frozen=True)
class _Plan:
    """A node's paths split into steps once, so that flattening reads each element's children in
    one pass, looking their tags up (C-speed dict lookups), rather than evaluating a path per field."""
    steps: tuple[str, ...]
    own_text: str | None  # the column that takes the element's own text ('.'), if any
    direct: dict[str, str]  # child tag -> column
    grouped: dict[str, dict[str, str]]  # child tag -> {grandchild tag -> column}
    deep: tuple[tuple[str, str], ...]  # (column, path of three steps or more)
    children: tuple["_Plan", ...]
    node: Node
    # child tag -> the nested nodes whose path starts with it, each with the rest of its path
    starts: dict[str, tuple[tuple[int, tuple[str, ...]], ...]] = field(default_factory=dict)


def _plan(node: Node, inherited: tuple[str, ...] = ()) -> _Plan:
    own_text, direct, grouped, deep = None, {}, {}, []
    for col, path in node.fields.items():
        # A row's own value and an inherited one never share a name (the walk sets both once).
        assert col not in inherited, (node.table, col)
        parts = path.split("/")
        if path == ".":
            own_text = col
        elif len(parts) == 1:
            direct[path] = col
        elif len(parts) == 2:
            grouped.setdefault(parts[0], {})[parts[1]] = col
        else:
            deep.append((col, path))
    assert not set(direct) & set(grouped), node.table  # a child tag is a value or a group, not both
    passed = inherited + node.passes
    children = tuple(_plan(c, passed) for c in node.children)
    starts: dict[str, list] = {}
    for i, child in enumerate(children):
        starts.setdefault(child.steps[0], []).append((i, child.steps[1:]))
    return _Plan(tuple(node.path.split("/")), own_text, direct, grouped, tuple(deep), children, node,
                 {tag: tuple(found) for tag, found in starts.items()})


PLANS = {ret: tuple(_plan(t) for t in trees) for ret, trees in TREES.items()}


def _iter_steps(elem, steps: tuple[str, ...]):
    """The elements a path of child tags reaches under elem. One step (most paths) is lxml's own
    iterator, with no Python generator frame per element."""
    if len(steps) == 1:
        return elem.iterchildren(steps[0])
    return (found for child in elem.iterchildren(steps[0]) for found in _iter_steps(child, steps[1:]))


def _walk(plan: _Plan, elems, parent_row, inherited: dict, tables: dict, counters: dict,
          load_error: str | None, error_code: str | None) -> None:
    """Append a row to tables[plan's table] for each of elems (the elements the plan's path reaches
    under one parent, in document order), then the rows of the nodes nested in each. A value is the
    stripped text of the first child (or grandchild) with its tag, as find() would give; "" when
    that element is empty; absent (null in Arrow) when there is none.

    Each element's children are read once: the same pass takes the row's values and finds the
    elements of the nested nodes, so a nested node is walked only under elements that hold some
    (walking every node under every element cost a call per element and node: 1.3 M calls for ten
    LAs' CIN censuses, most of them finding nothing). A module-level function, not a closure: a
    recursive closure is a reference cycle that keeps a whole file's rows alive until Python's
    cyclic collector happens to run (a worker grew by ~18 MB a file)."""
    node = plan.node
    rows = tables[node.table]
    direct, grouped, own_text, starts = plan.direct, plan.grouped, plan.own_text, plan.starts
    scan_children = bool(direct or grouped or starts)
    rownum = counters[node.table]
    for elem in elems:
        rownum += 1
        row = {"_line": elem.sourceline, "_row": rownum, "_parent_row": parent_row, "_load_error": load_error,
               "_load_error_code": error_code}
        if inherited:
            row.update(inherited)
        if own_text is not None:
            row[own_text] = (elem.text or "").strip()
        nested = None
        if scan_children:
            groups_seen = None
            for child in elem:
                tag = child.tag
                found = starts.get(tag)
                if found is not None:
                    if nested is None:
                        nested = [[] for _ in plan.children]
                    for i, rest in found:
                        if rest:
                            nested[i].extend(_iter_steps(child, rest))
                        else:
                            nested[i].append(child)
                col = direct.get(tag)
                if col is not None:
                    if col not in row:
                        row[col] = (child.text or "").strip()
                    continue
                fields = grouped.get(tag)
                if fields is None:
                    continue
                if groups_seen is None:
                    groups_seen = set()
                elif tag in groups_seen:
                    continue
                groups_seen.add(tag)
                for grandchild in child:
                    col = fields.get(grandchild.tag)
                    if col is not None and col not in row:
                        row[col] = (grandchild.text or "").strip()
        for col, path in plan.deep:
            target = elem.find(path)
            if target is not None:
                row[col] = (target.text or "").strip()
        rows.append(row)
        counters[node.table] = rownum
        if nested is not None:
            passed = dict(inherited)
            for k in node.passes:
                passed[k] = row.get(k)
            for child_plan, child_elems in zip(plan.children, nested):
                if child_elems:
                    _walk(child_plan, child_elems, rownum, passed, tables, counters, load_error, error_code)


def read_file(path: Path, return_name: str, year: int, la_code: str, xsd: Path | None,
              data: bytes | None = None):
    """Parse, validate and flatten one file (`data`: its bytes, when the caller has read them).

    The file is parsed from its bytes in memory: libxml2 reading the file itself took a quarter
    longer (a county's 30 MB census: 166 ms against 131 ms).

    Returns (tables, issues, header, stats) where tables maps table -> its rows: a list of row dicts
    (with _line, _row, _parent_row, _load_error, _load_error_code) from _walk, or an Arrow table
    (_line, _row, _parent_row and the values; no load error) from the stylesheet; issues is a list
    of (line, element, value, reason, severity, reason_code), header holds the LEA and Year the
    file declares and stats says how many elements of a broken file were never read.
    """
    issues: list[tuple] = []
    load_error = None
    stats = {"elements_not_read": None}
    parser = etree.XMLParser(remove_blank_text=False, huge_tree=True, resolve_entities=False, no_network=True)
    try:
        data = path.read_bytes() if data is None else data
        tree = etree.parse(io.BytesIO(data), parser)
    except etree.XMLSyntaxError as exc:
        line = exc.lineno or 0
        load_error = f"file is not well-formed XML (line {line}: {exc.msg}); rows salvaged from it are quarantined"
        recover = etree.XMLParser(recover=True, huge_tree=True, resolve_entities=False, no_network=True)
        try:
            tree = etree.parse(io.BytesIO(data), recover)
        except etree.XMLSyntaxError:
            tree = None
        root = tree.getroot() if tree is not None else None
        if not data:
            issues.append((1, None, None, "file is empty: no XML at all", "error", "empty_file"))
            return {t: [] for t in TABLES[return_name]}, issues, {}, stats
        stats["elements_not_read"], in_file = _elements_not_read(data, line, root)
        past = (f"of the {in_file} elements written from line {line} on, {stats['elements_not_read']} were never read"
                if in_file else "nothing follows the break: the file ends there (truncated?)")
        issues.append((line, None, None, f"XML is not well-formed: {exc.msg}; {past}", "error", "xml_not_well_formed"))
        if root is None:
            return {t: [] for t in TABLES[return_name]}, issues, {}, stats
    root = tree.getroot()
    _strip_ns(root, path, data)
    header = {
        "lea": _text(root, "Header/Source/LEA"),
        "year": _text(root, "Header/CollectionDetails/Year"),
        "collection": _text(root, "Header/CollectionDetails/Collection"),
        "reference_date": _text(root, "Header/CollectionDetails/ReferenceDate"),
    }
    if load_error is None and xsd is not None:
        schema, zero_checked = _schema(xsd)
        found = []
        if not schema.validate(tree):
            for err in schema.error_log:
                element, message = _element_of(err.path), err.message
                if element in zero_checked:  # any other bad value: in the words of the DfE's type
                    message = message.replace("'xs:nonNegativeInteger'", "'xs:positiveInteger'")
                found.append((err.line, element, None, f"XSD ({xsd.name}): {message}",
                              _xsd_severity(message), "xsd"))
        for tag in zero_checked:
            for elem in root.iter(tag):
                text = elem.text or ""
                if _ZERO.match(text):
                    message = f"Element '{tag}': '{text}' is not a valid value of the atomic type 'xs:positiveInteger'."
                    found.append((elem.sourceline, tag, None, f"XSD ({xsd.name}): {message}",
                                  _xsd_severity(message), "xsd"))
        found.sort(key=lambda issue: issue[0] or 0)  # document order, as the validator reports them
        issues.extend(found)

    tables = None
    if load_error is None and return_name in STYLESHEET_RETURNS and _fast_path_allowed(data):
        tables = _flatten_fast(root, return_name)
    if tables is None:
        tables = {t: [] for t in TABLES[return_name]}
        counters = {t: 0 for t in tables}
        error_code = load_error and "salvaged_from_malformed_xml"
        for top in PLANS[return_name]:
            _walk(top, _iter_steps(root, top.steps), None, {}, tables, counters, load_error, error_code)
    if load_error is None:
        _correct_long_lines(data, return_name, tables)
    return tables, issues, header, stats


# libxml2 keeps an element's line in 16 bits. Past line 65535 it finds the line through the
# element's first child node, and a text node's line is where that text ends: an element written
# over several lines (<Child>, then its children indented on the lines below) is given the line
# after its start tag. Every county's CIN census runs past that line.
_LINE_LIMIT = 65535
_TAG_END = np.frombuffer(b" \t\r\n/>", np.uint8)


def _correct_long_lines(data: bytes, return_name: str, tables: dict) -> None:
    """Give the rows at or past line 65535 the line of their element's start tag, found in the
    file's bytes: the k-th start tag of a table's element in the text is its k-th row, since both
    are in document order.

    Only where that is certain: a file with no comment, CDATA section, instruction or document
    type (none can hide a tag), no carriage return standing alone (libxml2 counts it as a line
    break), and, for each table, as many start tags of its element as rows (a stray element of the
    same name elsewhere, or one with a namespace prefix, leaves the table as libxml2 gave it), whose
    lines below the limit agree with libxml2's (which gives a start tag written over several lines
    the line of its '>'). Changes `tables` in place."""
    lines_of = {}
    for table, rows in tables.items():
        if len(rows):
            lines = rows.column("_line").to_numpy() if isinstance(rows, pa.Table) else \
                np.array([r["_line"] for r in rows], np.int64)
            if lines.max() >= _LINE_LIMIT:
                lines_of[table] = lines
    if not lines_of or not _plain_text(data) or (b"\r" in data and data.count(b"\r") != data.count(b"\r\n")):
        return
    text = np.frombuffer(data, np.uint8)
    opens = np.flatnonzero(text[:-2] == ord("<"))
    opens = opens[text[opens + 1] != ord("/")]  # start tags only (half the '<' are end tags)
    pairs = text[opens + 1].astype(np.uint16) << 8 | text[opens + 2]  # the two bytes after each '<'
    breaks = np.flatnonzero(text == ord("\n"))
    for table, lines in lines_of.items():
        rows = tables[table]
        arrow = isinstance(rows, pa.Table)
        starts = _start_tags(text, opens, pairs, _NODES[(return_name, table)].path.split("/")[-1])
        if len(starts) != len(lines):
            continue
        # the line of each start tag's '<' (one written over several lines would not agree with
        # libxml2's, the line of its '>', below the limit: the check leaves such a table as it is)
        found = np.searchsorted(breaks, starts) + 1
        below = lines < _LINE_LIMIT
        if not np.array_equal(found[below], lines[below]):
            continue
        corrected = np.where(below, lines, found)
        if arrow:
            tables[table] = rows.set_column(rows.schema.get_field_index("_line"), "_line",
                                            pa.array(corrected, pa.int64()))
        else:
            for row, line in zip(rows, corrected.tolist()):
                row["_line"] = line


def _start_tags(text: np.ndarray, opens: np.ndarray, pairs: np.ndarray, tag: str) -> np.ndarray:
    """Offsets of the start tags of `tag` (no namespace prefix) in the text, in order: the '<'
    whose next two bytes begin the name, then the rest of the name and a byte that ends it."""
    name = tag.encode()
    found = opens[pairs == (name[0] << 8 | name[1])]
    found = found[found + len(name) + 1 < len(text)]
    for i in range(2, len(name)):
        found = found[text[found + 1 + i] == name[i]]
    return found[np.isin(text[found + 1 + len(name)], _TAG_END)]


def _elements_not_read(data: bytes, line: int, root) -> tuple[int, int]:
    """(elements written from the break's line on that the recovering parser did not return, all
    elements written from that line on), counting start tags in the text without an XML parser."""
    offset = 0
    for _ in range(max(line - 1, 0)):
        nxt = data.find(b"\n", offset)
        if nxt < 0:
            break
        offset = nxt + 1
    written = len(_START_TAG.findall(data, offset))
    read = 0 if root is None else sum(
        1 for el in root.iter() if isinstance(el.tag, str) and (el.sourceline or 0) >= line)
    return max(written - read, 0), written


_START_TAG = re.compile(rb"<[A-Za-z_]")


def _declares_namespace(path: Path, data: bytes | None = None) -> bool:
    """Whether the file's text declares any namespace (an element can only be in one if it does)."""
    return b"xmlns" in (path.read_bytes() if data is None else data)


_SCHEMAS: dict[str, tuple[etree.XMLSchema, tuple[str, ...]]] = {}
# Elements the DfE XSD types positiveInteger although real returns write 0 in most of them
# (NumberOfPreviousCPP: a first plan has none before it). libxml2 reports each such value as an
# error, and an error costs the validator some 0.2 ms: a county's CIN census has thousands, which
# made validation ten times slower than for a file without them. They are validated as
# nonNegativeInteger, and the values that only positiveInteger refuses (zero, however written) are
# reported here with the validator's own message, line and element: the findings are the same.
_ZERO_CHECKED = ("NumberOfPreviousCPP",)
_ZERO = re.compile(r"^[ \t\r\n]*[+-]?0+[ \t\r\n]*$")
_XS = "{http://www.w3.org/2001/XMLSchema}"


def _schema(xsd: Path) -> tuple[etree.XMLSchema, tuple[str, ...]]:
    """The compiled XSD, and the elements whose zeros read_file reports itself (see _ZERO_CHECKED)."""
    key = str(xsd)
    if key not in _SCHEMAS:
        doc = etree.parse(key)
        checked = []
        for decl in doc.iter(f"{_XS}element"):
            prefix, _, base = (decl.get("type") or "").rpartition(":")
            if decl.get("name") in _ZERO_CHECKED and base == "positiveInteger":
                decl.set("type", f"{prefix}:nonNegativeInteger" if prefix else "nonNegativeInteger")
                checked.append(decl.get("name"))
        _SCHEMAS[key] = (etree.XMLSchema(doc), tuple(sorted(set(checked))))
    return _SCHEMAS[key]


def _element_of(xpath: str | None) -> str | None:
    if not xpath:
        return None
    last = xpath.rstrip("/").split("/")[-1]
    return last.split("[")[0] or None


def _xsd_severity(message: str) -> str:
    # A first plan has 0 previous plans: real returns say 0 although the published XSD types the
    # element positiveInteger. Report it, never let it cost the plan.
    if "NumberOfPreviousCPP" in message and "'0'" in message:
        return "info"
    return "warning"


# --- The fast flattener -------------------------------------------------------------------------
# _walk visits every row element from Python: for a CIN census that took three times as long as
# libxml2's parse of the file, the largest part of a loader worker's time at England scale. The same
# flattening is written below as an XSLT stylesheet, generated from the trees above, that libxslt
# runs in C over the parsed tree. It writes one text line a row (its table, its element's line in
# the file, then each value), which Arrow's CSV reader turns into columns; the running numbers,
# parent rows and inherited keys are then computed on whole columns.
#
# It is only taken where its text is certain to mean what _walk would read (see _fast_path_allowed);
# every other file, and any file whose text lines do not parse as exact rows, goes through _walk.

# The returns read by the stylesheet. A CIN census (deep, narrow rows) took 64 ms a file against
# 118 ms through _walk and Arrow (ten files of 5 MB, one core); a workforce census (one level of
# wide rows, most fields often absent) took 5.2 ms against 2.2 ms: an absent field costs XPath a
# scan of every child, where _walk reads the children once.
STYLESHEET_RETURNS = ("cin_census",)
_XSL = "http://www.w3.org/1999/XSL/Transform"
_SAXON = "http://icl.com/saxon"  # libxslt's saxon:line-number(): the line libxml2 gives sourceline


def _xpath_of(path: str) -> str:
    """A field path as _walk reads it: the first element at each step (a direct child, or the
    first child of the first group element) or, for three steps or more, the first match in
    document order (as find() gives)."""
    parts = path.split("/")
    if len(parts) <= 2:
        return "/".join(f"{p}[1]" for p in parts)
    return f"({path})[1]"


def _stylesheet_text(return_name: str) -> tuple[str, dict[str, int], int]:
    """(XSLT text, table -> its code in the output, values per line) for one return."""
    tables = list(TABLES[return_name])
    codes = {t: i for i, t in enumerate(tables)}
    width = max(len(_NODES[(return_name, t)].fields) for t in tables)
    out = []

    def emit(node: Node) -> None:
        fields = list(node.fields.items())
        out.append(f'<xsl:for-each select="{node.path}">')
        out.append(f'<xsl:text>{codes[node.table]}&#9;</xsl:text><xsl:value-of select="saxon:line-number()"/>')
        for _, path in fields:
            out.append("<xsl:text>&#9;</xsl:text>")
            if path == ".":
                # the element's own text: present, and its first child node if that is text (lxml's .text)
                out.append('<xsl:text>=</xsl:text><xsl:value-of select="node()[1][self::text()]"/>')
            else:
                xp = _xpath_of(path)
                # present: "=" and the element's first text node (.text); absent: nothing (null)
                out.append(f'<xsl:for-each select="{xp}"><xsl:text>=</xsl:text>'
                           f'<xsl:value-of select="node()[1][self::text()]"/></xsl:for-each>')
        out.append("<xsl:text>" + "&#9;" * (width - len(fields)) + "&#10;</xsl:text>")
        for child in node.children:
            emit(child)
        out.append("</xsl:for-each>")

    out.append('<xsl:template match="/"><xsl:for-each select="*">')
    for top in TREES[return_name]:
        emit(top)
    out.append("</xsl:for-each></xsl:template>")
    text = (f'<xsl:stylesheet version="1.0" xmlns:xsl="{_XSL}" xmlns:saxon="{_SAXON}" '
            f'extension-element-prefixes="saxon"><xsl:output method="text" encoding="UTF-8"/>'
            + "".join(out) + "</xsl:stylesheet>")
    return text, codes, width


_STYLESHEETS: dict[str, tuple] = {}


def _stylesheet(return_name: str):
    if return_name not in _STYLESHEETS:
        text, codes, width = _stylesheet_text(return_name)
        _STYLESHEETS[return_name] = (etree.XSLT(etree.XML(text)), codes, width)
    return _STYLESHEETS[return_name]


# Text in the file that _walk and the stylesheet would read differently: CDATA sections (lxml's
# .text joins them to the text around them), comments and processing instructions (a value is the
# text before the first of them), and a document type (it may declare entities that stay unresolved).
_SLOW_MARKERS = (b"<![CDATA[", b"<!--", b"<!DOCTYPE")


def _fast_path_allowed(data: bytes) -> bool:
    """Whether the stylesheet may read the file (its own name, so that a test can send a file to
    the walk without also turning off _correct_long_lines, which asks _plain_text too)."""
    return _plain_text(data)


def _plain_text(data: bytes) -> bool:
    """Whether the file's text holds nothing but elements, their text and the XML declaration.
    Each marker is looked for only once its rarest character is in the text ('!', '?'): a search
    for '<!' or '<?' stops at every '<' of a 24 MB census (70 ms a file, against 10 ms)."""
    if data.find(b"!") >= 0 and any(marker in data for marker in _SLOW_MARKERS):
        return False
    # processing instructions other than the XML declaration at the very start
    start = data.find(b"?>") + 2 if data[:64].lstrip(b"\xef\xbb\xbf \t\r\n").startswith(b"<?xml") else 0
    return data.find(b"?", start) < 0 or data.find(b"<?", start) < 0


def _flatten_fast(root, return_name: str) -> dict[str, pa.Table] | None:
    """The rows _walk would give, as Arrow tables of the columns _line, _row, _parent_row and
    the values (inherited keys first, as TABLES orders them); None when the stylesheet's text is
    not exact rows (a value holding a tab or a line break), for _walk to read the file.

    Arrow's reader is told every line has exactly the table code, the line and `width` values,
    with no quoting: a tab inside a value adds a field, and a line break splits a line into two
    that each lack some, so either makes it raise rather than read a value into another column or
    row. The one break it lets through is at the very end of a row's last value: that leaves an
    empty line, which the reader skips, and trailing white space is stripped from the value anyway."""
    xslt, codes, width = _stylesheet(return_name)
    text = bytes(xslt(root))
    if not text:  # no row at all: Arrow's reader refuses an empty text
        return {t: pa.table({c: pa.array([], pa.int64() if c.startswith("_") else pa.string())
                             for c in ["_line", "_row", "_parent_row"] + cols})
                for t, cols in TABLES[return_name].items()}
    names = ["t", "l"] + [f"v{i}" for i in range(width)]
    try:
        lines = pacsv.read_csv(
            io.BytesIO(text),
            read_options=pacsv.ReadOptions(column_names=names, use_threads=False),
            parse_options=pacsv.ParseOptions(delimiter="\t", quote_char=False, escape_char=False,
                                             double_quote=False, newlines_in_values=False,
                                             ignore_empty_lines=True),
            convert_options=pacsv.ConvertOptions(column_types={n: pa.string() for n in names[2:]}
                                                 | {"t": pa.int32(), "l": pa.int64()},
                                                 strings_can_be_null=False, quoted_strings_can_be_null=False),
        )
    except pa.ArrowInvalid:
        return None
    out: dict[str, pa.Table] = {}
    code_col = lines.column("t")
    order = {}  # table -> the indices of its lines in the output
    for table, code in codes.items():
        order[table] = pc.indices_nonzero(pc.equal(code_col, code))
    for top in TREES[return_name]:
        _columns_of(top, None, None, lines, order, codes, out, return_name)
    return out


def _columns_of(node: Node, parent: Node | None, running: pa.Array | None, lines: pa.Table, order: dict,
                codes: dict, out: dict, return_name: str) -> None:
    """The Arrow table of node's rows into out[node.table], then its children's; `running`: the
    running count of parent rows at each line of the stylesheet's text."""
    table = node.table
    idx = order[table]
    n = len(idx)
    cols: dict[str, pa.Array] = {"_line": pc.take(lines.column("l"), idx).combine_chunks()}
    cols["_row"] = pa.array(range(1, n + 1), pa.int64())
    if parent is None:
        cols["_parent_row"] = pa.nulls(n, pa.int64())
    else:
        cols["_parent_row"] = pc.take(running, idx)
        parent_cols = out[parent.table]
        taken = pc.subtract(cols["_parent_row"], 1)
        for key in [c for c in TABLES[return_name][table] if c not in node.fields]:
            cols[key] = pc.take(parent_cols.column(key), taken)
    for i, col in enumerate(node.fields):
        raw = pc.take(lines.column(f"v{i}"), idx)
        present = pc.not_equal(raw, "")
        value = pc.utf8_trim_whitespace(pc.utf8_slice_codeunits(raw, 1))
        cols[col] = pc.if_else(present, value, pa.scalar(None, pa.string())).combine_chunks()
    ordered = ["_line", "_row", "_parent_row"] + TABLES[return_name][table]
    out[table] = pa.table({c: cols[c] for c in ordered})
    if node.children:
        # Lines come out in document order, each row's before its nested rows: a row's parent is
        # the last row of the parent table written before it (counted once for all its children).
        is_parent = pc.equal(lines.column("t"), codes[table]).combine_chunks()
        running = pc.cumulative_sum(pc.cast(is_parent, pa.int64()))
        for child in node.children:
            _columns_of(child, node, running, lines, order, codes, out, return_name)
