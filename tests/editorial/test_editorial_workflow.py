"""The review workflow: 初审 → 保密审查 → 终审, rejection and resubmission, each reviewer kept to their scope."""

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied
from wagtail.models import TaskState, WorkflowState

from editorial.editorial_support import (
    act,
    approve_all,
    article_form,
    current_task_name,
    draft,
    fresh,
    submit,
)
from govsite.editorial.models import EditorialTaskState


def test_full_path_publishes_after_the_final_review(cluster):
    contributor, reviewer = cluster.user("a-contributor"), cluster.user("a-reviewer")
    page = draft(cluster.news_a, contributor)
    submit(page, contributor)
    assert current_task_name(page) == "初审"
    act(page, reviewer)
    assert current_task_name(page) == "保密审查"
    act(page, reviewer, confidentiality_confirmed=True)
    assert current_task_name(page) == "终审" and not fresh(page).live
    act(page, reviewer)
    page = fresh(page)
    assert page.live and current_task_name(page) is None
    assert WorkflowState.objects.for_instance(page).get().status == WorkflowState.STATUS_APPROVED


def test_rejected_page_is_resubmitted_and_resumes_at_the_rejecting_task(cluster):
    contributor, reviewer = cluster.user("a-contributor"), cluster.user("a-reviewer")
    page = draft(cluster.news_a, contributor)
    submit(page, contributor)
    act(page, reviewer)
    act(page, reviewer, "reject", comment="第二段涉及个人电话号码，请删除")
    state = WorkflowState.objects.for_instance(page).get()
    assert state.status == WorkflowState.STATUS_NEEDS_CHANGES and not fresh(page).live

    page = fresh(page)
    page.body = "<p>会议强调，要压实安全生产责任。联系方式已删除。</p>"
    page.save_revision(user=contributor)
    submit(page, contributor)
    assert current_task_name(page) == "保密审查"
    act(page, reviewer, confidentiality_confirmed=True)
    act(page, reviewer)
    page = fresh(page)
    assert page.live and "联系方式已删除" in page.body


def test_contributor_submits_through_the_admin(cluster, client):
    contributor = cluster.user("a-contributor")
    page = draft(cluster.news_a, contributor)
    client.force_login(contributor)
    response = client.post(f"/admin/pages/{page.pk}/edit/", article_form(page, **{"action-submit": "1"}))
    assert response.status_code == 302
    assert current_task_name(page) == "初审"


def test_confidentiality_review_cannot_be_approved_without_the_confirmation(cluster):
    contributor, reviewer = cluster.user("a-contributor"), cluster.user("a-reviewer")
    page = draft(cluster.news_a, contributor)
    submit(page, contributor)
    act(page, reviewer)
    with pytest.raises(PermissionDenied):
        act(page, reviewer)
    with pytest.raises(PermissionDenied):
        act(page, reviewer, confidentiality_confirmed=False, comment="已审")
    task_state = fresh(page).current_workflow_task_state
    with pytest.raises(PermissionDenied):  # Wagtail's own call, bypassing the task's form
        task_state.approve(user=reviewer)
    assert current_task_name(page) == "保密审查"
    assert TaskState.objects.get(pk=task_state.pk).status == TaskState.STATUS_IN_PROGRESS


def test_confirmation_counts_only_for_the_reviewer_who_gave_it(cluster):
    contributor = cluster.user("a-contributor")
    page = draft(cluster.news_a, contributor)
    submit(page, contributor)
    act(page, cluster.user("a-reviewer"))
    task_state = fresh(page).current_workflow_task_state
    task_state.confirm_confidentiality(cluster.user("a-reviewer"))
    with pytest.raises(PermissionDenied):
        task_state.approve(user=cluster.user("a-site_admin"))


def test_confidentiality_form_in_the_admin(cluster, client):
    contributor, reviewer = cluster.user("a-contributor"), cluster.user("a-reviewer")
    page = draft(cluster.news_a, contributor)
    submit(page, contributor)
    act(page, reviewer)
    task_state = fresh(page).current_workflow_task_state
    url = f"/admin/pages/workflow/action/{page.pk}/approve/{task_state.pk}/"
    client.force_login(reviewer)

    form = client.get(url, headers={"x-requested-with": "XMLHttpRequest"}).json()["html"]
    assert "已进行保密审查，确认不涉及国家秘密、工作秘密和个人隐私" in form

    refused = client.post(url, {"comment": "同意"}, headers={"x-requested-with": "XMLHttpRequest"}).json()
    assert refused["step"] == "action" and "须勾选保密审查确认后方可通过" in refused["html"]
    assert current_task_name(page) == "保密审查"

    client.post(url, {"comment": "同意", "confidentiality_confirmed": "on"})
    state = EditorialTaskState.objects.get(pk=task_state.pk)
    assert state.status == TaskState.STATUS_APPROVED and state.comment == "同意"
    assert state.confidentiality_confirmed_by == reviewer
    assert state.confidentiality_confirmed_by_name == "A赵审核（a-reviewer）"
    assert state.confidentiality_confirmed_at is not None
    assert current_task_name(page) == "终审"


def test_reviewers_act_only_within_their_site_and_column(cluster, client):
    contributor = cluster.user("a-contributor")
    news = draft(cluster.news_a, contributor)
    notice = draft(cluster.notice_a, contributor, title="关于开展安全检查的通知")
    for page in (news, notice):
        submit(page, contributor)
    other_site, column_reviewer = cluster.user("b-reviewer"), cluster.user("a-news-reviewer")

    task = fresh(news).current_workflow_task
    assert task.get_actions(fresh(news), other_site) == []
    assert task.get_actions(fresh(news), column_reviewer) != []
    assert task.get_actions(fresh(notice), column_reviewer) == []

    def reviewable(user):
        return {state.workflow_state.object_id for state in TaskState.objects.reviewable_by(user)}

    assert reviewable(cluster.user("a-reviewer")) == {str(news.pk), str(notice.pk)}
    assert reviewable(column_reviewer) == {str(news.pk)}
    assert reviewable(other_site) == set()

    client.force_login(other_site)
    task_state = fresh(news).current_workflow_task_state
    response = client.post(
        f"/admin/pages/workflow/action/{news.pk}/approve/{task_state.pk}/", {"comment": ""}
    )
    assert response.status_code in (302, 403)
    assert current_task_name(news) == "初审"


def test_only_the_pages_own_reviewers_are_mailed(cluster):
    contributor = cluster.user("a-contributor")
    page = draft(cluster.news_a, contributor)
    mail.outbox.clear()
    submit(page, contributor)
    recipients = {address for message in mail.outbox for address in message.to}
    assert {"a-reviewer@example.cn", "a-news-reviewer@example.cn"} <= recipients
    assert "b-reviewer@example.cn" not in recipients
    assert "a-contributor@example.cn" not in recipients


def test_one_reviewer_can_take_every_step(cluster):
    """Small sites have one reviewer: the workflow does not require different people (their names are recorded)."""
    page = draft(cluster.news_a, cluster.user("a-contributor"))
    submit(page, cluster.user("a-contributor"))
    approve_all(page, cluster.user("a-reviewer"))
    assert fresh(page).live
