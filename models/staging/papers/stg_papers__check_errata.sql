with

source as (

    select * from {{ ref('pub_check_errata') }}

),

renamed as (

    select
        check_id,
        source_doc,
        note
    from source

)

select * from renamed
