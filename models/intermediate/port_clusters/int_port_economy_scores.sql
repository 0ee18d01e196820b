{#-
    Paper 000's composite scores: with int_port_economy_entropy's weights (pooled over the eight
    indicators of both provinces and every year, Table 4), u = sum of w_j y_j over each province's
    four indicators (Table 5).
-#}
with

scored as (

    select * from {{ ref('int_port_economy_entropy') }}

),

systems as (

    select * from {{ ref('int_port_economy_systems') }}

),

by_year as (

    select
        cast(entity as integer) as year,
        sum(case when indicator_group = 'gx' then weighted_value end) as score_guangxi_u1,
        sum(case when indicator_group = 'yn' then weighted_value end) as score_yunnan_u2
    from scored
    group by entity

),

final as (

    select
        by_year.year,
        by_year.score_guangxi_u1,
        by_year.score_yunnan_u2,
        systems.is_sample
    from by_year
    inner join systems
        on by_year.year = systems.year

)

select * from final
