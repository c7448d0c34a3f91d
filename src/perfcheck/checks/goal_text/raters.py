"""PC404: satisfaction asked of the unit itself, its leaders or its supervisors instead of the people served
(seed 000 四(三)).
"""
from __future__ import annotations

import re

from ...models import Indicator, Project
from .. import Hit, Params, check


class InternalParams(Params):
    internal: str = (r"领导|负责人|管理层|党组|党委|班子|干部职工|机关干部|本单位|本局|本院|本校|本委|本部门|本中心|本所|本站"
                     r"|单位内部|内部职工|单位职工|上级|主管部门|分管|局长|主任|书记|院长|校长"
                     r"|[区市县]委|[区市县]政府|党委政府|考核组|考评组|督查组|检查组|评审组|各科室|各处室|内设科室|内设机构"
                     r"|主席会议|主任会议|班子成员|委托方|委托单位|采购人|主办单位|承办单位|[办局委部府]考核|指挥部|[局委办厅部]机关")
    # an institution's own workforce: internal when the institution asks them (中心职工, 学校教职工), served when the
    # project is for them (the goal names them: 组织教职工参加培训)
    staff: str = r"教职工|职工|员工|医务人员|医护人员|工作人员|(?<=[心院站所馆校局])[\u4e00-\u9fff]{2}人员"  # 中心采编人员
    # a government body judging the project (区卫生健康局对项目实施满意度): the supervisor, not the people served
    supervisor: str = r"(?:局|委|办|政府|厅|(?<!干)部|(?<=[\u4e00-\u9fff]{2})处)$"  # 厅职业能力建设处: an office above
    own: str = r"本?(?:学校|医院|中心|单位|机关|院|校|站|所|馆|园|局)内?"
    # the public asked about a unit (区政府服务中心办事群众满意度): served, whatever else the name says
    public: str = (r"群众|居民|市民|村民|农户|企业|商户|经营户|学生|家长|患者|游客|观众|读者|老人|老年人|儿童|消费者|乘客|用户"
                   r"|办事|来访|服务对象|项目负责人")  # 项目负责人: a fund's grantees
    # people a project serves, even when their title sounds internal (参训校长, 参赛干部职工, 受助对象)
    served: str = r"参训|参赛|参会|参保|参检|参演|参展|参评|受训|受助|受检|受益|受援|受慰问|受表彰|服务对象|学员|培训对象|入驻|使用|就餐"


def _names_unit(subject: str, unit: str) -> bool:
    """The rater is the filing unit itself: 街道办事处 rating for 长乐街道办事处, 镇政府 for 金山镇人民政府 (an
    abbreviated name such as 区文旅局 for 区文化和旅游局 is not recognised)."""
    subject, unit = subject.replace("人民", ""), unit.replace("人民", "")
    return len(subject) >= 3 and (subject in unit or unit in subject)


_SATISFACTION_END_RE = re.compile(r"(?:的)?(?:满意度|满意率|满意)$")


def _unit_or_above(who: str, judges: bool, project: Project, p: InternalParams) -> bool:
    """The rater is the filing unit itself (街道办事处对运营机构…, 镇政府 for 镇人民政府) or a government body above
    it (区卫生健康局对项目实施…, 省…厅, 厅…处), not the people served, nor 村委/居委."""
    unit = project.unit or ""
    if unit and (judges or _ORG_END_RE.search(who) and not re.search(p.public, who)) and _names_unit(who, unit):
        return True
    return bool(re.search(p.supervisor, who)) and not re.search(p.public, who) and not re.search(p.served, who) \
        and not _VILLAGE_RE.search(who)


_VILLAGE_RE = re.compile(r"[村居]委")  # 村委, 居委: the communities a project serves, not its supervisors
_ORG_END_RE = re.compile(r"(?:政府|办事处|办|局|委|中心|院|站|所|馆|部|处|队|组)$")  # 镇政府, not 残疾人 of 残联


def _own_staff(subject: str, project: Project, p: InternalParams) -> re.Match[str] | None:
    """中心职工满意度 filed by 社区卫生服务中心, 学校教职工满意度 by a primary school's pupil service: the institution's
    own workforce, unless the goal is about them."""
    m = re.search(p.staff, subject)
    if m is None or m.group() in (project.goal or "") or m.group() in (project.name or ""):
        return None
    owner = subject[:m.start()]
    unit = project.unit or ""
    if not owner or re.fullmatch(p.own, owner) or (len(owner) >= 2 and unit.endswith(owner)):
        return m
    return None


_STAFF_WORDS = frozenset({"干部职工", "机关干部", "单位职工", "内部职工"})
_SCOPE_LEAD_RE = re.compile(r"^(?:全[市区县省镇]|[市区县]直|各级|各)")


def _staff_served(owner: str, staff: str, project: Project) -> bool:
    """公共机构干部职工 for a project whose goal serves 公共机构: the staff of the bodies the project serves,
    not the filing unit's own (本单位干部职工, 局机关干部, 政协机关干部 in 区政协办公室, 机关干部 of a campaign for citizens)."""
    owner = _SCOPE_LEAD_RE.sub("", owner)
    if staff not in _STAFF_WORDS or len(owner) < 2 or owner.startswith("本") or owner in (project.unit or ""):
        return False
    return owner in (project.goal or "") or owner in (project.name or "")


# 对 that introduces what is judged (领导对拍摄效果满意度), not 对象/针对/对口/对接
_JUDGES_RE = re.compile(r"(?<![针面绝相应核比])对(?![象比接标照口应于])")


@check("indicator", InternalParams, placeholders={"who"})
def internal_satisfaction(ind: Indicator, project: Project, p: InternalParams) -> Hit | None:
    """Satisfaction of leaders or the unit itself does not measure the service (seed 000 四(三)).

    Only who is asked counts: in `救助对象对本单位经办服务满意度` the 救助对象 judge the unit's service.
    """
    name = ind.name or ""
    if "满意" not in name:
        return None
    j = _JUDGES_RE.search(name)
    subject = name[:j.start()] if j and j.start() > 0 else name
    who = _SATISFACTION_END_RE.sub("", subject)
    if _unit_or_above(who, j is not None, project, p):
        return Hit(project=project, indicator=ind, field="name", values={"who": who})
    m = re.search(p.internal, subject) or _own_staff(subject, project, p)
    if m is None or re.search(p.served, subject[:m.start()] + subject[m.end():m.end() + 4]) or re.search(p.public, subject):
        return None
    if _staff_served(subject[:m.start()], m.group(), project):
        return None
    return Hit(project=project, indicator=ind, field="name", values={"who": who if 0 < len(who) <= 16 else m.group(0)})
