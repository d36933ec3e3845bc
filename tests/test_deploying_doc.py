"""docs/DEPLOYING.md against the repository it describes.

What a team sets up once is named in the doc; what it names must exist. Each check goes both ways,
so the doc fails when the workflows, `fleet stacks` or the stack files change without it (a new
variable, environment, account, project or subscription), and when it keeps one they dropped.
"""

from __future__ import annotations

import re
from functools import cache
from typing import Any

import yaml

from fleet.cli import stack_table
from fleet.clusters import aks
from fleet.spec.model import AwsCluster, AzureCluster, GcpCluster
from fleet.spec.waves import read_upgrades
from tests.conftest import ROOT, STACKS, fleet_of

DOC = ROOT / "docs" / "DEPLOYING.md"
README = ROOT / "README.md"
GITHUB = ROOT / ".github"
VARIABLE = re.compile(r"\bvars\.([A-Za-z_][A-Za-z0-9_]*)")
ACCOUNT = re.compile(r"(?<![\d-])\d{12}(?![\d-])")
UUID = re.compile(r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}")
SUBJECT = "repo:<owner>/<repo>:"


@cache
def doc() -> str:
    return DOC.read_text(encoding="utf-8")


def section(title: str, text: str | None = None, level: str = "## ") -> str:
    """The text under the heading ``title`` (up to the next heading of the same level)."""
    text = doc() if text is None else text
    heading = f"\n{level}{title}\n"
    assert text.count(heading) == 1, f"docs/DEPLOYING.md has no single {level.strip()} {title!r} section"
    return text.split(heading, 1)[1].split(f"\n{level}", 1)[0]


def table(text: str) -> list[list[str]]:
    """The rows of the first table in ``text`` (header and separator dropped), as cells."""
    lines: list[str] = []
    for line in text.splitlines():
        if line.startswith("|"):
            lines.append(line)
        elif lines:
            break
    assert len(lines) > 2, "no table found"
    return [[cell.strip() for cell in line.strip().strip("|").split("|")] for line in lines[2:]]


def ticked(cell: str) -> list[str]:
    return re.findall(r"`([^`]+)`", cell)


@cache
def stacks() -> list[dict[str, Any]]:
    return stack_table(ROOT)


def environments() -> dict[str, list[dict[str, Any]]]:
    found: dict[str, list[dict[str, Any]]] = {}
    for row in stacks():
        found.setdefault(row["githubEnvironment"], []).append(row)
    return found


# GitHub ---------------------------------------------------------------------------------------


def workflow_variables() -> dict[str, set[bool]]:
    """Every ``vars.NAME`` under .github/, with whether each place reading it runs in a GitHub
    environment (True), outside one (False); a read outside any job counts as outside."""
    found: dict[str, set[bool]] = {}
    for path in sorted(p for p in GITHUB.rglob("*") if p.suffix in (".yml", ".yaml")):
        text = path.read_text(encoding="utf-8")
        in_jobs: set[str] = set()
        document = yaml.safe_load(text) or {}
        for job in (document.get("jobs") or {}).values():
            job_text = yaml.safe_dump(job)
            names = set(VARIABLE.findall(job_text))
            in_jobs |= names
            for name in names:
                found.setdefault(name, set()).add("environment" in job)
        for name in set(VARIABLE.findall(text)) - in_jobs:
            found.setdefault(name, set()).add(False)
    return found


def documented_variables() -> dict[str, str]:
    """The Variables table: name -> where it is set."""
    rows = table(section("Variables", section("GitHub"), "### "))
    found = {}
    for row in rows:
        (name,) = ticked(row[0])
        found[name] = row[1]
    return found


def test_the_workflows_read_variables() -> None:
    # Without this, the checks below would pass on an empty set.
    assert {"PULUMI_ORG", "AZURE_SUBSCRIPTION_ID"} <= set(workflow_variables())


def test_every_workflow_variable_is_documented_and_every_documented_one_is_read() -> None:
    used, documented = set(workflow_variables()), set(documented_variables())
    assert used - documented == set(), (
        f"read under .github/ but missing from the doc's Variables table: {used - documented}"
    )
    assert documented - used == set(), (
        f"in the doc's Variables table but read nowhere under .github/: {documented - used}"
    )
    for name in used:
        assert f"`{name}`" in doc()


def test_every_variable_is_documented_at_the_level_its_readers_see() -> None:
    documented = documented_variables()
    for name, in_environment in workflow_variables().items():
        level = documented[name]
        if False in in_environment:
            assert "repository" in level, f"{name} is read by a job outside any environment: set it at repository level"
        if True in in_environment and "repository" not in level:
            missing = [env for env in environments() if f"`{env}`" not in level]
            assert not missing, f"{name} is set per environment, but the doc leaves out {missing}"
        if in_environment == {True}:
            assert "environment" in level, f"{name} is read only by deploy jobs: say which environments set it"


def test_every_github_environment_is_documented_with_its_stacks_and_approval() -> None:
    rows = {ticked(row[0])[0]: row for row in table(section("Environments", section("GitHub"), "### "))}
    assert set(rows) == set(environments()), (
        f"the doc's environments {sorted(rows)} are not the ones `fleet stacks` gives: {sorted(environments())}"
    )
    for env, members in environments().items():
        row = rows[env]
        assert set(ticked(row[1])) == {m["stack"] for m in members}, env
        production = {m["production"] for m in members}
        assert len(production) == 1, env
        assert (row[2] == "true") is production.pop()
        # The approval: required reviewers on every production environment, and only there.
        assert ("required reviewers" in row[3]) is (row[2] == "true"), env


def test_oidc_subjects_are_the_environments_and_pull_requests() -> None:
    for env in environments():
        assert f"{SUBJECT}environment:{env}`" in doc(), env
    assert f"{SUBJECT}pull_request`" in doc()
    named = set(re.findall(r":environment:([a-z][a-z0-9-]*)", doc()))
    assert named <= set(environments()), (
        f"OIDC subjects of environments that do not exist: {named - set(environments())}"
    )


def test_runner_labels_are_the_specs() -> None:
    rows = table(section("Runners", section("GitHub"), "### "))
    for stack in stacks():
        row = next((r for r in rows if stack["stack"] in ticked(r[0])), None)
        assert row is not None, f"the Runners table has no row for {stack['stack']}"
        assert ticked(row[1]) == [", ".join(stack["runsOn"])], stack["stack"]
        deployer = fleet_of(stack["stack"]).spec.deployer
        for cidr in (*deployer.public_egress, *([deployer.private_network] if deployer.private_network else [])):
            assert cidr in row[2], (stack["stack"], cidr)


def test_the_readme_links_it_where_ci_and_the_real_path_are_described() -> None:
    readme = README.read_text(encoding="utf-8")
    for title in ("## Run it for real", "### CI workflows"):
        part = readme.split(f"\n{title}\n", 1)[1].split("\n#", 1)[0]
        assert "(docs/DEPLOYING.md)" in part, f"README {title!r} does not link docs/DEPLOYING.md"


# Clouds ---------------------------------------------------------------------------------------


def stack_accounts() -> dict[str, set[str]]:
    """AWS account IDs the stacks name: deploy roles, clusters, group roles, guardrails."""
    found: dict[str, set[str]] = {"role": set(), "cluster": set(), "other": set()}
    for stack in STACKS:
        fleet = fleet_of(stack)
        spec = fleet.spec
        if spec.deployer.aws:
            found["role"].add(spec.deployer.aws.role_arn.split(":")[4])
        for cluster in fleet.clusters:
            if isinstance(cluster, AwsCluster) and cluster.account:
                found["cluster"].add(cluster.account)
        for mapping in spec.identity.groups.values():
            if mapping.aws:
                found["other"].add(mapping.aws.split(":")[4])
        for guardrail in spec.guardrails:
            if guardrail.aws:
                found["other"] |= {guardrail.aws.management_role_arn.split(":")[4], *guardrail.aws.accounts}
                found["other"] |= {t for t in guardrail.aws.targets if ACCOUNT.fullmatch(t)}
    return found


def test_every_aws_account_of_the_stacks_is_named_and_every_named_one_exists() -> None:
    accounts = stack_accounts()
    named = set(ACCOUNT.findall(doc()))
    for kind in ("role", "cluster"):
        assert accounts[kind] - named == set(), (
            f"{kind} accounts of stacks/ missing from the doc: {accounts[kind] - named}"
        )
    every = set().union(*accounts.values())
    assert named - every == set(), f"accounts in the doc that no stack names: {named - every}"


def test_the_aws_accounts_table_is_the_specs() -> None:
    rows = {ticked(row[0])[0]: row for row in table(section("Accounts and regions", section("AWS"), "### "))}
    assert set(rows) == {s["stack"] for s in stacks() if "aws" in s["clouds"]}
    for stack, row in rows.items():
        fleet = fleet_of(stack)
        assert fleet.spec.deployer.aws is not None
        assert row[1] == fleet.spec.deployer.aws.role_arn.split(":")[4], stack
        listed = set(re.findall(r"`([a-z0-9-]+)`: ([a-z0-9-]+), (\d{12})", row[2]))
        expected = {(c.name, c.region, c.account) for c in fleet.deployed_clusters if isinstance(c, AwsCluster)}
        assert listed == expected, stack


def test_every_deploy_role_is_trusted_for_its_environment() -> None:
    rows = table(section("OIDC trust for GitHub Actions", section("AWS"), "### "))
    trusted = {ticked(r[0])[0]: ticked(r[1])[0] for r in rows}
    for stack in stacks():
        if stack["awsRole"]:
            assert trusted.get(stack["awsRole"]) == f"{SUBJECT}environment:{stack['githubEnvironment']}", stack


def test_the_gcp_projects_table_is_the_specs() -> None:
    rows = table(section("Google Cloud (GKE)"))
    listed = {(ticked(r[0])[0], ticked(r[1])[0], tuple(re.findall(r"`([a-z0-9-]+)` \(", r[2]))) for r in rows}
    expected = set()
    for stack in STACKS:
        by_project: dict[str, list[str]] = {}
        for c in fleet_of(stack).deployed_clusters:
            if isinstance(c, GcpCluster):
                by_project.setdefault(c.project, []).append(c.name)
        expected |= {(project, stack, tuple(names)) for project, names in by_project.items()}
    assert listed == expected
    # Every GCP project a guardrail names is one of them.
    guarded = {p for s in STACKS for g in fleet_of(s).spec.guardrails if g.gcp for p in g.gcp.projects}
    assert guarded <= {project for project, _, _ in listed}


def azure_ids() -> dict[str, set[str]]:
    found: dict[str, set[str]] = {"subscription": set(), "runners": set(), "principal": set()}
    for stack in STACKS:
        fleet = fleet_of(stack)
        azure = fleet.spec.deployer.azure
        if azure:
            found["principal"].add(azure.principal_object_id)
            if azure.runner_virtual_network_id:
                found["runners"].add(azure.runner_virtual_network_id.split("/")[2])
        for c in fleet.clusters:
            if isinstance(c, AzureCluster) and c.subscription:
                found["subscription"].add(c.subscription)
    upgrades = read_upgrades(ROOT / "stacks")
    manager = upgrades.azure_fleet_manager if upgrades else None
    found["fleet manager"] = {manager.subscription} if manager else set()
    return found


def test_the_azure_subscriptions_table_is_the_specs() -> None:
    rows = table(section("Azure (AKS)"))
    listed = {ticked(r[0])[0] for r in rows}
    ids = azure_ids()
    assert listed == ids["subscription"] | ids["runners"]
    for row in rows:
        (subscription,) = ticked(row[0])
        for stack in ticked(row[1]):
            fleet = fleet_of(stack)
            names = {c.name for c in fleet.deployed_clusters if getattr(c, "subscription", None) == subscription}
            assert names <= set(ticked(row[2])), (subscription, stack)


# Built-in Azure role definitions the doc names besides the ones the program assigns: the same in
# every tenant (learn.microsoft.com/azure/role-based-access-control/built-in-roles).
CONTRIBUTOR = "b24988ac-6180-42a0-ab88-20f7382dd24c"
RBAC_ADMINISTRATOR = "f58310d9-a9f6-439a-9e8d-f62e7b41a168"
RESOURCE_POLICY_CONTRIBUTOR = "36243c78-bf99-498c-9df9-86d9f8d28608"


def test_every_uuid_in_the_doc_is_a_subscription_principal_or_role_of_the_repository() -> None:
    ids = azure_ids()
    for principal in ids["principal"]:
        assert principal in doc(), f"deployer.azure.principalObjectId {principal} is missing from the doc"
    known = set().union(*ids.values()) | set(aks.ASSIGNABLE_ROLES) | {aks.AKS_AAD_SERVER_ID}
    known |= {CONTRIBUTOR, RBAC_ADMINISTRATOR, RESOURCE_POLICY_CONTRIBUTOR}
    stale = set(UUID.findall(doc())) - known
    assert not stale, f"IDs in the doc that no stack file or the AKS component uses: {stale}"


def test_the_guardrail_role_is_the_one_the_code_names() -> None:
    assert RESOURCE_POLICY_CONTRIBUTOR in (ROOT / "fleet" / "guardrails" / "components.py").read_text(encoding="utf-8")


def test_the_deployers_role_condition_names_exactly_the_roles_the_program_assigns() -> None:
    # A role missing from the condition fails the first `up` with AuthorizationFailed.
    (command,) = [line for line in doc().splitlines() if "roleAssignments/write" in line and "--condition " in line]
    lists = re.findall(r"GuidEquals \{([^}]*)\}", command)
    assert len(lists) == 2  # who may be granted, and who may be revoked
    for found in lists:
        assert {g.strip() for g in found.split(",")} == set(aks.ASSIGNABLE_ROLES)
