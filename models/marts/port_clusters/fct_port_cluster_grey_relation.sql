-- The contract-enforced mart of int_port_cluster_grey_relation: dbt cannot enforce a contract on a Python model.
with int_port_cluster_grey_relation as (

    select * from {{ ref('int_port_cluster_grey_relation') }}

)

select
    cluster_code,
    cluster_name,
    indicator_code,
    grade_vs_trade_value,
    grade_vs_freight,
    grade_vs_persons,
    grey_relational_grade,
    grade_rank,
    n_ports,
    n_prefectures,
    is_sample,
    period_first_year,
    period_last_year,
    rho,
    normalize
from int_port_cluster_grey_relation
