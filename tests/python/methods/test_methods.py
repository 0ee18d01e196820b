"""The numpy reference implementations against the shared worked examples
(tests/fixtures/method_examples.json, from ../shared/reference)."""

from __future__ import annotations

import json

import numpy as np
import pytest

from conftest import FIXTURES, require_shared
from opening_up.methods import coupling, entropy

EXAMPLES = FIXTURES / "method_examples.json"


@pytest.mark.parametrize("name", ["method_examples.json", "EmplUK.csv"])
def test_fixtures_are_the_shared_reference_files(name: str) -> None:
    """The copies in tests/fixtures are ../shared/reference's files byte for byte (its README allows the
    copy)."""
    assert (FIXTURES / name).read_bytes() == require_shared(f"reference/{name}").read_bytes()


@pytest.fixture(scope="module")
def examples() -> dict:
    return json.loads(EXAMPLES.read_text(encoding="utf-8"))


WATER_QUALITY_TYPES = [
    entropy.Indicator("benefit"),
    entropy.Indicator("middle", best=7),
    entropy.Indicator("cost"),
    entropy.Indicator("interval", best_low=10, best_high=20),
]


def test_entropy_weights_on_the_water_quality_example(examples: dict) -> None:
    """zhjx19/mathmodels-book (entropy-weight): 20 rivers, four indicators of mixed direction."""
    example = examples["entropy_weights_water_quality"]
    result = entropy.entropy_method(np.array(example["raw"]), WATER_QUALITY_TYPES)
    np.testing.assert_allclose(result["entropy"], example["expected_e_pure"], atol=1e-7)
    np.testing.assert_allclose(result["weights"], example["expected_w_pure_0ln0"], atol=1e-7)
    assert result["weights"].sum() == pytest.approx(1, abs=1e-12)


def test_coupling_on_four_systems(examples: dict) -> None:
    """stscl/coupling (CRAN), vignette ccd.Rmd: standard and Wang et al. (2021) C and D."""
    example = examples["coupling_coordination_four_systems"]
    scores = np.array(example["U"])
    t = coupling.comprehensive_index(scores)
    for name, formula in (("standard", coupling.coupling_standard), ("wang", coupling.coupling_wang2021)):
        c = formula(scores)
        np.testing.assert_allclose(c, example[f"{name}_C"], atol=example["tol"])
        np.testing.assert_allclose(
            coupling.coordination_degree(c, t), example[f"{name}_D"], atol=example["tol"]
        )


def test_printed_coupling_is_capped_at_one_half() -> None:
    """Paper 000's C = sqrt(u1 u2) / (u1 + u2) is half the standard two-system C, so at most 0.5."""
    grid = np.random.default_rng(0).uniform(0, 1, size=(1000, 2))
    printed = coupling.coupling_printed(grid)
    assert printed.max() <= 0.5
    np.testing.assert_allclose(printed, coupling.coupling_standard(grid) / 2)
    assert coupling.coupling_printed(np.array([[0.3, 0.3]]))[0] == pytest.approx(0.5)


def test_edge_rules() -> None:
    constant = entropy.entropy_method(np.array([[1.0, 5.0], [2.0, 5.0], [3.0, 5.0]]),
                                      [entropy.Indicator("benefit"), entropy.Indicator("benefit")])
    assert constant["weights"].tolist() == pytest.approx([1.0, 0.0], abs=1e-12)
    single = entropy.entropy_weights(np.array([[0.2, 0.7]]))
    assert single[0].tolist() == [1.0, 1.0]
    assert single[2].tolist() == [0.5, 0.5]


def test_clear_errors() -> None:
    with pytest.raises(ValueError, match="best value"):
        entropy.normalize(np.array([1.0, 2.0]), entropy.Indicator("middle"))
    with pytest.raises(ValueError, match="unknown indicator type"):
        entropy.normalize(np.array([1.0, 2.0]), entropy.Indicator("positive"))
    with pytest.raises(ValueError, match="missing values"):
        entropy.normalize(np.array([1.0, np.nan]), entropy.Indicator("benefit"))
    with pytest.raises(ValueError, match="sum to 1"):
        coupling.comprehensive_index(np.array([[0.1, 0.2]]), weights=[0.5, 0.6])
    with pytest.raises(ValueError, match="two systems"):
        coupling.coupling_printed(np.array([[0.1, 0.2, 0.3]]))
