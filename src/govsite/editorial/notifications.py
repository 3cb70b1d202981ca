"""Mail to the reviewers of a page's own site or column when it reaches one of their tasks.

Wagtail's notifier for group tasks writes to every member of the task's groups, which for a task shared
by the whole cluster would tell every site's reviewers about every other site's drafts.
"""

from __future__ import annotations

from django.conf import settings
from django.contrib.auth import get_user_model
from wagtail.admin.mail import GroupApprovalTaskStateSubmissionEmailNotifier
from wagtail.models import Page


class ScopedTaskSubmissionNotifier(GroupApprovalTaskStateSubmissionEmailNotifier):
    def get_template_base_prefix(self, instance, **kwargs) -> str:
        return "task_state_"  # Wagtail's templates; they are named after the class, ours is a subclass

    def get_recipient_users(self, task_state, **kwargs):
        task = task_state.task.specific
        page = task_state.workflow_state.content_object
        User = get_user_model()
        recipients = task.recipients_for(page) if isinstance(page, Page) else User.objects.none()
        if getattr(settings, "WAGTAILADMIN_NOTIFICATION_INCLUDE_SUPERUSERS", True):
            recipients = recipients | User.objects.filter(is_superuser=True, is_active=True)
        if user := kwargs.get("user"):
            recipients = recipients.exclude(pk=user.pk)
        return recipients.distinct()


task_submission_notifier = ScopedTaskSubmissionNotifier()
