"""The demo cluster: idempotent, deterministic, and with work for the editor dashboard to show."""

import datetime
import hashlib
from io import StringIO

import pytest
from django.core.management import call_command
from wagtail.models import Page, Site

from govsite.cluster.models import SiteProfile
from govsite.columns.evidence import column_statuses
from govsite.content.models import ArticlePage, HomePage, InterpretationPage, PolicyDocumentPage
from govsite.indicators import ColumnState

TODAY = datetime.date(2026, 11, 23)
ITEM_FIELDS = ["date", "source", "author", "doc_no", "index_no", "written_date", "issuer", "subject", "keywords",
               "validity", "kind", "historical", "summary"]  # fmt: skip


def load(**options) -> str:
    out = StringIO()
    call_command("load_demo", today=TODAY.isoformat(), stdout=out, **options)
    return out.getvalue()


def canonical_dump() -> list[tuple]:
    """Everything a reader or editor sees, without surrogate keys (which a rebuild renumbers)."""
    rows: list[tuple] = []
    for site in Site.objects.select_related("profile", "profile__parent__site", "root_page").order_by(
        "hostname"
    ):
        profile = site.profile
        rows.append(("site", site.hostname, site.port, site.site_name, site.is_default_site, profile.level,
                     profile.kind, profile.site_code, profile.parent.site.hostname if profile.parent else None,
                     profile.sponsor, profile.icp_number, profile.police_filing_number))  # fmt: skip
    for page in Page.objects.filter(depth__gte=2).order_by("path").specific():
        row = [page.url_path, type(page).__name__, page.title, page.live, page.show_in_menus,
               str(page.first_published_at)]  # fmt: skip
        row += [str(getattr(page, name, "")) for name in ITEM_FIELDS]
        if isinstance(page, ArticlePage):
            row.append(hashlib.sha256(page.body.encode()).hexdigest())
        if isinstance(page, InterpretationPage):
            row.append(page.policy.url_path if page.policy else None)
        if isinstance(page, HomePage):
            row.append([(b.block_type, b.value["column"].url_path if b.block_type == "column_list" else
                         [link["title"] for link in b.value["links"]]) for b in page.body])  # fmt: skip
        rows.append(tuple(row))
    return rows


@pytest.mark.django_db
def test_second_run_changes_nothing_and_a_forced_rebuild_is_identical():
    first_output = load(scale="small")
    assert "演示站群已建立：5 个网站" in first_output
    first = canonical_dump()
    assert "演示站群已是最新" in load(scale="small")
    assert canonical_dump() == first
    load(scale="small", force=True)
    assert canonical_dump() == first


@pytest.mark.django_db
def test_a_different_seed_gives_different_content():
    load(scale="small")
    first = canonical_dump()
    load(scale="small", seed=7)
    assert canonical_dump() != first


@pytest.mark.django_db
def test_demo_replaces_wagtails_welcome_page_and_keeps_other_sites():
    other_home = Page.get_first_root_node().add_child(instance=HomePage(title="其他网站", slug="other"))
    Site.objects.create(hostname="other.example.cn", root_page=other_home)
    load(scale="small")
    assert not Page.objects.filter(title__startswith="Welcome").exists()
    assert Site.objects.filter(hostname="other.example.cn").exists()
    assert Site.objects.get(is_default_site=True).site_name == "西地省人民政府门户网站"


@pytest.mark.django_db
def test_demo_users_are_created_once_with_least_privilege(client):
    load(scale="small", admin_user="admin", admin_password="govsite-demo")
    assert client.login(username="yunchuan-editor", password="govsite-demo")
    html = client.get("/admin/").content.decode()
    assert "云川市人民政府" in html and "临江市人民政府" not in html
    load(scale="small", admin_user="admin", admin_password="another")  # never resets a password
    assert client.login(username="admin", password="govsite-demo")


@pytest.mark.django_db
def test_full_demo_has_about_two_thousand_pages_and_deliberate_problems():
    load()
    profiles = list(SiteProfile.objects.select_related("site"))
    assert len(profiles) == 5
    for profile in profiles:
        profile.full_clean()  # identities in the demo pass the platform's own validation
    pages = Page.objects.filter(depth__gte=2).count()
    assert 1900 <= pages <= 2200, pages
    assert (
        PolicyDocumentPage.objects.count() >= 100 and InterpretationPage.objects.exclude(policy=None).exists()
    )

    def states(hostname: str) -> dict[str, ColumnState]:
        return {c.title: s.state for c, s in column_statuses(Site.objects.get(hostname=hostname), TODAY)}

    linjiang, qingshan, province = (
        states("linjiang.localhost"),
        states("qingshan.localhost"),
        states("127.0.0.1"),
    )
    assert linjiang["人事信息"] == linjiang["统计数据"] == ColumnState.EMPTY
    assert linjiang["基层动态"] == ColumnState.OVERDUE
    assert qingshan["通知公告"] == qingshan["政策文件"] == qingshan["部门动态"] == ColumnState.OVERDUE
    assert qingshan["规划计划"] == ColumnState.EMPTY
    assert province["规划计划"] == ColumnState.DUE_SOON
    assert ColumnState.EXEMPT in province.values()  # the closed, historical topic
    assert sum(state == ColumnState.OK for state in province.values()) >= 10


@pytest.mark.django_db
def test_demo_loads_into_a_flushed_database():
    """`manage.py flush` (and every transactional test) empties the root page and locale that Wagtail's
    migrations created; the demo recreates them instead of failing."""
    from wagtail.models import Locale

    Page.objects.all().delete()
    Locale.objects.all().delete()
    assert Page.get_first_root_node() is None
    load(scale="small")
    assert Site.objects.count() == 5 and Page.get_first_root_node().depth == 1
