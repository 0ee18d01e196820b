{#-
    Every candidate observation from every source, ranked by precedence within
    (entity, year, indicator): real before sample, then newer vintage before older
    (a paper's figure has no vintage and yields to a dated yearbook), then source and row.
    Sources: the sample yearbooks, seed 004's tables and the drop folder ($OPENING_UP_YEARBOOKS).
-#}
with

sample_rows as (

    select * from {{ ref('stg_yearbook__sample_observations') }}

),

paper_rows as (

    select * from {{ ref('int_observations_from_papers') }}

),

drop_folder_rows as (

    select * from {{ ref('stg_yearbook__drop_folder_observations') }}

),

unioned as (

    select
        entity_type,
        entity_code,
        year,
        indicator_code,
        value,
        unit,
        source,
        source_file,
        source_row,
        vintage,
        is_sample,
        printed_entity_name,
        printed_indicator_name,
        printed_unit,
        printed_value,
        conversion_factor
    from sample_rows
    where value is not null

    union all

    select
        entity_type,
        entity_code,
        year,
        indicator_code,
        value,
        unit,
        source,
        source_file,
        source_row,
        vintage,
        is_sample,
        printed_entity_name,
        printed_indicator_name,
        printed_unit,
        printed_value,
        conversion_factor
    from paper_rows

    union all

    select
        entity_type,
        entity_code,
        year,
        indicator_code,
        value,
        unit,
        source,
        source_file,
        source_row,
        vintage,
        is_sample,
        printed_entity_name,
        printed_indicator_name,
        printed_unit,
        printed_value,
        conversion_factor
    from drop_folder_rows
    where value is not null

),

as_of as (

    -- var as_of_vintage rebuilds the marts as of a yearbook edition: later vintages are left out.
    select * from unioned
    {% if var('as_of_vintage', none) is not none %}
    where vintage is null or vintage <= {{ var('as_of_vintage') }}
    {% endif %}

),

ranked as (

    select
        *,
        row_number() over (
            partition by entity_type, entity_code, year, indicator_code
            order by is_sample asc, vintage desc nulls last, source asc, source_row asc
        ) as precedence_rank,
        count(*) over (
            partition by entity_type, entity_code, year, indicator_code
        ) as n_candidates
    from as_of

)

select * from ranked
