{#-
    Every figure stated in the papers' text is either recomputed by rpt_published_checks or carries
    the reason it cannot be (not_recomputable_reason), never both and never neither: a renamed
    figure code or a new stated figure cannot drop out of the checks unnoticed.
-#}
with

stated as (

    select * from {{ ref('fct_published_stated_figures') }}

),

checks as (

    select
        stated_figure_code,
        count(*) as n_checks
    from {{ ref('rpt_published_checks') }}
    where stated_figure_code is not null
    group by stated_figure_code

),

judged as (

    select
        stated.figure_code,
        stated.not_recomputable_reason,
        coalesce(checks.n_checks, 0) as n_checks
    from stated
    left join checks
        on stated.figure_code = checks.stated_figure_code

)

select *
from judged
where
    (n_checks = 0 and not_recomputable_reason is null)
    or (n_checks > 0 and not_recomputable_reason is not null)
