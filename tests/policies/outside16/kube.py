"""Kubernetes isolation cases of the sixteenth outside corpus (being written)."""
