{#-
    Paper 003's population-weighted coefficient of variation (加权变异系数) of the composite index,
    per group and year: CV = sqrt(sum_i p_i (y_i - u)^2) / u, p_i the member's share of the group's
    population, u the simple mean of y (as paper 003 reads) or the population-weighted mean.
-#}
with

province_openness as (

    select * from {{ ref('fct_province_openness') }}
    where
        region_level = 'province'
        and composite_openness_index is not null
        and population_year_end is not null

),

members as (

    select * from {{ ref('int_region_group_members') }}

),

weighted as (

    select
        members.group_code,
        members.group_name,
        members.group_name_en,
        province_openness.year,
        province_openness.composite_openness_index as index_value,
        province_openness.population_year_end
        / sum(province_openness.population_year_end) over group_year as population_share,
        avg(province_openness.composite_openness_index) over group_year as simple_mean,
        province_openness.is_sample
    from members
    inner join province_openness
        on members.region_code = province_openness.region_code
    window group_year as (partition by members.group_code, province_openness.year)

),

means as (

    select
        *,
        sum(population_share * index_value) over (partition by group_code, year) as weighted_mean
    from weighted

),

final as (

    select
        group_code,
        group_name,
        group_name_en,
        year,
        count(*) as n_members,
        max(simple_mean) as simple_mean,
        max(weighted_mean) as population_weighted_mean,
        sqrt(sum(population_share * power(index_value - simple_mean, 2))) / nullif(max(simple_mean), 0)
            as cv_weighted_simple_mean,
        sqrt(sum(population_share * power(index_value - weighted_mean, 2))) / nullif(max(weighted_mean), 0)
            as cv_weighted_weighted_mean,
        stddev_pop(index_value) / nullif(max(simple_mean), 0) as cv_unweighted,
        bool_or(is_sample) as is_sample
    from means
    group by group_code, group_name, group_name_en, year

)

select * from final
