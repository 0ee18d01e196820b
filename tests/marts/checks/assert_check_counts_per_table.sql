{#-
    rpt_published_checks holds exactly the number of checks pub_check_counts gives per paper, table
    and check_kind: a check cannot vanish (a renamed figure code, an inner join losing rows) nor
    appear without its count and basis being written down.
-#}
with

expected as (

    select * from {{ ref('pub_check_counts') }}

),

actual as (

    select
        source_doc,
        source_table,
        check_kind,
        count(*) as n_checks
    from {{ ref('rpt_published_checks') }}
    group by source_doc, source_table, check_kind

),

compared as (

    select
        coalesce(expected.source_doc, actual.source_doc) as source_doc,
        coalesce(expected.source_table, actual.source_table) as source_table,
        coalesce(expected.check_kind, actual.check_kind) as check_kind,
        expected.n_checks as expected_n_checks,
        actual.n_checks as actual_n_checks
    from expected
    full outer join actual
        on
            expected.source_doc = actual.source_doc
            and expected.source_table = actual.source_table
            and expected.check_kind = actual.check_kind

)

select *
from compared
where expected_n_checks is distinct from actual_n_checks
