"""The public error pages (400, 403, CSRF failure, 500): in Chinese, and shown with the database down."""

from __future__ import annotations

from collections.abc import Iterator
from types import ModuleType

import pytest
from django.core.exceptions import PermissionDenied, SuspiciousOperation
from django.db import OperationalError, connection
from django.test import Client
from django.urls import path

import govsite.urls


def _refuse(execute, sql, params, many, context):
    raise OperationalError("the database is down")


@pytest.fixture
def database_down(db) -> Iterator[None]:
    """Every query fails, as when the database server is unreachable."""
    with connection.execute_wrapper(_refuse):
        yield


def _forbidden(request):
    raise PermissionDenied("内部说明，不给公众看")


def _suspicious(request):
    raise SuspiciousOperation("tampered")


def _broken(request):
    raise RuntimeError("boom")


@pytest.fixture
def failing_views(settings) -> None:
    """The site's URLs and error handlers, plus views that fail in each way."""
    urls = ModuleType("failing_urls")
    urls.urlpatterns = [
        path("test-403/", _forbidden),
        path("test-400/", _suspicious),
        path("test-500/", _broken),
        *govsite.urls.urlpatterns,
    ]
    for status in (400, 403, 500):
        name = f"handler{status}"
        setattr(urls, name, getattr(govsite.urls, name))
    settings.ROOT_URLCONF = urls


def chinese_page(response, status: int) -> str:
    assert response.status_code == status
    assert response["Content-Type"].startswith("text/html")
    body = response.content.decode()
    assert '<html lang="zh-CN">' in body
    return body


def test_database_down_fixture_really_stops_queries(database_down):
    from wagtail.models import Site

    with pytest.raises(OperationalError):
        Site.objects.count()


def test_a_refused_host_gets_the_chinese_400_page_without_the_database(client, database_down):
    body = chinese_page(client.get("/", HTTP_HOST="evil.example.com"), 400)
    assert "请求无法处理" in body and "Bad Request" not in body


def test_a_suspicious_request_gets_the_chinese_400_page(client, failing_views, database_down):
    body = chinese_page(client.get("/test-400/"), 400)
    assert "请求无法处理" in body and "tampered" not in body


def test_permission_denied_gets_the_chinese_403_page_without_the_reason(client, failing_views, database_down):
    response = client.get("/test-403/")
    body = chinese_page(response, 403)
    assert "无权访问" in body and "内部说明" not in body and "Forbidden" not in body


def test_a_csrf_failure_on_a_public_form_says_in_chinese_that_nothing_was_received(database_down):
    response = Client(enforce_csrf_checks=True).post(
        "/hdjl/szxx/write/", {"subject": "青山路夜间施工噪音扰民", "content": "请督促整改。"}
    )
    body = chinese_page(response, 403)
    assert "网站没有收到您提交的内容" in body and "复制保存" in body
    assert "CSRF" not in body and "Forbidden" not in body


def test_an_unexpected_error_gets_the_generic_500_page(failing_views, database_down):
    response = Client(raise_request_exception=False).get("/test-500/")
    body = chinese_page(response, 500)
    assert "网站出现临时故障" in body and "信件" not in body and "boom" not in body
