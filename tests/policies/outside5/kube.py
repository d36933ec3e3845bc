"""Kubernetes isolation cases of the fifth outside corpus (written by a helper)."""
