"""Cloud residency cases of the eighth outside corpus (written by a helper)."""
