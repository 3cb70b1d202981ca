"""栏目共建: a portal column listing the items of chosen subsite columns."""

from __future__ import annotations

import datetime

import pytest
from django.core.exceptions import ValidationError

from govsite.columns.models import ColumnPage
from govsite.syndication.pages import SharedColumnPage, SharedColumnSource, subsite_problem
from syndication.conftest import publish_article


@pytest.fixture
def shared(cluster):
    city_news = cluster.city.add_child(instance=ColumnPage(title="工作动态", kind="news"))
    city_notices = cluster.city.add_child(instance=ColumnPage(title="通知公告", kind="notice"))
    section = cluster.province.add_child(instance=ColumnPage(title="政务动态", kind="other"))
    page = SharedColumnPage(title="市县动态", slug="sxdt")
    page.sources.add(SharedColumnSource(column=city_news))
    section.add_child(instance=page)
    return page, city_news, city_notices


@pytest.mark.django_db
def test_shared_column_lists_published_subsite_items_newest_first(client, cluster, shared):
    page, city_news, city_notices = shared
    today = datetime.date.today()
    older = publish_article(city_news, "云川市召开经济运行分析会", date=today - datetime.timedelta(days=3))
    newer = publish_article(city_news, "云川市部署冬季安全生产工作", date=today)
    draft = publish_article(city_news, "尚未发布的稿件内容标题")
    draft.unpublish()
    publish_article(city_notices, "不在共建范围内的通知公告")
    assert list(page.items()) == [newer, older]

    html = client.get(page.url).content.decode()
    assert html.index(newer.title) < html.index(older.title)
    assert "尚未发布的稿件内容标题" not in html and "不在共建范围内的通知公告" not in html
    assert f'href="{newer.get_full_url()}"' in html  # items link to the subsite's own address
    assert newer.get_full_url().startswith("http://city.localhost/")
    assert 'class="item-list"' in html  # rendered like any column list


@pytest.mark.django_db
def test_only_columns_of_subsites_may_feed_a_shared_column(cluster, shared):
    page, city_news, _ = shared
    own = cluster.province.add_child(instance=ColumnPage(title="省级动态", kind="news"))
    assert subsite_problem(page.path, city_news) == ""
    assert "不是本网站的下级网站" in subsite_problem(page.path, own)
    page.sources.add(SharedColumnSource(column=own))
    with pytest.raises(ValidationError):
        page.full_clean()
