"""Kubernetes isolation cases of the ninth outside corpus (written by a helper)."""
