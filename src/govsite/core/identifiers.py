"""Formats of the identifiers every Chinese government site and document carries.

Pure functions (no Django) so that the platform's validators and the crawler's extractors agree.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

# First two digits of administrative division codes (GB/T 2260), which open every local site code.
PROVINCE_PREFIXES: dict[str, str] = {
    "11": "北京", "12": "天津", "13": "河北", "14": "山西", "15": "内蒙古",
    "21": "辽宁", "22": "吉林", "23": "黑龙江",
    "31": "上海", "32": "江苏", "33": "浙江", "34": "安徽", "35": "福建", "36": "江西", "37": "山东",
    "41": "河南", "42": "湖北", "43": "湖南", "44": "广东", "45": "广西", "46": "海南",
    "50": "重庆", "51": "四川", "52": "贵州", "53": "云南", "54": "西藏",
    "61": "陕西", "62": "甘肃", "63": "青海", "64": "宁夏", "65": "新疆", "66": "新疆生产建设兵团",
}  # fmt: skip

# One-character province abbreviations used in ICP and public-security filing numbers.
PROVINCE_ABBREVIATIONS = "京津冀晋蒙辽吉黑沪苏浙皖闽赣鲁豫鄂湘粤桂琼渝川蜀贵黔云滇藏陕秦甘陇青宁新"

_SITE_CODE = re.compile(r"^(?:bm\d{8}|\d{10})$")
_ICP = re.compile(rf"^[{PROVINCE_ABBREVIATIONS}]ICP备\d{{6,11}}号(?:-\d{{1,3}})?$")
_POLICE = re.compile(rf"^[{PROVINCE_ABBREVIATIONS}]公网安备\s?\d{{14}}号$")


def site_code_problem(code: str) -> str | None:
    """Why ``code`` is not a valid 网站标识码, or None when it is.

    Local sites: ten digits opening with a province's division code (e.g. 1100000088);
    State Council departments: ``bm`` and eight digits (e.g. bm01000001 for www.gov.cn).
    """
    if not _SITE_CODE.match(code):
        return "网站标识码应为10位：地方网站为10位数字，国务院部门网站为“bm”加8位数字"
    if code[0].isdigit() and code[:2] not in PROVINCE_PREFIXES:
        return f"网站标识码前两位“{code[:2]}”不是有效的省级行政区划代码"
    return None


def icp_problem(number: str) -> str | None:
    if not _ICP.match(number):
        return "ICP备案号格式应为“省简称ICP备”加数字和“号”，例如“京ICP备05070218号”"
    return None


def police_filing_problem(number: str) -> str | None:
    if not _POLICE.match(number):
        return "公安机关备案号格式应为“省简称公网安备”加14位数字和“号”，例如“京公网安备11010502030143号”"
    return None


# 文号: issuer abbreviation, year in brackets, sequence number, 号 — e.g. 国办发〔2014〕57号.
# Real pages use many bracket variants; the standard (GB/T 9704) is the tortoise-shell 〔〕.
_BRACKET_VARIANTS = str.maketrans({"[": "〔", "]": "〕", "［": "〔", "］": "〕", "【": "〔", "】": "〕",
                                   "(": "〔", ")": "〕", "（": "〔", "）": "〕", "﹝": "〔", "﹞": "〕",
                                   "{": "〔", "}": "〕"})  # fmt: skip
_DOC_NO = re.compile(r"^(?P<prefix>[\u4e00-\u9fa5]{1,20})〔(?P<year>\d{4})〕(?P<seq>\d{1,5})号$")
# Decrees carry no year: 国令第707号, 省政府令第12号.
_DECREE_NO = re.compile(r"^(?P<prefix>[\u4e00-\u9fa5]{1,20}令)第(?P<seq>\d{1,5})号$")


@dataclass(frozen=True, slots=True)
class DocumentNumber:
    prefix: str
    year: int | None
    seq: int

    def __str__(self) -> str:
        if self.year is None:
            return f"{self.prefix}第{self.seq}号"
        return f"{self.prefix}〔{self.year}〕{self.seq}号"


def parse_document_number(text: str) -> DocumentNumber | None:
    """Parse a 文号, tolerating bracket variants and stray spaces; None if it is not one."""
    compact = re.sub(r"\s+", "", text).translate(_BRACKET_VARIANTS)
    if match := _DOC_NO.match(compact):
        return DocumentNumber(match["prefix"], int(match["year"]), int(match["seq"]))
    if match := _DECREE_NO.match(compact):
        return DocumentNumber(match["prefix"], None, int(match["seq"]))
    return None


def document_number_problem(text: str) -> str | None:
    parsed = parse_document_number(text)
    if parsed is None:
        return "文号格式应为“发文机关代字〔年份〕序号号”，例如“国办发〔2014〕57号”"
    if parsed.year is not None and not 1949 <= parsed.year <= 2100:
        return f"文号中的年份“{parsed.year}”不正确"
    return None
