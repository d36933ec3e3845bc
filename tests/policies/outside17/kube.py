"""Kubernetes isolation cases of the seventeenth outside corpus (being written)."""
