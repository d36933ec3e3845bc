"""Cloud residency cases of the fourth outside corpus (written by a helper)."""
