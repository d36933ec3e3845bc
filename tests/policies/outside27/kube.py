"""Kubernetes isolation cases of the twenty-seventh outside corpus (being written)."""
