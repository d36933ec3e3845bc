"""FLEET-CLU-003: control-plane audit logs are on.

Protects: the ability to answer "who did what" after an incident, which most compliance
regimes require. EKS and GKE configure it on the cluster; AKS through a diagnostic setting that
sends the kube-audit category to a workspace, which is why this is a stack rule. A new AKS
cluster's resource ID is unknown at preview, so its decision is deferred, not guessed.
"""

from __future__ import annotations

from collections.abc import Iterator

from fleetguard.model import AKS, EKS, GKE, Context, Finding, Resource, Rule, each, known

DIAGNOSTIC_SETTING = "azure-native:monitor:DiagnosticSetting"
AKS_AUDIT = {"kube-audit", "kube-audit-admin"}


def _audited(setting: Resource) -> str | None:
    """The resource a diagnostic setting sends audit logs for, lower-cased, or None."""
    categories = {
        str(log.get("category") or log.get("categoryGroup"))
        for log in setting.props.get("logs") or []
        if log.get("enabled")
    }
    if categories & (AKS_AUDIT | {"audit", "allLogs"}):
        return str(setting.props.get("resourceUri", "")).lower()
    return None


def check(resources: list[Resource], ctx: Context) -> Iterator[Finding]:
    audited_aks: set[str] = set()
    unresolved = []  # settings whose target is unknown at preview: they may cover any cluster
    for setting in (r for r in resources if r.type == DIAGNOSTIC_SETTING):
        target, err = known(setting, _audited)
        if err is not None:
            unresolved.append(err)
        elif target:
            audited_aks.add(target)

    def decide(resource: Resource) -> Iterator[Finding]:
        why = None
        if resource.type == EKS and "audit" not in (resource.props.get("enabledClusterLogTypes") or []):
            why = "enabledClusterLogTypes does not include audit"
        elif resource.type == GKE:
            components = (resource.props.get("loggingConfig") or {}).get("enableComponents") or []
            if "APISERVER" not in components:
                why = "loggingConfig.enableComponents does not include APISERVER"
        elif resource.type == AKS and str(resource.props.get("id", "")).lower() not in audited_aks:
            if unresolved:
                raise unresolved[0]
            why = "no diagnostic setting sends kube-audit logs to a workspace"
        if why:
            yield Finding(
                f"{resource.type} {resource.name!r} has no control-plane audit log: {why}; turn on "
                "security.auditLogs in the spec",
                urn=resource.urn,
            )

    yield from each((r for r in resources if r.type in (EKS, GKE, AKS)), decide, "the audit-log check")


RULE = Rule(
    id="FLEET-CLU-003",
    name="cluster-audit-logs",
    title="Ensure control-plane audit logs are collected",
    severity="high",
    default_level="mandatory",
    rationale="Without audit logs an incident cannot be reconstructed, and most regimes require them.",
    remediation="Enable audit logging on the cluster (EKS log types, GKE APISERVER logs, AKS kube-audit setting).",
    stack_check=check,
)
