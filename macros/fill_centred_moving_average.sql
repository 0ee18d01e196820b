{#-
    Paper 001's gap filling (利用移动平均法补齐个别缺失数据): a missing cell takes the mean of the
    available cells within `half_window` years on each side in the same entity (a centred moving
    average); it stays null when none is available. Emits two columns: <alias> and
    <alias>_is_filled, so that no filled cell passes unflagged.
-#}
{% macro fill_centred_moving_average(column, partition_by, order_by, alias, half_window) %}
    coalesce(
        {{ column }},
        avg({{ column }}) over (
            partition by {{ partition_by }}
            order by {{ order_by }}
            rows between {{ half_window }} preceding and {{ half_window }} following
        )
    ) as {{ alias }},
    {{ column }} is null
    and avg({{ column }}) over (
        partition by {{ partition_by }}
        order by {{ order_by }}
        rows between {{ half_window }} preceding and {{ half_window }} following
    ) is not null as {{ alias }}_is_filled
{% endmacro %}
