"""opening_up: numerical methods and loaders for the opening_up warehouse."""
