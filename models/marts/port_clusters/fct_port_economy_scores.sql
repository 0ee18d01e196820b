with

scores as (

    select * from {{ ref('int_port_economy_scores') }}

),

final as (

    select
        year,
        score_guangxi_u1,
        score_yunnan_u2,
        is_sample
    from scores

)

select * from final
