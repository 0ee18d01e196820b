"""Numerical methods of the seed papers (reference implementations in numpy)."""
