{#-
    Resolves raw yearbook rows (entity and indicator names as printed, units as printed, values as
    text) to the canonical observation form: entity_code through the alias seeds, indicator_code
    through the indicator aliases, value converted to the indicator's canonical unit.

    An unknown entity, indicator or unit, an indicator of another kind of entity (ref_indicators.
    entity_types: 口岸出口总额 is a port's, not a province's), a value that is not a finite number, a
    negative value of a non-negative indicator, or a value outside its indicator's plausible range (ref_indicators:
    plausible_min, plausible_max, in the canonical unit) stops the build with a message naming the
    file, the row and the offending value (the macro raise_error: DuckDB's error(), Spark's raise_error()), so that nothing is silently
    dropped. This is the one check of names, units and ranges; the loaders (before dbt) check the
    files' layout and read each printed number strictly (opening_up.yearbooks.printed).

    Rows of NBS exports and of the national series (source_format 'nbs_export', 'national_series')
    whose indicator has no project code are not errors but left out: an export may hold series the
    project does not use (int_unmapped_export_indicators lists them).

    The models that call it (int_<source>_observations) pass every relation it reads, so their refs
    are visible: `raw_relation`, the rows as loaded (a staging model: stg_yearbook__<source>_rows),
    `entity_aliases` (int_entity_aliases: entity_type, entity_alias, entity_code), `indicator_aliases`
    (int_indicator_aliases: each alias with its indicator's canonical unit and range rules) and
    `unit_conversions` (stg_reference__unit_conversions).
    raw_relation needs: source_row, entity_type, entity_name, year, indicator_name, unit, value,
    vintage, source, is_sample; and, when the `source_file` argument is not given (the raw tables
    of the loaded files: the drop folder, the shipped exports, the merged panel), source_file,
    source_cell and source_format.
    Errors name a seed's rows as "file, row N" and a loaded file's cells as "file, line N, cell X".
-#}
{% macro resolve_yearbook_rows(raw_relation, entity_aliases, indicator_aliases, unit_conversions, source_file=none) %}
{%- if source_file is not none -%}
    {%- set file_sql = "'" ~ source_file ~ "'" -%}
    {%- set where_sql = file_sql ~ " || ', row ' || cast(raw_rows.source_row as string)" -%}
    {%- set entity_where_sql, indicator_where_sql, unit_where_sql = where_sql, where_sql, where_sql -%}
{%- else -%}
    {%- set file_sql = 'raw_rows.source_file' -%}
    {%- set where_sql = "raw_rows.source_file || ', line ' || cast(raw_rows.source_row as string) || ', cell ' || raw_rows.source_cell" -%}
    {%- set entity_where_sql = "raw_rows.source_file || ', ' || raw_rows.entity_location" -%}
    {%- set indicator_where_sql = "raw_rows.source_file || ', ' || raw_rows.indicator_location" -%}
    {%- set unit_where_sql = "raw_rows.source_file || ', ' || raw_rows.unit_location" -%}
{%- endif -%}

with

raw_rows as (

    select * from {{ raw_relation }}

),

entity_aliases as (

    select * from {{ entity_aliases }}

),

indicators as (

    select * from {{ indicator_aliases }}

),

units as (

    select * from {{ unit_conversions }}

),

joined as (

    select
        raw_rows.source_row,
        raw_rows.entity_type,
        trim(raw_rows.entity_name) as printed_entity_name,
        raw_rows.year,
        trim(raw_rows.indicator_name) as printed_indicator_name,
        trim(raw_rows.unit) as printed_unit,
        trim(raw_rows.value) as printed_value,
        raw_rows.vintage,
        raw_rows.source,
        raw_rows.is_sample,
        entity_aliases.entity_code,
        indicators.indicator_code,
        indicators.canonical_unit,
        indicators.is_non_negative,
        indicators.plausible_min,
        indicators.plausible_max,
        indicators.entity_types as indicator_entity_types,
        units.factor as conversion_factor,
        try_cast(replace(trim(raw_rows.value), ',', '') as double) as numeric_value,
        {{ file_sql }} as source_file,
        {{ where_sql }} as provenance,
        {{ entity_where_sql }} as entity_provenance,
        {{ indicator_where_sql }} as indicator_provenance,
        {{ unit_where_sql }} as unit_provenance
    from raw_rows
    left join entity_aliases
        on
            raw_rows.entity_type = entity_aliases.entity_type
            and trim(raw_rows.entity_name) = entity_aliases.entity_alias
    left join indicators
        on trim(raw_rows.indicator_name) = indicators.indicator_alias
    left join units
        on
            trim(raw_rows.unit) = units.unit_alias
            and indicators.canonical_unit = units.canonical_unit
    {%- if source_file is none %}
    where not (raw_rows.source_format in ('nbs_export', 'national_series') and indicators.indicator_code is null)
    {%- endif %}

),

checked as (

    select
        *,
        canonical_unit as unit,
        case
            when entity_code is null
                then {% call raise_error() %}
                    entity_provenance || ': unknown ' || coalesce(entity_type, 'entity') || ' name "'
                    || coalesce(printed_entity_name, '') || '" (add it to the alias seeds if it is a spelling we miss)'
                {% endcall %}
            when indicator_code is null
                then {% call raise_error() %}indicator_provenance || ': unknown indicator "' || coalesce(printed_indicator_name, '') || '"'{% endcall %}
            when not {{ delimited_list_contains('indicator_entity_types', '|', 'entity_type') }}
                then {% call raise_error() %}
                    indicator_provenance || ': "' || printed_indicator_name || '" is ' || indicator_code
                    || ', an indicator of ' || replace(indicator_entity_types, '|', ' and ') || ', not of a '
                    || entity_type
                {% endcall %}
            when conversion_factor is null
                then {% call raise_error() %}
                    unit_provenance || ': unknown unit "' || coalesce(printed_unit, '') || '" for indicator '
                    || indicator_code || ' (canonical unit ' || canonical_unit || ')'
                {% endcall %}
            when numeric_value is null and printed_value is not null
                then {% call raise_error() %}provenance || ': value "' || printed_value || '" is not a number'{% endcall %}
            when not {{ is_finite('numeric_value') }}
                then {% call raise_error() %}provenance || ': value "' || printed_value || '" is not a finite number'{% endcall %}
            when is_non_negative and numeric_value < 0
                then {% call raise_error() %}provenance || ': ' || indicator_code || ' must be non-negative, got ' || printed_value{% endcall %}
            when
                numeric_value * conversion_factor < plausible_min
                or numeric_value * conversion_factor > plausible_max
                then {% call raise_error() %}
                    provenance || ': ' || indicator_code || ' = ' || printed_value || ' ' || printed_unit
                    || ' is outside its plausible range ' || cast(plausible_min as string) || ' to '
                    || cast(plausible_max as string) || ' ' || canonical_unit
                    || ' (rule: ref_indicators.plausible_min/plausible_max)'
                {% endcall %}
            -- Rounding removes binary noise of the unit factors (0.0001 x 12345 = 1.2345000000000002).
            else round(numeric_value * conversion_factor, 10)
        end as value
    from joined

)

select
    {{ observation_columns(indent=4) }}
from checked

{% endmacro %}
