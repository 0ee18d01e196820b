{#-
    Every candidate observation from every source, ranked by precedence within
    (entity, year, indicator): real before sample, then newer vintage before older
    (a paper's figure and the merged panel have no vintage and yield to a dated yearbook), then
    source_priority (1 drop folder, 2 shipped NBS exports, 3 the papers, 4 the shipped merged
    panel, 5 the shipped provincial accounts 2002-2011, 6 the national series, 7 the sample), then
    source and row. Sources: the drop folder ($OPENING_UP_YEARBOOKS), the NBS exports of
    data/real/nbs/, paper 004's tables, the merged panel of data/real/merged_panel/ (cells that pass
    int_merged_panel_checks), the provincial accounts of data/real/provincial_accounts_2002_2011/ (GDP
    and sectors as first published, below the merged panel's revised GDP; figures that pass
    int_provincial_accounts_checks), China's national series of
    data/real/national/ (World Bank WDI; years that pass int_national_series_checks): below every
    yearbook source, since a yearbook's own figure (e.g. its 人民币汇率年平均价) is the definition the
    papers use, and the sample yearbooks.
-#}
with

sample_rows as (

    select * from {{ ref('int_sample_observations') }}

),

paper_rows as (

    select * from {{ ref('int_observations_from_papers') }}

),

drop_folder_rows as (

    select * from {{ ref('int_drop_folder_observations') }}

),

shipped_export_rows as (

    select * from {{ ref('int_shipped_export_observations') }}

),

merged_panel_rows as (

    select * from {{ ref('int_merged_panel_checks') }}
    where not is_quarantined

),

provincial_accounts_rows as (

    select * from {{ ref('int_provincial_accounts_checks') }}
    where not is_quarantined

),

national_series_rows as (

    select * from {{ ref('int_national_series_checks') }}
    where not is_quarantined

),

unioned as (

    select
        {{ observation_columns() }},
        1 as source_priority
    from drop_folder_rows
    where value is not null

    union all

    select
        {{ observation_columns() }},
        2 as source_priority
    from shipped_export_rows
    where value is not null

    union all

    select
        {{ observation_columns() }},
        3 as source_priority
    from paper_rows

    union all

    select
        {{ observation_columns() }},
        4 as source_priority
    from merged_panel_rows

    union all

    select
        {{ observation_columns() }},
        5 as source_priority
    from provincial_accounts_rows

    union all

    select
        {{ observation_columns() }},
        6 as source_priority
    from national_series_rows

    union all

    select
        {{ observation_columns() }},
        7 as source_priority
    from sample_rows
    where value is not null

),

as_of as (

    -- var as_of_vintage rebuilds the marts as of a yearbook edition: later vintages are left out.
    select * from unioned
    {% if checked_var('as_of_vintage', none) is not none %}
    where vintage is null or vintage <= {{ checked_var('as_of_vintage') }}
    {% endif %}

),

ranked as (

    {{ rank_by_precedence('as_of') }}

)

select * from ranked
