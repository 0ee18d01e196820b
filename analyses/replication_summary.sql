-- Replication summary of the five papers: how many published figures recompute from the papers'
-- own inputs, per paper and table, and which do not (the papers' own inconsistencies).
with

checks as (

    select * from {{ ref('rpt_published_checks') }}

),

by_table as (

    select
        source_doc,
        source_table,
        count(*) as n_checks,
        count(*) filter (where status = 'pass') as n_pass,
        count(*) filter (where status <> 'pass') as n_mismatch,
        string_agg(case when status <> 'pass' then subject || ': ' || note end, '; ') as mismatches
    from checks
    group by source_doc, source_table

)

select
    source_doc,
    source_table,
    n_checks,
    n_pass,
    n_mismatch,
    mismatches
from by_table
order by source_doc asc, source_table asc
