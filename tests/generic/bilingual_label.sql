{#-
    The column holds a label in one language for every row: `zh` labels contain a CJK ideograph,
    `en` labels contain none (so a dashboard switching language never shows a blank or mixed label).
-#}
{% test bilingual_label(model, column_name, language) %}
{#- A CJK ideograph; any CJK character (ideographs, CJK punctuation, full-width forms). -#}
{%- set ideograph %}[\x{4e00}-\x{9fff}]{% endset -%}
{%- set cjk_character %}[\x{3000}-\x{9fff}\x{ff00}-\x{ffef}]{% endset -%}

select {{ column_name }}
from {{ model }}
where
    {{ column_name }} is null
    or trim({{ column_name }}) = ''
    {% if language == 'zh' %}
        or not {{ contains_match(column_name, ideograph) }}
    {% elif language == 'en' %}
        or {{ contains_match(column_name, cjk_character) }}
    {% else %}
        or {{ exceptions.raise_compiler_error("bilingual_label: language must be 'zh' or 'en', got " ~ language) }}
    {% endif %}

{% endtest %}
