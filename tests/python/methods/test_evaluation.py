"""opening_up.methods.evaluation against pymcdm (CRITIC weights, TOPSIS with min-max normalisation),
the entropy weights as the entropy method on min-max columns, and the obstacle degree's definition.
(Xu 2004's entropy example is not among the shipped references, ../shared/reference/: not tested.)"""

from __future__ import annotations

import numpy as np
import pytest
from pymcdm.methods import TOPSIS
from pymcdm.normalizations import minmax_normalization
from pymcdm.weights import critic_weights

from opening_up.methods import evaluation

MATRIX = np.random.default_rng(11).lognormal(size=(31, 4))


def test_critic_weights_equal_pymcdm() -> None:
    standardized = evaluation.minmax(MATRIX)
    np.testing.assert_allclose(evaluation.critic_weights(standardized), critic_weights(MATRIX), rtol=1e-9)


def test_topsis_equals_pymcdm_with_min_max_normalisation() -> None:
    standardized = evaluation.minmax(MATRIX)
    for weights in (evaluation.entropy_weights_of(standardized), evaluation.critic_weights(standardized)):
        result = evaluation.topsis(standardized, weights)
        reference = TOPSIS(normalization_function=minmax_normalization)
        expected = reference(MATRIX, weights, np.ones(4))
        np.testing.assert_allclose(result.closeness, expected, rtol=1e-9)
        assert set(result.rank) == set(range(1, 32))
        assert result.rank[np.argmax(result.closeness)] == 1


def test_a_cost_criterion_negated_ranks_as_pymcdm_does() -> None:
    """Four alternatives on a benefit and a cost criterion, equal weights: pymcdm's TOPSIS with its
    default normalisation (min-max, by criterion type) against ours with the cost criterion negated
    into a benefit one (min-max standardisation of -x is pymcdm's cost normalisation of x)."""
    alternatives = np.array([[4.0, 4.0], [1.0, 5.0], [3.0, 2.0], [4.0, 2.0]])
    weights = np.array([0.5, 0.5])
    expected = TOPSIS()(alternatives, weights, np.array([1, -1]))
    benefit = alternatives * np.array([1, -1])
    result = evaluation.topsis(evaluation.minmax(benefit), weights)
    np.testing.assert_allclose(result.closeness, expected, rtol=1e-9)


def test_entropy_weights_are_the_entropy_methods_on_the_standardised_columns() -> None:
    """The entropy method itself is tested against the water-quality worked example
    (tests/python/methods/test_methods.py); here, that TOPSIS uses it on the min-max columns."""
    standardized = evaluation.minmax(MATRIX)
    p = standardized / standardized.sum(axis=0)
    with np.errstate(divide="ignore", invalid="ignore"):
        plogp = np.where(p > 0, p * np.log(p), 0.0)
    utility = 1 + plogp.sum(axis=0) / np.log(len(MATRIX))
    np.testing.assert_allclose(
        evaluation.entropy_weights_of(standardized), utility / utility.sum(), rtol=1e-12
    )


def test_obstacle_degrees_sum_to_one_per_region() -> None:
    standardized = evaluation.minmax(MATRIX)
    weights = evaluation.critic_weights(standardized)
    deviation, degree = evaluation.obstacle_degree(standardized, weights)
    np.testing.assert_allclose(deviation, 1 - standardized)
    best = np.all(standardized == 1, axis=1)
    np.testing.assert_allclose(degree[~best].sum(axis=1), 1, rtol=1e-12)
    expected = weights * deviation[0] / (weights * deviation[0]).sum()
    np.testing.assert_allclose(degree[0], expected, rtol=1e-12)


def test_a_region_missing_an_indicator_is_refused() -> None:
    with pytest.raises(ValueError, match="missing"):
        evaluation.minmax(np.array([[1.0, np.nan], [2.0, 3.0]]))
