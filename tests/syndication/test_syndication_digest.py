"""The morning cadence digest: what each column owner is told, once a day."""

from __future__ import annotations

import datetime
from io import StringIO

import pytest
from django.contrib.auth import get_user_model
from django.core import mail
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from govsite.columns.models import ColumnPage
from govsite.syndication.digest import digest_for_user, send_digests
from govsite.syndication.models import CadenceDigest
from syndication.conftest import editor_of, publish_article


@pytest.fixture
def columns(cluster):
    today = timezone.localdate()
    province = cluster.province

    def news(title: str, days_ago: int | None) -> ColumnPage:
        column = province.add_child(instance=ColumnPage(title=title, kind="news"))
        if days_ago is not None:
            publish_article(column, f"{title}的一条信息标题", date=today - datetime.timedelta(days=days_ago))
        return column

    return {
        "overdue": news("工作动态", 20),  # news: 2 weeks → 6 days overdue
        "due_soon": news("部门动态", 12),  # due in 2 days (rule set: due soon within 3)
        "fresh": news("领导活动", 1),
        "empty": news("基层动态", None),
    }


def titles(site_alerts) -> dict[str, list[str]]:
    found: dict[str, list[str]] = {"overdue": [], "due_soon": [], "empty": []}
    for alerts in site_alerts:
        for bucket in found:
            found[bucket] += [alert.column.title for alert in getattr(alerts, bucket)]
    return found


@pytest.mark.django_db
def test_owners_get_their_own_columns_once_a_day(cluster, columns):
    site_editor = editor_of(cluster.province, "site-editor")  # owns every column of the site
    column_owner = editor_of(columns["empty"], "column-owner", actions=("change",))  # owns one column
    editor_of(cluster.city, "city-editor")  # owns the city, which has nothing to report
    get_user_model().objects.create_superuser("admin", "admin@example.cn", "pw")  # owns nothing by groups
    no_mail = editor_of(cluster.province, "no-mail")
    no_mail.email = ""
    no_mail.save()

    assert titles(digest_for_user(site_editor)) == {
        "overdue": ["工作动态"], "due_soon": ["部门动态"], "empty": ["基层动态"],
    }  # fmt: skip
    assert titles(digest_for_user(column_owner)) == {"overdue": [], "due_soon": [], "empty": ["基层动态"]}

    run = send_digests()
    assert (run.sent, run.nothing_to_report, run.no_address) == (2, 1, 1)
    recipients = {message.to[0]: message for message in mail.outbox}
    assert set(recipients) == {"site-editor@example.cn", "column-owner@example.cn"}
    body = recipients["site-editor@example.cn"].body
    assert "[超期] 工作动态" in body and "已超期 6 天" in body
    assert "[即将到期] 部门动态" in body and "剩 2 天" in body
    assert "[空白] 基层动态" in body and "领导活动" not in body
    assert "超期 1 个，3天内到期 1 个，空白 1 个" in recipients["site-editor@example.cn"].subject
    assert "工作动态" not in recipients["column-owner@example.cn"].body

    # Once per user and day, however often the job runs; the next day sends again.
    assert send_digests().sent == 0
    out = StringIO()
    call_command("send_column_digests", stdout=out)
    assert "已发送 0 份，今日已发过 2 份" in out.getvalue() and len(mail.outbox) == 2
    tomorrow = timezone.localdate() + datetime.timedelta(days=1)
    assert send_digests(tomorrow).sent == 2 and len(mail.outbox) == 4
    assert CadenceDigest.objects.filter(user=site_editor).count() == 2


@pytest.mark.django_db
def test_digest_page_shows_todays_columns_and_what_was_sent(client, cluster, columns):
    site_editor = editor_of(cluster.province, "site-editor")
    client.force_login(site_editor)
    html = client.get(reverse("syndication_digest:index")).content.decode()
    assert "工作动态" in html and "部门动态" in html and "基层动态" in html and "领导活动" not in html
    assert "尚未发送过提醒" in html
    send_digests()
    html = client.get(reverse("syndication_digest:index")).content.decode()
    assert f"{timezone.localdate():%Y-%m-%d}" in html.split('id="digest-history"', 1)[1]
