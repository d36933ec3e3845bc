"""The CI workflows: valid, linted for security, and consistent with the project.

Checked with the GitHub workflow schema (check-jsonschema) and zizmor (offline audits: pinned
actions, template injection, credentials persisted by checkout, over-broad permissions), plus the
project's own rules: every third-party action pinned by commit, every checkout without persisted
credentials, no `${{ }}` inside a script, the Pulumi CLI version the end-to-end suite tests, and
the stack list taken from stacks/ rather than written into a workflow.
"""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from tests.conftest import ROOT

BIN = Path(sys.executable).parent
WORKFLOWS = sorted((ROOT / ".github" / "workflows").glob("*.yml"))
ACTIONS = sorted((ROOT / ".github" / "actions").glob("*/action.yml"))


def steps(document: dict) -> list[dict]:
    if "runs" in document:
        return document["runs"].get("steps", [])
    return [step for job in document.get("jobs", {}).values() for step in job.get("steps", [])]


@pytest.mark.parametrize("workflow", WORKFLOWS, ids=lambda p: p.name)
def test_workflows_validate_against_the_github_schema(workflow: Path) -> None:
    result = subprocess.run(
        [str(BIN / "check-jsonschema"), "--builtin-schema", "vendor.github-workflows", str(workflow)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr


def test_zizmor_finds_nothing() -> None:
    result = subprocess.run(
        [str(BIN / "zizmor"), "--offline", "--no-progress", str(ROOT / ".github")],
        capture_output=True,
        text=True,
        check=False,
        cwd=ROOT,
    )
    assert result.returncode == 0, result.stdout + result.stderr


@pytest.mark.parametrize("path", [*WORKFLOWS, *ACTIONS], ids=lambda p: p.parent.name + "/" + p.name)
def test_actions_are_pinned_and_checkouts_keep_no_credentials(path: Path) -> None:
    document = yaml.safe_load(path.read_text())
    for step in steps(document):
        uses = step.get("uses")
        if uses is None or uses.startswith("./"):
            continue
        assert re.fullmatch(r"[\w.-]+/[\w./-]+@[0-9a-f]{40}", uses), f"{path.name}: {uses} is not pinned by commit"
        if uses.startswith("actions/checkout@"):
            assert step.get("with", {}).get("persist-credentials") is False, f"{path.name}: checkout keeps credentials"
    text = path.read_text()
    for line in re.findall(r"uses: ([^\s#]+@[0-9a-f]{40})\s*#\s*(\S+)", text):
        assert re.fullmatch(r"v\d+(\.\d+)*", line[1]), f"{path.name}: {line[0]} says no version"


@pytest.mark.parametrize("path", [*WORKFLOWS, *ACTIONS], ids=lambda p: p.parent.name + "/" + p.name)
def test_no_expression_is_expanded_inside_a_script(path: Path) -> None:
    for step in steps(yaml.safe_load(path.read_text())):
        assert "${{" not in str(step.get("run", "")), f"{path.name}: pass values through env: {step['run'][:80]}"


def test_every_job_says_what_it_may_do() -> None:
    for path in WORKFLOWS:
        document = yaml.safe_load(path.read_text())
        assert document.get("permissions") == {}, f"{path.name}: set top-level permissions: {{}}"
        for name, job in document["jobs"].items():
            assert "permissions" in job, f"{path.name}: job {name} has no permissions"


def test_the_pulumi_cli_is_the_one_the_suite_tests() -> None:
    version = (ROOT / ".pulumi-version").read_text().strip()
    assert f"github.com/pulumi/pulumi/pkg/v3 v{version}" in (ROOT / "tools" / "pulumi" / "go.mod").read_text()
    uses = [
        step
        for path in WORKFLOWS
        for step in steps(yaml.safe_load(path.read_text()))
        if str(step.get("uses", "")).startswith("pulumi/actions@")
    ]
    assert uses and all(step["with"].get("pulumi-version-file") == ".pulumi-version" for step in uses)


def test_no_workflow_lists_stacks_itself() -> None:
    names = [p.name.removeprefix("Pulumi.").removesuffix(".yaml") for p in (ROOT / "stacks").glob("Pulumi.*.yaml")]
    for path in WORKFLOWS:
        text = path.read_text()
        assert not any(re.search(rf"\b{re.escape(n)}\b", text) for n in names if n not in ("dev",)), path.name
        assert "stack: [" not in text, f"{path.name} lists stacks; use `fleet stacks`"


def test_the_exec_plugins_the_kubeconfigs_call_are_installed() -> None:
    action = (ROOT / ".github" / "actions" / "cloud-access" / "action.yml").read_text()
    assert "install_components: gke-gcloud-auth-plugin" in action
    assert "Azure/use-kubelogin@" in action
    assert "aws --version" in action


def test_stack_list_gives_each_environment_its_own_github_environment_and_the_spec_role() -> None:
    from fleet.cli import stack_table
    from fleet.spec.load import load, read_stack

    rows = stack_table(ROOT)
    files = (ROOT / "stacks").glob("Pulumi.*.yaml")
    assert {r["stack"] for r in rows} == {p.name.removeprefix("Pulumi.").removesuffix(".yaml") for p in files}
    for row in rows:
        stack = read_stack(ROOT / "stacks" / f"Pulumi.{row['stack']}.yaml")
        spec = load(stack.raw, stack.shard, stack.config_keys).spec
        # One GitHub environment per fleet environment: prod and global never share variables,
        # OIDC subjects or approvals.
        assert row["githubEnvironment"] == spec.environment
        assert row["awsRole"] == (spec.deployer.aws.role_arn if spec.deployer.aws else "")
    production = {r["githubEnvironment"] for r in rows if r["production"]}
    assert production and not production & {r["githubEnvironment"] for r in rows if not r["production"]}


def test_aws_sessions_outlast_the_longest_first_run() -> None:
    """Issue 24: configure-aws-credentials defaults to one hour and does not renew; an EKS minor
    upgrade may wait 60 + 60 + 20 minutes in the provider alone."""
    action = yaml.safe_load((ROOT / ".github" / "actions" / "cloud-access" / "action.yml").read_text())
    [aws] = [s for s in action["runs"]["steps"] if "configure-aws-credentials" in str(s.get("uses"))]
    assert int(aws["with"]["role-duration-seconds"]) >= 3 * 3600
    assert "--max-session-duration 10800" in (ROOT / "docs" / "DEPLOYING.md").read_text()


def test_no_preview_job_can_reach_a_deploy_runner_or_a_deploy_identity() -> None:
    """Issue 24: pull-request previews run the branch's unreviewed code, so they get runners and
    read-only identities of their own. GitHub gives a job to any runner that has all its labels: a
    preview's labels must include one that no stack's deploy runners are asked for."""
    from fleet.cli import stack_table

    rows = stack_table(ROOT)
    deploy_labels = {label for r in rows for label in r["runsOn"]}
    deploy_roles = {r["awsRole"] for r in rows}
    for row in rows:
        assert set(row["previewRunsOn"]) - deploy_labels, row["stack"]
        assert row["previewAwsRole"] and row["previewAwsRole"] not in deploy_roles, row["stack"]
    workflow = yaml.safe_load((ROOT / ".github" / "workflows" / "pull-request.yml").read_text())
    preview = workflow["jobs"]["preview"]
    text = yaml.safe_dump(preview)
    assert preview["runs-on"] == "${{ matrix.previewRunsOn }}"
    assert "environment" not in preview  # deploy environments hold the deploy identities
    # Nothing of the deploy path: its matrix fields, its variables.
    for deploy in ("matrix.runsOn", "matrix.awsRole", "DEPLOY", "githubEnvironment"):
        assert deploy not in text, deploy
    access = next(step["with"] for step in preview["steps"] if step.get("uses") == "./.github/actions/cloud-access")
    assert access["aws-role"] == "${{ matrix.previewAwsRole }}"
    assert access["gcp-service-account"] == "${{ matrix.previewGcpServiceAccount }}"
    assert access["azure-client-id"] == "${{ vars.AZURE_PREVIEW_CLIENT_ID }}"
    # The deploy jobs never run a pull request's code: they run on pushes to main and by hand.
    deploy = yaml.safe_load((ROOT / ".github" / "workflows" / "deploy.yml").read_text())
    assert "pull_request" not in deploy.get("on", deploy.get(True, {}))
