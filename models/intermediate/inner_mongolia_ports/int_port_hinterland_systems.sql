{#-
    The port and hinterland systems of paper 002's ports (this project's extension of paper 000's
    methods; paper 002 has no such analysis): for each Inner Mongolia port and hinterland city
    (ref_port_hinterlands) and year (var hinterland_years), the port's trade (亿美元), freight
    (万吨) and persons (万人次), and the city's GDP, secondary and tertiary value added,
    fixed-asset investment and retail sales (亿元).
-#}
{%- set years = checked_var('hinterland_years') -%}
with

pairs as (

    select * from {{ ref('stg_reference__port_hinterlands') }}

),

port_panel as (

    select * from {{ ref('int_port_panel') }}

),

prefecture_panel as (

    select * from {{ ref('int_prefecture_panel') }}

),

systems as (

    select
        pairs.port_code || '|' || pairs.prefecture_code as pair_id,
        pairs.port_code,
        pairs.prefecture_code,
        pairs.relation,
        port_panel.year,
        port_panel.port_import_value + port_panel.port_export_value as port_trade_value,
        port_panel.port_import_freight + port_panel.port_export_freight as port_freight,
        port_panel.port_inbound_persons + port_panel.port_outbound_persons as port_persons,
        prefecture_panel.gdp as city_gdp,
        prefecture_panel.va_secondary as city_va_secondary,
        prefecture_panel.va_tertiary as city_va_tertiary,
        prefecture_panel.fixed_asset_investment as city_fixed_asset_investment,
        prefecture_panel.retail_sales as city_retail_sales,
        port_panel.is_sample or prefecture_panel.is_sample as is_sample
    from pairs
    inner join port_panel
        on pairs.port_code = port_panel.port_code
    inner join prefecture_panel
        on
            pairs.prefecture_code = prefecture_panel.prefecture_code
            and port_panel.year = prefecture_panel.year
    where port_panel.year between {{ years.first_year }} and {{ years.last_year }}

)

select * from systems
