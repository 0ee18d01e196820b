{#- Paper 000 Table 3: each cluster's printed grey relational grade per item beside the warehouse's. -#}
with

published as (

    select * from {{ ref('fct_published_port_grey_relation') }}

),

recomputed as (

    select * from {{ ref('fct_port_cluster_grey_relation') }}

),

clusters as (

    select distinct
        cluster_code,
        cluster_name,
        cluster_name_en
    from {{ ref('dim_port') }}
    where cluster_code is not null

),

final as (

    select
        published.cluster_code,
        clusters.cluster_name || ' ' || clusters.cluster_name_en as cluster_label,
        published.indicator_code,
        published.item_printed,
        published.grey_relational_grade as printed_grade,
        recomputed.grey_relational_grade as computed_grade,
        recomputed.period_first_year,
        recomputed.period_last_year,
        recomputed.rho,
        coalesce(recomputed.is_sample, false) as is_sample
    from published
    inner join clusters
        on published.cluster_code = clusters.cluster_code
    left join recomputed
        on
            published.cluster_code = recomputed.cluster_code
            and published.indicator_code = recomputed.indicator_code

)

select * from final
