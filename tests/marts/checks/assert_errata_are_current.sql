{#-
    Every erratum of pub_check_errata names a check of rpt_published_checks that still mismatches,
    in the paper it cites: a corrected transcription or a renamed check leaves no stale note behind.
-#}
with

errata as (

    select * from {{ ref('stg_papers__check_errata') }}

),

checks as (

    select * from {{ ref('rpt_published_checks') }}

)

select
    errata.check_id,
    errata.source_doc,
    checks.source_doc as check_source_doc,
    checks.status
from errata
left join checks
    on errata.check_id = checks.check_id
where
    checks.check_id is null
    or checks.status = 'pass'
    or checks.source_doc <> errata.source_doc
