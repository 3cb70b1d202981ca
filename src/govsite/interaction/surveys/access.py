"""Which surveys a member of staff may see: those of the sites they work in."""

from __future__ import annotations

from django.contrib.auth.models import AbstractBaseUser
from django.db.models import QuerySet

from govsite.cluster.access import sites_for_user
from govsite.interaction.admin_common import within_sites
from govsite.interaction.surveys.models import SurveyPage


def surveys_for_user(user: AbstractBaseUser) -> QuerySet[SurveyPage]:
    return within_sites(SurveyPage.objects.all(), sites_for_user(user))
