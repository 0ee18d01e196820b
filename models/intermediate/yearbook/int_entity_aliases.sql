{#-
    Every spelling of a region, prefecture or port the reference seeds know, with its code: what
    resolve_yearbook_rows matches printed names against.
-#}
with

region_aliases as (

    select * from {{ ref('stg_reference__region_aliases') }}

),

prefecture_aliases as (

    select * from {{ ref('stg_reference__prefecture_aliases') }}

),

port_aliases as (

    select * from {{ ref('stg_reference__port_aliases') }}

),

unioned as (

    select
        'region' as entity_type,
        region_alias as entity_alias,
        region_code as entity_code
    from region_aliases

    union all

    select
        'prefecture' as entity_type,
        prefecture_alias as entity_alias,
        prefecture_code as entity_code
    from prefecture_aliases

    union all

    select
        'port' as entity_type,
        port_alias as entity_alias,
        port_code as entity_code
    from port_aliases

)

select * from unioned
