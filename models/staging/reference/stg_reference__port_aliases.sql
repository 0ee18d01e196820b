with

source as (

    select * from {{ ref('ref_port_aliases') }}

),

renamed as (

    select
        trim(port_alias) as port_alias,
        port_code
    from source

)

select * from renamed
