"""Cloud residency cases of the sixth outside corpus (written by a helper)."""
