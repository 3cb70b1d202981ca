"""The vocabularies of a disclosure request: who applies, how they want the answer, its states and answers.

Answer types and their reasons follow article 36 of the 政府信息公开条例 (2019) as the national annual-report
template (国办公开办函〔2021〕30号, part 三) counts them, so that every answer lands in exactly one row of
the yearly table.
"""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class ApplicantType(models.TextChoices):
    CITIZEN = "citizen", _("公民")
    ORGANISATION = "organisation", _("法人或者其他组织")


class OrganisationCategory(models.TextChoices):
    """The annual report's columns for applicants that are not natural persons."""

    BUSINESS = "business", _("商业企业")
    RESEARCH = "research", _("科研机构")
    PUBLIC_INTEREST = "public_interest", _("社会公益组织")
    LEGAL_SERVICE = "legal_service", _("法律服务机构")
    OTHER = "other", _("其他")


class IdType(models.TextChoices):
    RESIDENT_ID = "resident_id", _("居民身份证")
    PASSPORT = "passport", _("护照")
    HK_MACAO_PERMIT = "hk_macao", _("港澳居民来往内地通行证")
    TAIWAN_PERMIT = "taiwan", _("台湾居民来往大陆通行证")
    FOREIGN_PERMANENT = "foreign_permanent", _("外国人永久居留身份证")
    OTHER = "other", _("其他有效证件")


class Delivery(models.TextChoices):
    EMAIL = "email", _("电子邮件")
    POST = "post", _("邮寄")
    PICKUP = "pickup", _("自行领取")
    ONLINE = "online", _("在线查看")


class State(models.TextChoices):
    RECEIVED = "received", _("已登记")
    INCOMPLETE = "incomplete", _("待补正")
    ACCEPTED = "accepted", _("办理中")
    CONSULTING = "consulting", _("征求第三方意见")
    ANSWERED = "answered", _("已答复")
    CLOSED = "closed", _("已办结")
    WITHDRAWN = "withdrawn", _("已撤回")


OPEN_STATES = (State.RECEIVED, State.INCOMPLETE, State.ACCEPTED, State.CONSULTING)
# States in which the 20-working-day clock runs (补正 and consultation stop it).
RUNNING_STATES = (State.RECEIVED, State.ACCEPTED)
DONE_STATES = (State.ANSWERED, State.CLOSED, State.WITHDRAWN)


class AnswerType(models.TextChoices):
    DISCLOSED = "disclosed", _("予以公开")
    PARTIAL = "partial", _("部分公开")
    WITHHELD = "withheld", _("不予公开")
    UNAVAILABLE = "unavailable", _("无法提供")
    NOT_PROCESSED = "not_processed", _("不予处理")
    OTHER = "other", _("其他处理")
    REFERRED = "referred", _("告知作出处理的机关")


class AnswerReason(models.TextChoices):
    # 不予公开
    STATE_SECRET = "state_secret", _("属于国家秘密")
    LAW_FORBIDS = "law_forbids", _("其他法律行政法规禁止公开")
    THREE_SAFETIES = "three_safeties", _("危及“三安全一稳定”")
    THIRD_PARTY = "third_party", _("保护第三方合法权益")
    INTERNAL_AFFAIRS = "internal_affairs", _("属于三类内部事务信息")
    PROCESS_INFO = "process_info", _("属于四类过程性信息")
    ENFORCEMENT_FILE = "enforcement_file", _("属于行政执法案卷")
    ADMIN_QUERY = "admin_query", _("属于行政查询事项")
    # 无法提供
    NOT_HELD = "not_held", _("本机关不掌握相关政府信息")
    NEEDS_CREATION = "needs_creation", _("没有现成信息需要另行制作")
    STILL_UNCLEAR = "still_unclear", _("补正后申请内容仍不明确")
    # 不予处理
    PETITION = "petition", _("信访举报投诉类申请")
    REPEATED = "repeated", _("重复申请")
    PUBLICATION = "publication", _("要求提供公开出版物")
    MASS_REPEATED = "mass_repeated", _("无正当理由大量反复申请")
    CONFIRMATION = "confirmation", _("要求行政机关确认或重新出具已获取信息")
    # 其他处理
    NOT_COMPLETED = "not_completed", _("申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请")
    FEE_UNPAID = "fee_unpaid", _("申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请")
    OTHER = "other", _("其他")


REASONS_BY_TYPE: dict[str, tuple[str, ...]] = {
    AnswerType.WITHHELD: (
        AnswerReason.STATE_SECRET, AnswerReason.LAW_FORBIDS, AnswerReason.THREE_SAFETIES,
        AnswerReason.THIRD_PARTY, AnswerReason.INTERNAL_AFFAIRS, AnswerReason.PROCESS_INFO,
        AnswerReason.ENFORCEMENT_FILE, AnswerReason.ADMIN_QUERY,
    ),
    AnswerType.UNAVAILABLE: (AnswerReason.NOT_HELD, AnswerReason.NEEDS_CREATION, AnswerReason.STILL_UNCLEAR),
    AnswerType.NOT_PROCESSED: (
        AnswerReason.PETITION, AnswerReason.REPEATED, AnswerReason.PUBLICATION, AnswerReason.MASS_REPEATED,
        AnswerReason.CONFIRMATION,
    ),
    AnswerType.OTHER: (AnswerReason.NOT_COMPLETED, AnswerReason.FEE_UNPAID, AnswerReason.OTHER),
}  # fmt: skip
