"""Cloud residency cases of the twenty-fourth outside corpus (being written)."""
