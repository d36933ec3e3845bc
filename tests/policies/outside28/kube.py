"""Kubernetes isolation cases of the twenty-eighth outside corpus (being written)."""
