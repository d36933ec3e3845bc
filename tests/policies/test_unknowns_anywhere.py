"""An unknown value anywhere defers only the decisions that need it (issue 20): with any one string of a
tenant and cloud stack unknown at preview, as the engine sends values that come from resources not created
yet, no stack rule fails (which would fail the whole preview's analysis, as a crash does)."""

from __future__ import annotations

import copy
from collections.abc import Iterator
from typing import Any

import pytest

from fleetguard.model import Resource, Unknown
from fleetguard.pack import _stack_findings
from fleetguard.rules import RULES
from tests.policies.conftest import CTX
from tests.policies.corpus import Stack, secret

GDPR = {"fleet-residency": "gdpr"}
SCP = (
    '{"Version":"2012-10-17","Statement":[{"Effect":"Deny","NotAction":["iam:*"],"Resource":"*",'
    '"Condition":{"StringNotEquals":{"aws:RequestedRegion":["eu-west-1"]}}}]}'
)


def build() -> Stack:
    s = Stack("unknowns")
    component, k8s = s.cluster("EksCluster", "eu1", "aws", region="eu-west-1")
    s.add("aws:eks/cluster:Cluster", "eu1-eks", s.urn("pulumi:providers:aws", "eu1-aws"), parent=component,
          name="eu1", tags={"fleet-residency": "none"})  # fmt: skip
    s.tenant(k8s, "acme", "acme")
    s.tenant(k8s, "globex", "globex", regime="eu")
    meta = {"namespace": "acme", "labels": {"fleet-tenant": "acme"}}
    rbac = "rbac.authorization.k8s.io"
    s.add(f"kubernetes:{rbac}/v1:Role", "role", k8s, metadata={"name": "reader", **meta},
          rules=[{"apiGroups": [""], "resources": ["pods"], "verbs": ["get"]}])  # fmt: skip
    s.add(f"kubernetes:{rbac}/v1:RoleBinding", "binding", k8s, metadata={"name": "reader", **meta},
          roleRef={"kind": "Role", "name": "reader", "apiGroup": rbac},
          subjects=[{"kind": "ServiceAccount", "name": "app", "namespace": "acme"}])  # fmt: skip
    s.add(f"kubernetes:{rbac}/v1:ClusterRole", "aggregated", k8s,
          metadata={"name": "widgets-view", "labels": {f"{rbac}/aggregate-to-view": "true"}},
          rules=[{"apiGroups": ["example.com"], "resources": ["widgets"], "verbs": ["get"]}])  # fmt: skip
    s.add(f"kubernetes:{rbac}/v1:ClusterRoleBinding", "oncall", k8s, metadata={"name": "ops"},
          roleRef={"kind": "ClusterRole", "name": "view", "apiGroup": rbac},
          subjects=[{"kind": "Group", "name": "platform-oncall"}])  # fmt: skip
    s.add("kubernetes:networking.k8s.io/v1:NetworkPolicy", "web", k8s, metadata={"name": "web", **meta},
          spec={"podSelector": {"matchLabels": {"app": "web"}}, "ingress": [{"from": [
              {"namespaceSelector": {"matchLabels": {"kubernetes.io/metadata.name": "acme"}}}]}]})  # fmt: skip
    s.add("kubernetes:core/v1:Service", "svc", k8s, metadata={"name": "web", **meta},
          spec={"type": "ClusterIP", "ports": [{"port": 80}]})  # fmt: skip
    s.add("kubernetes:core/v1:ConfigMap", "cm", k8s, metadata={"name": "cfg", **meta}, data={"LOG_LEVEL": "info"})
    s.add("kubernetes:core/v1:Secret", "secret", k8s, metadata={"name": "creds", **meta},
          stringData=secret({"password": "x"}))  # fmt: skip
    s.add("kubernetes:admissionregistration.k8s.io/v1:ValidatingWebhookConfiguration", "hooks", k8s,
          metadata={"name": "acme-hooks", "labels": {"fleet-tenant": "acme"}},
          webhooks=[{"name": "a.acme.example.com", "clientConfig": {"service": {"namespace": "acme", "name": "hooks"}},
                     "rules": [{"operations": ["CREATE"], "apiGroups": [""], "apiVersions": ["v1"],
                                "resources": ["pods"]}],
                     "namespaceSelector": {"matchLabels": {"kubernetes.io/metadata.name": "acme"}},
                     "sideEffects": "None", "admissionReviewVersions": ["v1"]}])  # fmt: skip
    s.add("kubernetes:core/v1:NamespacePatch", "patch", k8s, metadata={"name": "acme", "annotations": {"team": "a"}})
    aws = s.aws("eu-west-1")
    s.add("aws:s3/bucket:Bucket", "source", aws, bucket="data", tags=GDPR)
    s.add("aws:s3/bucket:Bucket", "copy", s.aws("eu-central-1"), bucket="copy")
    s.add("aws:s3/bucketReplicationConfig:BucketReplicationConfig", "replication", aws, bucket="data",
          role="arn:aws:iam::111111111111:role/r",
          rules=[{"status": "Enabled", "destination": {"bucket": "arn:aws:s3:::copy"}}])  # fmt: skip
    s.add("aws:dynamodb/table:Table", "table", aws, name="t", hashKey="id", attributes=[{"name": "id", "type": "S"}],
          replicas=[{"regionName": "eu-central-1"}], tags=GDPR)  # fmt: skip
    s.add("aws:rds/instance:Instance", "db-replica", s.aws("eu-west-3"), identifier="db-r",
          replicateSourceDb="arn:aws:rds:eu-west-1:111111111111:db:db", instanceClass="db.t3.micro")  # fmt: skip
    s.add("aws:organizations/policy:Policy", "scp", aws, name="eu", type="SERVICE_CONTROL_POLICY", content=SCP)
    gcp = s.gcp("europe-west3")
    s.add("gcp:storage/bucket:Bucket", "bucket", gcp, name="gb", location="EU", labels=GDPR)
    s.add("gcp:logging/projectSink:ProjectSink", "sink", gcp, name="s", destination="storage.googleapis.com/gb")
    s.add("gcp:orgpolicy/policy:Policy", "locations", gcp, name="projects/p/policies/gcp.resourceLocations",
          parent="projects/p", spec={"rules": [{"values": {"allowedValues": ["in:eu-locations"]}}]})  # fmt: skip
    azure = s.azure("westeurope")
    s.add("azure-native:resources:ResourceGroup", "rg", azure, resourceGroupName="rg", location="westeurope")
    s.add("azure-native:storage:StorageAccount", "account", azure, resourceGroupName="rg", accountName="sa",
          sku={"name": "Standard_GRS"}, kind="StorageV2", tags=GDPR)  # fmt: skip
    s.add("azure-native:authorization:PolicyAssignment", "assignment", azure, policyAssignmentName="loc",
          scope="/subscriptions/s",
          policyDefinitionId="/providers/Microsoft.Authorization/policyDefinitions/e56962a6-4747-49cd-b67b-bf8b01975c4c",
          parameters={"listOfAllowedLocations": {"value": ["westeurope"]}})  # fmt: skip
    return s


def resources(stack: Stack) -> list[Resource]:
    providers = {r.urn: r for r in stack.resources if r.type.startswith("pulumi:providers:")}
    found = []
    for r in stack.resources:
        p = providers.get(r.provider) if r.provider else None
        found.append(
            Resource(
                r.type,
                r.urn,
                r.name,
                r.inputs,
                provider_type=p.type if p else None,
                provider_props=p.inputs if p else {},
                provider_urn=r.provider,
                provider_name=p.name if p else None,
                parent=r.parent,
            )
        )
    return found


def paths(value: Any, path: tuple[Any, ...] = ()) -> Iterator[tuple[Any, ...]]:
    if isinstance(value, dict):
        for key, item in value.items():
            yield from paths(item, (*path, key))
    elif isinstance(value, list):
        for i, item in enumerate(value):
            yield from paths(item, (*path, i))
    elif isinstance(value, str):
        yield path


VARIANTS = [
    (i, path)
    for i, r in enumerate(build().resources)
    if not r.type.startswith("pulumi:providers:")
    for path in paths(r.inputs)
]


def test_the_stack_is_varied_at_every_string_of_every_resource() -> None:
    assert len(VARIANTS) > 150


@pytest.mark.parametrize("rule", [r for r in RULES if r.stack_check is not None], ids=lambda r: r.id)
def test_no_stack_rule_fails_on_an_unknown_value_anywhere(rule: Any) -> None:
    failures = []
    for i, path in VARIANTS:
        stack = build()
        subject = stack.resources[i]
        subject.inputs = copy.deepcopy(subject.inputs)
        where: Any = subject.inputs
        for key in path[:-1]:
            where = where[key]
        where[path[-1]] = Unknown(subject.urn, ".".join(map(str, path)))
        try:
            _stack_findings(rule, resources(stack), CTX)
        except Exception as err:  # any failure is the finding
            failures.append(f"{subject.type} {'.'.join(map(str, path))}: {type(err).__name__} {err}")
    assert failures == []
