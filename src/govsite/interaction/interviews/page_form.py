"""The interview page's admin form (kept apart from forms.py, which needs the models this form serves)."""

from __future__ import annotations

from django.utils import timezone

from govsite.core.forms import AutoSlugPageForm


class InterviewPageForm(AutoSlugPageForm):
    """An empty slug comes from the session's date (ft20261120). Times are read in the site's zone
    (Asia/Shanghai); the model's ``clean`` checks that the end follows the start."""

    def clean(self) -> dict:
        if starts_at := self.cleaned_data.get("starts_at"):
            self.cleaned_data["date"] = timezone.localdate(starts_at)  # AutoSlugPageForm reads it
        data = super().clean()
        data.pop("date", None)
        return data
