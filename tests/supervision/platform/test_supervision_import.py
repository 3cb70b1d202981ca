"""Monitored sites: imported from the offices' CSV lists, and our own sites registered automatically."""

import pytest
from django.core.management import CommandError, call_command
from wagtail.models import Page, Site

from govsite.cluster.models import SiteProfile
from govsite.content.models import HomePage
from govsite.supervision.importing import import_monitored_sites, normalise_url
from govsite.supervision.models import MonitoredSite

CSV = "标识码,名称,网址\n1100000088,北京市人民政府,www.beijing.gov.cn\nbm01000001,中国政府网,https://www.gov.cn/\n"


@pytest.mark.django_db
def test_import_utf8_with_header():
    report = import_monitored_sites(CSV.encode("utf-8-sig"))
    assert (report.created, report.updated, report.errors) == (2, 0, [])
    assert MonitoredSite.objects.get(site_code="1100000088").url == "http://www.beijing.gov.cn/"


@pytest.mark.django_db
def test_import_gbk_from_excel_and_again_updates_not_duplicates():
    import_monitored_sites(CSV.encode("gbk"))
    report = import_monitored_sites(CSV.replace("中国政府网", "中华人民共和国中央人民政府").encode("gbk"))
    assert (report.created, report.updated) == (0, 2)
    assert MonitoredSite.objects.count() == 2
    assert MonitoredSite.objects.get(site_code="bm01000001").name == "中华人民共和国中央人民政府"


@pytest.mark.django_db
def test_bad_rows_are_reported_with_line_numbers_and_good_rows_kept():
    text = "网站标识码,网站名称,首页网址\n123,坏标识码网站,http://a.gov.cn\n4300000001,,http://b.gov.cn\n4300000002,无网址,\n"
    text += "4300000003,好网站,c.gov.cn/index.html\n"
    report = import_monitored_sites(text)
    assert report.created == 2
    assert report.errors == [(3, "缺少网站名称"), (4, "网址“”无效")]
    assert report.warnings[0][0] == 2 and "网站标识码应为10位" in report.warnings[0][1]
    assert MonitoredSite.objects.get(name="好网站").url == "http://c.gov.cn/index.html"


@pytest.mark.django_db
def test_headerless_file_uses_documented_order(tmp_path):
    path = tmp_path / "sites.csv"
    path.write_text("4300000001,西地省人民政府,http://www.xidi.gov.cn\n", encoding="utf-8")
    call_command("import_sites", str(path))
    assert MonitoredSite.objects.get().name == "西地省人民政府"
    with pytest.raises(CommandError):
        call_command("import_sites", str(tmp_path / "missing.csv"))


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("www.gov.cn", "http://www.gov.cn/"),
        ("HTTPS://WWW.GOV.CN", "https://www.gov.cn/"),
        ("ftp://x.gov.cn", None),
        ("", None),
        ("http://", None),
    ],
)
def test_normalise_url(raw, expected):
    assert normalise_url(raw) == expected


@pytest.mark.django_db
def test_own_sites_are_registered_and_adopt_an_imported_record():
    import_monitored_sites("标识码,名称,网址\n4300000001,西地省政府（导入）,http://www.xidi.localhost/\n")
    root = Page.get_first_root_node()
    home = root.add_child(instance=HomePage(title="西地省", slug="xidi"))
    site = Site.objects.create(
        hostname="www.xidi.localhost", port=80, root_page=home, site_name="西地省人民政府"
    )
    SiteProfile.objects.create(
        site=site, level="province", kind="portal", site_code="4300000001", sponsor="办公厅"
    )
    monitored = MonitoredSite.objects.get()
    assert monitored.own_site == site and monitored.name == "西地省人民政府"


@pytest.mark.django_db
def test_admin_upload_imports_and_lists_sites(admin_client):
    from django.core.files.uploadedfile import SimpleUploadedFile

    upload = SimpleUploadedFile("sites.csv", CSV.encode("gbk"), content_type="text/csv")
    response = admin_client.post("/admin/supervision/import/", {"csv_file": upload}, follow=True)
    html = response.content.decode()
    assert response.status_code == 200 and "新增 2 个" in html and "北京市人民政府" in html
    wrong = SimpleUploadedFile("sites.xlsx", b"PK\x03\x04", content_type="application/octet-stream")
    html = admin_client.post("/admin/supervision/import/", {"csv_file": wrong}).content.decode()
    assert "请上传 CSV 文件" in html


@pytest.mark.django_db
def test_probe_records_availability_of_a_monitored_site():
    import threading
    from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

    from govsite.supervision.service import probe_monitored_site

    class Ok(BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            self.send_response(200)
            self.send_header("Content-Type", "text/html; charset=utf-8")
            self.send_header("Content-Length", "2")
            self.end_headers()
            self.wfile.write(b"ok")

        def log_message(self, *args) -> None:
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Ok)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        up = MonitoredSite.objects.create(name="可访问", url=f"http://127.0.0.1:{server.server_address[1]}/")
        assert probe_monitored_site(up.pk) is True
    finally:
        server.shutdown()
    assert up.probes.get().ok and up.probes.get().status == 200
    down = MonitoredSite.objects.create(
        name="不可访问", url=f"http://127.0.0.1:{server.server_address[1]}/closed/"
    )
    assert probe_monitored_site(down.pk) is False
    assert down.probes.get().error


@pytest.mark.django_db
def test_scheduled_inspection_runs_every_active_site_in_process(monkeypatch):
    """Without a broker the tasks run in-process: the weekly batch inspects and stores every active site."""
    import datetime

    from govsite.indicators import evaluate, load_ruleset
    from govsite.indicators.inspection import SiteEvidence
    from govsite.supervision import inspect as inspector
    from govsite.supervision.models import InspectionRun
    from govsite.supervision.tasks import inspect_all_sites

    def fake_inspect(url, *, today, **options):
        evidence = SiteEvidence(url=url, checked_at=datetime.datetime(2026, 11, 23, tzinfo=datetime.UTC),
                                reachable=True, pages_fetched=1)  # fmt: skip
        return inspector.InspectionResult(evidence, evaluate(evidence, today, load_ruleset()))

    monkeypatch.setattr(inspector, "inspect_site", fake_inspect)
    import_monitored_sites(CSV)
    MonitoredSite.objects.create(name="停用", url="http://stopped.gov.cn/", active=False)
    assert inspect_all_sites() == 2
    runs = InspectionRun.objects.all()
    assert {run.status for run in runs} == {InspectionRun.Status.DONE} and runs.count() == 2
    assert all(run.verdict["schema_version"] == 1 and run.findings.exists() for run in runs)
