"""The map step of dynamic-panel GMM (`opening_up.methods.gmm`): per-entity moment matrices, from which
the estimator computes everything it reports but the residuals themselves. `gmm` maps them over the
whole panel at once; `opening_up.spark.gmm` maps them over the panel's entities on a Spark cluster
(`applyInPandas`), and both reduce them with the same algebra (`gmm.estimate_moments`).

Every quantity of the estimator is a sum over individuals of a product involving one individual's rows
only. With W_i = [y_i X_i] (the used rows of the stacked design, zero elsewhere) and v(b) = (1, -b), so
that e_i(b) = W_i v(b):
- Z'X, Z'y and Z'HZ are sums of Z_i'W_i and Z_i'HZ_i (the one- and two-step estimates, Arellano and
  Bond 1991, eqs. 4-5);
- the second-step weights S = sum_i (Z_i'W_i v(b1))(Z_i'W_i v(b1))', and Windmeijer's (2005, eq. 3.3)
  derivative sum_i Z_i'x_ij e1_i'Z_i, take the columns of Z_i'W_i;
- Hansen's J (1982) takes sum_i Z_i'W_i v(b2); the one-step error variance v' (sum_i W_i'W_i) v;
- the Arellano-Bond AR(m) statistic (1991, eq. 8) takes sum_t e_it e_i,t-m = v' C_im v with
  C_im = sum_t A_it' A_i,t-m over the differenced rows (A = W, or after orthogonal deviations the same
  rows in first differences), X'e_{-m} = sum_i C_im[1:, :] v, and Z_i' times the residuals the
  estimator used on those rows;
- the difference-in-Hansen refits take columns of the same Z_i'W_i and Z_i'HZ_i.
The sums run over individuals in the order of their sorted keys, however the map step was split, so a
panel cut into parts gives the whole panel's estimate (tests/python/methods/test_gmm_moments.py).
"""

from __future__ import annotations

from dataclasses import dataclass, replace

import numpy as np
import pandas as pd

from opening_up.methods.gmm_design import Design, difference_design, system_design
from opening_up.methods.gmm_spec import TRANSFORMS, GMMSpec, prepare

ENTITY_FIELDS = ("entities", "ZW", "ZW_ar", "ZHZ", "WW", "lagged", "abs_Z", "level_rows", "has_rows")


@dataclass(frozen=True)
class EntityMoments:
    """The map step's output: per individual i (axis 0, `entities` order) ZW = Z_i'W_i (L, 1 + k);
    ZW_ar = Z_i' times the AR tests' estimation residuals' rows (L, 1 + k); ZHZ = Z_i'HZ_i (L, L);
    WW = W_i'W_i; lagged[:, m - 1] = C_im for m = 1 .. ar_rows - 1; abs_Z the column sums of |Z_i| (a
    column zero on the whole sample is dropped); level_rows the used rows that count as observations;
    has_rows whether i has any. names, groups, ar_rows and estimator describe the design."""

    entities: np.ndarray
    ZW: np.ndarray
    ZW_ar: np.ndarray
    ZHZ: np.ndarray
    WW: np.ndarray
    lagged: np.ndarray
    abs_Z: np.ndarray
    level_rows: np.ndarray
    has_rows: np.ndarray
    names: list[str]
    groups: tuple[tuple[str, ...], ...]
    ar_rows: int
    estimator: str


def design_of(data: pd.DataFrame, spec: GMMSpec, estimator: str,
              times: np.ndarray | None = None) -> tuple[Design, list[str]]:
    """The stacked design of `data` and what was said; `times` are the whole panel's periods when `data`
    holds some of its entities (the map step on a part)."""
    if spec.transform not in TRANSFORMS[estimator]:
        raise ValueError(f"transform must be one of {', '.join(repr(t) for t in TRANSFORMS[estimator])} "
                         f"for {estimator} GMM")
    grids, entities, periods, terms, warnings = prepare(data, spec, times)
    make_design = difference_design if estimator == "difference" else system_design
    design = make_design(
        grids, entities, periods, y=spec.y, time_effects=spec.time_effects, transform=spec.transform, **terms
    )
    return design, warnings


def used_rows(design: Design) -> np.ndarray:
    """(n, R): the rows with y and every regressor observed, the estimation sample."""
    return ~(np.isnan(design.y) | np.isnan(design.X).any(axis=2))


def entity_moments(design: Design, estimator: str) -> EntityMoments:
    """The per-individual moments of a stacked design (module docstring), vectorised over individuals.
    Every product is np.einsum without optimisation, which sums each element in its own loop and never
    calls BLAS: an individual's moments are the same bits whichever others share the call, and however
    many threads the process's BLAS runs (Spark's Python workers run one, the driver several; OpenBLAS
    splits a product's sums between threads, and a model with a thousand instruments for nine groups
    turns the last digit into 1e-9 of its estimates)."""
    used = used_rows(design)
    W = np.where(used[:, :, None], np.concatenate([design.y[:, :, None], design.X], axis=2), 0.0)
    Z = np.where(used[:, :, None], np.nan_to_num(design.Z, nan=0.0), 0.0)
    ar = design.ar_rows
    if design.ar_y is None:
        ar_W, ZW_ar = W[:, :ar], np.einsum("ntl,ntc->nlc", Z[:, :ar], W[:, :ar])
    else:
        # Orthogonal deviations: the AR tests take the same rows in first differences, and Z' times the
        # estimation residuals of every row (gmm_design.difference_design's ar_y, ar_X).
        ar_used = ~(np.isnan(design.ar_y) | np.isnan(design.ar_X).any(axis=2)) & used
        ar_W = np.where(ar_used[:, :, None], np.concatenate(
            [np.nan_to_num(design.ar_y)[:, :, None], np.nan_to_num(design.ar_X)], axis=2), 0.0)[:, :ar]
        ZW_ar = np.einsum("ntl,ntc->nlc", Z, W)
    width = W.shape[2]
    lagged = np.zeros((W.shape[0], max(ar - 1, 0), width, width))
    for order in range(1, ar):
        lagged[:, order - 1] = np.einsum("nta,ntb->nab", ar_W[:, order:], ar_W[:, :ar - order])
    level_rows = used[:, ar:] if estimator == "system" else used
    return EntityMoments(
        entities=np.asarray(design.entities),
        ZW=np.einsum("ntl,ntc->nlc", Z, W),
        ZW_ar=ZW_ar,
        ZHZ=np.einsum("ntl,ntm->nlm", Z, _times_h(design.H, Z)),
        WW=np.einsum("nta,ntb->nab", W, W),
        lagged=lagged,
        abs_Z=np.abs(Z).sum(axis=1),
        level_rows=level_rows.sum(axis=1),
        has_rows=used.any(axis=1),
        names=list(design.names),
        groups=tuple(design.groups),
        ar_rows=ar,
        estimator=estimator,
    )


def _times_h(H: np.ndarray, Z: np.ndarray) -> np.ndarray:
    """H Z_i for each individual: H is (R, R), or (n, R, R) after orthogonal deviations in system GMM."""
    if H.ndim == 2:
        return np.einsum("st,ntl->nsl", H, Z)
    return np.einsum("nst,ntl->nsl", H, Z)


def part_moments(part: pd.DataFrame, spec: GMMSpec, estimator: str, times: np.ndarray) -> EntityMoments:
    """The map step on a part of the panel holding whole entities, on the whole panel's `times`. A part
    may not drop rows (missing="raise"): a dropped row's warning would name it within its part only."""
    if spec.missing != "raise":
        raise ValueError("the map step needs missing='raise': drop incomplete rows before it")
    design, _ = design_of(part, spec, estimator, times)
    return entity_moments(design, estimator)


def combine(parts: list[EntityMoments]) -> EntityMoments:
    """The reduce step's input: the parts' individuals in one `EntityMoments`, sorted by entity as
    `gmm_spec.panel_grid` sorts them, so that the sums run in the whole panel's order."""
    entities = np.concatenate([part.entities for part in parts])
    if len(np.unique(entities)) != len(entities):
        raise ValueError("an entity appears in two parts of the panel")
    order = np.argsort(entities, kind="stable")
    return replace(parts[0], **{
        name: np.concatenate([getattr(part, name) for part in parts])[order] for name in ENTITY_FIELDS
    })


def columns(moments: EntityMoments, keep: np.ndarray) -> EntityMoments:
    """The moments of the design restricted to the instrument columns where keep is True."""
    return replace(
        moments,
        ZW=moments.ZW[:, keep],
        ZW_ar=moments.ZW_ar[:, keep],
        ZHZ=moments.ZHZ[:, keep][:, :, keep],
        abs_Z=moments.abs_Z[:, keep],
        groups=tuple(np.array(moments.groups, dtype=object)[keep]),
    )
