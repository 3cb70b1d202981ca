"""The 更正说明 panel of the item editor: the item's public corrections so far, and the box and text for
this change. Shown only for items that have been published; the form fields come from
``forms.CorrectionPageForm`` and are stored by the hooks in ``wagtail_hooks`` when the edit is saved.

Imported by ``content.models``, so it imports no models at module level.
"""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, MultiFieldPanel


class CorrectionPanel(MultiFieldPanel):
    def __init__(self, **kwargs) -> None:
        kwargs.pop("children", None)
        kwargs.setdefault("heading", _("更正说明"))
        super().__init__(children=[FieldPanel("correction_public"), FieldPanel("correction_text")], **kwargs)

    def clone_kwargs(self) -> dict:
        kwargs = super().clone_kwargs()
        kwargs.pop("children")
        return kwargs

    class BoundPanel(MultiFieldPanel.BoundPanel):
        template_name = "editorial/panels/correction_panel.html"

        def is_shown(self) -> bool:
            page = self.instance
            has_been_public = bool(
                page.pk and (page.live or page.first_published_at or page.live_revision_id)
            )
            return has_been_public and super().is_shown()

        def get_context_data(self, parent_context=None) -> dict:
            from govsite.editorial.publication import pending_correction, public_corrections

            context = super().get_context_data(parent_context)
            context["public_notes"] = list(public_corrections(self.instance))
            context["pending_note"] = pending_correction(self.instance)
            return context
