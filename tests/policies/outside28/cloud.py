"""Cloud residency cases of the twenty-eighth outside corpus (being written)."""
