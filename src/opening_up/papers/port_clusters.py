"""Paper 000's port analyses on the warehouse's panels (fuzzy clustering of the ports, grey relation
of the port clusters and their local economies): the data shaping behind the dbt Python models of
models/intermediate/port_clusters (which stay thin), calling `opening_up.methods.fuzzy` and `.grey`.
The indicator series, period and grey settings are shared with `opening_up.papers.inner_mongolia_ports`.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from opening_up.methods import fuzzy, grey

# Paper 000's six clustering indicators (its Table 1 and section 三(一)).
FUZZY_INDICATORS = {
    "import_freight": "port_import_freight",
    "export_freight": "port_export_freight",
    "inbound_persons": "port_inbound_persons",
    "outbound_persons": "port_outbound_persons",
    "vehicles": "port_vehicles",
    "trade_value": ("port_import_value", "port_export_value"),
}
# Paper 000 Table 2: the port-cluster references X1-X3 and the local-economy comparisons Y1-Y6.
PORT_REFERENCES = {
    "trade_value": ("port_import_value", "port_export_value"),
    "freight": ("port_import_freight", "port_export_freight"),
    "persons": ("port_inbound_persons", "port_outbound_persons"),
}
LOCAL_ECONOMY = ["gdp", "va_primary", "va_secondary", "va_tertiary", "fixed_asset_investment", "retail_sales"]


def _indicator(panel: pd.DataFrame, source: str | tuple[str, ...]) -> pd.Series:
    """One indicator of the panel; a tuple is the sum of its columns (e.g. imports + exports)."""
    if isinstance(source, tuple):
        return panel[list(source)].sum(axis=1, min_count=len(source))
    return panel[source]


def uses_sample(panel: pd.DataFrame, code_column: str, codes: list[str] | pd.Series | np.ndarray,
                 years: list[int]) -> bool:
    """Whether any panel row of these entities in these years is sample data (a derived figure is
    sample when any input it used is)."""
    used = panel[code_column].isin(codes) & panel.year.isin(years)
    return bool(panel.loc[used, "is_sample"].any())


def fuzzy_inputs(port_panel: pd.DataFrame, ports: pd.DataFrame, years: list[int]) -> pd.DataFrame:
    """The 38 evaluation units x six indicators, averaged over `years` (one year or a period)."""
    units = ports[ports.evaluation_unit.notna()].sort_values("evaluation_unit")
    rows = port_panel[port_panel.year.isin(years)]
    wide = pd.DataFrame({name: _indicator(rows, source) for name, source in FUZZY_INDICATORS.items()})
    wide["port_code"] = rows.port_code.to_numpy()
    means = wide.groupby("port_code").mean().reindex(units.port_code)
    complete = wide.groupby("port_code").count().reindex(units.port_code).fillna(0)
    missing = complete.index[(complete < len(years)).any(axis=1)]
    if len(missing):
        raise ValueError(f"ports without every indicator in {years[0]}-{years[-1]}: {', '.join(missing)}")
    return means


def fuzzy_similarity(port_panel: pd.DataFrame, ports: pd.DataFrame, bases: dict[str, list[int]],
                     standardize: str, similarity: str, similarity_params: dict) -> pd.DataFrame:
    """Paper 000 section 三(一): R and its transitive closure t(R) of the 38 units for each basis (a
    year or a mean), one row per pair; the only place the closure is computed."""
    tables = []
    for basis, years in bases.items():
        inputs = fuzzy_inputs(port_panel, ports, years)
        codes = inputs.index.to_numpy()
        R = fuzzy.similarity_matrix(fuzzy.standardize(inputs.to_numpy(), standardize), similarity,
                                    **similarity_params)
        closure = fuzzy.transitive_closure(R)
        a, b = np.meshgrid(np.arange(len(codes)), np.arange(len(codes)), indexing="ij")
        tables.append(pd.DataFrame({
            "basis": basis, "standardize_method": standardize, "similarity_method": similarity,
            "port_code_a": codes[a.ravel()], "port_code_b": codes[b.ravel()], "similarity": R.ravel(),
            "closure": closure.ravel(), "is_sample": uses_sample(port_panel, "port_code", codes, years)}))
    return pd.concat(tables, ignore_index=True)


def closure_matrices(similarity: pd.DataFrame) -> dict[str, tuple[np.ndarray, np.ndarray]]:
    """{basis: (unit codes, t(R))} read back from fuzzy_similarity's pairs."""
    matrices = {}
    for basis, pairs in similarity.groupby("basis", sort=False):
        # The units in fuzzy_similarity's order (evaluation unit X1 … X38), which the tree's leaves follow.
        codes = pd.unique(pairs.port_code_a)
        square = pairs.pivot(index="port_code_a", columns="port_code_b", values="closure").reindex(
            index=codes, columns=codes)
        matrices[basis] = (codes, square.to_numpy())
    return matrices


def fuzzy_partitions(similarity: pd.DataFrame, ports: pd.DataFrame) -> dict[str, pd.DataFrame]:
    """The partition at every λ of t(R) and the merge table of the dynamic clustering tree (paper 000
    Figure 2), for each basis of fuzzy_similarity's closure."""
    names = ports.set_index("port_code").port_name
    settings = similarity.groupby("basis", sort=False)[
        ["standardize_method", "similarity_method", "is_sample"]
    ].first()
    levels, trees = [], []
    for basis, (codes, closure) in closure_matrices(similarity).items():
        cuts = fuzzy.lambda_cuts(closure)
        for level, classes in cuts.levels:
            labels = {member: number for number, cls in enumerate(classes, 1) for member in cls}
            levels.append(pd.DataFrame({
                "basis": basis, "lambda_level": level, "n_clusters": len(classes), "port_code": codes,
                "cluster_id": [labels[i] for i in range(len(codes))]}))
        tree = cuts.merges.assign(basis=basis, merge_step=np.arange(1, len(cuts.merges) + 1))
        tree["n_members"] = tree.members.map(len)
        tree["member_codes"] = [", ".join(codes[i] for i in m) for m in tree.members]
        tree["member_names"] = ["、".join(names[codes[i]] for i in m) for m in tree.members]
        trees.append(tree[["basis", "merge_step", "lambda_level", "cluster_a", "cluster_b", "new_cluster",
                           "n_members", "member_codes", "member_names"]])
    frames = {"levels": pd.concat(levels, ignore_index=True), "tree": pd.concat(trees, ignore_index=True)}
    for frame in frames.values():
        frame.insert(1, "standardize_method", frame.basis.map(settings.standardize_method))
        frame.insert(2, "similarity_method", frame.basis.map(settings.similarity_method))
        frame["is_sample"] = frame.basis.map(settings.is_sample)
    return frames


def indicator_series(frame: pd.DataFrame, sources: dict, years: list[int]) -> pd.DataFrame:
    """Each named indicator of `sources` summed over the frame's entities per year, on `years`."""
    totals = pd.DataFrame({name: _indicator(frame, source) for name, source in sources.items()})
    totals["year"] = frame.year.to_numpy()
    return totals.groupby("year").sum(min_count=1).reindex(years)


def cluster_grey_relation(port_panel: pd.DataFrame, prefecture_panel: pd.DataFrame, ports: pd.DataFrame,
                          years: list[int], rho: float, normalize: str | None,
                          count_duplicate_units: bool = False) -> pd.DataFrame:
    """Paper 000 Table 3's shape: per cluster, the grade of each local-economy indicator (its prefectures
    summed) against each port-cluster reference (its ports summed, each physical port once unless
    count_duplicate_units: 北海港 and 河口 are printed twice among the 38 units), their mean and its rank."""
    if not count_duplicate_units:
        ports = ports[ports.port_code == ports.physical_port_code]
    rows = []
    for (cluster_code, cluster_name), members in ports.dropna(subset=["cluster_code"]).groupby(
            ["cluster_code", "cluster_name"]):
        reference = indicator_series(
            port_panel[port_panel.port_code.isin(members.port_code)], PORT_REFERENCES, years
        )
        local = indicator_series(
            prefecture_panel[prefecture_panel.prefecture_code.isin(members.prefecture_code.dropna())],
            {name: name for name in LOCAL_ECONOMY},
            years,
        )
        for frame, what in ((reference, "port references"), (local, "local economy")):
            if frame.isna().any().any():
                raise ValueError(f"cluster {cluster_code}: {what} incomplete in {years[0]}-{years[-1]}")
        grades = grey.grey_relational_grades(
            reference.to_numpy(), local.to_numpy(), rho=rho, normalize=normalize
        )
        table = pd.DataFrame(grades, columns=[f"grade_vs_{name}" for name in PORT_REFERENCES])
        table.insert(0, "indicator_code", LOCAL_ECONOMY)
        table.insert(0, "cluster_name", cluster_name)
        table.insert(0, "cluster_code", cluster_code)
        table["grey_relational_grade"] = grades.mean(axis=1)
        table["grade_rank"] = table.grey_relational_grade.rank(ascending=False, method="min").astype(int)
        table["n_ports"] = len(members)
        table["n_prefectures"] = members.prefecture_code.nunique()
        table["is_sample"] = uses_sample(port_panel, "port_code", members.port_code, years) or uses_sample(
            prefecture_panel, "prefecture_code", members.prefecture_code, years
        )
        rows.append(table)
    result = pd.concat(rows, ignore_index=True)
    result["period_first_year"], result["period_last_year"] = years[0], years[-1]
    result["rho"], result["normalize"] = rho, normalize or "none"
    return result


def period_years(meta: dict, prefix: str) -> list[int]:
    """The years of the var `<prefix>_years` ({first_year, last_year}) as meta carries it."""
    return list(range(int(meta[f"{prefix}_first_year"]), int(meta[f"{prefix}_last_year"]) + 1))


def grey_settings(meta: dict) -> dict:
    """ρ and the normalisation of the grey relation (vars grey_rho, grey_normalize) from meta."""
    normalize = meta["grey_normalize"]
    return {
        "rho": float(meta["grey_rho"]),
        "normalize": None if normalize in ("none", "None", "") else normalize,
    }


def settings_from_meta(meta: dict) -> dict:
    """Paper 000's vars as its Python models receive them (strings in `meta`,
    models/intermediate/port_clusters/): the fuzzy bases and methods, the grey period and
    settings, and whether duplicate port units count twice."""
    import ast

    mean_years = period_years(meta, "fuzzy_mean")
    return {
        "fuzzy_bases": {f"year {int(meta['fuzzy_year'])}": [int(meta["fuzzy_year"])],
                        f"mean {mean_years[0]}-{mean_years[-1]}": mean_years},
        "standardize": meta["fuzzy_standardize_method"],
        "similarity": meta["fuzzy_similarity_method"],
        "similarity_params": ast.literal_eval(meta["fuzzy_similarity_params"] or "{}"),
        "grey_years": period_years(meta, "grey"),
        **grey_settings(meta),
        "count_duplicate_units": str(meta["count_duplicate_port_units"]).lower() == "true",
    }
