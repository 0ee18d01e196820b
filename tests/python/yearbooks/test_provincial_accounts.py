"""The provincial accounts 2002-2011 (data/real/provincial_accounts_2002_2011/): shipped byte for byte with
their licence and NOTICE, checked before use (five GDP figures quarantined), and what they make real:
GDP 2002-2004 of every province, the three sectors 2002-2011 of the nine land-border provinces."""

from __future__ import annotations

from conftest import PROJECT_ROOT, require_shared
from opening_up.yearbooks.provincial_accounts import PROVINCIAL_ACCOUNTS_FILE, load_provincial_accounts

FOLDER = PROVINCIAL_ACCOUNTS_FILE.parent
LAND_BORDER = ("210000", "220000", "230000", "150000", "620000", "650000", "540000", "530000", "450000")


def test_shipped_byte_for_byte_with_licence_and_notice() -> None:
    shared = require_shared("data/provincial_accounts_2002_2011")
    for name in ("provincial_accounts_2002_2011.csv", "LICENSE-Apache-2.0-echarts.txt", "NOTICE-echarts.txt"):
        assert (FOLDER / name).read_bytes() == (shared / name).read_bytes(), name
    assert "Apache License" in (FOLDER / "LICENSE-Apache-2.0-echarts.txt").read_text(encoding="utf-8")
    readme = (FOLDER / "README.md").read_text(encoding="utf-8")
    assert "timelineGDP.js" in readme
    assert "NOTICE-echarts.txt" in readme
    for document in ("README.md", "docs/data.md"):
        assert "provincial_accounts_2002_2011" in (PROJECT_ROOT / document).read_text(encoding="utf-8"), (
            document
        )


def test_loads_as_canonical_rows_without_a_vintage() -> None:
    rows = load_provincial_accounts()
    assert len(rows) == 1240
    assert rows.vintage.isna().all()
    assert not rows.is_sample.any()
    xinjiang = rows[(rows.entity_name == "新疆") & (rows.year == 2002)].set_index("indicator_name")
    assert xinjiang.value.to_dict() == {
        "地区生产总值": "1612.6",
        "第一产业增加值": "305",
        "第二产业增加值": "603.15",
        "第三产业增加值": "704.5",
    }


def test_checked_before_use(warehouse) -> None:
    quarantined = warehouse.execute(
        "select printed_entity_name, year, indicator_code, printed_value, rule from "
        "marts.rpt_quarantined_cells "
        "where source_file like 'data/real/provincial_accounts%' order by all"
    ).fetchall()
    assert quarantined == [("云南", 2005, "gdp", "3462.73", "differs_from_first_published"),
                           ("海南", 2005, "gdp", "918.75", "differs_from_first_published"),
                           ("海南", 2006, "gdp", "1065.67", "differs_from_first_published"),
                           ("甘肃", 2006, "gdp", "2277.35", "differs_from_first_published"),
                           ("甘肃", 2007, "gdp", "2703.98", "differs_from_first_published")]


def test_gdp_2002_2004_and_the_border_sectors_are_real(warehouse) -> None:
    gdp = warehouse.execute(
        "select count(*), count(*) filter (where not is_sample and source like 'provincial accounts%') "
        "from marts.fct_yearbook_observations where entity_type = 'region' and entity_code <> '000000' "
        "and indicator_code = 'gdp' and year between 2002 and 2004").fetchone()
    assert gdp == (93, 93)
    marks = ", ".join(f"'{code}'" for code in LAND_BORDER)
    sectors = warehouse.execute(
        "select indicator_code, count(*) filter (where not is_sample) from marts.fct_yearbook_observations "
        f"where entity_type = 'region' and entity_code in ({marks}) and year between 2002 and 2011 "
        "and indicator_code in ('va_secondary', 'va_tertiary') group by all order by all").fetchall()
    assert sectors == [("va_secondary", 90), ("va_tertiary", 90)]
    # Revised GDP (the portal export, the merged panel) still wins over the first-published figures from 2005.
    sources = warehouse.execute(
        "select distinct source from marts.fct_yearbook_observations where entity_type = 'region' "
        "and indicator_code = 'gdp' and year between 2006 and 2011 and entity_code <> '000000'").fetchall()
    assert sources == [("shipped NBS export: 分省年度数据.csv",)]
