"""FLEET-PRV-002: every input of a cloud resource or built-in Kubernetes object has the shape its provider takes.

Protects: every other rule's reading. A rule reads a region, a source ARN, a webhook's scope or a
namespace selector at the place and in the shape the provider's SDK or the Kubernetes API gives it. A
value of another shape (a list of regions where one goes, an object where a location name goes, a
string where a list of rules goes) is not what the provider will act on, so any reading of it is a
guess: read leniently, it might place a resource where it is not, or hide the very value that breaks
a rule. The pack does not guess; it reports the resource as one it cannot evaluate, with the path that
is wrong. What counts as another shape is what the provider refuses:

- Kubernetes: the API server decodes each object into its typed structure, which has no place for a
  list where a string goes or a string where a list goes;
- pulumi-aws and pulumi-gcp (bridged from Terraform providers): an object where a single value goes,
  and a list of more than one item where a single value or an object goes. The bridge hands a list given
  for a property the SDK flattens (a Terraform list of at most one item) to Terraform as it is, and wraps
  a single value given for a list in a one-item list (pulumi-terraform-bridge ``pkg/tfbridge/schema.go``,
  ``makeTerraformInput``); the SDK does not say which properties are flattened, so a list of at most one
  item there, or a single value for a list, is read as the bridge reads it and judged by the other rules;
- pulumi-azure-native: any value of another shape than the SDK's input types, which are the shapes of
  the Azure REST API specification the provider is generated from.

The shapes are the generated tables of ``fleetguard/shapes`` (the pinned cloud SDKs' input classes and
the upstream Kubernetes OpenAPI definitions for the pinned minor versions, through kubernetes-validate).
Only shapes are compared: a number where a string goes passes, an unknown value at preview is not
judged, and a field or type the tables do not know is left to the provider (and to FLEET-RES-006 for
unknown packages). Patches (``<Kind>Patch``) take their kind's shapes.
"""

from __future__ import annotations

from collections.abc import Iterator

from fleetguard import shapes
from fleetguard.model import Context, Finding, Resource, Rule


def check(resource: Resource, ctx: Context) -> Iterator[Finding]:
    found = shapes.problems(resource)
    if found:
        yield Finding(
            f"cannot evaluate {resource.type} {resource.name!r}: its inputs do not have the shapes its provider "
            f"takes ({'; '.join(found)}); the provider refuses them and the pack does not guess what they mean: "
            "give each the shape of the provider's documentation"
        )


RULE = Rule(
    id="FLEET-PRV-002",
    name="provider-shapes",
    title="Ensure every input has the shape its provider takes",
    severity="high",
    default_level="mandatory",
    rationale="A value of another shape is refused by the provider and cannot be read by any rule without guessing.",
    remediation="Give the input the shape the provider's SDK or the Kubernetes API reference documents.",
    resource_check=check,
)
