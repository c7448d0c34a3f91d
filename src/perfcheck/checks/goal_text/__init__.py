"""PC4, goal text against indicators: what the goal promises, the indicators must measure (seed 000 四(一)(二)(三)).

One module per question the family asks:
- ``figures``: PC401–PC403, each figure the goal promises against the indicators (its verdicts are shared);
- ``raters``: PC404, satisfaction asked of the unit, its leaders or supervisors instead of the people served;
- ``coverage``: PC405, a goal of several tasks whose indicators measure only one or a few;
- ``duplicates``: PC406, near-identical projects across the units of one run.
"""
from . import coverage, duplicates, figures, raters  # noqa: F401  (each registers its checks)
