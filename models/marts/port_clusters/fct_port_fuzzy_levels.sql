-- The contract-enforced mart of int_port_fuzzy_levels: dbt cannot enforce a contract on a Python model.
with int_port_fuzzy_levels as (

    select * from {{ ref('int_port_fuzzy_levels') }}

)

select
    basis,
    standardize_method,
    similarity_method,
    lambda_level,
    n_clusters,
    port_code,
    cluster_id,
    is_sample
from int_port_fuzzy_levels
