from fleetguard.rules.clu_001_private_endpoint import AKS, EKS, GKE, RULE
from tests.policies.conftest import messages, resource

FIX = "make the endpoint private or list the CIDRs allowed to reach it (spec: apiEndpoint)"


def test_compliant_private_endpoints() -> None:
    assert messages(RULE, resource(EKS, vpcConfig={"endpointPublicAccess": False})) == []
    assert messages(RULE, resource(GKE, privateClusterConfig={"enablePrivateEndpoint": True})) == []
    assert messages(RULE, resource(AKS, apiServerAccessProfile={"enablePrivateCluster": True})) == []


def test_compliant_restricted_endpoints() -> None:
    assert (
        messages(RULE, resource(EKS, vpcConfig={"endpointPublicAccess": True, "publicAccessCidrs": ["10.0.0.0/8"]}))
        == []
    )
    gke = resource(GKE, masterAuthorizedNetworksConfig={"cidrBlocks": [{"cidrBlock": "192.168.1.0/24"}]})
    assert messages(RULE, gke) == []
    assert messages(RULE, resource(AKS, apiServerAccessProfile={"authorizedIPRanges": ["203.0.113.0/24"]})) == []


def test_fails_eks_public_by_default() -> None:
    assert messages(RULE, resource(EKS, "c", vpcConfig={"subnetIds": ["s"]})) == [
        f"aws:eks/cluster:Cluster 'c' exposes its API server to the internet: vpcConfig.endpointPublicAccess is on "
        f"for 0.0.0.0/0; {FIX}"
    ]


def test_fails_eks_open_cidr() -> None:
    assert messages(RULE, resource(EKS, "c", vpcConfig={"publicAccessCidrs": ["0.0.0.0/0"]})) != []


def test_fails_gke_public_without_authorized_networks() -> None:
    assert messages(RULE, resource(GKE, "g", privateClusterConfig={"enablePrivateNodes": True})) == [
        f"gcp:container/cluster:Cluster 'g' exposes its API server to the internet: the endpoint is public and "
        f"masterAuthorizedNetworksConfig allows any address; {FIX}"
    ]


def test_fails_aks_public_without_ranges() -> None:
    assert messages(RULE, resource(AKS, "a", apiServerAccessProfile={"authorizedIPRanges": ["0.0.0.0/0"]})) == [
        f"azure-native:containerservice:ManagedCluster 'a' exposes its API server to the internet: "
        f"apiServerAccessProfile is public with no authorizedIPRanges limit; {FIX}"
    ]
