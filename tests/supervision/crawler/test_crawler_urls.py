"""One spelling per resource, and which URLs are the site's."""

import pytest

from govsite.supervision.crawler.urls import (
    host_of,
    is_attachment,
    is_image,
    normalise,
    origin,
    same_site,
    site_key,
)

BASE = "http://www.example.gov.cn/col/col12/index.html?uid=3&pageNum=2"


@pytest.mark.parametrize(
    ("href", "expected"),
    [
        ("art/2024/1/5/art_1.html", "http://www.example.gov.cn/col/col12/art/2024/1/5/art_1.html"),
        ("../x.html", "http://www.example.gov.cn/col/x.html"),
        ("/a/./b/../c/", "http://www.example.gov.cn/a/c/"),
        ("?page=3", "http://www.example.gov.cn/col/col12/index.html?page=3"),
        ("#top", "http://www.example.gov.cn/col/col12/index.html?pageNum=2&uid=3"),
        ("//Other.GOV.cn:80/x;jsessionid=ABC123?b=2&a=1&JSESSIONID=x#f", "http://other.gov.cn/x?a=1&b=2"),
        ("HTTPS://WWW.Example.gov.cn:443", "https://www.example.gov.cn/"),
        ("http://www.example.gov.cn:8080/a.html#part", "http://www.example.gov.cn:8080/a.html"),
        ("http://h.gov.cn/list.php?PHPSESSID=9&col=1", "http://h.gov.cn/list.php?col=1"),
        ("http://h.gov.cn/a.asp?ASPSESSIONIDQQ=9&id=1", "http://h.gov.cn/a.asp?id=1"),
        ("http://h.gov.cn/a?x=2&x=1&a=0", "http://h.gov.cn/a?a=0&x=2&x=1"),  # repeated keys keep order
        ("/附件/通知.pdf", "http://www.example.gov.cn/%E9%99%84%E4%BB%B6/%E9%80%9A%E7%9F%A5.pdf"),
        ("http://中国政府网.政务/", "http://xn--fiqs8sirgfmhq98a.xn--zfr164b/"),
        (" \n/x\t.html ", "http://www.example.gov.cn/x.html"),
        ("/a b.html", "http://www.example.gov.cn/a%20b.html"),
        ("http://user:pw@[::1]:8080/x", "http://[::1]:8080/x"),
    ],
)
def test_normalise(href, expected):
    assert normalise(href, BASE) == expected


@pytest.mark.parametrize(
    "href",
    [
        "",
        "javascript:void(0)",
        "JavaScript:;",
        "mailto:xx@gov.cn",
        "tel:12345",
        "ftp://h/f",
        "http://[::1",
        "http://h:99999/",
    ],
)
def test_not_http_links_are_dropped(href):
    assert normalise(href, BASE) is None


def test_same_spelling_from_different_pages():
    assert (
        normalise("/a.html", BASE)
        == normalise("../../a.html", BASE)
        == normalise("http://WWW.example.gov.cn/a.html#x", BASE)
    )


def test_site_scope_includes_www_variant_only():
    site = site_key("www.example.gov.cn")
    assert same_site("http://example.gov.cn/a", site)
    assert same_site("https://www.example.gov.cn/a", site)
    assert not same_site("http://sub.example.gov.cn/a", site)
    assert not same_site("http://www.example.gov.cn:8080/a", site)
    assert host_of("http://h.gov.cn:81/a?b") == "h.gov.cn:81"
    assert origin("http://h.gov.cn:81/a?b") == "http://h.gov.cn:81"


@pytest.mark.parametrize(
    "url",
    [
        "http://h/a/b.PDF",
        "http://h/f.docx?v=2",
        "http://h/表格.xls",
        "http://h/x.wps",
        "http://h/DownFile.aspx?id=3",
        "http://h/download.jsp?fileid=9",
    ],
)
def test_attachments(url):
    assert is_attachment(url)


@pytest.mark.parametrize(
    "url",
    ["http://h/", "http://h/a.html", "http://h/show.asp?id=3", "http://h/pdf/index.htm", "http://h/a.jpg"],
)
def test_not_attachments(url):
    assert not is_attachment(url)


def test_images():
    assert is_image("http://h/x.JPG?v=1")
    assert not is_image("http://h/jpg/")
