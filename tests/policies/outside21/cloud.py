"""Cloud residency cases of the twenty-first outside corpus (being written)."""
