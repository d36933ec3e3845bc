"""What a cluster reports: the alert set (fleet.core.alerts) rendered where each kind of cluster
evaluates it."""
