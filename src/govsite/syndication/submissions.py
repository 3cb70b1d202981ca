"""信息报送: a lower site's editor sends a published item up to the parent site (SiteProfile.parent);
the parent's editor accepts it into a column of theirs, named as coming from the lower site, or returns
it with a reason. The sender sees the outcome in 我的报送 and by e-mail."""

from __future__ import annotations

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.mail import EmailMessage
from django.db import IntegrityError, transaction
from django.db.models import QuerySet
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from wagtail.models import Site
from wagtail.permission_policies.pages import PagePermissionPolicy

from govsite.cluster.access import sites_for_user
from govsite.cluster.models import SiteProfile, profile_for_path
from govsite.columns.models import ColumnPage
from govsite.content.models import ArticleAttachment, ArticlePage
from govsite.syndication.models import Submission, SubmissionState
from govsite.syndication.reposting import REASON_MAX, may_repost


def site_profile_of(page) -> SiteProfile | None:
    return profile_for_path(page.path)


def upper_site(page) -> Site | None:
    """The site an item of ``page``'s site is submitted to: the parent in the cluster tree."""
    profile = site_profile_of(page)
    return profile.parent.site if profile is not None and profile.parent is not None else None


def may_submit(user, page) -> bool:
    return PagePermissionPolicy().user_has_permission_for_instance(user, "change", page)


def submit(page: ArticlePage, user, note: str = "") -> Submission:
    if not may_submit(user, page):
        raise PermissionDenied
    if not page.live:
        raise ValidationError(_("只能报送已发布的信息"))
    profile = site_profile_of(page)
    if profile is None or profile.parent is None:
        raise ValidationError(_("本网站没有上级网站，无法报送"))
    try:
        with transaction.atomic():
            return Submission.objects.create(
                page=page, title=page.title[:255], from_site=profile.site, to_site=profile.parent.site,
                note=" ".join(note.split())[:300], submitted_by=user,
            )  # fmt: skip
    except IntegrityError:
        raise ValidationError(_("该信息已报送，正等待上级网站处理")) from None


def inbox_for(user) -> QuerySet[Submission]:
    """Submissions received by the sites the user works in."""
    site_ids = [site.pk for site in sites_for_user(user)]
    return Submission.objects.filter(to_site_id__in=site_ids).select_related("from_site", "to_site")


def sent_by_sites_of(user) -> QuerySet[Submission]:
    """Submissions sent by the sites the user works in (所有报送的结果, not only the user's own)."""
    site_ids = [site.pk for site in sites_for_user(user)]
    return Submission.objects.filter(from_site_id__in=site_ids).select_related("from_site", "to_site")


def target_columns(user, submission: Submission) -> QuerySet[ColumnPage]:
    """Columns of the receiving site where the user may add an item."""
    columns = ColumnPage.objects.live().descendant_of(submission.to_site.root_page).order_by("path")
    if user.is_superuser:
        return columns
    allowed = PagePermissionPolicy().instances_user_has_permission_for(user, "add")
    return columns.filter(pk__in=allowed.values("pk"))


def accept(submission: Submission, user, column: ColumnPage, *, publish: bool) -> ArticlePage:
    if not column.path.startswith(submission.to_site.root_page.path):
        raise ValidationError(_("请选择本网站的栏目"))
    if not may_repost(user, column, publish=publish):
        raise PermissionDenied
    original = submission.page.specific if submission.page_id else None
    if original is None:
        raise ValidationError(_("报送的信息已被删除"))
    with transaction.atomic():
        locked = _pending(submission)
        now = timezone.now()
        page = ArticlePage(
            title=original.title, date=timezone.localdate(now), source=submission.from_site.site_name[:100],
            author=original.author, body=original.body, owner=user, live=False,
        )  # fmt: skip
        for attachment in original.attachments.all():
            page.attachments.add(
                ArticleAttachment(document_id=attachment.document_id, title=attachment.title)
            )
        column.add_child(instance=page)
        revision = page.save_revision(user=user, log_action=True)
        if publish:
            revision.publish(user=user)
            page.refresh_from_db()
        locked.state, locked.column, locked.published_page = SubmissionState.ACCEPTED, column, page
        locked.handled_by, locked.handled_at = user, now
        locked.save(update_fields=["state", "column", "published_page", "handled_by", "handled_at"])
    submission.refresh_from_db()
    _notify(submission)
    return page


def return_to_sender(submission: Submission, user, reason: str) -> None:
    reason = " ".join(reason.split())
    if not reason:
        raise ValidationError(_("请填写退回原因"))
    if submission.to_site_id not in {site.pk for site in sites_for_user(user)}:
        raise PermissionDenied
    with transaction.atomic():
        locked = _pending(submission)
        locked.state, locked.reason = SubmissionState.RETURNED, reason[:REASON_MAX]
        locked.handled_by, locked.handled_at = user, timezone.now()
        locked.save(update_fields=["state", "reason", "handled_by", "handled_at"])
    submission.refresh_from_db()
    _notify(submission)


def _pending(submission: Submission) -> Submission:
    locked = Submission.objects.select_for_update().get(pk=submission.pk)
    if locked.state != SubmissionState.SUBMITTED:
        raise ValidationError(_("该报送已处理（%(state)s）") % {"state": locked.get_state_display()})
    return locked


def _notify(submission: Submission) -> None:
    """Tell the sender the outcome (after the commit: a failed mail must not undo the decision)."""
    sender = submission.submitted_by
    if sender is None or not sender.email:
        return
    base = getattr(settings, "WAGTAILADMIN_BASE_URL", "").rstrip("/")
    outcome = submission.get_state_display()
    lines = [
        _("您报送到%(site)s的信息《%(title)s》%(outcome)s。")
        % {"site": submission.to_site.site_name, "title": submission.title, "outcome": outcome}
    ]
    if submission.state == SubmissionState.RETURNED:
        lines.append(_("退回原因：%(reason)s") % {"reason": submission.reason})
    elif submission.published_page_id:
        lines.append(
            _("采用栏目：%(column)s") % {"column": submission.column.title if submission.column else ""}
        )
    lines += ["", _("查看：%(url)s") % {"url": base + reverse("syndication_submissions:sent")}]
    subject = _("【信息报送】《%(title)s》%(outcome)s") % {"title": submission.title, "outcome": outcome}
    EmailMessage(subject=subject, body="\n".join(lines), to=[sender.email]).send(fail_silently=True)
