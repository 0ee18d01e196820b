{#-
    Every published figure that can be recomputed from other published figures, with the
    tolerance that the printed rounding allows. A mismatch is the paper's own inconsistency (the
    inputs are the paper's): it is reported, with the note of its erratum (pub_check_errata, keyed
    by exact check_id), never hidden. check_kind tells the papers' figures (published) from this
    project's own assertions about them (derived). Each paper's checks are its report
    rpt_<paper>_published_checks (paper 002 prints no figure its others recompute), which reads the
    paper's marts; here they are judged against their tolerance and given their erratum.
-#}
with

port_clusters as (

    select * from {{ ref('rpt_port_clusters_published_checks') }}

),

border_growth as (

    select * from {{ ref('rpt_border_growth_published_checks') }}

),

yangtze_openness as (

    select * from {{ ref('rpt_yangtze_openness_published_checks') }}

),

border_opening as (

    select * from {{ ref('rpt_border_opening_published_checks') }}

),

errata as (

    select * from {{ ref('stg_papers__check_errata') }}

),

all_checks as (

    select * from port_clusters
    union all
    select * from border_growth
    union all
    select * from yangtze_openness
    union all
    select * from border_opening

),

judged as (

    select
        all_checks.*,
        abs(all_checks.expected - all_checks.computed) as abs_difference,
        case
            when all_checks.expected_text is not null then all_checks.expected_text = all_checks.computed_text
            when all_checks.computed_low is not null
                then
                    all_checks.expected
                    between all_checks.computed_low - all_checks.tolerance
                    and all_checks.computed_high + all_checks.tolerance
            else abs(all_checks.expected - all_checks.computed) <= all_checks.tolerance
        end as is_consistent
    from all_checks

),

final as (

    select
        judged.check_id,
        judged.check_kind,
        judged.source_doc,
        judged.source_table,
        judged.check_name,
        judged.subject,
        judged.expected,
        judged.computed,
        judged.computed_low,
        judged.computed_high,
        judged.abs_difference,
        judged.tolerance,
        judged.expected_text,
        judged.computed_text,
        judged.stated_figure_code,
        case when judged.is_consistent then 'pass' else 'mismatch_in_paper' end as status,
        case
            when judged.is_consistent then null
            else coalesce(errata.note, 'not explained: read the paper again')
        end as note
    from judged
    -- Exact keys: a new mismatch in a family with an erratum is not explained by it.
    left join errata
        on judged.check_id = errata.check_id

)

select * from final
