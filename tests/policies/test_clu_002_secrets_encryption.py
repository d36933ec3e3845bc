from fleetguard.rules.clu_001_private_endpoint import AKS, EKS, GKE
from fleetguard.rules.clu_002_secrets_encryption import RULE
from tests.policies.conftest import messages, resource

FIX = "turn on security.secretsEncryption in the spec"


def test_compliant_customer_managed_keys() -> None:
    eks = resource(EKS, encryptionConfig={"resources": ["secrets"], "provider": {"keyArn": "arn:aws:kms:x"}})
    gke = resource(GKE, databaseEncryption={"state": "ENCRYPTED", "keyName": "projects/p/keys/k"})
    aks = resource(AKS, securityProfile={"azureKeyVaultKms": {"enabled": True, "keyId": "https://v/keys/k/1"}})
    assert messages(RULE, eks) == messages(RULE, gke) == messages(RULE, aks) == []


def test_fails_eks_without_encryption() -> None:
    assert messages(RULE, resource(EKS, "c")) == [
        f"aws:eks/cluster:Cluster 'c' does not encrypt Secrets with a customer-managed key: encryptionConfig does "
        f"not cover secrets with a KMS key; {FIX}"
    ]


def test_fails_gke_decrypted() -> None:
    assert messages(RULE, resource(GKE, "g", databaseEncryption={"state": "DECRYPTED"})) == [
        f"gcp:container/cluster:Cluster 'g' does not encrypt Secrets with a customer-managed key: databaseEncryption "
        f"is not ENCRYPTED with a Cloud KMS key; {FIX}"
    ]


def test_fails_aks_without_kms() -> None:
    assert messages(RULE, resource(AKS, "a", securityProfile={"workloadIdentity": {"enabled": True}})) == [
        f"azure-native:containerservice:ManagedCluster 'a' does not encrypt Secrets with a customer-managed key: "
        f"securityProfile.azureKeyVaultKms is not enabled with a Key Vault key; {FIX}"
    ]
