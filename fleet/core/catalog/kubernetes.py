"""Kubernetes versions the fleet supports.

A version is supported when all three managed services offer it in standard support and
``kubernetes-validate`` ships its schemas, so every object we render is checked against it.
Refresh at each minor release; dropping a version makes stacks that pin it fail validation with
a message that names the replacement.
"""

SUPPORTED_KUBERNETES_VERSIONS: tuple[str, ...] = ("1.34", "1.35", "1.36")
