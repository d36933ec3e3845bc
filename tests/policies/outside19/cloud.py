"""Cloud residency cases of the nineteenth outside corpus (being written)."""
