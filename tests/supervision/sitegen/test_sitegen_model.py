"""Generation: deterministic, fast, and every family writes its own markup."""

import dataclasses
import datetime
import hashlib
import re
import time

import pytest

from govsite.indicators.evidence import ColumnKind
from govsite.supervision.sitegen import (
    PRESETS,
    Charset,
    Family,
    Faults,
    Responder,
    SiteSpec,
    generate,
    truth_for,
)
from govsite.supervision.sitegen.model import ColumnRole, due_after, oldest_fresh_date


def site_digest(spec: SiteSpec) -> str:
    """A hash over every fixed path and the bytes it answers with."""
    site = generate(spec)
    responder = Responder(site)
    digest = hashlib.sha256()
    for path in sorted(site.routes):
        reply = responder.respond(path)
        digest.update(f"{path} {reply.status} {reply.content_type}\n".encode())
        digest.update(reply.body)
    digest.update(truth_for(site).to_json().encode())
    return digest.hexdigest()


@pytest.mark.parametrize(
    "name", ["clean-portal", "hanweb-records", "gbk-unlabelled", "sloppy-content", "zombie"]
)
def test_same_spec_gives_the_same_bytes(name):
    assert site_digest(PRESETS[name]) == site_digest(PRESETS[name])


def test_another_seed_gives_another_site():
    spec = PRESETS["clean-portal"]
    assert site_digest(spec) != site_digest(dataclasses.replace(spec, seed=spec.seed + 1))


def test_a_300_page_site_generates_in_well_under_a_second():
    for family in Family:
        spec = SiteSpec("speed", seed=7, pages=300, family=family, faults=PRESETS["sloppy-content"].faults)
        started = time.perf_counter()
        site = generate(spec)
        truth = truth_for(site)
        elapsed = time.perf_counter() - started
        assert elapsed < 0.25, (family, elapsed)
        assert 250 <= truth.pages <= 350, (family, truth.pages)


def test_size_follows_the_spec():
    small, large = (truth_for(generate(SiteSpec("size", seed=3, pages=n))).pages for n in (100, 1000))
    assert 80 <= small <= 130 and 900 <= large <= 1100


def test_spec_and_faults_reject_nonsense():
    with pytest.raises(ValueError):
        Faults(stale_news=-1)
    with pytest.raises(ValueError):
        SiteSpec(name="云川")
    with pytest.raises(ValueError):
        SiteSpec(pages=5)
    with pytest.raises(ValueError):
        Faults(gzip_bomb_bytes=1000)


def test_at_limit_columns_sit_exactly_on_the_deadline():
    # Every site has one column per cadence whose newest item is exactly as old as allowed: the boundary.
    for today in (datetime.date(2026, 11, 20), datetime.date(2026, 8, 31), datetime.date(2024, 2, 29)):
        site = generate(SiteSpec("edge", seed=5, today=today))
        at_limit = [c for c in site.columns if c.role is ColumnRole.AT_LIMIT]
        assert {c.kind for c in at_limit} == {ColumnKind.NEWS, ColumnKind.POLICY, ColumnKind.STATISTICS}
        for column in at_limit:
            newest = column.items[0].published
            assert due_after(column.kind, newest) >= today  # still on time
            assert due_after(column.kind, newest - datetime.timedelta(days=1)) < today  # a day older is late
            assert newest == oldest_fresh_date(column.kind, today)


def test_each_family_writes_its_own_list_markup():
    pages = {}
    for family in Family:
        site = generate(SiteSpec("fam", seed=9, family=family))
        column = site.column("jryw")
        pages[family] = Responder(site).respond(column.path).body.decode()
    trs, hanweb, table = pages[Family.TRS], pages[Family.HANWEB], pages[Family.TABLE]
    assert re.search(
        r"<li><a href=\"/jryw/\d{6}/t\d{8}_\d+\.html\"[^>]*>[^<]+</a><span>\d{4}-\d\d-\d\d</span>", trs
    )
    assert re.search(r'createPageHTML\(\d+, 0, "index", "html"\)', trs)
    records = re.search(r'<script type="text/xml"><datastore>.*?</datastore></script>', hanweb, re.S).group(0)
    assert re.search(r"<record><!\[CDATA\[\s*<li><a href=\"/art/\d{4}/\d+/\d+/art_\d+_\d+\.html\"", records)
    assert re.search(r"<span>\[\d\d-\d\d\]</span>", records)
    assert re.search(r"dataproxy\.jsp\?startrecord=16&amp;endrecord=\d+&amp;perpage=15&amp;columnid=", hanweb)
    assert 'href="/art/' not in re.sub(
        r"<script.*?</script>", "", hanweb, flags=re.S
    )  # articles: records only
    assert re.search(
        r"<tr><td><a href=\"/channel/jryw/content/[^\"]+\"[^>]*>[^<]+</a></td><td>"
        r"(\d{4}年\d{1,2}月\d{1,2}日|\d{4}/\d\d/\d\d|\d{4}\.\d\d\.\d\d)</td></tr>",
        table,
    )
    assert 'href="/channel/jryw/index_2.shtml">下一页</a>' in table


def test_policy_pages_carry_the_disclosure_metadata_and_page_metas():
    site = generate(PRESETS["clean-portal"])
    item = site.column("zcwj").items[0]
    html = Responder(site).respond(item.path).body.decode()
    for label in ("索引号", "主题分类", "发布机构", "成文日期", "文号", "发布日期", "有效性", "主题词"):
        assert f"<th>{label}</th><td>" in html
    assert f'<meta name="PubDate" content="{item.published.isoformat()} 09:30">' in html
    assert re.search(r"〔\d{4}〕\d+号", html)


def test_footer_identity_and_entrances():
    site = generate(PRESETS["silent-mailbox"])
    home = Responder(site).respond("/").body.decode()
    ident = site.identity
    for text in (
        f"网站标识码：{ident.site_code}",
        ident.sponsor,
        ident.icp_number,
        ident.police_filing_number,
    ):
        assert text in home
    assert 'name="q"' in home and "无障碍" in home
    assert '<li><img src="/images/ldxx.png" alt="领导信箱"></li>' in home  # an image, nothing to click
    assert '<a href="/hdjl/zwzx/index.html">' in home


def test_a_bare_footer_lacks_identity_search_and_accessibility():
    site = generate(PRESETS["bare-footer"])
    home = Responder(site).respond("/").body.decode("gb18030")
    truth = truth_for(site).identity
    assert "网站标识码" not in home and "ICP" not in home and 'name="q"' not in home and "无障碍" not in home
    assert (truth.site_code, truth.has_search, truth.has_accessibility) == ("", False, False)
    assert "主办单位" in home and truth.sponsor


@pytest.mark.parametrize("charset", [Charset.GBK, Charset.GB2312])
def test_gbk_pages_decode_with_gb18030_and_not_with_utf8(charset):
    site = generate(SiteSpec("gbk", seed=4, charset=charset, faults=Faults(charset_label=False)))
    responder = Responder(site)
    for path in site.html_paths()[:40]:
        body = responder.respond(path).body
        text = body.decode("gb18030")
        assert "网站标识码" in text and "charset" not in text.lower()
        with pytest.raises(UnicodeDecodeError):
            body.decode("utf-8")
