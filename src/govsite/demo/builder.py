"""Builds the demo cluster from the layout and the corpus, deterministically for a given seed and day."""

from __future__ import annotations

import datetime
import random
from collections.abc import Iterator
from dataclasses import dataclass
from importlib import import_module
from importlib.util import find_spec

from django.apps import apps
from django.conf import settings
from django.contrib.auth.models import Group, Permission
from django.db import transaction
from django.utils import timezone
from django.utils.html import escape
from wagtail.coreutils import get_supported_content_language_variant
from wagtail.models import GroupPagePermission, Locale, Page, Site

from govsite.cluster.models import Department, SiteProfile
from govsite.columns.models import ColumnPage, TopicPage
from govsite.content.models import ArticlePage, HomePage, InterpretationPage, PolicyDocumentPage
from govsite.demo import corpus
from govsite.demo.layout import SITES, ColumnSpec, SiteSpec, standard_columns

HISTORY_DAYS = 730  # items spread over two years
SCALES = {"full": 1.0, "small": 0.1}


@dataclass(frozen=True)
class DemoSite:
    """What an app's demo module gets for each site: ``<app>.demo.populate_site(demo_site)``."""

    home: HomePage
    profile: SiteProfile
    spec: SiteSpec
    place: corpus.Place
    options: DemoOptions
    rng: random.Random  # a stream of the app's own: adding an app leaves the others' content as it was
    interaction_column: ColumnPage  # 互动交流: where interaction apps put their pages
    departments: list[Department]


def demo_modules() -> list:
    """``demo`` modules of installed apps that fill each site with the app's own content."""
    modules = []
    for config in apps.get_app_configs():
        name = f"{config.name}.demo"
        if config.name.startswith("govsite.") and config.name != "govsite.demo" and find_spec(name):
            module = import_module(name)
            if hasattr(module, "populate_site"):
                modules.append(module)
    return modules


@dataclass(frozen=True)
class DemoOptions:
    today: datetime.date
    seed: int = 2026
    scale: str = "full"
    port: int = 8000
    domain: str = "localhost"


def tree_root() -> Page:
    """Wagtail's root page, recreated with the default locale when a flushed database has lost them
    (``manage.py flush`` empties the tables that Wagtail's migrations filled)."""
    root = Page.get_first_root_node()
    if root is not None:
        return root
    Locale.objects.get_or_create(language_code=get_supported_content_language_variant(settings.LANGUAGE_CODE))
    return Page.add_root(instance=Page(title="Root", slug="root"))


def hostname_for(spec: SiteSpec, options: DemoOptions) -> str:
    # The portal answers on 127.0.0.1 as the default site; the others on <name>.localhost.
    return f"{spec.subdomain}.{options.domain}" if spec.subdomain else "127.0.0.1"


def item_dates(
    rng: random.Random, count: int, newest_days_ago: int, today: datetime.date
) -> list[datetime.date]:
    """``count`` dates, newest first: the newest exactly ``newest_days_ago`` back, the rest spread over two years."""
    if count <= 0:
        return []
    newest = today - datetime.timedelta(days=newest_days_ago)
    span = max(HISTORY_DAYS - newest_days_ago, count)
    offsets = sorted(rng.sample(range(1, span + 1), count - 1)) if count > 1 else []
    return [newest, *(newest - datetime.timedelta(days=offset) for offset in offsets)]


def body_html(paragraphs: list[str]) -> str:
    return "".join(f"<p>{escape(text)}</p>" for text in paragraphs)


def published_at(date: datetime.date, rng: random.Random) -> datetime.datetime:
    moment = datetime.datetime.combine(
        date, datetime.time(hour=rng.randint(8, 18), minute=rng.randint(0, 59))
    )
    return timezone.make_aware(moment)


class DemoBuilder:
    def __init__(self, options: DemoOptions) -> None:
        self.options = options
        self.scale = SCALES[options.scale]
        self.profiles: dict[str, SiteProfile] = {}

    # -- entry point -------------------------------------------------------------------------------
    @transaction.atomic
    def build(self) -> dict[str, int]:
        self.remove_previous()
        root = tree_root()
        counts: dict[str, int] = {}
        modules = demo_modules()
        for spec in SITES:
            home = self.build_site(root, spec)
            self.populate_apps(home, spec, modules)
            self.fill_home(home)
            counts[spec.site_name] = ArticlePage.objects.descendant_of(home).count()
        return counts

    def populate_apps(self, home: HomePage, spec: SiteSpec, modules: list) -> None:
        place = corpus.PLACES[spec.key]
        profile = self.profiles[spec.key]
        departments = Department.objects.bulk_create(
            Department(site=profile.site, name=name, sort_order=index)
            for index, name in enumerate(place.departments)
        )
        column = home.add_child(instance=ColumnPage(title="互动交流", kind="interaction", show_in_menus=True))
        for module in modules:
            demo_site = DemoSite(
                home=home, profile=profile, spec=spec, place=place, options=self.options,
                rng=random.Random(f"{self.options.seed}:{spec.key}:{module.__name__}"),
                interaction_column=column, departments=departments,
            )  # fmt: skip
            module.populate_site(demo_site)

    def remove_previous(self) -> None:
        """Remove the demo's own sites and Wagtail's stock welcome page; leave any other site alone."""
        # Children before parents: a profile protects the profiles below it.
        for spec in reversed(SITES):
            for site in Site.objects.filter(hostname=hostname_for(spec, self.options)).select_related(
                "root_page"
            ):
                root_page = site.root_page
                site.delete()  # cascades to the profile
                if not Site.objects.filter(root_page=root_page).exists():
                    root_page.delete()
        stock_welcome = Page.objects.filter(
            depth=2,
            content_type__app_label="wagtailcore",
            content_type__model="page",
            title__startswith="Welcome",
        )
        for page in stock_welcome:
            page.delete()  # and the stock localhost Site with it

    # -- sites -------------------------------------------------------------------------------------
    def build_site(self, root: Page, spec: SiteSpec) -> HomePage:
        place = corpus.PLACES[spec.key]
        home = root.add_child(instance=HomePage(title=spec.site_name, slug=spec.subdomain or "xidi"))
        site = Site.objects.create(
            hostname=hostname_for(spec, self.options), port=self.options.port, root_page=home,
            site_name=spec.site_name, is_default_site=not spec.subdomain,
        )  # fmt: skip
        self.profiles[spec.key] = SiteProfile.objects.create(
            site=site, level=spec.level, kind=spec.kind, parent=self.profiles.get(spec.parent or ""),
            site_code=spec.site_code, sponsor=spec.sponsor, organizer=spec.organizer, contact_phone=spec.phone,
            contact_email=spec.email, contact_address=spec.address, icp_number=spec.icp,
            police_filing_number=spec.police, sort_order=SITES.index(spec),
        )  # fmt: skip
        # One random stream per site: a change to one site's layout leaves the others' content as it was.
        rng = random.Random(f"{self.options.seed}:{spec.key}")
        policies: list[PolicyDocumentPage] = []  # filled by the 政策文件 column, read by 政策解读 after it
        columns = standard_columns(spec.overrides, department=spec.kind == "department")
        for column_spec in columns:
            self.build_column(home, column_spec, place, rng, policies)
        return home

    def build_column(
        self,
        parent: Page,
        spec: ColumnSpec,
        place: corpus.Place,
        rng: random.Random,
        policies: list[PolicyDocumentPage],
    ) -> ColumnPage:
        title = "走进" + place.short if spec.kind == "overview" else spec.title
        column = parent.add_child(
            instance=ColumnPage(title=title, kind=spec.kind, show_in_menus=spec.in_menu)
        )
        for child in spec.children:
            self.build_column(column, child, place, rng, policies)
        if spec.title == "专题专栏":
            self.build_topics(column, place, rng)
        elif spec.kind == "overview":
            self.build_overview(column, place, rng)
        else:
            self.build_items(column, spec, place, rng, policies)
        return column

    def build_topics(self, parent: Page, place: corpus.Place, rng: random.Random) -> None:
        names = corpus.topic_names(rng, place, 4)
        for index, name in enumerate(names):
            historical = index == len(names) - 1  # the last topic is a closed, historical one
            topic = parent.add_child(instance=TopicPage(
                title=name, summary=f"{place.government}{name}专题", historical=historical, show_in_menus=False,
            ))  # fmt: skip
            newest = 500 if historical else rng.randint(1, 10)
            spec = ColumnSpec(name, "topic", 12, newest)
            self.build_items(topic, spec, place, rng, [], topic_name=name)

    def build_overview(self, column: ColumnPage, place: corpus.Place, rng: random.Random) -> None:
        date = self.options.today - datetime.timedelta(days=200)
        for title, paragraphs in corpus.overview_pages(place):
            self.add_item(
                column,
                ArticlePage(title=title, date=date, body=body_html(paragraphs), source=place.government),
                rng,
            )

    def build_items(
        self,
        column: ColumnPage,
        spec: ColumnSpec,
        place: corpus.Place,
        rng: random.Random,
        policies: list[PolicyDocumentPage],
        topic_name: str = "",
    ) -> None:
        count = round(spec.items * self.scale)
        if spec.items and not count:
            count = 1  # keep every non-empty column non-empty at small scale
        dates = item_dates(rng, count, spec.newest_days_ago, self.options.today)
        for sequence, date in enumerate(reversed(dates), start=1):  # oldest first, like real publishing
            item = self.add_item(
                column, self.make_item(spec.kind, place, rng, date, sequence, policies, topic_name), rng
            )
            if isinstance(item, PolicyDocumentPage):
                policies.append(item)

    def make_item(
        self,
        kind: str,
        place: corpus.Place,
        rng: random.Random,
        date: datetime.date,
        sequence: int,
        policies: list[PolicyDocumentPage],
        topic_name: str,
    ) -> ArticlePage:
        source, author = corpus.source_for(rng, place, kind), corpus.author_for(rng)
        if kind == "policy":
            draft = corpus.policy_document(rng, place, date, sequence)
            return PolicyDocumentPage(
                title=draft.title, date=date, written_date=draft.written, issuer=draft.issuer, doc_no=draft.doc_no,
                subject=draft.subject, keywords=" ".join(draft.keywords), validity=draft.validity,
                body=body_html(draft.body), source=draft.issuer,
            )  # fmt: skip
        if kind == "interpretation" and policies:
            policy = pick_policy_to_interpret(rng, policies, date)
            title, paragraphs = corpus.interpretation_for(rng, place, policy_draft_of(policy), date)
            return InterpretationPage(
                title=title,
                date=max(date, policy.date),
                policy=policy,
                body=body_html(paragraphs),
                source=source,
                author=author,
            )
        title = corpus.title_for(kind, rng, place, date, topic_name=topic_name)
        paragraphs = corpus.body_paragraphs(rng, place, kind, title, date)
        return ArticlePage(title=title, date=date, body=body_html(paragraphs), source=source, author=author)

    def add_item(self, column: Page, item: ArticlePage, rng: random.Random) -> ArticlePage:
        moment = published_at(item.date, rng)
        item.first_published_at = item.last_published_at = moment
        return column.add_child(instance=item)

    # -- home page ---------------------------------------------------------------------------------
    def fill_home(self, home: HomePage) -> None:
        wanted = [
            "工作动态",
            "通知公告",
            "政策文件",
            "政策解读",
            "领导活动",
            "部门动态",
            "处室动态",
            "人事信息",
        ]
        columns = {c.title: c for c in ColumnPage.objects.descendant_of(home)}
        blocks = [
            ("column_list", {"column": columns[name], "heading": "", "count": 8})
            for name in wanted
            if name in columns
        ][:6]
        links = [
            {"title": c.title, "page": c, "url": ""}
            for c in ColumnPage.objects.child_of(home).order_by("path")
        ]
        blocks.append(("quick_links", {"heading": "网站导航", "links": links}))
        home.body = blocks
        home.save()


def pick_policy_to_interpret(
    rng: random.Random, policies: list[PolicyDocumentPage], date: datetime.date
) -> PolicyDocumentPage:
    """A document already published by ``date`` and not yet interpreted, as a real 政策解读 column runs."""
    interpreted = {page.policy_id for page in InterpretationPage.objects.filter(policy__in=policies)}
    candidates = [p for p in policies if p.date <= date and p.pk not in interpreted]
    if not candidates:
        candidates = [p for p in policies if p.pk not in interpreted] or policies
    return candidates[rng.randrange(len(candidates))]


def policy_draft_of(policy: PolicyDocumentPage) -> corpus.PolicyDraft:
    """The corpus's view of a stored policy document, for writing its interpretation."""
    return corpus.PolicyDraft(
        title=policy.title, issuer=policy.issuer, doc_no=policy.doc_no, subject=policy.subject,
        keywords=policy.keywords.split(), written=policy.written_date, body=[], validity=policy.validity,
    )  # fmt: skip


def ensure_users(admin_user: str, admin_password: str) -> Iterator[str]:
    """Demo logins: a superuser, and an editor limited to one city site (created once, never reset)."""
    from django.contrib.auth import get_user_model

    User = get_user_model()
    if not User.objects.filter(username=admin_user).exists():
        User.objects.create_superuser(admin_user, f"{admin_user}@example.cn", admin_password)
        yield f"created superuser {admin_user}"
    editor_name = "yunchuan-editor"
    group, _ = Group.objects.get_or_create(name="云川市人民政府 网站编辑")
    group.permissions.add(
        Permission.objects.get(content_type__app_label="wagtailadmin", codename="access_admin")
    )
    site = Site.objects.filter(profile__site_code="4301000001").first()
    if site is not None:
        GroupPagePermission.objects.filter(group=group).delete()
        for permission_type in ("add", "change", "publish"):
            GroupPagePermission.objects.create(
                group=group, page=site.root_page, permission_type=permission_type
            )
    if not User.objects.filter(username=editor_name).exists():
        editor = User.objects.create_user(editor_name, f"{editor_name}@example.cn", admin_password)
        editor.groups.add(group)
        yield f"created editor {editor_name} (云川市 only)"
