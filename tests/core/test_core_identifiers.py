import pytest

from govsite.core.identifiers import (
    DocumentNumber,
    document_number_problem,
    icp_problem,
    parse_document_number,
    police_filing_problem,
    site_code_problem,
)


@pytest.mark.parametrize("code", ["bm01000001", "1100000088", "4300000001", "6600000012"])
def test_valid_site_codes(code):
    assert site_code_problem(code) is None


@pytest.mark.parametrize(
    ("code", "fragment"),
    [
        ("", "10位"),
        ("110000008", "10位"),  # nine digits
        ("11000000881", "10位"),  # eleven digits
        ("BM01000001", "10位"),  # upper-case prefix is not the standard form
        ("bm0100000", "10位"),
        ("9900000001", "“99”不是有效的省级行政区划代码"),
        ("0000000001", "“00”"),
    ],
)
def test_invalid_site_codes_say_why_in_chinese(code, fragment):
    assert fragment in site_code_problem(code)


@pytest.mark.parametrize("number", ["京ICP备05070218号", "京ICP备05070218号-1", "湘ICP备123456号-12"])
def test_valid_icp(number):
    assert icp_problem(number) is None


@pytest.mark.parametrize("number", ["ICP备05070218号", "京ICP证05070218号", "京ICP备号", "Beijing ICP 0507"])
def test_invalid_icp(number):
    assert "ICP备案号" in icp_problem(number)


@pytest.mark.parametrize("number", ["京公网安备11010502030143号", "京公网安备 11010502030143号"])
def test_valid_police_filing(number):
    assert police_filing_problem(number) is None


@pytest.mark.parametrize("number", ["京公网安备1101050203014号", "公网安备11010502030143号"])
def test_invalid_police_filing(number):
    assert "公安机关备案号" in police_filing_problem(number)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("国办发〔2014〕57号", DocumentNumber("国办发", 2014, 57)),
        ("国办发[2014]57号", DocumentNumber("国办发", 2014, 57)),
        ("国办发（2014）57号", DocumentNumber("国办发", 2014, 57)),
        ("国办发【2014】57号", DocumentNumber("国办发", 2014, 57)),
        ("国办发 ﹝2014﹞ 57号", DocumentNumber("国办发", 2014, 57)),
        ("国办秘函〔2019〕19号", DocumentNumber("国办秘函", 2019, 19)),
        ("国办发明电〔2020〕1号", DocumentNumber("国办发明电", 2020, 1)),
        ("国令第707号", DocumentNumber("国令", None, 707)),
    ],
)
def test_document_numbers_parse_in_every_bracket_variant(text, expected):
    assert parse_document_number(text) == expected
    assert document_number_problem(text) is None


def test_document_number_prints_standard_brackets():
    assert str(parse_document_number("云政发[2025]3号")) == "云政发〔2025〕3号"
    assert str(parse_document_number("国令第707号")) == "国令第707号"


@pytest.mark.parametrize(
    "text", ["57号", "国办发2014年57号", "国办发〔14〕57号", "〔2014〕57号", "国办发〔2014〕第57号"]
)
def test_malformed_document_numbers_are_refused(text):
    assert "文号格式" in document_number_problem(text)


def test_document_number_year_out_of_range():
    assert "年份" in document_number_problem("国办发〔1800〕1号")
