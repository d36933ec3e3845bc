"""The residency survey covers the pinned provider SDKs exactly.

A pinned provider upgrade that adds a resource type or a property the table does not classify
fails here, and so does a committed table made from other versions or other patterns: regenerate
with ``.venv/bin/python policies/fleetguard/survey/generate.py`` and review the diff.
"""

from __future__ import annotations

import csv
import io
from functools import cache

import pytest

from fleetguard import survey
from fleetguard.survey import classification, generate, scan

REGENERATE = "run: .venv/bin/python policies/fleetguard/survey/generate.py"


@cache
def built() -> dict[str, str]:
    return generate.build()


def rows(text: str) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(text)))


@pytest.mark.parametrize("package", scan.PACKAGES)
def test_every_installed_type_and_property_is_classified(package: str) -> None:
    unclassified = [
        f"{r['type']} {r['property']}".strip() for r in rows(built()[f"{package}.csv"]) if r["role"] == "unclassified"
    ]
    assert unclassified == [], f"classify these in policies/fleetguard/survey/classification.py: {unclassified[:20]}"


@pytest.mark.parametrize("package", scan.PACKAGES)
def test_committed_table_matches_the_installed_sdk(package: str) -> None:
    committed = (survey.TABLES / f"{package}.csv").read_text(encoding="utf-8")
    if committed != built()[f"{package}.csv"]:
        old = {(r["type"], r["property"]): r for r in rows(committed)}
        new = {(r["type"], r["property"]): r for r in rows(built()[f"{package}.csv"])}
        added = sorted(set(new) - set(old))[:10]
        removed = sorted(set(old) - set(new))[:10]
        changed = sorted(k for k in set(old) & set(new) if old[k] != new[k])[:10]
        pytest.fail(f"{REGENERATE} (added {added}, removed {removed}, changed {changed})")


def test_readme_names_the_versions_it_was_made_from() -> None:
    readme = (survey.TABLES / "README.md").read_text(encoding="utf-8")
    for package in scan.PACKAGES:
        assert f"| {scan.DISTRIBUTIONS[package]} | {scan.version(package)} |" in readme, REGENERATE
    assert readme == built()["README.md"], REGENERATE


def test_roles_are_from_the_documented_vocabulary() -> None:
    for pattern in classification.PATTERNS:
        roles = classification.TYPE_ROLES if pattern.path is None else classification.PROPERTY_ROLES
        assert pattern.role in roles, pattern.id
        assert pattern.why and pattern.source.startswith("https://"), pattern.id


def test_every_pattern_classifies_something() -> None:
    used = {r["pattern"] for package in scan.PACKAGES for r in rows(built()[f"{package}.csv"])}
    assert sorted({p.id for p in classification.PATTERNS} - used) == []


def test_the_rules_read_the_committed_table() -> None:
    bucket = survey.entry("gcp:storage/bucket:Bucket")
    assert bucket is not None and bucket.kind == "regional"
    assert {p.path for p in bucket.homes} == {"customPlacementConfig.dataLocations[]", "location"}
    assert survey.entry("aws:iam/role:Role").kind == "global"  # type: ignore[union-attr]
    assert survey.entry("aws:cloudfront/distribution:Distribution").kind == "unplaceable"  # type: ignore[union-attr]
    assert survey.entry("aws-native:s3:Bucket") is None


def test_resource_modules_named_config_are_surveyed() -> None:
    # configuration_store.py is a resource module; only the provider's own config/ package is skipped.
    assert survey.entry("azure-native:appconfiguration:ConfigurationStore") is not None
    assert survey.entry("aws:sesv2/configurationSetEventDestination:ConfigurationSetEventDestination") is not None


def test_a_home_the_sdk_requires_has_no_default() -> None:
    # pulumi_gcp storage.BucketArgs: ``location: pulumi.Input[str]`` (required); a null one is not the provider's.
    bucket = survey.entry("gcp:storage/bucket:Bucket")
    assert bucket is not None and bucket.homes[0].unset == "required"
    assert survey.entry("aws:s3/bucket:Bucket").homes[0].unset == "provider"  # type: ignore[union-attr]


def test_a_location_the_sdk_documents_as_global_by_default_is_not_the_providers() -> None:
    # pulumi_gcp cloudbuild.Trigger: "If not specified, "global" is used"; dataproc.Cluster: "Defaults to `global`".
    for token in ("gcp:cloudbuild/trigger:Trigger", "gcp:dataproc/cluster:Cluster"):
        entry = survey.entry(token)
        assert entry is not None and [p.unset for p in entry.homes] == ["default:global"], token


def test_managed_identities_keep_no_customer_data() -> None:
    entry = survey.entry("azure-native:managedidentity:UserAssignedIdentity")
    assert entry is not None and entry.kind == "global"
