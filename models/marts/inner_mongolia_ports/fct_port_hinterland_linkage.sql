{#-
    This project's extension of paper 000's methods to paper 002's ports (paper 002 names the
    port-hinterland linkage, 口岸与腹地城市经济联动, but computes none of this): per Inner Mongolia port, hinterland
    city and year, the entropy-weighted scores of the port and city systems, their coupling
    coordination (standard and Wang 2021 C, D = sqrt(C T) with T = 0.5 u_port + 0.5 u_city, grades),
    and the pair's mean grey relational grade over the period (fct_port_hinterland_grey_relation).
-#}
with

scores as (

    select * from {{ ref('int_port_hinterland_scores') }}

),

coupling as (

    {{ coupling_coordination(
        ref('int_port_hinterland_scores'),
        key_columns=['pair_id', 'year'],
        systems=[
            {'score': 'port_score', 'weight': 0.5},
            {'score': 'city_score', 'weight': 0.5}
        ]
    ) }}

),

grey_means as (

    select
        port_code,
        prefecture_code,
        avg(grey_relational_grade) as grey_relational_grade_mean
    from {{ ref('fct_port_hinterland_grey_relation') }}
    group by port_code, prefecture_code

),

ports as (

    select * from {{ ref('dim_port') }}

),

prefectures as (

    select * from {{ ref('dim_prefecture') }}

),

final as (

    select
        scores.port_code,
        ports.port_name,
        scores.prefecture_code,
        prefectures.prefecture_name,
        scores.relation,
        scores.year,
        scores.port_score,
        scores.city_score,
        coupling.comprehensive_index_t,
        coupling.c_standard,
        coupling.c_wang2021,
        coupling.d_standard,
        coupling.d_wang2021,
        {{ coordination_grade_of('coupling.d_standard') }} as grade_of_d_standard,
        {{ coordination_grade_of('coupling.d_wang2021') }} as grade_of_d_wang2021,
        grey_means.grey_relational_grade_mean,
        scores.is_sample
    from scores
    inner join coupling
        on
            scores.pair_id = coupling.pair_id
            and scores.year = coupling.year
    inner join ports
        on scores.port_code = ports.port_code
    inner join prefectures
        on scores.prefecture_code = prefectures.prefecture_code
    left join grey_means
        on
            scores.port_code = grey_means.port_code
            and scores.prefecture_code = grey_means.prefecture_code

)

select * from final
