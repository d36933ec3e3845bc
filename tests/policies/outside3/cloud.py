"""Cloud residency cases of the third outside corpus (written by a helper)."""
