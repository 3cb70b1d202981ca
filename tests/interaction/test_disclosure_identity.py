"""Checksums of the identity numbers on the application form: 居民身份证 (GB 11643) and 统一社会信用代码 (GB 32100)."""

from __future__ import annotations

import datetime

import pytest

from govsite.interaction.disclosure import identity


@pytest.mark.parametrize(
    "number",
    [
        "11010519491231002X",
        "11010519491231002x",
        "430102199003077230 ",
        "４４０３０５１９８５１２３１００１８",
    ],
)
def test_valid_resident_ids(number):
    """Spaces, lower-case x and full-width digits are what people type; they are accepted."""
    assert identity.resident_id_problem(number, today=datetime.date(2025, 1, 1)) is None


@pytest.mark.parametrize(
    ("number", "problem"),
    [
        ("110105194912310021", "校验位不正确"),  # last character changed
        ("11010519491231002", "应为18位"),
        ("1101051949123100XX", "应为18位"),
        ("110105491231002", "15位身份证已停止使用"),
        ("00010519491231002X", "行政区划代码"),
        ("110105194902300025", "出生日期不正确"),  # 30 February
        ("110105203001010010", "出生日期不正确"),  # born in the future
    ],
)
def test_invalid_resident_ids_say_why(number, problem):
    assert problem in identity.resident_id_problem(number, today=datetime.date(2025, 1, 1))


def test_every_check_character_is_reachable_and_only_it_passes():
    first17 = "43010219900101123"
    right = identity.resident_id_check_char(first17)
    assert identity.resident_id_problem(first17 + right, today=datetime.date(2025, 1, 1)) is None
    for wrong in "0123456789X".replace(right, ""):
        assert "校验位" in identity.resident_id_problem(first17 + wrong, today=datetime.date(2025, 1, 1))


@pytest.mark.parametrize(
    "code", ["91350100M000100Y43", "91110000802100433B", "91440300708461136T", "91350100m000100y43"]
)
def test_valid_credit_codes(code):
    assert identity.credit_code_problem(code) is None


@pytest.mark.parametrize(
    ("code", "problem"),
    [
        ("91350100M000100Y44", "校验位不正确"),
        ("91350100M000100Y4", "应为18位"),
        ("91350100M0001O0Y43", "只能由数字和大写字母组成"),  # letter O is not in the alphabet
        ("913501A0M000100Y43", "第3至8位为行政区划代码"),
    ],
)
def test_invalid_credit_codes_say_why(code, problem):
    assert problem in identity.credit_code_problem(code)


def test_credit_code_check_character_zero_when_sum_divides():
    # Find a body whose weighted sum is a multiple of 31: its check character must be "0", not "Y"+1.
    for tail in range(1000):
        body = f"91430100MA{tail:07d}"
        if identity.credit_code_check_char(body) == "0":
            assert identity.credit_code_problem(body + "0") is None
            return
    pytest.fail("no body with check character 0 found")


@pytest.mark.parametrize(
    ("number", "ok"),
    [
        ("E12345678", True),
        ("H1234567801", True),
        ("A12", False),
        ("AB-12345678901234567890", False),
        ("护照号", False),
    ],
)
def test_travel_documents_are_checked_loosely(number, ok):
    assert (identity.travel_document_problem(number) is None) is ok
