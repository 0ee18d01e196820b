-- The contract-enforced mart of int_port_fuzzy_tree: dbt cannot enforce a contract on a Python model.
with int_port_fuzzy_tree as (

    select * from {{ ref('int_port_fuzzy_tree') }}

)

select
    basis,
    standardize_method,
    similarity_method,
    merge_step,
    lambda_level,
    cluster_a,
    cluster_b,
    new_cluster,
    n_members,
    member_codes,
    member_names,
    is_sample
from int_port_fuzzy_tree
