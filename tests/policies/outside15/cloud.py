"""Cloud residency cases of the fifteenth outside corpus (being written)."""
