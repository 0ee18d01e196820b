"""The papers' analyses on the warehouse's panels, called by the dbt Python models: port_clusters
(seed 000, and our extension to seed 002's ports) and border_growth (seed 001).
"""
