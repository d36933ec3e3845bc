"""Cloud residency cases of the twenty-seventh outside corpus (being written)."""
