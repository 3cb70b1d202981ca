"""Steps of the review workflow as the admin takes them (Wagtail's own calls), for the tests."""

from __future__ import annotations

import datetime

from wagtail.models import Page
from wagtail.test.utils.form_data import inline_formset, nested_form_data, rich_text

from govsite.content.models import ArticlePage, PolicyDocumentPage
from govsite.core.slugs import item_slug_base, unique_child_slug


def draft(
    column: Page, owner, title: str = "我市召开安全生产工作会议", cls=ArticlePage, **fields
) -> ArticlePage:
    """A new item as an editor leaves it: not live, with a first revision."""
    fields.setdefault("body", "<p>会议强调，要压实安全生产责任。</p>")
    fields.setdefault("date", datetime.date(2026, 11, 20))
    if cls is PolicyDocumentPage:
        fields.setdefault("issuer", "西地省人民政府")
        fields.setdefault("written_date", datetime.date(2026, 11, 18))
    # Drafts skip Wagtail's full clean, which is where an empty slug would be filled in.
    fields.setdefault("slug", unique_child_slug(column, item_slug_base(fields["date"])))
    page = column.add_child(instance=cls(title=title, live=False, owner=owner, **fields))
    page.save_revision(user=owner)
    return page


def fresh(page: Page) -> Page:
    return Page.objects.get(pk=page.pk).specific


def submit(page: Page, user) -> None:
    page = fresh(page)
    state = page.current_workflow_state
    if state is not None and state.status == state.STATUS_NEEDS_CHANGES:
        state.resume(user)
    else:
        page.get_workflow().start(page, user)


def act(page: Page, user, action: str = "approve", **data) -> None:
    page = fresh(page)
    task_state = page.current_workflow_task_state
    assert task_state is not None, "the page is on no task"
    task_state.task.specific.on_action(task_state, user, action, **data)


def current_task_name(page: Page) -> str | None:
    task = fresh(page).current_workflow_task
    return task.name if task else None


def approve_all(page: Page, reviewer) -> None:
    """初审, 保密审查 (with the confirmation) and 终审 by one reviewer."""
    act(page, reviewer)
    act(page, reviewer, confidentiality_confirmed=True)
    act(page, reviewer)


def article_form(page: ArticlePage, **overrides) -> dict:
    """The item editor's fields for ``page`` as posted by the admin form."""
    data = {
        "title": page.title, "slug": page.slug, "date": page.date.isoformat(), "source": page.source,
        "author": page.author, "body": rich_text(page.body), "attachments": inline_formset([]),
        "correction_text": "",
    }  # fmt: skip
    data.update(overrides)
    if "body" in overrides:
        data["body"] = rich_text(overrides["body"])
    return nested_form_data({key: value for key, value in data.items() if value is not None})


def policy_form(page: PolicyDocumentPage, **overrides) -> dict:
    data = {
        "title": page.title, "slug": page.slug, "issuer": page.issuer, "doc_no": page.doc_no,
        "written_date": page.written_date.isoformat(), "date": page.date.isoformat(), "validity": page.validity,
        "subject": page.subject, "keywords": page.keywords, "source": page.source, "author": page.author,
        "body": rich_text(page.body), "attachments": inline_formset([]), "correction_text": "",
    }  # fmt: skip
    data.update(overrides)
    return nested_form_data(data)
