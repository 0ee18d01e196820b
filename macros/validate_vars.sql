{#-
    dbt vars are data, not SQL: every var a model renders into SQL is checked here, by type and
    range, before any node runs (on-run-start in dbt_project.yml). A var of the wrong type or outside
    its range stops the run with one line naming the var, what it must be
    and what it got (tests/python/models/test_vars.py).

    Kinds: integer [min, max]; number [min, max]; boolean; choice (one of `values`); identifier (a
    SQL name: letters, digits, underscores); year_range ({first_year, last_year}, integers, first
    <= last); numbers (a mapping of identifier -> number, e.g. merged_panel_checks); stages (a list
    of {code: identifier, name: text without quotes, first_year, last_year}); identifiers (a list).
-#}
{#- as_of_vintage is an edition, as the loader reads one (opening_up.yearbooks.printed.edition_year):
    1949 to next year, the same rule. -#}
{% macro var_rules() %}
    {%- set years = {'kind': 'integer', 'min': 1949, 'max': 2100} -%}
    {{- return({
        'sample_first_year': years,
        'sample_last_year': years,
        'local_panel_first_year': years,
        'border_growth_first_year': years,
        'border_growth_last_year': years,
        'border_growth_second_period_first_year': years,
        'fuzzy_year': years,
        'as_of_vintage': {'kind': 'integer', 'min': 1949, 'max': modules.datetime.date.today().year + 1},
        'gap_fill_half_window': {'kind': 'integer', 'min': 0, 'max': 10},
        'grey_rho': {'kind': 'number', 'min': 0.0001, 'max': 1},
        'port_economy_alpha': {'kind': 'number', 'min': 0, 'max': 1},
        'port_economy_beta': {'kind': 'number', 'min': 0, 'max': 1},
        'count_duplicate_port_units': {'kind': 'boolean'},
        'fuzzy_standardize_method': {'kind': 'choice', 'values': ['range', 'std', 'std_range', 'max']},
        'fuzzy_similarity_method': {'kind': 'choice', 'values': ['abs_diff', 'max_min', 'arith_mean_min', 'cosine', 'correlation', 'exp_distance']},
        'fuzzy_similarity_params': {'kind': 'numbers'},
        'grey_normalize': {'kind': 'choice', 'values': ['mean', 'initial', 'range', 'none']},
        'merged_panel_checks': {'kind': 'numbers'},
        'sector_sum_tolerance': {'kind': 'number', 'min': 0, 'max': 1000},
        'border_openness_years': {'kind': 'year_range'},
        'fuzzy_mean_years': {'kind': 'year_range'},
        'grey_years': {'kind': 'year_range'},
        'hinterland_years': {'kind': 'year_range'},
        'openness_period': {'kind': 'year_range'},
        'port_economy_years': {'kind': 'year_range'},
        'regional_openness_years': {'kind': 'year_range'},
        'spatial_permutations': {'kind': 'integer', 'min': 99, 'max': 99999},
        'spatial_permutation_seed': {'kind': 'integer', 'min': 0, 'max': 4294967295},
        'lisa_alpha': {'kind': 'number', 'min': 0.0001, 'max': 0.5},
        'openness_stages': {'kind': 'stages'},
        'scale_schema': {'kind': 'identifier'},
        'scale_indicators': {'kind': 'identifiers'},
    }) -}}
{% endmacro %}

{% macro _is_integer(value) %}
    {{- return(value is number and value is not boolean and value is integer) -}}
{% endmacro %}

{% macro _is_identifier(value) %}
    {{- return(value is string and modules.re.fullmatch('[A-Za-z_][A-Za-z0-9_]{0,62}', value) is not none) -}}
{% endmacro %}

{% macro _var_problem(name, value, rule) %}
    {%- set kind = rule['kind'] -%}
    {%- if kind == 'integer' -%}
        {%- if not _is_integer(value) or value < rule['min'] or value > rule['max'] -%}
            {{- return('an integer from ' ~ rule['min'] ~ ' to ' ~ rule['max']) -}}
        {%- endif -%}
    {%- elif kind == 'number' -%}
        {%- if value is not number or value is boolean or value < rule['min'] or value > rule['max'] -%}
            {{- return('a number from ' ~ rule['min'] ~ ' to ' ~ rule['max']) -}}
        {%- endif -%}
    {%- elif kind == 'boolean' -%}
        {%- if value is not boolean -%}{{- return('true or false') -}}{%- endif -%}
    {%- elif kind == 'choice' -%}
        {%- if value is not string or value not in rule['values'] -%}
            {{- return('one of ' ~ rule['values'] | join(', ')) -}}
        {%- endif -%}
    {%- elif kind == 'identifier' -%}
        {%- if not _is_identifier(value) -%}{{- return('a SQL name (letters, digits, underscores)') -}}{%- endif -%}
    {%- elif kind == 'identifiers' -%}
        {%- if value is string or value is not sequence or value is mapping -%}
            {{- return('a list of SQL names') -}}
        {%- endif -%}
        {%- for item in value -%}
            {%- if not _is_identifier(item) -%}{{- return('a list of SQL names') -}}{%- endif -%}
        {%- endfor -%}
    {%- elif kind == 'numbers' -%}
        {%- if value is not mapping -%}{{- return('a mapping of names to numbers') -}}{%- endif -%}
        {%- for key, item in value.items() -%}
            {%- if not _is_identifier(key) or item is not number or item is boolean -%}
                {{- return('a mapping of names to numbers') -}}
            {%- endif -%}
        {%- endfor -%}
    {%- elif kind == 'year_range' -%}
        {%- set message = '{first_year, last_year}: two integers from 1949 to 2100, first <= last' -%}
        {%- if value is not mapping or value.keys() | list | sort != ['first_year', 'last_year'] -%}
            {{- return(message) -}}
        {%- endif -%}
        {%- if not _is_integer(value['first_year']) or not _is_integer(value['last_year'])
            or value['first_year'] < 1949 or value['last_year'] > 2100 or value['first_year'] > value['last_year'] -%}
            {{- return(message) -}}
        {%- endif -%}
    {%- elif kind == 'stages' -%}
        {%- set message = 'a list of {code: SQL name, name: text without quotes, first_year, last_year}' -%}
        {%- if value is string or value is not sequence or value is mapping -%}{{- return(message) -}}{%- endif -%}
        {%- for stage in value -%}
            {%- if stage is not mapping or stage.keys() | list | sort != ['code', 'first_year', 'last_year', 'name'] -%}
                {{- return(message) -}}
            {%- endif -%}
            {%- if not _is_identifier(stage['code']) or stage['name'] is not string
                or modules.re.search("['\"\\\\;]", stage['name']) is not none
                or _var_problem(name, {'first_year': stage['first_year'], 'last_year': stage['last_year']}, {'kind': 'year_range'}) -%}
                {{- return(message) -}}
            {%- endif -%}
        {%- endfor -%}
    {%- endif -%}
    {{- return('') -}}
{% endmacro %}

{% macro validate_vars() %}
    {%- for name in var_rules() -%}
        {%- do checked_var(name, none) -%}
    {%- endfor -%}
    select 1
{% endmacro %}

{#- var(name[, default]) checked against its rule where a model renders it, so that no command (run,
    compile, show) ever renders an unchecked var into SQL. -#}
{% macro checked_var(name, default='__no_default__') %}
    {%- set value = var(name) if default == '__no_default__' else var(name, default) -%}
    {%- if value is not none -%}
        {%- set problem = _var_problem(name, value, var_rules()[name]) -%}
        {%- if problem -%}
            {{- exceptions.raise_compiler_error('var ' ~ name ~ ' must be ' ~ problem ~ ', not ' ~ tojson(value)) -}}
        {%- endif -%}
    {%- endif -%}
    {{- return(value) -}}
{% endmacro %}
