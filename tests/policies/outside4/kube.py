"""Kubernetes isolation cases of the fourth outside corpus (written by a helper)."""
