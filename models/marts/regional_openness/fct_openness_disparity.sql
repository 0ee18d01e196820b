{#-
    Disparity of the openness indices across provinces per year and grouping, and its
    decomposition, in long rows: the Gini coefficient with Dagum's decomposition
    (int_openness_dagum_gini), the Theil T index with its within/between decomposition
    (int_openness_theil), and the dispersion of σ-convergence (σ收敛): the coefficient of variation
    and the standard deviation of ln y, both with the sample standard deviation (ddof 1).
-#}
with

members as (

    select * from {{ ref('int_openness_disparity_members') }}

),

dagum as (

    select * from {{ ref('int_openness_dagum_gini') }}

),

theil as (

    select * from {{ ref('int_openness_theil') }}

),

dispersion as (

    select
        index_code,
        year,
        grouping,
        stddev_samp(index_value) / avg(index_value) as coefficient_of_variation,
        stddev_samp(ln(index_value)) as log_standard_deviation,
        bool_or(is_sample) as is_sample
    from members
    group by index_code, year, grouping

),

measures as (

    select
        index_code,
        year,
        grouping,
        measure,
        group_code,
        group_code_other,
        value,
        share_of_total
    from dagum

    union all

    select
        index_code,
        year,
        grouping,
        measure,
        group_code,
        null as group_code_other,
        value,
        share_of_total
    from theil

    union all

    select
        index_code,
        year,
        grouping,
        'cv' as measure,
        null as group_code,
        null as group_code_other,
        coefficient_of_variation as value,
        null as share_of_total
    from dispersion

    union all

    select
        index_code,
        year,
        grouping,
        'log_sd' as measure,
        null as group_code,
        null as group_code_other,
        log_standard_deviation as value,
        null as share_of_total
    from dispersion

),

final as (

    select
        measures.index_code,
        measures.year,
        measures.grouping,
        measures.measure,
        cast(measures.group_code as string) as group_code,
        cast(measures.group_code_other as string) as group_code_other,
        cast(measures.value as double) as value,
        cast(measures.share_of_total as double) as share_of_total,
        dispersion.is_sample
    from measures
    inner join dispersion
        on
            measures.index_code = dispersion.index_code
            and measures.year = dispersion.year
            and measures.grouping = dispersion.grouping

)

select * from final
