"""The field's standard measures beyond the five papers, on the papers' indices (the data shaping
behind the dbt Python models of models/intermediate/regional_openness, calling `opening_up.methods`)."""
