"""All pairs of sets whose Jaccard similarity reaches a threshold, without comparing every pair.

PC406 compares the goal texts (as character bigrams) of every project in a run: a district files
thousands, a province hundreds of thousands, and projects of one kind are often written from one template,
so many pairs share most of their bigrams. Two filters keep the work far below all pairs (though on heavily
templated goals the candidates still grow faster than the sets: README, 性能):

- size: |a ∩ b| / |a ∪ b| ≤ |small| / |large|, so with the sets ordered by size a set is only compared
  with earlier sets at least ``threshold`` times as large;
- prefix (PPJoin): with bigrams ranked rarest first, two sets alike enough share a bigram among the first
  ``n - ⌈t·n⌉ + 1`` of the later, larger set and the first ``n - ⌈2t/(1+t)·n⌉ + 1`` of the earlier one.

Each candidate is then verified exactly, all candidates of one set at once in numpy: the candidates' bigrams
are gathered from one flat array and looked up in a mark of the probing set's bigrams (memory grows with
the bigrams, not with sets × vocabulary). Exact: the result is the same as comparing all pairs.
"""
from __future__ import annotations

import math
from bisect import bisect_left
from collections import Counter
from collections.abc import Sequence

import numpy as np

_EPS = 1e-9


def jaccard(a: frozenset[str], b: frozenset[str]) -> float:
    """|a ∩ b| / |a ∪ b|, 0 for two empty sets."""
    if not a and not b:
        return 0.0
    inter = len(a & b)  # no union set: |a ∪ b| = |a| + |b| - |a ∩ b|
    return inter / (len(a) + len(b) - inter)


def alike_pairs(sets: Sequence[frozenset[str]], threshold: float) -> list[tuple[int, int]]:
    """Pairs (i, j), i < j, of indexes into ``sets`` whose Jaccard similarity is at least ``threshold``."""
    if not 0 < threshold <= 1:
        raise ValueError(f"threshold must be in (0, 1], not {threshold}")
    freq: Counter[str] = Counter()
    for s in sets:
        freq.update(s)
    rank = {g: r for r, g in enumerate(sorted(freq, key=lambda g: (freq[g], g)))}
    order = sorted((i for i, s in enumerate(sets) if s), key=lambda i: len(sets[i]))
    if len(order) < 2:
        return []
    sizes = [len(sets[i]) for i in order]
    ranked = [sorted(map(rank.__getitem__, sets[i])) for i in order]
    size_of = np.asarray(sizes, dtype=np.int64)
    start_of = np.concatenate(([0], np.cumsum(size_of)[:-1]))
    flat = np.fromiter((r for row in ranked for r in row), dtype=np.int64, count=int(size_of.sum()))
    mark = np.zeros(len(rank), dtype=np.int32)
    original = np.asarray(order, dtype=np.int64)
    ratio = threshold / (1 + threshold)

    postings: dict[int, list[int]] = {}
    for k, row in enumerate(ranked):  # ascending k: every posting list comes out sorted
        n = sizes[k]
        for r in row[: n - math.ceil(2 * ratio * n - _EPS) + 1]:
            postings.setdefault(r, []).append(k)

    out: list[tuple[int, int]] = []
    for k, row in enumerate(ranked):
        n = sizes[k]
        first = bisect_left(sizes, threshold * n - _EPS)  # the smallest set still large enough
        found: set[int] = set()
        for r in row[: n - math.ceil(threshold * n - _EPS) + 1]:
            posting = postings.get(r)
            if posting:
                found.update(posting[bisect_left(posting, first): bisect_left(posting, k)])
        if not found:
            continue
        cand = np.fromiter(found, dtype=np.int64, count=len(found))
        inter = _overlaps(cand, flat, start_of, size_of, mark, flat[start_of[k]: start_of[k] + n])
        alike = cand[inter >= threshold * (n + size_of[cand] - inter) - _EPS]
        this = int(original[k])
        for other in original[alike].tolist():
            out.append((other, this) if other < this else (this, other))
    return out


def _overlaps(cand: np.ndarray, flat: np.ndarray, start_of: np.ndarray, size_of: np.ndarray, mark: np.ndarray,
              probe: np.ndarray) -> np.ndarray:
    """|probe ∩ set c| for every candidate c: the candidates' bigrams gathered, looked up in a mark of the probe's."""
    lens = size_of[cand]
    ends = np.cumsum(lens)
    segment = ends - lens                                   # where each candidate's bigrams begin in the gather
    gather = np.repeat(start_of[cand] - segment, lens) + np.arange(int(ends[-1]))
    mark[probe] = 1
    try:
        return np.add.reduceat(mark[flat[gather]], segment)
    finally:
        mark[probe] = 0
