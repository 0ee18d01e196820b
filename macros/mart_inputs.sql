{#-
    The yearbook inputs of every analytic mart, one row per (mart, indicator, entity set): which
    indicators it reads, for which entities (an entity set of int_coverage_entity_sets) and which
    years (the marts' own vars), and what the mart reads them from: the resolved observations (real
    where a real source has the cell, else sample) or, for paper 004's marts, the papers' printed
    figures only. An input with an alternative is real when either indicator is: the
    marts read trade printed in yuan where there is one, else trade in dollars; growth from the GDP
    index (上年=100) where there is one, else the growth rate. rpt_input_coverage counts these cells
    and rpt_data_needs lists those still sample or missing. A mart that starts reading
    fct_yearbook_observations is added here.
-#}
{% macro mart_inputs() %}
{%- set trade = ['trade_total', 'trade_total_rmb'] -%}
{#- The indicator sets are the ones the models themselves use (one definition each). -#}
{%- set port_flows = port_flow_indicators() -%}
{%- set local_economy = ['gdp', 'va_primary', 'va_secondary', 'va_tertiary', 'fixed_asset_investment', 'retail_sales'] -%}
{%- set opening_indicators = border_openness_indicators() | map(attribute='name') | list -%}
{%- set groups = [] -%}

{%- do groups.append({
    'marts': ['fct_province_openness', 'fct_region_group_openness'],
    'years': checked_var('openness_period'),
    'inputs': [['gdp', none, 'provinces'], trade + ['provinces'], ['fie_total_investment', none, 'provinces'],
               ['exchange_rate_rmb_usd', none, 'nation']]
}) -%}
{%- do groups.append({
    'marts': ['fct_openness_disparity', 'fct_openness_convergence', 'fct_openness_density', 'fct_openness_topsis',
              'fct_openness_evaluation_weights', 'fct_openness_obstacle_degree', 'fct_openness_markov'],
    'years': checked_var('regional_openness_years'),
    'inputs': [['gdp', none, 'provinces'], trade + ['provinces'], ['fie_total_investment', none, 'provinces'],
               ['exchange_rate_rmb_usd', none, 'nation']]
}) -%}
{%- do groups.append({
    'marts': ['fct_openness_dispersion'],
    'years': checked_var('openness_period'),
    'inputs': [['gdp', none, 'yangtze_belt'], trade + ['yangtze_belt'], ['fie_total_investment', none, 'yangtze_belt'],
               ['population_year_end', none, 'yangtze_belt'], ['exchange_rate_rmb_usd', none, 'nation']]
}) -%}
{%- do groups.append({
    'marts': ['fct_border_growth_panel', 'fct_border_growth_gmm', 'fct_border_growth_gmm_diagnostics',
              'fct_border_growth_gmm_instrument_tests', 'fct_border_growth_fe'],
    'years': {'first_year': checked_var('border_growth_first_year'), 'last_year': checked_var('border_growth_last_year')},
    'inputs': [['gdp_real_growth', 'gdp_index', 'land_border'], ['fixed_asset_investment', none, 'land_border'],
               ['va_secondary', none, 'land_border'], ['va_tertiary', none, 'land_border'], ['gdp', none, 'land_border'],
               trade + ['land_border'], ['fdi_utilised', none, 'land_border'], ['gdp_per_capita', none, 'land_border'],
               ['gdp_per_capita', none, 'nation'], ['exchange_rate_rmb_usd', none, 'nation']]
}) -%}
{#- Paper 004 prints trade for 2017-2021 and the other four indicators for 2017-2020. -#}
{%- do groups.append({
    'marts': ['fct_border_opening_shares'],
    'reads': 'papers',
    'years': {'first_year': 2017, 'last_year': 2021},
    'inputs': [['trade_total', none, 'land_border'], ['trade_total', none, 'nation']]
}) -%}
{%- set shares_inputs = [] -%}
{%- for indicator in opening_indicators if indicator != 'trade_total' -%}
    {%- do shares_inputs.append([indicator, none, 'land_border']) -%}
    {%- do shares_inputs.append([indicator, none, 'nation']) -%}
{%- endfor -%}
{%- do groups.append({
    'marts': ['fct_border_opening_shares'],
    'reads': 'papers',
    'years': {'first_year': 2017, 'last_year': 2020},
    'inputs': shares_inputs
}) -%}
{%- set entropy_inputs = [] -%}
{%- for indicator in opening_indicators -%}
    {%- do entropy_inputs.append([indicator, none, 'land_border']) -%}
{%- endfor -%}
{%- do groups.append({
    'marts': ['fct_border_openness_entropy', 'fct_border_openness_entropy_weights'],
    'reads': 'papers',
    'years': checked_var('border_openness_years'),
    'inputs': entropy_inputs
}) -%}
{%- set port_economy_inputs = [['fdi_utilised', none, 'guangxi_yunnan']] -%}
{%- for indicator in port_flows -%}
    {%- do port_economy_inputs.append([indicator, none, 'seed000_ports_guangxi_yunnan']) -%}
{%- endfor -%}
{%- do groups.append({
    'marts': ['fct_port_economy_entropy_weights', 'fct_port_economy_scores', 'fct_port_economy_coupling'],
    'years': checked_var('port_economy_years'),
    'inputs': port_economy_inputs
}) -%}
{%- set fuzzy_inputs = [['port_vehicles', none, 'seed000_ports']] -%}
{%- for indicator in port_flows -%}
    {%- do fuzzy_inputs.append([indicator, none, 'seed000_ports']) -%}
{%- endfor -%}
{%- do groups.append({
    'marts': ['fct_port_fuzzy_similarity', 'fct_port_fuzzy_levels', 'fct_port_fuzzy_tree'],
    'years': checked_var('fuzzy_mean_years'),
    'inputs': fuzzy_inputs
}) -%}
{%- set grey_inputs = [] -%}
{%- for indicator in port_flows -%}
    {%- do grey_inputs.append([indicator, none, 'seed000_cluster_ports']) -%}
{%- endfor -%}
{%- for indicator in local_economy -%}
    {%- do grey_inputs.append([indicator, none, 'seed000_cluster_prefectures']) -%}
{%- endfor -%}
{%- do groups.append({
    'marts': ['fct_port_cluster_grey_relation'],
    'years': checked_var('grey_years'),
    'inputs': grey_inputs
}) -%}
{%- set hinterland_inputs = [] -%}
{%- for indicator in port_flows -%}
    {%- do hinterland_inputs.append([indicator, none, 'seed002_ports']) -%}
{%- endfor -%}
{%- for indicator in ['gdp', 'va_secondary', 'va_tertiary', 'fixed_asset_investment', 'retail_sales'] -%}
    {%- do hinterland_inputs.append([indicator, none, 'seed002_prefectures']) -%}
{%- endfor -%}
{%- do groups.append({
    'marts': ['fct_port_hinterland_grey_relation', 'fct_port_hinterland_linkage'],
    'years': checked_var('hinterland_years'),
    'inputs': hinterland_inputs
}) -%}

{%- set rows = [] -%}
{%- for group in groups -%}
    {%- for mart in group.marts -%}
        {%- for input in group.inputs -%}
            {%- do rows.append({
                'mart': mart,
                'indicator_code': input[0],
                'alternative_indicator_code': input[1],
                'entity_set': input[2],
                'reads': group.reads or 'observations',
                'first_year': group.years.first_year,
                'last_year': group.years.last_year
            }) -%}
        {%- endfor -%}
    {%- endfor -%}
{%- endfor -%}
{{ return(rows) }}
{% endmacro %}
