"""Numerical methods of the papers (reference implementations in numpy)."""
