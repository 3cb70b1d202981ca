"""Editors create pages in the Wagtail admin; a Chinese title needs no hand-made slug."""

from wagtail.models import Page
from wagtail.test.utils.form_data import inline_formset, nested_form_data, rich_text

from govsite.columns.models import ColumnPage
from govsite.content.models import ArticlePage, PolicyDocumentPage


def test_add_forms_render_for_every_page_type(admin_client, home, make_column):
    column = make_column()
    for model, parent in [
        ("columns/columnpage", home),
        ("columns/topicpage", home),
        ("content/articlepage", column),
        ("content/policydocumentpage", column),
        ("content/interpretationpage", column),
    ]:
        response = admin_client.get(f"/admin/pages/add/{model}/{parent.pk}/")
        assert response.status_code == 200, model
    assert admin_client.get(f"/admin/pages/{home.pk}/edit/").status_code == 200


def test_column_created_in_admin_gets_a_pinyin_slug(admin_client, home):
    data = nested_form_data({"title": "通知公告", "slug": "", "kind": "notice", "intro": rich_text(""),
                             "action-publish": "publish"})  # fmt: skip
    response = admin_client.post(f"/admin/pages/add/columns/columnpage/{home.pk}/", data)
    assert response.status_code == 302, response.content.decode()[:2000]
    assert ColumnPage.objects.get(title="通知公告").slug == "tzgg"


def test_article_created_in_admin_gets_a_date_slug_and_twins_do_not_clash(admin_client, make_column):
    column = make_column()
    for _ in range(2):
        data = nested_form_data({
            "title": "我市召开安全生产工作会议", "slug": "", "date": "2026-11-20", "source": "市政府办公室",
            "author": "", "body": rich_text("<p>会议强调，要压实安全生产责任。</p>"),
            "attachments": inline_formset([]), "action-publish": "publish",
        })  # fmt: skip
        response = admin_client.post(f"/admin/pages/add/content/articlepage/{column.pk}/", data)
        assert response.status_code == 302, response.content.decode()[:2000]
    assert sorted(ArticlePage.objects.child_of(column).values_list("slug", flat=True)) == [
        "t20261120",
        "t20261120-2",
    ]


def test_policy_form_shows_chinese_errors(admin_client, make_column):
    column = make_column("政策文件", kind="policy")
    data = nested_form_data({
        "title": "关于印发实施方案的通知", "slug": "", "issuer": "西地省人民政府", "doc_no": "三号文",
        "written_date": "2026-11-21", "date": "2026-11-20", "validity": "valid", "subject": "", "keywords": "",
        "source": "", "author": "", "body": rich_text("<p>正文</p>"), "attachments": inline_formset([]),
        "action-publish": "publish",
    })  # fmt: skip
    response = admin_client.post(f"/admin/pages/add/content/policydocumentpage/{column.pk}/", data)
    html = response.content.decode()
    assert response.status_code == 200
    assert "成文日期不能晚于发布日期" in html and "文号格式应为" in html
    assert not PolicyDocumentPage.objects.exists()
    assert Page.objects.filter(title="关于印发实施方案的通知").count() == 0
