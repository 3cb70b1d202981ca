"""External sources read from a local server: RSS and Atom through feedparser, a crawled list page through
the inspector's list extractor, all through the bounded fetch (size, redirects)."""

from __future__ import annotations

import datetime
import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest
from django.utils import timezone

from govsite.columns.models import ColumnPage
from govsite.content.models import ArticlePage
from govsite.supervision.crawler.limits import CrawlLimits
from govsite.syndication.models import RepostItem, RepostSource, RepostState, SourceKind, TimePrecision
from govsite.syndication.polling import poll_source
from govsite.syndication.reposting import repost
from govsite.syndication.upstream import UpstreamError
from syndication.conftest import editor_of

RSS = """<?xml version="1.0" encoding="{encoding}"?>
<rss version="2.0"><channel><title>中国政府网 最新政策</title><link>http://www.gov.example/</link>
<description>国务院文件</description>
<item><title>国务院办公厅关于进一步优化营商环境的意见</title><link>http://www.gov.example/zhengce/1.htm</link>
<description>&lt;p&gt;为深入贯彻落实党中央、国务院决策部署……&lt;/p&gt;</description>
<pubDate>{recent}</pubDate></item>
<item><title>点击查看最新的通知内容</title><link>javascript:alert(1)</link><pubDate>{recent}</pubDate></item>
<item><title>国务院关于印发“十五五”规划纲要的通知</title><link>/zhengce/2.htm</link>
<pubDate>Mon, 02 Mar 2020 08:00:00 +0800</pubDate></item>
</channel></rss>"""

ATOM = """<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom"><title>国务院部门动态</title><id>urn:gov:dept</id>
<updated>{recent}</updated>
<entry><title>生态环境部发布空气质量状况</title><id>urn:gov:dept:1</id>
<link href="http://www.gov.example/bumen/1.htm"/><updated>{recent}</updated>
<content type="html">&lt;p&gt;全国339个城市空气质量总体稳定。&lt;/p&gt;</content></entry>
</feed>"""

LIST_PAGE = """<!DOCTYPE html><html><head><meta charset="utf-8"><title>通知公告</title></head><body>
<div class="nav"><a href="/">首页</a><a href="/tzgg/">通知公告</a></div>
<div class="list"><h2>通知公告</h2><ul>
<li><a href="/tzgg/a1.html">关于做好今冬明春森林防火工作的通知</a><span>{today}</span></li>
<li><a href="/tzgg/a2.html">关于公布第三批重点项目名单的通知公告</a><span>{today}</span></li>
<li><a href="/tzgg/a0.html">关于去年度安全检查情况的通报文件</a><span>2020-01-02</span></li>
</ul></div></body></html>"""

ARTICLE = """<!DOCTYPE html><html><head><meta charset="utf-8"><title>关于做好今冬明春森林防火工作的通知</title></head>
<body><div class="nav"><a href="/">首页</a></div><h1>关于做好今冬明春森林防火工作的通知</h1>
<p class="info">发布日期：{today} 来源：省应急管理厅</p>
<div class="TRS_Editor"><p>各市州人民政府：</p><p>今冬明春是森林火灾易发期，请各地切实落实防火责任。</p>
<p>各地要加强野外用火管理，开展隐患排查，严格落实24小时值班和领导带班制度，发现火情及时报告、科学处置。</p></div>
</body></html>"""


def pages(today: str, recent: str) -> dict[str, tuple[str, bytes]]:
    return {
        "/rss.xml": ("application/rss+xml", RSS.format(encoding="utf-8", recent=recent).encode()),
        "/gbk.xml": ("text/xml", RSS.format(encoding="gbk", recent=recent).encode("gbk")),
        "/atom.xml": ("application/atom+xml; charset=utf-8", ATOM.format(recent=recent).encode()),
        "/tzgg/": ("text/html; charset=utf-8", LIST_PAGE.format(today=today).encode()),
        "/tzgg/a1.html": ("text/html; charset=utf-8", ARTICLE.format(today=today).encode()),
        "/big.xml": ("application/rss+xml", b"<rss>" + b" " * 200_000 + b"</rss>"),
        "/not-a-feed.xml": ("application/xml", b"<html><body>maintenance</body></html>"),
    }


@pytest.fixture
def upstream_server() -> Iterator[str]:
    now = timezone.now()
    content = pages(f"{timezone.localdate():%Y-%m-%d}", now.strftime("%a, %d %b %Y %H:%M:%S +0000"))
    content["/atom.xml"] = (
        content["/atom.xml"][0],
        ATOM.format(recent=now.strftime("%Y-%m-%dT%H:%M:%SZ")).encode(),
    )

    class Handler(BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            if self.path == "/loop":
                self.send_response(302)
                self.send_header("Location", "/loop2")
                self.end_headers()
                return
            if self.path == "/loop2":
                self.send_response(302)
                self.send_header("Location", "/loop")
                self.end_headers()
                return
            found = content.get(self.path)
            if found is None:
                self.send_error(404)
                return
            self.send_response(200)
            self.send_header("Content-Type", found[0])
            self.send_header("Content-Length", str(len(found[1])))
            self.end_headers()
            self.wfile.write(found[1])

        def log_message(self, *args) -> None:
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()
    server.server_close()


LIMITS = CrawlLimits(timeout=5, max_bytes=100_000)


def subscribe(cluster, kind: str, url: str) -> RepostSource:
    column = ColumnPage.objects.child_of(cluster.city).filter(title="转载").first()
    column = column or cluster.city.add_child(instance=ColumnPage(title="转载", kind="news"))
    return RepostSource.objects.create(
        column=column,
        name="中国政府网",
        kind=kind,
        url=url,
        since=timezone.now() - datetime.timedelta(days=7),
    )


@pytest.mark.django_db
@pytest.mark.parametrize("path", ["/rss.xml", "/gbk.xml"])
def test_rss_feed_items_enter_the_queue_from_their_publication_time(cluster, upstream_server, path):
    source = subscribe(cluster, SourceKind.FEED, upstream_server + path)
    # The 2020 item is older than the subscription; a javascript: link is never queued.
    assert poll_source(source, limits=LIMITS) == 1
    item = RepostItem.objects.get(source=source)
    assert item.title == "国务院办公厅关于进一步优化营商环境的意见"
    assert item.url == "http://www.gov.example/zhengce/1.htm"
    assert item.precision == TimePrecision.TIME
    assert abs((item.published_at - timezone.now()).total_seconds()) < 120
    assert item.due_at == item.published_at + datetime.timedelta(hours=24)
    assert "决策部署" in item.summary
    assert poll_source(source, limits=LIMITS) == 0


@pytest.mark.django_db
def test_atom_entry_reposted_with_its_content_and_original_link(cluster, upstream_server):
    source = subscribe(cluster, SourceKind.FEED, upstream_server + "/atom.xml")
    poll_source(source, limits=LIMITS)
    item = RepostItem.objects.get(source=source)
    editor = editor_of(cluster.city, "city-editor")
    page = repost(item, editor, publish=True, limits=LIMITS)
    assert page.live and page.source == "中国政府网"
    assert "339个城市" in page.body and 'href="http://www.gov.example/bumen/1.htm"' in page.body


@pytest.mark.django_db
def test_crawled_list_page_items_are_dated_by_day_and_reposted_with_the_article_text(
    cluster, upstream_server
):
    source = subscribe(cluster, SourceKind.PAGE, upstream_server + "/tzgg/")
    assert poll_source(source, limits=LIMITS) == 2
    items = {item.title: item for item in RepostItem.objects.filter(source=source)}
    assert set(items) == {"关于做好今冬明春森林防火工作的通知", "关于公布第三批重点项目名单的通知公告"}
    item = items["关于做好今冬明春森林防火工作的通知"]
    assert item.url == upstream_server + "/tzgg/a1.html"
    assert item.precision == TimePrecision.DATE
    end_of_tomorrow = timezone.make_aware(
        datetime.datetime.combine(timezone.localdate() + datetime.timedelta(days=2), datetime.time.min)
    )
    assert item.due_at == end_of_tomorrow and not item.is_late()
    page = repost(item, editor_of(cluster.city, "city-editor"), publish=False, limits=LIMITS)
    assert not page.live and isinstance(page, ArticlePage)
    assert "落实防火责任" in page.body and upstream_server + "/tzgg/a1.html" in page.body
    assert RepostItem.objects.get(pk=item.pk).state == RepostState.REPOSTED


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("path", "message"),
    [("/big.xml", "超过"), ("/loop", "重定向"), ("/missing.xml", "404"), ("/not-a-feed.xml", "不是有效的")],
)
def test_unreadable_sources_keep_their_error(cluster, upstream_server, path, message):
    source = subscribe(cluster, SourceKind.FEED, upstream_server + path)
    with pytest.raises(UpstreamError):
        poll_source(source, limits=LIMITS)
    source.refresh_from_db()
    assert message in source.last_error and source.last_polled_at is not None
    assert not RepostItem.objects.exists()
