import datetime

import pytest
from django.core.exceptions import ValidationError

from govsite.content.models import PolicyDocumentPage


def policy(**fields) -> PolicyDocumentPage:
    values = {
        "title": "西地省人民政府关于进一步优化营商环境的实施意见",
        "slug": "policy-1",
        "issuer": "西地省人民政府",
        "written_date": datetime.date(2026, 3, 5),
        "date": datetime.date(2026, 3, 10),
        "doc_no": "西政发〔2026〕3号",
        "body": "<p>各市州人民政府：</p>",
    }
    values.update(fields)
    return PolicyDocumentPage(**values)


def test_written_after_published_is_refused_in_chinese(make_column):
    column = make_column("政策文件", kind="policy")
    page = policy(written_date=datetime.date(2026, 3, 11))
    page.path, page.depth = column.path + "0001", column.depth + 1  # clean without saving
    with pytest.raises(ValidationError) as error:
        page.full_clean()
    assert error.value.message_dict["written_date"] == ["成文日期不能晚于发布日期"]


def test_written_on_publication_day_is_allowed(make_column):
    column = make_column("政策文件", kind="policy")
    page = column.add_child(instance=policy(written_date=datetime.date(2026, 3, 10)))
    page.full_clean()


def test_bad_document_number_is_refused_in_chinese(make_column):
    column = make_column("政策文件", kind="policy")
    page = policy(doc_no="第三号文件")
    page.path, page.depth = column.path + "0001", column.depth + 1
    with pytest.raises(ValidationError) as error:
        page.full_clean()
    assert "文号格式应为" in error.value.message_dict["doc_no"][0]


def test_document_number_brackets_are_normalised(make_column):
    column = make_column("政策文件", kind="policy")
    page = column.add_child(instance=policy(doc_no="西政发[2026]3号"))
    page.full_clean()
    assert page.doc_no == "西政发〔2026〕3号"


def test_index_numbers_follow_site_code_year_and_sequence(make_column):
    column = make_column("政策文件", kind="policy")
    first = column.add_child(instance=policy())
    second = column.add_child(instance=policy(slug="policy-2", doc_no="西政发〔2026〕4号"))
    older = column.add_child(
        instance=policy(
            slug="policy-3",
            doc_no="",
            date=datetime.date(2025, 12, 30),
            written_date=datetime.date(2025, 12, 29),
        )
    )
    assert (first.index_no, second.index_no, older.index_no) == (
        "4300000001/2026-00001",
        "4300000001/2026-00002",
        "4300000001/2025-00001",
    )
    second.title = "修改标题"
    second.save()
    assert second.index_no == "4300000001/2026-00002"  # an edit keeps the number


def test_body_is_sanitised_on_save(make_column, make_article):
    column = make_column()
    page = make_article(
        column,
        body='<p onclick="steal()">正文<script>alert(1)</script></p><a href="javascript:alert(1)">链接</a>',
    )
    page.refresh_from_db()
    assert "script" not in page.body and "onclick" not in page.body and "javascript:" not in page.body
    assert "正文" in page.body
