with

source as (

    select * from {{ ref('ref_port_hinterlands') }}

),

renamed as (

    select
        port_code,
        prefecture_code,
        relation,
        basis
    from source

)

select * from renamed
