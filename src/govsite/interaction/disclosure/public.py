"""What the public side shows of a request: masked applicant data, public progress steps, the answer.

The receipt and the query page are public pages, even if meant for the applicant: a shared screen or a
forwarded screenshot must not give away a name, an ID number, a phone or an address. Free text (the
description, the answer letter) is masked for the applicant's own data and by ``mask_text``.
"""

from __future__ import annotations

import datetime
from collections.abc import Callable
from dataclasses import dataclass, field

from django.utils import timezone

from govsite.core.masking import mask_address, mask_id_number, mask_name, mask_phone, mask_text
from govsite.interaction.disclosure.choices import AnswerReason, AnswerType, ApplicantType, State
from govsite.interaction.disclosure.deadlines import DeadlineStatus
from govsite.interaction.disclosure.models import DisclosureDocument, DisclosureRequest


def mask_applicant_name(request: DisclosureRequest) -> str:
    """Citizens' names are masked; an organisation's name is public, as it is in any register."""
    if request.applicant_type == ApplicantType.CITIZEN:
        return mask_name(request.name)
    return request.name


def mask_for_public(text: str, request: DisclosureRequest) -> str:
    """``text`` with the applicant's own name, numbers, phone, e-mail and address masked, then any other
    personal data ``mask_text`` finds."""
    replacements = [
        (request.id_number, mask_id_number(request.id_number)),
        (request.phone, mask_phone(request.phone)),
        (request.address, mask_address(request.address)),
        (
            request.email,
            request.email[:1] + "***" + request.email[request.email.find("@") :] if request.email else "",
        ),
    ]
    if request.applicant_type == ApplicantType.CITIZEN:
        replacements.append((request.name, mask_name(request.name)))
    else:
        replacements += [(request.legal_representative, mask_name(request.legal_representative)),
                         (request.contact_person, mask_name(request.contact_person))]  # fmt: skip
    for original, masked in sorted(replacements, key=lambda pair: -len(pair[0] or "")):
        if original and len(original) > 1:
            text = text.replace(original, masked)
    return mask_text(text)


@dataclass
class Receipt:
    number: str
    code: str
    received_on: datetime.date
    applicant: str
    phone: str
    delivery: str
    due: DeadlineStatus


def receipt(request: DisclosureRequest, code: str) -> Receipt:
    return Receipt(
        number=request.number, code=code, received_on=request.received_on, applicant=mask_applicant_name(request),
        phone=mask_phone(request.phone), delivery=request.get_delivery_display(), due=request.deadline(),
    )  # fmt: skip


@dataclass
class Step:
    at: datetime.datetime
    label: str


@dataclass
class Progress:
    number: str
    state: str
    state_label: str
    applicant: str
    received_on: datetime.date
    description: str
    document_title: str
    deadline: DeadlineStatus
    steps: list[Step]
    completion_notice: str = ""
    completion_due: datetime.date | None = None
    extension_notice: str = ""
    answer_type: str = ""
    answer_reason: str = ""
    responsible_organ: str = ""
    answer_text: str = ""
    answered_on: datetime.date | None = None
    documents: list[tuple[DisclosureDocument, str]] = field(default_factory=list)

    @property
    def is_open(self) -> bool:
        return self.state in (State.RECEIVED, State.INCOMPLETE, State.ACCEPTED, State.CONSULTING)


def progress(request: DisclosureRequest, document_url: Callable[[DisclosureDocument], str]) -> Progress:
    from govsite.interaction.disclosure.workflow import ACTIONS

    steps = [
        Step(timezone.localtime(event.at), str(ACTIONS[event.action].public_label))
        for event in request.events.all()
        if event.action in ACTIONS and ACTIONS[event.action].public_label
    ]
    result = Progress(
        number=request.number, state=request.state, state_label=request.get_state_display(),
        applicant=mask_applicant_name(request), received_on=request.received_on,
        description=mask_for_public(request.description, request), document_title=request.document_title,
        deadline=request.deadline(), steps=steps,
    )  # fmt: skip
    if request.completion_requested_on:
        result.completion_notice = request.completion_notice
        result.completion_due = request.completion_due
    if request.extension_days:
        result.extension_notice = request.extension_notice
    if request.state in (State.ANSWERED, State.CLOSED):
        result.answer_type = AnswerType(request.answer_type).label
        result.answer_reason = AnswerReason(request.answer_reason).label if request.answer_reason else ""
        result.responsible_organ = request.responsible_organ
        result.answer_text = mask_for_public(request.answer_text, request)
        result.answered_on = request.answered_on
        result.documents = [(document, document_url(document)) for document in request.documents.all()]
    return result
