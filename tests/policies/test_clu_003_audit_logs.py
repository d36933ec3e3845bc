from fleetguard.rules.clu_001_private_endpoint import AKS, EKS, GKE
from fleetguard.rules.clu_003_audit_logs import DIAGNOSTIC_SETTING, RULE
from tests.policies.conftest import messages, resource

FIX = "turn on security.auditLogs in the spec"
AKS_ID = "/subscriptions/s/resourceGroups/g/providers/Microsoft.ContainerService/managedClusters/a"


def test_compliant_audit_logs_on_every_cloud() -> None:
    items = [
        resource(EKS, enabledClusterLogTypes=["api", "audit"]),
        resource(GKE, loggingConfig={"enableComponents": ["SYSTEM_COMPONENTS", "APISERVER"]}),
        resource(AKS, id=AKS_ID),
        resource(DIAGNOSTIC_SETTING, resourceUri=AKS_ID, logs=[{"category": "kube-audit", "enabled": True}]),
    ]
    assert messages(RULE, items) == []


def test_fails_eks_without_audit() -> None:
    assert messages(RULE, [resource(EKS, "c", enabledClusterLogTypes=["api"])]) == [
        "aws:eks/cluster:Cluster 'c' has no control-plane audit log: enabledClusterLogTypes does not include "
        f"audit; {FIX}"
    ]


def test_fails_gke_without_apiserver_logs() -> None:
    assert messages(RULE, [resource(GKE, "g", loggingConfig={"enableComponents": ["SYSTEM_COMPONENTS"]})]) == [
        f"gcp:container/cluster:Cluster 'g' has no control-plane audit log: loggingConfig.enableComponents does not "
        f"include APISERVER; {FIX}"
    ]


def test_fails_aks_without_diagnostic_setting() -> None:
    disabled = resource(DIAGNOSTIC_SETTING, resourceUri=AKS_ID, logs=[{"category": "kube-audit", "enabled": False}])
    assert messages(RULE, [resource(AKS, "a", id=AKS_ID), disabled]) == [
        f"azure-native:containerservice:ManagedCluster 'a' has no control-plane audit log: no diagnostic setting "
        f"sends kube-audit logs to a workspace; {FIX}"
    ]
