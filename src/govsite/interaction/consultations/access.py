"""Which consultations and comments a member of staff may see: those of the sites they work in."""

from __future__ import annotations

from django.contrib.auth.models import AbstractBaseUser
from django.db.models import QuerySet

from govsite.cluster.access import sites_for_user
from govsite.interaction.admin_common import within_sites, works_in_a_site
from govsite.interaction.consultations.models import Comment, ConsultationPage


def consultations_for_user(user: AbstractBaseUser) -> QuerySet[ConsultationPage]:
    return within_sites(ConsultationPage.objects.all(), sites_for_user(user))


def comments_for_user(user: AbstractBaseUser) -> QuerySet[Comment]:
    return Comment.objects.filter(consultation__in=consultations_for_user(user).values("pk"))


def can_moderate(user: AbstractBaseUser) -> bool:
    """Staff who work in at least one site see the 意见征集 screens (for that site only)."""
    return works_in_a_site(user)
