"""Unique Pupil Numbers (UPN) with a valid DfE check letter.

A UPN is 13 characters: a check letter, the 3-digit LA number of the issuing school's
authority, a 4-digit establishment number, the last two digits of the year of issue and a
3-digit serial. The check letter is the sum of characters 2-13 weighted 2..13, modulo 23,
mapped onto the alphabet without I, O and S.
"""

from __future__ import annotations

CHECK_LETTERS = "ABCDEFGHJKLMNPQRTUVWXYZ"


def check_letter(body12: str) -> str:
    """The check letter for the 12 characters that follow it (all digits here)."""
    if len(body12) != 12:
        raise ValueError("a UPN body is 12 characters")
    total = 0
    for weight, ch in enumerate(body12, start=2):
        if ch.isdigit():
            value = int(ch)
        else:  # temporary UPNs end in a letter, valued by its position in CHECK_LETTERS
            value = CHECK_LETTERS.index(ch.upper())
        total += weight * value
    return CHECK_LETTERS[total % 23]


def is_valid(upn: str) -> bool:
    return (
        isinstance(upn, str)
        and len(upn) == 13
        and upn[0] in CHECK_LETTERS
        and upn[1:12].isdigit()
        and (upn[12].isdigit() or upn[12] in CHECK_LETTERS)
        and check_letter(upn[1:]) == upn[0]
    )


def make_upn(rng, la_number: str, issue_year: int) -> str:
    """A permanent UPN issued by a school in `la_number` in `issue_year`."""
    establishment = 1000 + int(rng.random() * 6999)  # 2xxx primary, 4xxx secondary, 7xxx special
    serial = int(rng.random() * 1000)
    body = f"{la_number}{establishment:04d}{issue_year % 100:02d}{serial:03d}"
    return check_letter(body) + body
