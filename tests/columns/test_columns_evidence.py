"""Evidence from the database feeds the indicators, and the admin home shows what to act on."""

import datetime

from django.contrib.auth.models import Group, Permission
from wagtail.models import GroupPagePermission, Site

from govsite.columns.alerts import alerts_for_user
from govsite.columns.evidence import column_evidence, column_statuses
from govsite.columns.models import TopicPage
from govsite.indicators import ColumnState

TODAY = datetime.date(2026, 11, 23)


def states(site) -> dict[str, ColumnState]:
    return {column.title: status.state for column, status in column_statuses(site, TODAY)}


def test_column_knows_its_last_update_from_live_items(make_column, make_article):
    column = make_column()
    make_article(column, title="旧闻", date=datetime.date(2026, 10, 1))
    newest = make_article(column, title="新闻", date=datetime.date(2026, 11, 9))
    assert column.last_update() == datetime.date(2026, 11, 9)
    newest.unpublish()
    assert column.last_update() == datetime.date(2026, 10, 1)


def test_states_at_the_two_week_boundary(home, make_column, make_article):
    exactly = make_column("恰好两周")
    make_article(exactly, date=TODAY - datetime.timedelta(days=14))
    over = make_column("超过两周")
    make_article(over, date=TODAY - datetime.timedelta(days=15))
    fresh = make_column("本周动态")
    make_article(fresh, date=TODAY - datetime.timedelta(days=3))
    make_column("人事信息", kind="personnel")
    assert states(home.get_site()) == {
        "恰好两周": ColumnState.DUE_SOON, "超过两周": ColumnState.OVERDUE,
        "本周动态": ColumnState.OK, "人事信息": ColumnState.EMPTY,
    }  # fmt: skip


def test_historical_topic_is_never_stale_but_still_counts_as_empty(home, make_article):
    closed = home.add_child(instance=TopicPage(title="人口普查专题", historical=True))
    make_article(closed, date=datetime.date(2021, 5, 1))
    home.add_child(instance=TopicPage(title="空专题", historical=True))
    assert states(home.get_site()) == {"人口普查专题": ColumnState.EXEMPT, "空专题": ColumnState.EMPTY}


def test_navigation_column_with_only_subcolumns_is_not_counted(home, make_column, make_article):
    parent = make_column("政府信息公开", kind="other")
    child = make_column("政策文件", kind="policy", parent=parent)
    make_article(child, date=TODAY - datetime.timedelta(days=10))
    evidence = column_evidence(home.get_site())
    assert [ev.name for _, ev in evidence] == ["政策文件"]
    assert evidence[0][1].item_count == 1 and evidence[0][1].last_update == TODAY - datetime.timedelta(
        days=10
    )


def test_counts_do_not_leak_between_columns_or_sites(home, make_column, make_article):
    first, second = make_column("第一栏"), make_column("第二栏")
    for day in (1, 2, 3):
        make_article(first, date=datetime.date(2026, 11, day))
    make_article(second, date=datetime.date(2026, 11, 20))
    counts = {ev.name: (ev.item_count, ev.last_update) for _, ev in column_evidence(home.get_site())}
    assert counts == {"第一栏": (3, datetime.date(2026, 11, 3)), "第二栏": (1, datetime.date(2026, 11, 20))}


def test_dashboard_panel_lists_overdue_due_soon_and_empty_columns(
    admin_client, home, make_column, make_article
):
    stale = make_column("工作动态")
    make_article(stale, date=datetime.date(2020, 1, 1))
    make_column("规划计划", kind="plan")
    response = admin_client.get("/admin/")
    html = response.content.decode()
    assert response.status_code == 200
    assert "栏目更新提醒" in html and "西地省人民政府门户网站" in html
    assert "工作动态" in html and "超期未更新" in html and "空白栏目" in html and "规划计划" in html
    assert f"/admin/pages/{stale.pk}/add_subpage/" in html


def test_editor_sees_only_columns_they_can_add_to(django_user_model, home, make_column, make_article):
    mine, theirs = make_column("我的栏目"), make_column("别人的栏目")
    group = Group.objects.create(name="我的栏目编辑")
    group.permissions.add(Permission.objects.get(codename="access_admin"))
    GroupPagePermission.objects.create(group=group, page=mine, permission_type="add")
    editor = django_user_model.objects.create_user("editor", password="x")
    editor.groups.add(group)
    other_site_home = home.get_parent().add_child(instance=type(home)(title="另一网站", slug="other"))
    Site.objects.create(hostname="other.localhost", root_page=other_site_home, site_name="另一网站")

    alerts = alerts_for_user(editor, TODAY)
    assert [a.name for a in alerts] == ["西地省人民政府门户网站"]
    assert [alert.column.title for alert in alerts[0].empty] == ["我的栏目"]
    assert theirs.title not in {alert.column.title for alert in alerts[0].empty}
