"""Design matrices of dynamic-panel GMM (`opening_up.methods.gmm`): the panel on its full entity x
period grid, the equations (differences, and for system GMM levels) stacked per individual, their
instruments, and the first-step weighting template H.

Difference GMM (Arellano and Bond 1991): equations in first differences at periods TL1..T, GMM-style
instruments y_{t-first}..y_{t-last} in levels, H = tridiag(-1, 2, -1). System GMM (Blundell and Bond
1998) adds the equations in levels at periods TL2..T (TL1 = TL2 + 1), instrumented by the GMM variables'
differences lagged one period less than their first level lag, and weights the first step by plm's
H = [[G, FD], [FD', I]] (R plm 2.6-2 `FSM(., "full")`): G = tridiag(-1, 2, -1) for the differences,
FD the first-difference operator between the two blocks, I for the levels. Exogenous instruments enter
both blocks separately (differenced, and in levels), as plm's `bdiag(Z1, Z2)`; time effects enter as
plm's "twoways" system: an intercept and period dummies in the levels, their differences in the
differenced equations, instrumenting the levels only.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import numpy as np
import pandas as pd

LAG_NAME = re.compile(r"^L(\d+)\.(.+)$")


@dataclass(frozen=True)
class Design:
    """Stacked equations of every individual: y (n, R), X (n, R, k), Z (n, R, L) and H (R, R); the first
    `ar_rows` rows are the differenced equations (the Arellano-Bond tests use them); row_keys[r] is
    (equation, period) of row r."""

    y: np.ndarray
    X: np.ndarray
    Z: np.ndarray
    H: np.ndarray
    names: list[str]
    ar_rows: int
    row_keys: list[tuple[str, object]]
    entities: np.ndarray


def column(name: str, columns: set[str]) -> tuple[str, int]:
    """Split `L<k>.<column>` into (column, k); a plain name is lag 0."""
    match = LAG_NAME.match(name)
    base, lag = (match.group(2), int(match.group(1))) if match else (name, 0)
    if base not in columns:
        raise ValueError(f"unknown column {base!r} in {name!r}")
    return base, lag


def lagged(levels: np.ndarray, lag: int) -> np.ndarray:
    """Shift (N, T) levels by `lag` periods along the grid (NaN where the lag falls before the start)."""
    if lag == 0:
        return levels
    out = np.full_like(levels, np.nan)
    out[:, lag:] = levels[:, :-lag]
    return out


def differenced(levels: np.ndarray) -> np.ndarray:
    """First differences along the grid (NaN in the first period)."""
    return levels - lagged(levels, 1)


def panel_grid(data: pd.DataFrame, entity: str, time: str, needed: list[str]) -> tuple[dict, np.ndarray, np.ndarray]:
    """(N, T) arrays of every needed column on the full entity x period grid, rows sorted."""
    duplicated = data.duplicated([entity, time], keep=False)
    if duplicated.any():
        keys = data.loc[duplicated, [entity, time]].drop_duplicates().head(5)
        listed = ", ".join(f"({e!r}, {t!r})" for e, t in keys.itertuples(index=False))
        raise ValueError(f"duplicate ({entity}, {time}) keys: {listed}"
                         f"{' …' if duplicated.sum() > 2 * len(keys) else ''}; each row must be one entity and period")
    missing = [c for c in needed if data[c].isna().any()]
    if missing:
        raise ValueError(f"missing values in used columns: {', '.join(missing)}")
    entities = np.sort(data[entity].unique())
    times = np.sort(data[time].unique())
    rows = pd.Index(entities).get_indexer(data[entity])
    cols = pd.Index(times).get_indexer(data[time])
    grids = {}
    for name in needed:
        grid = np.full((len(entities), len(times)), np.nan)
        grid[rows, cols] = data[name].to_numpy(dtype=float)
        grids[name] = grid
    return grids, entities, times


def gmm_block(levels: np.ndarray, first: int, last: int | None, positions: np.ndarray,
              collapse: bool) -> np.ndarray:
    """GMM-style instruments for equations at `positions` (n, R, L): levels lagged first..last."""
    n, t = levels.shape
    blocks = []
    if collapse:
        top = (t - 1) if last is None else min(last, t - 1)
        for lag in range(first, top + 1):
            blocks.append(lagged(levels, lag)[:, positions][:, :, None])
    else:
        for row, p in enumerate(positions):
            low = 0 if last is None else max(0, p - last)
            high = p - first
            if high < low:
                continue
            block = np.zeros((n, len(positions), high - low + 1))
            block[:, row, :] = levels[:, low:high + 1]
            blocks.append(block)
    if not blocks:
        return np.zeros((n, len(positions), 0))
    return np.nan_to_num(np.concatenate(blocks, axis=2), nan=0.0)


def level_block(levels: np.ndarray, first: int, positions: np.ndarray, collapse: bool) -> np.ndarray:
    """System GMM's instruments for the level equations at `positions` (n, R, L): the difference of the
    variable lagged first - 1 periods, one column per equation (or one in all when collapsed)."""
    n = levels.shape[0]
    instrument = lagged(differenced(levels), first - 1)[:, positions]
    if collapse:
        return np.nan_to_num(instrument, nan=0.0)[:, :, None]
    available = [row for row, p in enumerate(positions) if p - first >= 0]
    block = np.zeros((n, len(positions), len(available)))
    for column_index, row in enumerate(available):
        block[:, row, column_index] = instrument[:, row]
    return np.nan_to_num(block, nan=0.0)


def tridiagonal(size: int) -> np.ndarray:
    """G = tridiag(-1, 2, -1): E[Δu Δu'] / σ² for i.i.d. errors."""
    return 2 * np.eye(size) - np.eye(size, k=1) - np.eye(size, k=-1)


def system_weighting(n_levels: int) -> np.ndarray:
    """plm's FSM(t, "full") = [[G(t-1), FD(t)], [FD(t)', I(t)]], FD(t) the (t-1) x t difference operator."""
    fd = -np.eye(n_levels)[:-1] + np.eye(n_levels, k=1)[:-1]
    return np.block([[tridiagonal(n_levels - 1), fd], [fd.T, np.eye(n_levels)]])


def _stack(parts: list[np.ndarray], n: int, rows: int) -> np.ndarray:
    return np.concatenate(parts, axis=2) if parts else np.zeros((n, rows, 0))


def difference_design(grids: dict, entities: np.ndarray, times: np.ndarray, *, y: str,
                      terms: list[tuple[str, int]], iv_terms: list[tuple[str, int]], names: list[str],
                      gmm: dict[str, tuple[int, int | None]], collapse: bool, time_effects: bool,
                      transform: str) -> Design:
    """Arellano-Bond: equations in differences (transform "fd") or as given ("none")."""
    n, t = grids[y].shape
    max_lag = max([lag for _, lag in terms + iv_terms] + [0])
    lost = max(max_lag + (1 if transform == "fd" else 0), min(first for first, _ in gmm.values()))
    positions = np.arange(lost, t)
    if len(positions) < 1:
        raise ValueError(f"too few periods: {t} periods, {lost} lost to lags and differencing")

    def prepared(name: str, lag: int) -> np.ndarray:
        levels = lagged(grids[name], lag)
        return (differenced(levels) if transform == "fd" else levels)[:, positions]

    rows = len(positions)
    X = np.stack([prepared(c, lag) for c, lag in terms], axis=2)
    Z_iv = np.nan_to_num(_stack([prepared(c, lag)[:, :, None] for c, lag in iv_terms], n, rows), nan=0.0)
    Z = np.concatenate([gmm_block(grids[c], first, last, positions, collapse)
                        for c, (first, last) in gmm.items()] + [Z_iv], axis=2)
    names = list(names)
    if time_effects:
        dummies = np.diff(np.eye(rows + 1), axis=0)[:, 1:]
        X = np.concatenate([X, np.broadcast_to(dummies, (n, *dummies.shape))], axis=2)
        Z = np.concatenate([Z, np.broadcast_to(dummies, (n, *dummies.shape))], axis=2)
        names += [f"period_{times[p]}" for p in positions]
    return Design(y=prepared(y, 0), X=X, Z=Z, H=tridiagonal(rows), names=names, ar_rows=rows,
                  row_keys=[("difference", times[p]) for p in positions], entities=entities)


def system_design(grids: dict, entities: np.ndarray, times: np.ndarray, *, y: str,
                  terms: list[tuple[str, int]], iv_terms: list[tuple[str, int]], names: list[str],
                  gmm: dict[str, tuple[int, int | None]], collapse: bool, time_effects: bool) -> Design:
    """Blundell-Bond: the differenced equations at TL1..T stacked over the level equations at TL2..T."""
    n, t = grids[y].shape
    max_lag = max([lag for _, lag in terms + iv_terms] + [0])
    first_level = max(max_lag, min(first for first, _ in gmm.values()) - 1)
    level_positions = np.arange(first_level, t)
    difference_positions = level_positions[1:]
    if len(difference_positions) < 1:
        raise ValueError(f"too few periods: {t} periods, {first_level + 1} lost to lags and differencing")
    rows_d, rows_l = len(difference_positions), len(level_positions)

    def in_differences(name: str, lag: int) -> np.ndarray:
        return differenced(lagged(grids[name], lag))[:, difference_positions]

    def in_levels(name: str, lag: int) -> np.ndarray:
        return lagged(grids[name], lag)[:, level_positions]

    def blocks(upper: np.ndarray, lower: np.ndarray) -> np.ndarray:
        """[[upper, 0], [0, lower]]: instruments of one block are zero in the other."""
        return np.concatenate([
            np.concatenate([upper, np.zeros((n, rows_d, lower.shape[2]))], axis=2),
            np.concatenate([np.zeros((n, rows_l, upper.shape[2])), lower], axis=2)], axis=1)

    y_stacked = np.concatenate([in_differences(y, 0), in_levels(y, 0)], axis=1)
    X = np.concatenate([np.stack([in_differences(c, lag) for c, lag in terms], axis=2),
                        np.stack([in_levels(c, lag) for c, lag in terms], axis=2)], axis=1)
    W1 = _stack([gmm_block(grids[c], first, last, difference_positions, collapse)
                 for c, (first, last) in gmm.items()], n, rows_d)
    W2 = _stack([level_block(grids[c], first, level_positions, collapse) for c, (first, _) in gmm.items()],
                n, rows_l)
    Z1 = np.nan_to_num(_stack([in_differences(c, lag)[:, :, None] for c, lag in iv_terms], n, rows_d), nan=0.0)
    Z2 = np.nan_to_num(_stack([in_levels(c, lag)[:, :, None] for c, lag in iv_terms], n, rows_l), nan=0.0)
    names = list(names)
    if time_effects:
        # plm's "twoways" system: an intercept and a dummy for each level period but the first.
        V2 = np.column_stack([np.ones(rows_l), np.eye(rows_l)[:, 1:]])
        V1 = np.diff(V2, axis=0)
        X = np.concatenate([X, np.broadcast_to(np.vstack([V1, V2]), (n, rows_d + rows_l, V2.shape[1]))], axis=2)
        W2 = np.concatenate([W2, np.broadcast_to(V2, (n, *V2.shape))], axis=2)
        names += ["(Intercept)"] + [f"period_{times[p]}" for p in level_positions[1:]]
    Z = np.concatenate([blocks(W1, W2), blocks(Z1, Z2)], axis=2)
    row_keys = [("difference", times[p]) for p in difference_positions] + [("level", times[p]) for p in level_positions]
    return Design(y=y_stacked, X=X, Z=Z, H=system_weighting(rows_l), names=names, ar_rows=rows_d,
                  row_keys=row_keys, entities=entities)
