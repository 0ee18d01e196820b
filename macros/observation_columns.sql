{#- The canonical observation columns every yearbook source is unioned on (int_observations_unioned). -#}
{% macro observation_columns() %}entity_type,
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
{%- endmacro %}
