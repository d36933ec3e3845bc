"""Cloud residency cases of the twenty-fifth outside corpus (being written)."""
