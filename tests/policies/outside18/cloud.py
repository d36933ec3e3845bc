"""Cloud residency cases of the eighteenth outside corpus (being written)."""
