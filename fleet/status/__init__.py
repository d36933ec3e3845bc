"""What each cluster of a stack runs now, read from its API server (`fleet status`)."""
