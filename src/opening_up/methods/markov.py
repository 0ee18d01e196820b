"""Distribution dynamics by Markov chains (马尔可夫链): the classic transition matrix of a regional index
in quantile classes and the spatial Markov matrices conditioned on the neighbours' class (Rey 2001,
"Spatial empirics for economic growth and convergence", Geographical Analysis 33(3): 195-214), with
their ergodic (steady-state) distributions; the reference of the Markov mart (issue 36).

- Classes: quantile cut-offs at 100/k, 200/k, ... 100 percent (linear interpolation), a value in class c
  when cut-off c-1 < value <= cut-off c (as mapclassify's Quantiles, which PySAL's giddy uses).
- Transitions: counts of units moving from class i in year t to class j in year t + 1, pooled over the
  years; probabilities p_ij = n_ij / sum_j n_ij (a class never left from has a zero row).
- Spatial Markov: the transitions of the units whose spatial lag (row-standardised W y) is in lag class
  l in year t, one matrix per l.
- Ergodic distribution: pi with pi P = pi, sum pi = 1 (the left eigenvector of eigenvalue 1).
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np


@dataclass(frozen=True)
class MarkovChain:
    transitions: np.ndarray  # k x k counts
    probabilities: np.ndarray  # k x k, rows summing to 1 (or 0 for a class never left)
    ergodic: np.ndarray  # k

    def summary(self) -> str:
        stay = np.diag(self.probabilities)
        return (f"Markov chain of {len(stay)} classes over {int(self.transitions.sum())} transitions: "
                f"staying {', '.join(f'{p:.3f}' for p in stay)}; ergodic "
                f"{', '.join(f'{p:.3f}' for p in self.ergodic)}")


def quantile_cutoffs(values: np.ndarray, k: int) -> np.ndarray:
    """The k quantile cut-offs of values (the last is the maximum)."""
    return np.unique(np.percentile(np.asarray(values, dtype=float), 100.0 / k * np.arange(1, k + 1)))


def classify(values: np.ndarray, cutoffs: np.ndarray) -> np.ndarray:
    """Class c of each value: cutoffs[c - 1] < value <= cutoffs[c] (0-based c)."""
    return np.searchsorted(cutoffs, np.asarray(values, dtype=float), side="left")


def ergodic_distribution(probabilities: np.ndarray) -> np.ndarray:
    """pi P = pi, sum pi = 1; NaN when the chain has no single steady state."""
    values, vectors = np.linalg.eig(np.asarray(probabilities, dtype=float).T)
    unit = np.flatnonzero(np.isclose(values, 1.0))
    if len(unit) != 1:
        return np.full(len(probabilities), np.nan)
    vector = np.real(vectors[:, unit[0]])
    return vector / vector.sum()


def _chain(transitions: np.ndarray) -> MarkovChain:
    totals = transitions.sum(axis=1, keepdims=True)
    probabilities = np.divide(transitions, totals, out=np.zeros_like(transitions), where=totals > 0)
    return MarkovChain(transitions, probabilities, ergodic_distribution(probabilities))


def _counts(start: np.ndarray, end: np.ndarray, k: int) -> np.ndarray:
    counts = np.zeros((k, k))
    np.add.at(counts, (start, end), 1)
    return counts


def markov_chain(classes: np.ndarray, k: int) -> MarkovChain:
    """The classic chain of a units x years matrix of classes 0..k-1."""
    classes = np.asarray(classes, dtype=int)
    return _chain(_counts(classes[:, :-1].ravel(), classes[:, 1:].ravel(), k))


def spatial_markov(classes: np.ndarray, lag_classes: np.ndarray, k: int, m: int) -> list[MarkovChain]:
    """One chain per lag class 0..m-1: the transitions of the units whose lag was in it at the start."""
    classes, lag_classes = np.asarray(classes, dtype=int), np.asarray(lag_classes, dtype=int)
    start, end, lag = classes[:, :-1].ravel(), classes[:, 1:].ravel(), lag_classes[:, :-1].ravel()
    return [_chain(_counts(start[lag == level], end[lag == level], k)) for level in range(m)]
