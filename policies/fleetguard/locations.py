"""Where a cloud resource keeps its data and where its copies go, resolved to countries.

The residency survey (``fleetguard.survey``) says which properties of a type hold its home
location and its copy destinations, and how to read each ("reader"); this module reads them.
Everything is looked up in the fleet's region catalogue, never by prefix: GCP zones map to their
region, GCP multi- and dual-regions to the countries they span, Azure display names are
normalised, AWS ARNs give their region field. A value the catalogue does not know is described as
such ("not in the region catalogue"), never as an empty list of countries.
"""

from __future__ import annotations

import json
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from fleet.core import catalog
from fleet.core.residency import Regime, builtin
from fleetguard.model import Malformed, Resource, Unknown, as_block, cloud_of, is_list, is_map, resource_values
from fleetguard.survey import Prop, TypeEntry

NOT_CATALOGUED = "not in the region catalogue"
CLOUD_CHOOSES = "the cloud chooses the locations"
NEAREST = "nearest-multiregion"  # survey unset (and type reader): GCP stores it in the multi-region nearest its source

_EU = frozenset(c.code for c in catalog.countries() if c.eu)
# GCS/BigQuery multi-regions and predefined dual-regions. "EU" keeps data in EU member states
# only (GCS docs: not in europe-west2/London or europe-west6/Zurich). Rows marked medium in the
# reference are used as listed; "europe"/"ASIA" cross borders and match no single-country regime.
GCP_MULTI_REGIONS: dict[str, frozenset[str] | None] = {
    "eu": _EU,
    "us": frozenset({"US"}),
    "asia": None,  # several Asian countries, exact set not documented
    "europe": None,  # KMS/Artifact Registry "europe": may include GB/CH
    "asia1": frozenset({"JP"}),
    "eur4": frozenset({"FI", "NL"}),
    "eur5": frozenset({"BE", "GB"}),
    "eur7": frozenset({"GB", "DE"}),
    "eur8": frozenset({"DE", "CH"}),
    "nam4": frozenset({"US"}),
}
# Firestore/Datastore and Spanner multi-region configurations whose regions the docs list
# (read-write and witness regions both hold data). Any other configuration name is not placeable.
GCP_CONFIGS: dict[str, frozenset[str]] = {
    "eur3": frozenset({"BE", "NL", "FI"}),  # europe-west1, europe-west4, witness europe-north1
    "nam5": frozenset({"US"}),  # us-central1, us-central2, us-east1
}
APP_ENGINE_LEGACY = {"europe-west": "europe-west1", "us-central": "us-central1"}
# Azure Communication Services data locations (geographies) that are one country.
AZURE_DATA_LOCATIONS = {
    "unitedstates": "US", "uk": "GB", "switzerland": "CH", "germany": "DE", "france": "FR", "norway": "NO",
    "japan": "JP", "korea": "KR", "india": "IN", "canada": "CA", "australia": "AU", "brazil": "BR", "uae": "AE",
}  # fmt: skip
# Azure regions alone in their geography: Key Vault keeps their data in-region (no pair copy).
SINGLE_REGION_GEOGRAPHIES = frozenset({"brazilsouth", "qatarcentral"})
GEO_REDUNDANT_SKUS = frozenset(
    {"standard_grs", "standard_ragrs", "standard_gzrs", "standard_ragzrs", "standardv2_grs", "standardv2_gzrs"}
)
_GCP_ZONE = re.compile(r"^(?P<region>[a-z]+-[a-z]+\d+)-[a-z]$")
_AWS_ZONE = re.compile(r"^(?P<region>[a-z]+(-[a-z]+)+-\d+)[a-z]$")
_ARN = re.compile(r"^arn:(?P<partition>[^:]+):(?P<service>[^:]+):(?P<region>[^:]*):")
_GCP_PATH = re.compile(r"/(?:locations|regions|zones)/(?P<location>[^/]+)")
# A property name that names a place: region, location, zone and their compounds (regionName,
# sourceRegion, remoteVolumeLocation), read where no survey row classifies the property.
PLACE_WORD = re.compile(
    r"(^|[a-z])(Region|Location|Zone)(Name)?s?$|^(region|location|zone)(Name)?s?$"
    # snake, kebab and upper case (a Firebase extension's DATASET_LOCATION, a Docker log driver's awslogs-region),
    # and a key's last part after a slash (firebaseextensions.v1beta.function/location)
    r"|(^|[_/-])(region|location|zone)s?$|(^|[_-])(REGION|LOCATION|ZONE)S?$"
)
# Hosts of Azure and Google services (an Azure storage account's dfs.core.windows.net): a resource of the cloud,
# which the stack may not hold; not a place outside the cloud.
CLOUD_SERVICE_DOMAINS = (".windows.net", ".azure.com", ".azure.net", ".googleapis.com")


def cloud_service_host(url: str) -> bool:
    """Whether a URL or host is an Azure or Google service's (CLOUD_SERVICE_DOMAINS), not an address outside."""
    return url_host(url).endswith(CLOUD_SERVICE_DOMAINS)


SCALAR_READERS = frozenset({"region", "location", "narrows", "zone", "gcp-config", "arn", "gcp-ref", "gcp-parent"})
_DICT_KEYS = ("region", "regionName", "name", "location", "locationName", "target")
# AWS service endpoints name their Region as a label of the host (sqs.eu-west-1.amazonaws.com,
# <id>.lambda-url.eu-west-1.on.aws): https://docs.aws.amazon.com/general/latest/gr/rande.html,
# https://docs.aws.amazon.com/lambda/latest/dg/lambda-urls.html.
# Only hosts under these AWS domains are read; a Region-like label of any other host means nothing.
AWS_ENDPOINT_DOMAINS = (("amazonaws", "com"), ("amazonaws", "com", "cn"), ("on", "aws"), ("api", "aws"))
_URL = re.compile(r"^(?:[a-z][a-z0-9+.-]*:)*//(?:[^@/]*@)?(?P<host>[^/:?#]+)", re.I)
EXTERNAL = "outside the cloud: where it keeps data is not disclosed"


@dataclass(frozen=True)
class Location:
    """A resolved location: where it was read from, what it says, and the countries it means.

    ``countries`` is None when the location spans countries that cannot be enumerated (GCP
    "ASIA", automatic replication, edge caches): it satisfies no regime but "none". An empty set
    means a value the catalogue does not know."""

    source: str  # e.g. "region", "provider region", "replicas[].regionName"
    value: str
    countries: frozenset[str] | None
    regions: tuple[tuple[str, str], ...] = ()  # (cloud, region) pairs, when known
    note: str = ""

    def describe(self) -> str:
        if self.note:
            where = self.note
        elif self.countries is None:
            where = "several countries"
        elif not self.countries:
            where = NOT_CATALOGUED
        else:
            where = ", ".join(sorted(self.countries))
        return f"{self.value} ({where})"


def inside(location: Location, regime: Regime) -> bool:
    if regime.countries is None:
        return True
    if not location.countries:
        return False
    if location.countries <= regime.countries:
        return True
    return bool(location.regions) and all(regime.allows(c, r) for c, r in location.regions)


def anywhere(source: str, value: str, note: str = CLOUD_CHOOSES) -> Location:
    return Location(source, value, None, note=note)


def _region(cloud: str, name: str, source: str) -> Location:
    if _AWS_EDGE_ZONE.match(name):  # only AWS names its zones so
        return local_zone(name, source)
    found = catalog.lookup(cloud, name)
    if found is None or not found.country:
        return Location(source, name, frozenset())
    return Location(source, found.name, frozenset({found.country}), ((cloud, found.name),))


def _scalar(value: Any) -> str | None:
    if is_map(value):
        for key in _DICT_KEYS:
            if value.get(key):
                return str(value[key])
        return None
    return None if value is None else str(value)


# BigQuery Omni runs in another cloud's region, named <cloud>-<region> (aws-eu-west-1, azure-eastus2):
# https://cloud.google.com/bigquery/docs/omni-introduction#locations
OMNI_CLOUDS = {"aws-": "aws", "azure-": "azure"}


def gcp_location(value: str, source: str, data_locations: Any = None) -> Location:
    text = str(value)
    lower = text.lower()
    if lower == "global":
        return anywhere(source, text, "global: Google chooses the locations")
    for prefix, other in OMNI_CLOUDS.items():
        if lower.startswith(prefix) and catalog.lookup(other, lower.removeprefix(prefix)) is not None:
            return _region(other, lower.removeprefix(prefix), source)
    if data_locations:
        # Configurable dual-region: the location names the multi-region, the data lives in exactly these regions.
        resolved = [gcp_location(str(d), source) for d in data_locations]
        countries: set[str] = set()
        regions: list[tuple[str, str]] = []
        for item in resolved:
            if not item.countries:
                return Location(source, text, item.countries)
            countries |= item.countries
            regions += item.regions
        listed = ", ".join(str(d) for d in data_locations)
        return Location(source, f"{text}[{listed}]", frozenset(countries), tuple(regions))
    if lower in GCP_MULTI_REGIONS:
        return Location(source, text, GCP_MULTI_REGIONS[lower])
    zone = _GCP_ZONE.match(lower)
    if zone and catalog.lookup("gcp", zone["region"]):
        return _region("gcp", zone["region"], source)
    return _region("gcp", lower, source)


def azure_location(value: str, source: str) -> Location:
    name = catalog.normalise_azure_location(str(value))
    if name == "global":
        return anywhere(source, str(value), "global: not placed in a region")
    return _region("azure", name, source)


def _zone(cloud: str, value: str, source: str) -> Location:
    if cloud == "aws":
        match = _AWS_ZONE.match(value)
        if catalog.lookup("aws", value) is None and match:
            return _region("aws", match["region"], source)
        return _region("aws", value, source)
    if cloud == "gcp":
        return gcp_location(value, source)
    return azure_location(value, source)


# AWS Local Zones (<region>-<city>-<n><letter>: eu-central-1-ham-1a) and Wavelength Zones (<region>-wl1-<city>-wlz-1)
# are in the city their name codes, not in the parent Region
# (https://docs.aws.amazon.com/local-zones/latest/ug/available-local-zones.html).
_AWS_EDGE_ZONE = re.compile(
    r"^(?P<region>[a-z]{2}(-[a-z]+)+-\d)-(?:(?P<city>[a-z]{3})-\d[a-z]|wl\d-(?P<wl>[a-z]{3})-wlz-\d)$"
)
# The European Local Zones whose country is listed here; any other Local or Wavelength Zone cannot be placed.
LOCAL_ZONE_COUNTRIES = {"ham": "DE", "waw": "PL", "cph": "DK", "hel": "FI"}


def is_edge_zone(value: str) -> bool:
    return _AWS_EDGE_ZONE.match(value) is not None


def local_zone(value: str, source: str) -> Location:
    match = _AWS_EDGE_ZONE.match(value)
    if match and match["city"] in LOCAL_ZONE_COUNTRIES:  # a Local Zone (Wavelength Zones are not listed)
        return Location(source, value, frozenset({LOCAL_ZONE_COUNTRIES[match["city"]]}), (("aws", match["region"]),))
    return anywhere(source, value, "an AWS Local or Wavelength Zone whose country the pack does not list")


def gcp_config(value: str, source: str) -> Location:
    """Spanner/Firestore/App Engine configuration names (and Azure Communication data locations)."""
    text = str(value)
    lower = text.lower()
    if lower.startswith("regional-"):
        return _region("gcp", lower.removeprefix("regional-"), source)
    if lower in GCP_CONFIGS:
        return Location(source, text, GCP_CONFIGS[lower])
    if lower in APP_ENGINE_LEGACY:
        return _region("gcp", APP_ENGINE_LEGACY[lower], source)
    if catalog.lookup("gcp", lower):
        return _region("gcp", lower, source)
    compact = lower.replace(" ", "")
    if compact in AZURE_DATA_LOCATIONS:
        return Location(source, text, frozenset({AZURE_DATA_LOCATIONS[compact]}))
    return anywhere(source, text, "a multi-region configuration whose regions the pack does not list")


def arn_region(value: str) -> str | None:
    match = _ARN.match(str(value))
    return match["region"] if match and match["region"] else None


def gcp_path_location(value: str) -> str | None:
    match = _GCP_PATH.search(str(value))
    return match["location"] if match else None


# An Application Insights connection string's regional ingestion endpoint,
# <region>-<n>.in.applicationinsights.azure.com: where the telemetry sent with it is ingested (https://learn.microsoft.com/azure/azure-monitor/app/connection-strings).
_AI_INGESTION = re.compile(
    r"IngestionEndpoint=https://(?P<region>[a-z0-9]+?)(?:-\d+)?\.in\.applicationinsights\.azure\.com", re.I
)


def telemetry_ingestion(value: str, source: str) -> Location | None:
    """The region an Application Insights connection string sends telemetry to, by its ingestion endpoint."""
    match = _AI_INGESTION.search(value)
    place = read("azure", "location", match["region"], source) if match else []
    return place[0] if place and place[0].countries else None


def url_host(value: str) -> str:
    """The host of a URL (any scheme, jdbc:redshift:// included) or of a bare host[:port] name."""
    text = str(value).strip()
    match = _URL.match(text)
    host = match["host"] if match else text.split("/", 1)[0].rsplit("@", 1)[-1].split(":", 1)[0]
    return host.lower().rstrip(".")


def endpoint_location(value: str, source: str) -> Location:
    """Where a URL or host name sends data: the Region an AWS endpoint host names, the region a Cloud Run or
    Cloud Functions host names, else outside."""
    labels = tuple(url_host(value).split("."))
    if any(labels[-len(domain) :] == domain and len(labels) > len(domain) for domain in AWS_ENDPOINT_DOMAINS):
        for label in labels:
            if catalog.lookup("aws", label) is not None:
                return _region("aws", label, source)
    if labels[-2:] == ("run", "app") and len(labels) == 4 and catalog.lookup("gcp", labels[1]) is not None:
        # A Cloud Run service's deterministic URL: <service>-<project number>.<region>.run.app
        # (https://cloud.google.com/run/docs/triggering/https-request#deterministic).
        return gcp_location(labels[1], source)
    if labels[-2:] == ("cloudfunctions", "net") and len(labels) == 3:
        # A function's URL: <region>-<project>.cloudfunctions.net
        # (https://cloud.google.com/functions/docs/calling/http#url).
        parts = labels[0].split("-")
        for end in (3, 2):
            if catalog.lookup("gcp", "-".join(parts[:end])) is not None:
                return gcp_location("-".join(parts[:end]), source)
    return anywhere(source, str(value), EXTERNAL)


# Connector types that name an AWS service (AppStream storage, AppFlow destinations), upper-cased without "_";
# Azure resource types are named by their namespace, Microsoft.<service>.
CLOUD_CONNECTORS = frozenset({"", "HOMEFOLDERS", "S3", "REDSHIFT", "EVENTBRIDGE", "CUSTOMERPROFILES", "LOOKOUTMETRICS"})
AZURE_NAMESPACE = "MICROSOFT."
# Logic Apps managed connectors to Azure services (https://learn.microsoft.com/connectors/connector-reference/
# connector-reference-logicapps-connectors): they reach a resource the connection's parameters name, which its own
# rows place. Every other managed API (Dropbox, Salesforce, Gmail, Office 365, SharePoint, ...) is a service outside
# Azure's regions.
AZURE_MANAGED_APIS = frozenset(
    {"DOCUMENTDB", "SQL", "SERVICEBUS", "EVENTHUBS", "KEYVAULT", "KUSTO", "ARM", "AZURETABLES", "AZUREQUEUES"}
)
AZURE_MANAGED_API_PREFIX = "AZURE"
MANAGED_APIS = "/MANAGEDAPIS/"
GCP_PROVIDERS = "/PROVIDERS/"
# Serving modes that serve from a global, edge-cached infrastructure (App Hosting's GLOBAL_ACCESS:
# https://firebase.google.com/docs/reference/apphosting/rest/v1beta/projects.locations.backends).
EDGE_MODES = frozenset({"GLOBAL_ACCESS"})


def external(location: Location) -> bool:
    return location.note == EXTERNAL


# ECS log drivers (https://docs.aws.amazon.com/AmazonECS/latest/developerguide/using_awslogs.html,
# https://docs.aws.amazon.com/AmazonECS/latest/developerguide/using_firelens.html): awslogs writes to
# CloudWatch Logs in awslogs-region (else the task's Region); FireLens outputs to AWS services name a region,
# any other output (Datadog, Splunk, HTTP, ...) and the splunk and syslog drivers send logs outside the cloud.
FIRELENS_AWS_OUTPUTS = frozenset(
    {"cloudwatch", "cloudwatch_logs", "firehose", "kinesis_firehose", "kinesis_streams", "kinesis", "s3"}
)
ON_HOST_DRIVERS = frozenset({"json-file", "local", "none", "journald"})


def _ecs_logs(value: Any, source: str) -> list[Location]:
    try:
        containers = json.loads(value) if isinstance(value, str) else value
    except ValueError as err:
        raise Malformed(f"{source}: not a JSON list of container definitions ({err})") from err
    if is_map(containers):
        containers = [containers]  # one container's properties (a Batch job definition)
    if not is_list(containers):
        raise Malformed(f"{source}: expected a list of container definitions, got {type(containers).__name__}")
    found: list[Location] = []
    for container in containers:
        config = container.get("logConfiguration") if is_map(container) else None
        if config is None or not is_map(config):
            continue
        driver, options = str(config.get("logDriver") or ""), config.get("options") or {}
        if not is_map(options):
            raise Malformed(f"{source}: logConfiguration.options is not an object")
        where = f"{source} logConfiguration ({driver})"
        if driver == "awslogs":
            region = options.get("awslogs-region")
            found += [_region("aws", str(region), where)] if region else []
        elif driver == "awsfirelens":
            output = str(options.get("Name") or options.get("name") or "").lower()
            region = options.get("region")
            if output in FIRELENS_AWS_OUTPUTS:
                found += [_region("aws", str(region), where)] if region else []
            elif output in ("es", "opensearch") and str(options.get("Host") or "").endswith("amazonaws.com"):
                found.append(endpoint_location(str(options["Host"]), where))
            else:
                found.append(anywhere(where, str(options.get("Host") or output or driver), EXTERNAL))
        elif driver and driver not in ON_HOST_DRIVERS:
            found.append(anywhere(where, driver, EXTERNAL))
    return found


def check_shapes(resource: Resource, entry: TypeEntry) -> None:
    """Every value the survey reads has the shape the SDK gives its property (a scalar where it takes a string,
    number or enum; an object where it takes an Args type or a map); raises Malformed otherwise. A value of
    another shape is one the provider refuses, so the pack does not read it leniently: it cannot evaluate it."""
    for prop in entry.props:
        if prop.path.endswith("[]") or prop.shape not in ("scalar", "object"):
            continue  # lists are checked by values_at on the way; a Union takes several shapes
        for given in resource_values(resource, prop.path):
            if prop.shape == "scalar" and (is_list(given) or is_map(given)):
                raise Malformed(f"{prop.path}: expected a single value, got {type(given).__name__} {str(given)[:40]!r}")
            value = as_block(resource, prop.shape, given)  # a bridged one-item list is the block it holds
            if prop.shape == "object" and not is_map(value) and not isinstance(value, Unknown):
                raise Malformed(f"{prop.path}: expected an object, got {type(value).__name__} {str(value)[:40]!r}")


def read(cloud: str, reader: str, value: Any, source: str) -> list[Location]:
    """The locations a present value means. References (arn without a region, ref, s3-uri)
    mean no location here: the stack rule resolves them."""
    if reader == "ecs-logs":
        return _ecs_logs(value, source)
    if reader in ("account", "account-arn", "principal", "gcp-project"):
        return []  # an account or project is no place: FLEET-RES-003 judges it against the stack's own
    if reader == "sql-connection":
        # A Cloud SQL instance connection name, <project>:<region>:<instance>, names the instance's region.
        parts = str(_scalar(value) or "").split(":")
        return read(cloud, "region", parts[1], source) if len(parts) == 3 and parts[1] else []
    if reader == "country":
        # An ISO 3166-1 country (a shipping address), by code or name: that country, wherever in it. A name the
        # catalogue does not know cannot be placed.
        given = str(_scalar(value) or "").strip()
        if not given:
            return []
        code = given.upper() if len(given) == 2 and given.isalpha() else _country_code(given)
        if code is None:
            return [anywhere(source, given, "a country the catalogue does not know")]
        return [Location(source, code, frozenset({code}))]
    if reader in ("provider-sharing", "default-log-bucket"):
        if value is not True and str(value).lower() != "true":
            return []
        if reader == "default-log-bucket":
            # The project's _Default log bucket is created in the global location
            # (https://cloud.google.com/logging/docs/regionalized-logs#default-storage-location).
            return [gcp_location("global", f"{source} (the project's _Default log bucket)")]
        return [anywhere(source, "the cloud provider", "kept for its own use: data sharing")]
    if reader == "edge-mode":
        # A serving mode: the global one (App Hosting's GLOBAL_ACCESS) serves from edge locations worldwide.
        mode = str(_scalar(value) or "")
        return [anywhere(source, mode, "edge locations worldwide")] if mode.upper() in EDGE_MODES else []
    if reader in ("auto", "edge-flag"):
        if reader == "edge-flag" and value is not True and str(value).lower() != "true":
            return []
        return [anywhere(source, "enabled" if reader == "edge-flag" else "automatic",
                         "edge locations worldwide" if reader == "edge-flag" else CLOUD_CHOOSES)]  # fmt: skip
    if reader in SCALAR_READERS and (is_list(value) or (is_map(value) and not any(value.get(k) for k in _DICT_KEYS))):
        # A location that is not one: read as nothing, it would place the resource at its default.
        raise Malformed(f"{source}: expected a {reader} name, got {type(value).__name__} {str(value)[:40]!r}")
    text = _scalar(value)
    if text is None:
        return []
    if reader in ("region", "location", "narrows"):
        if cloud == "gcp":
            return [gcp_location(text, source)]
        if cloud == "azure":
            return [azure_location(text, source)]
        return [_region(cloud, text, source)]
    if reader == "zone":
        return [_zone(cloud, text, source)]
    if reader == "gcp-config":
        return [gcp_config(text, source)]
    if reader == "arn":
        region = arn_region(text)
        return [_region("aws", region, source)] if region else []
    if reader == "url":
        return [endpoint_location(text, source)]
    if reader == "endpoint":
        # An ARN (queue, function, delivery stream, Outpost), a Region name, a URL, or an address outside the
        # cloud (an email address, a phone number): only the first three can be placed.
        region = arn_region(text)
        if region:
            return [_region("aws", region, source)]
        if text.startswith("arn:"):
            return []  # an ARN without a Region: the stack rule looks the resource up
        if catalog.lookup(cloud, text) is not None:
            return [_region(cloud, text, source)]
        return [endpoint_location(text, source)]
    if reader == "gcp-ref":
        where = gcp_path_location(text)
        return [gcp_location(where, source)] if where else []
    if reader == "gcp-parent":
        # A parent without locations/ (projects/p, organizations/o) is the global location.
        return [gcp_location(gcp_path_location(text) or "global", source)]
    return []


def provider_default(cloud: str | None, provider_props: Mapping[str, Any], what: str = "") -> Location | None:
    """The location a provider gives resources that set none (AWS/GCP region, GCP zone, Azure location).
    A GCP zone a resource leaves unset is the provider's zone ("the zone to operate under, if not specified
    by a given resource"), before its region: https://registry.terraform.io/providers/hashicorp/google/latest/docs/guides/provider_reference#zone."""
    if cloud == "aws" and provider_props.get("region"):
        return _region("aws", str(provider_props["region"]), "provider region")
    if cloud == "gcp":
        for key in ("zone", "region") if what.rsplit(".", 1)[-1] == "zone" else ("region", "zone"):
            if provider_props.get(key):
                return gcp_location(str(provider_props[key]), f"provider {key}")
    if cloud == "azure" and provider_props.get("location"):
        return azure_location(str(provider_props["location"]), "provider location")
    return None


def paired(home: Location) -> Location:
    """The Azure paired region of a home location (geo-redundant copies go there)."""
    if not home.regions:
        return Location(
            f"paired region of {home.value}",
            f"pair of {home.value}",
            frozenset(),
            note=f"{home.value} is {NOT_CATALOGUED}",
        )
    region = home.regions[0][1]
    pair = catalog.azure_pair(region)
    if pair is None:
        return Location(
            f"paired region of {region}",
            f"pair of {region}",
            frozenset(),
            note=f"{region} has no paired region in the catalogue",
        )
    return Location(f"paired region of {region}", pair.name, frozenset({pair.country}), (("azure", pair.name),))


@dataclass
class Home:
    """Where a resource keeps its data, or why that cannot be said here."""

    locations: list[Location] = field(default_factory=list)
    missing: str | None = None  # what is not set, when nothing places the resource
    inherit: tuple[str, str] | None = None  # (property, value): the location comes from that resource
    nearest: bool = False  # with inherit: the multi-region nearest that resource's location (GCP copies)


def _unset(what: str, unset: str, resource: Resource, cloud: str) -> Home:
    if unset == "provider":
        default = provider_default(cloud, resource.provider_props, what)
        if default is not None:
            return Home([default])
        return Home(missing=f"neither its {what} nor its provider's {_provider_key(cloud)} is set")
    if unset.startswith("default:"):
        value = unset.removeprefix("default:")
        return Home(read(cloud, "location", value, f"{what} (unset: defaults to {value})"))
    if unset == "anywhere":
        return Home([anywhere(f"{what} (unset)", "unset")])
    if unset == "nearest-multiregion":
        return Home([anywhere(f"{what} (unset)", "unset", "the multi-region nearest the source")])
    if unset.startswith("inherit:"):
        prop = unset.removeprefix("inherit:")
        named = resource.props.get(prop)
        if named:
            return Home(inherit=(prop, named))
        return Home(missing=f"neither its {what} nor its {prop} is set")
    return Home(missing=f"its {what} is not set")


def _provider_key(cloud: str) -> str:
    return {"aws": "region", "gcp": "region or zone", "azure": "location"}.get(cloud, "region")


def home(resource: Resource, entry: TypeEntry) -> Home:
    cloud = cloud_of(resource.type) or ""
    rows = entry.homes
    for prop in entry.role("within"):
        # An AWS Local Zone or Wavelength Zone is not inside its parent Region: it is in its own city.
        zones = [v for v in resource_values(resource, prop.path) if isinstance(v, str) and is_edge_zone(v)]
        if zones:
            return Home([local_zone(zones[0], prop.path)])
    for prop in (p for p in rows if p.reader == "narrows"):
        values = resource_values(resource, prop.path)
        if values:
            base = next((resource_values(resource, p.path) for p in rows if p.reader != "narrows"), [])
            return Home([gcp_location(str(base[0]) if base else "", prop.path, values)])
    found: list[Location] = []
    for prop in (p for p in rows if p.reader != "narrows"):
        for value in resource_values(resource, prop.path):
            found += read(cloud, prop.reader, value, prop.path)
    if found:
        # A home whose default the cloud sets whatever the other homes say (a Voice Connector's awsRegion, us-east-1
        # when unset, whichever Region manages it; Apigee's consumer data, global without data residency) adds it.
        for prop in rows:
            independent = prop.unset.startswith("default:") or prop.unset == "anywhere"
            if independent and prop.reader != "narrows" and not resource_values(resource, prop.path):
                found += _unset(prop.path, prop.unset, resource, cloud).locations
        return Home(found)
    if not rows:
        if entry.reader == NEAREST:
            return _nearest_source(resource, entry, "storage location (no input sets it)")
        return _unset("region", "provider", resource, cloud)
    first = rows[0]
    what = " / ".join(p.path for p in rows if p.reader != "narrows") or first.path
    if first.unset == NEAREST and any(entry.role("source")):
        return _nearest_source(resource, entry, what)
    return _unset(what, first.unset, resource, cloud)


def _nearest_source(resource: Resource, entry: TypeEntry, what: str) -> Home:
    """A GCP image, snapshot or machine image without storage locations is stored in the multi-region
    nearest its source (https://cloud.google.com/compute/docs/disks/snapshots#selecting_a_storage_location):
    read from the source's zonal or regional path, else from the source resource in the stack."""
    for prop in entry.role("source"):
        for value in resource_values(resource, prop.path):
            text = _scalar(value)
            where = gcp_path_location(text) if text else None
            if where:
                return Home([nearest_multiregion(what, gcp_location(where, prop.path))])
            if text:
                return Home(inherit=(prop.path, text), nearest=True)
    return Home([anywhere(f"{what} (unset)", "unset", "the multi-region nearest the source")])


@dataclass(frozen=True)
class Copy:
    """A place a copy of the resource's data goes, and the survey row (None: the type itself) that says so."""

    location: Location
    prop: Prop | None
    unset: bool = False  # the row's value is absent and the cloud's default applies


def copy_locations(resource: Resource, entry: TypeEntry, homes: list[Location]) -> list[Copy]:
    """Every place a copy of the resource's data goes that its own properties name directly."""
    cloud = cloud_of(resource.type) or ""
    found: list[Copy] = []
    if entry.reader == "implicit-pair":
        for h in homes:
            if not (h.regions and h.regions[0][1] in SINGLE_REGION_GEOGRAPHIES):
                found.append(Copy(paired(h), None))
    if _inbound(resource):
        return found
    for prop in entry.role("copy"):
        values = resource_values(resource, prop.path)
        if not values:
            if _default_applies(resource, prop.path):
                found += [Copy(loc, prop, unset=True) for loc in _unset_copy(prop, homes)]
            continue
        for value in values:
            if prop.reader == "sync-member":
                found += [Copy(loc, prop) for loc in _sync_member(resource, value, prop.path)]
                continue
            found += [Copy(loc, prop) for loc in _copy(cloud, prop, value, homes)]
    return found


# Links whose direction property says the data flows in, not out: their copy rows name where it comes from.
# A SQL Data Sync member that syncs one way, member to hub
# (https://learn.microsoft.com/azure/azure-sql/database/sql-data-sync-data-sql-server-sql-database); a Managed
# Instance link whose instance is the secondary (https://learn.microsoft.com/azure/azure-sql/managed-instance/
# managed-instance-link-feature-overview); a Data Box job that imports into Azure
# (https://learn.microsoft.com/azure/databox/data-box-export-order).
INBOUND = {
    "azure-native:sql:SyncMember": ("syncDirection", "onewaymembertohub"),
    "azure-native:sql:DistributedAvailabilityGroup": ("instanceLinkRole", "secondary"),
    "azure-native:databox:Job": ("transferType", "importtoazure"),
}


def _inbound(resource: Resource) -> bool:
    direction = INBOUND.get(resource.type)
    return direction is not None and str(resource.props.get(direction[0]) or "").lower() == direction[1]


# An Azure SQL Data Sync member of type SqlServerDatabase is a SQL Server database outside Azure, reached
# through a sync agent; unless it only sends (INBOUND), it receives the hub's rows.
def _sync_member(resource: Resource, value: Any, source: str) -> list[Location]:
    if str(value) != "SqlServerDatabase":
        return []
    direction = resource.props.get("syncDirection") or "unset"
    return [anywhere(f"{source}={value}, syncDirection {direction}", "a SQL Server database", EXTERNAL)]


# Values that make data readable by everyone: GCP's allUsers and allAuthenticatedUsers ACL entities (as
# "ROLE:entity" in roleEntities), Azure's Blob and Container public access levels, S3's public canned ACLs and
# grants to its AllUsers and AuthenticatedUsers groups (cited in survey/classification.py).
PUBLIC_VALUES = frozenset(
    {"allusers", "allauthenticatedusers", "blob", "container", "public-read", "public-read-write", "publicread",
     "publicreadwrite", "authenticatedread",
     "authenticated-read", "http://acs.amazonaws.com/groups/global/allusers",
     "http://acs.amazonaws.com/groups/global/authenticatedusers"}
)  # fmt: skip
PUBLIC = "everyone on the internet: anyone may copy it anywhere"


# Country names as shipping forms write them that differ from the catalogue's names.
COUNTRY_ALIASES = {"usa": "US", "united states of america": "US", "uk": "GB", "great britain": "GB"}


def _country_code(name: str) -> str | None:
    key = name.strip().lower()
    if key in COUNTRY_ALIASES:
        return COUNTRY_ALIASES[key]
    return next((c.code for c in catalog.countries() if c.name.lower() == key), None)


def public_entity(value: Any, source: str) -> list[Location]:
    """Everyone an access entry (an ACL entity, a canned ACL) makes the data readable by, when it is public."""
    text = str(_scalar(value) or "")
    entity = text.rsplit(":", 1)[-1] if ":" in text and not text.startswith("http") else text
    if entity.lower().startswith("domain-"):
        # A Cloud Storage ACL entity domain-<domain>: every account of that Google Workspace or Cloud Identity domain
        # (https://cloud.google.com/storage/docs/access-control/lists#scopes), another organization's for all the
        # pack can tell from the ACL alone.
        return [anywhere(f"{source}={text}", text, f"every account of domain {entity[7:]}")]
    return [anywhere(f"{source}={text}", text, PUBLIC)] if entity.lower() in PUBLIC_VALUES else []


# A Firebase Security Rules statement that allows reading (read, get or list, https://firebase.google.com/docs/rules/
# rules-structure): with no condition or one that is always true, anyone may read; with only request.auth != null,
# anyone signed in to the app, which anyone may sign up to (https://firebase.google.com/docs/rules/insecure-rules).
_RULE_ALLOW = re.compile(r"\ballow\s+(?P<methods>[a-z,\s]+?)\s*(?::\s*if\s+(?P<condition>[^;]*))?;")
_READ_METHODS = frozenset({"read", "get", "list"})
_OPEN_CONDITIONS = {"true": PUBLIC, "request.auth!=null": "anyone signed in to the app, which anyone may sign up to"}


def _open_rules(rules: str, source: str) -> list[Location]:
    found: list[Location] = []
    text = re.sub(r"//[^\n]*", "", rules)  # comments
    for match in _RULE_ALLOW.finditer(text):
        methods = {m.strip() for m in match["methods"].split(",")}
        condition = re.sub(r"\s+", "", match["condition"] or "true")
        if methods & _READ_METHODS and condition in _OPEN_CONDITIONS:
            statement = " ".join(match[0].split())
            found.append(anywhere(source, f"whoever {statement!r} admits", _OPEN_CONDITIONS[condition]))
    return found


# A Kafka Connect sink connector writes the topics it reads to the systems its configuration names: a URL, URI,
# endpoint or host list (an HTTP sink's http.api.url, a JDBC sink's connection.url, an Elasticsearch sink's
# connection.url, ...) and a region (an S3 sink's s3.region). A source connector reads from them instead
# (https://docs.confluent.io/platform/current/connect/index.html#connectors; its class names say which).
CONNECT_ADDRESS = re.compile(r"(^|\.)(urls?|uri|endpoint|hosts?|hostname|servers)$")
CONNECT_REGION = re.compile(r"(^|\.)region$")


def _connect_sink(cloud: str, value: Any, source: str) -> list[Location]:
    if not is_map(value) or "source" in str(value.get("connector.class", "")).lower().rsplit(".", 1)[-1]:
        return []
    found: list[Location] = []
    for key, item in value.items():
        if isinstance(item, Unknown) or not isinstance(item, str):
            continue
        where = f"{source}.{key}"
        if "schema.registry" in key or "converter" in key:
            continue  # where the record schemas are looked up, not where the records go
        if CONNECT_REGION.search(key):
            found += read(cloud, "region", item, where)
        elif CONNECT_ADDRESS.search(key):
            for address in (a.strip() for a in item.split(",") if a.strip()):
                found += read(cloud, "url", address.removeprefix("jdbc:"), where)
    return found


def _copy(cloud: str, prop: Prop, value: Any, homes: list[Location]) -> list[Location]:
    text = str(_scalar(value) or "").lower()
    if prop.reader == "geo-sku":
        name = str(value.get("name", "") if is_map(value) else value)
        geo = name.lower() in GEO_REDUNDANT_SKUS
        return [_tagged(paired(h), f"sku {name} (paired region)") for h in homes] if geo else []
    if prop.reader == "geo-flag":
        on = value is True or text in ("enabled", "true")
        return [_tagged(paired(h), f"{prop.path} (paired region)") for h in homes] if on else []
    if prop.reader == "inference-profile":
        return _inference_profile(str(_scalar(value) or ""), prop.path)
    if prop.reader == "connect-sink":
        return _connect_sink(cloud, value, prop.path)
    if prop.reader == "public":
        return public_entity(value, prop.path)
    if prop.reader == "open-auth":
        # An endpoint that authenticates nobody: everyone on the internet may call it.
        return [anywhere(f"{prop.path}={value}", str(value), PUBLIC)] if text == "none" else []
    if prop.reader == "replication-region":
        # Default: the paired region; None: no replica; otherwise the region named.
        if text in ("", "none"):
            return []
        if text == "default":
            return [_tagged(paired(h), f"{prop.path}={value} (paired region)") for h in homes]
        return read(cloud, "location", value, prop.path)
    if prop.reader == "auto-resolve":
        # "AutoResolve": the service picks the region of the sink, judged where the sink is.
        return [] if text == "autoresolve" else read(cloud, "location", value, prop.path)
    if prop.reader == "deployment-type":
        name = str(value.get("name", "") if is_map(value) else value)
        return _deployment_type(name, prop.path, homes)
    if prop.reader == "residency-boundary":
        within_region = text.replace("_", "") == "withinregion"
        return [] if within_region else [_tagged(paired(h), f"{prop.path}={value} (paired region)") for h in homes]
    if prop.reader == "saas-connector":
        # A connector to a service of the cloud stays in it (AppStream's HOMEFOLDERS are S3 in the stack's Region;
        # AppFlow's S3, Redshift, EventBridge, ... destinations; a Stream Analytics output of an Azure resource
        # type, Microsoft.<namespace>/...), placed by its own rows; the others are SaaS applications and drives.
        name = text.upper().replace("_", "")
        if MANAGED_APIS in name:
            # A Logic Apps managed API, by ID (.../locations/<region>/managedApis/<name>).
            api = name.rsplit(MANAGED_APIS, 1)[1].strip("/")
            in_cloud = api in AZURE_MANAGED_APIS or api.startswith(AZURE_MANAGED_API_PREFIX)
            return [] if in_cloud else [anywhere(f"{prop.path}={value}", str(value), EXTERNAL)]
        if GCP_PROVIDERS in name and "/CONNECTORS/" in name:
            # An Integration Connectors version (.../providers/<provider>/connectors/...): Google's own are "gcp".
            provider = name.split(GCP_PROVIDERS, 1)[1].split("/", 1)[0]
            return [] if provider == "GCP" else [anywhere(f"{prop.path}={value}", str(value), EXTERNAL)]
        in_cloud = name in CLOUD_CONNECTORS or name.startswith(AZURE_NAMESPACE)
        return [] if in_cloud else [anywhere(f"{prop.path}={value}", str(value), EXTERNAL)]
    if prop.reader == "confluent-direction":
        source = text == "source"
        return [anywhere(f"{prop.path}={value}", "Confluent Cloud", EXTERNAL)] if source else []
    if prop.reader == "extended-location":
        kind = str(value.get("type") or "") if is_map(value) else ""
        if kind.lower() != "customlocation":
            return []  # an Edge Zone is in its parent region
        where = "a custom location: an Azure Arc-enabled cluster outside Azure's regions"
        return [anywhere(prop.path, str(value.get("name") or "custom location"), where)]
    if prop.reader == "location-provider":
        # Amazon Location's data provider, by name (Here) or in a map style (VectorHereExplore): requests to Open Data
        # stay in the Region, requests to the others go to the provider.
        return [] if "opendata" in text else [anywhere(f"{prop.path}={value}", str(value), EXTERNAL)]
    if prop.reader == "security-rules":
        return _open_rules(str(_scalar(value) or ""), prop.path)
    if prop.reader == "community-sharing":
        # A community gallery is public: any Azure user can list it and copy its images anywhere.
        public = text == "community"
        return [anywhere(f"{prop.path}={value}", "every Azure user", "a community (public) gallery")] if public else []
    if prop.reader in ("on-premises", "saas"):
        # The resource itself runs outside the cloud and holds a copy of its parent's data; or the value configures a
        # SaaS the data is sent to (a Jira Cloud site).
        return [anywhere(prop.path, prop.path.rsplit(".", 1)[-1] if is_map(value) else str(value), EXTERNAL)]
    if prop.reader == "residency-flag":
        # A data-residency switch: on, the data stays in the region; off, it is replicated to the pair.
        kept = value is True or text == "true"
        return [] if kept else [_tagged(paired(h), f"{prop.path}={value} (paired region)") for h in homes]
    if prop.reader == "geo-redundancy":
        geo = text.startswith("geo") or "grs" in text
        return [_tagged(paired(h), f"{prop.path}={value} (paired region)") for h in homes] if geo else []
    return read(cloud, prop.reader, value, prop.path)


# Defaults of a mode: they apply only while the mode property holds one of these values (or is unset,
# when the first is the cloud's default mode). Cosmos DB's periodic backups are geo-redundant by
# default; continuous backups stay in each region the account is in
# (https://learn.microsoft.com/azure/cosmos-db/continuous-backup-restore-introduction).
MODE_DEFAULTS = {"backupPolicy.periodicModeProperties.backupStorageRedundancy": ("backupPolicy.type", ("periodic",))}


def _default_applies(resource: Resource, path: str) -> bool:
    mode = MODE_DEFAULTS.get(path)
    if mode is None:
        return True
    value = next(iter(resource_values(resource, mode[0])), None)
    return value is None or str(value).lower() in mode[1]


# Bedrock's geographic cross-Region inference profiles and the Regions they route to
# (https://docs.aws.amazon.com/bedrock/latest/userguide/inference-profiles-support.html); global. routes to
# any commercial Region. Other geographies are not placed: they span several countries.
BEDROCK_GEOGRAPHIES = {
    "us": ("us-east-1", "us-east-2", "us-west-2"),
    "us-gov": ("us-gov-west-1", "us-gov-east-1"),
    "eu": ("eu-central-1", "eu-west-1", "eu-west-3", "eu-north-1", "eu-south-1", "eu-south-2"),
}


def _inference_profile(model: str, source: str) -> list[Location]:
    # An inference or guardrail profile, by ID or ARN (...:inference-profile/eu.x, ...:guardrail-profile/eu.x).
    profile = model.rsplit("-profile/", 1)[-1] if model.startswith("arn:") else model
    prefix = profile.split(".", 1)[0] if "." in profile else ""
    if prefix == "global":
        return [anywhere(f"{source} {model}", "global inference profile", "any commercial AWS Region")]
    if prefix in BEDROCK_GEOGRAPHIES:
        return [_region("aws", r, f"{source} {model}") for r in BEDROCK_GEOGRAPHIES[prefix]]
    if prefix in ("apac", "jp", "au", "ca") or (prefix and profile.count(".") >= 2):
        return [anywhere(f"{source} {model}", f"{prefix} inference profile", "several Regions of a geography")]
    return []


def _deployment_type(name: str, source: str, homes: list[Location]) -> list[Location]:
    lower = name.lower()
    if lower.startswith("global"):
        return [anywhere(f"{source} {name}", name, "any Azure region (global deployment)")]
    if lower.startswith("datazone"):
        found = []
        for h in homes:
            if h.countries and h.countries <= _EU_COUNTRIES:
                found.append(Location(f"{source} {name}", name, _EU_COUNTRIES, note="the EU data zone"))
            elif h.countries == frozenset({"US"}):
                found.append(Location(f"{source} {name}", name, frozenset({"US"}), note="the US data zone"))
            else:
                found.append(anywhere(f"{source} {name}", name, "a data zone of several countries"))
        return found
    return []


_EU_COUNTRIES = builtin()["eu"].countries or frozenset()


def _unset_copy(prop: Prop, homes: list[Location]) -> list[Location]:
    if prop.unset.startswith("default:"):
        value = prop.unset.removeprefix("default:")
        return [gcp_location(value, f"{prop.path} (unset: defaults to {value})")]
    if prop.unset == "pair":
        return [_tagged(paired(h), f"{prop.path} unset: geo-redundant by default (paired region)") for h in homes]
    if prop.unset == "anywhere":
        return [anywhere(f"{prop.path} (unset)", "unset")]
    if prop.unset == "nearest-multiregion":
        return [nearest_multiregion(prop.path, h) for h in homes]
    return []


def nearest_multiregion(source: str, home_location: Location) -> Location:
    """GCP's multi-region nearest a region: EU for EU member states, US for the US; anywhere
    else the pack cannot say which multi-region, so it is not placeable."""
    label = f"{source} (unset: the multi-region nearest {home_location.value})"
    if home_location.countries and home_location.countries <= _EU:
        return Location(label, "EU", _EU)
    if home_location.countries == frozenset({"US"}):
        return Location(label, "US", frozenset({"US"}))
    return anywhere(label, "unset", "the multi-region nearest the source, which the pack cannot place")


def _tagged(location: Location, source: str) -> Location:
    return Location(source, location.value, location.countries, location.regions, location.note)
