"""Review tasks for Wagtail workflows: group tasks kept to the reviewer's own site or column, and the
保密审查 task whose approval needs the reviewer's explicit confirmation, recorded with name and time.

One task serves every site (the standard workflow has one 初审, one 保密审查, one 终审); each site's
reviewer groups are among the task's groups, and ``scope`` keeps each group to the pages its page
permissions reach. Wagtail's own ``GroupApprovalTask`` would let a reviewer of one site approve the
pages of every other site in the cluster.
"""

from __future__ import annotations

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import PermissionDenied
from django.db import models, transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.models import AbstractGroupApprovalTask, Page, TaskState

from govsite.editorial.forms import CONFIDENTIALITY_STATEMENT, ConfidentialityApprovalForm
from govsite.editorial.scope import granted_paths, groups_covering, page_ids_under


def person_label(user) -> str:
    """How a member of staff is named in records that must outlive their account: 姓名（用户名）."""
    if user is None:
        return ""
    full_name = (user.get_full_name() or "").strip()
    username = user.get_username()
    return f"{full_name}（{username}）" if full_name and full_name != username else username


class EditorialTaskState(TaskState):
    """The state of an editorial task on one revision; holds the 保密审查 confirmation where one is given."""

    confidentiality_confirmed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("保密审查确认人"),
    )
    confidentiality_confirmed_by_name = models.CharField(_("保密审查确认人姓名"), max_length=200, blank=True)
    confidentiality_confirmed_at = models.DateTimeField(_("保密审查确认时间"), null=True, blank=True)

    class Meta:
        verbose_name = _("审核任务状态")
        verbose_name_plural = _("审核任务状态")

    def confirm_confidentiality(self, user) -> None:
        self.confidentiality_confirmed_by = user
        self.confidentiality_confirmed_by_name = person_label(user)
        self.confidentiality_confirmed_at = timezone.now()
        self.save(
            update_fields=[
                "confidentiality_confirmed_by",
                "confidentiality_confirmed_by_name",
                "confidentiality_confirmed_at",
            ]
        )

    def confirmed_by(self, user) -> bool:
        return (
            self.confidentiality_confirmed_at is not None
            and self.confidentiality_confirmed_by_id == getattr(user, "pk", None)
        )

    @transaction.atomic
    def approve(self, user=None, update=True, comment=""):
        # Enforced here, not only in the admin form: no code path approves 保密审查 unconfirmed,
        # nor on someone else's confirmation.
        required = getattr(self.task.specific, "requires_confidentiality_confirmation", False)
        if required and not self.confirmed_by(user):
            raise PermissionDenied(_("保密审查须由审查人本人勾选确认后方可通过"))
        return super().approve(user=user, update=update, comment=comment)


class ScopedGroupApprovalTask(AbstractGroupApprovalTask):
    """A group task whose groups act only on pages their page permissions reach."""

    task_state_class = EditorialTaskState

    class Meta:
        abstract = True

    def user_can_moderate(self, obj, user) -> bool:
        if not user.is_active:
            return False
        if user.is_superuser:
            return True
        if not isinstance(obj, Page) or not self._user_in_groups(user):
            return False
        # Asked several times per request (action menu, lock, editor access): cached on the user object.
        cache = user.__dict__.setdefault("_editorial_scope_checks", {})
        key = (self.pk, obj.path)
        if key not in cache:
            cache[key] = groups_covering(obj, self.groups.filter(user=user)).exists()
        return cache[key]

    def user_can_access_editor(self, obj, user):
        return self.user_can_moderate(obj, user)

    def locked_for_user(self, obj, user):
        return not self.user_can_moderate(obj, user)

    def user_can_lock(self, obj, user):
        return self.user_can_moderate(obj, user)

    def get_actions(self, obj, user):
        if not self.user_can_moderate(obj, user):
            return []
        return [
            ("reject", _("退回修改"), True),
            ("approve", _("通过"), False),
            ("approve", _("通过并附意见"), True),
        ]

    def get_task_states_user_can_moderate(self, user, **kwargs):
        states = TaskState.objects.filter(task=self.pk, status=TaskState.STATUS_IN_PROGRESS)
        if user.is_superuser:
            return states
        if not user.is_active or not self._user_in_groups(user):
            return TaskState.objects.none()
        paths = granted_paths(self.groups.filter(user=user))
        return states.filter(
            workflow_state__base_content_type=ContentType.objects.get_for_model(Page),
            workflow_state__object_id__in=page_ids_under(paths),
        )

    def recipients_for(self, page: Page):
        """Who is told that a page awaits this task: members of the groups that cover the page."""
        from django.contrib.auth import get_user_model

        return get_user_model().objects.filter(
            groups__in=groups_covering(page, self.groups.all()), is_active=True
        )


class ReviewTask(ScopedGroupApprovalTask):
    """初审 / 终审: approved or sent back by the reviewers of the page's own site or column."""

    class Meta:
        verbose_name = _("审核（本站或本栏目审核人）")
        verbose_name_plural = _("审核（本站或本栏目审核人）")

    @classmethod
    def get_description(cls):
        return _("所选用户组中对该页面所在网站或栏目有权限的成员可以通过或退回")


class ConfidentialityReviewTask(ScopedGroupApprovalTask):
    """保密审查: approving needs the reviewer's own explicit confirmation, recorded with name and time."""

    requires_confidentiality_confirmation = True

    class Meta:
        verbose_name = _("保密审查")
        verbose_name_plural = _("保密审查")

    @classmethod
    def get_description(cls):
        return _("审查人须勾选“%(statement)s”后方可通过") % {"statement": CONFIDENTIALITY_STATEMENT}

    def get_actions(self, obj, user):
        if not self.user_can_moderate(obj, user):
            return []
        # Every approval opens the form: there is no one-click approval without the confirmation.
        return [("reject", _("退回修改"), True), ("approve", _("保密审查通过"), True)]

    def get_form_for_action(self, action):
        if action == "approve":
            return ConfidentialityApprovalForm
        return super().get_form_for_action(action)

    @transaction.atomic
    def on_action(self, task_state, user, action_name, **kwargs):
        if action_name != "approve":
            return super().on_action(task_state, user, action_name, **kwargs)
        if not kwargs.get("confidentiality_confirmed"):
            raise PermissionDenied(_("未勾选保密审查确认，不能通过"))
        state = task_state.specific
        state.confirm_confidentiality(user)
        state.approve(user=user, comment=kwargs.get("comment", ""))
        return None  # the admin would take any other return value for a URL to go to
