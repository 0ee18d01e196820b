{#-
    The checks of figures a paper's text states and derives (from its tables or its other stated
    figures): `derived` holds figure_code, source_doc, check_name, computed and tolerance; `stated` is
    the paper's stated figures (fct_published_stated_figures). A figure code missing from the stated
    figures stays, as an unexplained mismatch (the left join). One check per figure, with the
    columns of rpt_published_checks.
-#}
{% macro stated_figure_checks(derived, stated) %}
    select
        'seed' || left({{ derived }}.source_doc, 3) || '_text_' || {{ derived }}.figure_code as check_id,
        'published' as check_kind,
        {{ derived }}.source_doc,
        '正文 vs 表' as source_table,
        {{ derived }}.check_name,
        {{ derived }}.figure_code as subject,
        {{ stated }}.value as expected,
        {{ derived }}.computed,
        cast(null as double) as computed_low,
        cast(null as double) as computed_high,
        {{ derived }}.tolerance,
        cast(null as string) as expected_text,
        cast(null as string) as computed_text
    from {{ derived }}
    left join {{ stated }}
        on {{ derived }}.figure_code = {{ stated }}.figure_code
{% endmacro %}
