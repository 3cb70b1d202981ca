"""Personal data masked wherever the public can see it (来信选登, replies, exports for the public).

Structured fields are masked by what they are (`mask_name`, `mask_phone`, `mask_id_number`,
`mask_address`); free text (a letter's content, a reply) by `mask_text`, which finds ID numbers, phone
numbers, e-mail addresses, house numbers and the name after "我叫" or "姓名：" in it. Masking keeps enough for a
reader to follow the letter (the surname, the phone's first three and last four digits, the district)
and never the whole.
"""

from __future__ import annotations

import re

MASK = "*"

# Two-character surnames (复姓) in common use; everything else is a one-character surname.
COMPOUND_SURNAMES = frozenset(
    [
        "欧阳",
        "司马",
        "上官",
        "诸葛",
        "东方",
        "皇甫",
        "尉迟",
        "公孙",
        "慕容",
        "长孙",
        "宇文",
        "司徒",
        "夏侯",
        "轩辕",
        "令狐",
        "端木",
        "独孤",
        "南宫",
        "西门",
        "申屠",
        "公羊",
        "澹台",
        "公冶",
        "太史",
        "仲孙",
        "钟离",
        "闻人",
        "赫连",
        "呼延",
        "万俟",
        "单于",
        "濮阳",
        "淳于",
        "百里",
        "东郭",
        "拓跋",
    ]
)


def mask_name(name: str) -> str:
    """张三 → 张*, 张三丰 → 张**, 欧阳修文 → 欧阳**; a name of one character is masked whole."""
    name = name.strip()
    if not name:
        return ""
    keep = 2 if name[:2] in COMPOUND_SURNAMES and len(name) > 2 else 1
    if len(name) <= keep:
        return MASK * len(name)
    return name[:keep] + MASK * (len(name) - keep)


_DIGITS = re.compile(r"\d")


def mask_phone(phone: str) -> str:
    """13812341234 → 138****1234; 0731-88881234 → 0731-****1234; short numbers keep only their last two."""
    digits = _DIGITS.findall(phone)
    if len(digits) == 11 and digits[0] == "1":
        return "".join(digits[:3]) + MASK * 4 + "".join(digits[-4:])
    if "-" in phone:
        area, _, number = phone.partition("-")
        return f"{area}-{_keep_last(number.strip(), 4)}"
    return _keep_last(phone.strip(), 4 if len(digits) > 8 else 2)


def mask_id_number(number: str) -> str:
    """430102199001011234 → 430***********1234 (15-digit numbers alike)."""
    number = number.strip()
    if len(number) < 8:
        return MASK * len(number)
    return number[:3] + MASK * (len(number) - 7) + number[-4:]


# Where the address stops being an area and starts being a door: the first number or building word.
_ADDRESS_DETAIL = re.compile(r"[\d０-９一二三四五六七八九十百]+\s*(?:号|栋|幢|单元|室|楼|层|组|号院|号楼)|\d")


def mask_address(address: str) -> str:
    """西地省云川市青山区解放路2号3栋501 → 西地省云川市青山区解放路****: the street stays, the door goes."""
    address = address.strip()
    match = _ADDRESS_DETAIL.search(address)
    if match is None:
        return address
    return address[: match.start()] + MASK * 4


def _keep_last(text: str, count: int) -> str:
    if len(text) <= count:
        return MASK * len(text)
    return MASK * (len(text) - count) + text[-count:]


# --- free text ------------------------------------------------------------------------------------

# Digit runs are bounded on both sides by a non-digit so that a 文号 or an amount is never cut apart.
_ID_NUMBER = re.compile(r"(?<![\dA-Za-z])(?:\d{17}[\dXx]|\d{15})(?![\dA-Za-z])")
_MOBILE = re.compile(r"(?<!\d)(?:\+?86[-\s]?)?1[3-9]\d[-\s]?\d{4}[-\s]?\d{4}(?!\d)")
_LANDLINE = re.compile(r"(?<![\d-])0\d{2,3}[-－]\d{7,8}(?!\d)")
_EMAIL = re.compile(r"([A-Za-z0-9._%+-])[A-Za-z0-9._%+-]*(@[A-Za-z0-9.-]+\.[A-Za-z]{2,})")
_HOUSE = re.compile(r"\d+\s*(?:栋|幢|单元|号楼|室)(?:\s*\d+\s*(?:栋|幢|单元|号楼|室|号))*")
_SELF_NAME = re.compile(
    r"((?:我叫|本人叫|本人姓名[:：]?|姓名[:：]|联系人[:：])\s*)([\u4e00-\u9fff]{2,4}?)(?=[，,。.；;、\s（(]|$)"
)
_NOT_NAMES = re.compile(
    r"^(?:一名|一个|本地|当地|外地|市民|村民|居民|业主|家长|学生|老师|网友|群众|退休|该|这)"
)


def mask_text(text: str) -> str:
    """Mask the personal data a writer put in free text."""
    text = _ID_NUMBER.sub(lambda m: mask_id_number(m.group()), text)
    text = _MOBILE.sub(lambda m: mask_phone(m.group()), text)
    text = _LANDLINE.sub(lambda m: mask_phone(m.group()), text)
    text = _EMAIL.sub(lambda m: f"{m.group(1)}{MASK * 3}{m.group(2)}", text)
    text = _HOUSE.sub(lambda m: MASK * 3 + _unit_word(m.group()), text)
    return _SELF_NAME.sub(_masked_self_name, text)


def _unit_word(found: str) -> str:
    return re.findall(r"栋|幢|单元|号楼|室|号", found)[-1]


def _masked_self_name(match: re.Match[str]) -> str:
    name = match.group(2)
    if _NOT_NAMES.match(name):
        return match.group(0)
    return match.group(1) + mask_name(name)
