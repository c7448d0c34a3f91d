"""All pairs of sets whose Jaccard similarity reaches a threshold, without comparing every pair.

PC406 compares the goal texts (as character bigrams) of every project in a run: a district files
thousands, a province hundreds of thousands, and projects of one kind are often written from one template,
so many pairs share most of their bigrams. Two filters keep the work far below all pairs (though on heavily
templated goals the candidates still grow faster than the sets: README, 性能):

- size: |a ∩ b| / |a ∪ b| ≤ |small| / |large|, so with the sets ordered by size a set is only compared
  with earlier sets at least ``threshold`` times as large;
- prefix (PPJoin): with bigrams ranked rarest first, two sets alike enough share a bigram among the first
  ``n - ⌈t·n⌉ + 1`` of the later, larger set and the first ``n - ⌈2t/(1+t)·n⌉ + 1`` of the earlier one.

Each candidate is then verified exactly, so the result is the same as comparing all pairs. A small join (a
unit's workbook, a district) intersects Python sets; a large one verifies all candidates of a set at once in
numpy (their bigrams gathered from one flat array and looked up in a mark of the probing set's), which is
about five times faster on templated goals. numpy is imported only then: a lint of one workbook never pays
for it, and without it the large join is only slower.
"""
from __future__ import annotations

import math
from bisect import bisect_left
from collections import Counter
from collections.abc import Callable, Sequence
from functools import partial
from typing import Any

from . import forked

_EPS = 1e-9
BATCH_FROM = 5000  # sets: from here numpy's batch verification pays for its import and set-up
PARALLEL_FROM = 30_000  # sets: from here forking workers for the join pays (below, it takes a few seconds)


def jaccard(a: frozenset[str], b: frozenset[str]) -> float:
    """|a ∩ b| / |a ∪ b|, 0 for two empty sets."""
    if not a and not b:
        return 0.0
    inter = len(a & b)  # no union set: |a ∪ b| = |a| + |b| - |a ∩ b|
    return inter / (len(a) + len(b) - inter)


def alike_pairs(sets: Sequence[frozenset[str]], threshold: float, *,
                batch_from: int = BATCH_FROM, workers: int = 1) -> list[tuple[int, int]]:
    """Pairs (i, j), i < j, of indexes into ``sets`` whose Jaccard similarity is at least ``threshold``.

    A join of ``PARALLEL_FROM`` sets or more is shared among ``workers`` forked processes (copy-on-write:
    the index is built once, only pairs travel back)."""
    if not 0 < threshold <= 1:
        raise ValueError(f"threshold must be in (0, 1], not {threshold}")
    freq: Counter[str] = Counter()
    for s in sets:
        freq.update(s)
    rank = {g: r for r, g in enumerate(sorted(freq, key=lambda g: (freq[g], g)))}
    order = sorted((i for i, s in enumerate(sets) if s), key=lambda i: len(sets[i]))
    if len(order) < 2:
        return []
    members = [sets[i] for i in order]
    sizes = [len(s) for s in members]
    ranked = [sorted(map(rank.__getitem__, s)) for s in members]
    ratio = threshold / (1 + threshold)

    postings: dict[int, list[int]] = {}
    for k, row in enumerate(ranked):  # ascending k: every posting list comes out sorted
        n = sizes[k]
        for r in row[: n - math.ceil(2 * ratio * n - _EPS) + 1]:
            postings.setdefault(r, []).append(k)

    batch = _batch_verifier(ranked, sizes, len(rank), threshold) if len(order) >= batch_from else None

    def probe(ks: range) -> list[tuple[int, int]]:
        """The alike pairs whose later set (in size order) is one of ``ks``."""
        out: list[tuple[int, int]] = []
        for k in ks:
            row, n = ranked[k], sizes[k]
            first = bisect_left(sizes, threshold * n - _EPS)  # the smallest set still large enough
            found: set[int] = set()
            for r in row[: n - math.ceil(threshold * n - _EPS) + 1]:
                posting = postings.get(r)
                if posting:
                    found.update(posting[bisect_left(posting, first): bisect_left(posting, k)])
            if not found:
                continue
            if batch is not None:
                alike = batch(k, found)
            else:
                s = members[k]
                alike = [j for j in found
                         if (inter := len(s & members[j])) >= threshold * (n + sizes[j] - inter) - _EPS]
            this = order[k]
            out.extend((order[j], this) if order[j] < this else (this, order[j]) for j in alike)
        return out

    if workers < 2 or len(order) < PARALLEL_FROM or not forked.available():
        return probe(range(len(order)))
    # every worker-th set from its own start: later (larger) sets have more candidates, so each gets its share
    others = [forked.Forked(partial(probe, range(w, len(order), workers))) for w in range(1, workers)]
    out = probe(range(0, len(order), workers))
    for other in others:
        out.extend(other.result())
    return out


def _batch_verifier(ranked: list[list[int]], sizes: list[int], vocabulary: int,
                    threshold: float) -> Callable[[int, set[int]], list[int]] | None:
    """Verification of all candidates of a set at once in numpy; None without numpy."""
    try:
        import numpy as np
    except ImportError:
        return None
    size_of = np.asarray(sizes, dtype=np.int64)
    start_of = np.concatenate(([0], np.cumsum(size_of)[:-1]))
    flat = np.fromiter((r for row in ranked for r in row), dtype=np.int64, count=int(size_of.sum()))
    mark = np.zeros(vocabulary, dtype=np.int32)

    def alike(k: int, found: set[int]) -> list[int]:
        """The candidates alike to set k: their bigrams gathered, looked up in a mark of set k's."""
        cand: Any = np.fromiter(found, dtype=np.int64, count=len(found))
        lens = size_of[cand]
        ends = np.cumsum(lens)
        segment = ends - lens                               # where each candidate's bigrams begin in the gather
        gather = np.repeat(start_of[cand] - segment, lens) + np.arange(int(ends[-1]))
        probe = flat[start_of[k]: start_of[k] + sizes[k]]
        mark[probe] = 1
        inter = np.add.reduceat(mark[flat[gather]], segment)
        mark[probe] = 0
        return cand[inter >= threshold * (sizes[k] + lens - inter) - _EPS].tolist()

    return alike
