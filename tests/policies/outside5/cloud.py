"""Cloud residency cases of the fifth outside corpus (written by a helper)."""
