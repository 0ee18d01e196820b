{#-
    Series of NBS exports (drop folder and shipped) and of the national series file whose indicator
    has no project code: left out by resolve_yearbook_rows, listed here (and in the refresh's log) so
    that nothing is dropped unseen.
-#}
with

loaded as (

    select * from {{ ref('stg_yearbook__drop_folder_rows') }}
    union all
    select * from {{ ref('stg_yearbook__shipped_export_rows') }}
    union all
    select * from {{ ref('stg_yearbook__national_series_rows') }}

),

indicator_aliases as (

    select * from {{ ref('stg_reference__indicator_aliases') }}

),

unmapped as (

    select
        loaded.source_file,
        trim(loaded.indicator_name) as printed_indicator_name,
        trim(loaded.unit) as printed_unit,
        count(*) as n_cells
    from loaded
    left join indicator_aliases
        on trim(loaded.indicator_name) = indicator_aliases.indicator_alias
    where loaded.source_format in ('nbs_export', 'national_series') and indicator_aliases.indicator_alias is null
    group by loaded.source_file, trim(loaded.indicator_name), trim(loaded.unit)

)

select * from unmapped
