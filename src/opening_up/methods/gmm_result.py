"""What `opening_up.methods.gmm` returns: the estimates and the specification tests, each test a named
(statistic, df, p-value), as linearmodels names its `WaldTestStatistic`."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import NamedTuple

import pandas as pd
from scipy import stats


class ChiSquareTest(NamedTuple):
    """A chi-squared test (Sargan/Hansen J, difference-in-Hansen): statistic, degrees of freedom, p-value."""

    statistic: float
    df: int
    pvalue: float


class ARTest(NamedTuple):
    """An Arellano-Bond AR(m) test: the N(0, 1) statistic z and its two-sided p-value."""

    statistic: float
    pvalue: float


@dataclass(frozen=True)
class GMMResult:
    """Estimates and tests of `difference_gmm` and `system_gmm`; Series are indexed by regressor name;
    residuals and fitted_values are indexed by (entity, time) with one column per equation
    (`difference` or `orthogonal deviation`, and `level` for system GMM), for the observations used."""

    params: pd.Series
    std_errors: pd.Series
    tvalues: pd.Series
    pvalues: pd.Series
    hansen: ChiSquareTest | None
    sargan: ChiSquareTest | None
    ar_tests: dict[int, ARTest]
    n_obs: int
    n_groups: int
    n_instruments: int
    steps: int
    robust: bool
    warnings: list[str] = field(default_factory=list)
    params_step1: pd.Series | None = None
    estimator: str = "difference"
    residuals: pd.DataFrame | None = None
    fitted_values: pd.DataFrame | None = None
    test_note: str | None = None
    instrument_tests: pd.DataFrame | None = None
    # Sargan's test with the one-step weights on the one-step residuals, divided by their variance
    # (gmm_diagnostics.sargan_onestep; plm's sargan(weights = "onestep") omits the variance).
    sargan_onestep: ChiSquareTest | None = None
    # AR(m) of any order, computed when asked (plm's mtest(order = m)); ar_tests holds orders 1 and 2.
    ar_test_of: Callable[[int], dict[int, ARTest]] | None = field(default=None, repr=False, compare=False)
    # The estimates' covariance (regressor x regressor), whose diagonal gives std_errors (linearmodels'
    # `cov`).
    cov: pd.DataFrame | None = None

    def conf_int(self, level: float = 0.95) -> pd.DataFrame:
        """Confidence intervals of the estimates at `level` from the normal distribution (the z statistics'),
        columns `lower` and `upper`, as linearmodels' `conf_int(level)`."""
        if not 0 < level < 1:
            raise ValueError(f"level must be between 0 and 1, not {level}")
        q = stats.norm.ppf(0.5 + level / 2)
        return pd.DataFrame(
            {"lower": self.params - q * self.std_errors, "upper": self.params + q * self.std_errors}
        )

    def __str__(self) -> str:
        return self.summary()

    @property
    def j_test(self) -> ChiSquareTest:
        """The overidentification test computed: Hansen's after two steps, Sargan's after one."""
        return self.hansen or self.sargan

    def ar(self, order: int) -> ARTest:
        """Arellano-Bond test of order `order` >= 1 (plm's `mtest(order = m)`): (z, two-sided p-value)."""
        if order in self.ar_tests:
            return self.ar_tests[order]
        computed = self.ar_test_of([order]) if self.ar_test_of else {}
        if order not in computed:
            raise ValueError(f"AR({order}) cannot be computed: too few periods")
        return computed[order]

    def summary(self) -> str:
        """A readable table of the estimates and the tests."""
        lines = [f"{self.estimator.capitalize()} GMM, {self.steps}-step, "
                 f"{'robust' if self.robust else 'conventional'} errors",
                 f"observations {self.n_obs}; instruments {self.n_instruments} for {self.n_groups} groups "
                 f"(ratio {self.n_instruments / self.n_groups:.2f})",
                 f"{'':<28}{'coef':>12}{'std err':>12}{'z':>9}{'p':>9}"]
        for name in self.params.index:
            lines.append(f"{name:<28}{self.params[name]:12.6f}{self.std_errors[name]:12.6f}"
                         f"{self.tvalues[name]:9.3f}{self.pvalues[name]:9.4f}")
        for label, test in (("Hansen J", self.hansen), ("Sargan", self.sargan),
                            ("Sargan, one-step weights", self.sargan_onestep)):
            if test:
                lines.append(f"{label}: chi2({test.df}) = {test.statistic:.4f}, p = {test.pvalue:.4f}")
        if self.test_note:
            lines.append(f"note: {self.test_note}")
        if self.instrument_tests is not None:
            lines.append("Difference-in-Hansen tests of instrument subsets (excluding group; difference):")
            for row in self.instrument_tests.itertuples():
                lines.append(
                    f"  {row.group:<16} excluding chi2({row.df_excluding}) = {row.hansen_excluding:.4f}, "
                    f"p = {row.p_excluding:.4f}; difference chi2({row.df_difference}) = "
                    f"{row.difference:.4f}, p = {row.p_difference:.4f}"
                    + (f" ({row.note})" if row.note else "")
                )
        for order, test in sorted(self.ar_tests.items()):
            lines.append(f"AR({order}): z = {test.statistic:.4f}, p = {test.pvalue:.4f}")
        lines += [f"warning: {w}" for w in self.warnings]
        return "\n".join(lines)
