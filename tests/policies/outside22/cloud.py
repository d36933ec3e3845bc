"""Cloud residency cases of the twenty-second outside corpus (being written)."""
