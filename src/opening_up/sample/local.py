"""The sample's local units: prefectures (2006-2022, in 亿元) and ports (2006-2022, in 亿美元, 万吨,
万人次, 万辆次), calibrated to the magnitudes below (sample calibration, not data). Part of
opening_up.sample; every row it yields is marked as sample there."""

from __future__ import annotations

import numpy as np
import pandas as pd

from opening_up.sample.paths import shock, walk

LOCAL_YEARS = np.arange(2006, 2023)
# A province's evaluation-unit ports carry at most this share of its total trade (sample calibration).
PORT_TRADE_SHARE_CAP = 0.9
PREFECTURE_GDP_2018 = {
    "150100": 2900, "150200": 2950, "150900": 900, "150700": 1200, "152500": 800,
    "450100": 4000, "450200": 3000, "450300": 2000, "450400": 1100,
    "450500": 1200, "450600": 700, "450700": 1200, "450800": 1100, "451000": 1100, "451400": 750,
    "530100": 5200, "530500": 1000, "530700": 350, "530800": 700, "530900": 700, "532500": 1600,
    "532600": 900, "532800": 400, "533100": 400, "533300": 170,
}
# Port scale around 2018: trade 亿美元, freight 万吨, persons 万人次, import share (sample calibration).
PORT_SCALE = {
    "gx_fangchenggang": (150, 8000, 5, 0.75), "gx_qinzhou": (120, 6000, 3, 0.7),
    "gx_beihai": (50, 2500, 8, 0.6), "gx_youyiguan": (150, 400, 300, 0.45),
    "gx_pingxiang": (100, 120, 30, 0.5), "gx_dongxing": (60, 150, 1000, 0.5),
    "yn_ruili": (60, 300, 1700, 0.45), "yn_hekou": (25, 300, 400, 0.55),
    "yn_mohan": (30, 200, 150, 0.5), "yn_kunming": (40, 5, 250, 0.5),
    "nm_manzhouli": (80, 3000, 150, 0.8), "nm_erenhot": (50, 1500, 250, 0.75),
    "gx_wuzhou": (10, 300, 1, 0.4), "gx_guigang": (8, 200, 1, 0.5), "gx_liuzhou": (3, 30, 1, 0.5),
    "gx_guilin": (2, 1, 80, 0.5), "gx_nanning": (5, 2, 60, 0.5), "yn_xishuangbanna": (1, 0.5, 30, 0.5),
    "yn_lijiang": (0.5, 0.3, 20, 0.5), "yn_jinghong": (3, 20, 5, 0.5), "yn_mangshi": (0.5, 0.2, 15, 0.5),
}


def prefecture_series(prefectures: pd.DataFrame, rng: np.random.Generator) -> pd.DataFrame:
    """Wide prefecture-year sample panel, 2006-2022, in 亿元."""
    years = LOCAL_YEARS
    n = len(years)
    growth = np.where(years <= 2012, 0.13, 0.075)
    rows = []
    for code in prefectures.prefecture_code:
        base = PREFECTURE_GDP_2018[code]
        log_level = np.cumsum(np.r_[0.0, growth[1:] + 0.02 * rng.standard_normal(n - 1)])
        gdp = base * np.exp(log_level - log_level[years == 2018]) * shock(years, 0.04, 0.05, 0.9)
        t = (years - years[0]) / (years[-1] - years[0])
        primary = (gdp * np.clip(0.28 - 0.1 * t + 0.01 * rng.standard_normal(n), 0.03, 0.5)).round(2)
        secondary = (gdp * np.clip(0.40 - 0.05 * t + 0.015 * rng.standard_normal(n), 0.15, 0.6)).round(2)
        gdp_r = gdp.round(2)
        rows.append(
            pd.DataFrame(
                {
                    "prefecture_code": code,
                    "year": years,
                    "gdp": gdp_r,
                    "va_primary": primary,
                    "va_secondary": secondary,
                    "va_tertiary": (gdp_r - primary - secondary).round(2),
                    "fixed_asset_investment": (
                        gdp * np.clip(0.6 + 0.4 * t + 0.05 * rng.standard_normal(n), 0.2, 1.5)
                    ).round(2),
                    "retail_sales": (gdp * np.clip(0.33 + 0.03 * rng.standard_normal(n), 0.2, 0.5)).round(2),
                }
            )
        )
    return pd.concat(rows, ignore_index=True)


def port_series(ports: pd.DataFrame, province_trade: pd.DataFrame, rng: np.random.Generator) -> pd.DataFrame:
    """Wide port-year sample panel, 2006-2022, in canonical units (亿美元, 万吨, 万人次, 万辆次): PORT_SCALE
    gives each port's 2018 level; a unit printed twice repeats its physical port; each province's ports
    carry at most PORT_TRADE_SHARE_CAP of its trade (province_trade: year x region_code, 亿美元)."""
    years = LOCAL_YEARS
    n = len(years)
    rows = []
    for port in ports[ports.port_code == ports.physical_port_code].itertuples():
        mode = port.port_mode if isinstance(port.port_mode, str) else "road"
        trade, freight, persons, import_share = PORT_SCALE.get(
            port.port_code, tuple(np.exp(rng.uniform(np.log(lo), np.log(hi))) for lo, hi in
                                  ((0.5, 8), (5, 60), (3, 80))) + (0.5,))
        path = walk(rng, n, 0.09, 0.08)
        trend = np.exp(path - path[years == 2018])
        value = trade * trend * shock(years, 0.15, 0.1, 0.8)
        tons = freight * trend * np.exp(0.05 * rng.standard_normal(n)) * shock(years, 0.1, 0.15, 0.7)
        people = persons * trend * np.exp(0.05 * rng.standard_normal(n)) * shock(years, 0.05, 0.9, 0.3)
        vehicles = {"road": people / 8, "rail": tons / 60, "sea": tons / 3000, "river": tons / 500,
                    "air": people / 120}[mode] * np.exp(0.05 * rng.standard_normal(n))
        split = np.clip(import_share + 0.03 * rng.standard_normal(n), 0.05, 0.95)
        inbound = np.clip(0.5 + 0.02 * rng.standard_normal(n), 0.3, 0.7)
        rows.append(pd.DataFrame({
            "port_code": port.port_code, "year": years,
            "port_import_value": value * split, "port_export_value": value * (1 - split),
            "port_import_freight": tons * split, "port_export_freight": tons * (1 - split),
            "port_inbound_persons": people * inbound, "port_outbound_persons": people * (1 - inbound),
            "port_vehicles": vehicles,
        }))
    panel = _cap_port_trade(pd.concat(rows, ignore_index=True), ports, province_trade)
    twins = ports[ports.port_code != ports.physical_port_code]
    copies = [panel[panel.port_code == twin.physical_port_code].assign(port_code=twin.port_code)
              for twin in twins.itertuples()]
    return pd.concat([panel, *copies], ignore_index=True)


def _cap_port_trade(panel: pd.DataFrame, ports: pd.DataFrame, province_trade: pd.DataFrame) -> pd.DataFrame:
    """Scale each province's port trade by one factor so that in no year its ports exceed
    PORT_TRADE_SHARE_CAP of the province's total trade."""
    region = panel.port_code.map(ports.set_index("port_code").region_code)
    value = panel.port_import_value + panel.port_export_value
    port_sum = value.groupby([region, panel.year]).sum().unstack(0)
    limit = PORT_TRADE_SHARE_CAP * province_trade.reindex(index=port_sum.index, columns=port_sum.columns)
    factor = (limit / port_sum).min().clip(upper=1.0)
    scale = region.map(factor).fillna(1.0)
    return panel.assign(port_import_value=panel.port_import_value * scale,
                        port_export_value=panel.port_export_value * scale)
