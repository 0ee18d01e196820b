{#-
    The λ-cuts of a fuzzy equivalence matrix hold every one of the 38 units at every level, and
    are nested: two units in one class at a level stay in one class at every lower level.
-#}
with

levels as (

    select * from {{ ref('fct_port_fuzzy_levels') }}

),

incomplete as (

    select
        basis,
        lambda_level,
        'holds ' || cast(count(distinct port_code) as string) || ' units, not 38' as problem
    from levels
    group by basis, lambda_level
    having count(distinct port_code) <> 38

),

next_levels as (

    select
        basis,
        lambda_level,
        lead(lambda_level) over (partition by basis order by lambda_level desc) as lower_level
    from (
        select distinct
            basis,
            lambda_level
        from levels
    ) as distinct_levels

),

split_pairs as (

    select
        a.basis,
        a.lambda_level,
        a.port_code || ' and ' || b.port_code || ' split below this level' as problem
    from levels as a
    inner join levels as b
        on
            a.basis = b.basis
            and a.lambda_level = b.lambda_level
            and a.cluster_id = b.cluster_id
            and a.port_code < b.port_code
    inner join next_levels
        on
            a.basis = next_levels.basis
            and a.lambda_level = next_levels.lambda_level
    inner join levels as lower_a
        on
            a.basis = lower_a.basis
            and next_levels.lower_level = lower_a.lambda_level
            and a.port_code = lower_a.port_code
    inner join levels as lower_b
        on
            b.basis = lower_b.basis
            and next_levels.lower_level = lower_b.lambda_level
            and b.port_code = lower_b.port_code
    where lower_a.cluster_id <> lower_b.cluster_id

)

select * from incomplete
union all
select * from split_pairs
