"""整改: generated from a run's report, reported fixed, settled by a re-check; every step recorded."""

from __future__ import annotations

import datetime

import pytest
from django.contrib.auth.models import Group, Permission
from django.utils import timezone

from govsite.core.workdays import official_calendar
from govsite.indicators import ColumnEvidence, ColumnKind, ItemEvidence, SiteEvidence, evaluate, load_ruleset
from govsite.indicators.inspection import ChannelEvidence, ChannelKind
from govsite.supervision import rectification, service
from govsite.supervision.inspect import InspectionResult
from govsite.supervision.models import InspectionBatch, InspectionRun, MonitoredSite, Rectification

TODAY = datetime.date(2026, 11, 20)
Status = Rectification.Status


def result(url: str, *, homepage_fresh: bool = True, columns_stale: bool = False, reachable: bool = True):
    """A prepared inspection: a stale homepage and stale notice columns each fire a veto."""
    checked_at = datetime.datetime(2026, 11, 20, 2, tzinfo=datetime.UTC)
    if not reachable:
        evidence = SiteEvidence(url=url, checked_at=checked_at, reachable=False)
    else:
        age = 0 if homepage_fresh else 40
        items = tuple(
            ItemEvidence(f"要闻{i}", "", TODAY - datetime.timedelta(days=age + i)) for i in range(5)
        )
        columns = [ColumnEvidence.from_items("news", "工作动态", ColumnKind.NEWS, items)]
        if columns_stale:
            old = [ItemEvidence("旧通知", "", datetime.date(2025, 1, 1))]
            columns += [
                ColumnEvidence.from_items(f"n{i}", f"通知{i}", ColumnKind.NOTICE, old) for i in range(6)
            ]
        evidence = SiteEvidence(url=url, checked_at=checked_at, homepage_items=items, columns=tuple(columns),
                                channels=(ChannelEvidence("领导信箱", ChannelKind.CONSULTATION, f"{url}x/"),),
                                offers_services=True, pages_fetched=20)  # fmt: skip
    return InspectionResult(evidence, evaluate(evidence, TODAY, load_ruleset("gov2019")))


@pytest.fixture
def failed_run(db) -> InspectionRun:
    """丙区政府 in a batch: homepage and columns not updated (two vetoes), one deduction, a warning."""
    site = MonitoredSite.objects.create(name="丙区政府门户网站", url="http://bing.gov.cn/")
    batch = InspectionBatch.objects.create(name="2026年第四季度抽查", check_date=TODAY)
    run = InspectionRun.objects.create(site=site, batch=batch, check_date=TODAY)
    inspected = result(site.url, homepage_fresh=False, columns_stale=True)
    return service.store_verdict(run.pk, inspected.verdict.to_dict(), pages_fetched=20)


@pytest.fixture
def fake_inspector(monkeypatch):
    """The re-check's inspection, without network: the test sets what the site looks like now."""
    now = {"homepage_fresh": True, "columns_stale": True, "reachable": True}

    def inspect_site(url: str, **options) -> InspectionResult:
        return result(url, **now)

    monkeypatch.setattr("govsite.supervision.inspect.inspect_site", inspect_site)
    return now


def rules(run: InspectionRun) -> dict[str, Rectification]:
    return {item.finding.rule: item for item in Rectification.objects.filter(finding__run=run)}


def test_generating_rectifications_from_the_run_page(admin_client, failed_run):
    severities = dict(failed_run.findings.values_list("rule", "severity"))
    assert severities["site_unreachable"] == "warning"  # no probes yet: a warning, nothing to rectify
    response = admin_client.post(
        f"/admin/supervision/runs/{failed_run.pk}/rectify/",
        {"owner": "", "deadline": "2026-12-11"},
        follow=True,
    )
    assert "已生成 3 项整改任务" in response.content.decode()
    created = rules(failed_run)
    assert set(created) == {"homepage_not_updated", "columns_not_updated", "homepage_update_volume"}
    item = created["homepage_not_updated"]
    assert (item.owner, item.deadline, item.status) == (
        "丙区政府门户网站",
        datetime.date(2026, 12, 11),
        Status.OPEN,
    )
    assert item.updated_by.is_superuser
    assert [(event.from_status, event.to_status) for event in item.events.all()] == [("", Status.OPEN)]
    again = admin_client.post(
        f"/admin/supervision/runs/{failed_run.pk}/rectify/", {"deadline": "2026-12-11"}, follow=True
    )
    assert "未重复生成" in again.content.decode() and Rectification.objects.count() == 3
    html = admin_client.get(f"/admin/supervision/runs/{failed_run.pk}/").content.decode()
    assert "待整改" in html and "生成整改任务" not in html.split('id="run-findings"')[1].split("</table>")[0]


def test_defaults_are_the_sponsor_and_15_working_days(failed_run, home):
    from wagtail.models import Site

    assert rectification.default_owner(failed_run.site) == "丙区政府门户网站"
    own = MonitoredSite.objects.get(own_site=Site.objects.get(is_default_site=True))
    assert rectification.default_owner(own) == "西地省人民政府办公厅"
    created = rectification.create_rectifications(failed_run)
    expected = official_calendar().add_working_days(timezone.localdate(), 15).due
    assert {item.deadline for item in created} == {expected}
    # Across the 2025 National Day break (1–8 October off, 28 September and 11 October worked).
    assert rectification.default_deadline(datetime.date(2025, 9, 26)) == datetime.date(2025, 10, 23)


def test_allowed_steps_are_recorded_with_who_and_when(failed_run, admin_user):
    item = rectification.create_rectifications(failed_run)[0]
    assert item.finding.rule == "homepage_not_updated"
    rectification.submit(item, user=admin_user, note="已更新首页要闻")
    assert (item.status, item.note, item.updated_by) == (Status.SUBMITTED, "已更新首页要闻", admin_user)
    rectification.transition(item, Status.REJECTED, user=admin_user, note="首页仍无新信息")
    rectification.submit(item, user=admin_user, note="已补发信息")
    rectification.transition(item, Status.VERIFIED, user=admin_user, note="人工核对已更新")
    steps = [(event.from_status, event.to_status, event.user) for event in item.events.all()]
    assert steps == [
        ("", Status.OPEN, None),
        (Status.OPEN, Status.SUBMITTED, admin_user),
        (Status.SUBMITTED, Status.REJECTED, admin_user),
        (Status.REJECTED, Status.SUBMITTED, admin_user),
        (Status.SUBMITTED, Status.VERIFIED, admin_user),
    ]
    assert all(event.at <= timezone.now() for event in item.events.all())


@pytest.mark.parametrize(
    ("start", "target", "message"),
    [
        (Status.OPEN, Status.VERIFIED, "整改状态不能从“待整改”改为“复核通过”。"),
        (Status.OPEN, Status.REJECTED, "整改状态不能从“待整改”改为“复核未通过”。"),
        (Status.SUBMITTED, Status.SUBMITTED, "整改状态不能从“已报整改”改为“已报整改”。"),
        (Status.VERIFIED, Status.SUBMITTED, "整改状态不能从“复核通过”改为“已报整改”。"),
        (Status.VERIFIED, Status.OPEN, "整改状态不能从“复核通过”改为“待整改”。"),
        (Status.REJECTED, Status.VERIFIED, "整改状态不能从“复核未通过”改为“复核通过”。"),
    ],
)
def test_illegal_steps_are_refused_in_chinese(failed_run, start, target, message):
    item = rectification.create_rectifications(failed_run)[0]
    Rectification.objects.filter(pk=item.pk).update(status=start)
    item.refresh_from_db()
    with pytest.raises(rectification.TransitionError, match=message):
        rectification.transition(item, target, note="说明")
    item.refresh_from_db()
    assert item.status == start and item.events.count() == 1


def test_a_report_of_fixing_needs_a_note(failed_run):
    item = rectification.create_rectifications(failed_run)[0]
    with pytest.raises(rectification.TransitionError, match="请说明整改情况"):
        rectification.submit(item, note="  ")
    assert Rectification.objects.get(pk=item.pk).status == Status.OPEN


def test_webmaster_reports_fixed_but_cannot_verify(client, django_user_model, failed_run):
    item = rectification.create_rectifications(failed_run)[0]
    webmaster = django_user_model.objects.create_user("webmaster", password="pw")
    group = Group.objects.create(name="webmasters")
    group.permissions.add(*Permission.objects.filter(codename__in=["access_admin", "change_rectification"]))
    webmaster.groups.add(group)
    client.force_login(webmaster)
    page = client.get(f"/admin/supervision/rectifications/{item.pk}/").content.decode()
    assert "报告已整改" in page and "人工复核通过" not in page and "csrfmiddlewaretoken" in page
    response = client.post(
        f"/admin/supervision/rectifications/{item.pk}/submit/", {"note": "已整改"}, follow=True
    )
    assert "已报整改" in response.content.decode()
    item.refresh_from_db()
    assert item.status == Status.SUBMITTED and item.updated_by == webmaster
    refused = client.post(f"/admin/supervision/rectifications/{item.pk}/verify/", {"note": "自己核对"})
    assert refused.status_code == 302 and refused["Location"] == "/admin/"
    assert Rectification.objects.get(pk=item.pk).status == Status.SUBMITTED


def test_refused_step_through_the_admin_shows_the_message(admin_client, failed_run):
    item = rectification.create_rectifications(failed_run)[0]
    response = admin_client.post(
        f"/admin/supervision/rectifications/{item.pk}/verify/", {"note": "直接通过"}, follow=True
    )
    assert "整改状态不能从“待整改”改为“复核通过”" in response.content.decode()


def test_overdue_listing(admin_client, failed_run):
    items = rectification.create_rectifications(failed_run)
    past = timezone.localdate() - datetime.timedelta(days=3)
    Rectification.objects.filter(pk=items[0].pk).update(deadline=past)  # open: overdue
    Rectification.objects.filter(pk=items[1].pk).update(deadline=past, status=Status.SUBMITTED)  # reported
    Rectification.objects.filter(pk=items[2].pk).update(deadline=timezone.localdate())  # due today
    assert list(rectification.overdue_rectifications()) == [items[0]]
    html = admin_client.get("/admin/supervision/rectifications/overdue/").content.decode()
    assert f'data-rectification="{items[0].pk}"' in html and f'data-rectification="{items[1].pk}"' not in html
    assert "<td>3</td>" in html
    assert "逾期整改 1 项" in admin_client.get("/admin/").content.decode()
    listing = admin_client.get("/admin/rectifications/").content.decode()
    assert "逾期 3 天" in listing


def test_recheck_verifies_what_is_gone_and_rejects_what_remains(
    admin_client, admin_user, failed_run, fake_inspector
):
    items = {r.finding.rule: r for r in rectification.create_rectifications(failed_run)}
    for item in items.values():
        rectification.submit(item, user=admin_user, note="已整改")
    site = failed_run.site
    confirm = admin_client.get(f"/admin/supervision/sites/{site.pk}/recheck/").content.decode()
    assert "开始复核" in confirm and "csrfmiddlewaretoken" in confirm
    fake_inspector.update(homepage_fresh=True, columns_stale=True)  # the homepage is fixed, the columns not
    response = admin_client.post(f"/admin/supervision/sites/{site.pk}/recheck/", follow=True)
    assert "复核完成：1 项通过，2 项仍未整改" in response.content.decode()
    recheck = InspectionRun.objects.get(site=site, batch=None)
    assert recheck.status == InspectionRun.Status.DONE
    after = {rule: Rectification.objects.get(pk=item.pk) for rule, item in items.items()}
    assert after["homepage_not_updated"].status == Status.VERIFIED
    assert after["columns_not_updated"].status == Status.REJECTED
    assert after["homepage_update_volume"].status == Status.REJECTED  # 5 items are still too few
    last = after["homepage_not_updated"].events.last()
    assert (last.to_status, last.run, last.user) == (Status.VERIFIED, recheck, admin_user)
    assert after["homepage_not_updated"].recheck_run == recheck


def test_an_unreachable_recheck_decides_nothing(admin_user, failed_run, fake_inspector):
    item = rectification.create_rectifications(failed_run)[0]
    rectification.submit(item, user=admin_user, note="已整改")
    fake_inspector.update(reachable=False)
    outcome = rectification.request_recheck(failed_run.site, user=admin_user)
    assert outcome.run.passed is None and outcome.undecided == (item,)
    item.refresh_from_db()
    assert item.status == Status.SUBMITTED and item.recheck_run is None
    assert "未作判定" in item.events.last().note


def test_a_recheck_on_a_worker_is_settled_when_it_has_finished(
    admin_user, failed_run, fake_inspector, monkeypatch
):
    from govsite.supervision import tasks

    queued: list[int] = []
    monkeypatch.setattr(tasks.inspect_run, "delay", queued.append)  # a broker: the run waits for a worker
    item = rectification.create_rectifications(failed_run)[0]  # homepage_not_updated
    rectification.submit(item, user=admin_user, note="已整改")
    outcome = rectification.request_recheck(failed_run.site, user=admin_user)
    assert outcome.pending and queued == [outcome.run.pk]
    assert Rectification.objects.get(pk=item.pk).status == Status.SUBMITTED
    service.execute_run(queued[0])  # the worker
    assert rectification.settle_finished_rechecks() == 1
    assert Rectification.objects.get(pk=item.pk).status == Status.VERIFIED
    assert rectification.settle_finished_rechecks() == 0


def test_edits_of_owner_and_deadline_are_recorded(admin_client, failed_run):
    item = rectification.create_rectifications(failed_run)[0]
    response = admin_client.post(
        f"/admin/rectifications/edit/{item.pk}/", {"owner": "区政府办公室", "deadline": "2027-01-15"}
    )
    assert response.status_code == 302
    item.refresh_from_db()
    assert (item.owner, item.deadline, item.status) == (
        "区政府办公室",
        datetime.date(2027, 1, 15),
        Status.OPEN,
    )
    assert item.events.last().note == "修改：责任单位/责任人、整改期限"
    assert item.updated_by.is_superuser
