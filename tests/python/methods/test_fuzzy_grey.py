"""Fuzzy equivalence clustering and grey relational analysis against published worked examples
(tests/fixtures/method_examples.json, from ../shared/reference) and their defining properties."""

from __future__ import annotations

import itertools
import json

import numpy as np
import pytest
from scipy.cluster.hierarchy import linkage
from scipy.spatial.distance import squareform

from conftest import FIXTURES, random_similarity
from opening_up.methods import fuzzy, grey

EXAMPLES = FIXTURES / "method_examples.json"


@pytest.fixture(scope="module")
def examples() -> dict:
    return json.loads(EXAMPLES.read_text(encoding="utf-8"))


def test_five_zones_closure_and_partitions(examples: dict) -> None:
    """wenku365 p-52137168 (聚类分析作业5): r = 1 - 0.02 sum|x_i - x_j|, t(R) and every λ partition."""
    example = examples["fuzzy_equivalence_five_zones"]
    R = fuzzy.similarity_matrix(np.array(example["X"]), "abs_diff", c=0.02)
    closure = fuzzy.transitive_closure(R)
    np.testing.assert_allclose(closure, example["tR"], atol=1e-12)
    np.testing.assert_array_equal(closure, fuzzy.transitive_closure_squaring(R))
    cuts = fuzzy.lambda_cuts(closure)
    printed = {
        float(level): [[i - 1 for i in cls] for cls in classes]
        for level, classes in example["partitions"].items()
    }
    assert [round(level, 12) for level, _ in cuts.levels] == sorted(printed, reverse=True)
    for level, classes in cuts.levels:
        assert classes == sorted(printed[round(level, 12)])
    assert cuts.merges.members.iloc[-1] == [0, 1, 2, 3, 4]


def test_gdp_grey_grades(examples: dict) -> None:
    """清风 GRA example (ShoutaoSun/Math-Models ex4_4_GRA.m): GDP against the three industries, 2000-2005."""
    example = examples["grey_relational_gdp_three_industries"]
    data = np.array(example["rows_years_2000_2005_cols_GDP_I_II_III"], dtype=float)
    np.testing.assert_allclose(
        grey.grey_relational_grades(data[:, 0], data[:, 1:]), example["expected_mean_norm"], atol=1e-8
    )
    np.testing.assert_allclose(grey.grey_relational_grades(data[:, 0], data[:, 1:], normalize="initial"),
                               example["expected_initial_norm_computed"], atol=5e-5)


def test_several_references_have_their_own_extremes() -> None:
    data = np.random.default_rng(3).uniform(1, 5, size=(8, 5))
    matrix = grey.grey_relational_grades(data[:, :2], data[:, 2:])
    assert matrix.shape == (3, 2)
    for column in range(2):
        np.testing.assert_allclose(
            matrix[:, column], grey.grey_relational_grades(data[:, column], data[:, 2:])
        )


@pytest.mark.parametrize("seed", range(12))
def test_closure_properties(seed: int) -> None:
    n = 3 + seed * 7
    R = random_similarity(n, seed)
    closure = fuzzy.transitive_closure(R)
    assert np.array_equal(closure, closure.T)
    assert (np.diag(closure) == 1).all()
    assert (closure >= R).all()
    assert np.array_equal(fuzzy.max_min_compose(closure, closure), closure)
    assert np.array_equal(closure, fuzzy.transitive_closure_squaring(R))


@pytest.mark.parametrize("seed", range(8))
def test_lambda_cuts_are_nested_and_match_single_linkage(seed: int) -> None:
    n = 4 + seed * 9
    closure = fuzzy.transitive_closure(random_similarity(n, 100 + seed))
    cuts = fuzzy.lambda_cuts(closure)
    levels = [level for level, _ in cuts.levels]
    assert levels == sorted(levels, reverse=True)
    assert set(levels) == set(np.unique(closure))
    for (_, finer), (_, coarser) in itertools.pairwise(cuts.levels):
        assert all(any(set(cls) <= set(big) for big in coarser) for cls in finer)
    for level, classes in cuts.levels:
        assert sorted(i for cls in classes for i in cls) == list(range(n))
        for cls in classes:
            assert (closure[np.ix_(cls, cls)] >= level).all()
    heights = linkage(squareform(1 - closure, checks=False), method="single")[:, 2]
    np.testing.assert_allclose(
        sorted(set(np.round(1 - heights, 12))), sorted(set(np.round(cuts.merges.lambda_level, 12)))
    )


def test_standardisations() -> None:
    X = np.array([[1.0, 10.0], [2.0, 30.0], [4.0, 20.0]])
    np.testing.assert_allclose(fuzzy.standardize(X, "range")[:, 0], [0, 1 / 3, 1])
    np.testing.assert_allclose(fuzzy.standardize(X, "std").std(axis=0), [1, 1])
    std_range = fuzzy.standardize(X, "std_range")
    assert std_range.min() == 0
    assert std_range.max() == 1
    np.testing.assert_allclose(fuzzy.standardize(X, "max")[:, 1], [1 / 3, 1, 2 / 3])


@pytest.mark.parametrize("method", fuzzy.SIMILARITY_METHODS)
def test_similarities_are_fuzzy_similarity_matrices(method: str) -> None:
    X = np.random.default_rng(7).uniform(0.1, 1, size=(9, 4))
    R = fuzzy.similarity_matrix(X, method)
    assert R.shape == (9, 9)
    assert np.allclose(R, R.T)
    assert (np.diag(R) == 1).all()
    assert R.min() >= 0
    assert R.max() <= 1


def test_bad_input_is_refused() -> None:
    with pytest.raises(ValueError, match="missing"):
        fuzzy.similarity_matrix(np.array([[1.0, np.nan], [1.0, 2.0]]))
    with pytest.raises(ValueError, match="square"):
        fuzzy.transitive_closure(np.ones((2, 3)))
    with pytest.raises(ValueError, match="symmetric"):
        fuzzy.transitive_closure(np.array([[1.0, 0.2], [0.3, 1.0]]))
    with pytest.raises(ValueError, match=r"outside \[0, 1\]"):
        fuzzy.transitive_closure(np.array([[1.0, 1.2], [1.2, 1.0]]))
    with pytest.raises(ValueError, match="non-negative"):
        fuzzy.similarity_matrix(np.array([[-1.0, 2.0], [1.0, 2.0]]), "max_min")
    with pytest.raises(ValueError, match="too large"):
        fuzzy.similarity_matrix(np.array([[0.0, 0.0], [10.0, 10.0]]), "abs_diff", c=0.5)
    with pytest.raises(ValueError, match="unknown similarity"):
        fuzzy.similarity_matrix(np.ones((2, 2)), "euclid")
    with pytest.raises(ValueError, match="non-zero first value"):
        grey.grey_relational_grades(np.array([0.0, 1.0, 2.0]), np.ones((3, 2)), normalize="initial")
    with pytest.raises(ValueError, match="periods"):
        grey.grey_relational_grades(np.ones(4), np.ones((3, 2)))
    with pytest.raises(ValueError, match="missing"):
        grey.grey_relational_grades(np.array([1.0, np.nan, 2.0]), np.ones((3, 2)))


@pytest.mark.parametrize("method", ["max_min", "arith_mean_min", "abs_diff", "exp_distance", "cosine"])
def test_float32_similarity_and_closure_are_the_float64_ones_rounded(method: str) -> None:
    """The scale path (float32, row blocks) gives exactly the float64 results rounded to float32:
    min and max select values, so the closure commutes with the rounding."""
    from opening_up.methods.fuzzy import similarity_matrix, transitive_closure

    X = np.random.default_rng(7).uniform(size=(300, 6))
    wide = similarity_matrix(X, method)
    narrow = similarity_matrix(X, method, dtype=np.float32, block=37)
    assert narrow.dtype == np.float32
    np.testing.assert_array_equal(narrow, wide.astype(np.float32))
    closure = transitive_closure(narrow)
    assert closure.dtype == np.float32
    np.testing.assert_array_equal(closure, transitive_closure(wide).astype(np.float32))
