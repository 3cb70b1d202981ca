"""Checks of the identity numbers an applicant writes on the 政府信息公开申请表.

Pure functions (no Django): each returns why a number is wrong, in Chinese, or None when it is right.

- 居民身份证号码 (GB 11643-1999): 17 digits and an ISO 7064 MOD 11-2 check character (0–9 or X), with a real
  birth date in digits 7–14 and a known province-level division code in the first two digits.
- 统一社会信用代码 (GB 32100-2015): 18 characters from the code's alphabet (digits and upper-case letters
  without I, O, Z, S, V) and a MOD 31 check character.
- Other travel documents are checked loosely (letters and digits of a plausible length): their formats
  change and differ by issuing authority.
"""

from __future__ import annotations

import datetime
import re

from govsite.core.identifiers import PROVINCE_PREFIXES

_ID_WEIGHTS = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)
_ID_CHECK = "10X98765432"
# Residence permits for people from Taiwan (83), Hong Kong (81) and Macao (82) follow the same scheme;
# 71 is reserved for Taiwan in GB/T 2260.
_ID_REGIONS = frozenset(PROVINCE_PREFIXES) - {"66"} | {"71", "81", "82", "83"}
_ID_SHAPE = re.compile(r"^\d{17}[\dX]$")

CREDIT_CODE_ALPHABET = "0123456789ABCDEFGHJKLMNPQRTUWXY"
_CREDIT_WEIGHTS = (1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28)
_CREDIT_SHAPE = re.compile(rf"^[{CREDIT_CODE_ALPHABET}]{{2}}\d{{6}}[{CREDIT_CODE_ALPHABET}]{{10}}$")

_DOCUMENT_SHAPE = re.compile(r"^[A-Z0-9][A-Z0-9-]{4,19}$")


def normalize_code(text: str) -> str:
    """Upper case without spaces; full-width letters and digits folded to ASCII."""
    folded = "".join(chr(ord(ch) - 0xFEE0) if "！" <= ch <= "～" else ch for ch in text)
    return re.sub(r"\s+", "", folded).upper()


def resident_id_check_char(first17: str) -> str:
    return _ID_CHECK[
        sum(int(digit) * weight for digit, weight in zip(first17, _ID_WEIGHTS, strict=True)) % 11
    ]


def resident_id_problem(number: str, today: datetime.date | None = None) -> str | None:
    """Why ``number`` is not a valid 18-digit 居民身份证号码, or None."""
    number = normalize_code(number)
    if len(number) == 15 and number.isdigit():
        return "15位身份证已停止使用，请填写18位居民身份证号码"
    if not _ID_SHAPE.match(number):
        return "居民身份证号码应为18位，前17位为数字，最后一位为数字或X"
    if number[:2] not in _ID_REGIONS:
        return "身份证号码前两位不是有效的行政区划代码"
    try:
        born = datetime.date(int(number[6:10]), int(number[10:12]), int(number[12:14]))
    except ValueError:
        return "身份证号码中的出生日期不正确"
    if born.year < 1900 or born > (today or datetime.date.today()):
        return "身份证号码中的出生日期不正确"
    if resident_id_check_char(number[:17]) != number[17]:
        return "身份证号码校验位不正确，请核对后重新填写"
    return None


def credit_code_check_char(first17: str) -> str:
    total = sum(
        CREDIT_CODE_ALPHABET.index(ch) * weight for ch, weight in zip(first17, _CREDIT_WEIGHTS, strict=True)
    )
    return CREDIT_CODE_ALPHABET[(31 - total % 31) % 31]


def credit_code_problem(code: str) -> str | None:
    """Why ``code`` is not a valid 统一社会信用代码 (GB 32100-2015), or None."""
    code = normalize_code(code)
    if len(code) != 18:
        return "统一社会信用代码应为18位"
    if not _CREDIT_SHAPE.match(code):
        return "统一社会信用代码只能由数字和大写字母组成（不含I、O、Z、S、V），第3至8位为行政区划代码"
    if credit_code_check_char(code[:17]) != code[17]:
        return "统一社会信用代码校验位不正确，请核对后重新填写"
    return None


def travel_document_problem(number: str) -> str | None:
    """A loose check of passports and permits: 5–20 letters, digits or dashes."""
    if not _DOCUMENT_SHAPE.match(normalize_code(number)):
        return "证件号码应为5至20位字母或数字"
    return None
