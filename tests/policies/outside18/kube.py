"""Kubernetes isolation cases of the eighteenth outside corpus (being written)."""
