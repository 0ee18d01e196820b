{{ config(severity='warn') }}

{#-
    λ-cuts of a fuzzy equivalence matrix are nested: two ports in one class at a level stay in one
    class at every lower level. Lists the pairs of paper 000's printed partitions that break this
    (防城港 leaves 钦州 and 北海港 at λ = 0.3).
-#}

with

members as (

    select * from {{ ref('fct_published_port_fuzzy_partitions') }}

),

pairs as (

    select
        a.lambda_level,
        a.port_name_printed as port_a,
        b.port_name_printed as port_b
    from members as a
    inner join members as b
        on
            a.lambda_level = b.lambda_level
            and a.group_no = b.group_no
            and a.port_name_printed < b.port_name_printed

),

canonical_pairs as (

    -- The paper spells 钦州 two ways (钦州口岸, 钦州港口岸).
    select
        lambda_level,
        replace(port_a, '钦州港口岸', '钦州口岸') as port_a,
        replace(port_b, '钦州港口岸', '钦州口岸') as port_b
    from pairs

),

levels as (

    select distinct lambda_level from members

)

select
    canonical_pairs.lambda_level as joined_at,
    levels.lambda_level as separated_at,
    canonical_pairs.port_a,
    canonical_pairs.port_b
from canonical_pairs
inner join levels
    on canonical_pairs.lambda_level > levels.lambda_level
where not exists (
    select 1
    from canonical_pairs as lower_pairs
    where
        lower_pairs.lambda_level = levels.lambda_level
        and least(lower_pairs.port_a, lower_pairs.port_b) = least(canonical_pairs.port_a, canonical_pairs.port_b)
        and greatest(lower_pairs.port_a, lower_pairs.port_b) = greatest(canonical_pairs.port_a, canonical_pairs.port_b)
)
