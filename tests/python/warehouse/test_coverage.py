"""How real the warehouse is: the shipped real data in a default build, the coverage and needs marts
against a recount from fct_yearbook_observations, and `python -m opening_up needs`."""

from __future__ import annotations

import re
from pathlib import Path

import pandas as pd

from opening_up.settings import PROJECT_ROOT
from opening_up import cli
from opening_up.warehouse import coverage


def test_default_build_holds_the_shipped_real_data(warehouse) -> None:
    """Real GDP of all 31 provinces 2006-2022 (revised: Beijing 2022 = 45222.4) and real trade
    2007-2014 (dollars) and 2016-2022 (yuan), from data/real/ with an empty drop folder."""
    gdp = warehouse.execute(
        "select count(*) from marts.fct_yearbook_observations where indicator_code = 'gdp' and not is_sample "
        "and entity_type = 'region' and entity_code <> '000000' and year between 2006 and 2022").fetchone()[0]
    assert gdp == 31 * 17 == 527
    beijing = warehouse.execute(
        "select value, source, source_file, source_row, vintage from marts.fct_yearbook_observations "
        "where indicator_code = 'gdp' and entity_code = '110000' and year = 2022").fetchone()
    assert beijing == (
        45222.4,
        "shipped NBS export: 分省年度数据.csv",
        "data/real/nbs/分省年度数据.csv",
        5,
        2025,
    )
    trade = dict(warehouse.execute(
        "select indicator_code, count(*) from marts.fct_yearbook_observations where not is_sample "
        "and entity_code <> '000000' and ((indicator_code = 'trade_total' and year between 2007 and 2014) "
        "or (indicator_code = 'trade_total_rmb' and year between 2016 and 2022)) group by all").fetchall())
    assert trade == {"trade_total": 31 * 8, "trade_total_rmb": 31 * 7}


def test_default_build_has_the_national_series_real(warehouse) -> None:
    """The RMB/USD rate and national GDP per capita, 1992-2022, from the shipped WDI series (data/real/
    national/), each observation naming its series, and the marts that convert with the rate saying so."""
    rows = warehouse.execute(
        "select indicator_code, count(*), bool_and(not is_sample), min(source), max(source) "
        "from marts.fct_yearbook_observations where entity_code = '000000' and year between 1992 and 2022 "
        "and indicator_code in ('exchange_rate_rmb_usd', 'gdp_per_capita') group by all order by 1"
    ).fetchall()
    assert [row[:3] for row in rows] == [("exchange_rate_rmb_usd", 31, True), ("gdp_per_capita", 31, True)]
    assert rows[0][3] == rows[0][4]
    assert rows[0][3].startswith("national series PA.NUS.FCRF: Official exchange rate")
    assert rows[1][3].startswith("national series NY.GDP.PCAP.CN: GDP per capita (current LCU)")
    rate = warehouse.execute(
        "select exchange_rate_rmb_usd, exchange_rate_source from marts.fct_province_openness "
        "where region_code = '450000' and year = 2020").fetchone()
    assert rate[0] == 6.90077
    assert rate[1] == rows[0][3]
    sources = warehouse.execute(
        "select distinct national_gdp_per_capita_source from marts.fct_border_growth_panel").fetchall()
    assert sources == [(rows[1][3],)]


def _recount(warehouse) -> pd.DataFrame:
    """Each declared input cell's status recounted from fct_yearbook_observations."""
    declared = warehouse.execute(
        "select mart, indicator_code, alternative_indicator_code, entity_set, first_year, last_year "
        "from marts.rpt_input_coverage").df()
    sets = warehouse.execute("select * from intermediate.int_coverage_entity_sets").df()
    reads = warehouse.execute(
        "select distinct mart, reads from intermediate.int_coverage_input_cells").df()
    observations = warehouse.execute(
        "select entity_type, entity_code, year, indicator_code, is_sample, source "
        "from marts.fct_yearbook_observations").df()
    cells = declared.merge(sets, on="entity_set").merge(reads, on="mart")
    cells["year"] = [list(range(a, b + 1)) for a, b in zip(cells.first_year, cells.last_year, strict=True)]
    cells = cells.explode("year").astype({"year": "int64"})
    keys = ["entity_type", "entity_code", "year"]
    status = {}
    for column in ("indicator_code", "alternative_indicator_code"):
        joined = cells.merge(
            observations.rename(columns={"indicator_code": column}), on=keys + [column], how="left"
        )
        papers_only = joined.reads == "papers"
        real = (joined.is_sample == False) & (~papers_only | joined.source.str.startswith("004_"))  # noqa: E712
        sample = (joined.is_sample == True) & ~papers_only  # noqa: E712
        status[column] = pd.Series(
            ["real" if r else "sample" if s else "missing" for r, s in zip(real, sample, strict=True)],
            index=cells.index,
        )
    rank = {"real": 0, "sample": 1, "missing": 2}
    cells["status"] = [
        min(a, b, key=rank.get)
        for a, b in zip(status["indicator_code"], status["alternative_indicator_code"], strict=True)
    ]
    return cells


def test_coverage_and_needs_agree_with_a_recount(warehouse) -> None:
    cells = _recount(warehouse)
    keys = ["mart", "indicator_code", "entity_set"]
    recounted = cells.groupby(keys).status.value_counts().unstack(fill_value=0)
    marts = warehouse.execute(
        "select mart, indicator_code, entity_set, n_real, n_sample, n_missing, n_cells "
        "from marts.rpt_input_coverage").df().set_index(keys)
    for status in ("real", "sample", "missing"):
        expected = recounted.get(status, pd.Series(0, index=recounted.index)).reindex(
            marts.index, fill_value=0
        )
        assert (marts[f"n_{status}"] == expected).all(), status
    assert (marts.n_cells == cells.groupby(keys).size().reindex(marts.index)).all()

    cells["entity_scope"] = [
        "nation" if code == "000000" else "provinces" if kind == "region" else kind + "s"
        for kind, code in zip(cells.entity_type, cells.entity_code, strict=True)]
    open_cells = cells[cells.status != "real"].assign(cell=lambda d: d.entity_code + "|" + d.year.astype(str))
    # A cell no file can make real: read from a paper's table, or after the last year a source publishes.
    last_year = pd.read_csv(PROJECT_ROOT / "seeds/reference/ref_indicator_sources.csv").set_index(
        ["indicator_code", "entity_scope"]).last_published_year
    open_cells["obtainable"] = [
        reads == "observations" and not year > last_year.get((code, scope), year)
        for reads, year, code, scope in zip(open_cells.reads, open_cells.year, open_cells.indicator_code,
                                            open_cells.entity_scope, strict=True)]
    needs = warehouse.execute(
        "select indicator_code, entity_scope, why_no_file is null as obtainable, n_cells, n_marts_needing, "
        "n_marts_fully_real_after from marts.rpt_data_needs order by need_rank").df()
    keys = ["indicator_code", "entity_scope", "obtainable"]
    recounted_needs = open_cells.groupby(keys).agg(
        n_cells=("cell", "nunique"), n_marts_needing=("mart", "nunique")
    )
    merged = needs.set_index(keys)
    assert set(merged.index) == set(recounted_needs.index)
    assert (merged.n_cells == recounted_needs.n_cells.reindex(merged.index)).all()
    assert (merged.n_marts_needing == recounted_needs.n_marts_needing.reindex(merged.index)).all()
    # Loading every download makes every analytic mart fully real.
    assert needs.n_marts_fully_real_after.iloc[-1] == cells.mart.nunique()


def test_every_declared_mart_is_a_mart(warehouse, manifest: dict) -> None:
    marts = {node["name"] for node in manifest["nodes"].values()
             if node["resource_type"] == "model" and node["config"].get("schema") == "marts"}
    declared = {
        row[0] for row in warehouse.execute("select distinct mart from marts.rpt_input_coverage").fetchall()
    }
    assert declared <= marts, declared - marts
    # Every analytic mart reading yearbook panels is declared.
    assert {"fct_province_openness", "fct_border_growth_gmm", "fct_port_economy_coupling",
            "fct_port_fuzzy_similarity", "fct_port_cluster_grey_relation", "fct_port_hinterland_linkage",
            "fct_border_opening_shares", "fct_openness_dispersion"} <= declared


def test_needs_command_prints_the_list_and_the_real_share(built_warehouse: Path, warehouse, capsys) -> None:
    assert cli.needs(["--db", str(built_warehouse), "--limit", "3"]) == 0
    printed = capsys.readouterr().out.splitlines()
    first = warehouse.execute(
        "select indicator_code, entity_scope from marts.rpt_data_needs where need_rank = 1").fetchone()
    assert printed[0].startswith(f" 1. {first[0]} (")
    assert f", {first[1]}, " in printed[0]
    real, cells = warehouse.execute(
        "select sum(n_real)::bigint, sum(n_cells)::bigint from marts.rpt_input_coverage").fetchone()
    assert printed[-1].startswith(
        f"real share of the analytic marts' inputs: {real / cells:.1%} ({real:,} of {cells:,}"
    )
    # The list was just printed: the last line does not send the user to the command they ran.
    assert "python -m opening_up needs" not in printed[-1]
    assert sum(line.startswith(" ") and ". " in line[:5] for line in printed) == 3
    assert cli.needs(["--db", str(built_warehouse.parent / "absent.duckdb")]) == 2


def test_each_needs_line_adds_up_and_says_what_it_counts(built_warehouse: Path, warehouse, capsys) -> None:
    """Every line's cells are its sample plus its missing cells, a range of one year is that year,
    and the marts fully real after each line grow to every analytic mart, out of the same total."""
    assert cli.needs(["--db", str(built_warehouse)]) == 0
    lines = [line for line in capsys.readouterr().out.splitlines() if re.match(r"\s*\d+\. ", line)]
    total = warehouse.execute("select count(distinct mart) from marts.rpt_input_coverage").fetchone()[0]
    after = []
    for line in lines:
        cells, sample, missing = map(lambda text: int(text.replace(",", "")), re.search(
            r": ([\d,]+) cells? \(([\d,]+) sample, ([\d,]+) missing\)", line).groups())
        assert cells == sample + missing, line
        first, last = re.search(r", (\d{4})(?:-(\d{4}))?: ", line).groups()
        assert last is None or int(first) < int(last), line
        gain = re.search(
            r"after lines? [\d-]+, (\d+) of (\d+) analytic marts fully real \((\d+) more|none more", line
        )
        if gain and gain.group(1):
            assert int(gain.group(2)) == total, line
            after.append(int(gain.group(1)))
    assert after == sorted(after)
    assert after[0] >= 0
    assert "0 more" not in "\n".join(lines)
    assert "(0 in all)" not in "\n".join(lines)
    assert " read by 1 marts" not in "\n".join(lines)


def test_one_mart_is_one_mart() -> None:
    row = {
        "need_rank": 1,
        "indicator_code": "gdp",
        "indicator_name": "地区生产总值",
        "entity_scope": "provinces",
        "first_year": 2002,
        "last_year": 2004,
        "n_cells": 1,
        "n_sample": 1,
        "n_missing": 0,
        "n_marts_needing": 1,
        "n_marts_made_fully_real": 1,
        "n_marts_fully_real_after": 1,
        "why_no_file": None,
        "table_layout": "nbs_export",
        "nbs_database": "分省年度数据",
        "nbs_menu_path": "国民经济核算 > 地区生产总值",
        "export_indicator_line": "地区生产总值(亿元)",
        "other_source": None,
    }
    text = coverage.format_needs(pd.DataFrame([row]))
    assert "1 cell (1 sample, 0 missing) read by 1 mart; after line 1" in text, text
