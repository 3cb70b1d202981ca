"""Forms: the 保密审查 approval, the withdrawal reason, and the correction-note fields of the item editor.

Imported by ``content.models`` (the item editor's form), so this module must not import any models.
"""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _
from wagtail.forms import TaskStateCommentForm

from govsite.core.forms import AutoSlugPageForm

CONFIDENTIALITY_STATEMENT = _("已进行保密审查，确认不涉及国家秘密、工作秘密和个人隐私")


class ConfidentialityApprovalForm(TaskStateCommentForm):
    confidentiality_confirmed = forms.BooleanField(
        label=CONFIDENTIALITY_STATEMENT,
        required=True,
        error_messages={"required": _("须勾选保密审查确认后方可通过")},
    )


class WithdrawalForm(forms.Form):
    reason = forms.CharField(
        label=_("撤稿理由"),
        widget=forms.Textarea(attrs={"rows": 4}),
        max_length=2000,
        help_text=_("撤稿理由将记入发布责任记录，不对外公开"),
        error_messages={"required": _("请填写撤稿理由")},
    )


class CorrectionNoteForm(forms.Form):
    """The two correction fields on their own: the page form declares them, hooks read them back."""

    correction_public = forms.BooleanField(
        label=_("本次修改需公开更正"),
        required=False,
        help_text=_("对已发布内容作实质性修改（非错别字）时勾选，更正说明将随本次修改一并公开"),
    )
    correction_text = forms.CharField(
        label=_("更正说明"),
        required=False,
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("例如：原文第二段“2025年”应为“2026年”，已更正。"),
    )

    def clean(self) -> dict:
        data = super().clean()
        data["correction_text"] = (data.get("correction_text") or "").strip()
        if data.get("correction_public") and not data["correction_text"]:
            self.add_error("correction_text", _("勾选“本次修改需公开更正”后须填写更正说明"))
        return data

    @property
    def note(self) -> str:
        """The note to publish: empty unless the box is ticked and the form is valid."""
        if not self.is_valid() or not self.cleaned_data.get("correction_public"):
            return ""
        return self.cleaned_data["correction_text"]


class CorrectionPageForm(AutoSlugPageForm):
    """The item editor's form: the usual page form plus the correction fields (see ``CorrectionPanel``)."""

    correction_public = CorrectionNoteForm.base_fields["correction_public"]
    correction_text = CorrectionNoteForm.base_fields["correction_text"]

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            from govsite.editorial.publication import pending_correction

            # The fields show the note waiting to go public with the edits, so that saving keeps it.
            if pending := pending_correction(self.instance):
                self.initial.update(correction_public=True, correction_text=pending.text)

    def clean(self) -> dict:
        data = super().clean()
        check = CorrectionNoteForm(
            {
                "correction_public": data.get("correction_public"),
                "correction_text": data.get("correction_text"),
            }
        )
        if not check.is_valid():
            for field, errors in check.errors.items():
                for error in errors:
                    self.add_error(field, error)
        return data
