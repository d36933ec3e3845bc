"""fleetguard: the fleet's CrossGuard rules as pure checks, plus the glue to pulumi_policy.

Rules read resources through ``model.Resource`` and return findings; ``pack.py`` turns them into
``pulumi_policy`` policies. Only ``policies/__main__.py`` constructs the PolicyPack.
"""
