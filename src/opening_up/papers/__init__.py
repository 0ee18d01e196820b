"""The papers' analyses on the warehouse's panels, called by the dbt Python models, one module per paper
under the paper's name: port_clusters (paper 000), border_growth (paper 001) and inner_mongolia_ports
(paper 002: our extension of paper 000's grey relation to its ports).
"""
