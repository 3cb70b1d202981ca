"""Demo: a 依申请公开 page in every site's 互动交流 column and a year of requests in every state.

Requests are taken through the real workflow (``workflow.submit`` and ``perform``) on the days they happen,
counted back from ``options.today`` in working days, so their deadlines, audit trails and statistics are
what the platform would have produced. Each site gets: a request just received, one waiting for 补正,
one being handled, one in third-party consultation, one extended, one due soon, one overdue, answers of
every type (one after a 补正, one carried over from last December), a withdrawal; the full scale adds more
answered requests spread over the year. All people, companies and numbers are fictional.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field

from django.core.files.base import ContentFile
from django.utils import timezone

from govsite.core.calendar_days import work_calendar
from govsite.core.workdays import WorkCalendar
from govsite.demo import corpus
from govsite.interaction.disclosure import identity, workflow
from govsite.interaction.disclosure.choices import (
    AnswerReason,
    AnswerType,
    ApplicantType,
    Delivery,
    IdType,
    OrganisationCategory,
)
from govsite.interaction.disclosure.models import DisclosureDocument, DisclosureRequest, DisclosureRequestPage

PDF = b"%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj 2 0 obj<</Type/Pages/Count 0/Kids[]>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n"

LOCAL_TOPICS = (
    "申请公开{town}{road}拓宽改造工程的征收补偿安置方案及其批复文件。",
    "申请公开{year}年度{name}城乡居民最低生活保障资金按乡镇汇总的发放情况。",
    "申请公开{town}集体土地征收的批准文件、征收土地公告及补偿标准。",
    "申请公开{town}{estate}小区的建设工程规划许可证及规划总平面图。",
    "申请公开{year}年{name}城区背街小巷改造项目的招标文件、中标结果和合同金额。",
    "申请公开{year}年度{name}乡村振兴衔接资金的分配明细及项目清单。",
    "申请公开{town}{road}两侧违法建设查处的行政处罚决定书。",
    "申请公开{name}{year}年度重大行政决策事项目录及听证情况。",
    "申请公开{town}{estate}片区棚户区改造项目的立项批复和改造范围红线图。",
    "申请公开{name}{year}年城市道路照明维护项目的预算和决算情况。",
)
EDUCATION_TOPICS = (
    "申请公开{year}年全省普通高校专升本招生计划的分配情况及分配依据。",
    "申请公开{year}年度省级教育发展专项资金的分配表。",
    "申请公开{school}新校区建设项目的立项批复及环境影响评价批复。",
    "申请公开{year}年全省义务教育学校标准化建设达标验收名单。",
    "申请公开{year}年省级示范性高中评估认定的评分细则和结果。",
    "申请公开{school}{year}年教师公开招聘的岗位计划及资格复审名单。",
)
ROADS = ("解放路", "建设路", "人民路", "滨江路", "迎宾大道", "学府路", "新华街")
ESTATES = ("锦绣家园", "阳光花园", "江景苑", "和平新村", "桂花园", "翠湖湾")
COMPANIES = ("恒信", "鼎盛", "安和", "瑞丰", "远景", "华泰", "润达")
TRADES = ("置业有限公司", "建设工程有限公司", "科技有限公司", "商贸有限公司")

ANSWERS = {
    AnswerType.DISCLOSED: "经审查，您申请公开的信息属于公开范围，现予以提供，详见所附文件。",
    AnswerType.PARTIAL: "经审查，您申请公开的信息中涉及第三方个人信息的部分不予公开，其余部分予以公开，详见所附文件。",
    AnswerType.WITHHELD: "经审查，您申请公开的信息属于《中华人民共和国政府信息公开条例》规定不予公开的情形，本机关决定不予公开。",
    AnswerType.UNAVAILABLE: "经检索，本机关未制作或获取您申请公开的信息，该政府信息不存在。",
    AnswerType.NOT_PROCESSED: "您提出的事项不属于政府信息公开申请，本机关不作为政府信息公开申请处理，已告知您通过信访渠道反映。",
    AnswerType.OTHER: "本机关已于告知补正时明确补正期限，您逾期未补正，视为放弃申请，本机关不再处理该政府信息公开申请。",
    AnswerType.REFERRED: "您申请公开的信息不属于本机关负责公开，请向负责公开该信息的机关申请。",
}
REMEDY = "如对本答复不服，可以自收到本答复之日起六十日内依法申请行政复议，或者六个月内依法提起行政诉讼。"


def populate_site(demo_site) -> None:
    place, options = demo_site.place, demo_site.options
    page = demo_site.interaction_column.add_child(instance=DisclosureRequestPage(
        title="依申请公开", slug="ysqgk", organ_name=place.government if place.level == "department" else place.office,
        office_address=demo_site.profile.contact_address, office_phone=demo_site.profile.contact_phone,
        office_hours="工作日上午9:00—12:00，下午13:30—17:00", search_description="在线提交政府信息公开申请，查询办理进度",
    ))  # fmt: skip
    Builder(page, demo_site, work_calendar()).build(full=options.scale == "full")


@dataclass
class Plan:
    """One request's story: received on a day, then workflow steps on later days."""

    received: datetime.date
    kind: str = ""
    steps: list[tuple[str, datetime.date, dict]] = field(default_factory=list)

    def then(self, name: str, day: datetime.date, **data) -> Plan:
        self.steps.append((name, day, data))
        return self


class Builder:
    def __init__(self, page: DisclosureRequestPage, demo_site, calendar: WorkCalendar) -> None:
        self.page, self.demo_site, self.calendar = page, demo_site, calendar
        self.place, self.rng, self.today = demo_site.place, demo_site.rng, demo_site.options.today
        code = demo_site.profile.site_code
        self.region = code[:4] if code[2:4] != "00" else code[:2] + "01"  # a city's division code
        self.departments = demo_site.departments
        self.plans: list[Plan] = []

    # -- days ------------------------------------------------------------------------------------------
    def back(self, working_days: int, start: datetime.date | None = None) -> datetime.date:
        """The day ``working_days`` working days before ``start`` (today by default)."""
        day, left = start or self.today, working_days
        while left > 0:
            day -= datetime.timedelta(days=1)
            left -= self.calendar.is_workday(day)
        return day

    def after(self, day: datetime.date, working_days: int) -> datetime.date:
        return self.calendar.add_working_days(day, working_days).due if working_days else day

    def moment(self, day: datetime.date, hour: int) -> datetime.datetime:
        return timezone.make_aware(
            datetime.datetime.combine(day, datetime.time(hour, self.rng.randint(0, 59)))
        )

    # -- people and requests ---------------------------------------------------------------------------
    def id_number(self) -> str:
        born = datetime.date(1950, 1, 1) + datetime.timedelta(days=self.rng.randint(0, 18000))
        first17 = f"{self.region}{self.rng.randint(1, 30):02d}{born:%Y%m%d}{self.rng.randint(100, 999)}"
        return first17 + identity.resident_id_check_char(first17)

    def credit_code(self) -> str:
        alphabet = identity.CREDIT_CODE_ALPHABET
        body = "91" + f"{self.region}00" + "MA" + "".join(self.rng.choice(alphabet) for _ in range(7))
        return body + identity.credit_code_check_char(body)

    def applicant(self, kind: str = "") -> dict:
        rng, place = self.rng, self.place
        kind = (
            kind or rng.choices(["citizen", "business", "legal", "public", "research"], [70, 16, 7, 4, 3])[0]
        )
        town = rng.choice(place.towns or place.districts or (place.name,))
        common = {"phone": f"1{rng.choice('3589')}{rng.randint(0, 9)}{rng.randint(10000000, 99999999)}",
                  "address": f"{place.name}{town}{rng.choice(ROADS)}{rng.randint(1, 300)}号",
                  "postcode": f"{self.region[:2]}{rng.randint(1000, 9999)}",
                  "delivery": rng.choice([Delivery.EMAIL, Delivery.POST, Delivery.ONLINE, Delivery.ONLINE])}  # fmt: skip
        if common["delivery"] == Delivery.EMAIL:
            common["email"] = f"user{rng.randint(1000, 9999)}@example.cn"
        if kind == "citizen":
            return {**common, "applicant_type": ApplicantType.CITIZEN, "name": corpus.person_name(rng),
                    "id_type": IdType.RESIDENT_ID, "id_number": self.id_number()}  # fmt: skip
        name, category = {
            "business": (
                f"{place.short}{rng.choice(COMPANIES)}{rng.choice(TRADES)}",
                OrganisationCategory.BUSINESS,
            ),
            "legal": (
                f"西地{rng.choice(('衡平', '正源', '明德'))}律师事务所",
                OrganisationCategory.LEGAL_SERVICE,
            ),
            "public": (f"{place.short}环境保护志愿者协会", OrganisationCategory.PUBLIC_INTEREST),
            "research": ("西地省社会科学院", OrganisationCategory.RESEARCH),
        }[kind]
        return {**common, "applicant_type": ApplicantType.ORGANISATION, "organisation_category": category,
                "name": name, "credit_code": self.credit_code(), "legal_representative": corpus.person_name(rng),
                "contact_person": corpus.person_name(rng)}  # fmt: skip

    def description(self, day: datetime.date) -> str:
        rng, place = self.rng, self.place
        topics = EDUCATION_TOPICS if place.level == "department" else LOCAL_TOPICS
        return rng.choice(topics).format(
            name=place.name, town=rng.choice(place.towns or place.districts or (place.name,)), road=rng.choice(ROADS),
            estate=rng.choice(ESTATES), year=day.year - rng.choice((0, 1)),
            school=rng.choice(place.districts or (place.name,)),
        )  # fmt: skip

    # -- plans: scenarios are written out of order, run in the order requests arrived -----------------
    def plan(self, received: datetime.date, kind: str = "") -> Plan:
        plan = Plan(received, kind)
        self.plans.append(plan)
        return plan

    def run(self) -> None:
        for plan in sorted(self.plans, key=lambda plan: plan.received):
            request = self.submit(plan.received, plan.kind)
            for name, day, data in plan.steps:
                if name == "answer":
                    self.answer(request, day, **data)
                else:
                    self.step(request, name, day, **data)

    def submit(self, received: datetime.date, kind: str = "") -> DisclosureRequest:
        fields = self.applicant(kind)
        fields["description"] = self.description(received)
        request, _code = workflow.submit(self.page, fields, today=received, at=self.moment(received, 9))
        if self.departments and self.rng.random() < 0.6:
            workflow.assign(request, self.rng.choice(self.departments), actor=None, actor_label="信息公开工作人员",
                            at=self.moment(received, 10))  # fmt: skip
        return request

    def step(self, request: DisclosureRequest, name: str, day: datetime.date, **data) -> None:
        workflow.perform(request, name, today=day, calendar=self.calendar, at=self.moment(day, 15),
                         actor_label="信息公开工作人员", **data)  # fmt: skip

    def answer(self, request: DisclosureRequest, day: datetime.date, answer_type: str, reason: str = "",
               organ: str = "", document: bool = False) -> None:  # fmt: skip
        received = request.received_on
        text = (f"{request.name}：\n本机关于{received.year}年{received.month}月{received.day}日收到您提出的政府信息公开申请"
                f"（申请编号 {request.number}）。{ANSWERS[answer_type]}\n{REMEDY}")  # fmt: skip
        if document:
            item = DisclosureDocument(
                request=request, title=f"关于{request.number}号申请的答复附件", filename="答复附件.pdf"
            )
            item.file.save("reply.pdf", ContentFile(PDF), save=False)
            item.uploaded_at = self.moment(day, 11)
            item.save()
        self.step(
            request, "answer", day, answer_type=answer_type, reason=reason, text=text, responsible_organ=organ
        )

    # -- the scenarios ---------------------------------------------------------------------------------
    def build(self, full: bool) -> None:
        b = self
        b.plan(b.back(1))  # just received
        b.plan(b.back(5)).then(
            "request_completion", b.back(3), notice="请补充所需信息的具体路段名称和时间范围，以便检索。"
        )
        b.plan(b.back(8)).then("accept", b.back(7))
        b.plan(b.back(12), kind="business").then("accept", b.back(11)).then(
            "consult", b.back(4), third_party=f"{b.place.short}鼎盛置业有限公司")  # fmt: skip
        b.plan(b.back(18)).then("accept", b.back(17))  # due soon
        b.plan(b.back(24)).then("accept", b.back(22))  # overdue
        b.plan(b.back(26)).then("accept", b.back(25)).then(
            "extend", b.back(8), days=15, approver=b.place.leaders[-1][0], notice="因需调取历年档案，答复期限延长15个工作日。"
        )  # fmt: skip
        answers = [
            (AnswerType.DISCLOSED, "", True), (AnswerType.PARTIAL, "", True),
            (AnswerType.WITHHELD, AnswerReason.PROCESS_INFO, False),
            (AnswerType.UNAVAILABLE, AnswerReason.NOT_HELD, False),
            (AnswerType.NOT_PROCESSED, AnswerReason.PETITION, False),
            (AnswerType.REFERRED, "", False),
        ]  # fmt: skip
        for index, (answer_type, reason, document) in enumerate(answers):
            received = b.back(40 + 35 * index)
            organ = (
                f"{b.place.name}自然资源和规划局（联系电话 0000-0000{index}00）"
                if answer_type == AnswerType.REFERRED
                else ""
            )
            plan = b.plan(received).then("accept", b.after(received, 1))
            plan.then("answer", b.after(received, b.rng.randint(8, 18)), answer_type=answer_type, reason=reason,
                      organ=organ, document=document)  # fmt: skip
            if index % 2 == 0:
                plan.then("close", b.after(received, 20))
        received = b.back(75)
        b.plan(received, kind="business").then("accept", b.after(received, 1)).then(
            "consult", b.after(received, 5), third_party="第三方企业").then(
            "end_consultation", b.after(received, 14), outcome="第三方不同意公开其商业秘密。").then(
            "answer", b.after(received, 25), answer_type=AnswerType.WITHHELD, reason=AnswerReason.THIRD_PARTY)  # fmt: skip
        self.completion_cases()
        b.plan(b.back(30)).then("withdraw", b.back(27), reason="申请人来电表示已通过其他途径获取所需信息。")
        self.carried_over()
        if full:
            self.more_answered(18)
        self.run()

    def completion_cases(self) -> None:
        b = self
        # 补正 received, then the request is still unclear.
        received = b.back(60)
        b.plan(received).then(
            "request_completion", b.after(received, 3), notice="请明确所需信息的具体名称或文号。").then(
            "receive_completion", b.after(received, 6), text="需要有关道路工程的文件。").then(
            "answer", b.after(received, 20), answer_type=AnswerType.UNAVAILABLE, reason=AnswerReason.STILL_UNCLEAR)  # fmt: skip
        # 补正 never came: the request is closed after the completion period.
        received = b.back(90)
        notice_day = b.after(received, 2)
        b.plan(received).then("request_completion", notice_day, notice="请提供申请人身份证明。", due=b.after(notice_day, 15)).then(
            "answer", b.after(notice_day, 16), answer_type=AnswerType.OTHER, reason=AnswerReason.NOT_COMPLETED)  # fmt: skip

    def carried_over(self) -> None:
        """Received last December, answered this January: carried over in the yearly statistics."""
        b = self
        december = datetime.date(b.today.year - 1, 12, 22)
        if (b.today - december).days >= 45:
            b.plan(december).then("accept", b.after(december, 1)).then(
                "answer", b.after(december, 14), answer_type=AnswerType.DISCLOSED)  # fmt: skip

    def more_answered(self, count: int) -> None:
        b = self
        weights = [(AnswerType.DISCLOSED, "", 45), (AnswerType.PARTIAL, "", 12),
                   (AnswerType.WITHHELD, AnswerReason.INTERNAL_AFFAIRS, 5),
                   (AnswerType.UNAVAILABLE, AnswerReason.NOT_HELD, 20),
                   (AnswerType.UNAVAILABLE, AnswerReason.NEEDS_CREATION, 6),
                   (AnswerType.NOT_PROCESSED, AnswerReason.REPEATED, 4),
                   (AnswerType.NOT_PROCESSED, AnswerReason.PUBLICATION, 3)]  # fmt: skip
        for back in sorted(b.rng.sample(range(45, 250), count), reverse=True):
            received = b.back(back)
            answer_type, reason, _weight = b.rng.choices(weights, [weight for *_rest, weight in weights])[0]
            plan = b.plan(received).then("accept", b.after(received, 1)).then(
                "answer", b.after(received, b.rng.randint(5, 19)), answer_type=answer_type, reason=reason)  # fmt: skip
            if b.rng.random() < 0.7:
                plan.then("close", b.after(received, 21))
