"""Cloud residency cases of the sixteenth outside corpus (being written)."""
