"""Kubernetes isolation cases of the twenty-sixth outside corpus (being written)."""
