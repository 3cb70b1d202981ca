"""Column feeds (validated with feedparser), the per-site sitemap and the site-filtered API v2."""

from __future__ import annotations

import xml.etree.ElementTree as ET

import feedparser
import pytest
from django.core.files.base import ContentFile
from wagtail.documents import get_document_model

from govsite.columns.models import ColumnPage
from govsite.content.models import ArticleAttachment
from govsite.syndication.pages import SharedColumnPage, SharedColumnSource
from syndication.conftest import CITY_HOST, publish_article

SITEMAP_NS = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9"}


@pytest.fixture
def content(cluster):
    news = cluster.province.add_child(instance=ColumnPage(title="工作动态", kind="news"))
    city_news = cluster.city.add_child(instance=ColumnPage(title="工作动态", kind="news"))
    items = [
        publish_article(news, "省政府召开常务会议研究部署冬季工作", source="省政府办公厅"),
        publish_article(news, "副省长调研重点项目建设<情况>", body='<p>正文 & "引号"</p>'),
    ]
    draft = publish_article(news, "草稿：尚未发布的信息稿件")
    draft.unpublish()
    city_item = publish_article(city_news, "云川市召开经济运行分析会议")
    return news, city_news, items, draft, city_item


@pytest.mark.django_db
@pytest.mark.parametrize(("kind", "version"), [("rss", "rss20"), ("atom", "atom10")])
def test_column_feeds_are_valid(client, content, kind, version):
    news, _, items, draft, _ = content
    response = client.get(f"/feeds/{news.pk}/{kind}.xml")
    assert response.status_code == 200
    assert response["Content-Type"].startswith(
        "application/rss+xml" if kind == "rss" else "application/atom+xml"
    )
    feed = feedparser.parse(response.content)
    assert feed.bozo == 0, feed.get("bozo_exception")
    assert feed.version == version
    assert feed.feed.title == "工作动态 - 西地省人民政府门户网站"
    assert feed.feed.link == news.get_full_url()
    titles = [entry.title for entry in feed.entries]
    assert set(titles) == {item.title for item in items} and draft.title not in titles
    for entry in feed.entries:
        assert entry.link.startswith("http://localhost/") and entry.id and entry.published_parsed
        assert entry.get("summary") or entry.get("content")
    quoted = next(entry for entry in feed.entries if "<情况>" in entry.title)
    assert '"引号"' in (quoted.get("summary") or quoted.content[0].value)


@pytest.mark.django_db
def test_a_column_feed_is_served_by_its_own_site_only(client, content):
    news, city_news, *_ = content
    assert client.get(f"/feeds/{city_news.pk}/rss.xml").status_code == 404  # the default site asks
    response = client.get(f"/feeds/{city_news.pk}/rss.xml", HTTP_HOST=CITY_HOST)
    assert response.status_code == 200 and feedparser.parse(response.content).bozo == 0
    assert client.get(f"/feeds/{news.get_parent().pk}/rss.xml").status_code == 404  # a home page is no column


@pytest.mark.django_db
def test_shared_column_has_a_valid_feed_of_subsite_items(client, cluster, content):
    news, city_news, _, _, city_item = content
    shared = SharedColumnPage(title="市县动态", slug="sxdt")
    shared.sources.add(SharedColumnSource(column=city_news))
    news.add_child(instance=shared)
    feed = feedparser.parse(client.get(f"/feeds/{shared.pk}/atom.xml").content)
    assert feed.bozo == 0 and feed.version == "atom10"
    assert [entry.link for entry in feed.entries] == [city_item.get_full_url()]


@pytest.mark.django_db
def test_sitemap_lists_the_sites_published_pages_only(client, content):
    news, _city_news, items, draft, city_item = content
    response = client.get("/sitemap.xml")
    assert response.status_code == 200
    locations = {node.text for node in ET.fromstring(response.content).findall("s:url/s:loc", SITEMAP_NS)}
    assert {item.get_full_url() for item in items} <= locations
    assert news.get_full_url() in locations
    assert draft.get_full_url() not in locations
    assert city_item.get_full_url() not in locations  # another site's page
    city = client.get("/sitemap.xml", HTTP_HOST=CITY_HOST)
    city_locations = {node.text for node in ET.fromstring(city.content).findall("s:url/s:loc", SITEMAP_NS)}
    assert city_item.get_full_url() in city_locations and not locations & city_locations


@pytest.mark.django_db
def test_api_pages_are_filtered_to_the_requesting_or_named_site(client, content):
    _news, _city_news, items, draft, city_item = content
    titles = {page["title"] for page in client.get("/api/v2/pages/?limit=20").json()["items"]}
    assert {item.title for item in items} <= titles
    assert city_item.title not in titles and draft.title not in titles
    by_host = {page["title"] for page in client.get("/api/v2/pages/", HTTP_HOST=CITY_HOST).json()["items"]}
    by_param = {page["title"] for page in client.get(f"/api/v2/pages/?site={CITY_HOST}").json()["items"]}
    assert city_item.title in by_host and by_host == by_param
    assert not by_param & {item.title for item in items}
    assert client.post("/api/v2/pages/", {}).status_code == 405  # read-only


@pytest.mark.django_db
def test_api_documents_are_those_the_sites_published_pages_use(client, content):
    _news, _city_news, items, draft, city_item = content
    Document = get_document_model()

    def attach(page, title: str):
        document = Document(title=title)
        document.file.save(f"{title}.pdf", ContentFile(b"%PDF-1.4 test"), save=True)
        page.attachments.add(ArticleAttachment(document=document))
        page.save()
        return document

    public = attach(items[0], "省政府工作报告")
    private = attach(draft, "未发布的附件")
    city_doc = attach(city_item, "云川市政府工作报告")
    Document.objects.create(title="未使用的文件", file=public.file.name)
    listed = {doc["title"] for doc in client.get("/api/v2/documents/").json()["items"]}
    assert listed == {public.title}
    city_listed = {doc["title"] for doc in client.get(f"/api/v2/documents/?site={CITY_HOST}").json()["items"]}
    assert city_listed == {city_doc.title}
    assert private.title not in listed | city_listed
    assert client.get("/api/v2/images/").json()["meta"]["total_count"] == 0
