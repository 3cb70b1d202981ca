"""One action per queued item: repost it into the subscribing column (draft or published), or ignore it.

The repost keeps its origin: the subscription's name goes into the item's 来源 and the body ends with
the original link (ArticlePage has no link field; the queue row keeps the link as data too). The body is
the upstream page's own for a column of this platform, the feed's content for a feed, and for a crawled
list the article text read from the original page (the link alone when that page cannot be read).
"""

from __future__ import annotations

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.html import escape
from django.utils.translation import gettext as _
from wagtail.permission_policies.pages import PagePermissionPolicy

from govsite.columns.models import ColumnPage
from govsite.content.models import ArticleAttachment, ArticlePage
from govsite.supervision.crawler.limits import CrawlLimits
from govsite.supervision.extract.article import extract_article
from govsite.syndication.models import RepostItem, RepostState, SourceKind
from govsite.syndication.upstream import UpstreamError, fetch_text

REASON_MAX = 300


def may_repost(user, column: ColumnPage, *, publish: bool) -> bool:
    actions = {"add", "publish"} if publish else {"add"}
    policy = PagePermissionPolicy()
    return all(policy.user_has_permission_for_instance(user, action, column) for action in actions)


def repost(item: RepostItem, user, *, publish: bool, limits: CrawlLimits | None = None) -> ArticlePage:
    """Create the repost in the subscribing column; the item becomes 已转载 with the time it happened."""
    column = item.source.column.specific
    if not may_repost(user, column, publish=publish):
        raise PermissionDenied
    body, attachments, author = _body(item, limits)  # any fetch happens before the transaction
    with transaction.atomic():
        locked = RepostItem.objects.select_for_update().get(pk=item.pk)
        if locked.state != RepostState.PENDING:
            raise ValidationError(_("该信息已处理（%(state)s）") % {"state": locked.get_state_display()})
        now = timezone.now()
        page = ArticlePage(
            title=item.title[:255],
            date=timezone.localdate(now),
            source=item.source.name[:100],
            author=author[:50],
            body=body,
            owner=user,
            live=False,
        )
        for document_id, title in attachments:
            page.attachments.add(ArticleAttachment(document_id=document_id, title=title))
        column.add_child(instance=page)
        revision = page.save_revision(user=user, log_action=True)
        if publish:
            revision.publish(user=user)
            page.refresh_from_db()
        locked.state, locked.page, locked.handled_at, locked.handled_by = (
            RepostState.REPOSTED,
            page,
            now,
            user,
        )
        locked.save(update_fields=["state", "page", "handled_at", "handled_by"])
    item.refresh_from_db()
    return page


def ignore(item: RepostItem, user, reason: str) -> None:
    reason = " ".join(reason.split())
    if not reason:
        raise ValidationError(_("请填写忽略原因"))
    if not may_repost(user, item.source.column, publish=False):
        raise PermissionDenied
    updated = RepostItem.objects.filter(pk=item.pk, state=RepostState.PENDING).update(
        state=RepostState.IGNORED, reason=reason[:REASON_MAX], handled_at=timezone.now(), handled_by=user
    )
    if not updated:
        raise ValidationError(_("该信息已处理"))
    item.refresh_from_db()


def _body(item: RepostItem, limits: CrawlLimits | None) -> tuple[str, list[tuple[int, str]], str]:
    """Body HTML, attachments (document id, title) and author of the repost."""
    link = _('<p>（原文链接：<a href="%(url)s">%(url)s</a>）</p>') % {"url": escape(item.url)}
    upstream = item.upstream_page.specific if item.upstream_page_id else None
    if isinstance(upstream, ArticlePage):
        attachments = [(a.document_id, a.title) for a in upstream.attachments.all()]
        return upstream.body + link, attachments, upstream.author
    if item.source.kind == SourceKind.FEED and item.summary.strip():
        return item.summary + link, [], ""
    return _remote_text(item, limits) + link, [], ""


def _remote_text(item: RepostItem, limits: CrawlLimits | None) -> str:
    try:
        result = fetch_text(item.url, limits or CrawlLimits(), feed=False)
    except UpstreamError:
        return ""
    article = extract_article(result.text or "", result.final_url, today=timezone.localdate())
    paragraphs = [line.strip() for line in article.body_text.splitlines() if line.strip()]
    return "".join(f"<p>{escape(line)}</p>" for line in paragraphs)
