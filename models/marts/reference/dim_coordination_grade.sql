with

grades as (

    select * from {{ ref('stg_reference__coordination_grades') }}

),

final as (

    select
        grade_rank,
        grade_name,
        grade_name_en,
        lower_bound,
        upper_bound,
        upper_inclusive,
        grade_class,
        '[' || cast(lower_bound as string) || ', ' || cast(upper_bound as string)
        || case when upper_inclusive then ']' else ')' end as interval_label
    from grades

)

select * from final
