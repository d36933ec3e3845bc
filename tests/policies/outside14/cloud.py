"""Cloud residency cases of the fourteenth outside corpus (being written)."""
