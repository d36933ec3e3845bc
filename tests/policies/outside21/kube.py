"""Kubernetes isolation cases of the twenty-first outside corpus (being written)."""
