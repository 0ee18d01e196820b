-- The contract-enforced mart of int_port_hinterland_grey_relation: dbt cannot enforce a contract on a Python model.
with int_port_hinterland_grey_relation as (

    select * from {{ ref('int_port_hinterland_grey_relation') }}

)

select
    port_code,
    prefecture_code,
    relation,
    port_indicator,
    city_indicator,
    grey_relational_grade,
    is_sample,
    grade_rank_in_pair,
    period_first_year,
    period_last_year,
    rho,
    normalize
from int_port_hinterland_grey_relation
