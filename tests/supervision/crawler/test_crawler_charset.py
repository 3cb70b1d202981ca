"""Decoding real Chinese text in every encoding government sites use, declared right and wrong."""

import random

import pytest

from govsite.supervision.crawler.charset import (
    META_WINDOW,
    charset_from_content_type,
    charset_from_meta,
    codec_for_label,
    decode_html,
)

# 朱镕基 and 陶喆 need GBK: a strict GB2312 codec rejects 镕 and 喆, yet such pages declare gb2312.
TEXT = (
    "国务院办公厅关于加强政府网站信息内容建设的意见。朱镕基同志、陶喆先生出席。政务公开，办事服务，互动交流。"
)
TRADITIONAL = "國務院辦公廳關於加強政府網站信息內容建設的意見。政務公開，辦事服務，互動交流。"


def page(text: str, head: str = "") -> str:
    return f"<!doctype html><html><head>{head}<title>政府网站</title></head><body><p>{text}</p></body></html>"


def test_gb2312_label_decodes_gbk_characters_as_gb18030():
    body = page(TEXT, '<meta http-equiv="Content-Type" content="text/html; charset=gb2312">').encode("gbk")
    with pytest.raises(UnicodeDecodeError):
        body.decode("gb2312")
    decoded = decode_html(body)
    assert TEXT in decoded.text
    assert (decoded.encoding, decoded.source, decoded.replaced) == ("gb18030", "meta", False)


@pytest.mark.parametrize(
    ("content_type", "codec", "text"),
    [
        ("text/html; charset=GBK", "gbk", TEXT),
        ("text/html;charset=gb18030", "gb18030", TEXT + "𠀀䶮"),  # four-byte GB18030 characters
        ('text/html; charset="utf-8"', "utf-8", TEXT),
        ("text/html; charset=big5", "big5", TRADITIONAL),
    ],
)
def test_http_header_charset(content_type, codec, text):
    decoded = decode_html(page(text).encode(codec), content_type)
    assert text in decoded.text
    assert decoded.source == "header"
    assert not decoded.replaced


def test_meta_charset_attribute_form():
    decoded = decode_html(page(TRADITIONAL, "<meta charset='big5'>").encode("big5"))
    assert TRADITIONAL in decoded.text
    assert (decoded.encoding, decoded.source) == ("big5hkscs", "meta")


def test_header_says_utf8_body_is_gbk():
    decoded = decode_html(page(TEXT).encode("gbk"), "text/html; charset=utf-8")
    assert TEXT in decoded.text
    assert (decoded.encoding, decoded.source) == ("gb18030", "detected")


def test_meta_says_gb2312_body_is_utf8():
    body = page(TEXT, '<meta charset="gb2312">').encode("utf-8")
    decoded = decode_html(body)
    assert TEXT in decoded.text
    assert decoded.encoding == "utf-8"


def test_latin1_server_default_does_not_hide_gbk():
    body = page(TEXT, '<meta charset="gbk">').encode("gbk")
    decoded = decode_html(body, "text/html; charset=ISO-8859-1")  # Tomcat's default
    assert TEXT in decoded.text
    assert decoded.source == "meta"


def test_meta_after_4_kb_is_not_read():
    filler = "<!-- " + "x" * META_WINDOW + " -->"
    body = page(TEXT, filler + '<meta charset="big5">').encode("gbk")
    assert charset_from_meta(body) is None
    decoded = decode_html(body)
    assert TEXT in decoded.text  # had the big5 label been believed, this would be garbage
    assert (decoded.encoding, decoded.source) == ("gb18030", "detected")


@pytest.mark.parametrize(
    ("codec", "text", "expected"),
    [("utf-8", TEXT, "utf-8"), ("gbk", TEXT, "gb18030"), ("big5", TRADITIONAL, "big5hkscs")],
)
def test_detection_without_any_label(codec, text, expected):
    decoded = decode_html(page(text * 3).encode(codec))
    assert text in decoded.text
    assert (decoded.encoding, decoded.source) == (expected, "detected")


def test_byte_order_mark_wins():
    decoded = decode_html(
        b"\xef\xbb\xbf" + page(TEXT, '<meta charset="gbk">').encode("utf-8"), "text/html; charset=gbk"
    )
    assert TEXT in decoded.text
    assert decoded.source == "bom"


def test_page_cut_in_the_middle_of_a_character_still_decodes_strictly():
    body = page(TEXT).encode("gbk")[:-40] + "政".encode("gbk")[:1]
    decoded = decode_html(body, "text/html; charset=gbk")
    assert (decoded.encoding, decoded.replaced) == ("gb18030", False)
    assert "国务院办公厅" in decoded.text


def test_mostly_utf8_page_with_a_gbk_snippet_stays_utf8():
    body = page(TEXT * 5).encode("utf-8") + "乱码".encode("gbk")
    decoded = decode_html(body, "text/html; charset=utf-8")
    assert decoded.encoding == "utf-8" and decoded.replaced
    assert TEXT in decoded.text


def test_never_raises_on_garbage():
    rng = random.Random(7)
    for _ in range(200):
        body = bytes(rng.randrange(256) for _ in range(rng.randrange(1, 300)))
        label = rng.choice(
            [None, "text/html; charset=utf-8", "text/html; charset=gbk", "text/html; charset=nonsense"]
        )
        decoded = decode_html(body, label)
        assert isinstance(decoded.text, str)
    assert decode_html(b"").text == ""


def test_labels():
    assert codec_for_label(" GB2312 ") == "gb18030"
    assert codec_for_label("x-gbk") == "gb18030"
    assert codec_for_label("cp950") == "big5hkscs"
    assert codec_for_label("no-such-charset") is None
    assert charset_from_content_type("text/html") is None
    assert charset_from_content_type("text/html; charset=UTF8") == "utf-8"
    assert charset_from_meta(b'<?xml version="1.0" encoding="GBK"?><html>') == "gb18030"
    assert charset_from_meta(b'<meta charset="utf-16">') == "utf-8"
