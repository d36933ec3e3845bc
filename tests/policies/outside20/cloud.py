"""Cloud residency cases of the twentieth outside corpus (being written)."""
