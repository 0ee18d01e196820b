"""opening_up.papers.border_growth (paper 001): its periods read from the strings dbt passes in meta."""

from __future__ import annotations

import pytest

from opening_up.papers.border_growth import periods_from_meta


def test_the_whole_period_and_the_two_sub_periods() -> None:
    meta = {"border_growth_first_year": "1992", "border_growth_last_year": "2020",
            "border_growth_second_period_first_year": "2014"}
    assert periods_from_meta(meta) == {"1992-2020": (1992, 2020), "1992-2013": (1992, 2013),
                                       "2014-2020": (2014, 2020)}


def test_a_split_outside_the_period_is_refused() -> None:
    meta = {"border_growth_first_year": "1992", "border_growth_last_year": "2020",
            "border_growth_second_period_first_year": "1992"}
    with pytest.raises(ValueError, match="must fall after 1992"):
        periods_from_meta(meta)
