with

source as (

    select * from {{ ref('ref_coordination_grades') }}

),

renamed as (

    select
        grade_rank,
        grade_name,
        grade_name_en,
        lower_bound,
        upper_bound,
        upper_inclusive,
        grade_class
    from source

)

select * from renamed
