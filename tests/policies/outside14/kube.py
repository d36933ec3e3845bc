"""Kubernetes isolation cases of the fourteenth outside corpus (being written)."""
