"""Kubernetes isolation cases of the twentieth outside corpus (being written)."""
