"""What a resource names through properties the residency survey does not classify.

The survey classifies every property whose name says where data may go (location, replica,
destination, account, endpoint, bucket, URL, ...) and the references some patterns name
explicitly. A reference can hide under any other name: a Redis cluster's
``crossClusterReplicationConfig.primaryCluster.cluster``, a Filestore replica's ``peerInstance``,
an EventBridge pipe's ``source`` and ``target``, a Kusto follower's ``clusterResourceId``. Failing
closed (issue 20: an unclassified destination is a violation with the way to classify it), the
pack reads every string of a resource's properties at a path no specific survey pattern
classifies, and finds what it names:

- a resource of this stack, by its ARN, ID, self link or name (a path-like value also by its last
  segment, in the same provider);
- a place: an ARN that carries a region, or a location name under a property named for one
  (``region``, ``location``, ``zone``) that the survey does not reach (it stops four levels down);
- something outside the stack: a GCP resource path of a project the stack does not work in, the ARN of a
  data service (not a role, key, certificate, image or layer) in an AWS account none of the stack's own ARNs,
  roles or providers are in, or an ARM ID in an Azure subscription none of the stack's own IDs, scopes or
  providers are in; an IAM member that is a service account of another GCP project; a URL under a key that says the
  resource sends to it (``target``, ``destination``, ``sink``, ``webhook``) whose host no stack resource serves and
  that names no Region: outside the cloud; a connection string in an App Service setting whose server or account no
  stack resource is (where it keeps the data cannot be checked), and an Application Insights connection string's
  ingestion region.

What the catch-all patterns of ``survey/classification.py`` mark as carrying no data counts as
unclassified here; what a specific pattern classifies (identities, code sources, networks, own
names, credentials) is never read.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from fleetguard import locations, survey
from fleetguard.model import SECRET_KEY, Resource, Unknown, is_list, is_map, text_leaves
from fleetguard.references import (
    ACCOUNT_ID,
    GENERIC_KEYS,
    KEY_PROPS,
    STORAGE_OF,
    Stack,
    arm_subscription,
    bigquery_dataset,
    bucket_arn,
    connection_string_host,
    foreign_account,
    last_segment,
    names_of,
    own_name_keys,
    uri_bucket,
)

# App Service and Functions settings (azure-native:web:WebApp..., WebAppApplicationSettings, WebAppConnectionStrings):
# the app connects with what they hold.
APP_SETTINGS = "azure-native:web:WebApp"
# Top-level inputs that say what the resource itself is, never where its data goes.
OWN = frozenset({*GENERIC_KEYS, "description", "displayName", "project", "resourceGroupName", "tags", "labels"})
MAX_DEPTH = 8
# Values too short or too common to name a resource by themselves.
MIN_NAME = 4
# Keys that label a block of the resource itself rather than name another resource.
LABEL_KEYS = frozenset({"name", "displayName", "description", "title", "key"})
GCP_TYPES = "gcp:"  # pulumi-gcp's type tokens: its IAM members and projects are Google Cloud's
# IAM members that are everyone (https://cloud.google.com/iam/docs/principals-overview#all-users).
PUBLIC_MEMBERS = {
    "allUsers": "everyone on the internet (allUsers)",
    "allAuthenticatedUsers": "every Google account (allAuthenticatedUsers)",
}
# An IAM member that is a user-managed service account (serviceAccount:name@project.iam.gserviceaccount.com) names
# its project (https://cloud.google.com/iam/docs/service-account-overview#user-managed); Google's service agents
# (service-<number>@gcp-sa-*.iam.gserviceaccount.com) act for the project that enabled the service.
_GCP_SERVICE_ACCOUNT = re.compile(
    r"^serviceAccount:[^@]+@(?P<project>(?!gcp-sa-)[a-z][a-z0-9-]{4,28}[a-z0-9])\.iam\.gserviceaccount\.com$"
)
DOMAIN_MEMBER = "domain:"
# Keys whose URL is where the resource sends its data: a connection's target, a destination, a sink, a webhook.
SENDS_TO = re.compile(r"(?i)(target|destination|sink|webhook|forward(ing)?)(url|uri|address|endpoint)?$")
_GCP_CONVENIENCE = re.compile(r"^project(?:Viewer|Editor|Owner):(?P<project>[a-z][a-z0-9-]{4,28}[a-z0-9])$")
# A GCP resource path (projects/p/..., //service.googleapis.com/projects/p/...): the project it is in.
_GCP_PROJECT = re.compile(r"^(?://[a-z0-9.-]+/)?projects/(?P<project>[a-z][a-z0-9-]{4,28}[a-z0-9])/[a-zA-Z]")


@dataclass(frozen=True)
class Named:
    """One thing a resource names through an unclassified property."""

    path: str
    value: str
    resource: Resource | None = None  # a resource of the stack
    place: locations.Location | None = None  # a region an ARN or a location name carries

    @property
    def origin(self) -> bool:
        """Named as where the data comes from (``source...``): the data flows in, not out."""
        return self.path.rsplit(".", 1)[-1].startswith("source")


def named(resource: Resource, stack: Stack) -> list[Named]:
    """Everything ``resource`` names through properties the survey does not classify."""
    entry = survey.entry(resource.type)
    if entry is None:
        return []
    # What a pointer names is its storage (lineage's subject edge), not an unclassified reference.
    classified = {p.path for p in entry.props} | entry.quiet | {path for path, _ in STORAGE_OF.get(resource.type, ())}
    mine = names_of(resource)
    own = OWN | set(KEY_PROPS.get(resource.type, ())) | set(own_name_keys(resource.type))
    own |= {k for k, v in resource.props.items() if isinstance(v, str) and v in mine}
    found: list[Named] = []
    for path, value in text_leaves(resource.props, "", 0, own):
        if any(path == c or path.startswith(c + ".") or path.startswith(c + "[]") for c in classified):
            continue
        item = _resolve(resource, path, value, mine, stack)
        if item is not None:
            found.append(item)
    return found


def unknown_inputs(resource: Resource) -> list[str]:
    """The top-level inputs of ``resource`` whose value is unknown at preview, wholly or in part, at paths the
    survey does not classify: what they name is known only through the engine's property dependencies."""
    entry = survey.entry(resource.type)
    if entry is None:
        return []
    classified = {p.path.split(".", 1)[0].removesuffix("[]") for p in entry.props}
    classified |= {q.split(".", 1)[0].removesuffix("[]") for q in entry.quiet}
    own = OWN | set(KEY_PROPS.get(resource.type, ())) | set(own_name_keys(resource.type))
    return [k for k, v in resource.props.items() if k not in own and k not in classified and _has_unknown(v, 0)]


def _has_unknown(value: Any, depth: int) -> bool:
    if isinstance(value, Unknown):
        return True
    if depth > MAX_DEPTH:
        return False
    if is_map(value):
        return SECRET_KEY not in value and any(_has_unknown(v, depth + 1) for v in value.values())
    return is_list(value) and any(_has_unknown(v, depth + 1) for v in value)


def _one(resource: Resource, path: str, value: str, stack: Stack) -> Resource | None:
    """The one resource of the stack, in the same provider, that a value names; None when none or several
    do (two clusters' rule groups share a name: a guess would join unrelated resources)."""
    path_like = "/" in value or value.startswith("arn:")
    if not path_like and (len(value) < MIN_NAME or path.rsplit(".", 1)[-1].removesuffix("[]") in LABEL_KEYS):
        return None  # a sub-block's own label (containers[].name, extensions[].name), not a reference
    value = uri_bucket(value) or value  # a storage URL names its bucket
    value = bucket_arn(value)
    candidates = {r.urn: r for r in stack.by_key.get(value, []) if r.package == resource.package}
    if not candidates and "bigquery.googleapis.com/" in value and (dataset := bigquery_dataset(value)):
        # A BigQuery table's full resource name (//bigquery.googleapis.com/projects/p/datasets/d/tables/t): the
        # dataset is what has a location.
        candidates = {r.urn: r for r in stack.by_key.get(dataset, []) if r.package == resource.package}
    if not candidates and path_like:
        tail = last_segment(value)
        candidates = {r.urn: r for r in stack.by_tail.get(tail, []) if r.package == resource.package}
    for parent in _arm_ancestors(value) if not candidates else ():
        # A child the stack does not declare (a blob container, a file share) is kept in its parent: an ARM ID
        # names its parents' types and names before its own
        # (https://learn.microsoft.com/azure/azure-resource-manager/management/resource-name-rules).
        found = stack.by_key.get(parent, []) or stack.by_tail.get(last_segment(parent), [])
        candidates = {r.urn: r for r in found if r.package == resource.package and r.urn != resource.urn}
        if candidates:
            break
    candidates.pop(resource.urn, None)
    return next(iter(candidates.values())) if len(candidates) == 1 else None


# An ARM ID of a resource and its children: /subscriptions/s/resourceGroups/g/providers/Namespace/type/name/...
_ARM_CHILD = re.compile(
    r"^(?P<top>/subscriptions/[^/]+/resourceGroups/[^/]+/providers/[^/]+/[^/]+/[^/]+)"
    r"(?P<rest>(?:/[^/]+/[^/]+)+)$"
)
# Child names that name no resource by themselves (a storage account's blobServices/default).
_SINGLETONS = frozenset({"default", "current"})


def _arm_ancestors(value: str) -> Iterator[str]:
    """The parents of an ARM child resource's ID, nearest first; only those whose names can name a resource."""
    match = _ARM_CHILD.match(value.rstrip("/"))
    if match is None:
        return
    parts = match["rest"].strip("/").split("/")
    for end in range(len(parts) - 2, -1, -2):
        parent = match["top"] + "".join(f"/{p}" for p in parts[:end])
        if last_segment(parent).lower() not in _SINGLETONS:
            yield parent


def _resolve(resource: Resource, path: str, value: str, own: set[str], stack: Stack) -> Named | None:
    if value not in own:
        target = _one(resource, path, value, stack)
        if target is not None:
            return Named(path, value, resource=target)
    if (ingested := locations.telemetry_ingestion(value, path)) is not None:
        # An Application Insights connection string of a component the stack does not hold.
        return Named(path, value, place=ingested)
    if host := connection_string_host(value):
        # A connection string (Server=tcp:<server>.database.windows.net,1433;...): the server its host names.
        served = stack.find_url(host, resource)
        if served is not None and served.urn != resource.urn:
            return Named(path, value, resource=served)
        if served is None and resource.type.startswith(APP_SETTINGS) and " " not in host:
            # An App Service or Functions setting the app connects with, to a server or account the stack does not
            # hold: where it keeps the data cannot be checked (the host is named, never the connection string, which
            # may hold credentials). A value a resource only stores (a parameter) sends nothing.
            place = locations.endpoint_location(host, path)
            where = "a server or account this stack does not hold, which names no region"
            return Named(path, host, place=place if place.countries else locations.anywhere(path, host, where))
    leaf = path.rsplit(".", 1)[-1].removesuffix("[]")
    if SENDS_TO.search(leaf) and value.startswith(("https://", "http://")):
        # A URL the resource sends to (a connection's target, a webhook): the stack resource that serves its host,
        # else a Region an AWS endpoint names, else outside the cloud unless it is a cloud service's host.
        served = stack.find_url(value, resource)
        if served is not None and served.urn != resource.urn:
            return Named(path, value, resource=served)
        place = locations.endpoint_location(value, path)
        if place.countries or not locations.cloud_service_host(value):
            return Named(path, value, place=place)
    account = foreign_account(value, stack)
    if account:
        # A resource of another AWS account: outside the stack, whatever Region it is in.
        where = f"AWS account {account}, outside the stack"
        return Named(path, value, place=locations.anywhere(path, value, where))
    subscription = arm_subscription(value)
    if subscription and stack.azure_subscriptions and subscription not in stack.azure_subscriptions:
        # A resource of another Azure subscription: outside the stack, whatever region it is in.
        where = f"Azure subscription {subscription}, outside the stack"
        return Named(path, value, place=locations.anywhere(path, value, where))
    leaf = path.rsplit(".", 1)[-1].removesuffix("[]")
    # The owner may be the leaf (expectedBucketOwner) or the map it is in (bucket_owners: {bucket: account}).
    parts = [p.removesuffix("[]").lower().replace("_", "") for p in path.split(".")[-2:]]
    owner = ACCOUNT_ID.match(value) is not None and any(p.endswith(("owner", "owners")) for p in parts)
    if owner and stack.aws_accounts and value not in stack.aws_accounts:
        # The account that owns what it names (an S3 endpoint's expectedBucketOwner): another account's bucket is
        # outside the stack.
        return Named(path, value, place=locations.anywhere(path, value, f"AWS account {value}, outside the stack"))
    region = locations.arn_region(value)
    if region:
        place = locations.read("aws", "region", region, path)[0]
        # A pattern (arn:aws:dynamodb:*:...) or a region the catalogue does not know says nothing certain.
        return Named(path, value, place=place) if place.countries else None
    if value in PUBLIC_MEMBERS and resource.type.startswith(GCP_TYPES):
        # An IAM grant to everyone: whatever the grant is on is shared outside the stack.
        return Named(path, value, place=locations.anywhere(path, value, PUBLIC_MEMBERS[value]))
    if value.startswith(DOMAIN_MEMBER) and resource.type.startswith(GCP_TYPES):
        domain = value.removeprefix(DOMAIN_MEMBER).lower()
        if domain not in stack.gcp_domains:
            # An IAM grant to every account of a Google Workspace or Cloud Identity domain
            # (https://cloud.google.com/iam/docs/principals-overview#domain) none of the stack's users or groups is
            # in: another organization's accounts, outside the stack.
            where = f"every account of domain {domain}, which none of the stack's users or groups is in"
            return Named(path, value, place=locations.anywhere(path, value, where))
    convenience = _GCP_CONVENIENCE.match(value)
    if convenience and resource.type.startswith(GCP_TYPES) and convenience["project"] not in stack.gcp_projects:
        # A convenience member (projectViewer:p, projectEditor:p, projectOwner:p) grants to every principal with that
        # basic role on project p (https://cloud.google.com/storage/docs/access-control/iam#convenience-values):
        # another project's principals are outside the stack.
        where = f"the principals of project {convenience['project']}, outside the stack"
        return Named(path, value, place=locations.anywhere(path, value, where))
    member = _GCP_SERVICE_ACCOUNT.match(value)
    home = member["project"] if member else None
    if home and resource.type.startswith(GCP_TYPES) and stack.gcp_projects and home not in stack.gcp_projects:
        # An IAM grant to another project's service account: whatever it is on is shared outside the stack.
        where = f"a service account of project {home}, outside the stack"
        return Named(path, value, place=locations.anywhere(path, value, where))
    # A nested reference's project ({projectId, datasetId, tableId}) or a resource path's (projects/p/...).
    path_project = _GCP_PROJECT.match(value)
    project = value if leaf == "projectId" else (path_project["project"] if path_project else None)
    if project and resource.type.startswith(GCP_TYPES) and stack.gcp_projects and project not in stack.gcp_projects:
        # A resource of another project: outside the stack, so where it keeps the data is not known here.
        return Named(path, value, place=locations.anywhere(path, value, f"project {project}, outside the stack"))
    if locations.PLACE_WORD.search(leaf) and resource.cloud:
        try:
            places = locations.read(resource.cloud, "location", value, path)
        except (ValueError, KeyError):
            return None
        known = [p for p in places if p.countries]
        if known:
            return Named(path, value, place=known[0])
    return None
