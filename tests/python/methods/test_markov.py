"""opening_up.methods.markov against PySAL's giddy: its published test values on libpysal's US
per-capita incomes 1929-2009 (usjoin: per-year quintile transitions, probabilities and steady state)
and giddy's Spatial_Markov on the same relative incomes and the states' contiguity."""

from __future__ import annotations

import libpysal
import mapclassify
import numpy as np
from giddy.markov import Markov, Spatial_Markov

from opening_up.methods import markov


def _incomes() -> np.ndarray:
    table = libpysal.io.open(libpysal.examples.get_path("usjoin.csv"))
    return np.array([table.by_col[str(year)] for year in range(1929, 2010)], dtype=float)  # years x states


def test_classic_chain_reproduces_giddys_published_usjoin_values() -> None:
    incomes = _incomes()
    classes = np.array([markov.classify(year, markov.quantile_cutoffs(year, 5)) for year in incomes]).T
    np.testing.assert_array_equal(classes, np.array([mapclassify.Quantiles(year).yb for year in incomes]).T)
    chain = markov.markov_chain(classes, 5)
    np.testing.assert_array_equal(
        chain.transitions,
        [
            [729, 71, 1, 0, 0],
            [72, 567, 80, 3, 0],
            [0, 81, 631, 86, 2],
            [0, 3, 86, 573, 56],
            [0, 0, 1, 57, 741],
        ],
    )
    np.testing.assert_allclose(
        chain.probabilities[0], [0.91011236, 0.0886392, 0.00124844, 0.0, 0.0], atol=1e-8
    )
    np.testing.assert_allclose(chain.ergodic, [0.20774716, 0.18725774, 0.20740537, 0.18821787, 0.20937187],
                               atol=1e-8)
    reference = Markov(classes)
    np.testing.assert_allclose(chain.probabilities, reference.p, rtol=1e-12)
    np.testing.assert_allclose(chain.ergodic, reference.steady_state, rtol=1e-9)


def test_spatial_chains_equal_giddy_with_pooled_quantiles() -> None:
    relative = (_incomes() / _incomes().mean(axis=1, keepdims=True)).T  # states x years
    w = libpysal.io.open(libpysal.examples.get_path("states48.gal")).read()
    w.transform = "r"
    weights = w.full()[0]
    lag = weights @ relative
    classes = markov.classify(relative, markov.quantile_cutoffs(relative, 5))
    lag_classes = markov.classify(lag, markov.quantile_cutoffs(lag, 5))
    chains = markov.spatial_markov(classes, lag_classes, 5, 5)
    reference = Spatial_Markov(relative, w, fixed=True, k=5, m=5)
    for level, chain in enumerate(chains):
        np.testing.assert_array_equal(chain.transitions, reference.T[level])
        np.testing.assert_allclose(chain.probabilities, reference.P[level], rtol=1e-12)
    # giddy's published steady states of this example.
    np.testing.assert_allclose(chains[0].ergodic, [0.43509425, 0.2635327, 0.20363044, 0.06841983, 0.02932278],
                               atol=1e-8)
    # giddy keeps the steady states as an object array (one per lag class).
    steady = np.array([np.asarray(state, dtype=float).ravel() for state in reference.S])
    np.testing.assert_allclose(np.array([chain.ergodic for chain in chains]), steady, rtol=1e-9)
