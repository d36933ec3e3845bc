"""Kubernetes isolation cases of the twenty-second outside corpus (being written)."""
