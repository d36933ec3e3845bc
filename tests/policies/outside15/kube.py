"""Kubernetes isolation cases of the fifteenth outside corpus (being written)."""
