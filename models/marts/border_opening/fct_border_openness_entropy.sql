{#-
    A composite opening score (对外开放综合得分) of the nine land-border provinces from paper 004's
    real indicators: entropy weights pooled over every province and year, then s = sum w_j y_j.
    A province-year with a missing cell (西藏 FDI 2017-2018 printed —, 黑龙江 tourism 2020 lost)
    leaves the pool and gets no score; it is kept here with is_scored = false. REAL data.
-#}
with

wide as (

    select * from {{ ref('int_border_opening_wide') }}

),

regions as (

    select * from {{ ref('stg_reference__regions') }}

),

scored as (

    select * from {{ ref('int_border_openness_entropy') }}

),

scores as (

    select
        entity as region_code,
        cast(period as integer) as year,
        max(composite_score) as composite_score,
        count(*) as n_indicators
    from scored
    group by entity, period

),

final as (

    select
        wide.region_code,
        regions.region_short_name,
        wide.year,
        wide.trade_total,
        wide.fdi_utilised,
        wide.odi_nonfinancial,
        wide.inbound_tourists,
        wide.inbound_tourism_income,
        scores.composite_score,
        cast(case
            when scores.composite_score is not null
                then rank() over (
                    partition by wide.year, scores.composite_score is null order by scores.composite_score desc
                )
        end as bigint) as rank_in_year,
        scores.composite_score is not null as is_scored,
        false as is_sample
    from wide
    inner join regions
        on wide.region_code = regions.region_code
    left join scores
        on
            wide.region_code = scores.region_code
            and wide.year = scores.year

)

select * from final
