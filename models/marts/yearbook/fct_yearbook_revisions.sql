{#-
    Every real figure that a later yearbook vintage revised: the old and new vintage, value and
    source, and the change (e.g. GDP 1992-2023 after the fifth economic census).
-#}
with

candidates as (

    select * from {{ ref('int_observations_unioned') }}
    where
        not is_sample
        and vintage is not null

),

by_vintage as (

    select
        entity_type,
        entity_code,
        year,
        indicator_code,
        vintage,
        max(value) as value,
        max(unit) as unit,
        max(source) as source
    from candidates
    group by entity_type, entity_code, year, indicator_code, vintage

),

paired as (

    select
        *,
        lag(vintage) over key_vintages as old_vintage,
        lag(value) over key_vintages as old_value,
        lag(source) over key_vintages as old_source
    from by_vintage
    window key_vintages as (partition by entity_type, entity_code, year, indicator_code order by vintage)

),

final as (

    select
        entity_type,
        entity_code,
        year,
        indicator_code,
        unit,
        old_vintage,
        vintage as new_vintage,
        old_value,
        value as new_value,
        value - old_value as change,
        100 * (value / nullif(old_value, 0) - 1) as change_pct,
        old_source,
        source as new_source
    from paired
    where
        old_vintage is not null
        and value <> old_value

)

select * from final
