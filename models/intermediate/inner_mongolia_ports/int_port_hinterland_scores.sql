{#-
    Entropy-weighted scores of each port system (trade, freight, persons) and each hinterland-city
    system (GDP, secondary, tertiary, fixed-asset investment, retail sales), the weights of each
    system pooled over the years of its port-city pair.
-#}
with

systems as (

    select * from {{ ref('int_port_hinterland_systems') }}

),

port_scores as (

    {{ entropy_scores(
        ref('int_port_hinterland_systems'),
        entity_column='year',
        period_column='pair_id',
        indicators=[
            {'name': 'port_trade_value', 'type': 'benefit'},
            {'name': 'port_freight', 'type': 'benefit'},
            {'name': 'port_persons', 'type': 'benefit'}
        ],
        pooling='period'
    ) }}

),

city_scores as (

    {{ entropy_scores(
        ref('int_port_hinterland_systems'),
        entity_column='year',
        period_column='pair_id',
        indicators=[
            {'name': 'city_gdp', 'type': 'benefit'},
            {'name': 'city_va_secondary', 'type': 'benefit'},
            {'name': 'city_va_tertiary', 'type': 'benefit'},
            {'name': 'city_fixed_asset_investment', 'type': 'benefit'},
            {'name': 'city_retail_sales', 'type': 'benefit'}
        ],
        pooling='period'
    ) }}

),

port_by_year as (

    select distinct
        period as pair_id,
        cast(entity as integer) as year,
        composite_score as port_score
    from port_scores

),

city_by_year as (

    select distinct
        period as pair_id,
        cast(entity as integer) as year,
        composite_score as city_score
    from city_scores

),

final as (

    select
        systems.pair_id,
        systems.port_code,
        systems.prefecture_code,
        systems.relation,
        systems.year,
        port_by_year.port_score,
        city_by_year.city_score,
        systems.is_sample
    from systems
    inner join port_by_year
        on
            systems.pair_id = port_by_year.pair_id
            and systems.year = port_by_year.year
    inner join city_by_year
        on
            systems.pair_id = city_by_year.pair_id
            and systems.year = city_by_year.year

)

select * from final
