"""Cloud residency cases of the seventeenth outside corpus (being written)."""
