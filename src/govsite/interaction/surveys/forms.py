"""The questionnaire as a Django form, built from the survey's questions, with errors in Chinese."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext as _

from govsite.interaction.captcha import PublicCaptchaField
from govsite.interaction.surveys.blocks import Question


class LimitedChoices(forms.MultipleChoiceField):
    def __init__(self, *, max_choices: int | None, **kwargs) -> None:
        super().__init__(**kwargs)
        self.max_choices = max_choices

    def validate(self, value):
        super().validate(value)
        if self.max_choices and len(value) > self.max_choices:
            raise forms.ValidationError(_("本题最多选择 %(n)d 项") % {"n": self.max_choices}, code="too_many")


class SurveyForm(forms.Form):
    ticket = forms.CharField(widget=forms.HiddenInput)

    def __init__(self, questions: list[Question], *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.questions = questions
        for number, question in enumerate(questions, start=1):
            self.fields[question.field_name] = self.field_for(question, number)
        self.fields["captcha"] = PublicCaptchaField()

    @staticmethod
    def field_for(question: Question, number: int) -> forms.Field:
        label = f"{number}. {question.text}"
        choices = [(str(index), option) for index, option in enumerate(question.options)]
        invalid = {"invalid_choice": _("所选选项无效，请重新选择")}
        if question.kind == "single":
            return forms.ChoiceField(
                label=label, choices=choices, required=question.required, widget=forms.RadioSelect,
                error_messages={"required": _("请选择一项"), **invalid},
            )  # fmt: skip
        if question.kind == "multiple":
            help_text = (
                _("可多选，最多选择 %(n)d 项") % {"n": question.max_choices}
                if question.max_choices
                else _("可多选")
            )
            return LimitedChoices(
                label=label, choices=choices, required=question.required, widget=forms.CheckboxSelectMultiple,
                max_choices=question.max_choices, help_text=help_text,
                error_messages={"required": _("请至少选择一项"), **invalid},
            )  # fmt: skip
        return forms.CharField(
            label=label, required=question.required, max_length=question.max_length, strip=True,
            widget=forms.Textarea(attrs={"rows": 4, "maxlength": question.max_length}),
            help_text=_("不超过 %(n)d 字，内容不公开") % {"n": question.max_length},
            error_messages={
                "required": _("请填写本题"),
                "max_length": _("不能超过 %(limit_value)d 字（当前 %(show_value)d 字）"),
            },
        )  # fmt: skip

    def question_fields(self):
        return [self[question.field_name] for question in self.questions]

    def answers(self) -> list[tuple[Question, list[int], str]]:
        """(question, chosen option positions, text) for every answered question."""
        result = []
        for question in self.questions:
            value = self.cleaned_data.get(question.field_name)
            if not value:
                continue
            if question.kind == "single":
                result.append((question, [int(value)], ""))
            elif question.kind == "multiple":
                result.append((question, sorted(int(item) for item in value), ""))
            else:
                result.append((question, [], value))
        return result
