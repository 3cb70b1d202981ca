"""Forms of the admin screens."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms import WagtailAdminModelForm
from wagtail.permission_policies.pages import PagePermissionPolicy

from govsite.columns.models import ColumnPage
from govsite.syndication.models import RepostSource


class RepostSourceForm(WagtailAdminModelForm):
    """A subscription may only be made for a column the user can add items to."""

    class Meta:
        model = RepostSource
        fields = ["column", "name", "kind", "upstream_column", "url", "deadline_hours", "since", "active"]

    def clean_column(self):
        column = self.cleaned_data.get("column")
        user = self.for_user
        if column is None or user is None or user.is_superuser:
            return column
        if not PagePermissionPolicy().user_has_permission_for_instance(user, "add", column):
            raise forms.ValidationError(_("您没有在该栏目中添加信息的权限"))
        return column


class ReasonForm(forms.Form):
    reason = forms.CharField(label=_("原因"), max_length=300, widget=forms.Textarea(attrs={"rows": 2}))


class SubmitForm(forms.Form):
    note = forms.CharField(
        label=_("报送说明"), max_length=300, required=False, widget=forms.Textarea(attrs={"rows": 2})
    )


class AcceptForm(forms.Form):
    column = forms.ModelChoiceField(label=_("采用到栏目"), queryset=ColumnPage.objects.none())
    publish = forms.BooleanField(label=_("直接发布"), required=False, initial=True)

    def __init__(self, *args, columns=None, **kwargs):
        super().__init__(*args, **kwargs)
        if columns is not None:
            self.fields["column"].queryset = columns
        self.fields["column"].label_from_instance = lambda column: " / ".join(
            ancestor.title for ancestor in column.get_ancestors(inclusive=True)[2:]
        )
