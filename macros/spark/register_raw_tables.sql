{#-
    `dbt run-operation register_raw_tables --target spark --args '{folder: <dir>}'`: registers each table
    of the source yearbook_files as a Spark table over folder/<table>.parquet, the files
    `python -m opening_up spark-raw` copied from the DuckDB warehouse's raw schema (issue 37).
-#}
{% macro register_raw_tables(folder) %}
    {%- set tables = [] -%}
    {%- for source in graph.sources.values() if source.source_name == 'yearbook_files' -%}
        {%- do tables.append(source.name) -%}
    {%- endfor -%}
    {%- do run_query('create schema if not exists raw') -%}
    {%- for table in tables | sort -%}
        {%- do run_query('drop table if exists raw.' ~ table) -%}
        {%- do run_query(
            'create table raw.' ~ table ~ " using parquet location '" ~ folder ~ '/' ~ table ~ ".parquet'"
        ) -%}
        {{ log('register_raw_tables: raw.' ~ table, info=true) }}
    {%- endfor -%}
{% endmacro %}
