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
    {%- do register_parquet_tables(folder, 'raw', tables) -%}
{% endmacro %}

{#-
    Registers each of `tables` as the Spark table <schema>.<table> over folder/<table>.parquet (a file
    or a folder of them), replacing any table of that name: the raw tables, and the scale benchmark's
    synthetic yearbook (`make bench-spark`).
-#}
{% macro register_parquet_tables(folder, schema, tables) %}
    {%- do run_query('create schema if not exists ' ~ schema) -%}
    {%- for table in tables | sort -%}
        {%- do run_query('drop table if exists ' ~ schema ~ '.' ~ table) -%}
        {%- do run_query(
            'create table ' ~ schema ~ '.' ~ table ~ " using parquet location '" ~ folder ~ '/' ~ table
            ~ ".parquet'"
        ) -%}
        {{ log('register_parquet_tables: ' ~ schema ~ '.' ~ table, info=true) }}
    {%- endfor -%}
{% endmacro %}
