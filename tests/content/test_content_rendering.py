"""Every page type renders through the test client, with what a reader expects on it."""

import datetime

from govsite.columns.models import TopicPage
from govsite.content.models import InterpretationPage, PolicyDocumentPage


def html_of(client, page) -> str:
    response = client.get(page.url)
    assert response.status_code == 200, page.url
    return response.content.decode()


def test_home_column_article_policy_interpretation_topic_render(client, home, make_column, make_article):
    news = make_column("工作动态", kind="news")
    policies = make_column("政策文件", kind="policy")
    interpretations = make_column("政策解读", kind="interpretation")
    topic = home.add_child(
        instance=TopicPage(title="优化营商环境", summary="持续打造一流营商环境", show_in_menus=True)
    )
    article = make_article(news, title="省政府召开第十次常务会议", source="省政府办公厅", author="李明")
    policy = make_article(
        policies, title="西地省人民政府关于进一步优化营商环境的实施意见", cls=PolicyDocumentPage,
        issuer="西地省人民政府", written_date=datetime.date(2026, 11, 18), doc_no="西政发〔2026〕3号",
        subject="综合政务/政务公开", keywords="营商环境 实施意见",
    )  # fmt: skip
    interpretation = make_article(
        interpretations, title="《实施意见》政策解读", cls=InterpretationPage, policy=policy
    )
    topic_item = make_article(topic, title="营商环境专题新闻")
    home.body = [("column_list", {"column": news, "heading": "", "count": 5})]
    home.save()

    html = html_of(client, home)
    assert "省政府召开第十次常务会议" in html and "2026-11-20" in html and "更多" in html

    html = html_of(client, news)
    assert "省政府召开第十次常务会议" in html and 'aria-current="page">工作动态' in html

    html = html_of(client, article)
    assert "来源：省政府办公厅" in html and "作者：李明" in html and "当前位置" in html
    assert 'name="PubDate" content="2026-11-20"' in html

    html = html_of(client, policy)
    for text in (
        "索引号",
        "4300000001/2026-00001",
        "西政发〔2026〕3号",
        "2026年11月18日",
        "现行有效",
        "综合政务/政务公开",
        "相关解读",
        "《实施意见》政策解读",
    ):
        assert text in html, text

    html = html_of(client, interpretation)
    assert "解读的文件" in html and "西地省人民政府关于进一步优化营商环境的实施意见" in html

    html = html_of(client, topic)
    assert "持续打造一流营商环境" in html and "营商环境专题新闻" in html
    assert html_of(client, topic_item)


def test_print_view_has_document_and_no_navigation(client, make_column, make_article):
    policy = make_article(
        make_column("政策文件", kind="policy"),
        title="关于做好防汛工作的通知",
        cls=PolicyDocumentPage,
        issuer="西地省人民政府",
        written_date=datetime.date(2026, 11, 1),
    )
    response = client.get(policy.url + "print/")
    html = response.content.decode()
    assert response.status_code == 200
    assert "关于做好防汛工作的通知" in html and "索引号" in html and "本文网址" in html
    assert "栏目导航" not in html


def test_column_list_paginates(client, settings, make_column, make_article):
    settings.GOVSITE_COLUMN_PAGE_SIZE = 3
    column = make_column("通知公告", kind="notice")
    for day in range(1, 8):
        make_article(column, title=f"通知第{day}号", date=datetime.date(2026, 11, day))
    first = client.get(column.url).content.decode()
    assert "通知第7号" in first and "通知第4号" not in first and "第 1 / 3 页，共 7 条" in first
    last = client.get(column.url + "?page=3").content.decode()
    assert "通知第1号" in last and "通知第2号" not in last
    assert client.get(column.url + "?page=abc").status_code == 200


def test_empty_column_says_so(client, make_column):
    assert "本栏目暂无信息" in client.get(make_column("人事信息", kind="personnel").url).content.decode()


def test_search_finds_chinese_phrases_inside_titles(client, make_column, make_article):
    column = make_column()
    make_article(column, title="我市持续优化营商环境取得新成效")
    make_article(column, title="全市防汛工作会议召开")
    html = client.get("/search/", {"q": "营商环境"}).content.decode()
    assert "我市持续优化营商环境取得新成效" in html and "全市防汛工作会议召开" not in html
    assert client.get("/search/", {"q": "x" * 5000}).status_code == 200
    assert client.get("/search/", {"q": "' OR 1=1 --"}).status_code == 200


def test_unknown_page_is_a_chinese_404(client, home):
    response = client.get("/no-such-page/")
    assert response.status_code == 404
