-- The contract-enforced mart of int_port_fuzzy_similarity: dbt cannot enforce a contract on a Python model.
with int_port_fuzzy_similarity as (

    select * from {{ ref('int_port_fuzzy_similarity') }}

)

select
    basis,
    standardize_method,
    similarity_method,
    port_code_a,
    port_code_b,
    similarity,
    closure,
    is_sample
from int_port_fuzzy_similarity
