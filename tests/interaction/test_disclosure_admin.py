"""The admin side: who sees which requests (least privilege), the request page and its steps, files,
inbox filters and the yearly statistics screen."""

from __future__ import annotations

import datetime
import io

import pytest
from django.contrib.auth import get_user_model
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from openpyxl import load_workbook
from wagtail.models import Page, Site

from govsite.cluster.models import Department, SiteKind, SiteLevel, SiteProfile
from govsite.content.models import HomePage
from govsite.interaction.disclosure.choices import AnswerType, State
from govsite.interaction.disclosure.models import DisclosureRequest
from interaction.disclosure_support import make_page, make_request, staff_user, step

PDF = b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<<>>\nendobj\n"
TODAY = datetime.date.today()


@pytest.fixture
def cluster(home, settings, tmp_path):
    """Two sites, each with a request page and a request; a department on the first."""
    settings.MEDIA_ROOT = tmp_path
    other_home = Page.get_first_root_node().add_child(instance=HomePage(title="云川市人民政府", slug="yc"))
    other_site = Site.objects.create(
        hostname="yunchuan.localhost", port=80, root_page=other_home, site_name="云川市人民政府"
    )
    SiteProfile.objects.create(
        site=other_site,
        level=SiteLevel.CITY,
        kind=SiteKind.PORTAL,
        site_code="4301000001",
        sponsor="云川市人民政府办公室",
    )
    page_a, page_b = make_page(home), make_page(other_home, organ="云川市人民政府办公室")
    site_a = Site.objects.get(root_page=home)
    department = Department.objects.create(site=site_a, name="省发展改革委")
    mine, _ = make_request(page_a, TODAY, attachment=None)
    theirs, _ = make_request(page_b, TODAY, name="李四")
    return {
        "home": home,
        "site_a": site_a,
        "other_home": other_home,
        "department": department,
        "mine": mine,
        "theirs": theirs,
        "page_a": page_a,
    }


def refused(response) -> bool:
    """Wagtail answers a PermissionDenied in the admin with a redirect to the dashboard and a message."""
    return response.status_code == 403 or (
        response.status_code == 302 and response["Location"] == reverse("wagtailadmin_home")
    )


def inbox_numbers(client) -> set[str]:
    response = client.get(reverse("disclosure:index"))
    assert response.status_code == 200
    return {request.number + "@" + request.site.hostname for request in response.context["object_list"]}


@pytest.mark.django_db
def test_superuser_sees_every_site(client, cluster):
    client.force_login(get_user_model().objects.create_superuser("root", "root@example.cn", "pw"))
    assert inbox_numbers(client) == {
        f"YSQ{TODAY.year}00001@localhost",
        f"YSQ{TODAY.year}00001@yunchuan.localhost",
    }


@pytest.mark.django_db
def test_staff_see_only_the_sites_they_work_in(client, cluster):
    client.force_login(staff_user("yc", site_root=cluster["other_home"]))
    assert inbox_numbers(client) == {f"YSQ{TODAY.year}00001@yunchuan.localhost"}
    assert client.get(reverse("disclosure:detail", args=[cluster["mine"].pk])).status_code == 404
    detail = client.get(reverse("disclosure:detail", args=[cluster["theirs"].pk]))
    assert detail.status_code == 200 and "李四" in detail.content.decode()  # staff see the applicant's data


@pytest.mark.django_db
def test_department_members_see_their_departments_requests_only(client, cluster):
    member = staff_user("member", perms=())
    cluster["department"].members.add(member)
    client.force_login(member)
    assert inbox_numbers(client) == set()
    cluster["mine"].department = cluster["department"]
    cluster["mine"].save(update_fields=["department"])
    assert inbox_numbers(client) == {f"YSQ{TODAY.year}00001@localhost"}
    response = client.post(
        reverse("disclosure:detail", args=[cluster["mine"].pk]), {"step": "accept", "accept-note": "受理"}
    )
    assert response.status_code == 302
    cluster["mine"].refresh_from_db()
    assert cluster["mine"].state == State.ACCEPTED
    assert refused(client.get(reverse("disclosure:statistics")))  # statistics need a site-wide permission


@pytest.mark.django_db
def test_page_editors_without_disclosure_permission_see_nothing(client, cluster):
    client.force_login(staff_user("editor", site_root=cluster["home"], perms=()))
    assert refused(client.get(reverse("disclosure:index")))
    assert refused(client.get(reverse("disclosure:detail", args=[cluster["mine"].pk])))
    menu = client.get(reverse("wagtailadmin_home")).content.decode()
    assert reverse("disclosure:index") not in menu


@pytest.mark.django_db
def test_anonymous_users_are_sent_to_log_in(client, cluster):
    for url in (reverse("disclosure:index"), reverse("disclosure:detail", args=[cluster["mine"].pk]),
                reverse("disclosure:attachment", args=[cluster["mine"].pk, "attachment"])):  # fmt: skip
        response = client.get(url)
        assert response.status_code == 302 and "/admin/login/" in response["Location"]


@pytest.mark.django_db
def test_view_only_staff_cannot_take_steps(client, cluster):
    client.force_login(staff_user("reader", site_root=cluster["home"], perms=("view",)))
    html = client.get(reverse("disclosure:detail", args=[cluster["mine"].pk])).content.decode()
    assert "step-accept" not in html
    assert refused(client.post(reverse("disclosure:detail", args=[cluster["mine"].pk]), {"step": "accept"}))
    cluster["mine"].refresh_from_db()
    assert cluster["mine"].state == State.RECEIVED


@pytest.mark.django_db
def test_steps_through_the_admin_with_refusals_and_kept_text(client, cluster):
    clerk = staff_user("clerk", site_root=cluster["home"])
    client.force_login(clerk)
    url = reverse("disclosure:detail", args=[cluster["mine"].pk])
    html = client.get(url).content.decode()
    assert (
        'id="step-accept"' in html
        and 'id="step-request_completion"' in html
        and 'id="step-close"' not in html
    )
    refused = client.post(url, {"step": "close"})
    assert refused.status_code == 200 and "申请当前为“已登记”状态，不能办结" in refused.content.decode()
    assert client.post(url, {"step": "accept", "accept-note": "材料齐全"}).status_code == 302
    bad = client.post(
        url,
        {
            "step": "answer",
            "answer-answer_type": AnswerType.WITHHELD,
            "answer-text": "经审查，决定不予公开。",
        },
    )
    page = bad.content.decode()
    assert "请选择“不予公开”的具体情形" in page and "经审查，决定不予公开。" in page
    good = client.post(url, {"step": "answer", "answer-answer_type": AnswerType.WITHHELD, "answer-reason": "third_party",
                             "answer-text": "经审查，决定不予公开。"})  # fmt: skip
    assert good.status_code == 302
    request = DisclosureRequest.objects.get(pk=cluster["mine"].pk)
    assert (request.state, request.answer_reason) == (State.ANSWERED, "third_party")
    events = list(request.events.values_list("action", "actor__username"))
    assert events[-2:] == [("accept", "clerk"), ("answer", "clerk")]
    html = client.get(url).content.decode()
    assert "处理记录" in html and "不予公开（保护第三方合法权益）" in html


@pytest.mark.django_db
def test_assignment_from_the_admin(client, cluster):
    client.force_login(staff_user("clerk", site_root=cluster["home"]))
    url = reverse("disclosure:detail", args=[cluster["mine"].pk])
    assert client.post(url, {"step": "assign", "department": cluster["department"].pk}).status_code == 302
    cluster["mine"].refresh_from_db()
    assert cluster["mine"].department == cluster["department"]


@pytest.mark.django_db
def test_attachments_download_for_staff_of_the_site_only(client, cluster):
    request = cluster["mine"]
    request.attachment_name = "身份证.pdf"
    request.attachment.save("身份证.pdf", SimpleUploadedFile("身份证.pdf", PDF))
    url = reverse("disclosure:attachment", args=[request.pk, "attachment"])
    client.force_login(staff_user("yc", site_root=cluster["other_home"]))
    assert client.get(url).status_code == 404
    client.force_login(staff_user("xd", site_root=cluster["home"], perms=("view",)))
    response = client.get(url)
    assert response.status_code == 200 and b"".join(response.streaming_content) == PDF
    assert "attachment" in response["Content-Disposition"]
    assert client.get(reverse("disclosure:attachment", args=[request.pk, "completion"])).status_code == 404


@pytest.mark.django_db
def test_answer_documents_uploaded_and_downloaded_by_staff(client, cluster):
    client.force_login(staff_user("clerk", site_root=cluster["home"]))
    url = reverse("disclosure:detail", args=[cluster["mine"].pk])
    client.post(url, {"step": "document", "title": "补偿方案", "file": SimpleUploadedFile("方案.pdf", PDF)})
    document = cluster["mine"].documents.get()
    assert document.title == "补偿方案" and document.uploaded_by.username == "clerk"
    assert client.get(reverse("disclosure:document", args=[document.pk])).status_code == 200
    client.force_login(staff_user("yc", site_root=cluster["other_home"]))
    assert client.get(reverse("disclosure:document", args=[document.pk])).status_code == 404


@pytest.mark.django_db
def test_inbox_filters(client, cluster):
    client.force_login(get_user_model().objects.create_superuser("root", "root@example.cn", "pw"))
    old, _ = make_request(cluster["page_a"], TODAY - datetime.timedelta(days=60))  # long overdue
    step(old, "accept", old.received_on)
    soon, _ = make_request(cluster["page_a"], TODAY - datetime.timedelta(days=26))
    step(soon, "accept", soon.received_on)
    index = reverse("disclosure:index")

    def numbers(query: str) -> set[int]:
        return {r.pk for r in client.get(f"{index}?{query}").context["object_list"]}

    assert numbers("deadline=overdue") == {old.pk} | ({soon.pk} if soon.deadline().overdue else set())
    assert numbers("state=accepted") == {old.pk, soon.pk}
    assert numbers(f"year={old.received_on.year}") >= {old.pk}
    assert numbers("q=YSQ") >= {old.pk}
    html = client.get(f"{index}?deadline=overdue").content.decode()
    assert "逾期" in html and "张**" in html  # the list masks names; the request page shows them


@pytest.mark.django_db
def test_statistics_screen_and_xlsx_are_per_site(client, cluster):
    step(cluster["mine"], "answer", TODAY, answer_type=AnswerType.DISCLOSED, text="予以公开。")
    client.force_login(staff_user("xd", site_root=cluster["home"], perms=("view",)))
    site_a = cluster["site_a"]
    response = client.get(reverse("disclosure:statistics") + f"?site={site_a.pk}&year={TODAY.year}")
    assert response.status_code == 200
    table = response.context["table"]
    assert (table.value("new"), table.value("disclosed"), table.value("carried_out")) == (1, 1, 0)
    assert [s.pk for s in response.context["sites"]] == [site_a.pk]
    other = cluster["theirs"].site
    assert (
        client.get(reverse("disclosure:statistics") + f"?site={other.pk}&year={TODAY.year}").context["site"]
        == site_a
    )
    xlsx = client.get(reverse("disclosure:statistics_xlsx") + f"?site={site_a.pk}&year={TODAY.year}")
    sheet = load_workbook(io.BytesIO(xlsx.content)).active
    values = list(sheet.iter_rows(values_only=True))
    new_row = next(row for row in values if row[0] == "一、本年新收政府信息公开申请数量")
    assert new_row[3:] == (1, 0, 0, 0, 0, 0, 1)


@pytest.mark.django_db
def test_menu_and_home_panel(client, cluster):
    client.force_login(staff_user("xd", site_root=cluster["home"]))
    html = client.get(reverse("wagtailadmin_home")).content.decode()
    assert reverse("disclosure:index") in html and reverse("disclosure:statistics") in html
    assert "disclosure-summary-panel" in html
