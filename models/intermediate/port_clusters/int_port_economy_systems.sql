{#-
    Paper 000's two port-economy systems (口岸经济系统), one row per year (var port_economy_years),
    one column per province and indicator, as its Table 4 pools them:
    trade = imports + exports of the province's evaluation-unit ports (亿美元; each physical port once
    unless var count_duplicate_port_units), foreign investment =
    the province's utilised FDI (亿美元), freight = import + export freight of its ports (万吨),
    persons = inbound + outbound persons of its ports (万人次, standing for 出入境旅游人数).
-#}
{%- set years = checked_var('port_economy_years') -%}
with

ports as (

    select * from {{ ref('stg_reference__ports') }}
    where
        evaluation_unit is not null
        -- Each physical port once (北海港 X3/X12 and 河口 X24/X37 are printed twice); the var restores the 38 units.
        and ({{ checked_var('count_duplicate_port_units') }} or port_code = physical_port_code)

),

port_panel as (

    select * from {{ ref('int_port_panel') }}

),

province_panel as (

    select * from {{ ref('int_province_panel') }}

),

port_totals as (

    select
        ports.region_code,
        port_panel.year,
        sum(port_panel.port_import_value + port_panel.port_export_value) as port_trade_value,
        sum(port_panel.port_import_freight + port_panel.port_export_freight) as port_freight,
        sum(port_panel.port_inbound_persons + port_panel.port_outbound_persons) as port_persons,
        bool_or(port_panel.is_sample) as is_sample
    from port_panel
    inner join ports
        on port_panel.port_code = ports.port_code
    where
        ports.region_code in ('450000', '530000')
        and port_panel.year between {{ years.first_year }} and {{ years.last_year }}
    group by ports.region_code, port_panel.year

),

systems as (

    select
        port_totals.year,
        max(case when port_totals.region_code = '450000' then port_totals.port_trade_value end) as gx_port_trade_value,
        max(case when port_totals.region_code = '450000' then province_panel.fdi_utilised end) as gx_foreign_investment,
        max(case when port_totals.region_code = '450000' then port_totals.port_freight end) as gx_port_freight,
        max(case when port_totals.region_code = '450000' then port_totals.port_persons end) as gx_port_persons,
        max(case when port_totals.region_code = '530000' then port_totals.port_trade_value end) as yn_port_trade_value,
        max(case when port_totals.region_code = '530000' then province_panel.fdi_utilised end) as yn_foreign_investment,
        max(case when port_totals.region_code = '530000' then port_totals.port_freight end) as yn_port_freight,
        max(case when port_totals.region_code = '530000' then port_totals.port_persons end) as yn_port_persons,
        bool_or(port_totals.is_sample or province_panel.is_sample) as is_sample
    from port_totals
    inner join province_panel
        on
            port_totals.region_code = province_panel.region_code
            and port_totals.year = province_panel.year
    group by port_totals.year

)

select * from systems
