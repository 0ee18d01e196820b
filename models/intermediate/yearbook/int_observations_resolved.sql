{#- One observation per (entity, year, indicator): the first by precedence (macros/observation_precedence.sql). -#}
{{ first_by_precedence(ref('int_observations_unioned')) }}
