"""A dynamic-panel GMM model as `opening_up.methods.gmm` estimates it: its specification (`GMMSpec`,
the keywords of `difference_gmm` and `system_gmm`) and the panel it is given, checked and put on the
entity x period grid in calendar time (`prepare`: `check_keys`, `usable_rows`, `panel_grid`)."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from opening_up.methods.gmm_design import column

TRANSFORMS = {"difference": ("fd", "fod", "none"), "system": ("fd", "fod")}


@dataclass(frozen=True)
class GMMSpec:
    """One dynamic-panel GMM model, the keywords of `difference_gmm` and `system_gmm`.

    entity, time: the panel's keys; y: the dependent column; y_lags: the lags of y among the regressors
    (`L<k>.<col>` names the k-th lag of a column); exog: strictly exogenous regressors (their own IV
    instruments unless `iv` says otherwise); endog: regressors instrumented only by the GMM blocks;
    gmm: {column: (first lag, last lag or None)} of the GMM-style instruments (default y from lag 2);
    iv: the IV-style instrument columns; time_effects: period dummies (and an intercept in system GMM);
    collapse: one instrument per lag instead of one per lag and period (Roodman 2009), for every GMM
    variable (True) or per variable ({column: bool}, plm's `collapse = c(TRUE, FALSE)`); steps: 1 or 2;
    robust: robust one-step or Windmeijer-corrected two-step errors; transform: "fd" (first
    differences), "fod" (forward orthogonal deviations, Arellano and Bover 1995; H = I, the
    Arellano-Bond tests on the differenced residuals) or, for difference GMM only, "none" (an equation
    already written in differences, estimated as given: the instruments are still lags in levels and the
    first step still weights by the differenced-error H); instrument_tests: the difference-in-Hansen
    (C) test of each instrument group (`gmm_diagnostics.c_tests`); delta: the step of the time key
    between two periods (lags are taken in calendar time: a lag of 1 at t is t - delta, missing where
    no entity observes it); missing: "raise" (a missing value in a used column is an error naming its
    rows) or "drop" (plm's na.omit: those rows are dropped and counted in the warnings).
    """

    entity: str
    time: str
    y: str
    y_lags: tuple[int, ...] = ()
    exog: list[str] | tuple[str, ...] = ()
    endog: list[str] | tuple[str, ...] = ()
    gmm: dict[str, tuple[int, int | None]] | None = None
    iv: list[str] | None = None
    time_effects: bool = False
    collapse: bool | dict[str, bool] = False
    steps: int = 2
    robust: bool = True
    transform: str = "fd"
    instrument_tests: bool = False
    delta: int = 1
    missing: str = "raise"


def prepare(data: pd.DataFrame, spec: GMMSpec,
            times: np.ndarray | None = None) -> tuple[dict, np.ndarray, np.ndarray, dict, list[str]]:
    """Check the arguments and the keys, and put the used columns on the entity x period grid in
    calendar time (`times`: the whole panel's periods, when `data` is part of it; `panel_grid`);
    returns the grids, entities, periods, the model's terms and what was said."""
    if spec.steps not in (1, 2):
        raise ValueError("steps must be 1 or 2")
    y = spec.y
    gmm = dict(spec.gmm or {y: (2, None)})
    available = set(data.columns)
    for key in (spec.entity, spec.time):
        if key not in available:
            raise ValueError(f"unknown column {key!r}")
    names = [f"L{k}.{y}" for k in spec.y_lags] + list(spec.exog) + list(spec.endog)
    if not names:
        raise ValueError("no regressors")
    terms = [column(name, available) for name in names]
    iv_terms = [column(name, available) for name in (list(spec.exog) if spec.iv is None else list(spec.iv))]
    for name, (first, last) in gmm.items():
        column(name, available)
        if first < 0 or (last is not None and last < first):
            raise ValueError(f"bad lag range {(first, last)} for {name!r}")
    if isinstance(spec.collapse, dict):
        unknown = sorted(set(spec.collapse) - set(gmm))
        if unknown:
            raise ValueError(
                f"collapse names {', '.join(map(repr, unknown))}, not GMM variables ({', '.join(gmm)})"
            )
        collapse = {name: bool(spec.collapse.get(name, False)) for name in gmm}
    else:
        collapse = dict.fromkeys(gmm, bool(spec.collapse))
    needed = sorted({y} | {c for c, _ in terms} | {c for c, _ in iv_terms} | set(gmm))
    check_keys(data, spec.entity, spec.time)
    data, warnings = usable_rows(data, needed, spec.missing)
    grids, entities, times, unobserved = panel_grid(data, spec.entity, spec.time, needed, spec.delta, times)
    return (grids, entities, times,
            {"terms": terms, "iv_terms": iv_terms, "names": names, "gmm": gmm, "collapse": collapse},
            warnings + unobserved)


def _rows_named(data: pd.DataFrame, bad: pd.Series, limit: int = 5) -> str:
    """The first rows of `data` where `bad` holds, by their index labels ("rows 3, 17, … (12 in all)")."""
    labels = list(data.index[bad.to_numpy()][:limit])
    count = int(bad.sum())
    return (
        f"rows {', '.join(repr(label) for label in labels)}{f' … ({count} in all)' if count > limit else ''}"
    )


def check_keys(data: pd.DataFrame, entity: str, time: str) -> None:
    """The panel's keys, each a ValueError naming the column and the offending rows: no missing entity
    or period, periods that are finite whole numbers (lags are taken in calendar time), and one row per
    entity and period."""
    for key in (entity, time):
        missing = data[key].isna()
        if missing.any():
            raise ValueError(f"missing values in the {'entity' if key == entity else 'time'} key {key!r}: "
                             f"{_rows_named(data, missing)}")
    periods = pd.to_numeric(data[time], errors="coerce")
    bad = periods.isna() | ~np.isfinite(periods.fillna(0)) | (periods.fillna(0) % 1 != 0)
    if bad.any():
        raise ValueError(f"the time key {time!r} must hold whole numbers (years, or periods counted in "
                         f"whole units): {_rows_named(data, bad)}")
    # Only an object column can mix types (a numeric or string dtype holds one kind).
    kinds = data[entity].map(lambda value: type(value).__name__) if data[entity].dtype == object else None
    if kinds is not None and kinds.nunique() > 1:
        raise ValueError(f"the entity key {entity!r} mixes types ({', '.join(sorted(kinds.unique()))}): "
                         f"{_rows_named(data, kinds != kinds.iloc[0])}")
    duplicated = data.duplicated([entity, time], keep=False)
    if duplicated.any():
        keys = data.loc[duplicated, [entity, time]].drop_duplicates().head(5)
        listed = ", ".join(f"({e!r}, {t!r})" for e, t in keys.itertuples(index=False))
        raise ValueError(f"duplicate ({entity}, {time}) keys: {listed}"
                         f"{' …' if duplicated.sum() > 2 * len(keys) else ''}; "
                         "each row must be one entity and period")


def usable_rows(data: pd.DataFrame, needed: list[str], missing: str) -> tuple[pd.DataFrame, list[str]]:
    """The rows the model may use and what was said about the others. A value that is not finite (NaN,
    inf) in a used column is a ValueError naming the column and rows under missing="raise"; under
    missing="drop" (plm's na.omit) a row with a missing value is dropped and counted in the warnings,
    and an infinite value still raises."""
    if missing not in ("raise", "drop"):
        raise ValueError(f"missing must be 'raise' or 'drop', not {missing!r}")
    values = pd.DataFrame({name: data[name] if pd.api.types.is_numeric_dtype(data[name])
                           else pd.to_numeric(data[name], errors="coerce") for name in needed}).astype(float)
    for name in needed:
        infinite = np.isinf(values[name])
        if infinite.any():
            raise ValueError(f"infinite values in used column {name!r}: {_rows_named(data, infinite)}")
        text = values[name].isna() & data[name].notna()
        if text.any():
            raise ValueError(
                f"values that are not numbers in used column {name!r}: {_rows_named(data, text)}"
            )
    absent = values.isna()
    if not absent.any().any():
        return data, []
    if missing == "raise":
        described = "; ".join(
            f"{name}: {_rows_named(data, absent[name])}" for name in needed if absent[name].any()
        )
        raise ValueError(
            f"missing values in used columns ({described}); pass missing='drop' to drop those rows "
            "as plm does (na.omit)"
        )
    dropped = absent.any(axis=1)
    return data[~dropped.to_numpy()], [
        f"{int(dropped.sum())} rows with missing values in used columns were dropped "
        f"(missing='drop'): {_rows_named(data, dropped)}"
    ]


def grid_periods(observed: np.ndarray, time: str, delta: int = 1) -> tuple[np.ndarray, list[str]]:
    """The panel's periods in calendar time, from the first to the last observed one in steps of
    `delta` (a panel observed every k years has delta = k), and a warning naming the periods no entity
    observes (a lag reaching one is missing)."""
    if not (isinstance(delta, (int, np.integer)) and delta >= 1):
        raise ValueError(f"delta must be a whole number of periods of at least 1, not {delta!r}")
    observed = np.sort(np.unique(observed))
    off_grid = (observed - observed[0]) % delta != 0
    if off_grid.any():
        raise ValueError(
            f"periods {', '.join(str(t) for t in observed[off_grid][:5])} of {time!r} fall between "
            f"the steps of delta = {delta} from {observed[0]}"
        )
    times = np.arange(observed[0], observed[-1] + delta, delta).astype(observed.dtype)
    unobserved = np.setdiff1d(times, observed)
    warnings = []
    if len(unobserved):
        warnings.append(
            f"no entity observes {time} {', '.join(str(t) for t in unobserved[:10])}"
            f"{' …' if len(unobserved) > 10 else ''}: lags reaching it are missing (lags are taken "
            f"in calendar time, delta = {delta})"
        )
    return times, warnings


def panel_grid(data: pd.DataFrame, entity: str, time: str, needed: list[str], delta: int = 1,
               times: np.ndarray | None = None) -> tuple[dict, np.ndarray, np.ndarray, list[str]]:
    """(N, T) arrays of every needed column on the full entity x period grid in calendar time
    (`grid_periods`), so that a lag of 1 at t is t - delta, missing where no one observes it; `times`
    gives the whole panel's periods when `data` is part of it (one entity, in the map step of
    `opening_up.methods.gmm_moments`). Returns the grids, the entities, the periods and a warning per
    period no entity observes (none when `times` is given: the whole panel's caller says it)."""
    observed = pd.to_numeric(data[time]).to_numpy()
    if times is None:
        times, warnings = grid_periods(observed, time, delta)
    else:
        outside = np.setdiff1d(observed, times)
        if len(outside):
            raise ValueError(f"periods {', '.join(str(t) for t in outside[:5])} of {time!r} are not "
                             "among the panel's periods")
        warnings = []
    entities = np.sort(data[entity].unique())
    rows = pd.Index(entities).get_indexer(data[entity])
    cols = pd.Index(times).get_indexer(pd.to_numeric(data[time]))
    grids = {}
    for name in needed:
        grid = np.full((len(entities), len(times)), np.nan)
        grid[rows, cols] = data[name].to_numpy(dtype=float)
        grids[name] = grid
    return grids, entities, times, warnings
