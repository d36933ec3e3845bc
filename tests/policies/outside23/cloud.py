"""Cloud residency cases of the twenty-third outside corpus (being written)."""
