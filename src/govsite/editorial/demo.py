"""Demo editorial staff and review work for each site.

Every site gets its four roles (``setup_site_roles``) and one user per role, password ``govsite-demo``:
``<site>-contributor`` (信息员), ``<site>-editor`` (编辑), ``<site>-reviewer`` (审核), ``<site>-siteadmin``
(网站管理员), where ``<site>`` is the site's subdomain (``xidi`` for the portal). Then, through the real
workflow: the newest 工作动态 item is corrected (a new source, with a public 更正说明) and published after
初审, 保密审查 and 终审, so its 发布责任记录 shows a full path; and a new item by the contributor waits for
初审, so the reviewer has work on the dashboard. Deterministic for a seed and a day, except the times the
workflow records, which are the time of loading.
"""

from __future__ import annotations

import datetime
from functools import cache

from django.contrib.auth import get_user_model
from django.contrib.auth.hashers import make_password
from django.test.utils import override_settings
from django.utils.html import escape

from govsite.columns.models import ColumnPage
from govsite.content.models import ArticlePage
from govsite.core.slugs import item_slug_base, unique_child_slug
from govsite.demo import corpus
from govsite.editorial.models import Role
from govsite.editorial.publication import save_correction
from govsite.editorial.roles import setup_site_roles

PASSWORD = "govsite-demo"
USERNAME_SUFFIX = {
    Role.CONTRIBUTOR: "contributor",
    Role.EDITOR: "editor",
    Role.REVIEWER: "reviewer",
    Role.SITE_ADMIN: "siteadmin",
}
NEWS_COLUMN = "工作动态"


@cache
def _password_hash() -> str:
    return make_password(PASSWORD)  # hashed once per process: the hasher is slow on purpose


def populate_site(demo_site) -> None:
    staff = demo_staff(demo_site)
    column = ColumnPage.objects.descendant_of(demo_site.home).filter(title=NEWS_COLUMN).first()
    if column is None:
        return
    # The demo tells no one: reviewers' mail would only fill the loader's console.
    with override_settings(EMAIL_BACKEND="django.core.mail.backends.dummy.EmailBackend"):
        correct_newest_item(demo_site, column, staff)
        submit_new_item(demo_site, column, staff)


def demo_staff(demo_site) -> dict[Role, object]:
    User = get_user_model()
    prefix = demo_site.spec.subdomain or "xidi"
    staff = {}
    for role, group in setup_site_roles(demo_site.profile.site).items():
        username = f"{prefix}-{USERNAME_SUFFIX[role]}"
        user, _created = User.objects.get_or_create(
            username=username,
            defaults={
                "first_name": corpus.person_name(demo_site.rng),
                "email": f"{username}@example.cn",
                "password": _password_hash(),
            },
        )
        user.groups.add(group)
        staff[role] = user
    return staff


def correct_newest_item(demo_site, column: ColumnPage, staff: dict[Role, object]) -> None:
    item = column.items().first()
    if item is None:
        return
    item = item.specific
    editor, reviewer = staff[Role.EDITOR], staff[Role.REVIEWER]
    old_source = item.source or "—"
    item.source = f"{demo_site.place.government}办公室"
    item.save_revision(user=editor)
    save_correction(item, f"原文来源“{old_source}”有误，已更正为“{item.source}”。", editor)
    item.get_workflow().start(item, editor)
    _act(item, reviewer, comment="内容属实")
    _act(item, reviewer, confidentiality_confirmed=True)
    _act(item, staff[Role.SITE_ADMIN])


def submit_new_item(demo_site, column: ColumnPage, staff: dict[Role, object]) -> None:
    contributor = staff[Role.CONTRIBUTOR]
    day: datetime.date = demo_site.options.today
    title = corpus.title_for("news", demo_site.rng, demo_site.place, day)
    paragraphs = corpus.body_paragraphs(demo_site.rng, demo_site.place, "news", title, day)
    page = column.add_child(
        instance=ArticlePage(
            title=title,
            date=day,
            slug=unique_child_slug(column, item_slug_base(day)),
            body="".join(f"<p>{escape(text)}</p>" for text in paragraphs),
            source=demo_site.place.government,
            live=False,
            owner=contributor,
        )
    )
    page.save_revision(user=contributor)
    page.get_workflow().start(page, contributor)


def _act(page: ArticlePage, user, **data) -> None:
    page = ArticlePage.objects.get(pk=page.pk)
    task_state = page.current_workflow_task_state
    task_state.task.specific.on_action(task_state, user, "approve", **data)
