"""What a change does to a stack: resources, tenant moves, residency, dangerous deletions (pure)."""

from __future__ import annotations

from typing import Any

# Resources that hold tenant data or are the cluster itself: deleting one loses data.
STATEFUL_TYPES = frozenset(
    {
        "aws:eks/cluster:Cluster",
        "gcp:container/cluster:Cluster",
        "azure-native:containerservice:ManagedCluster",
        "kubernetes:helm.sh/v3:Release",
        "kubernetes:core/v1:Namespace",
        "aws:kms/key:Key",
        "gcp:kms/cryptoKey:CryptoKey",
        "azure-native:keyvault:Vault",
    }
)
MAX_DEPTH = 3


def changed_keys(before: Any, after: Any, path: str = "", depth: int = 0) -> list[str]:
    """Dotted paths of the input keys that differ, down to a readable depth."""
    if before == after:
        return []
    if depth >= MAX_DEPTH or not (isinstance(before, dict) and isinstance(after, dict)):
        return [path or "(value)"]
    keys = sorted(set(before) | set(after))
    found: list[str] = []
    for key in keys:
        found += changed_keys(before.get(key), after.get(key), f"{path}.{key}" if path else key, depth + 1)
    return found


def diff(base: dict[str, Any], head: dict[str, Any]) -> dict[str, Any]:
    old = {r["urn"]: r for r in base["resources"]}
    new = {r["urn"]: r for r in head["resources"]}
    added = [{"urn": u, "type": new[u]["type"]} for u in sorted(set(new) - set(old))]
    removed = [
        {"urn": u, "type": old[u]["type"], "protected": old[u]["protect"], "stateful": old[u]["type"] in STATEFUL_TYPES}
        for u in sorted(set(old) - set(new))
    ]
    changed = []
    for urn in sorted(set(old) & set(new)):
        keys = changed_keys(old[urn]["inputs"], new[urn]["inputs"])
        protect_changed = old[urn]["protect"] != new[urn]["protect"]
        if keys or protect_changed:
            changed.append(
                {"urn": urn, "type": new[urn]["type"], "keys": keys + (["(protect)"] if protect_changed else [])}
            )
    moves, residency = [], []
    old_tenants, new_tenants = base.get("tenants", {}), head.get("tenants", {})
    for tenant in sorted(set(old_tenants) | set(new_tenants)):
        before, after = old_tenants.get(tenant), new_tenants.get(tenant)
        from_clusters = before["clusters"] if before else []
        to_clusters = after["clusters"] if after else []
        if sorted(from_clusters) != sorted(to_clusters):
            moves.append({"tenant": tenant, "from": sorted(from_clusters), "to": sorted(to_clusters)})
        from_countries = before["countries"] if before else []
        to_countries = after["countries"] if after else []
        if before and after and from_countries != to_countries:
            residency.append(
                {
                    "tenant": tenant,
                    "regime": after["regime"],
                    "from": from_countries,
                    "to": to_countries,
                    "new": sorted(set(to_countries) - set(from_countries)),
                }
            )
    dangerous = [r for r in removed if r["protected"] or r["stateful"]]
    return {
        "added": added,
        "removed": removed,
        "changed": changed,
        "tenantMoves": moves,
        "residencyChanges": residency,
        "dangerousDeletions": dangerous,
    }
