"""Kubernetes isolation cases of the nineteenth outside corpus (being written)."""
