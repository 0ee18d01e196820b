-- Replication summary of the five papers: how many published figures recompute from the papers'
-- own inputs, per paper and table, and which do not (the papers' own inconsistencies); this
-- project's own assertions about the papers (check_kind = derived) are counted apart.
with

checks as (

    select * from {{ ref('rpt_published_checks') }}

),

by_table as (

    select
        source_doc,
        source_table,
        check_kind,
        count(*) as n_checks,
        count(*) filter (where status = 'pass') as n_pass,
        count(*) filter (where status <> 'pass') as n_mismatch,
        string_agg(case when status <> 'pass' then subject || ': ' || note end, '; ') as mismatches
    from checks
    group by source_doc, source_table, check_kind

)

select
    source_doc,
    source_table,
    check_kind,
    n_checks,
    n_pass,
    n_mismatch,
    mismatches
from by_table
order by source_doc asc, source_table asc, check_kind desc
