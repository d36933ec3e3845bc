"""Kubernetes isolation cases of the third outside corpus (written by a helper)."""
