"""PC406: the similarity join finds exactly the pairs an all-pairs comparison finds; named places set projects apart."""
from __future__ import annotations

import random
from itertools import combinations

import pytest

from perfcheck import forked, similarity
from perfcheck.checks.goal_text.duplicates import places
from perfcheck.similarity import BATCH_FROM, alike_pairs, jaccard


def _all_pairs(sets: list[frozenset[str]], threshold: float) -> set[tuple[int, int]]:
    return {(i, j) for i, j in combinations(range(len(sets)), 2)
            if sets[i] and sets[j] and jaccard(sets[i], sets[j]) >= threshold - 1e-9}


def _templated(rng: random.Random, count: int) -> list[frozenset[str]]:
    """Sets from a few templates with some members swapped, dropped or added: many pairs near any threshold."""
    vocabulary = [f"g{k}" for k in range(300)]
    templates = [rng.sample(vocabulary, rng.randint(3, 60)) for _ in range(6)]
    out = []
    for _ in range(count):
        members = list(rng.choice(templates))
        for _ in range(rng.randint(0, 6)):
            action = rng.random()
            if action < 0.4 and members:
                members.pop(rng.randrange(len(members)))
            elif action < 0.8:
                members.append(rng.choice(vocabulary))
            elif members:
                members[rng.randrange(len(members))] = rng.choice(vocabulary)
        out.append(frozenset(members))
    return out


@pytest.mark.parametrize("batch_from", [BATCH_FROM, 0])          # Python sets, and numpy's batch verification
@pytest.mark.parametrize("threshold", [0.5, 0.8, 0.9, 1.0])
@pytest.mark.parametrize("seed", range(4))
def test_same_pairs_as_comparing_every_pair(seed: int, threshold: float, batch_from: int) -> None:
    sets = _templated(random.Random(seed), 150) + [frozenset(), frozenset({"g1"})]
    got = alike_pairs(sets, threshold, batch_from=batch_from)
    assert len(got) == len(set(got))                        # each pair once
    assert all(i < j for i, j in got)
    assert set(got) == _all_pairs(sets, threshold)


@pytest.mark.skipif(not forked.available(), reason="fork is not available here")
@pytest.mark.parametrize("batch_from", [BATCH_FROM, 0])
def test_a_join_shared_among_forked_workers_finds_the_same_pairs(monkeypatch: pytest.MonkeyPatch,
                                                                 batch_from: int) -> None:
    """A large join is split among worker processes (every worker-th set each); together they find every pair."""
    monkeypatch.setattr(similarity, "PARALLEL_FROM", 10)
    sets = _templated(random.Random(9), 150)
    got = alike_pairs(sets, 0.8, batch_from=batch_from, workers=3)
    assert len(got) == len(set(got))
    assert set(got) == _all_pairs(sets, 0.8)


def test_bigram_sets_and_edge_cases() -> None:
    goals = ["为2000名学生发放国家助学金，资助资金发放及时率达到100%",
             "为3000名学生发放国家助学金，资助资金发放及时率达到100%以上",
             "举办文化惠民演出20场，观众满意度达到90%"]
    sets = [frozenset(a + b for a, b in zip(g, g[1:])) for g in goals]
    assert alike_pairs(sets, 0.8) == [(0, 1)]
    assert alike_pairs([], 0.8) == [] and alike_pairs([frozenset({"a"})], 0.8) == []
    with pytest.raises(ValueError):
        alike_pairs(sets, 0)


@pytest.mark.parametrize(("text", "expected"), [
    ("在六角亭街道，为2076名学生发放国家助学金", {"六角亭街道"}),
    ("重大传染病防控（民意片区）", {"民意片区"}),
    ("在花楼街道和民权街道开展", {"花楼街道", "民权街道"}),
    ("2024年度面向花楼街道，为19287名老年人发放高龄津贴", {"花楼街道"}),
    ("覆盖全区13个街道", set()),
    ("各街道、本街道、所在街道、相关街道", set()),
    ("加强街道社区建设，提升片区环境", set()),
    ("明月山森林防火", set()),
])
def test_places_named_in_goals(text: str, expected: set[str]) -> None:
    """PC406 does not call one template in two named streets a duplicate; generic words are no place."""
    assert places(text) == expected
