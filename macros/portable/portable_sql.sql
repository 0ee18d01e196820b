{#-
    The SQL that DuckDB and Spark write differently, each a macro dispatched on the adapter (issue 37):
    `default__` is the DuckDB SQL the project always ran, `spark__` the Spark SQL with the same result.
    Models call these and never the DuckDB-only functions themselves
    (tests/python/models/test_portable_sql.py).
-#}

{#-
    Stop the build with `message`, an SQL string expression naming the file, line and cell: given as
    the argument, or as the body of `{% call raise_error() %}...{% endcall %}` when it holds quotes.
-#}
{% macro raise_error(message=none) -%}
    {%- set message = caller() if message is none else message -%}
    {{ return(adapter.dispatch('raise_error', 'opening_up')(message)) }}
{%- endmacro %}

{% macro default__raise_error(message) -%}
    error({{ message }})
{%- endmacro %}

{% macro spark__raise_error(message) -%}
    raise_error({{ message }})
{%- endmacro %}

{#-
    The non-null values of `expression` joined by `separator`, ordered by the expressions of
    `order_by` (ascending; negate a number for descending), over the rows of the group that pass
    `filter`; null when there is none.
-#}
{% macro ordered_string_agg(expression, separator, order_by, filter=none) -%}
    {{ return(adapter.dispatch('ordered_string_agg', 'opening_up')(expression, separator, order_by, filter)) }}
{%- endmacro %}

{% macro default__ordered_string_agg(expression, separator, order_by, filter) -%}
    string_agg({{ expression }}, {{ separator }} order by {{ order_by | join(', ') }})
    {%- if filter %} filter (where {{ filter }}){% endif %}
{%- endmacro %}

{% macro spark__ordered_string_agg(expression, separator, order_by, filter) -%}
    nullif(array_join(transform(array_sort(collect_list(named_struct(
        {%- for key in order_by %}'k{{ loop.index }}', {{ key }}, {% endfor %}'v', {{ expression }}))
        {%- if filter %} filter (where {{ filter }}){% endif %}), x -> x.v), {{ separator }}), '')
{%- endmacro %}

{#- Whether `value` is one of the parts of `delimited` split at the single character `delimiter`. -#}
{% macro delimited_list_contains(delimited, delimiter, value) -%}
    {{ return(adapter.dispatch('delimited_list_contains', 'opening_up')(delimited, delimiter, value)) }}
{%- endmacro %}

{% macro default__delimited_list_contains(delimited, delimiter, value) -%}
    list_contains(string_split({{ delimited }}, '{{ delimiter }}'), {{ value }})
{%- endmacro %}

{#- Spark splits at a regular expression: the delimiter is quoted. -#}
{% macro spark__delimited_list_contains(delimited, delimiter, value) -%}
    array_contains(split({{ delimited }}, '\\Q{{ delimiter }}\\E'), {{ value }})
{%- endmacro %}

{#- Whether a double is finite (neither NaN nor infinite); null stays null. -#}
{% macro is_finite(value) -%}
    {{ return(adapter.dispatch('is_finite', 'opening_up')(value)) }}
{%- endmacro %}

{% macro default__is_finite(value) -%}
    isfinite({{ value }})
{%- endmacro %}

{% macro spark__is_finite(value) -%}
    not (isnan({{ value }}) or abs({{ value }}) = double('infinity'))
{%- endmacro %}

{#- One row per integer from `first` to `last` (a select-list expression). -#}
{% macro integer_series(first, last) -%}
    {{ return(adapter.dispatch('integer_series', 'opening_up')(first, last)) }}
{%- endmacro %}

{% macro default__integer_series(first, last) -%}
    unnest(generate_series({{ first }}, {{ last }}))
{%- endmacro %}

{% macro spark__integer_series(first, last) -%}
    explode(sequence({{ first }}, {{ last }}))
{%- endmacro %}

{#- The group's values of `expression` as a list ordered by the expressions of `order_by`. -#}
{% macro ordered_list(expression, order_by) -%}
    {{ return(adapter.dispatch('ordered_list', 'opening_up')(expression, order_by)) }}
{%- endmacro %}

{% macro default__ordered_list(expression, order_by) -%}
    list({{ expression }} order by {{ order_by | join(', ') }})
{%- endmacro %}

{% macro spark__ordered_list(expression, order_by) -%}
    transform(array_sort(collect_list(named_struct(
        {%- for key in order_by %}'k{{ loop.index }}', {{ key }}, {% endfor %}'v', {{ expression }}))), x -> x.v)
{%- endmacro %}

{#- One row per element of the list `expression` (a select-list expression). -#}
{% macro unnest_list(expression) -%}
    {{ return(adapter.dispatch('unnest_list', 'opening_up')(expression)) }}
{%- endmacro %}

{% macro default__unnest_list(expression) -%}
    unnest({{ expression }})
{%- endmacro %}

{% macro spark__unnest_list(expression) -%}
    explode({{ expression }})
{%- endmacro %}

{#- One row per part of `delimited` split at the string `delimiter` (a select-list expression). -#}
{% macro split_to_rows(delimited, delimiter) -%}
    {{ return(adapter.dispatch('split_to_rows', 'opening_up')(delimited, delimiter)) }}
{%- endmacro %}

{% macro default__split_to_rows(delimited, delimiter) -%}
    unnest(string_split({{ delimited }}, '{{ delimiter }}'))
{%- endmacro %}

{% macro spark__split_to_rows(delimited, delimiter) -%}
    explode(split({{ delimited }}, '\\Q{{ delimiter }}\\E'))
{%- endmacro %}

{#- The exact median (the mean of the two middle values of an even count) of the rows passing `filter`. -#}
{% macro median(expression, filter=none) -%}
    {{ return(adapter.dispatch('median', 'opening_up')(expression, filter)) }}
{%- endmacro %}

{% macro default__median(expression, filter) -%}
    median({{ expression }}){% if filter %} filter (where {{ filter }}){% endif %}
{%- endmacro %}

{% macro spark__median(expression, filter) -%}
    percentile({{ expression }}, 0.5){% if filter %} filter (where {{ filter }}){% endif %}
{%- endmacro %}

{#- The number of elements of a list. -#}
{% macro list_length(expression) -%}
    {{ return(adapter.dispatch('list_length', 'opening_up')(expression)) }}
{%- endmacro %}

{% macro default__list_length(expression) -%}
    len({{ expression }})
{%- endmacro %}

{% macro spark__list_length(expression) -%}
    size({{ expression }})
{%- endmacro %}

{#- Whether the whole of `value` matches the regular expression `pattern` (a literal, no quotes). -#}
{% macro fully_matches(value, pattern) -%}
    {{ return(adapter.dispatch('fully_matches', 'opening_up')(value, pattern)) }}
{%- endmacro %}

{% macro default__fully_matches(value, pattern) -%}
    {{ value }} similar to '{{ pattern }}'
{%- endmacro %}

{% macro spark__fully_matches(value, pattern) -%}
    {{ value }} rlike '^(?:{{ pattern }})$'
{%- endmacro %}

{#- Whether some part of `value` matches the regular expression `pattern` (a literal, no quotes). -#}
{% macro contains_match(value, pattern) -%}
    {{ return(adapter.dispatch('contains_match', 'opening_up')(value, pattern)) }}
{%- endmacro %}

{% macro default__contains_match(value, pattern) -%}
    regexp_matches({{ value }}, '{{ pattern }}')
{%- endmacro %}

{#- Spark unescapes backslashes in string literals: each one is doubled to reach the regex. -#}
{% macro spark__contains_match(value, pattern) -%}
    {{ value }} rlike '{{ pattern | replace('\\', '\\\\') }}'
{%- endmacro %}

{#-
    `text` as an SQL string literal. Spark reads 'a''b' as two adjacent literals ('ab'), and DuckDB
    reads no backslash escapes, so an apostrophe is written as each engine escapes it.
-#}
{% macro text_literal(text) -%}
    {{ return(adapter.dispatch('text_literal', 'opening_up')(text)) }}
{%- endmacro %}

{% macro default__text_literal(text) -%}
    '{{ text | replace("'", "''") }}'
{%- endmacro %}

{% macro spark__text_literal(text) -%}
    '{{ text | replace('\\', '\\\\') | replace("'", "\\'") }}'
{%- endmacro %}

{#-
    A number as plain decimal text with no exponent and no trailing zeros (1, 0.00001, 12.5), the same
    on every engine (a cast of a double to text gives 1e-05 on DuckDB and 1.0E-5 on Spark); exact to
    18 decimal places.
-#}
{% macro decimal_text(expression) -%}
    {{ return(adapter.dispatch('decimal_text', 'opening_up')(expression)) }}
{%- endmacro %}

{% macro default__decimal_text(expression) -%}
    trim(trailing '.' from trim(trailing '0' from cast(cast({{ expression }} as decimal(38, 18)) as string)))
{%- endmacro %}

{#-
    Spark prints a decimal below 1e-6 with an exponent (1.0000000000E-8), and format_string's %f takes
    no decimal: format_number writes every digit, with thousands separators, which are dropped.
-#}
{% macro spark__decimal_text(expression) -%}
    trim(trailing '.' from trim(trailing '0' from
        replace(format_number(cast({{ expression }} as decimal(38, 18)), 18), ',', '')
    ))
{%- endmacro %}
