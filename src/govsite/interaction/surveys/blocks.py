"""The questions of a survey as StreamField blocks: single choice, multiple choice, free text.

Each question keeps its block id for life; answers are stored against that id and the option's position,
so once a survey has answers its questions may be reworded but not added, removed, retyped or given a
different number of options (``SurveyPageForm`` refuses such an edit).
"""

from __future__ import annotations

from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.blocks.struct_block import StructBlockValidationError

MAX_OPTIONS = 20
DEFAULT_TEXT_LIMIT = 500


class ChoiceQuestionBlock(blocks.StructBlock):
    question = blocks.CharBlock(label=_("题目"), max_length=200)
    required = blocks.BooleanBlock(label=_("必答"), required=False, default=True)
    options = blocks.ListBlock(
        blocks.CharBlock(label=_("选项"), max_length=100), label=_("选项"), min_num=2, max_num=MAX_OPTIONS
    )

    class Meta:
        icon = "radio-empty"
        label = _("单选题")

    def clean(self, value):
        value = super().clean(value)
        labels = [label.strip() for label in value["options"]]
        if len(set(labels)) != len(labels):
            raise StructBlockValidationError(block_errors={"options": ValidationError(_("选项不能重复"))})
        return value


class MultipleChoiceQuestionBlock(ChoiceQuestionBlock):
    max_choices = blocks.IntegerBlock(
        label=_("最多可选"), required=False, min_value=2, help_text=_("留空表示不限")
    )

    class Meta:
        icon = "tick"
        label = _("多选题")

    def clean(self, value):
        value = super().clean(value)
        if value.get("max_choices") and value["max_choices"] > len(value["options"]):
            raise StructBlockValidationError(
                block_errors={"max_choices": ValidationError(_("最多可选项数不能超过选项个数"))}
            )
        return value


class TextQuestionBlock(blocks.StructBlock):
    question = blocks.CharBlock(label=_("题目"), max_length=200)
    required = blocks.BooleanBlock(label=_("必答"), required=False, default=False)
    max_length = blocks.IntegerBlock(
        label=_("字数上限"), default=DEFAULT_TEXT_LIMIT, min_value=10, max_value=2000
    )

    class Meta:
        icon = "edit"
        label = _("填空题")


QUESTION_BLOCKS = [
    ("single", ChoiceQuestionBlock()),
    ("multiple", MultipleChoiceQuestionBlock()),
    ("text", TextQuestionBlock()),
]


KIND_LABELS = {"single": _("单选题"), "multiple": _("多选题"), "text": _("填空题")}


@dataclass(frozen=True)
class Question:
    """A question as the views and the results read it, whatever block stores it."""

    id: str
    kind: str  # "single" | "multiple" | "text"
    text: str
    required: bool
    options: tuple[str, ...] = ()
    max_choices: int | None = None
    max_length: int = DEFAULT_TEXT_LIMIT

    @property
    def field_name(self) -> str:
        return f"q_{self.id}"

    @property
    def kind_label(self) -> str:
        return str(KIND_LABELS[self.kind])

    @property
    def is_choice(self) -> bool:
        return self.kind in ("single", "multiple")

    @classmethod
    def of(cls, child) -> Question:
        value = child.value
        return cls(
            id=str(child.id), kind=child.block_type, text=value["question"], required=bool(value["required"]),
            options=tuple(str(label) for label in value.get("options", ())),
            max_choices=value.get("max_choices") or None,
            max_length=value.get("max_length") or DEFAULT_TEXT_LIMIT,
        )  # fmt: skip
