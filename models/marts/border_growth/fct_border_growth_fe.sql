-- The contract-enforced mart of int_border_growth_fe: dbt cannot enforce a contract on a Python model.
with int_border_growth_fe as (

    select * from {{ ref('int_border_growth_fe') }}

)

select
    dependent_variable,
    period_label,
    period_start,
    period_end,
    term,
    coefficient,
    std_error,
    t_value,
    p_value,
    n_obs,
    n_groups,
    r_squared_within,
    is_sample
from int_border_growth_fe
