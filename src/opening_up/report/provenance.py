"""Where a figure's numbers come from: real (printed in a paper or loaded from a yearbook export),
generated sample data, or a mix, with the share of sample inputs.

A figure's inputs are counted as rows: the printed rows a panel shows from a `fct_published_*`
mart (real by construction), and the yearbook observations (`fct_yearbook_observations`) that a
computed panel's mart was built from, each of which carries `is_sample`.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import NamedTuple

import pandas as pd


class InputCount(NamedTuple):
    """Inputs behind one panel: how many rows, how many of them sample."""

    label: str
    n_inputs: int
    n_sample: int


def printed_inputs(label: str, n_rows: int) -> InputCount:
    """A panel of values printed in a paper: real by definition."""
    return InputCount(label, int(n_rows), 0)


def yearbook_inputs(read: Callable[..., pd.DataFrame], label: str, *, paper: str, entity_type: str,
                    entity_filter: str, first_year: int, last_year: int) -> InputCount:
    """The yearbook observations a computed panel uses: the entities selected by entity_filter
    (SQL over entity_code), the indicators dim_indicator lists as used by `paper`, and the years."""
    counts = read(
        f"""
        select count(*) as n_inputs, count(*) filter (where observations.is_sample) as n_sample
        from marts.fct_yearbook_observations as observations
        inner join marts.dim_indicator as indicators
            on observations.indicator_code = indicators.indicator_code
        where list_contains(string_split(indicators.used_by, ' '), ?)
            and observations.entity_type = ?
            and observations.year between ? and ?
            and observations.entity_code in ({entity_filter})
        """,
        [paper, entity_type, int(first_year), int(last_year)],
    ).iloc[0]
    return InputCount(label, int(counts.n_inputs), int(counts.n_sample))


def classify(counts: Iterable[InputCount]) -> dict[str, object]:
    """real / sample / mixed over all inputs, with the sample share (0–1) and the per-panel counts."""
    counts = list(counts)
    n_inputs = sum(count.n_inputs for count in counts)
    n_sample = sum(count.n_sample for count in counts)
    if n_inputs == 0:
        raise ValueError("a figure without inputs has no provenance: " + ", ".join(c.label for c in counts))
    kind = "real" if n_sample == 0 else "sample" if n_sample == n_inputs else "mixed"
    return {"kind": kind, "n_inputs": n_inputs, "n_sample": n_sample,
            "sample_share": n_sample / n_inputs, "panels": counts}


def share_text(share: float) -> str:
    """A mixed figure's sample share as a percentage that never reads 0% or 100% (which would say
    all real or all sample): 99.96% is 'over 99.9%', 0.04% 'under 0.1%'."""
    if 0 < share < 0.001:
        return "under 0.1%"
    if 0.999 < share < 1:
        return "over 99.9%"
    return f"{share:.1%}"


def describe(provenance: dict[str, object]) -> str:
    """One sentence for the caption, e.g. 'mixed: 62.5% of 1,200 inputs are generated sample data'."""
    kind, share = provenance["kind"], provenance["sample_share"]
    n_inputs, n_sample = provenance["n_inputs"], provenance["n_sample"]
    if kind == "real":
        head = f"real: all {n_inputs:,} inputs are printed in the paper or loaded from yearbook exports"
    elif kind == "sample":
        head = (f"sample: all {n_inputs:,} inputs are generated sample data (opening_up.sample), "
                "not real figures")
    else:
        head = (
            f"mixed: {share_text(share)} of {n_inputs:,} inputs ({n_sample:,}) are generated sample data, "
            f"the other {n_inputs - n_sample:,} real"
        )
    panels = "; ".join(
        f"{c.label}: {c.n_sample:,} of {c.n_inputs:,} sample" for c in provenance["panels"])
    return f"{head} ({panels})."
