"""Design matrices of dynamic-panel GMM (`opening_up.methods.gmm`), from the panel on its entity x
period grid (`gmm_spec.panel_grid`): the equations (differences, and for system GMM levels) stacked per
individual, their
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
    # Orthogonal deviations: the same rows in first differences, for the Arellano-Bond tests.
    ar_y: np.ndarray | None = None
    ar_X: np.ndarray | None = None
    # The instrument groups each column of Z belongs to (difference-in-Hansen tests): `gmm <var>`,
    # `iv`, `levels` (system GMM's level-equation instruments), `time effects`.
    groups: tuple[tuple[str, ...], ...] = ()


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


def forward_orthogonal(levels: np.ndarray) -> np.ndarray:
    """Forward orthogonal deviations (Arellano and Bover 1995): x*_t = sqrt(m/(m+1)) (x_t - mean of the
    m later observed x_s), NaN where x_t is missing or has no later observation. Stored one period late,
    at t + 1 (as xtabond2 does), so that lag limits mean what they mean in differences."""
    observed = ~np.isnan(levels)
    values = np.where(observed, levels, 0.0)
    later_sum = np.cumsum(values[:, ::-1], axis=1)[:, ::-1] - values
    later_n = np.cumsum(observed[:, ::-1], axis=1)[:, ::-1] - observed
    with np.errstate(invalid="ignore", divide="ignore"):
        deviations = np.sqrt(later_n / (later_n + 1)) * (levels - later_sum / later_n)
    deviations[~observed | (later_n == 0)] = np.nan
    return lagged(deviations, 1)


# The name of the transformed equations in residuals, fitted values and row keys.
EQUATION_NAMES = {"fd": "difference", "fod": "orthogonal deviation", "none": "difference"}


def transformed(levels: np.ndarray, complete: np.ndarray, transform: str) -> np.ndarray:
    """The one place the transformation of the equations is chosen: first differences ("fd"), forward
    orthogonal deviations over the periods where y and every regressor are observed (`complete`;
    "fod") or the series as given ("none")."""
    if transform == "fod":
        return forward_orthogonal(np.where(complete, levels, np.nan))
    return differenced(levels) if transform == "fd" else levels


def forward_orthogonal_operator(complete: np.ndarray) -> np.ndarray:
    """F (n, R-1, R): each individual's forward-orthogonal-deviation rows over its R level rows, from the
    rows it observes (`complete`, n x R): F[r, r] = c_r, F[r, s] = -c_r / m_r for observed s > r."""
    observed = complete.astype(float)
    later_n = np.cumsum(observed[:, ::-1], axis=1)[:, ::-1] - observed
    with np.errstate(invalid="ignore", divide="ignore"):
        scale = np.where((later_n > 0) & complete, np.sqrt(later_n / (later_n + 1)), 0.0)
        share = np.where(later_n > 0, scale / later_n, 0.0)
    rows = complete.shape[1]
    after = np.triu(np.ones((rows, rows)), k=1)
    operator = scale[:, :, None] * np.eye(rows) - share[:, :, None] * after * observed[:, None, :]
    return operator[:, :-1, :]


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
                      gmm: dict[str, tuple[int, int | None]], collapse: dict[str, bool], time_effects: bool,
                      transform: str) -> Design:
    """Arellano-Bond: equations in first differences ("fd", H = tridiag(-1, 2, -1)), in forward orthogonal
    deviations ("fod", H = I) or as given ("none", H of differences)."""
    n, t = grids[y].shape
    max_lag = max([lag for _, lag in terms + iv_terms] + [0])
    lost = max(max_lag + (1 if transform == "fd" else 0), min(first for first, _ in gmm.values()))
    positions = np.arange(lost, t)
    if len(positions) < 1:
        raise ValueError(f"too few periods: {t} periods, {lost} lost to lags and differencing")

    complete = _complete_rows(grids, y, terms)

    def prepared(name: str, lag: int) -> np.ndarray:
        return transformed(lagged(grids[name], lag), complete, transform)[:, positions]

    rows = len(positions)
    X = np.stack([prepared(c, lag) for c, lag in terms], axis=2)
    Z_iv = np.nan_to_num(_stack([prepared(c, lag)[:, :, None] for c, lag in iv_terms], n, rows), nan=0.0)
    gmm_blocks = {
        c: gmm_block(grids[c], first, last, positions, collapse[c]) for c, (first, last) in gmm.items()
    }
    Z = np.concatenate(list(gmm_blocks.values()) + [Z_iv], axis=2)
    groups = [(f"gmm {c}",) for c, block in gmm_blocks.items() for _ in range(block.shape[2])]
    groups += [("iv",)] * Z_iv.shape[2]
    names = list(names)
    ar_y = ar_X = None
    if transform == "fod":
        ar_y = differenced(grids[y])[:, positions]
        ar_X = np.stack([differenced(lagged(grids[c], lag))[:, positions] for c, lag in terms], axis=2)
    if time_effects:
        dummies = np.diff(np.eye(rows + 1), axis=0)[:, 1:]
        if transform == "fod":
            period = np.zeros((n, t, rows))
            period[:, positions, np.arange(rows)] = 1.0
            fod = np.stack([forward_orthogonal(np.where(complete, period[:, :, j], np.nan))[:, positions]
                            for j in range(rows)], axis=2)
            fod = np.nan_to_num(fod, nan=0.0)
            X, Z = np.concatenate([X, fod], axis=2), np.concatenate([Z, fod], axis=2)
            groups += [("time effects",)] * fod.shape[2]
            ar_X = np.concatenate([ar_X, np.broadcast_to(dummies, (n, *dummies.shape))], axis=2)
        else:
            X = np.concatenate([X, np.broadcast_to(dummies, (n, *dummies.shape))], axis=2)
            Z = np.concatenate([Z, np.broadcast_to(dummies, (n, *dummies.shape))], axis=2)
            groups += [("time effects",)] * dummies.shape[1]
        names += [f"period_{times[p]}" for p in positions]
    H = np.eye(rows) if transform == "fod" else tridiagonal(rows)
    equation = EQUATION_NAMES[transform]
    return Design(y=prepared(y, 0), X=X, Z=Z, H=H, names=names, ar_rows=rows,
                  row_keys=[(equation, times[p]) for p in positions], entities=entities, ar_y=ar_y, ar_X=ar_X,
                  groups=tuple(groups))


def _complete_rows(grids: dict, y: str, terms: list[tuple[str, int]]) -> np.ndarray:
    """(N, T): the periods where y and every regressor (lags included) are observed."""
    complete = ~np.isnan(grids[y])
    for name, lag in terms:
        complete &= ~np.isnan(lagged(grids[name], lag))
    return complete


def system_design(grids: dict, entities: np.ndarray, times: np.ndarray, *, y: str,
                  terms: list[tuple[str, int]], iv_terms: list[tuple[str, int]], names: list[str],
                  gmm: dict[str, tuple[int, int | None]], collapse: dict[str, bool], time_effects: bool,
                  transform: str = "fd") -> Design:
    """Blundell-Bond: the transformed equations (first differences, or forward orthogonal deviations) at
    TL1..T stacked over the level equations at TL2..T. H = [[F F', F], [F', I]] with F the transformation
    of the level errors: plm's [[G, FD], [FD', I]] for differences, [[I, F_i], [F_i', I]] per individual
    for orthogonal deviations."""
    n, t = grids[y].shape
    too_early = [name for name, (first, _) in gmm.items() if first < 1]
    if too_early:
        raise ValueError(f"system GMM needs a first lag of at least 1 for {', '.join(too_early)}: its level "
                         "equations are instrumented by the difference lagged one period less")
    max_lag = max([lag for _, lag in terms + iv_terms] + [0])
    first_level = max(max_lag, min(first for first, _ in gmm.values()) - 1)
    level_positions = np.arange(first_level, t)
    difference_positions = level_positions[1:]
    if len(difference_positions) < 1:
        raise ValueError(f"too few periods: {t} periods, {first_level + 1} lost to lags and differencing")
    rows_d, rows_l = len(difference_positions), len(level_positions)

    complete = _complete_rows(grids, y, terms)

    def in_differences(name: str, lag: int) -> np.ndarray:
        return transformed(lagged(grids[name], lag), complete, transform)[:, difference_positions]

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
    W1_blocks = {c: gmm_block(grids[c], first, last, difference_positions, collapse[c])
                 for c, (first, last) in gmm.items()}
    W2_blocks = {
        c: level_block(grids[c], first, level_positions, collapse[c]) for c, (first, _) in gmm.items()
    }
    W1, W2 = _stack(list(W1_blocks.values()), n, rows_d), _stack(list(W2_blocks.values()), n, rows_l)
    W1_groups = [(f"gmm {c}",) for c, block in W1_blocks.items() for _ in range(block.shape[2])]
    W2_groups = [(f"gmm {c}", "levels") for c, block in W2_blocks.items() for _ in range(block.shape[2])]
    Z1 = np.nan_to_num(
        _stack([in_differences(c, lag)[:, :, None] for c, lag in iv_terms], n, rows_d), nan=0.0
    )
    Z2 = np.nan_to_num(_stack([in_levels(c, lag)[:, :, None] for c, lag in iv_terms], n, rows_l), nan=0.0)
    names = list(names)
    F = forward_orthogonal_operator(complete[:, level_positions]) if transform == "fod" else None
    # plm's "twoways" system: an intercept and a dummy for each level period but the first, transformed
    # like the other regressors in the upper block (differences, or F V2 in orthogonal deviations).
    V2 = np.column_stack([np.ones(rows_l), np.eye(rows_l)[:, 1:]])
    V1 = np.diff(V2, axis=0)
    if time_effects:
        upper = np.matmul(F, V2) if F is not None else np.broadcast_to(V1, (n, *V1.shape))
        X = np.concatenate([X, np.concatenate([upper, np.broadcast_to(V2, (n, *V2.shape))], axis=1)], axis=2)
        W2 = np.concatenate([W2, np.broadcast_to(V2, (n, *V2.shape))], axis=2)
        W2_groups += [("levels", "time effects")] * V2.shape[1]
        names += ["(Intercept)"] + [f"period_{times[p]}" for p in level_positions[1:]]
    Z = np.concatenate([blocks(W1, W2), blocks(Z1, Z2)], axis=2)
    groups = W1_groups + W2_groups + [("iv",)] * Z1.shape[2] + [("iv", "levels")] * Z2.shape[2]
    equation = EQUATION_NAMES[transform]
    row_keys = [(equation, times[p]) for p in difference_positions] + [
        ("level", times[p]) for p in level_positions
    ]
    ar_y = ar_X = None
    if transform == "fod":
        ar_y = np.concatenate(
            [differenced(grids[y])[:, difference_positions], np.full((n, rows_l), np.nan)], axis=1
        )
        ar_X = np.concatenate(
            [
                np.stack(
                    [differenced(lagged(grids[c], lag))[:, difference_positions] for c, lag in terms], axis=2
                ),
                np.zeros((n, rows_l, len(terms))),
            ],
            axis=1,
        )
        if time_effects:
            ar_X = np.concatenate(
                [
                    ar_X,
                    np.concatenate(
                        [np.broadcast_to(V1, (n, *V1.shape)), np.zeros((n, rows_l, V1.shape[1]))], axis=1
                    ),
                ],
                axis=2,
            )
        H = np.concatenate(
            [
                np.concatenate([np.broadcast_to(np.eye(rows_d), (n, rows_d, rows_d)), F], axis=2),
                np.concatenate(
                    [F.transpose(0, 2, 1), np.broadcast_to(np.eye(rows_l), (n, rows_l, rows_l))], axis=2
                ),
            ],
            axis=1,
        )
    else:
        H = system_weighting(rows_l)
    return Design(
        y=y_stacked,
        X=X,
        Z=Z,
        H=H,
        names=names,
        ar_rows=rows_d,
        row_keys=row_keys,
        entities=entities,
        ar_y=ar_y,
        ar_X=ar_X,
        groups=tuple(groups),
    )
