"""Staff screens of one page: its 发布责任记录 (publications, withdrawals, corrections) and 撤稿."""

from __future__ import annotations

from typing import Any

from django.contrib.auth.models import AbstractBaseUser
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import FormView, TemplateView
from wagtail.admin import messages
from wagtail.admin.views.generic import WagtailAdminTemplateMixin
from wagtail.models import Page

from govsite.editorial.forms import WithdrawalForm
from govsite.editorial.guards import is_item
from govsite.editorial.models import CorrectionNote, PublicationRecord, Withdrawal
from govsite.editorial.publication import withdraw


def can_view_accountability(user: AbstractBaseUser, page: Page) -> bool:
    """Staff with any page permission on the page (or above it); never the public."""
    if not (user.is_authenticated and user.is_active):
        return False
    if user.is_superuser:
        return True
    return bool(page.permissions_for_user(user).permissions)


class PageMixin(WagtailAdminTemplateMixin):
    header_icon = "doc-full"

    def dispatch(self, request, *args, **kwargs):
        self.page = get_object_or_404(Page, pk=kwargs["page_id"]).specific
        self.check_access(request.user)
        return super().dispatch(request, *args, **kwargs)

    def check_access(self, user: AbstractBaseUser) -> None:
        raise NotImplementedError

    def get_page_subtitle(self) -> str:
        return self.page.get_admin_display_title()

    def get_breadcrumbs_items(self) -> list[dict[str, Any]]:
        return [
            *self.breadcrumbs_items,
            {"url": reverse("wagtailadmin_pages:edit", args=[self.page.pk]), "label": self.page.title},
            {"url": "", "label": self.get_page_title()},
        ]


class AccountabilityView(PageMixin, TemplateView):
    template_name = "editorial/admin/accountability.html"
    page_title = gettext_lazy("发布责任记录")

    def check_access(self, user: AbstractBaseUser) -> None:
        if not can_view_accountability(user, self.page):
            raise PermissionDenied

    def get_context_data(self, **kwargs) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        context.update(
            page=self.page,
            records=PublicationRecord.objects.filter(page=self.page).order_by("-published_at", "-pk"),
            withdrawals=Withdrawal.objects.filter(page=self.page).order_by("-withdrawn_at", "-pk"),
            corrections=CorrectionNote.objects.filter(page=self.page).order_by("-created_at", "-pk"),
            can_withdraw=is_item(self.page)
            and self.page.permissions_for_user(self.request.user).can_unpublish(),
        )
        return context


class WithdrawView(PageMixin, FormView):
    template_name = "editorial/admin/withdraw.html"
    page_title = gettext_lazy("撤稿")
    form_class = WithdrawalForm

    def check_access(self, user: AbstractBaseUser) -> None:
        if not self.page.permissions_for_user(user).can_unpublish():
            raise PermissionDenied

    def get_context_data(self, **kwargs) -> dict[str, Any]:
        return {**super().get_context_data(**kwargs), "page": self.page}

    def form_valid(self, form: WithdrawalForm):
        withdraw(self.page, self.request.user, form.cleaned_data["reason"])
        messages.success(
            self.request, _("“%(title)s”已撤稿，理由已记入发布责任记录。") % {"title": self.page.title}
        )
        return redirect("editorial:accountability", self.page.pk)
