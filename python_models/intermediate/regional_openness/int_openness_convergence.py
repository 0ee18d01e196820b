"""β-convergence (β收敛) of the openness indices: absolute and conditional, per grouping and period."""

from opening_up.measures.regional_openness import convergence_table, periods_from_meta


def model(dbt, session):
    dbt.config(materialized="table")
    inputs = dbt.ref("int_openness_measure_inputs").df()
    region_groups = dbt.ref("int_openness_region_groups").df()
    return convergence_table(inputs, region_groups, periods_from_meta(dbt.config.get("meta"), inputs))
