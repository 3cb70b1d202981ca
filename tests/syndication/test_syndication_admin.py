"""The app's admin screens: subscriptions per column permission, the menu, the 报送上级 button."""

from __future__ import annotations

import pytest
from django.contrib.auth.models import Permission
from django.urls import reverse

from govsite.columns.models import ColumnPage
from govsite.syndication.models import RepostSource, SourceKind
from govsite.syndication.pages import SharedColumnPage
from syndication.conftest import editor_of, publish_article


@pytest.fixture
def editors(cluster):
    city_column = cluster.city.add_child(instance=ColumnPage(title="转载信息", kind="news"))
    province_column = cluster.province.add_child(instance=ColumnPage(title="国务院信息", kind="news"))
    editor = editor_of(cluster.city, "city-editor")
    group = editor.groups.get()
    group.permissions.add(
        *Permission.objects.filter(codename__in=["add_repostsource", "change_repostsource"])
    )
    return city_column, province_column, editor


@pytest.mark.django_db
def test_subscriptions_are_made_for_own_columns_only(client, editors):
    city_column, province_column, editor = editors
    client.force_login(editor)
    add_url = reverse("syndication_sources:add")
    data = {
        "name": "西地省人民政府", "kind": SourceKind.COLUMN, "upstream_column": province_column.pk, "url": "",
        "deadline_hours": 8, "since": "2026-11-01 00:00:00", "active": "on",
    }  # fmt: skip
    refused = client.post(add_url, {**data, "column": province_column.pk})  # not the editor's column
    assert refused.status_code == 200 and not RepostSource.objects.exists()
    assert client.post(add_url, {**data, "column": city_column.pk}).status_code == 302
    source = RepostSource.objects.get()
    assert (source.column, source.upstream_column, source.deadline_hours) == (city_column, province_column, 8)
    other = RepostSource.objects.create(
        column=province_column, name="中国政府网", kind="feed", url="http://x.invalid/"
    )
    index = client.get(reverse("syndication_sources:index")).content.decode()
    assert "西地省人民政府" in index and "中国政府网" not in index
    assert client.get(reverse("syndication_sources:edit", args=[other.pk])).status_code == 404
    menu = client.get(reverse("wagtailadmin_home")).content.decode()
    assert reverse("syndication_reposts:index") in menu and reverse("syndication_sources:index") in menu


@pytest.mark.django_db
def test_a_subscription_needs_its_upstream(client, editors):
    city_column, _, _editor = editors
    source = RepostSource(column=city_column, name="中国政府网", kind=SourceKind.FEED, url="")
    with pytest.raises(Exception, match="订阅地址"):
        source.full_clean()


@pytest.mark.django_db
def test_submit_button_on_published_items_of_the_lower_site(client, cluster, editors):
    city_column, _province_column, editor = editors
    item = publish_article(city_column, "云川市召开优化营商环境推进会")
    client.force_login(editor)
    submit_url = reverse("syndication_submissions:submit", args=[item.pk])
    assert submit_url in client.get(reverse("wagtailadmin_pages:edit", args=[item.pk])).content.decode()
    assert submit_url in client.get(reverse("wagtailadmin_explore", args=[city_column.pk])).content.decode()
    column_edit = client.get(reverse("wagtailadmin_pages:edit", args=[city_column.pk])).content.decode()
    assert "/syndication/submissions/submit/" not in column_edit  # columns are not submitted


@pytest.mark.django_db
def test_shared_column_admin_form_refuses_a_column_of_another_branch(admin_client, cluster, editors):
    city_column, province_column, _ = editors
    section = cluster.province.add_child(instance=ColumnPage(title="政务动态", kind="other"))
    add_url = reverse("wagtailadmin_pages:add", args=["syndication", "sharedcolumnpage", section.pk])
    assert admin_client.get(add_url).status_code == 200
    data = {
        "title": "市县动态", "slug": "sxdt",
        "sources-TOTAL_FORMS": "1", "sources-INITIAL_FORMS": "0", "sources-MIN_NUM_FORMS": "1",
        "sources-MAX_NUM_FORMS": "1000", "sources-0-column": province_column.pk, "sources-0-ORDER": "1",
        "sources-0-id": "", "sources-0-DELETE": "",
    }  # fmt: skip
    response = admin_client.post(add_url, data)
    assert response.status_code == 200 and "不是本网站的下级网站" in response.content.decode()
    response = admin_client.post(add_url, {**data, "sources-0-column": city_column.pk})
    assert response.status_code == 302
    shared = SharedColumnPage.objects.get()
    assert [source.column_id for source in shared.sources.all()] == [city_column.pk]
