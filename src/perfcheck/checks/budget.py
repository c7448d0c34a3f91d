"""PC5 budget match: costs within the budget, ex-ante assessment above the threshold, an amount at all."""
from __future__ import annotations

from collections.abc import Iterator

from ..models import Project, Workbook, level1_dimension
from ..values import money_to_wan
from . import Hit, Params, check


def _fmt_wan(value: float) -> str:
    return f"{value:,.4f}".rstrip("0").rstrip(".") + "万元"


@check("goal", placeholders={"cost", "budget"})
def cost_over_budget(project: Project, book: Workbook, p: Params) -> Iterator[Hit]:
    """A cost indicator larger than the whole budget cannot be right (004: 预算匹配性)."""
    if not project.amount or project.amount <= 0:
        return
    for ind in project.indicators:
        t = ind.target
        if t.kind != "quantitative" or not (level1_dimension(ind.level1) == "成本"
                                             or (ind.level2 or "").replace(" ", "").startswith("成本")):
            continue
        wan = money_to_wan(t.number, t.unit)
        if wan is not None and wan > project.amount * (1 + 1e-9) + 1e-9:
            yield Hit(project=project, indicator=ind, field="value",
                      values={"cost": _fmt_wan(wan), "budget": _fmt_wan(project.amount)})


class ExAnteParams(Params):
    threshold: float = 100.0     # 万元
    new_only: bool = True


@check("project", ExAnteParams, placeholders={"amount", "threshold"})
def ex_ante_missing(project: Project, book: Workbook, p: ExAnteParams) -> Hit | None:
    """New projects at or above the threshold need an ex-ante assessment (001: 100万元; 004: 200万元)."""
    if "ex_ante" not in project.columns or project.ex_ante or project.amount is None:
        return None
    if p.new_only and not project.is_new:
        return None
    if project.amount < p.threshold:
        return None
    return Hit(project=project, field="ex_ante",
               values={"amount": _fmt_wan(project.amount), "threshold": _fmt_wan(p.threshold)})


@check("project", placeholders={"amount"})
def amount_missing(project: Project, book: Workbook, p: Params) -> Hit | None:
    """A project without a positive amount has no 支出测算 (003: 无明晰支出测算…不予安排)."""
    if "amount" not in project.columns or (project.amount is not None and project.amount > 0):
        return None
    shown = "空" if project.amount is None else (project.amount_raw or f"{project.amount:g}")
    return Hit(project=project, field="amount", values={"amount": shown})
