"""Part 三 of the annual report on a known data set: new, carried over, results by answer type and
applicant, and the carry-over across the year boundary (one year's 结转 is the next year's 上年结转)."""

from __future__ import annotations

import datetime
import io

import pytest
from openpyxl import load_workbook
from wagtail.models import Page, Site

from govsite.content.models import HomePage
from govsite.interaction.disclosure import statistics
from govsite.interaction.disclosure.choices import AnswerReason, AnswerType
from govsite.interaction.disclosure.models import DisclosureRequest
from interaction.disclosure_support import answered, make_page, make_request, step

D = datetime.date
BUSINESS = {
    "applicant_type": "organisation",
    "organisation_category": "business",
    "name": "某公司",
    "id_type": "",
    "id_number": "",
}


def org(category: str) -> dict:
    return {**BUSINESS, "organisation_category": category}


@pytest.fixture
def data(home):
    page = make_page(home)
    # Before 2025
    answered(page, D(2024, 11, 1), D(2024, 11, 20))  # concluded in 2024: not in 2025 at all
    answered(page, D(2024, 12, 20), D(2025, 1, 10))  # carried into 2025, answered there
    still_open, _ = make_request(page, D(2024, 12, 27), **BUSINESS)
    step(still_open, "accept", D(2024, 12, 30))  # open through 2025: carried in and out
    # Received in 2025
    answered(page, D(2025, 3, 3), D(2025, 3, 20), AnswerType.PARTIAL)
    answered(page, D(2025, 4, 1), D(2025, 4, 20), AnswerType.WITHHELD, AnswerReason.THIRD_PARTY, **BUSINESS)
    answered(
        page, D(2025, 5, 6), D(2025, 5, 20), AnswerType.UNAVAILABLE, AnswerReason.NOT_HELD, **org("research")
    )
    answered(page, D(2025, 6, 3), D(2025, 6, 20), AnswerType.REFERRED, **org("public_interest"))
    answered(
        page,
        D(2025, 7, 1),
        D(2025, 7, 10),
        AnswerType.NOT_PROCESSED,
        AnswerReason.REPEATED,
        **org("legal_service"),
    )
    answered(page, D(2025, 8, 1), D(2025, 8, 12), AnswerType.OTHER, AnswerReason.FEE_UNPAID, **org("other"))
    withdrawn, _ = make_request(page, D(2025, 9, 1))
    step(withdrawn, "withdraw", D(2025, 9, 3))
    lapsed, _ = make_request(page, D(2025, 10, 13))
    step(lapsed, "request_completion", D(2025, 10, 14), notice="请补充。", due=D(2025, 10, 31))
    step(
        lapsed,
        "answer",
        D(2025, 11, 3),
        answer_type=AnswerType.OTHER,
        reason=AnswerReason.NOT_COMPLETED,
        text="不再处理。",
    )
    answered(page, D(2025, 12, 29), D(2026, 1, 5))  # received in 2025, answered in 2026: carried out
    # Another site's request never counts here.
    other_home = Page.get_first_root_node().add_child(instance=HomePage(title="其他", slug="other"))
    Site.objects.create(hostname="other.localhost", root_page=other_home)
    answered(make_page(other_home), D(2025, 3, 3), D(2025, 3, 20))
    return DisclosureRequest.objects.filter(site__root_page=home)


def table(data, year):
    return statistics.yearly_table(data, year, title="西地省人民政府")


@pytest.mark.django_db
def test_the_2025_table(data):
    t = table(data, 2025)
    expected = {
        ("new", "natural_person"): 4, ("new", "business"): 1, ("new", "research"): 1, ("new", "public_interest"): 1,
        ("new", "legal_service"): 1, ("new", "other"): 1, ("new", "total"): 9,
        ("carried_in", "natural_person"): 1, ("carried_in", "business"): 1, ("carried_in", "total"): 2,
        ("disclosed", "natural_person"): 1, ("partial", "natural_person"): 1,
        ("withheld:third_party", "business"): 1,
        ("unavailable:not_held", "research"): 1, ("unavailable:not_held", "public_interest"): 1,  # 告知作出处理的机关
        ("not_processed:repeated", "legal_service"): 1,
        ("other:fee_unpaid", "other"): 1,
        ("other:not_completed", "natural_person"): 1,
        ("other:other", "natural_person"): 1,  # the withdrawal
        ("results_total", "total"): 9,
        ("carried_out", "natural_person"): 1, ("carried_out", "business"): 1, ("carried_out", "total"): 2,
    }  # fmt: skip
    for (row, column), value in expected.items():
        assert t.value(row, column) == value, (row, column)
    assert t.value("disclosed") == 1 and t.value("withheld:state_secret") == 0
    assert t.value("new") + t.value("carried_in") == t.value("results_total") + t.value("carried_out")


@pytest.mark.django_db
def test_carry_over_links_consecutive_years(data):
    y2024, y2025, y2026 = table(data, 2024), table(data, 2025), table(data, 2026)
    assert (y2024.value("new"), y2024.value("disclosed"), y2024.value("carried_out")) == (3, 1, 2)
    assert y2024.value("carried_out") == y2025.value("carried_in") == 2
    assert y2025.value("carried_out") == y2026.value("carried_in") == 2
    assert (y2026.value("new"), y2026.value("disclosed"), y2026.value("carried_out")) == (0, 1, 1)
    for t in (y2024, y2025, y2026):
        for column, _label in statistics.COLUMNS:
            assert t.value("new", column) + t.value("carried_in", column) == t.value(
                "results_total", column
            ) + t.value("carried_out", column)


@pytest.mark.django_db
def test_group_headings_carry_no_figures(data):
    rows = {spec.key: values for spec, values in table(data, 2025).rows()}
    assert rows["results"] is None and rows["withheld"] is None and rows["other"] is None
    assert rows["new"] == [4, 1, 1, 1, 1, 1, 9]
    assert len(rows) == len(statistics.ROWS) and len([k for k in rows if k.startswith("withheld:")]) == 8


@pytest.mark.django_db
def test_xlsx_holds_the_same_figures(data):
    sheet = load_workbook(io.BytesIO(statistics.render_xlsx(table(data, 2025)))).active
    rows = list(sheet.iter_rows(values_only=True))
    by_label = {(row[0] or row[1] or row[2]): row[3:] for row in rows[4:]}
    assert by_label["一、本年新收政府信息公开申请数量"] == (4, 1, 1, 1, 1, 1, 9)
    assert by_label["二、上年结转政府信息公开申请数量"] == (1, 1, 0, 0, 0, 0, 2)
    assert by_label["四、结转下年度继续办理"] == (1, 1, 0, 0, 0, 0, 2)
    assert rows[6][0] == "三、本年度办理结果" and rows[6][1] == "（一）予以公开"
    assert next(row for row in rows if row[2] == "4.保护第三方合法权益")[3:] == (0, 1, 0, 0, 0, 0, 1)
    assert next(row for row in rows if row[1] == "（七）总计")[3:] == (4, 1, 1, 1, 1, 1, 9)
    assert "A7:A28" in {str(merged) for merged in sheet.merged_cells.ranges}
