"""fleet's core: the facts and decisions that need no Pulumi, no cloud SDK and no spec model.

The region catalogue (``catalog``), compliance regimes (``residency``), ownership labels
(``labels``), Kubernetes quantities (``quantity``), tenant placement (``placement``), cloud location
guardrails (``guardrails``), the restricted Pod Security level (``podsecurity``) and the vcluster
chart fleet pins (``vcluster_chart``). The program builds on it, and the policy pack imports
nothing else of fleet: a published pack installs this package alone (``fleet-core``), without the
program's cloud SDKs. It imports only the standard library, PyYAML and itself
(tests/test_import_contract.py).
"""
