"""The engine's steps beyond the inputs: unknown outputs of what is created or replaced reach the
inputs that take them, to a fixpoint; what the cloud refuses blocks."""

from __future__ import annotations

from typing import Any

from fleet.review.diff import diff
from fleet.review.document import StackReview
from fleet.review.steps import cascade, computed
from tests.conftest import raw_spec
from tests.review.test_review import snap


def resource(urn: str, type_: str, inputs: dict[str, Any], outputs: dict[str, Any] | None = None, **rest: Any) -> dict:
    return {
        "urn": urn,
        "type": type_,
        "name": urn,
        "inputs": inputs,
        "outputs": {**inputs, **(outputs or {})},
        "id": rest.pop("id", f"{urn}-id0001"),
        "protect": rest.pop("protect", False),
        "dependencies": rest.pop("dependencies", []),
        "propertyDependencies": rest.pop("propertyDependencies", {}),
        "provider": None,
        "parent": None,
        **rest,
    }


def snapshot(*resources: dict) -> dict:
    return {"resources": list(resources), "tenants": {}}


VPC, SUBNET, GROUP = "aws:ec2/vpc:Vpc", "aws:ec2/subnet:Subnet", "aws:eks/nodeGroup:NodeGroup"


def test_only_computed_outputs_are_unknown_not_copies_of_inputs() -> None:
    namespace = resource("ns", "kubernetes:core/v1:Namespace", {"metadata": {"name": "payments"}}, {"status": "Active"})
    assert computed(namespace) == {"ns-id0001", "Active"}  # its ID and its status; "payments" is its own input


def test_a_replacement_reaches_through_the_graph_to_a_fixpoint() -> None:
    vpc = resource("vpc", VPC, {"cidrBlock": "10.0.0.0/16"})
    subnet = resource("subnet", SUBNET, {"vpcId": "vpc-id0001", "cidrBlock": "10.0.0.0/18"},
                      propertyDependencies={"vpcId": ["vpc"]})  # fmt: skip
    group = resource("group", GROUP, {"subnetIds": ["subnet-id0001"], "scalingConfig": {"minSize": 1}},
                     propertyDependencies={"subnetIds": ["subnet"]})  # fmt: skip
    echo = resource("echo", "aws:ec2/route:Route", {"destinationCidrBlock": "10.0.0.0/16"},
                    propertyDependencies={"destinationCidrBlock": ["vpc"]})  # fmt: skip
    new = {r["urn"]: r for r in (vpc, subnet, group, echo)}
    actions, reached = cascade(new, set(new), {"vpc": "replace"})
    # vpcId forces a subnet's replacement; subnetIds a node group's; the route takes only the VPC's
    # own input (its CIDR), which is known during the plan, so it stays.
    assert actions == {"vpc": "replace", "subnet": "replace", "group": "replace"}
    assert reached["group"].paths == {("subnetIds",): {"subnet"}}
    assert "echo" not in reached


def test_an_unknown_input_that_does_not_force_replacement_is_an_update() -> None:
    vpc = resource("vpc", VPC, {"cidrBlock": "10.0.0.0/16"})
    gateway = resource("igw", "aws:ec2/internetGateway:InternetGateway", {"vpcId": "vpc-id0001"},
                       propertyDependencies={"vpcId": ["vpc"]})  # fmt: skip
    base = snapshot(vpc, gateway)
    head = snapshot(resource("vpc", VPC, {"cidrBlock": "10.1.0.0/16"}), gateway)
    changes = by_name_urn(diff(base, head, "main"))
    assert changes["igw"].action == "update"
    assert changes["igw"].values[0].new == "(known after vpc is replaced)"


def test_a_protected_resource_reached_by_a_cascade_blocks() -> None:
    key = resource("key", "aws:kms/key:Key", {"description": "x"})
    encryption = {"encryptionConfig": {"provider": {"keyArn": "key-id0001"}}}
    cluster = resource("cluster", "aws:eks/cluster:Cluster", encryption,
                       propertyDependencies={"encryptionConfig": ["key"]}, protect=True)  # fmt: skip
    base = snapshot(key, cluster)
    head = snapshot(
        resource("key", "aws:kms/key:Key", {"description": "x", "customerMasterKeySpec": "RSA_2048"}), cluster
    )
    changes = diff(base, head, "main")
    assert [c.urn for c in changes.blocked_deletions] == ["cluster"]


def test_a_new_subnet_for_an_existing_aks_pool_is_refused() -> None:
    pool = "azure-native:containerservice:AgentPool"
    base = snapshot(resource("pool", pool, {"vnetSubnetID": "/subnets/a", "count": 3}))
    head = snapshot(resource("pool", pool, {"vnetSubnetID": "/subnets/b", "count": 3}))
    (change,) = diff(base, head, "main").refused
    assert "AKS rejects a new vnetSubnetID" in change.refused


def test_changing_the_node_range_of_a_prod_eks_cluster_is_blocked_with_the_cascade() -> None:
    """The issue's case: the VPC and subnets are replaced, so the node groups' subnetIds become
    unknown and they are replaced with every node; the cluster is asked to move VPC, which EKS
    refuses, so `pulumi up` would fail half-way with a new VPC beside the old one."""
    spec = raw_spec("prod")
    cluster = next(c for c in spec["clusters"] if c["name"] == "prod-aws-euc1")
    cluster["network"]["nodeCidr"] = "10.99.0.0/16"
    changes = diff(snap("prod"), snap("prod", spec), "main")
    named = {(r.type, r.urn.rsplit("::", 1)[1]): r for r in changes.resources}
    for pool in ("prod-aws-euc1-system", "prod-aws-euc1-general"):
        group = named[(GROUP, pool)]
        assert group.action == "replace" and group.values[0].key == "subnetIds" and group.values[0].forces_replacement
    eks = named[("aws:eks/cluster:Cluster", "prod-aws-euc1-eks")]
    assert eks.action == "update" and "cannot move a cluster to another VPC" in eks.refused
    dangerous = {r.type for r in changes.dangerous}
    assert {VPC, SUBNET, GROUP} <= dangerous
    review = StackReview("prod", "stacks/Pulumi.prod.yaml", "prod", True, changes=changes)
    assert review.verdict == "blocked"


def by_name_urn(changes: Any) -> dict[str, Any]:
    return {c.urn: c for c in changes.resources}


K8S_BINDING = "kubernetes:rbac.authorization.k8s.io/v1:RoleBinding"


def binding(role: str, provider: str = "urn:provider::fra", **rest: Any) -> dict:
    found = resource(
        "binding",
        K8S_BINDING,
        {"metadata": {"name": "tenant-admin", "namespace": "payments"}, "roleRef": {"name": role}},
        **rest,
    )
    found["provider"] = provider
    return found


def test_a_named_kubernetes_object_replaced_in_place_is_deleted_first() -> None:
    """The Kubernetes provider deletes first when the new object keeps the old one's name and
    namespace (both cannot exist at once): the binding is gone until it is created again."""
    (change,) = diff(snapshot(binding("admin")), snapshot(binding("edit")), "main").resources
    assert change.action == "replace" and change.delete_first
    assert change in diff(snapshot(binding("admin")), snapshot(binding("edit")), "main").dangerous


def test_a_kubernetes_object_renamed_or_moved_to_another_provider_is_created_first() -> None:
    renamed = binding("edit")
    renamed["inputs"]["metadata"]["name"] = "tenant-admins"
    (change,) = diff(snapshot(binding("admin")), snapshot(renamed), "main").resources
    assert change.action == "replace" and not change.delete_first
    # A new provider: the engine's own replacement, which creates first.
    (change,) = diff(snapshot(binding("admin")), snapshot(binding("edit", provider="urn:provider::nyc")),
                     "main").resources  # fmt: skip
    assert change.action == "replace" and not change.delete_first


def test_a_helm_release_is_never_deleted_first() -> None:
    release = "kubernetes:helm.sh/v3:Release"
    base = snapshot(resource("studio", release, {"name": "studio", "namespace": "studio"}))
    head = snapshot(resource("studio", release, {"name": "studio", "namespace": "studio-host"}))
    (change,) = diff(base, head, "main").resources
    assert change.action == "replace" and not change.delete_first


def test_an_eks_cluster_is_replaced_delete_first_and_takes_its_node_groups_with_it() -> None:
    """The EKS cluster is registered with deleteBeforeReplace (a cluster's name is unique in the
    account and region): a new service range deletes the cluster first, and with it, first too,
    everything whose inputs take its name (node groups, add-ons, access entries) and its
    Kubernetes provider (an unknown kubeconfig replaces it), so every tenant object on it too."""
    spec = raw_spec("dev")
    cluster = next(c for c in spec["clusters"] if c.get("cloud") == "aws")
    cluster.setdefault("network", {})["serviceCidr"] = "172.21.0.0/16"
    changes = diff(snap("dev"), snap("dev", spec), "main")
    first = {(r.type, r.urn.rsplit("::", 1)[1]) for r in changes.resources if r.delete_first}
    eks = [r for r in changes.resources if r.type == "aws:eks/cluster:Cluster"]
    assert [r.action for r in eks] == ["replace"] and eks[0].delete_first
    assert {t for t, _ in first} >= {"aws:eks/cluster:Cluster", GROUP, "aws:eks/addon:Addon",
                                     "pulumi:providers:kubernetes", "kubernetes:core/v1:Namespace"}  # fmt: skip
    assert all(r.action == "replace" for r in changes.resources if r.delete_first)
    # The GKE cluster beside it is untouched.
    assert not [r for r in changes.resources if r.type.startswith("gcp:")]


def test_the_report_says_which_replacements_delete_first() -> None:
    from fleet.review.document import Review
    from fleet.review.report import markdown, text

    changes = diff(snapshot(binding("admin")), snapshot(binding("edit")), "main")
    review = Review((StackReview("dev", "stacks/Pulumi.dev.yaml", "dev", False, changes=changes),))
    assert "REPLACE, DELETE FIRST RoleBinding binding (dangerous)" in text(review)
    rendered = markdown(review)
    assert "replace, delete first" in rendered and "gone in between" in rendered


def test_a_change_the_program_ignores_after_creation_is_no_step_and_is_said_to_have_no_effect() -> None:
    """AKS's first pool is create-only (the cluster ignores agentPoolProfiles after creation, see
    fleet/clusters/aks.py): the engine plans no step for a new maxSize there, and the review says
    the change has no effect instead of promising an update."""
    from fleet.review.document import Review
    from fleet.review.report import text

    spec = raw_spec("dev")
    azure = next(c for c in spec["clusters"] if c.get("cloud") == "azure")
    azure["nodePools"][0]["maxSize"] = 5
    changes = diff(snap("dev"), snap("dev", spec), "main")
    assert not [r for r in changes.resources if r.type == "azure-native:containerservice:ManagedCluster"]
    (ignored,) = changes.without_effect
    assert ignored.type == "azure-native:containerservice:ManagedCluster"
    assert [v.key for v in ignored.values] == ["agentPoolProfiles"]
    review = Review((StackReview("dev", "stacks/Pulumi.dev.yaml", "dev", False, changes=changes),))
    assert "!! NO EFFECT: ManagedCluster dev-azure-weu-aks: agentPoolProfiles" in text(review)
    # An EKS node group's desired size is the autoscaler's, its limits are not.
    spec = raw_spec("dev")
    aws = next(c for c in spec["clusters"] if c.get("cloud") == "aws")
    aws["nodePools"][0]["minSize"] = 2
    changes = diff(snap("dev"), snap("dev", spec), "main")
    assert [(r.action, [v.key for v in r.values]) for r in changes.resources] == [("update", ["scalingConfig.minSize"])]
