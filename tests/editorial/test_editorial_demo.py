"""The demo cluster's editorial staff and review work."""

import datetime
from io import StringIO

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command
from wagtail.models import Site, TaskState

from govsite.editorial.models import CorrectionNote, EditorialRole, PublicationRecord

TODAY = datetime.date(2026, 11, 23)


@pytest.mark.django_db
def test_every_demo_site_has_its_roles_users_and_review_work(client):
    call_command("load_demo", today=TODAY.isoformat(), scale="small", stdout=StringIO())
    User = get_user_model()
    sites = Site.objects.select_related("root_page")
    assert sites.count() == 5
    for site in sites:
        prefix = site.hostname.split(".")[0] if site.hostname != "127.0.0.1" else "xidi"
        assert set(EditorialRole.objects.filter(site=site, column=None).values_list("role", flat=True)) == {
            "contributor", "editor", "reviewer", "site_admin",
        }  # fmt: skip
        reviewer = User.objects.get(username=f"{prefix}-reviewer")
        assert reviewer.check_password("govsite-demo")
        for suffix in ("contributor", "editor", "siteadmin"):
            assert User.objects.filter(
                username=f"{prefix}-{suffix}", groups__editorial_role__site=site
            ).exists()

        record = PublicationRecord.objects.get(page__path__startswith=site.root_page.path)
        assert [step["task"] for step in record.reviews] == ["初审", "保密审查", "终审"]
        assert record.confidentiality_confirmed_by == reviewer
        assert record.published_by == User.objects.get(username=f"{prefix}-siteadmin")
        note = CorrectionNote.objects.get(page=record.page)
        assert note.publication == record
        waiting = TaskState.objects.reviewable_by(reviewer)
        assert waiting.count() == 1 and waiting.get().task.name == "初审"

    page = PublicationRecord.objects.first().page.specific
    html = client.get(page.url, HTTP_HOST=page.get_site().hostname).content.decode()
    assert "更正说明：原文来源" in html
