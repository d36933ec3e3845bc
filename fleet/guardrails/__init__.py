"""The cloud location guardrails as Pulumi resources (components.py); what they hold comes from
``fleet.core.guardrails``, which of them a stack deploys from ``fleet.spec.guardrails``."""
