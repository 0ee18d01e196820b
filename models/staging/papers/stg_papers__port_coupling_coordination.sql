with

source as (

    select * from {{ ref('pub_port_coupling_coordination') }}

),

renamed as (

    select
        source_doc,
        source_table,
        year,
        score_guangxi_u1,
        score_yunnan_u2,
        comprehensive_index_t,
        coupling_degree_c,
        coordination_grade_printed,
        alpha,
        beta
    from source

)

select * from renamed
