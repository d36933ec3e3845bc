"""Cloud residency cases of the seventh outside corpus (written by a helper)."""
