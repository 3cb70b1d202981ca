"""A supervisor inspects the platform's own cluster from the admin and reads the results."""

import re
import time

import pytest
from django.core.management import call_command
from django.db import OperationalError
from django.utils import timezone

from govsite.supervision.models import InspectionRun

pytestmark = pytest.mark.browser


def all_runs_finished() -> bool:
    # The test database is SQLite in shared memory, where a reader meeting a writer's table lock gets an
    # error at once instead of waiting: such a poll simply counts as "not yet".
    try:
        return not InspectionRun.objects.filter(status__in=["queued", "running"]).exists()
    except OperationalError:
        return False


def test_supervisor_inspects_own_cluster_in_the_background_and_reads_the_dashboard(
    live_server, page, settings
):
    settings.SUPERVISION_EMBEDDED_RUNS = "background"  # as `make run` does: the page returns at once
    port = int(live_server.url.rsplit(":", 1)[1])
    call_command("load_demo", scale="small", today=timezone.localdate().isoformat(), port=port,
                 admin_user="admin", admin_password="govsite-demo", verbosity=0)  # fmt: skip

    page.goto(live_server.url + "/admin/login/")
    page.fill("#id_username", "admin")
    page.fill("#id_password", "govsite-demo")
    page.get_by_role("button", name=re.compile("登录")).click()
    page.wait_for_url(re.compile(r"/admin/$"))

    page.goto(live_server.url + "/admin/inspection_batches/new/")
    assert page.locator("input[name=sites]:checked").count() == 5  # our five sites, registered on their own
    started = time.monotonic()
    page.get_by_role("button", name="新建并开始检查").click()
    page.wait_for_url(re.compile(r"/admin/inspection_batches/$"))
    assert time.monotonic() - started < 10  # the request did not wait for the crawl
    assert "已加入检查队列" in page.content()

    deadline = time.monotonic() + 180
    while not all_runs_finished():
        assert time.monotonic() < deadline, list(InspectionRun.objects.values_list("status", "error"))
        time.sleep(2)
    assert set(InspectionRun.objects.values_list("status", flat=True)) == {InspectionRun.Status.DONE}
    page.reload()
    assert "5/5" in page.content()

    page.goto(live_server.url + "/admin/supervision/")
    assert page.locator("[data-figure=inspected]").inner_text() == "5"
    ranking = page.locator("#supervision-ranking")
    assert ranking.locator("tbody tr").count() == 5
    ranking.get_by_role("link", name="青山县人民政府").click()
    page.wait_for_load_state()
    report = page.content()
    assert "栏目更新预警" in report and "政策文件" in report
