"""How the residency survey classifies what it finds: patterns, first match wins.

Each pattern states a documented fact about where a resource type keeps its data (a type row)
or what one of its properties says about it (a property row), with the source it comes from.
Many types are classified by a documented pattern (every pulumi-aws v7 resource with a
``region`` input is managed in that region; every ARM resource without a ``location`` is a
nested resource whose data lives in its parent): those patterns say so in ``why``, and the
generated README counts the rows each one classified, so a reviewer sees how much rests on it.

Type roles:     regional | global | edge | child
Property roles: home | copy | source | target | peer | key | within | labels | none
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from fnmatch import fnmatchcase

ROLES_DOC = """\
A **type row** (empty `property`) says where the type keeps its data:
`regional` (at its home location: the properties with role `home`, else what `unset` says),
`global` (it keeps no customer data in a location: identity, policy, billing, DNS configuration;
never judged by its provider's region), `unplaceable` (it keeps or serves data at edge locations
or in places the cloud does not disclose: never placeable under a country regime), `child` (a
nested resource whose data lives in its parent, which has the location and is judged itself).
A type row's `reader` `implicit-pair` means the type always copies to the Azure paired region;
`nearest-multiregion` that the type has no location input and is stored in the GCP multi-region
nearest the source its `source` row names (machine images).

A **property row** says what one input property means:
`home` (where the resource's data lives), `copy` (where copies of it go: replicas, replication
and copy rules, backup copies, geo-redundancy, failover partners, multi-region configurations),
`source` (this resource is a copy of the resource it names), `target` (this resource sends its
data to the resource it names), `peer` (resources naming the same value replicate among
themselves: a global cluster or replication group), `subject` (this resource configures the
resource it names and carries that resource's regime), `within` (a place inside the home location,
e.g. an availability zone), `labels` (nested labels that can carry the regime), `none` (the name
matches but the value places no data: time zones, DNS zones, network CIDRs, replica counts, ...).

`reader` says how a value is read: `region`, `zone`, `location` (the cloud's own location
forms: GCP zones, multi- and dual-regions, Azure display names), `narrows` (GCS data locations
that replace the multi-region), `gcp-config` (Spanner/Firestore/App Engine configurations, Azure
Communication data locations), `arn` (the region field of an AWS ARN, else the named resource),
`s3-uri`, `s3-object` (an S3 copy source, bucket/key: its bucket is looked up), `gcp-ref` (a GCP
resource path, with its location when it has one), `gcp-parent` (a GCP parent path: its location, else
global), `kafka-connect` (a Kafka Connect connector's configs: the source cluster MirrorMaker 2 copies from),
`connection` (a connection string: the host it names, never its credentials), `connect-sink` (a sink
connector's configuration: the URLs, hosts and region it writes records to), `jdbc-url`
(a Glue connection's JDBC_CONNECTION_URL), `name-value` (a Dapr component's metadata item: the address its name
says it holds), `public` (values that make data everyone's: allUsers, public ACLs,
anonymous containers), `open-auth` (an endpoint that authenticates nobody), `principal` (a Lambda permission's
principal: an account, everyone or an AWS service), `auto-resolve` (a location or AutoResolve, placed by the
sink), `replication-region` (Default: the paired region; None: none), `ref` (an
identifier looked up in the stack), `bq-table` (a BigQuery table reference: its dataset is looked
up), `gcs-uri` (a gs:// URI: its bucket is looked up), `url` (a URL or host name: an AWS endpoint
host names its Region; any other host is placed only by the stack resource that serves it, else it
is outside the cloud and not placeable), `endpoint` (an ARN, a Region, a URL, else an address
outside the cloud such as an email address or phone number), `geo-sku`, `geo-flag`,
`geo-redundancy` (the Azure paired region when geo-redundancy is on), `residency-flag` (a data-residency
switch: off or unset, the Azure paired region), `auto`, `edge-flag` and `edge-mode` (the cloud
chooses, or edge caches, on a flag or in a serving mode such as GLOBAL_ACCESS: not placeable),
`provider-sharing` (on: the cloud provider keeps a copy for its own use), `default-log-bucket` (on: written to the
project's Cloud Logging _Default bucket, global unless set),
`country` (an ISO country code: a shipping address), `sync-member` (an Azure SQL Data Sync member
outside Azure that receives the hub's rows), `account` (an AWS account the data is shared with, or
`all`: judged against the accounts the stack's own ARNs and providers name), `account-arn` (the
same, for the account of an ARN), `gcp-project` (a GCP project the data is shared with or copied
into: judged against the projects the stack works in), `saas-connector` (also a Logic Apps managed
API by its ID), `community-sharing`, `on-premises` and `saas` (a SaaS application or drive, a
public gallery, a resource that runs outside the cloud, a SaaS the value configures: not placeable).
`unset` says what an absent value means: `provider`
(the provider's region, zone or location), `required` (the cloud requires it; absent means it
cannot be determined), `default:<location>`, `anywhere` (the cloud chooses), `nearest-multiregion`
(GCP: the multi-region nearest the source: the zone or region in the path the type's `source` row
names, else that resource's location in the stack; for a copy row, nearest the resource itself),
`pair` (geo-redundant by default: the Azure paired region), `inherit:<property>` (the location of
the resource that property names, e.g. the resource group)."""

TYPE_ROLES = frozenset({"regional", "global", "unplaceable", "child"})
PROPERTY_ROLES = frozenset({"home", "copy", "source", "target", "peer", "subject", "within", "labels", "none"})


@dataclass(frozen=True)
class Pattern:
    id: str
    package: str  # aws | gcp | azure-native
    types: str  # fnmatch pattern on the type token
    path: str | None  # regular expression matched against the whole property path; None: the type row
    role: str
    reader: str = ""
    unset: str = ""
    why: str = ""
    source: str = ""
    explicit: bool = False  # survey this path even though its name has no location word
    home: bool | None = None  # type rows: only types that have (True) or lack (False) a home property
    # False for a catch-all reviewed only for location words: a property surveyed because its name can
    # name where data goes (account, endpoint, bucket, workspace, URL) must match a reviewed pattern.
    destinations: bool = True
    _regex: re.Pattern[str] | None = field(default=None, compare=False, repr=False)

    def cells(self) -> tuple[str, str, str, str]:
        return (self.role, self.reader, self.unset, self.id)

    def matches_path(self, path: str | None) -> bool:
        if self.path is None or path is None:
            return self.path is None and path is None
        regex = self._regex or re.compile(self.path)
        object.__setattr__(self, "_regex", regex)
        return regex.fullmatch(path) is not None


def _p(id_: str, package: str, types: str, path: str | None, role: str, **kw: object) -> Pattern:
    return Pattern(id_, package, types, path, role, **kw)  # type: ignore[arg-type]


def _aws_many(id_: str, types: tuple[str, ...], path: str, role: str, **kw: object) -> list[Pattern]:
    """One AWS pattern (one documented fact) for several types."""
    return [_p(id_, "aws", t, path, role, **kw) for t in types]


def _gcp_many(id_: str, types: tuple[str, ...], path: str, role: str, **kw: object) -> list[Pattern]:
    """One GCP pattern (one documented fact) for several types."""
    return [_p(id_, "gcp", t, path, role, **kw) for t in types]


AWS_V7 = "https://www.pulumi.com/registry/packages/aws/how-to-guides/aws-enhanced-region-support/"
AWS_GLOBAL = "https://docs.aws.amazon.com/general/latest/gr/rande.html#global-endpoints"

PATTERNS: list[Pattern] = [
    _p(
        "aws-chime-voice-connector-region",
        "aws",
        "aws:chime/voiceConnector:*",
        r"awsRegion",
        "home",
        reader="region",
        unset="default:us-east-1",
        why="A Voice Connector is created, and keeps its call data, in this Region, us-east-1 when unset, whichever "
        "Region the provider manages it from.",
        source="https://www.pulumi.com/registry/packages/aws/api-docs/chime/voiceconnector/",
    ),
    _p(
        "aws-traffic-mirror-target",
        "aws",
        "aws:ec2/trafficMirrorSession:*",
        r"trafficMirrorTargetId",
        "target",
        reader="ref",
        explicit=True,
        why="A mirror session copies every packet (payloads included) its filter accepts from the network interface "
        "to this target: an interface, a Network Load Balancer or a Gateway Load Balancer endpoint, possibly "
        "another account's, shared through AWS RAM.",
        source="https://docs.aws.amazon.com/vpc/latest/mirroring/traffic-mirroring-targets.html",
    ),
    _p(
        "aws-traffic-mirror-source",
        "aws",
        "aws:ec2/trafficMirrorSession:*",
        r"networkInterfaceId",
        "subject",
        reader="ref",
        explicit=True,
        why="A mirror session copies the traffic of the network interface it names.",
        source="https://docs.aws.amazon.com/vpc/latest/mirroring/traffic-mirroring-session.html",
    ),
    _p(
        "aws-quicksight-dataset-source",
        "aws",
        "aws:quicksight/dataSet:*",
        r"physicalTableMaps\[\]\.(relationalTable|customSql|s3Source)\.dataSourceArn",
        "source",
        reader="arn",
        explicit=True,
        why="A dataset reads its tables from the data source it names: imported into SPICE, QuickSight's in-memory "
        "store in the dataset's Region, it is a copy; queried directly, the rows are still processed and shown "
        "there.",
        source="https://docs.aws.amazon.com/quicksight/latest/user/spice.html",
    ),
    _p(
        "az-container-apps-datadog",
        "azure-native",
        "azure-native:app:ManagedEnvironment",
        r"openTelemetryConfiguration\.destinationsConfiguration\.dataDogConfiguration\.site",
        "target",
        reader="url",
        explicit=True,
        why="The environment's OpenTelemetry agent sends the traces, logs and metrics routed to dataDog to the "
        "Datadog site named here, a service outside Azure.",
        source="https://learn.microsoft.com/azure/container-apps/opentelemetry-agents",
    ),
    _p(
        "az-dapr-component-address",
        "azure-native",
        "azure-native:app:DaprComponent",
        r"metadata\[\]",
        "target",
        reader="name-value",
        explicit=True,
        why="A Dapr component connects the environment's apps to the broker, store or service its metadata names "
        "(brokers, host, url, connectionString, accountName): what they publish, save or bind goes there.",
        source="https://learn.microsoft.com/azure/container-apps/dapr-components",
    ),
    *_gcp_many(
        "gcp-default-storage-settings",
        ("gcp:logging/folderSettings:*", "gcp:logging/organizationSettings:*"),
        r"storageLocation",
        "home",
        reader="location",
        unset="anywhere",
        explicit=True,
        why="The location Cloud Logging creates the _Default and _Required buckets of new projects below the folder "
        "or organization in; unset, they are global.",
        source="https://cloud.google.com/logging/docs/default-settings",
    ),
    *_gcp_many(
        "gcp-default-storage-settings",
        (
            "gcp:observability/folderSettings:*",
            "gcp:observability/organizationSettings:*",
            "gcp:observability/projectSettings:*",
        ),
        r"defaultStorageLocation",
        "home",
        reader="location",
        unset="anywhere",
        explicit=True,
        why="The location the project's (or the folder's or organization's new projects') observability buckets are "
        "created in; unset, Google chooses.",
        source="https://cloud.google.com/stackdriver/docs/observability/set-defaults-for-observability-buckets",
    ),
    *_gcp_many(
        "gcp-settings-api-location",
        (
            "gcp:observability/folderSettings:*",
            "gcp:observability/organizationSettings:*",
            "gcp:observability/projectSettings:*",
        ),
        r"location",
        "none",
        why="The settings resource's own API location (global): where the settings are kept, not where data is.",
        source="https://cloud.google.com/stackdriver/docs/observability/set-defaults-for-observability-buckets",
    ),
    _p(
        "aws-glue-connection-url",
        "aws",
        "aws:glue/connection:*",
        r"connectionProperties",
        "target",
        reader="jdbc-url",
        explicit=True,
        why="Glue jobs that use the connection read from and write to the database this JDBC URL names: an AWS "
        "endpoint names its Region, any other host is outside AWS.",
        source="https://docs.aws.amazon.com/glue/latest/dg/connection-properties.html",
    ),
    _p(
        "aws-lambda-permission-function",
        "aws",
        "aws:lambda/permission:*",
        r"function",
        "subject",
        reader="ref",
        explicit=True,
        why="A permission lets its principal invoke the function it names and read what the function returns.",
        source="https://docs.aws.amazon.com/lambda/latest/dg/permissions-function-cross-account.html",
    ),
    _p(
        "aws-lambda-permission-principal",
        "aws",
        "aws:lambda/permission:*",
        r"principal",
        "target",
        reader="principal",
        explicit=True,
        why="The principal that may invoke the function: an AWS service, an account (ID or ARN), or everyone (*), "
        "bounded by principalOrgId or sourceAccount when set.",
        source="https://docs.aws.amazon.com/lambda/latest/dg/permissions-function-cross-account.html",
    ),
    *[
        _p(
            id_,
            "aws",
            types,
            path,
            role,
            reader=reader,
            explicit=True,
            why=why,
            source=source,
        )
        for id_, types, path, role, reader, why, source in (
            (
                "aws-opensearch-endpoint-domain",
                "aws:opensearch/authorizeVpcEndpointAccess:*",
                r"domainName",
                "subject",
                "ref",
                "The authorization lets another account create VPC endpoints to the domain it names.",
                "https://docs.aws.amazon.com/opensearch-service/latest/developerguide/vpc-interface-endpoints.html",
            ),
            (
                "aws-opensearch-endpoint-account",
                "aws:opensearch/authorizeVpcEndpointAccess:*",
                r"account",
                "target",
                "account",
                "The account that may reach the domain through its own VPC endpoints, and query and copy its data.",
                "https://docs.aws.amazon.com/opensearch-service/latest/developerguide/vpc-interface-endpoints.html",
            ),
            (
                "aws-security-lake-subscriber",
                "aws:securitylake/subscriber:*",
                r"subscriberIdentity\.principal",
                "target",
                "account",
                "A subscriber's account reads the data lake's logs (S3 access or query access) from its own account.",
                "https://docs.aws.amazon.com/security-lake/latest/userguide/subscriber-management.html",
            ),
        )
    ],
    *_aws_many(
        "aws-api-parts",
        ("aws:apigatewayv2/integration:*", "aws:apigatewayv2/route:*", "aws:apigatewayv2/stage:*"),
        r"apiId",
        "subject",
        reader="ref",
        explicit=True,
        why="An integration, route or stage belongs to the API it names: it carries the requests that API receives.",
        source="https://docs.aws.amazon.com/apigateway/latest/developerguide/http-api-develop-integrations.html",
    ),
    _p(
        "aws-lambda-url-function",
        "aws",
        "aws:lambda/functionUrl:*",
        r"functionName",
        "subject",
        reader="ref",
        explicit=True,
        why="A function URL serves the function it names: what the function returns goes to whoever calls the URL.",
        source="https://docs.aws.amazon.com/lambda/latest/dg/urls-auth.html",
    ),
    _p(
        "aws-lambda-url-public",
        "aws",
        "aws:lambda/functionUrl:*",
        r"authorizationType",
        "copy",
        reader="open-auth",
        explicit=True,
        why="With authorization type NONE, Lambda does not authenticate requests to the URL: anyone on the internet "
        "may call the function and read what it returns.",
        source="https://docs.aws.amazon.com/lambda/latest/dg/urls-auth.html",
    ),
    _p(
        "aws-redshift-endpoint-authorization",
        "aws",
        "aws:redshift/endpointAuthorization:*",
        r"clusterIdentifier",
        "subject",
        reader="ref",
        explicit=True,
        why="The authorization lets another account create Redshift-managed VPC endpoints to the cluster it names.",
        source="https://docs.aws.amazon.com/redshift/latest/mgmt/managing-cluster-cross-vpc.html",
    ),
    _p(
        "aws-redshift-endpoint-account",
        "aws",
        "aws:redshift/endpointAuthorization:*",
        r"account",
        "target",
        reader="account",
        explicit=True,
        why="The account that may reach the cluster through its own endpoints, and query and copy its data anywhere.",
        source="https://docs.aws.amazon.com/redshift/latest/mgmt/managing-cluster-cross-vpc.html",
    ),
    _p(
        "aws-cognito-ses-identity",
        "aws",
        "aws:cognito/userPool:*",
        r"emailConfiguration\.sourceArn",
        "target",
        reader="arn",
        explicit=True,
        why="With emailSendingAccount DEVELOPER, Cognito sends the pool's email messages (addresses, codes, user "
        "attributes) through this SES identity, in the SES Region its ARN names.",
        source="https://docs.aws.amazon.com/cognito/latest/developerguide/user-pool-email.html",
    ),
    *_aws_many(
        "aws-chatbot-topics",
        ("aws:chatbot/slackChannelConfiguration:*", "aws:chatbot/teamsChannelConfiguration:*"),
        r"snsTopicArns\[\]",
        "subject",
        reader="arn",
        explicit=True,
        why="A chat channel configuration posts every notification of these SNS topics into the channel.",
        source="https://docs.aws.amazon.com/chatbot/latest/adminguide/what-is.html",
    ),
    *_aws_many(
        "aws-chatbot-channel",
        ("aws:chatbot/slackChannelConfiguration:*", "aws:chatbot/teamsChannelConfiguration:*"),
        r"slackChannelId|channelId",
        "copy",
        reader="on-premises",
        explicit=True,
        why="The notifications are posted to a Slack or Microsoft Teams channel, a SaaS workspace outside AWS.",
        source="https://docs.aws.amazon.com/chatbot/latest/adminguide/what-is.html",
    ),
    *_aws_many(
        "aws-s3-acl-public",
        (
            "aws:s3/bucketAclV2:*",
            "aws:s3/bucketAcl:*",
            "aws:s3/bucket:*",
            "aws:s3/bucketV2:*",
            "aws:s3/bucketObjectv2:*",
            "aws:s3/bucketObject:*",
        ),
        r"acl|accessControlPolicy\.grants\[\]\.grantee\.uri",
        "copy",
        reader="public",
        explicit=True,
        why="The canned ACLs public-read, public-read-write and authenticated-read, and grants to the AllUsers or "
        "AuthenticatedUsers group, let anyone (with an AWS account) read the data and copy it anywhere.",
        source="https://docs.aws.amazon.com/AmazonS3/latest/userguide/acl-overview.html#canned-acl",
    ),
    # ------------------------------------------------------------------------------------ AWS
    # Copies and replicas, one documented feature each.
    _p(
        "aws-shared-directory-subject",
        "aws",
        "aws:directoryservice/sharedDirectory:*",
        r"directoryId",
        "subject",
        reader="ref",
        explicit=True,
        why="A shared directory shares the directory it names (its users, groups and computers) with another account.",
        source="https://docs.aws.amazon.com/directoryservice/latest/admin-guide/ms_ad_directory_sharing.html",
    ),
    _p(
        "aws-shared-directory-account",
        "aws",
        "aws:directoryservice/sharedDirectory:*",
        r"target\.id",
        "target",
        reader="account",
        explicit=True,
        why="The account the directory is shared with may use it (join its instances, read its objects) from any "
        "Region.",
        source="https://docs.aws.amazon.com/directoryservice/latest/admin-guide/ms_ad_directory_sharing.html",
    ),
    _p(
        "aws-securityhub-ticketing",
        "aws",
        "aws:securityhub/connectorV2:*",
        r"connectorProvider\.(jiraCloud|serviceNow)",
        "copy",
        reader="saas",
        explicit=True,
        why="A Security Hub connector opens a ticket with each finding's details in the Jira Cloud site or ServiceNow "
        "instance it names: SaaS outside AWS.",
        source="https://docs.aws.amazon.com/securityhub/latest/userguide/securityhub-v2-integrations.html",
    ),
    _p(
        "aws-location-provider",
        "aws",
        "aws:location/*",
        r"dataSource|configuration\.style",
        "copy",
        reader="location-provider",
        explicit=True,
        why="A place index, route calculator or map sends its requests' parameters (the addresses and positions "
        "searched) to its data provider, Esri, HERE or GrabMaps, which may process them outside the Region; only "
        "Open Data requests are processed by AWS in the Region.",
        source="https://docs.aws.amazon.com/govcloud-us/latest/UserGuide/govcloud-geo.html",
    ),
    _p(
        "aws-incident-pagerduty",
        "aws",
        "aws:ssmincidents/responsePlan:*",
        r"integration\.pagerduties\[\]\.serviceId",
        "copy",
        reader="saas",
        explicit=True,
        why="A response plan's PagerDuty integration is \"the PagerDuty service where the response plan creates an "
        "incident\": each incident's details go to that SaaS, outside AWS.",
        source="https://docs.aws.amazon.com/incident-manager/latest/APIReference/API_Integration.html",
    ),
    _p(
        "aws-bedrock-guardrail-profile",
        "aws",
        "aws:bedrock/guardrail:*",
        r"crossRegionConfig\.guardrailProfileIdentifier",
        "copy",
        reader="inference-profile",
        explicit=True,
        why="A guardrail with a cross-Region profile evaluates its prompts and responses in any destination Region "
        "of the profile's geography (eu.guardrail.v1:0: Regions of the EU), as an inference profile routes them.",
        source="https://docs.aws.amazon.com/bedrock/latest/userguide/guardrails-cross-region.html",
    ),
    *_aws_many(
        "aws-outposts-storage",
        ("aws:s3control/bucket:*", "aws:ebs/volume:*", "aws:ebs/snapshot:*"),
        r"outpostId|outpostArn",
        "copy",
        reader="on-premises",
        explicit=True,
        why="S3 on Outposts buckets and EBS volumes and snapshots on an Outpost keep their data on the Outpost, on "
        "the customer's premises wherever it is installed, not in the Outpost's home Region.",
        source="https://docs.aws.amazon.com/AmazonS3/latest/s3-outposts/S3onOutposts.html",
    ),
    _p(
        "aws-bedrock-inference-profile",
        "aws",
        "aws:bedrock/*",
        r"foundationModel|modelArn|modelId|modelSource\.copyFrom",
        "copy",
        reader="inference-profile",
        explicit=True,
        why="A cross-Region inference profile (a model ID with a geography prefix) sends prompts and responses to "
        "any Region of its geography for processing: global. to any commercial Region, eu. to the EU Regions, us. "
        "to the US Regions; a plain model ID runs in the resource's own Region.",
        source="https://docs.aws.amazon.com/bedrock/latest/userguide/inference-profiles-support.html",
    ),
    _p(
        "aws-ecs-container-logs",
        "aws",
        "aws:ecs/taskDefinition:TaskDefinition",
        r"containerDefinitions",
        "target",
        reader="ecs-logs",
        explicit=True,
        why="A container's log configuration sends its output (the application's data as it logs it) to CloudWatch "
        "Logs in awslogs-region, or through FireLens to the output it names, inside or outside AWS.",
        source="https://docs.aws.amazon.com/AmazonECS/latest/developerguide/using_firelens.html",
    ),
    _p(
        "aws-ecs-container-logs",
        "aws",
        "aws:batch/jobDefinition:JobDefinition",
        r"containerProperties",
        "target",
        reader="ecs-logs",
        explicit=True,
        why="A Batch job's container log configuration sends its output to CloudWatch Logs in awslogs-region, or "
        "to the driver's destination, as an ECS container's does (Batch runs jobs as ECS tasks).",
        source="https://docs.aws.amazon.com/batch/latest/userguide/using_awslogs.html",
    ),
    _p(
        "aws-cdn-origin",
        "aws",
        "aws:lightsail/distribution:*",
        r"origin\.name",
        "subject",
        reader="ref",
        explicit=True,
        why="A Lightsail distribution caches the content of the bucket or instance its origin names at edge "
        "locations worldwide.",
        source="https://docs.aws.amazon.com/lightsail/latest/userguide/amazon-lightsail-content-delivery-network-distributions.html",
    ),
    _p(
        "aws-dynamodb-replicas",
        "aws",
        "aws:dynamodb/*",
        r"replicas\[\]\.regionName",
        "copy",
        reader="region",
        why="DynamoDB global tables keep a full replica of the table in each replica Region.",
        source="https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/GlobalTables.html",
    ),
    _p(
        "aws-dynamodb-witness",
        "aws",
        "aws:dynamodb/table:Table",
        r"globalTableWitness\.regionName",
        "copy",
        reader="region",
        why="A multi-Region strongly consistent global table's witness Region stores replicated change data.",
        source="https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/V2globaltables_HowItWorks.html",
    ),
    _p(
        "aws-dynamodb-table-replica",
        "aws",
        "aws:dynamodb/tableReplica:TableReplica",
        r"globalTableArn",
        "source",
        reader="arn",
        explicit=True,
        why="A table replica holds a copy of the global table it names, in the replica resource's own Region.",
        source="https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/GlobalTables.html",
    ),
    _p(
        "aws-secret-replicas",
        "aws",
        "aws:secretsmanager/secret:Secret",
        r"replicas\[\]\.region",
        "copy",
        reader="region",
        why="Secrets Manager replicates the secret value to each replica Region.",
        source="https://docs.aws.amazon.com/secretsmanager/latest/userguide/create-manage-multi-region-secrets.html",
    ),
    _p(
        "aws-mrap-regions",
        "aws",
        "aws:s3control/multiRegionAccessPoint*",
        r"(details\.regions|routes)\[\]\.region",
        "copy",
        reader="region",
        why="A Multi-Region Access Point serves (and with replication, holds) data from buckets in each listed Region.",
        source="https://docs.aws.amazon.com/AmazonS3/latest/userguide/MultiRegionAccessPoints.html",
    ),
    _p(
        "aws-ecr-replication",
        "aws",
        "aws:ecr/replicationConfiguration:*",
        r"replicationConfiguration\.rules\[\]\.destinations\[\]\.region",
        "copy",
        reader="region",
        why="ECR replication copies every matching image to each destination Region.",
        source="https://docs.aws.amazon.com/AmazonECR/latest/userguide/replication.html",
    ),
    _p(
        "aws-efs-replication",
        "aws",
        "aws:efs/replicationConfiguration:*",
        r"destination\.(region|availabilityZoneName)",
        "copy",
        reader="zone",
        why="EFS replication keeps a read-only copy of the file system in the destination Region.",
        source="https://docs.aws.amazon.com/efs/latest/ug/efs-replication.html",
    ),
    _p(
        "aws-snapshot-copy-dest",
        "aws",
        "aws:*",
        r"destinationRegion",
        "copy",
        reader="region",
        why="Snapshot copy resources (RDS, Redshift, Audit Manager shares) put a copy in the destination Region.",
        source="https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/USER_CopySnapshot.html",
    ),
    _p(
        "aws-dlm-cross-region",
        "aws",
        "aws:dlm/lifecyclePolicy:*",
        r"policyDetails\.(schedules\[\]\.crossRegionCopyRules\[\]\.(targetRegion|target)|action\.crossRegionCopies\[\]\.target)",
        "copy",
        reader="endpoint",
        explicit=True,
        why="Data Lifecycle Manager cross-Region copy rules copy every snapshot/AMI to the target, a Region or the "
        "ARN of an Outpost (whose Region the ARN names).",
        source="https://docs.aws.amazon.com/dlm/latest/APIReference/API_CrossRegionCopyRule.html",
    ),
    _p(
        "aws-backup-copy",
        "aws",
        "aws:backup/plan:Plan",
        r"rules\[\]\.copyActions\[\]\.destinationVaultArn",
        "copy",
        reader="arn",
        why="A backup copy action copies each recovery point to the destination vault (its ARN names the Region).",
        source="https://docs.aws.amazon.com/aws-backup/latest/devguide/cross-region-backup.html",
    ),
    _p(
        "aws-keyspaces-regions",
        "aws",
        "aws:keyspaces/keyspace:*",
        r"replicationSpecification\.regionLists\[\]",
        "copy",
        reader="region",
        why="A multi-Region keyspace replicates its tables to every listed Region.",
        source="https://docs.aws.amazon.com/keyspaces/latest/devguide/multiRegion-replication.html",
    ),
    _p(
        "aws-dsql-witness",
        "aws",
        "aws:dsql/*",
        r"(multiRegionProperties\.)?witnessRegion",
        "copy",
        reader="region",
        why="An Aurora DSQL multi-Region cluster's witness Region stores a portion of the encrypted transaction log.",
        source="https://docs.aws.amazon.com/aurora-dsql/latest/userguide/what-is-aurora-dsql.html",
    ),
    _p(
        "aws-dsql-peers",
        "aws",
        "aws:dsql/clusterPeering:*",
        r"clusters\[\]",
        "target",
        reader="arn",
        explicit=True,
        why="Peered Aurora DSQL clusters replicate synchronously to each other.",
        source="https://docs.aws.amazon.com/aurora-dsql/latest/userguide/what-is-aurora-dsql.html",
    ),
    _p(
        "aws-global-cluster-member",
        "aws",
        "aws:*",
        r"globalClusterIdentifier|globalReplicationGroupId|multiRegionClusterName",
        "peer",
        reader="ref",
        explicit=True,
        why="Members of an Aurora/DocumentDB/Neptune global database, an ElastiCache global datastore or a MemoryDB "
        "multi-Region cluster replicate to every other member.",
        source="https://docs.aws.amazon.com/AmazonRDS/latest/AuroraUserGuide/aurora-global-database.html",
    ),
    _p(
        "aws-global-cluster-source",
        "aws",
        "aws:*/globalCluster:GlobalCluster",
        r"sourceDbClusterIdentifier",
        "peer",
        reader="arn",
        explicit=True,
        why="A global cluster created from an existing cluster replicates that cluster's data to every member.",
        source="https://docs.aws.amazon.com/AmazonRDS/latest/AuroraUserGuide/aurora-global-database.html",
    ),
    _p(
        "aws-elasticache-global-primary",
        "aws",
        "aws:elasticache/globalReplicationGroup:*",
        r"primaryReplicationGroupId",
        "peer",
        reader="ref",
        why="A global datastore replicates its primary replication group to every secondary.",
        source="https://docs.aws.amazon.com/AmazonElastiCache/latest/dg/Redis-Global-Datastore.html",
    ),
    _p(
        "aws-read-replica-source",
        "aws",
        "aws:*",
        r"replicateSourceDb|replicationSourceIdentifier|sourceDbInstanceArn|primaryKeyArn|dataReplicationPrimaryBrokerArn",
        "source",
        reader="arn",
        explicit=True,
        why="Read replicas, replicated automated backups, multi-Region KMS replica keys and MQ data-replication "
        "brokers hold a copy of the resource they name, in their own Region.",
        source="https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/USER_ReadRepl.XRgn.html",
    ),
    _p(
        "aws-msk-replicator",
        "aws",
        "aws:msk/replicator:*",
        r"kafkaClusters\[\]\.amazonMskCluster\.mskClusterArn",
        "target",
        reader="arn",
        explicit=True,
        why="MSK Replicator copies topics between the clusters it names.",
        source="https://docs.aws.amazon.com/msk/latest/developerguide/msk-replicator.html",
    ),
    _p(
        "aws-s3-subject",
        "aws",
        "aws:s3/bucket?*:*",
        r"bucket",
        "subject",
        reader="ref",
        explicit=True,
        why="A bucket's configuration resources (replication, policy, lifecycle, ...) act on the data of the bucket "
        "they name, so they carry its regime.",
        source="https://docs.aws.amazon.com/AmazonS3/latest/userguide/replication.html",
    ),
    _p(
        "aws-s3-replication",
        "aws",
        "aws:s3/bucketReplicationConfig:*",
        r"rules\[\]\.destination\.bucket",
        "target",
        reader="arn",
        explicit=True,
        why="S3 replication copies objects to the destination bucket; its ARN carries no Region, so the bucket is "
        "looked up in the stack.",
        source="https://docs.aws.amazon.com/AmazonS3/latest/userguide/replication.html",
    ),
    _p(
        "aws-s3tables-replication",
        "aws",
        "aws:s3tables/*Replication:*",
        r"rule\.destinations\[\]\.destinationTableBucketArn",
        "target",
        reader="arn",
        why="S3 Tables replication copies tables to the destination table bucket.",
        source="https://docs.aws.amazon.com/AmazonS3/latest/userguide/s3-tables-replication-tables.html",
    ),
    _p(
        "aws-event-failover",
        "aws",
        "aws:cloudwatch/eventEndpoint:*",
        r"routingConfig\.failoverConfig\.secondary\.route",
        "copy",
        reader="region",
        explicit=True,
        why="A global EventBridge endpoint with replication sends events to the secondary Region's event bus.",
        source="https://docs.aws.amazon.com/eventbridge/latest/userguide/eb-global-endpoints.html",
    ),
    _p(
        "aws-securitylake-regions",
        "aws",
        "aws:securitylake/dataLake:*",
        r"configuration\.(region|replicationConfiguration\.regions\[\])",
        "copy",
        reader="region",
        why="Security Lake stores log data in each configured Region and replicates to the rollup Regions.",
        source="https://docs.aws.amazon.com/security-lake/latest/userguide/manage-regions.html",
    ),
    _p(
        "aws-ssm-incidents-regions",
        "aws",
        "aws:ssmincidents/replicationSet:*",
        r"regions\[\]",
        "home",
        reader="region",
        unset="required",
        why="An Incident Manager replication set stores incident data in every Region it lists.",
        source="https://docs.aws.amazon.com/incident-manager/latest/userguide/disaster-recovery-resiliency.html",
    ),
    _p(
        "aws-imagebuilder-distribution",
        "aws",
        "aws:imagebuilder/distributionConfiguration:*",
        r"distributions\[\]\.region",
        "copy",
        reader="region",
        why="Image Builder copies the built image to every distribution Region.",
        source="https://docs.aws.amazon.com/imagebuilder/latest/userguide/manage-distribution-settings.html",
    ),
    _p(
        "aws-stackset-regions",
        "aws",
        "aws:cloudformation/*",
        r"regions\[\]|stackSetInstanceRegion",
        "copy",
        reader="region",
        why="StackSet instances create their stacks' resources in each target Region.",
        source="https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/what-is-cfnstacksets.html",
    ),
    _p(
        "aws-provisioned-product-regions",
        "aws",
        "aws:servicecatalog/*",
        r"stackSetProvisioningPreferences\.regions\[\]",
        "copy",
        reader="region",
        why="A StackSet-provisioned product creates its resources in each listed Region.",
        source="https://docs.aws.amazon.com/servicecatalog/latest/adminguide/stacksets.html",
    ),
    _p(
        "aws-datasource-region",
        "aws",
        "aws:appsync/dataSource:*",
        r"(dynamodbConfig|elasticsearchConfig|opensearchserviceConfig|relationalDatabaseConfig\.httpEndpointConfig)\.region",
        "copy",
        reader="region",
        why="An AppSync data source reads and writes the data store in that Region.",
        source="https://docs.aws.amazon.com/appsync/latest/devguide/attaching-a-data-source.html",
    ),
    _p(
        "aws-sms-region",
        "aws",
        "aws:cognito/userPool:*",
        r"smsConfiguration\.snsRegion",
        "copy",
        reader="region",
        why="Cognito sends SMS messages (with phone numbers) through Amazon SNS in this Region.",
        source="https://docs.aws.amazon.com/cognito/latest/developerguide/user-pool-sms-settings.html",
    ),
    _p(
        "aws-export-region",
        "aws",
        "aws:*",
        r"s3Destination\.region|outputLocation\.s3Region|export\.destinationConfigurations\[\]\.s3Destinations\[\]\.s3Region|s3Region|artifactStores\[\]\.region|stages\[\]\.actions\[\]\.region",
        "copy",
        reader="region",
        why="Exports, reports and pipeline artifacts are written to storage in this Region.",
        source=AWS_V7,
    ),
    _p(
        "aws-opensearch-remote",
        "aws",
        "aws:opensearch/outboundConnection:*",
        r"remoteDomainInfo\.region",
        "copy",
        reader="region",
        why="A cross-cluster connection lets the domains search and replicate each other's indices.",
        source="https://docs.aws.amazon.com/opensearch-service/latest/developerguide/cross-cluster-search.html",
    ),
    _p(
        "aws-outpost-dest",
        "aws",
        "aws:ec2/amiCopy:*",
        r"destinationOutpostArn",
        "copy",
        reader="arn",
        why="The AMI copy is stored on the Outpost named (its ARN names the Region).",
        source="https://docs.aws.amazon.com/AWSEC2/latest/UserGuide/CopyingAMIs.html",
    ),
    _p(
        "aws-directory-region",
        "aws",
        "aws:directoryservice/serviceRegion:*",
        r"regionName",
        "copy",
        reader="region",
        why="A multi-Region directory replicates directory data to the added Region.",
        source="https://docs.aws.amazon.com/directoryservice/latest/admin-guide/multi-region-replication.html",
    ),
    _p(
        "aws-identity-center-region",
        "aws",
        "aws:ssoadmin/region:*",
        r"regionName",
        "copy",
        reader="region",
        why="Additional IAM Identity Center Regions replicate workforce identity data.",
        source="https://docs.aws.amazon.com/singlesignon/latest/userguide/regions.html",
    ),
    # Copies named by the resource they copy (role source: the copy holds the named resource's data in its own
    # Region), configuration resources that act on another resource's data (subject), and destinations named by
    # ID, name, ARN or URL (target). None of these names holds a location word, so each pattern is explicit.
    _p(
        "aws-ebs-snapshot-of",
        "aws",
        "aws:ebs/snapshot:Snapshot",
        r"volumeId",
        "source",
        reader="ref",
        explicit=True,
        why="An EBS snapshot is a point-in-time copy of the data on the volume it names.",
        source="https://docs.aws.amazon.com/ebs/latest/userguide/ebs-snapshots.html",
    ),
    _p(
        "aws-ebs-snapshot-copy-of",
        "aws",
        "aws:ebs/snapshotCopy:*",
        r"sourceSnapshotId",
        "source",
        reader="ref",
        explicit=True,
        why="A snapshot copy holds the data of the source snapshot, in the Region the copy is made in.",
        source="https://docs.aws.amazon.com/ebs/latest/userguide/ebs-copy-snapshot.html",
    ),
    _p(
        "aws-ebs-volume-from-snapshot",
        "aws",
        "aws:ebs/volume:Volume",
        r"snapshotId",
        "source",
        reader="ref",
        explicit=True,
        why="A volume created from a snapshot holds the snapshot's data.",
        source="https://docs.aws.amazon.com/ebs/latest/userguide/ebs-creating-volume.html",
    ),
    _p(
        "aws-ami-copy-of",
        "aws",
        "aws:ec2/amiCopy:*",
        r"sourceAmiId",
        "source",
        reader="ref",
        explicit=True,
        why="An AMI copy copies the source AMI's backing snapshots into the Region the copy is made in.",
        source="https://docs.aws.amazon.com/AWSEC2/latest/UserGuide/CopyingAMIs.html",
    ),
    _p(
        "aws-ami-from-instance",
        "aws",
        "aws:ec2/amiFromInstance:*",
        r"sourceInstanceId",
        "source",
        reader="ref",
        explicit=True,
        why="An AMI created from an instance snapshots the instance's EBS volumes.",
        source="https://docs.aws.amazon.com/AWSEC2/latest/UserGuide/creating-an-ami-ebs.html",
    ),
    _p(
        "aws-ami-from-snapshot",
        "aws",
        "aws:ec2/ami:Ami",
        r"ebsBlockDevices\[\]\.snapshotId",
        "source",
        reader="ref",
        explicit=True,
        why="An AMI registered from EBS snapshots is backed by (holds) those snapshots' data.",
        source="https://docs.aws.amazon.com/AWSEC2/latest/UserGuide/creating-an-ami-ebs.html",
    ),
    _p(
        "aws-rds-snapshot-of",
        "aws",
        "aws:rds/*napshot:*Snapshot",
        r"dbInstanceIdentifier|dbClusterIdentifier",
        "source",
        reader="ref",
        explicit=True,
        why="A DB (cluster) snapshot is a storage-volume backup of the instance or cluster it names.",
        source="https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/USER_CreateSnapshot.html",
    ),
    _p(
        "aws-rds-snapshot-copy-of",
        "aws",
        "aws:rds/*napshotCopy:*",
        r"sourceDbSnapshotIdentifier|sourceDbClusterSnapshotIdentifier",
        "source",
        reader="arn",
        explicit=True,
        why="A snapshot copy holds the source snapshot's data (a source in another Region is named by its ARN).",
        source="https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/USER_CopySnapshot.html",
    ),
    _p(
        "aws-rds-restored-from",
        "aws",
        "aws:rds/*",
        r"snapshotIdentifier|restoreToPointInTime\.(sourceDbInstanceIdentifier|sourceDbInstanceAutomatedBackupsArn|"
        r"sourceClusterIdentifier)",
        "source",
        reader="arn",
        explicit=True,
        why="A DB instance or cluster restored from a snapshot or to a point in time holds the source's data.",
        source="https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/USER_RestoreFromSnapshot.html",
    ),
    _p(
        "aws-redshift-snapshot-copy-of",
        "aws",
        "aws:redshift/snapshotCopy:*",
        r"clusterIdentifier",
        "subject",
        reader="ref",
        explicit=True,
        why="Cross-Region snapshot copy copies the named cluster's snapshots to the destination Region.",
        source="https://docs.aws.amazon.com/redshift/latest/mgmt/working-with-snapshots.html#cross-region-snapshot-copy",
    ),
    _p(
        "aws-redshift-copy-grant",
        "aws",
        "aws:redshift/snapshotCopy*:*",
        r"snapshotCopyGrantName",
        "none",
        explicit=True,
        why="A snapshot copy grant only lets Redshift use a KMS key in the destination Region; it holds no data.",
        source="https://docs.aws.amazon.com/redshift/latest/mgmt/working-with-db-encryption.html#configure-snapshot-copy-grant",
    ),
    _p(
        "aws-efs-replication-of",
        "aws",
        "aws:efs/replicationConfiguration:*",
        r"sourceFileSystemId",
        "subject",
        reader="ref",
        explicit=True,
        why="A replication configuration replicates the source file system it names.",
        source="https://docs.aws.amazon.com/efs/latest/ug/efs-replication.html",
    ),
    _p(
        "aws-efs-replication-to",
        "aws",
        "aws:efs/replicationConfiguration:*",
        r"destination\.fileSystemId",
        "target",
        reader="ref",
        explicit=True,
        why="Replication into an existing file system writes the source's data to that file system.",
        source="https://docs.aws.amazon.com/efs/latest/ug/efs-replication.html",
    ),
    _p(
        "aws-dynamodb-export-of",
        "aws",
        "aws:dynamodb/tableExport:*",
        r"tableArn",
        "subject",
        reader="arn",
        explicit=True,
        why="A table export writes the named table's data to S3.",
        source="https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/S3DataExport.HowItWorks.html",
    ),
    _p(
        "aws-dynamodb-export-to",
        "aws",
        "aws:dynamodb/tableExport:*",
        r"s3Bucket",
        "target",
        reader="ref",
        explicit=True,
        why="The export is written to this bucket, which may be in another Region or, with s3BucketOwner, another "
        "account: a bucket this stack does not manage cannot be placed.",
        source="https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/S3DataExport.HowItWorks.html",
    ),
    _p(
        "aws-dynamodb-kinesis-of",
        "aws",
        "aws:dynamodb/kinesisStreamingDestination:*",
        r"tableName",
        "subject",
        reader="ref",
        explicit=True,
        why="Kinesis Data Streams for DynamoDB streams every item change of the named table.",
        source="https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/kds.html",
    ),
    _p(
        "aws-dynamodb-kinesis-to",
        "aws",
        "aws:dynamodb/kinesisStreamingDestination:*",
        r"streamArn",
        "target",
        reader="arn",
        explicit=True,
        why="Item changes are written to this Kinesis data stream.",
        source="https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/kds.html",
    ),
    _p(
        "aws-sns-subscription-of",
        "aws",
        "aws:sns/topicSubscription:*",
        r"topic",
        "subject",
        reader="arn",
        explicit=True,
        why="A subscription delivers every message published to the named topic.",
        source="https://docs.aws.amazon.com/sns/latest/api/API_Subscribe.html",
    ),
    _p(
        "aws-sns-subscription-to",
        "aws",
        "aws:sns/topicSubscription:*",
        r"endpoint",
        "target",
        reader="endpoint",
        explicit=True,
        why="Messages are delivered to the endpoint: an ARN for sqs, lambda, firehose and application (its Region "
        "is read), a URL for http/https, an address or number for email and sms (outside AWS: not placeable).",
        source="https://docs.aws.amazon.com/sns/latest/api/API_Subscribe.html",
    ),
    _p(
        "aws-event-target-of",
        "aws",
        "aws:cloudwatch/eventTarget:*",
        r"rule|eventBusName",
        "subject",
        reader="ref",
        explicit=True,
        why="A target receives the events the named rule matches on its event bus.",
        source="https://docs.aws.amazon.com/eventbridge/latest/userguide/eb-targets.html",
    ),
    _p(
        "aws-event-target-to",
        "aws",
        "aws:cloudwatch/eventTarget:*",
        r"arn|deadLetterConfig\.arn",
        "target",
        reader="arn",
        explicit=True,
        why="Matched events (and undeliverable ones, to the dead-letter queue) are sent to the resource this ARN "
        "names: a bus in another Region, a queue, a stream, an API destination, ...",
        source="https://docs.aws.amazon.com/eventbridge/latest/userguide/eb-targets.html",
    ),
    _p(
        "aws-event-api-destination",
        "aws",
        "aws:cloudwatch/eventApiDestination:*",
        r"invocationEndpoint",
        "target",
        reader="url",
        explicit=True,
        why="An API destination sends each event to this HTTP endpoint, outside AWS unless the URL names a Region.",
        source="https://docs.aws.amazon.com/eventbridge/latest/userguide/eb-api-destinations.html",
    ),
    _p(
        "aws-event-endpoint-buses",
        "aws",
        "aws:cloudwatch/eventEndpoint:*",
        r"eventBuses\[\]\.eventBusArn",
        "peer",
        reader="arn",
        explicit=True,
        why="A global endpoint delivers events to the primary and secondary Regions' event buses and, with "
        "replication (enabled by default), replicates them between the two: the buses hold each other's data.",
        source="https://docs.aws.amazon.com/eventbridge/latest/APIReference/API_CreateEndpoint.html",
    ),
    _p(
        "aws-log-subscription-of",
        "aws",
        "aws:cloudwatch/logSubscriptionFilter:*",
        r"logGroup",
        "subject",
        reader="ref",
        explicit=True,
        why="A subscription filter streams the named log group's events to its destination.",
        source="https://docs.aws.amazon.com/AmazonCloudWatch/latest/logs/Subscriptions.html",
    ),
    _p(
        "aws-log-destination-to",
        "aws",
        "aws:cloudwatch/logDestination:*",
        r"targetArn",
        "target",
        reader="arn",
        explicit=True,
        why="A log destination forwards the log events it receives to this stream or delivery stream.",
        source="https://docs.aws.amazon.com/AmazonCloudWatch/latest/logs/CreateDestination.html",
    ),
    _p(
        "aws-firehose-of",
        "aws",
        "aws:kinesis/firehoseDeliveryStream:*",
        r"kinesisSourceConfiguration\.kinesisStreamArn|mskSourceConfiguration\.mskClusterArn",
        "subject",
        reader="arn",
        explicit=True,
        why="A delivery stream with a Kinesis or MSK source reads every record of that stream or cluster.",
        source="https://docs.aws.amazon.com/firehose/latest/dev/create-name.html",
    ),
    _p(
        "aws-firehose-to-aws",
        "aws",
        "aws:kinesis/firehoseDeliveryStream:*",
        r"[a-zA-Z0-9]+Configuration(\.s3(Backup)?Configuration)?\.bucketArn|"
        r"(elasticsearch|opensearch)Configuration\.domainArn|icebergConfiguration\.catalogArn",
        "target",
        reader="arn",
        explicit=True,
        why="Records (and backups of them) are delivered to this bucket, domain or Iceberg catalog; a bucket ARN "
        "names no Region, so the bucket is looked up in the stack.",
        source="https://docs.aws.amazon.com/firehose/latest/dev/create-destination.html",
    ),
    _p(
        "aws-firehose-to-url",
        "aws",
        "aws:kinesis/firehoseDeliveryStream:*",
        r"httpEndpointConfiguration\.url|splunkConfiguration\.hecEndpoint|snowflakeConfiguration\.accountUrl|"
        r"(elasticsearch|opensearch)Configuration\.clusterEndpoint|opensearchserverlessConfiguration\."
        r"collectionEndpoint|redshiftConfiguration\.clusterJdbcurl",
        "target",
        reader="url",
        explicit=True,
        why="Records are delivered to this endpoint: an AWS endpoint names its Region in its host; an HTTP, Splunk "
        "or Snowflake endpoint is outside AWS and not placeable.",
        source="https://docs.aws.amazon.com/firehose/latest/dev/create-destination.html",
    ),
    _p(
        "aws-trail-to",
        "aws",
        "aws:cloudtrail/trail:*",
        r"s3BucketName|cloudWatchLogsGroupArn",
        "target",
        reader="arn",
        explicit=True,
        why="A trail delivers its log files to this bucket (any Region: looked up in the stack) and its events to "
        "this log group.",
        source="https://docs.aws.amazon.com/awscloudtrail/latest/userguide/cloudtrail-create-and-update-a-trail.html",
    ),
    _p(
        "aws-config-delivery-to",
        "aws",
        "aws:cfg/deliveryChannel:*",
        r"s3BucketName|snsTopicArn",
        "target",
        reader="arn",
        explicit=True,
        why="AWS Config delivers configuration snapshots and history to this bucket and notifications to this topic.",
        source="https://docs.aws.amazon.com/config/latest/developerguide/manage-delivery-channel.html",
    ),
    _p(
        "aws-mrap-buckets",
        "aws",
        "aws:s3control/multiRegionAccessPoint:*",
        r"details\.regions\[\]\.bucket",
        "peer",
        reader="ref",
        explicit=True,
        why="A Multi-Region Access Point routes each request to any of its buckets, so every bucket holds data "
        "written through it.",
        source="https://docs.aws.amazon.com/AmazonS3/latest/userguide/MultiRegionAccessPoints.html",
    ),
    _p(
        "aws-dms-task-of",
        "aws",
        "aws:dms/replicationTask:*",
        r"sourceEndpointArn",
        "subject",
        reader="ref",
        explicit=True,
        why="A replication task migrates the data of its source endpoint's database.",
        source="https://docs.aws.amazon.com/dms/latest/userguide/CHAP_Tasks.html",
    ),
    _p(
        "aws-dms-task-to",
        "aws",
        "aws:dms/replicationTask:*",
        r"targetEndpointArn",
        "target",
        reader="ref",
        explicit=True,
        why="A replication task writes the data to its target endpoint, which names the database, bucket or stream "
        "(the endpoint ARN's Region is the DMS Region, not the data's).",
        source="https://docs.aws.amazon.com/dms/latest/userguide/CHAP_Tasks.html",
    ),
    _p(
        "aws-dms-endpoint-host",
        "aws",
        "aws:dms/endpoint:*",
        r"serverName|elasticsearchSettings\.endpointUri|kafkaSettings\.broker|redisSettings\.serverName",
        "target",
        reader="url",
        explicit=True,
        why="A target endpoint writes to this host (an AWS host names its Region; any other is not placeable); a "
        "source endpoint (endpointType source) only reads from it.",
        source="https://docs.aws.amazon.com/dms/latest/userguide/CHAP_Endpoints.html",
    ),
    _p(
        "aws-dms-endpoint-stream",
        "aws",
        "aws:dms/endpoint:*",
        r"kinesisSettings\.streamArn|redshiftSettings\.bucketName",
        "target",
        reader="arn",
        explicit=True,
        why="A target endpoint writes to this Kinesis stream, or stages Redshift loads in this bucket.",
        source="https://docs.aws.amazon.com/dms/latest/userguide/CHAP_Target.html",
    ),
    _p(
        "aws-dms-s3-endpoint",
        "aws",
        "aws:dms/s3Endpoint:*",
        r"bucketName",
        "target",
        reader="ref",
        explicit=True,
        why="An S3 target endpoint writes the migrated data to this bucket.",
        source="https://docs.aws.amazon.com/dms/latest/userguide/CHAP_Target.S3.html",
    ),
    # Log, export and event destinations named by ARN or S3 URI: the data goes to that resource.
    _p(
        "aws-destination-arn",
        "aws",
        "aws:*",
        r"(.*\.)?(destinationArn|logDestination|destinationVaultArn|deliveryDestinationArn|auditDestinationArn|locationArn|"
        r"destinationLocationArn|destinationResourceArn|cloudwatchLogsLogDestination|firehoseLogDestination|"
        r"s3LogDestination|logDestinationConfigs\[\]|destinationTableBucketArn)",
        "target",
        reader="arn",
        why="Logs, events and exports are delivered to the resource this ARN names.",
        source=AWS_V7,
    ),
]

AWS_LATE: list[Pattern] = [
    _p(
        "aws-destination-s3",
        "aws",
        "aws:*",
        r"(.*\.)?(destinationS3Uri|dataCapturedDestinationS3Uri|s3OutputLocation|outputLocation|logLocation|"
        r"defaultS3Location|artifactS3Location|s3Destination|s3BucketDestination|revisionDestination|s3Location)",
        "target",
        reader="s3-uri",
        why="Data is written to the S3 location named; the bucket is looked up in the stack.",
        source=AWS_V7,
    ),
    _p(
        "aws-centralization",
        "aws",
        "aws:observabilityadmin/centralizationRule*",
        r"rule\.destination\.(region|destination(Logs|Metrics)Configuration\.backupConfiguration\.region)",
        "copy",
        reader="region",
        why="Log centralization copies log events from the source Regions into the destination (and backup) Region.",
        source="https://docs.aws.amazon.com/AmazonCloudWatch/latest/logs/CloudWatchLogs_Centralization.html",
    ),
    _p(
        "aws-file-share-bucket",
        "aws",
        "aws:storagegateway/*FileShare:*",
        r"bucketRegion",
        "copy",
        reader="region",
        why="A file share stores its files as objects in the S3 bucket, in that bucket's Region.",
        source="https://docs.aws.amazon.com/filegateway/latest/files3/CreatingAnNFSFileShare.html",
    ),
    _p(
        "aws-ses-mre",
        "aws",
        "aws:sesv2/multiRegionEndpoint:*",
        r"details\.routesDetails\.region",
        "copy",
        reader="region",
        why="A multi-Region endpoint sends email (content included) through the secondary Region.",
        source="https://docs.aws.amazon.com/ses/latest/dg/global-endpoints.html",
    ),
    _p(
        "aws-appflow-snowflake",
        "aws",
        "aws:appflow/connectorProfile:*",
        r"connectorProfileConfig\.connectorProfileProperties\.snowflake\.region",
        "copy",
        reader="region",
        why="Flows through this profile write data to the Snowflake account in this AWS Region.",
        source="https://docs.aws.amazon.com/appflow/latest/userguide/snowflake.html",
    ),
    _p(
        "aws-transfer-copy",
        "aws",
        "aws:transfer/workflow:*",
        r"(steps|onExceptionSteps)\[\]\.(copy|decrypt)StepDetails\.destinationFileLocation\.(s3|efs)FileLocation",
        "target",
        reader="s3-uri",
        why="Transfer Family workflow copy/decrypt steps write each received file to this bucket or file system.",
        source="https://docs.aws.amazon.com/transfer/latest/userguide/nominal-steps-workflow.html",
    ),
    _p(
        "aws-fsx-data-repository",
        "aws",
        "aws:fsx/dataRepositoryAssociation:*",
        r"dataRepositoryPath",
        "target",
        reader="s3-uri",
        explicit=True,
        why="A data repository association exports the file system's new and changed files to the S3 bucket this "
        "path names, which may be in another Region.",
        source="https://docs.aws.amazon.com/fsx/latest/LustreGuide/create-dra-linked-data-repo.html",
    ),
    *_aws_many(
        "aws-transfer-home",
        ("aws:transfer/user:*", "aws:transfer/access:*"),
        r"homeDirectory|homeDirectoryMappings\[\]\.target",
        "target",
        reader="path-head",
        explicit=True,
        why="A Transfer Family user's files are stored where its home directory, or each logical directory's "
        "target, says: /<bucket>/<prefix> (or /<file system ID>/<path> on EFS), in that bucket's Region, which need "
        "not be the server's.",
        source="https://docs.aws.amazon.com/transfer/latest/userguide/logical-dir-mappings.html",
    ),
    _p(
        "aws-transfer-logs",
        "aws",
        "aws:transfer/server:*",
        r"structuredLogDestinations\[\]",
        "target",
        reader="arn",
        why="Transfer Family sends structured logs to these CloudWatch log groups.",
        source="https://docs.aws.amazon.com/transfer/latest/userguide/structured-logging.html",
    ),
    # Properties surveyed because their names can name where data goes (account, endpoint, bucket, workspace,
    # URL/URI; issue 20), reviewed by category. First the ones that move this resource's data (target), name what
    # it is a copy of (source) or what it processes (subject); then the categories that move none.
    *_aws_many(
        "aws-log-bucket-same-region",
        ("aws:alb/loadBalancer:*", "aws:lb/loadBalancer:*", "aws:elb/loadBalancer:*"),
        r"(accessLogs|connectionLogs|healthCheckLogs)\.bucket",
        "within",
        why="Load balancer access, connection and health-check logs go to this bucket, which 'must be located in the "
        "same Region as the load balancer'.",
        source="https://docs.aws.amazon.com/elasticloadbalancing/latest/application/enable-access-logging.html",
    ),
    *_aws_many(
        "aws-server-access-log-bucket",
        ("aws:s3/bucketLogging:*", "aws:s3/bucketLoggingV2:*"),
        r"targetBucket",
        "within",
        why="Server access logs go to the destination bucket, which must be in the same Region and account as the "
        "source bucket.",
        source="https://docs.aws.amazon.com/AmazonS3/latest/userguide/ServerLogs.html",
    ),
    *_aws_many(
        "aws-log-delivery-bucket",
        (
            "aws:acmpca/certificateAuthority:*",
            "aws:backup/reportPlan:*",
            "aws:bedrockmodel/invocationLoggingConfiguration:*",
            "aws:chime/sdkvoiceGlobalSettings:*",
            "aws:cloudwatch/internetMonitor:*",
            "aws:ecs/cluster:*",
            "aws:fis/experimentTemplate:*",
            "aws:globalaccelerator/accelerator:*",
            "aws:globalaccelerator/customRoutingAccelerator:*",
            "aws:imagebuilder/infrastructureConfiguration:*",
            "aws:msk/cluster:*",
            "aws:msk/channel:*",
            "aws:msk/replicator:*",
            "aws:mskconnect/connector:*",
            "aws:pipes/pipe:*",
            "aws:redshift/logging:*",
            "aws:sns/smsPreferences:*",
            "aws:ssm/association:*",
            "aws:ssm/maintenanceWindowTask:*",
            "aws:timestreaminfluxdb/dbCluster:*",
            "aws:timestreaminfluxdb/dbInstance:*",
            "aws:timestreamquery/scheduledQuery:*",
            "aws:verifiedaccess/instanceLoggingConfiguration:*",
            "aws:workspacesweb/sessionLogger:*",
            "aws:bedrock/agentcoreBrowser:*",
        ),
        r"revocationConfiguration\.crlConfiguration\.s3BucketName|reportDeliveryChannel\.s3BucketName|"
        r"loggingConfig\.(cloudwatchConfig\.largeDataDeliveryS3Config|s3Config)\.bucketName|voiceConnector\.cdrBucket|"
        r"internetMeasurementsLogDelivery\.s3Config\.bucketName|"
        r"configuration\.executeCommandConfiguration\.logConfiguration\.s3BucketName|"
        r"(experimentReportConfiguration\.outputs|logConfiguration)\.s3Configuration\.bucketName|"
        r"attributes\.flowLogsS3Bucket|logging\.s3Logs\.s3BucketName|loggingInfo\.(brokerLogs\.)?s3\.bucket|"
        r"logDelivery\.(replicator|worker)LogDelivery\.s3\.bucket|logConfiguration\.s3LogDestination\.bucketName|"
        r"bucketName|usageReportS3Bucket|outputLocation\.s3BucketName|"
        r"taskInvocationParameters\.runCommandParameters\.outputS3Bucket|"
        r"logDeliveryConfiguration\.s3Configuration\.bucketName|errorReportConfiguration\.s3Configuration\.bucketName|"
        r"accessLogs\.s3\.bucketName|logConfiguration\.s3\.bucket|recording\.s3Location\.bucket",
        "target",
        reader="ref",
        why="Logs, reports, records and outputs of this resource (CRLs, invocation logs with prompts, call detail "
        "records, Internet measurements, spot data feeds, ECS Exec sessions, experiment reports, flow logs, broker "
        "and worker logs, pipe logs, audit logs, SMS usage reports, command outputs, query error reports, access "
        "logs, browser session recordings) are delivered to this bucket and stored where it is.",
        source="https://docs.aws.amazon.com/AmazonCloudWatch/latest/logs/AWS-logs-and-resource-policy.html",
    ),
    *_aws_many(
        "aws-export-bucket",
        (
            "aws:athena/database:*",
            "aws:ec2/spotDatafeedSubscription:*",
            "aws:bcmdata/export:*",
            "aws:cleanrooms/membership:*",
            "aws:codebuild/reportGroup:*",
            "aws:connect/instanceStorageConfig:*",
            "aws:cur/reportDefinition:*",
            "aws:customerprofiles/domain:*",
            "aws:dataexchange/eventAction:*",
            "aws:evidently/project:*",
            "aws:imagebuilder/distributionConfiguration:*",
            "aws:iot/topicRule:*",
            "aws:ivs/recordingConfiguration:*",
            "aws:ivschat/loggingConfiguration:*",
            "aws:kendra/dataSource:*",
            "aws:macie2/classificationExportConfiguration:*",
            "aws:mailmanager/ruleSet:*",
            "aws:rds/exportTask:*",
            "aws:rekognition/streamProcessor:*",
            "aws:ses/receiptRule:*",
            "aws:signer/signingJob:*",
            "aws:ssm/resourceDataSync:*",
            "aws:timestreamwrite/table:*",
            "aws:appfabric/ingestionDestination:*",
            "aws:bedrock/agentcoreMemoryStrategy:*",
            "aws:s3/objectCopy:*",
            "aws:s3/filesFileSystem:*",
            "aws:elastictranscoder/pipeline:*",
            "aws:appflow/connectorProfile:*",
        ),
        r"bucket|export\.destinationConfigurations\[\]\.s3Destinations\[\]\.s3Bucket|"
        r"defaultResultConfiguration\.outputConfiguration\.s3\.bucket|exportConfig\.s3Destination\.bucket|"
        r"storageConfig\.s3Config\.bucketName|s3Bucket|"
        r"(matching|ruleBasedMatching)\.exportingConfig\.s3Exporting\.s3BucketName|"
        r"action\.exportRevisionToS3\.revisionDestination\.bucket|dataDelivery\.s3Destination\.bucket|"
        r"distributions\[\]\.s3ExportConfiguration\.s3Bucket|(errorAction\.s3|s3\[\])\.bucketName|"
        r"destinationConfiguration\.s3\.bucketName|"
        r"customDocumentEnrichmentConfiguration\.(pre|post)ExtractionHookConfiguration\.s3Bucket|"
        r"s3Destination\.bucketName|rules\[\]\.actions\[\]\.writeToS3\.s3Bucket|s3BucketName|"
        r"output\.s3Destination\.bucket|s3Actions\[\]\.bucketName|destination\.s3\.bucket|"
        r"magneticStoreWriteProperties\.magneticStoreRejectedDataLocation\.s3Configuration\.bucketName|"
        r"destinationConfiguration\.auditLog\.destination\.s3Bucket\.bucketName|"
        r"configuration\.selfManagedConfiguration\.invocationConfiguration\.payloadDeliveryBucketName|"
        r"outputBucket|contentConfig\.bucket|thumbnailConfig\.bucket|"
        r"connectorProfileConfig\.connectorProfileProperties\.(redshift|snowflake)\.bucketName",
        "target",
        reader="ref",
        why="Exports, query results, recordings, transcripts, received mail, signed or transcoded objects, rejected "
        "records, profile exports and staged records of this resource are written to this bucket, which can be "
        "in any Region or account; a bucket the stack does not manage cannot be placed.",
        source="https://docs.aws.amazon.com/AmazonS3/latest/userguide/UsingBucket.html",
    ),
    _p(
        "aws-appflow-destination-buckets",
        "aws",
        "aws:appflow/flow:*",
        r"destinationFlowConfigs\[\]\.destinationConnectorProperties\.[a-zA-Z0-9]+\.(errorHandlingConfig\.|"
        r"successResponseHandlingConfig\.)?(bucketName|intermediateBucketName)",
        "target",
        reader="ref",
        why="A flow writes the transferred records to an S3 or Upsolver destination bucket, stages Redshift and "
        "Snowflake loads in an intermediate bucket, and writes failed records to the error-handling bucket.",
        source="https://docs.aws.amazon.com/appflow/1.0/APIReference/API_DestinationConnectorProperties.html",
    ),
    _p(
        "aws-appflow-source-bucket",
        "aws",
        "aws:appflow/flow:*",
        r"sourceFlowConfig\.sourceConnectorProperties\.s3\.bucketName",
        "subject",
        reader="ref",
        why="A flow with an S3 source transfers that bucket's objects to its destinations: it carries their regime.",
        source="https://docs.aws.amazon.com/appflow/latest/userguide/s3.html",
    ),
    *_aws_many(
        "aws-destination-bucket-arn",
        (
            "aws:msk/channel:*",
            "aws:cognito/logDeliveryConfiguration:*",
            "aws:s3/analyticsConfiguration:*",
            "aws:s3/inventory:*",
            "aws:s3/bucketMetadataConfiguration:*",
            "aws:datasync/task:*",
            "aws:datasync/s3Location:*",
            "aws:amp/scraper:*",
            "aws:bedrock/agentKnowledgeBase:*",
            "aws:sns/platformApplication:*",
            "aws:ivschat/room:*",
            "aws:lex/intent:*",
            "aws:appconfig/extension:*",
        ),
        r"(s3Destination|icebergDestination)\.(deadLetterQueueS3|storage)\.bucketArn|"
        r"logConfigurations\[\]\.s3Configuration\.bucketArn|"
        r"storageClassAnalysis\.dataExport\.destination\.s3BucketDestination\.bucketArn|destination\.bucket\.bucketArn|"
        r"metadataConfiguration\.destinations\[\]\.tableBucketArn|taskReportConfig\.s3Destination\.s3BucketArn|"
        r"s3BucketArn|destination\.amp\.workspaceArn|storageConfiguration\.s3VectorsConfiguration\.vectorBucketArn|"
        r"eventEndpoint(Created|Deleted|Updated)TopicArn|messageReviewHandler\.uri|"
        r"(fulfillmentActivity\.codeHook|dialogCodeHook)\.uri|actionPoints\[\]\.actions\[\]\.uri",
        "target",
        reader="arn",
        why="Records, dead letters, logs, analytics and inventory exports, metadata tables, task reports, scraped "
        "metrics, embeddings, endpoint events, chat messages for review, conversation turns for code hooks and "
        "configuration events go to the resource this ARN names (a DataSync S3 location transfers to or from its "
        "bucket).",
        source="https://docs.aws.amazon.com/general/latest/gr/aws-arns-and-namespaces.html",
    ),
    _p(
        "aws-realtime-log-stream",
        "aws",
        "aws:cloudfront/realtimeLogConfig:*",
        r"endpoint\.kinesisStreamConfig\.streamArn",
        "target",
        reader="arn",
        explicit=True,
        why="CloudFront real-time logs (client IPs, URLs, headers) are sent to this Kinesis data stream.",
        source="https://docs.aws.amazon.com/AmazonCloudFront/latest/DeveloperGuide/real-time-logs.html",
    ),
    _p(
        "aws-cloudfront-log-bucket",
        "aws",
        "aws:cloudfront/distribution:*",
        r"loggingConfig\.bucket",
        "target",
        reader="url",
        why="Standard logs are delivered to this bucket, named by its domain name (bucket.s3.amazonaws.com).",
        source="https://docs.aws.amazon.com/AmazonCloudFront/latest/DeveloperGuide/AccessLogs.html",
    ),
    *_aws_many(
        "aws-destination-s3-uri",
        (
            "aws:emr/cluster:*",
            "aws:emrcontainers/jobTemplate:*",
            "aws:emrserverless/application:*",
            "aws:bedrock/customModel:*",
            "aws:bedrock/evaluationJob:*",
            "aws:bedrockmodel/invocationJob:*",
            "aws:bedrock/agentDataSource:*",
            "aws:comprehend/documentClassifier:*",
            "aws:sagemaker/dataQualityJobDefinition:*",
            "aws:sagemaker/featureGroup:*",
            "aws:sagemaker/hyperParameterTuningJob:*",
            "aws:sagemaker/trainingJob:*",
            "aws:sagemaker/mlflowApp:*",
            "aws:sagemaker/mlflowTrackingServer:*",
            "aws:arcregionswitch/plan:*",
        ),
        r"logUri|jobTemplateData\.configurationOverrides\.monitoringConfiguration\.s3MonitoringConfiguration\.logUri|"
        r"monitoringConfiguration\.s3MonitoringConfiguration\.logUri|outputDataConfig\.(s3Uri|outputS3Uri)|"
        r"outputDataConfig\.s3OutputDataConfig\.s3Uri|"
        r"vectorIngestionConfiguration\.customTransformationConfiguration\.intermediateStorage\.s3Location\.uri|"
        r"dataQualityJobOutputConfig\.monitoringOutputs\.s3Output\.s3Uri|"
        r"offlineStoreConfig\.s3StorageConfig\.(s3Uri|resolvedOutputS3Uri)|"
        r"(trainingJobDefinition\.|trainingJobDefinitions\[\]\.)?checkpointConfig\.s3Uri|artifactStoreUri|"
        r"reportConfigurations\[\]\.reportOutputs\[\]\.s3Configurations\[\]\.bucketPath",
        "target",
        reader="s3-uri",
        why="Logs, job outputs, model outputs, intermediate documents, monitoring results, offline feature stores, "
        "checkpoints, experiment artifacts and execution reports are written to this S3 location, in any Region.",
        source="https://docs.aws.amazon.com/emr/latest/ManagementGuide/emr-plan-debugging.html",
    ),
    *_aws_many(
        "aws-destination-url",
        (
            "aws:iot/topicRule:*",
            "aws:customerprofiles/domain:*",
            "aws:emrserverless/application:*",
            "aws:medialive/channel:*",
            "aws:transfer/connector:*",
            "aws:securitylake/subscriberNotification:*",
            "aws:bedrock/agentcoreGatewayTarget:*",
            "aws:bedrock/agentcoreHarness:*",
            "aws:bedrock/agentKnowledgeBase:*",
            "aws:appsync/dataSource:*",
            "aws:datasync/locationAzureBlob:*",
        ),
        r"(errorAction\.)?(http|https\[\])\.url|(errorAction\.)?(sqs|sqs\[\])\.queueUrl|"
        r"(errorAction\.)?(elasticsearch|elasticsearch\[\])\.endpoint|deadLetterQueueUrl|"
        r"monitoringConfiguration\.prometheusMonitoringConfiguration\.remoteWriteUrl|destinations\[\]\.settings\[\]\.url|"
        r"url|configuration\.httpsNotificationConfiguration\.endpoint|"
        r"targetConfiguration\.(http\.passthrough|inference\.provider|mcp\.mcpServer)\.endpoint|"
        r"tools\[\]\.config\.remoteMcp\.url|"
        r"storageConfiguration\.(mongoDbAtlasConfiguration\.endpoint|opensearchManagedClusterConfiguration\."
        r"domainEndpoint|redisEnterpriseCloudConfiguration\.endpoint)|"
        r"(elasticsearchConfig|httpConfig|opensearchserviceConfig)\.endpoint|containerUrl",
        "target",
        reader="url",
        why="Messages, rule actions, dead letters, metrics, media outputs, transferred files, notifications, tool "
        "calls and prompts, embeddings and resolver data are sent to this URL: an AWS endpoint names its Region, "
        "any other host is outside AWS unless the stack serves it.",
        source="https://docs.aws.amazon.com/general/latest/gr/rande.html",
    ),
    _p(
        "aws-kb-pinecone",
        "aws",
        "aws:bedrock/agentKnowledgeBase:*",
        r"storageConfiguration\.pineconeConfiguration\.connectionString",
        "target",
        reader="url",
        explicit=True,
        why="A knowledge base on Pinecone writes the embeddings of its documents (and their text as metadata) to "
        "the Pinecone index at this endpoint URL, outside AWS.",
        source="https://docs.aws.amazon.com/bedrock/latest/userguide/knowledge-base-setup.html",
    ),
    _p(
        "aws-s3-object-copy",
        "aws",
        "aws:s3/objectCopy:*",
        r"source",
        "source",
        reader="s3-object",
        explicit=True,
        why="An object copy is a copy of the object its source names (bucket/key): it carries that bucket's regime "
        "into the bucket it is written to.",
        source="https://docs.aws.amazon.com/AmazonS3/latest/API/API_CopyObject.html",
    ),
    _p(
        "aws-log-delivery",
        "aws",
        "aws:cloudwatch/logDeliverySource:*",
        r"resourceArn",
        "subject",
        reader="arn",
        explicit=True,
        why="A delivery source is the logs (or traces) of the resource its ARN names.",
        source="https://docs.aws.amazon.com/AmazonCloudWatch/latest/logs/AWS-logs-and-resource-policy.html",
    ),
    _p(
        "aws-log-delivery",
        "aws",
        "aws:cloudwatch/logDelivery:*",
        r"deliverySourceName",
        "subject",
        reader="ref",
        explicit=True,
        why="A delivery sends the logs of the delivery source it names.",
        source="https://docs.aws.amazon.com/AmazonCloudWatchLogs/latest/APIReference/API_CreateDelivery.html",
    ),
    _p(
        "aws-ram-share",
        "aws",
        "aws:ram/principalAssociation:*",
        r"resourceShareArn",
        "subject",
        reader="arn",
        explicit=True,
        why="A principal association gives its principal the resources of the share it names.",
        source="https://docs.aws.amazon.com/ram/latest/userguide/working-with-sharing-create.html",
    ),
    _p(
        "aws-ram-share",
        "aws",
        "aws:ram/principalAssociation:*",
        r"principal",
        "target",
        reader="account-arn",
        explicit=True,
        why="The principal (an account, or a role, user, organization or OU of an account) the share's resources are "
        "shared with; another account can copy them (an Aurora clone) anywhere it chooses.",
        source="https://docs.aws.amazon.com/ram/latest/userguide/working-with-sharing-create.html",
    ),
    _p(
        "aws-ram-exclusive",
        "aws",
        "aws:ram/resourceShareAssociationsExclusive:*",
        r"resourceArns\[\]",
        "subject",
        reader="arn",
        explicit=True,
        why="The exclusive associations share exactly these resources with exactly the listed principals.",
        source="https://docs.aws.amazon.com/ram/latest/APIReference/API_AssociateResourceShare.html",
    ),
    _p(
        "aws-ram-exclusive",
        "aws",
        "aws:ram/resourceShareAssociationsExclusive:*",
        r"principals\[\]",
        "target",
        reader="account-arn",
        explicit=True,
        why="Each principal (an account, or an organization, OU, role or user of an account) is given the shared "
        "resources; another account can copy them (an Aurora clone) anywhere it chooses.",
        source="https://docs.aws.amazon.com/ram/latest/APIReference/API_AssociateResourceShare.html",
    ),
    _p(
        "aws-oam-link",
        "aws",
        "aws:oam/link:*",
        r"sinkIdentifier",
        "target",
        reader="account-arn",
        explicit=True,
        why="A cross-account observability link lets the monitoring account that owns this sink read the source "
        "account's log groups, metrics and traces.",
        source="https://docs.aws.amazon.com/AmazonCloudWatch/latest/monitoring/CloudWatch-Unified-Cross-Account.html",
    ),
    _p(
        "aws-metric-stream-firehose",
        "aws",
        "aws:cloudwatch/metricStream:*",
        r"firehoseArn",
        "target",
        reader="arn",
        explicit=True,
        why="A metric stream sends its metrics to this Firehose delivery stream, which delivers them to its own "
        "destination (S3, an HTTP endpoint or a partner such as Datadog, New Relic or Splunk).",
        source="https://docs.aws.amazon.com/AmazonCloudWatch/latest/monitoring/CloudWatch-Metric-Streams.html",
    ),
    _p(
        "aws-msk-connect-sink",
        "aws",
        "aws:mskconnect/connector:*",
        r"connectorConfiguration",
        "copy",
        reader="connect-sink",
        explicit=True,
        why="A sink connector writes every record of the topics it reads to the systems its configuration names "
        "(an HTTP API, a database, a search cluster by URL or host, an S3 bucket by its s3.region); a source "
        "connector reads from them.",
        source="https://docs.aws.amazon.com/msk/latest/developerguide/msk-connect-connectors.html",
    ),
    _p(
        "aws-appflow-destination",
        "aws",
        "aws:appflow/flow:*",
        r"destinationFlowConfigs\[\]\.connectorType",
        "copy",
        reader="saas-connector",
        explicit=True,
        why="A flow writes its records to each destination connector: Amazon S3, Redshift, EventBridge, Customer "
        "Profiles and Lookout for Metrics are AWS services in the flow's Region (their own rows place them); "
        "Salesforce, Snowflake, Zendesk, Marketo, SAP OData, Upsolver and custom connectors are outside AWS.",
        source="https://docs.aws.amazon.com/appflow/latest/userguide/app-specific.html",
    ),
    _p(
        "aws-appstream-storage",
        "aws",
        "aws:appstream/stack:*",
        r"storageConnectors\[\]\.connectorType",
        "copy",
        reader="saas-connector",
        explicit=True,
        why="A stack's storage connector lets its users save files to home folders (S3 in the stack's Region) or "
        "to Google Drive or OneDrive, outside AWS.",
        source="https://docs.aws.amazon.com/appstream2/latest/developerguide/persistent-storage.html",
    ),
    _p(
        "aws-lakeformation-grant",
        "aws",
        "aws:lakeformation/permissions:*",
        r"table\.name|tableWithColumns\.name|database\.name|dataLocation\.arn",
        "subject",
        reader="ref",
        explicit=True,
        why="A Lake Formation permission grants access to the data of the table, database or data location it names.",
        source="https://docs.aws.amazon.com/lake-formation/latest/dg/cross-account-permissions.html",
    ),
    _p(
        "aws-lakeformation-grant",
        "aws",
        "aws:lakeformation/permissions:*",
        r"principal",
        "target",
        reader="account-arn",
        explicit=True,
        why="The principal (an account, or a role or user of an account) the data is shared with; another "
        "account can query and copy it.",
        source="https://docs.aws.amazon.com/lake-formation/latest/dg/cross-account-permissions.html",
    ),
    _p(
        "aws-glue-table-location",
        "aws",
        "aws:glue/catalogTable:*",
        r"storageDescriptor\.location",
        "subject",
        reader="s3-uri",
        explicit=True,
        why="A catalog table describes the data at this S3 location; what reads the table reads that data.",
        source="https://docs.aws.amazon.com/glue/latest/dg/tables-described.html",
    ),
    _p(
        "aws-mail-relay",
        "aws",
        "aws:mailmanager/relay:*",
        r"serverName",
        "target",
        reader="url",
        explicit=True,
        why="A relay delivers the messages a rule set sends to it to the SMTP server of this host name.",
        source="https://docs.aws.amazon.com/ses/latest/dg/eb-relay.html",
    ),
    _p(
        "aws-share-snapshot",
        "aws",
        "aws:ec2/snapshotCreateVolumePermission:*",
        r"snapshotId",
        "subject",
        reader="ref",
        explicit=True,
        why="The permission shares the snapshot it names.",
        source="https://docs.aws.amazon.com/ebs/latest/userguide/ebs-modifying-snapshot-permissions.html",
    ),
    _p(
        "aws-share-image",
        "aws",
        "aws:ec2/amiLaunchPermission:*",
        r"imageId",
        "subject",
        reader="ref",
        explicit=True,
        why="The permission shares the image (and the snapshots behind it) it names.",
        source="https://docs.aws.amazon.com/AWSEC2/latest/UserGuide/sharingamis-explicit.html",
    ),
    _p(
        "aws-share-organization",
        "aws",
        "aws:ec2/amiLaunchPermission:*",
        r"organizationArn|organizationalUnitArn",
        "target",
        reader="aws-organization",
        explicit=True,
        why="The image is shared with every account of the organization (or organizational unit) the ARN names, "
        "which can copy it to any Region: only the stack's own organization keeps it among the stack's accounts.",
        source="https://docs.aws.amazon.com/AWSEC2/latest/UserGuide/share-amis-with-organizations-and-OUs.html",
    ),
    _p(
        "aws-share-datashare",
        "aws",
        "aws:redshift/dataShareAuthorization:*",
        r"dataShareArn",
        "subject",
        reader="arn",
        explicit=True,
        why="The authorization shares the datashare it names (the producer cluster's data).",
        source="https://docs.aws.amazon.com/redshift/latest/dg/across-account.html",
    ),
    *_aws_many(
        "aws-share-account",
        (
            "aws:ec2/snapshotCreateVolumePermission:*",
            "aws:ec2/amiLaunchPermission:*",
            "aws:rds/snapshot:*",
            "aws:rds/clusterSnapshot:*",
            "aws:redshift/dataShareAuthorization:*",
        ),
        r"accountId|group|sharedAccounts\[\]|consumerIdentifier",
        "target",
        reader="account",
        explicit=True,
        why="The snapshot, image or datashare is shared with this AWS account (or every account: all), which can "
        "then copy the data to any Region it chooses: it leaves the stack's accounts.",
        source="https://docs.aws.amazon.com/ebs/latest/userguide/ebs-modifying-snapshot-permissions.html",
    ),
    *_aws_many(
        "aws-integration-uri",
        ("aws:apigateway/integration:*", "aws:apigatewayv2/integration:*"),
        r"uri|integrationUri",
        "target",
        reader="endpoint",
        why="An integration forwards each request (body included) to its backend: a Lambda or service ARN (whose "
        "Region it names), an ALB/NLB listener or Cloud Map service ARN, or an HTTP URL.",
        source="https://docs.aws.amazon.com/apigateway/latest/developerguide/api-gateway-api-integration-types.html",
    ),
    *_aws_many(
        "aws-imported-from-bucket",
        (
            "aws:ebs/snapshotImport:*",
            "aws:rds/cluster:*",
            "aws:rds/instance:*",
            "aws:dynamodb/table:*",
            "aws:dataexchange/revisionAssets:*",
            "aws:signer/signingJob:*",
            "aws:kendra/faq:*",
        ),
        r"diskContainer\.userBucket\.s3Bucket|s3Import\.bucketName|importTable\.s3BucketSource\.bucket|"
        r"assets\[\]\.importAssetsFromS3\.assetSource\.bucket|source\.s3\.bucket|s3Path\.bucket",
        "source",
        reader="ref",
        why="The snapshot, database, table, data set revision, signed object or FAQ is created from the objects in "
        "this bucket and holds a copy of them in its own Region.",
        source="https://docs.aws.amazon.com/AmazonRDS/latest/AuroraUserGuide/AuroraMySQL.Migrating.ExtMySQL.S3.html",
    ),
    *_aws_many(
        "aws-trained-on",
        (
            "aws:bedrock/customModel:*",
            "aws:comprehend/documentClassifier:*",
            "aws:comprehend/entityRecognizer:*",
            "aws:sagemaker/hyperParameterTuningJob:*",
            "aws:sagemaker/trainingJob:*",
            "aws:transcribe/languageModel:*",
        ),
        r"trainingDataConfig\.s3Uri|validationDataConfig\.validators\[\]\.s3Uri|"
        r"inputDataConfig\.(s3Uri|testS3Uri|tuningDataS3Uri)|"
        r"inputDataConfig\.augmentedManifests\[\]\.(s3Uri|annotationDataS3Uri|sourceDocumentsS3Uri)|"
        r"inputDataConfig\.(annotations|documents|entityList)\.(s3Uri|testS3Uri)|"
        r"(trainingJobDefinition\.|trainingJobDefinitions\[\]\.)?inputDataConfigs\[\]\.dataSource\.s3DataSource\.s3Uri",
        "source",
        reader="s3-uri",
        why="A custom model, classifier, recognizer, language model or training job is built from this training "
        "data, which the resulting model encodes: it carries the data's regime.",
        source="https://docs.aws.amazon.com/bedrock/latest/userguide/custom-models.html",
    ),
    *_aws_many(
        "aws-processes",
        (
            "aws:guardduty/malwareProtectionPlan:*",
            "aws:macie2/classificationJob:*",
            "aws:s3/inventory:*",
            "aws:s3/analyticsConfiguration:*",
            "aws:s3/accessPoint:*",
            "aws:s3tables/tableBucketReplication:*",
            "aws:bedrockmodel/invocationJob:*",
            "aws:bedrock/agentDataSource:*",
            "aws:sagemaker/labelingJob:*",
            "aws:sagemaker/dataQualityJobDefinition:*",
            "aws:sagemaker/monitoringSchedule:*",
            "aws:dataexchange/revisionAssets:*",
            "aws:elastictranscoder/pipeline:*",
            "aws:dms/replicationConfig:*",
        ),
        r"protectedResource\.s3Bucket\.bucketName|s3JobDefinition\.bucketDefinitions\[\]\.buckets\[\]|bucket|"
        r"tableBucketArn|inputDataConfig\.s3InputDataConfig\.s3Uri|dataSourceConfiguration\.s3Configuration\.bucketArn|"
        r"inputConfig\.dataSource\.s3DataSource\.manifestS3Uri|"
        r"(dataQualityJobInput|monitoringScheduleConfig\.monitoringJobDefinition\.monitoringInputs)\.endpointInput\."
        r"endpointName|assets\[\]\.createS3DataAccessFromS3Bucket\.assetSource\.bucket|inputBucket|sourceEndpointArn",
        "subject",
        reader="ref",
        why="This resource scans, inventories, serves, replicates, transforms or migrates the data of the resource "
        "it names (a bucket, table bucket, input location, endpoint or source database), so it carries its regime.",
        source="https://docs.aws.amazon.com/AmazonS3/latest/userguide/storage-inventory.html",
    ),
    _p(
        "aws-rds-export-of",
        "aws",
        "aws:rds/exportTask:*",
        r"sourceArn",
        "subject",
        reader="arn",
        explicit=True,
        why="An export task writes the data of the snapshot or cluster this ARN names to its S3 bucket.",
        source="https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/USER_ExportSnapshot.html",
    ),
    _p(
        "aws-dms-config-to",
        "aws",
        "aws:dms/replicationConfig:*",
        r"targetEndpointArn",
        "target",
        reader="ref",
        why="A serverless replication writes the data to its target endpoint, which names the database, bucket or "
        "stream (the endpoint ARN's Region is the DMS Region, not the data's).",
        source="https://docs.aws.amazon.com/dms/latest/userguide/CHAP_Serverless.html",
    ),
    _p(
        "aws-datasync-task-source",
        "aws",
        "aws:datasync/task:*",
        r"sourceLocationArn",
        "subject",
        reader="arn",
        explicit=True,
        why="A task transfers the data of its source location (the storage that location names) to its "
        "destination location.",
        source="https://docs.aws.amazon.com/datasync/latest/userguide/create-task-how-to.html",
    ),
    _p(
        "aws-datasync-object-storage",
        "aws",
        "aws:datasync/locationObjectStorage:*",
        r"bucketName",
        "target",
        reader="ref",
        why="A DataSync location is where a task transfers data to or from; an object storage location's bucket is "
        "on a server outside AWS.",
        source="https://docs.aws.amazon.com/datasync/latest/userguide/create-object-location.html",
    ),
    # Categories that move none of this resource's data.
    _p(
        "aws-none-identity",
        "aws",
        "aws:*",
        r"(.*\.)?[a-zA-Z]*[Aa]ccount[a-zA-Z]*(\[\])?",
        "none",
        why="Account IDs, names and lists (permission grants, delegated administrators, members, filters, sharing "
        "within the Region, deployment targets whose Regions are classified separately), service accounts and "
        "cross-account roles identify who runs or may access the resource; an account places no data.",
        source="https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_identifiers.html",
    ),
    _p(
        "aws-none-auth-urls",
        "aws",
        "aws:*",
        r"(.*\.)?(authorizationEndpoint|tokenEndpoint|tokenEndpointAuthMethods\[\]|userInfoEndpoint|jwksEndpoint|"
        r"jwksUri|jwksUrl|logoutEndpoint|publicSigningKeyEndpoint|discoveryUrl|issuerUrl|idpMetadataUrl|idpAuthUrl|"
        r"redirectUri|redirectUrl|defaultRedirectUri|callbackUrls\[\]|logoutUrls\[\]|confirmationUrl|tokenUrl|"
        r"tokenUrlParametersMap|authUrl|authorizerUri|userAccessUrl|applicationUrl|allowedResourceOauth2ReturnUrls\[\]|"
        r"profileUrl|websiteUrl|supportUrl|feedbackUrl|defaultLandingUri|targetUrl|siteBaseUrl|"
        r"(entity|execution|revision)UrlTemplate|thirdPartyConfigurationUrl|rStudio[a-zA-Z]*Url|reportUri|"
        r"uiTemplate\.url|serverUrl)",
        "none",
        why="Identity-provider, OAuth/OIDC, authorizer, redirect, sign-in and link URLs authenticate callers or are "
        "shown to users; the resource sends none of its data there.",
        source="https://docs.aws.amazon.com/cognito/latest/developerguide/cognito-user-pools-oidc-idp.html",
    ),
    *_aws_many(
        "aws-none-code",
        (
            "aws:appfabric/ingestionDestination:*",
            "aws:appflow/flow:*",
            "aws:appintegrations/dataIntegration:*",
            "aws:apprunner/service:*",
            "aws:bedrock/agentAgentActionGroup:*",
            "aws:bedrock/agentDataSource:*",
            "aws:bedrock/agentcoreAgentRuntime:*",
            "aws:bedrock/agentcoreBrowser:*",
            "aws:bedrock/agentcoreGatewayTarget:*",
            "aws:bedrock/agentcoreHarness:*",
            "aws:cfg/conformancePack:*",
            "aws:cfg/organizationConformancePack:*",
            "aws:chime/sdkvoiceSipMediaApplication:*",
            "aws:cloudformation/stack:*",
            "aws:cloudformation/stackSet:*",
            "aws:cloudfront/trustStore:*",
            "aws:codegurureviewer/repositoryAssociation:*",
            "aws:dataexchange/revisionAssets:*",
            "aws:datasync/locationHdfs:*",
            "aws:dms/migrationProject:*",
            "aws:ebs/snapshotImport:*",
            "aws:ecr/pullThroughCacheRule:*",
            "aws:elasticbeanstalk/applicationVersion:*",
            "aws:emrserverless/application:*",
            "aws:finspace/kxCluster:*",
            "aws:gamelift/build:*",
            "aws:gamelift/script:*",
            "aws:glue/userDefinedFunction:*",
            "aws:guardduty/malwareProtectionPlan:*",
            "aws:iam/openIdConnectProvider:*",
            "aws:imagebuilder/component:*",
            "aws:imagebuilder/containerRecipe:*",
            "aws:imagebuilder/workflow:*",
            "aws:kendra/index:*",
            "aws:kendra/querySuggestionsBlockList:*",
            "aws:kendra/thesaurus:*",
            "aws:kinesis/analyticsApplication:*",
            "aws:kinesisanalyticsv2/application:*",
            "aws:lambda/eventSourceMapping:*",
            "aws:lambda/function:*",
            "aws:lambda/layerVersion:*",
            "aws:lambda/microvmsImage:*",
            "aws:lambdamicrovms/image:*",
            "aws:lb/trustStore:*",
            "aws:lb/trustStoreRevocation:*",
            "aws:lex/v2modelsSlotType:*",
            "aws:lightsail/bucketAccessKey:*",
            "aws:lightsail/bucketResourceAccess:*",
            "aws:medialive/channel:*",
            "aws:medialive/input:*",
            "aws:mskconnect/customPlugin:*",
            "aws:mwaa/environment:*",
            "aws:odb/autonomousDatabase:*",
            "aws:opensearch/package:*",
            "aws:quicksight/dataSource:*",
            "aws:rds/customDbEngineVersion:*",
            "aws:resiliencehub/v2InputSource:*",
            "aws:s3/bucket:*",
            "aws:s3/bucketAcl:*",
            "aws:s3/bucketAclV2:*",
            "aws:s3/bucketLogging:*",
            "aws:s3/bucketLoggingV2:*",
            "aws:s3/directoryBucket:*",
            "aws:s3/inventory:*",
            "aws:s3/objectCopy:*",
            "aws:s3/vectorsIndex:*",
            "aws:s3/vectorsVectorBucket:*",
            "aws:s3/vectorsVectorBucketPolicy:*",
            "aws:s3control/bucket:*",
            "aws:s3control/bucketLifecycleConfiguration:*",
            "aws:s3control/bucketPolicy:*",
            "aws:s3control/multiRegionAccessPointRoutes:*",
            "aws:s3tables/namespace:*",
            "aws:s3tables/table:*",
            "aws:s3tables/tableBucketPolicy:*",
            "aws:s3tables/tablePolicy:*",
            "aws:sagemaker/algorithm:*",
            "aws:sagemaker/codeRepository:*",
            "aws:sagemaker/dataQualityJobDefinition:*",
            "aws:sagemaker/domain:*",
            "aws:sagemaker/humanTaskUI:*",
            "aws:sagemaker/labelingJob:*",
            "aws:sagemaker/model:*",
            "aws:sagemaker/monitoringSchedule:*",
            "aws:sagemaker/pipeline:*",
            "aws:sagemaker/space:*",
            "aws:sagemaker/userProfile:*",
            "aws:securityhub/automationRule:*",
            "aws:securityhub/insight:*",
            "aws:servicecatalog/product:*",
            "aws:servicecatalog/provisioningArtifact:*",
            "aws:shield/drtAccessLogBucketAssociation:*",
            "aws:synthetics/canary:*",
            "aws:timestreaminfluxdb/dbCluster:*",
            "aws:timestreaminfluxdb/dbInstance:*",
            "aws:timestreamquery/scheduledQuery:*",
            "aws:transcribe/medicalVocabulary:*",
            "aws:transcribe/vocabulary:*",
            "aws:transcribe/vocabularyFilter:*",
            "aws:transfer/server:*",
            "aws:transfer/workflow:*",
        ),
        r"accessControlPolicy\.grants\[\]\.grantee\.uri|"
        r"agentRuntimeArtifact\.codeConfiguration\.code\.s3\.bucket|"
        r"agentRuntimeArtifact\.containerConfiguration\.containerUri|"
        r"amazonManagedKafkaEventSourceConfig\.schemaRegistryConfig\.accessConfigs\[\]\.uri|"
        r"amazonManagedKafkaEventSourceConfig\.schemaRegistryConfig\.schemaRegistryUri|"
        r"apiSchema\.s3\.s3BucketName|"
        r"applicationConfiguration\.applicationCodeConfiguration\.codeContent\.s3ContentLocation\.bucketArn|"
        r"applicationConfiguration\.sqlApplicationConfiguration\.referenceDataSource\.s3ReferenceDataSource\.bucketArn|"
        r"assets\[\]\.importAssetsFromSignedUrl|bucket|bucketName|caCertificatesBundleS3Bucket|"
        r"caCertificatesBundleSource\.caCertificatesBundleS3Location\.bucket|codeArtifact\.uri|code\.s3Bucket|"
        r"containers\[\]\.additionalModelDataSources\[\]\.s3DataSources\[\]\.s3Uri|"
        r"containers\[\]\.modelDataSource\.s3DataSources\[\]\.s3Uri|containers\[\]\.modelDataUrl|"
        r"criteria\.sourceUrls\[\]|dataQualityAppSpecification\.imageUri|"
        r"dataQualityAppSpecification\.postAnalyticsProcessorSourceUri|"
        r"dataQualityAppSpecification\.recordPreprocessorSourceUri|"
        r"dataQualityBaselineConfig\.constraintsResource\.s3Uri|"
        r"dataQualityBaselineConfig\.statisticsResource\.s3Uri|"
        r"dataSourceConfiguration\.confluenceConfiguration\.sourceConfiguration\.hostUrl|"
        r"dataSourceConfiguration\.salesforceConfiguration\.sourceConfiguration\.hostUrl|"
        r"dataSourceConfiguration\.sharePointConfiguration\.sourceConfiguration\.siteUrls\[\]|"
        r"dataSourceConfiguration\.webConfiguration\.sourceConfiguration\.urlConfiguration\.seedUrls\[\]|"
        r"databaseInstallationFilesS3BucketName|"
        r"defaultSpaceSettings\.jupyterLabAppSettings\.codeRepositories\[\]\.repositoryUrl|"
        r"defaultSpaceSettings\.jupyterServerAppSettings\.codeRepositories\[\]\.repositoryUrl|"
        r"defaultUserSettings\.jupyterLabAppSettings\.codeRepositories\[\]\.repositoryUrl|"
        r"defaultUserSettings\.jupyterServerAppSettings\.codeRepositories\[\]\.repositoryUrl|deliveryS3Bucket|"
        r"destinationConfiguration\.auditLog\.destination\.s3Bucket|destination\.bucket|diskContainer\.url|"
        r"dockerfileTemplateUri|encoderSettings\.availBlanking\.availBlankingImage\.uri|"
        r"encoderSettings\.globalConfiguration\.inputLossBehavior\.inputLossImageSlate\.uri|endpoints|"
        r"enterprisePolicies\[\]\.location\.s3\.bucket|"
        r"environmentArtifact\.containerConfiguration\.containerUri|"
        r"externalSourceSettings\[\]\.grammarSlotTypeSettings\[\]\.sources\[\]\.s3BucketName|"
        r"filters\.sourceUrls\[\]|gitConfig\.repositoryUrl|grants\[\]\.uri|"
        r"humanTaskConfig\.uiConfig\.uiTemplateS3Uri|imageConfiguration\.imageUri|imageUri|"
        r"inferenceSpecification\.containers\[\]\.additionalS3DataSource\.s3Uri|"
        r"inferenceSpecification\.containers\[\]\.modelDataSource\.s3DataSource\.manifestS3Uri|"
        r"inferenceSpecification\.containers\[\]\.modelDataSource\.s3DataSource\.s3Uri|"
        r"inferenceSpecification\.containers\[\]\.modelDataUrl|kmsKeyProviderUri|labelCategoryConfigS3Uri|"
        r"lastRunSummaries\[\]\.errorReportLocations\[\]\.s3ReportLocations\[\]\.bucketName|"
        r"location\.s3\.bucketArn|logBucket|"
        r"monitoringScheduleConfig\.monitoringJobDefinition\.baseline\.constraintsResource\.s3Uri|"
        r"monitoringScheduleConfig\.monitoringJobDefinition\.baseline\.statisticsResource\.s3Uri|"
        r"monitoringScheduleConfig\.monitoringJobDefinition\.monitoringAppSpecification\.imageUri|"
        r"monitoringScheduleConfig\.monitoringJobDefinition\.monitoringAppSpecification\.postAnalyticsProcessorSourceUri|"
        r"monitoringScheduleConfig\.monitoringJobDefinition\.monitoringAppSpecification\.recordPreprocessorSourceUri|"
        r"onExceptionSteps\[\]\.copyStepDetails\.destinationFileLocation\.s3FileLocation\.bucket|"
        r"onExceptionSteps\[\]\.decryptStepDetails\.destinationFileLocation\.s3FileLocation\.bucket|"
        r"packageSource\.s3BucketName|parameters\.databricks\.sqlEndpointPath|"
        r"parameters\.s3\.manifestFileLocation\.bucket|pipelineDefinitionS3Location\.bucket|policyUrl|"
        r"primaryContainer\.additionalModelDataSources\[\]\.s3DataSources\[\]\.s3Uri|"
        r"primaryContainer\.modelDataSource\.s3DataSources\[\]\.s3Uri|primaryContainer\.modelDataUrl|"
        r"protectedResource\.s3Bucket|provisioningArtifactParameters\.templateUrl|"
        r"recentlyFailedRuns\[\]\.errorReportLocations\[\]\.s3ReportLocations\[\]\.bucketName|"
        r"referenceDataSources\.s3\.bucketArn|repository\.s3Bucket|repository\.s3Bucket\.bucketName|"
        r"resourceConfiguration\.designFileS3Url|resourceConfiguration\.tfStateFileUrl|resourceUris\[\]|"
        r"resourceUris\[\]\.uri|revocationsS3Bucket|routes\[\]\.bucket|s3Bucket|"
        r"schemaConversionApplicationAttributes\.s3BucketPath|selfManagedEventSource\.endpoints|"
        r"selfManagedKafkaEventSourceConfig\.schemaRegistryConfig\.accessConfigs\[\]\.uri|"
        r"selfManagedKafkaEventSourceConfig\.schemaRegistryConfig\.schemaRegistryUri|skills\[\]\.git\.url|"
        r"skills\[\]\.s3\.uri|sourceAccessConfigurations\[\]\.uri|sourceBucketArn|"
        r"sourceConfiguration\.codeRepository\.repositoryUrl|sourceS3Path\.bucket|sourceUri|sources\[\]\.url|"
        r"spaceSettings\.jupyterLabAppSettings\.codeRepositories\[\]\.repositoryUrl|"
        r"spaceSettings\.jupyterServerAppSettings\.codeRepositories\[\]\.repositoryUrl|"
        r"steps\[\]\.copyStepDetails\.destinationFileLocation\.s3FileLocation\.bucket|"
        r"steps\[\]\.decryptStepDetails\.destinationFileLocation\.s3FileLocation\.bucket|"
        r"storageLocation\.bucket|tableBucketArn|targetConfiguration\.mcp\.openApiSchema\.s3\.uri|"
        r"targetConfiguration\.mcp\.smithyModel\.s3\.uri|targetGrants\[\]\.grantee\.uri|templateS3Uri|"
        r"templateUrl|trainingSpecification\.additionalS3DataSource\.s3Uri|"
        r"transportableTablespace\.ttsBundleUrl|uiTemplate\.url|upstreamRegistryUrl|uri|url|"
        r"userSettings\.jupyterLabAppSettings\.codeRepositories\[\]\.repositoryUrl|"
        r"userSettings\.jupyterServerAppSettings\.codeRepositories\[\]\.repositoryUrl|"
        r"userTokenConfigurations\.jwtTokenTypeConfiguration\.url|vectorBucketArn|vectorBucketName|"
        r"vocabularyFileUri|vocabularyFilterFileUri",
        "none",
        why="Where the resource reads its code, images, templates, schemas, model artifacts, baselines, "
        "vocabularies, certificates, reference data or imported content from (the origin of data flowing in), its "
        "own name, the bucket it lives in or grants access to, an IAM policy's subject, an identity provider's "
        "issuer URL, an ACL grantee group, or the bucket of a location whose container row is already read (Transfer "
        "Family workflow steps): the value moves none of this resource's data.",
        source="https://docs.aws.amazon.com/lambda/latest/dg/configuration-function-zip.html",
    ),
    *_aws_many(
        "aws-none-endpoint-settings",
        (
            "aws:agentregistry/registry:*",
            "aws:alb/listenerRule:*",
            "aws:amp/alertManagerDefinition:*",
            "aws:amp/anomalyDetector:*",
            "aws:amp/queryLoggingConfiguration:*",
            "aws:amp/resourcePolicy:*",
            "aws:amp/ruleGroupNamespace:*",
            "aws:amp/workspaceConfiguration:*",
            "aws:apigateway/domainName:*",
            "aws:apigateway/restApi:*",
            "aws:apigatewayv2/api:*",
            "aws:apigatewayv2/domainName:*",
            "aws:appflow/connectorProfile:*",
            "aws:appflow/flow:*",
            "aws:apprunner/vpcIngressConnection:*",
            "aws:appstream/imageBuilder:*",
            "aws:appstream/stack:*",
            "aws:appsync/dataSource:*",
            "aws:arcregionswitch/plan:*",
            "aws:athena/database:*",
            "aws:athena/workgroup:*",
            "aws:bedrock/agentDataSource:*",
            "aws:bedrock/agentKnowledgeBase:*",
            "aws:bedrock/agentcoreAgentRuntime:*",
            "aws:bedrock/agentcoreGateway:*",
            "aws:bedrock/agentcoreGatewayTarget:*",
            "aws:bedrock/agentcoreHarness:*",
            "aws:bedrock/agentcoreOauth2CredentialProvider:*",
            "aws:bedrock/agentcoreRegistry:*",
            "aws:bedrockmodel/invocationJob:*",
            "aws:cloudfront/realtimeLogConfig:*",
            "aws:cloudfront/vpcOrigin:*",
            "aws:cloudsearch/domain:*",
            "aws:cloudwatch/internetMonitor:*",
            "aws:codebuild/project:*",
            "aws:codeconnections/host:*",
            "aws:codestarconnections/host:*",
            "aws:connect/instanceStorageConfig:*",
            "aws:dataexchange/revisionAssets:*",
            "aws:datasync/agent:*",
            "aws:datasync/s3Location:*",
            "aws:datasync/task:*",
            "aws:dax/cluster:*",
            "aws:dms/endpoint:*",
            "aws:dms/migrationProject:*",
            "aws:dms/s3Endpoint:*",
            "aws:dynamodb/table:*",
            "aws:dynamodb/tableExport:*",
            "aws:ebs/snapshotImport:*",
            "aws:ec2/defaultRouteTable:*",
            "aws:ec2/instance:*",
            "aws:ec2/instanceMetadataDefaults:*",
            "aws:ec2/launchConfiguration:*",
            "aws:ec2/launchTemplate:*",
            "aws:ec2/route:*",
            "aws:ec2/routeTable:*",
            "aws:ec2/securityGroupAssociation:*",
            "aws:ec2/spotInstanceRequest:*",
            "aws:ec2/trafficMirrorTarget:*",
            "aws:ec2/vpcEndpoint:*",
            "aws:ec2/vpcEndpointConnectionAccepter:*",
            "aws:ec2/vpcEndpointConnectionNotification:*",
            "aws:ec2/vpcEndpointPolicy:*",
            "aws:ec2/vpcEndpointRouteTableAssociation:*",
            "aws:ec2/vpcEndpointServiceAllowedPrinciple:*",
            "aws:ec2/vpcEndpointSubnetAssociation:*",
            "aws:ec2clientvpn/authorizationRule:*",
            "aws:ec2clientvpn/endpoint:*",
            "aws:ec2clientvpn/networkAssociation:*",
            "aws:ec2clientvpn/route:*",
            "aws:ecs/cluster:*",
            "aws:eks/cluster:*",
            "aws:elasticsearch/domain:*",
            "aws:elb/loadBalancer:*",
            "aws:emr/studio:*",
            "aws:emrserverless/application:*",
            "aws:fsx/ontapFileSystem:*",
            "aws:fsx/openZfsFileSystem:*",
            "aws:globalaccelerator/crossAccountAttachment:*",
            "aws:globalaccelerator/customRoutingEndpointGroup:*",
            "aws:globalaccelerator/endpointGroup:*",
            "aws:glue/catalogDatabase:*",
            "aws:glue/catalogTable:*",
            "aws:glue/partition:*",
            "aws:grafana/licenseAssociation:*",
            "aws:grafana/roleAssociation:*",
            "aws:grafana/workspaceApiKey:*",
            "aws:grafana/workspaceSamlConfiguration:*",
            "aws:grafana/workspaceServiceAccount:*",
            "aws:grafana/workspaceServiceAccountToken:*",
            "aws:iam/securityTokenServicePreferences:*",
            "aws:kinesis/firehoseDeliveryStream:*",
            "aws:kms/customKeyStore:*",
            "aws:lambda/permission:*",
            "aws:lb/listenerRule:*",
            "aws:lex/v2modelsIntent:*",
            "aws:lightsail/containerServiceDeploymentVersion:*",
            "aws:macie2/classificationJob:*",
            "aws:mailmanager/ingressPoint:*",
            "aws:msk/channel:*",
            "aws:mwaa/environment:*",
            "aws:neptune/clusterEndpoint:*",
            "aws:observabilityadmin/telemetryRule:*",
            "aws:observabilityadmin/telemetryRuleForOrganization:*",
            "aws:odb/autonomousDatabase:*",
            "aws:opensearch/domain:*",
            "aws:opensearch/outboundConnection:*",
            "aws:opensearchingest/pipeline:*",
            "aws:pipes/pipe:*",
            "aws:quicksight/ipRestriction:*",
            "aws:rds/cluster:*",
            "aws:rds/clusterEndpoint:*",
            "aws:rds/clusterSnapshotCopy:*",
            "aws:rds/instance:*",
            "aws:rds/instanceAutomatedBackupsReplication:*",
            "aws:rds/proxy:*",
            "aws:rds/proxyEndpoint:*",
            "aws:rds/snapshotCopy:*",
            "aws:redshift/endpointAccess:*",
            "aws:redshiftserverless/endpointAccess:*",
            "aws:route53/resolverEndpoint:*",
            "aws:route53/resolverRule:*",
            "aws:s3/accessPoint:*",
            "aws:s3/accountPublicAccessBlock:*",
            "aws:s3/bucket:*",
            "aws:s3/bucketMetadataConfiguration:*",
            "aws:s3/bucketObject:*",
            "aws:s3/bucketObjectv2:*",
            "aws:s3/bucketPublicAccessBlock:*",
            "aws:s3/bucketServerSideEncryptionConfiguration:*",
            "aws:s3/bucketServerSideEncryptionConfigurationV2:*",
            "aws:s3/bucketV2:*",
            "aws:s3/filesFileSystem:*",
            "aws:s3/objectCopy:*",
            "aws:s3control/multiRegionAccessPoint:*",
            "aws:s3control/storageLensConfiguration:*",
            "aws:sagemaker/dataQualityJobDefinition:*",
            "aws:sagemaker/domain:*",
            "aws:sagemaker/endpoint:*",
            "aws:sagemaker/monitoringSchedule:*",
            "aws:sagemaker/userProfile:*",
            "aws:sagemaker/workforce:*",
            "aws:securityhub/insight:*",
            "aws:sesv2/multiRegionEndpoint:*",
            "aws:sns/topicSubscription:*",
            "aws:sqs/queuePolicy:*",
            "aws:sqs/redriveAllowPolicy:*",
            "aws:sqs/redrivePolicy:*",
            "aws:storagegateway/gateway:*",
            "aws:storagegateway/nfsFileShare:*",
            "aws:storagegateway/smbFileShare:*",
            "aws:transfer/server:*",
            "aws:transfer/webApp:*",
            "aws:verifiedaccess/endpoint:*",
            "aws:verifiedaccess/instance:*",
            "aws:verifiedaccess/instanceLoggingConfiguration:*",
            "aws:vpc/endpointPrivateDns:*",
            "aws:vpc/routeServerPeer:*",
            "aws:wafv2/ruleGroup:*",
            "aws:wafv2/webAcl:*",
            "aws:wafv2/webAclLoggingConfiguration:*",
            "aws:wafv2/webAclRule:*",
            "aws:workspaces/directory:*",
            "aws:workspaces/workspace:*",
            "aws:workspacesweb/dataProtectionSettings:*",
            "aws:workspacesweb/sessionLogger:*",
            "aws:xray/samplingRule:*",
        ),
        r"acceptBucketWarning|accessEndpoint|accessEndpoints\[\]|accessEndpoints\[\]\.endpointType|"
        r"accessLogs\.bucketPrefix|accessLogs\.s3\.bucketOwner|artifacts\.bucketOwnerAccess|"
        r"assets\[\]\.createS3DataAccessFromS3Bucket|"
        r"authorizerConfiguration\.customJwtAuthorizer\.privateEndpoint|"
        r"authorizerConfiguration\.customJwtAuthorizer\.privateEndpointOverrides\[\]|"
        r"authorizerConfiguration\.customJwtAuthorizer\.privateEndpointOverrides\[\]\.privateEndpoint|"
        r"authorizerConfiguration\.customJwtAuthorizer\.privateEndpoint\.managedVpcResource\.endpointIpAddressType|"
        r"bucketFolder|bucketKeyEnabled|bucketNamespace|bucketPrefix|cidrEndpointsCustomSubdomain|"
        r"clientVpnEndpointId|clusterEndpointEncryptionType|clusterEndpointIdentifier|"
        r"configuration\.executeCommandConfiguration\.logConfiguration\.s3BucketEncryptionEnabled|"
        r"configuration\.resultConfiguration\.expectedBucketOwner|connectionProperties\.endpoint|"
        r"connectorProfileConfig\.connectorProfileProperties\.datadog\.instanceUrl|"
        r"connectorProfileConfig\.connectorProfileProperties\.dynatrace\.instanceUrl|"
        r"connectorProfileConfig\.connectorProfileProperties\.inforNexus\.instanceUrl|"
        r"connectorProfileConfig\.connectorProfileProperties\.marketo\.instanceUrl|"
        r"connectorProfileConfig\.connectorProfileProperties\.redshift\.bucketPrefix|"
        r"connectorProfileConfig\.connectorProfileProperties\.redshift\.databaseUrl|"
        r"connectorProfileConfig\.connectorProfileProperties\.salesforce\.instanceUrl|"
        r"connectorProfileConfig\.connectorProfileProperties\.sapoData\.applicationHostUrl|"
        r"connectorProfileConfig\.connectorProfileProperties\.sapoData\.oauthProperties\.authCodeUrl|"
        r"connectorProfileConfig\.connectorProfileProperties\.serviceNow\.instanceUrl|"
        r"connectorProfileConfig\.connectorProfileProperties\.slack\.instanceUrl|"
        r"connectorProfileConfig\.connectorProfileProperties\.snowflake\.bucketPrefix|"
        r"connectorProfileConfig\.connectorProfileProperties\.veeva\.instanceUrl|"
        r"connectorProfileConfig\.connectorProfileProperties\.zendesk\.instanceUrl|"
        r"credentialProviderConfiguration\.oauth\.defaultReturnUrl|customEndpointType|"
        r"dataQualityJobInput\.endpointInput|"
        r"dataSourceConfiguration\.webConfiguration\.sourceConfiguration\.urlConfiguration|dbProxyEndpointName|"
        r"defaultUserSettings\.canvasAppSettings\.workspaceSettings|"
        r"destinationFlowConfigs\[\]\.destinationConnectorProperties\.customConnector\.errorHandlingConfig\.bucketPrefix|"
        r"destinationFlowConfigs\[\]\.destinationConnectorProperties\.eventBridge\.errorHandlingConfig\.bucketPrefix|"
        r"destinationFlowConfigs\[\]\.destinationConnectorProperties\.honeycode\.errorHandlingConfig\.bucketPrefix|"
        r"destinationFlowConfigs\[\]\.destinationConnectorProperties\.marketo\.errorHandlingConfig\.bucketPrefix|"
        r"destinationFlowConfigs\[\]\.destinationConnectorProperties\.redshift\.bucketPrefix|"
        r"destinationFlowConfigs\[\]\.destinationConnectorProperties\.redshift\.errorHandlingConfig\.bucketPrefix|"
        r"destinationFlowConfigs\[\]\.destinationConnectorProperties\.s3\.bucketPrefix|"
        r"destinationFlowConfigs\[\]\.destinationConnectorProperties\.salesforce\.errorHandlingConfig\.bucketPrefix|"
        r"destinationFlowConfigs\[\]\.destinationConnectorProperties\.sapoData\.errorHandlingConfig\.bucketPrefix|"
        r"destinationFlowConfigs\[\]\.destinationConnectorProperties\.sapoData\.successResponseHandlingConfig\.bucketPrefix|"
        r"destinationFlowConfigs\[\]\.destinationConnectorProperties\.snowflake\.bucketPrefix|"
        r"destinationFlowConfigs\[\]\.destinationConnectorProperties\.snowflake\.errorHandlingConfig\.bucketPrefix|"
        r"destinationFlowConfigs\[\]\.destinationConnectorProperties\.upsolver\.bucketPrefix|"
        r"destinationFlowConfigs\[\]\.destinationConnectorProperties\.zendesk\.errorHandlingConfig\.bucketPrefix|"
        r"details\.publicAccessBlock\.restrictPublicBuckets|disableExecuteApiEndpoint|"
        r"discoveryConfiguration\.authorizerConfiguration\.customJwtAuthorizer\.privateEndpoint|"
        r"discoveryConfiguration\.authorizerConfiguration\.customJwtAuthorizer\.privateEndpointOverrides\[\]|"
        r"discoveryConfiguration\.authorizerConfiguration\.customJwtAuthorizer\.privateEndpointOverrides\[\]\.privateEndpoint|"
        r"diskContainer\.userBucket|dnsOptions\.privateDnsOnlyForInboundResolverEndpoint|domainEndpointOptions|"
        r"domainEndpointOptions\.customEndpoint|domainEndpointOptions\.customEndpointCertificateArn|"
        r"domainEndpointOptions\.customEndpointEnabled|domainNameConfiguration\.endpointType|"
        r"enableHttpEndpoint|endpoint|endpointAccessMode|endpointAutoConfirms|endpointConfigName|"
        r"endpointConfiguration|endpointConfiguration\.vpcEndpointIds\[\]|endpointConfigurations\[\]|"
        r"endpointConfigurations\[\]\.endpointId|endpointDetails|endpointDetails\.vpcEndpointId|"
        r"endpointDetails\.vpc\.vpcEndpointId|endpointDomainPrefix|endpointId|endpointIpAddressRange|"
        r"endpointIpAddressType|endpointManagement|endpointName|endpointNetworkType|endpointOptions|"
        r"endpointType|"
        r"environments\[\]\.agentcoreRuntimeEnvironments\[\]\.networkConfigurations\[\]\.networkModeConfigs\[\]\.requireServiceS3Endpoint|"
        r"expectedBucketOwner|expectedSourceBucketOwner|filters\.threatIntelIndicatorSourceUrls\[\]|"
        r"functionUrlAuthType|gatewayLoadBalancerEndpointId|gatewayVpcEndpoint|globalEndpointTokenVersion|"
        r"httpEndpoint|httpEndpointConfiguration|importTable\.s3BucketSource|"
        r"importTable\.s3BucketSource\.bucketOwner|ingressVpcConfiguration\.vpcEndpointId|"
        r"inlineRedactionConfiguration\.globalEnforcedUrls\[\]|"
        r"inlineRedactionConfiguration\.globalExemptUrls\[\]|"
        r"inlineRedactionConfiguration\.inlineRedactionPatterns\[\]\.enforcedUrls\[\]|"
        r"inlineRedactionConfiguration\.inlineRedactionPatterns\[\]\.exemptUrls\[\]|"
        r"inputDataConfig\.s3InputDataConfig\.s3BucketOwner|interactiveConfiguration\.livyEndpointEnabled|"
        r"internetMeasurementsLogDelivery\.s3Config\.bucketPrefix|invokedViaFunctionUrl|"
        r"logConfiguration\.s3LogDestination\.bucketOwner|logConfiguration\.s3\.bucketOwner|"
        r"logsConfig\.s3Logs\.bucketOwnerAccess|metadataConfiguration\.destinations\[\]\.tableBucketType|"
        r"metadataOptions\.httpEndpoint|"
        r"monitoringScheduleConfig\.monitoringJobDefinition\.monitoringInputs\.endpointInput|"
        r"mutualTlsAuthentication\.truststoreUri|"
        r"networkConfiguration\.networkModeConfig\.requireServiceS3Endpoint|"
        r"networkConfiguration\.privateNetworkConfiguration\.vpcEndpointId|"
        r"oauth2ProviderConfig\.customOauth2ProviderConfig\.privateEndpoint|"
        r"oauth2ProviderConfig\.customOauth2ProviderConfig\.privateEndpointOverrides\[\]|"
        r"oauth2ProviderConfig\.customOauth2ProviderConfig\.privateEndpointOverrides\[\]\.privateEndpoint|"
        r"oauth2ProviderConfig\.customOauth2ProviderConfig\.privateEndpoint\.managedVpcResource\.endpointIpAddressType|"
        r"outputDataConfig\.s3OutputDataConfig\.s3BucketOwner|portOverrides\[\]\.endpointPort|preSignedUrl|"
        r"presignedUrl|privateEndpoint|privateEndpointIp|privateEndpointLabel|"
        r"privateEndpoint\.managedVpcResource\.endpointIpAddressType|privateLinkEndpoint|providerEndpoint|"
        r"publicAccessBlockConfiguration\.restrictPublicBuckets|publicEndpoint|"
        r"qnaIntentConfiguration\.dataSourceConfiguration\.opensearchConfiguration\.domainEndpoint|queueUrl|"
        r"rdsOptions\.rdsEndpoint|redactedFields\[\]\.uriPath|redshiftSettings\.bucketFolder|"
        r"relationalDatabaseConfig\.httpEndpointConfig|"
        r"reportConfigurations\[\]\.reportOutputs\[\]\.s3Configurations\[\]\.bucketOwner|resolverEndpointId|"
        r"resolverEndpointType|resources\[\]\.endpointId|restrictPublicBuckets|routeServerEndpointId|"
        r"routes\[\]\.vpcEndpointId|"
        r"rule\.destinationConfiguration\.wafLoggingParameters\.redactedFields\[\]\.uriPath|"
        r"rules\[\]\.bucketKeyEnabled|rules\[\]\.statement\.byteMatchStatement\.fieldToMatch\.uriFragment|"
        r"rules\[\]\.statement\.byteMatchStatement\.fieldToMatch\.uriPath|"
        r"rules\[\]\.statement\.rateBasedStatement\.customKeys\[\]\.uriPath|"
        r"rules\[\]\.statement\.regexMatchStatement\.fieldToMatch\.uriFragment|"
        r"rules\[\]\.statement\.regexMatchStatement\.fieldToMatch\.uriPath|"
        r"rules\[\]\.statement\.regexPatternSetReferenceStatement\.fieldToMatch\.uriFragment|"
        r"rules\[\]\.statement\.regexPatternSetReferenceStatement\.fieldToMatch\.uriPath|"
        r"rules\[\]\.statement\.sizeConstraintStatement\.fieldToMatch\.uriFragment|"
        r"rules\[\]\.statement\.sizeConstraintStatement\.fieldToMatch\.uriPath|"
        r"rules\[\]\.statement\.sqliMatchStatement\.fieldToMatch\.uriFragment|"
        r"rules\[\]\.statement\.sqliMatchStatement\.fieldToMatch\.uriPath|"
        r"rules\[\]\.statement\.xssMatchStatement\.fieldToMatch\.uriFragment|"
        r"rules\[\]\.statement\.xssMatchStatement\.fieldToMatch\.uriPath|s3BucketOwner|"
        r"s3Config\.bucketAccessRoleArn|s3Destination\.deadLetterQueueS3\.expectedBucketOwner|"
        r"s3Destination\.storage\.expectedBucketOwner|s3Import\.bucketPrefix|s3JobDefinition\.bucketCriteria|"
        r"s3JobDefinition\.bucketDefinitions\[\]|schemaConversionApplicationAttributes\.s3BucketRoleArn|"
        r"secondaryArtifacts\[\]\.bucketOwnerAccess|selfServicePermissions\.rebuildWorkspace|"
        r"selfServicePermissions\.restartWorkspace|"
        r"sourceFlowConfig\.sourceConnectorProperties\.s3\.bucketPrefix|splunkConfiguration\.hecEndpointType|"
        r"statement\.byteMatchStatement\.fieldToMatch\.uriFragment|"
        r"statement\.byteMatchStatement\.fieldToMatch\.uriPath|"
        r"statement\.rateBasedStatement\.customKeys\[\]\.uriPath|"
        r"statement\.regexMatchStatement\.fieldToMatch\.uriFragment|"
        r"statement\.regexMatchStatement\.fieldToMatch\.uriPath|"
        r"statement\.regexPatternSetReferenceStatement\.fieldToMatch\.uriFragment|"
        r"statement\.regexPatternSetReferenceStatement\.fieldToMatch\.uriPath|"
        r"statement\.sizeConstraintStatement\.fieldToMatch\.uriFragment|"
        r"statement\.sizeConstraintStatement\.fieldToMatch\.uriPath|"
        r"statement\.sqliMatchStatement\.fieldToMatch\.uriFragment|"
        r"statement\.sqliMatchStatement\.fieldToMatch\.uriPath|"
        r"statement\.xssMatchStatement\.fieldToMatch\.uriFragment|"
        r"statement\.xssMatchStatement\.fieldToMatch\.uriPath|storageConfig\.s3Config\.bucketPrefix|"
        r"storageConfiguration\.mongoDbAtlasConfiguration\.endpointServiceName|"
        r"storageDescriptor\.bucketColumns\[\]|storageDescriptor\.numberOfBuckets|"
        r"storageLensConfiguration\.accountLevel\.bucketLevel|storageLensConfiguration\.exclude\.buckets\[\]|"
        r"storageLensConfiguration\.include\.buckets\[\]|"
        r"targetParameters\.eventbridgeEventBusParameters\.endpointId|"
        r"taskReportConfig\.s3Destination\.bucketAccessRoleArn|transforms\[\]\.urlRewriteConfig|urlPath|"
        r"userSettings\.canvasAppSettings\.workspaceSettings|vpcConfig\.endpointPrivateAccess|"
        r"vpcConfig\.endpointPublicAccess|vpcEndpointDnsName|vpcEndpointId|vpcEndpointIdRestrictionRuleMap|"
        r"vpcEndpointServiceId|vpcEndpointType|vpcOptions\.vpcEndpointManagement|vpcOriginEndpointConfig|"
        r"webAppEndpointPolicy|workforceVpcConfig\.vpcEndpointId|workspaceAccessProperties|"
        r"workspaceAccessProperties\.accessEndpointConfig|"
        r"workspaceAccessProperties\.accessEndpointConfig\.accessEndpoints\[\]|"
        r"workspaceAccessProperties\.accessEndpointConfig\.accessEndpoints\[\]\.accessEndpointType|"
        r"workspaceAccessProperties\.accessEndpointConfig\.accessEndpoints\[\]\.vpcEndpointId|"
        r"workspaceCreationProperties|workspaceDirectoryDescription|workspaceDirectoryName|workspaceId|"
        r"workspaceProperties|workspaceSecurityGroupId|workspaceType|xksProxyUriEndpoint|xksProxyUriPath|"
        r"xksProxyVpcEndpointServiceName",
        "none",
        why="Reviewed: the resource's own or private (VPC, PrivateLink, client VPN, resolver, route server) "
        "endpoints, endpoint types, modes, encryption, IP ranges and switches; workspace and directory settings; "
        "hash buckets and bucket flags (key enabled, public access, owner checks, prefixes and folders); URL rewrite, "
        "redaction and request-matching fields; the workspace a configuration belongs to (in its Region); "
        "containers whose destination child is classified separately.",
        source="https://docs.aws.amazon.com/vpc/latest/privatelink/concepts.html",
    ),
    _p(
        "aws-provider-override-tags",
        "aws",
        "aws:*",
        r"overrideProvider\.defaultTags\.tags",
        "labels",
        why="A per-resource override of the provider's default tags (can carry the regime).",
        source="https://www.pulumi.com/registry/packages/aws/api-docs/provider/",
    ),
    _p(
        "aws-none-nested-tags",
        "aws",
        "aws:*",
        r".+\.(tags|labels)(\[\])?",
        "none",
        why="Nested tags/labels are filters, or tags of launched instances, volumes or tasks; the resource's own "
        "tags are its top-level tags.",
        source=AWS_V7,
    ),
    _p(
        "aws-none-reviewed",
        "aws",
        "aws:*",
        r"regionName|connectorProfileConfig\..*|destinationFlowConfigs\[\]\..*|workflows\[\]\..*|"
        r"definition\.ssmActionDefinition\.region|caCertificatesBundleSource\..*|scalingParameters\..*|"
        r"isMultiRegionTrail|zonalConfig\..*|stages\[\]\.(beforeEntry|onFailure|onSuccess)\..*|sourceLocationArn|"
        r"policyDetails\.resourceLocations|oracleSettings\..*|pauseReplicationTasks|computeConfig\..*|"
        r"replication[A-Za-z]*|startReplicationTask|autoReplicateNewDisks|useDedicatedReplicationServer|"
        r"operatingRegions\[\]\.regionName|nodeGroupConfigurations\[\]\.replicaOutpostArns\[\]|replicasPerNodeGroup|"
        r"resources\[\]\.region|locationUri|targetDatabase\.region|targetTable\.region|addresses\.region|"
        r"extendedS3Configuration\..*|resourceDatas\[\]\.dataLocations\[\]|dataLocation|origin\.regionName|"
        r"encoderSettings\..*|inputAttachments\[\]\..*|numReplicasPerShard|icebergDestination\..*|targets\[\]\.region|"
        r"rule\.destination\.destination(Logs|Metrics)Configuration(\..*)?|localAdgAutoFailoverMaxDataLossLimit|"
        r"sourceConfiguration\..*|crossRegionS3RestoreSourcesAccesses\[\]|localDomainInfo\.region|policy\.region|"
        r"latencyRoutingPolicies\[\]\.region|resourceRecordSets\[\]\..*|filters\..*|cloudwatchDestinations\[\]|"
        r"credentialProviderConfiguration\..*|export\.destinationConfigurations\[\]\.s3Destinations\[\]|"
        r"knowledgeBaseConfiguration\..*|activeTrustedKeyGroups\[\]\..*|replicationServersSecurityGroupsIds\[\]|"
        r"(lastRunSummaries|recentlyFailedRuns)\[\]\..*|(steps|onExceptionSteps)\[\]\..*",
        "none",
        why="Reviewed one by one: opt-in switches, orchestration and routing plans, request filters, IAM signing "
        "Regions, the origin of data flowing into this resource, postal addresses and containers whose "
        "location-bearing child is classified separately.",
        source=AWS_V7,
    ),
    # Inside the home Region: zones, zone-awareness and cross-zone switches.
    _p(
        "aws-within-zone",
        "aws",
        "aws:*",
        r"(.*\.)?[a-zA-Z]*([Aa]vailabilityZone|ZoneId|[Zz]oneAwareness|CrossZone|crossZone|vpcZoneIdentifiers|"
        r"zonalConfig|localZoneGroup|edgeLocations?|availabilityZoneRebalancing|awsLocation|zone)[a-zA-Z]*(\[\])?",
        "within",
        why="An Availability Zone, Local Zone or zone setting is inside the resource's Region.",
        source="https://docs.aws.amazon.com/AWSEC2/latest/UserGuide/using-regions-availability-zones.html",
    ),
    # The resource's own Region (pulumi-aws v7: every regional resource has it).
    _p(
        "aws-region",
        "aws",
        "aws:*",
        r"region",
        "home",
        reader="region",
        unset="provider",
        why="pulumi-aws v7: 'Region where this resource will be managed. Defaults to the Region set in the provider "
        "configuration.' (documented pattern: every resource type with this input).",
        source=AWS_V7,
    ),
    # Names that match but place no data.
    _p(
        "aws-none-network",
        "aws",
        "aws:*",
        r"(.*\.)?[a-zA-Z]*(destination(Cidr|Port|Prefix|Address|Ip|Ipv6)|[Dd]estinationPorts?|destinationAddresses|"
        r"geoMatch|geoRestriction|geoSpatial|GeoJson|[Tt]ime_?[Zz]one|timezone|hostedZone|[Zz]oneId|HostedZone)[a-zA-Z]*(\[\])?",
        "none",
        why="Network matches, geo filters on requests, time zones and DNS zones place no data.",
        source=AWS_V7,
    ),
    _p(
        "aws-none-counts",
        "aws",
        "aws:*",
        r"(.*\.)?[a-zA-Z]*([Rr]eplicaCount|replicationFactor|[Rr]eplicasPer|numReplicas|standbyReplicas|"
        r"[Ff]ailover(Enabled|Criteria|Mode|Condition)|automaticFailover|dnsFailover|replicaMode|replicationInstance|"
        r"replicationSubnetGroup|replicationTask|replicationConfigIdentifier|replicationType|replicationSettings|"
        r"startReplication|replicationServer|replicationUser|replicationOverwrite|pauseReplication|autoReplicate|"
        r"useDedicatedReplication|PairSpecification|[Pp]airInfo|credentialPair|keyPair|[Kk]eyPairName|ec2KeyPair|"
        r"HaPair|partnerName|partnerProfileId|regionConcurrencyType|regionOrders|destinationType|destinationName|"
        r"destinationField|destinationSchema|destinationPoolName|destinationFlowConfigs|destinationConnector|"
        r"failOnFirstDestination|DestinationError|DestinationSettings|captionDescriptions|eventDestinationName|"
        r"deliveryDestinationType|deliveryDestinationName|deliveryDestinationPolicy|dataReplicationMode|"
        r"copyTags|Persistence|dataRedundancy|computeRedundancy|replicationStrategy|multiRegion|isMultiRegion|"
        r"multiRegionEnabled|allRegions|replicaKmsKeyId|replicationTime|deleteMarkerReplication|"
        r"existingObjectReplication|replicaModifications|forceOverwriteReplicaSecret|sourceRegion|sourceAmiRegion|"
        r"peerRegion|consumerRegion|serviceRegion|supportedRegions|operatingRegions|visibleRegions|enabledRegions|"
        r"specifiedRegions|linkedRegions|regionLinkingMode|resourceRegions?|basePolicyRegions|regionsOfInterests|"
        r"callingRegions|awsAccountRegion|accountRegion|authorizedAwsRegion|notificationHubRegion|cloudwatchAlarmRegion|"
        r"idcRegion|lexRegion|signingRegion|awsRegion|endpointGroupRegion|originShieldRegion|regionToRun|"
        r"workflowTargetRegion|primaryRegion|targetRegion|regionAndRoutingControls|regionEventSourceMappings|"
        r"regionDatabaseClusterArns|regionSwitchPlanConfigs|ReadReplicaConfigs|vpcRegion|latencyRoutingPolicies|"
        r"failoverRoutingPolicies|geoproximity[a-zA-Z]*|cidrRoutingPolicy|stateOrRegion|locationName|locationScope|"
        r"accessGrantsLocation[a-zA-Z]*|dataLocationConstraint|storageLensTableDestination|"
        r"managedPersistenceMonitoringConfiguration|magneticStoreRejectedDataLocation|skewedColumnValueLocationMaps|"
        r"additionalLocations|scriptLocation|manifestFileLocation|sourceFileLocation|keyLocation|credentialLocation|"
        r"caCertificatesBundleS3Location|datasetLocation|imageLocation|storageLocation|fileSystemLocations|"
        r"s3ContentLocation|pipelineDefinitionS3Location|certificates\[\]\.location|enterprisePolicies\[\]\.location|"
        r"recording\.s3Location|replicateTo|replicationGroupId|replicationSourceIdentifier|globalReplicationGroup[a-zA-Z]*|"
        r"multiRegionClusterNameSuffix|multiRegionParameterGroupName|multiRegionProperties|replicationSpecification|"
        r"replicationInfoList|consumerGroupReplications|topicReplications|replicationConfiguration|replicationConfig|"
        r"crossRegion[a-zA-Z]*|destinations\[\]|destination|destinations|destinationConfig|destinationConfigs?|"
        r"destinationConfiguration|destinationConfigurations\[\]|destinationId|deliveryDestinationConfiguration|"
        r"eventDestination|[a-zA-Z]+Destination|notificationDestinations\[\]|logDestinationType|"
        r"assessmentReportsDestination|filterAtDestination|destinationAccount|destinationTable[a-zA-Z]*|"
        r"destinationTransitGatewayAttachment[a-zA-Z]*|destinationDatabaseName|destinationTableName|"
        r"destinationPattern|destinationDataSharing[a-zA-Z]*|destinationOptions|outputLocation|location|locations\[\]|"
        r"targetRegion|replicas\[\]|regions\[\]|failoverConfig|targetFailovers|partnerName|destinationRefId)(\[\])?",
        "none",
        why="Reviewed: counts, switches, routing, request filters, origins of a copy (the copy's own Region is its "
        "home), containers whose location-bearing child is classified separately, and names of code, scripts or "
        "physical sites; none of these places the resource's data.",
        source=AWS_V7,
    ),
]

AWS_TYPES: list[Pattern] = [
    _p(
        "aws-ecr-public",
        "aws",
        "aws:ecrpublic/repository:*",
        None,
        "unplaceable",
        why="An ECR Public repository is served to anyone, from the Amazon ECR Public Gallery worldwide.",
        source="https://docs.aws.amazon.com/AmazonECR/latest/public/public-repositories.html",
        home=None,
    ),
    _p(
        "aws-edge",
        "aws",
        "aws:cloudfront/*",
        None,
        "unplaceable",
        home=False,
        why="CloudFront serves and caches content (and KeyValueStore data) at edge locations worldwide; it cannot be "
        "placed in a country.",
        source="https://docs.aws.amazon.com/AmazonCloudFront/latest/DeveloperGuide/HowCloudFrontWorks.html",
    ),
    _p(
        "aws-edge-amplify",
        "aws",
        "aws:amplify/app:*",
        None,
        "unplaceable",
        why="Amplify Hosting serves every app it hosts (static and server-side rendered) through Amazon CloudFront, "
        "which caches content at edge locations worldwide.",
        source="https://docs.aws.amazon.com/amplify/latest/userguide/welcome.html",
    ),
    _p(
        "aws-edge-amplify-branch",
        "aws",
        "aws:amplify/branch:*",
        None,
        "unplaceable",
        why="A branch is a deployment of an Amplify Hosting app, served through CloudFront like the app.",
        source="https://docs.aws.amazon.com/amplify/latest/userguide/welcome.html",
    ),
    _p(
        "aws-edge-lightsail",
        "aws",
        "aws:lightsail/distribution:*",
        None,
        "unplaceable",
        why="A Lightsail distribution is a CloudFront-backed CDN that caches content at edge locations.",
        source="https://docs.aws.amazon.com/lightsail/latest/userguide/amazon-lightsail-content-delivery-networks.html",
    ),
    _p(
        "aws-global-types",
        "aws",
        "aws:*",
        None,
        "global",
        home=False,
        why="Types without a Region are global services (IAM, Organizations, Route 53, WAF classic, Shield, "
        "Global Accelerator, billing and cost): configuration and identity, no stored customer data.",
        source=AWS_GLOBAL,
    ),
    _p(
        "aws-regional",
        "aws",
        "aws:*",
        None,
        "regional",
        home=True,
        why="Types with a Region input keep their data in that Region (documented pattern).",
        source=AWS_V7,
    ),
]


GCP_TF = "https://registry.terraform.io/providers/hashicorp/google/latest/docs/guides/provider_reference"
GCP_LOCATIONS = "https://cloud.google.com/about/locations"


def _gcp_none(id_: str, leaves: str, why: str, source: str, types: str = "gcp:*") -> list[Pattern]:
    """A reviewed category of GCP properties that name no destination of the resource's data: the last
    path segment is one of ``leaves`` (alternatives may span segments), for each type glob of ``types``."""
    path = rf"(.*\.)?({leaves})(\[\])?"
    return [_p(id_, "gcp", glob, path, "none", why=why, source=source) for glob in types.split()]


# Cloud Storage's access control resources: each names a bucket and grants an entity access to its objects.
GCS_ACLS = (
    "gcp:storage/defaultObjectAccessControl:*",
    "gcp:storage/objectAccessControl:*",
    "gcp:storage/bucketAccessControl:*",
    "gcp:storage/bucketACL:*",
    "gcp:storage/defaultObjectACL:*",
    "gcp:storage/objectACL:*",
)

GCP: list[Pattern] = [
    *_gcp_many(
        "gcp-dataform-default-location",
        ("gcp:dataform/repositoryReleaseConfig:*", "gcp:dataform/repositoryWorkflowConfig:*"),
        r"codeCompilationConfig\.defaultLocation",
        "copy",
        reader="location",
        unset="default:US",
        explicit=True,
        why="The workflow's BigQuery queries and the tables they write run in the default location, the US "
        "multi-region when unset.",
        source="https://cloud.google.com/dataform/reference/rest/v1beta1/CodeCompilationConfig",
    ),
    _p(
        "gcp-apigee-target-server",
        "gcp",
        "gcp:apigee/targetServer:*",
        r"host",
        "target",
        reader="url",
        explicit=True,
        why="API proxies send requests (bodies included) to the backend a target server names by host.",
        source="https://cloud.google.com/apigee/docs/api-platform/deploy/load-balancing-across-backend-servers",
    ),
    _p(
        "gcp-internet-neg-endpoint",
        "gcp",
        "gcp:compute/globalNetworkEndpoint:*",
        r"fqdn|ipAddress",
        "target",
        reader="url",
        explicit=True,
        why="A global network endpoint group is an internet one: its endpoint is a backend outside Google Cloud, by "
        "host name or public IP address, and the load balancer sends it every request (bodies included) its "
        "backend service receives.",
        source="https://cloud.google.com/load-balancing/docs/negs/internet-neg-concepts",
    ),
    _p(
        "gcp-internet-neg-endpoint",
        "gcp",
        "gcp:compute/regionNetworkEndpoint:*",
        r"fqdn",
        "target",
        reader="url",
        explicit=True,
        why="A regional endpoint named by host name is an internet one, a backend outside Google Cloud (its ipAddress "
        "may be a VM's internal address, in a GCE_VM_IP_PORTMAP group).",
        source="https://cloud.google.com/load-balancing/docs/negs/internet-neg-concepts",
    ),
    *_gcp_many(
        "gcp-storage-acl-subject",
        GCS_ACLS,
        r"bucket",
        "subject",
        reader="ref",
        explicit=True,
        why="An access control entry grants access to the objects of the bucket it names.",
        source="https://cloud.google.com/storage/docs/access-control/lists",
    ),
    *_gcp_many(
        "gcp-storage-acl-public",
        GCS_ACLS,
        r"entity|roleEntities\[\]|predefinedAcl",
        "copy",
        reader="public",
        explicit=True,
        why="The entity allUsers (anyone on the internet) or allAuthenticatedUsers (anyone with a Google account), and "
        "the predefined ACLs publicRead, publicReadWrite and authenticatedRead, make the objects readable by "
        "everyone, who may copy them anywhere; a domain-<domain> entity by every account of that Workspace domain.",
        source="https://cloud.google.com/storage/docs/access-control/lists#scopes",
    ),
    _p(
        "gcp-security-rules-open",
        "gcp",
        "gcp:firebaserules/ruleset:Ruleset",
        r"source\.files\[\]\.content",
        "copy",
        reader="security-rules",
        explicit=True,
        why="Firebase Security Rules that allow reads if true (or with no condition) let anyone on the internet read "
        "the documents or files they match; if request.auth != null, anyone who signs in to the project's app.",
        source="https://firebase.google.com/docs/rules/insecure-rules",
    ),
    # Where data lives when it is not a plain location/region/zone.
    _p(
        "gcp-bucket-dual-region",
        "gcp",
        "gcp:storage/bucket:Bucket",
        r"customPlacementConfig\.dataLocations\[\]",
        "home",
        reader="narrows",
        why="A configurable dual-region bucket stores data in exactly the two regions listed.",
        source="https://cloud.google.com/storage/docs/locations#configurable",
    ),
    _p(
        "gcp-bigquery-default-us",
        "gcp",
        "gcp:bigquery/dataset:Dataset",
        r"location",
        "home",
        reader="location",
        unset="default:US",
        why="A BigQuery dataset created without a location is in the US multi-region.",
        source="https://cloud.google.com/bigquery/docs/locations#specify_locations",
    ),
    _p(
        "gcp-pubsub-storage-policy",
        "gcp",
        "gcp:pubsub/topic:Topic",
        r"messageStoragePolicy\.allowedPersistenceRegions\[\]",
        "home",
        reader="region",
        unset="anywhere",
        why="Without a message storage policy Pub/Sub may store messages in any Google Cloud region.",
        source="https://cloud.google.com/pubsub/docs/resource-location-restriction",
    ),
    _p(
        "gcp-secret-auto",
        "gcp",
        "gcp:secretmanager/secret:Secret",
        r"replication\.auto",
        "home",
        reader="auto",
        explicit=True,
        why="Automatic replication lets Google choose the locations of the secret's data.",
        source="https://cloud.google.com/secret-manager/docs/choosing-replication",
    ),
    _p(
        "gcp-secret-user-managed",
        "gcp",
        "gcp:secretmanager/secret:Secret",
        r"replication\.userManaged\.replicas\[\]\.location",
        "home",
        reader="location",
        unset="required",
        why="User-managed replication stores the secret in exactly the listed locations.",
        source="https://cloud.google.com/secret-manager/docs/choosing-replication",
    ),
    _p(
        "gcp-spanner-config",
        "gcp",
        "gcp:spanner/instance:Instance",
        r"config",
        "home",
        reader="gcp-config",
        unset="required",
        explicit=True,
        why="A Spanner instance's configuration places its replicas: regional-<region>, or a multi-region "
        "configuration whose read-write, read-only and witness replicas span several regions.",
        source="https://cloud.google.com/spanner/docs/instance-configurations",
    ),
    _p(
        "gcp-spanner-custom-config",
        "gcp",
        "gcp:spanner/instanceConfig:InstanceConfig",
        r"replicas\[\]\.location",
        "home",
        reader="location",
        explicit=True,
        why="A custom instance configuration puts a replica in each listed region.",
        source="https://cloud.google.com/spanner/docs/instance-configurations#configuration",
    ),
    _p(
        "gcp-firestore-location",
        "gcp",
        "gcp:firestore/database:Database",
        r"locationId",
        "home",
        reader="gcp-config",
        unset="required",
        why="A Firestore database lives in one region or one multi-region (nam5, eur3).",
        source="https://cloud.google.com/firestore/docs/locations",
    ),
    _p(
        "gcp-appengine-location",
        "gcp",
        "gcp:appengine/application:Application",
        r"locationId",
        "home",
        reader="gcp-config",
        unset="required",
        why="An App Engine application (and its Datastore/Firestore data) lives in its location; 'europe-west' "
        "and 'us-central' are the legacy names of europe-west1 and us-central1.",
        source="https://cloud.google.com/appengine/docs/standard/locations",
    ),
    _p(
        "gcp-bigtable-clusters",
        "gcp",
        "gcp:bigtable/instance:Instance",
        r"clusters\[\]\.zone",
        "home",
        reader="zone",
        unset="required",
        why="Each cluster of a Bigtable instance holds a replica of every table, in its zone.",
        source="https://cloud.google.com/bigtable/docs/replication-overview",
    ),
    _p(
        "gcp-storage-locations",
        "gcp",
        "gcp:compute/*",
        r"storageLocations\[\]",
        "home",
        reader="location",
        unset="nearest-multiregion",
        why="Images and snapshots are stored in storageLocations; unset, in the Cloud Storage multi-region nearest "
        "the source disk, image or snapshot (the API's NEAREST_MULTI_REGION policy: 'relative to the originating "
        "disk'), whatever the source's zone. The locations module reads the source named by the type's source row.",
        source="https://cloud.google.com/compute/docs/disks/snapshots#selecting_a_storage_location",
    ),
    _p(
        "gcp-snapshot-schedule-locations",
        "gcp",
        "gcp:compute/resourcePolicy:*",
        r"snapshotSchedulePolicy\.snapshotProperties\.storageLocations",
        "copy",
        reader="location",
        unset="nearest-multiregion",
        explicit=True,
        why="Scheduled snapshots are stored in storageLocations; unset, in the multi-region closest to the disk.",
        source="https://cloud.google.com/compute/docs/disks/scheduled-snapshots",
    ),
    _p(
        "gcp-identity-blocking-functions",
        "gcp",
        "gcp:identityplatform/config:Config",
        r"blockingFunctions\.triggers\[\]\.functionUri",
        "target",
        reader="url",
        why="Blocking functions receive the user's profile and credentials on every sign-up or sign-in; the "
        "function at the URI keeps and processes them where it runs.",
        source="https://cloud.google.com/identity-platform/docs/blocking-functions",
    ),
    _p(
        "az-spring-config-git",
        "azure-native",
        "azure-native:appplatform:*",
        r"properties\.(configServer|settings)\.gitProperty\.(repositories\[\]\.)?uri",
        "none",
        why="The Git repository the Spring config server reads application configuration from: a code source, "
        "read, never written with the app's data.",
        source="https://learn.microsoft.com/azure/spring-apps/basic-standard/how-to-config-server",
    ),
    _p(
        "gcp-apigee-regions",
        "gcp",
        "gcp:apigee/organization:Organization",
        r"analyticsRegion",
        "home",
        reader="location",
        why="An Apigee organization stores analytics data in its analytics region.",
        source="https://cloud.google.com/apigee/docs/api-platform/get-started/install-cli",
    ),
    _p(
        "gcp-apigee-consumer-data",
        "gcp",
        "gcp:apigee/organization:Organization",
        r"apiConsumerDataLocation",
        "home",
        reader="location",
        unset="anywhere",
        why="With data residency, an organization keeps its customer content (API consumer data) in this region; "
        "without it, Apigee keeps API proxy bundles and other customer data on its global infrastructure.",
        source="https://cloud.google.com/apigee/docs/api-platform/get-started/drz-concepts",
    ),
    _p(
        "gcp-ad-locations",
        "gcp",
        "gcp:activedirectory/domain:Domain",
        r"locations\[\]",
        "home",
        reader="region",
        unset="required",
        why="Managed Microsoft AD runs domain controllers (with the directory) in each listed region.",
        source="https://cloud.google.com/managed-microsoft-ad/docs/regions",
    ),
    _p(
        "gcp-biglake-primary",
        "gcp",
        "gcp:biglake/*Catalog:*",
        r"primaryLocation",
        "home",
        reader="location",
        why="A BigLake catalog stores its metadata in its primary location.",
        source="https://cloud.google.com/biglake/docs/introduction",
    ),
    # Copies.
    _p(
        "gcp-sql-backup-location",
        "gcp",
        "gcp:sql/databaseInstance:DatabaseInstance",
        r"settings\.backupConfiguration\.location",
        "copy",
        reader="location",
        unset="nearest-multiregion",
        why="Cloud SQL stores backups in the custom location when set, else in the multi-region nearest the instance.",
        source="https://cloud.google.com/sql/docs/mysql/backup-recovery/backups#custom-backup-location",
    ),
    _p(
        "gcp-sql-replica-source",
        "gcp",
        "gcp:sql/databaseInstance:DatabaseInstance",
        r"masterInstanceName",
        "source",
        reader="gcp-ref",
        explicit=True,
        why="A read replica (possibly cross-region) holds a copy of its primary.",
        source="https://cloud.google.com/sql/docs/mysql/replication/cross-region-replicas",
    ),
    _p(
        "gcp-redis-cluster-replication",
        "gcp",
        "gcp:*",
        r"cross(Cluster|Instance)ReplicationConfig\.secondary(Clusters|Instances)\[\]\.(cluster|instance)",
        "target",
        reader="gcp-ref",
        explicit=True,
        why="Cross-region replication copies the primary's data to every secondary cluster/instance.",
        source="https://cloud.google.com/memorystore/docs/cluster/about-cross-region-replication",
    ),
    _p(
        "gcp-alloydb-secondary",
        "gcp",
        "gcp:alloydb/cluster:Cluster",
        r"secondaryConfig\.primaryClusterName",
        "source",
        reader="gcp-ref",
        explicit=True,
        why="An AlloyDB secondary cluster replicates its primary cluster across regions.",
        source="https://cloud.google.com/alloydb/docs/cross-region-replication/about-cross-region-replication",
    ),
    _p(
        "gcp-disk-async-replication",
        "gcp",
        "gcp:compute/*",
        r"asyncPrimaryDisk\.disk",
        "source",
        reader="gcp-ref",
        explicit=True,
        why="Asynchronous Replication copies the primary disk to a secondary disk in another region: a disk "
        "created with asyncPrimaryDisk is that secondary.",
        source="https://cloud.google.com/compute/docs/disks/async-pd/about",
    ),
    _p(
        "gcp-disk-async-replication-primary",
        "gcp",
        "gcp:compute/diskAsyncReplication:*",
        r"primaryDisk",
        "subject",
        reader="gcp-ref",
        explicit=True,
        why="A DiskAsyncReplication starts replication from the primary disk it names and carries that disk's data "
        "(google_compute_disk_async_replication: primary_disk, secondary_disk.disk).",
        source="https://cloud.google.com/compute/docs/disks/async-pd/manage-replication",
    ),
    _p(
        "gcp-disk-async-replication-secondary",
        "gcp",
        "gcp:compute/diskAsyncReplication:*",
        r"secondaryDisk\.disk",
        "target",
        reader="gcp-ref",
        explicit=True,
        why="The secondary disk receives every write of the primary disk (in its own, usually another, region).",
        source="https://cloud.google.com/compute/docs/disks/async-pd/about",
    ),
    _p(
        "gcp-netapp-replication",
        "gcp",
        "gcp:netapp/volumeReplication:*",
        r"destinationVolumeParameters\.storagePool",
        "target",
        reader="gcp-ref",
        explicit=True,
        why="NetApp volume replication copies the volume to the destination storage pool (possibly another region).",
        source="https://cloud.google.com/netapp/volumes/docs/protect-data/about-volume-replication",
    ),
    _p(
        "gcp-netapp-backup-region",
        "gcp",
        "gcp:netapp/backupVault:*",
        r"backupRegion",
        "copy",
        reader="region",
        why="A cross-region backup vault stores backups in its backup region.",
        source="https://cloud.google.com/netapp/volumes/docs/protect-data/about-backups",
    ),
    _p(
        "gcp-transfer-sink",
        "gcp",
        "gcp:storage/transferJob:*",
        r"(transferSpec|replicationSpec)\.gcsDataSink\.bucketName",
        "target",
        reader="gcp-ref",
        explicit=True,
        why="A transfer or replication job copies objects into the sink bucket.",
        source="https://cloud.google.com/storage-transfer/docs/overview",
    ),
    _p(
        "gcp-bigquery-transfer-dest",
        "gcp",
        "gcp:bigquery/dataTransferConfig:*",
        r"destinationDatasetId",
        "target",
        reader="gcp-ref",
        why="A transfer config (cross-region dataset copy included) writes into the destination dataset.",
        source="https://cloud.google.com/bigquery/docs/managing-datasets#copy-datasets",
    ),
    _p(
        "gcp-logging-sink",
        "gcp",
        "gcp:logging/*Sink:*",
        r"destination",
        "target",
        reader="gcp-ref",
        why="A log sink routes matching log entries to the bucket, dataset, topic or log bucket named.",
        source="https://cloud.google.com/logging/docs/export/configure_export_v2",
    ),
    _p(
        "gcp-healthcare-stream",
        "gcp",
        "gcp:healthcare/*",
        r"streamConfigs\[\]\.bigqueryDestination\.datasetUri",
        "target",
        reader="gcp-ref",
        explicit=True,
        why="A streaming config copies every resource into the BigQuery dataset.",
        source="https://cloud.google.com/healthcare-api/docs/how-tos/fhir-bigquery-streaming",
    ),
    _p(
        "gcp-dataflow-workers",
        "gcp",
        "gcp:dataflow/*",
        r"(.*\.)?(workerRegion|workerZone)",
        "copy",
        reader="zone",
        why="Dataflow workers (which process the data) run in the worker region or zone.",
        source="https://cloud.google.com/dataflow/docs/concepts/regional-endpoints",
    ),
    _p(
        "gcp-metastore-backup",
        "gcp",
        "gcp:dataproc/metastoreService:*",
        r".*\.backupLocation",
        "target",
        reader="gcp-ref",
        why="Scheduled metastore backups are written to this Cloud Storage location.",
        source="https://cloud.google.com/dataproc-metastore/docs/backup-restore",
    ),
    _p(
        "gcp-bigquery-reservation-secondary",
        "gcp",
        "gcp:bigquery/reservation:*",
        r"secondaryLocation",
        "copy",
        reader="location",
        why="A managed disaster-recovery reservation replicates to its secondary location.",
        source="https://cloud.google.com/bigquery/docs/managed-disaster-recovery",
    ),
    _p(
        "gcp-vmware-stretched",
        "gcp",
        "gcp:vmwareengine/privateCloud:*",
        r".*\.(preferredLocation|secondaryLocation)",
        "within",
        why="A stretched private cloud's preferred and secondary locations are zones of its region.",
        source="https://cloud.google.com/vmware-engine/docs/private-clouds/create-stretched-private-cloud",
    ),
    _p(
        "gcp-gemini-data-sharing",
        "gcp",
        "gcp:gemini/dataSharingWithGoogleSetting:*",
        r"enableDataSharing|enablePreviewDataSharing",
        "copy",
        reader="provider-sharing",
        explicit=True,
        why="With data sharing on, Google keeps the prompts and responses of the projects the setting is bound to "
        "and uses them to improve its models: a copy outside the regime's locations.",
        source="https://cloud.google.com/gemini/docs/admin-settings-console",
    ),
    _p(
        "gcp-gemini-logging",
        "gcp",
        "gcp:gemini/loggingSetting:*",
        r"logPromptsAndResponses|logMetadata",
        "copy",
        reader="default-log-bucket",
        explicit=True,
        why="With logging on, Gemini writes the prompts, responses and metadata of the projects the setting is bound "
        "to into their Cloud Logging, whose _Default bucket is in the global location unless its location is set.",
        source="https://cloud.google.com/gemini/docs/log-gemini",
    ),
    _p(
        "gcp-integration-connector",
        "gcp",
        "gcp:integrationconnectors/connection:*",
        r"connectorVersion",
        "copy",
        reader="saas-connector",
        explicit=True,
        why="A connection reaches the application its connector is for: Google's own connectors (providers/gcp: "
        "BigQuery, Cloud SQL, Pub/Sub, ...) reach Google Cloud resources, placed by their own rows; a partner's or "
        "third party's (providers/zendesk, Salesforce, ...) sends what the integrations pass it to that SaaS.",
        source="https://cloud.google.com/integration-connectors/docs/connector-reference-overview",
    ),
    _p(
        "gcp-dms-destination",
        "gcp",
        "gcp:databasemigrationservice/migrationJob:*",
        r"destination",
        "target",
        reader="gcp-ref",
        explicit=True,
        why="A migration job copies the source database into the destination connection profile's database.",
        source="https://cloud.google.com/database-migration/docs/reference/rest/v1/projects.locations.migrationJobs",
    ),
    *_gcp_many(
        "gcp-eventarc-destination",
        ("gcp:eventarc/enrollment:*", "gcp:eventarc/googleApiSource:*"),
        r"destination",
        "target",
        reader="gcp-ref",
        explicit=True,
        why="An enrollment delivers the events it matches to the pipeline named, a Google API source to the message "
        "bus named.",
        source="https://cloud.google.com/eventarc/advanced/docs/reference/rest/v1/projects.locations.enrollments",
    ),
    _p(
        "gcp-eventarc-trigger-destination",
        "gcp",
        "gcp:eventarc/trigger:*",
        r"destination\.cloudRunService\.region|destination\.gke\.location",
        "copy",
        reader="location",
        explicit=True,
        why="A trigger delivers its events to the Cloud Run service or GKE service in this region or location.",
        source="https://cloud.google.com/eventarc/docs/reference/rest/v1/projects.locations.triggers",
    ),
    _p(
        "gcp-datastream-dataset-location",
        "gcp",
        "gcp:datastream/stream:*",
        r"destinationConfig\.bigqueryDestinationConfig\.sourceHierarchyDatasets\.datasetTemplate\.location",
        "copy",
        reader="location",
        explicit=True,
        why="A stream creates the BigQuery datasets it replicates into in this location.",
        source="https://cloud.google.com/datastream/docs/reference/rest/v1/projects.locations.streams",
    ),
    _p(
        "gcp-sac-realm-partner",
        "gcp",
        "gcp:networksecurity/sacRealm:*",
        r"securityService",
        "copy",
        reader="saas-connector",
        explicit=True,
        why="A Secure Access Connect realm sends the attached networks' traffic through the partner's security "
        "service edge (Palo Alto Networks Prisma Access, Symantec Cloud SWG): outside Google Cloud.",
        source="https://cloud.google.com/secure-access-connect/docs/overview",
    ),
    _p(
        "gcp-app-hosting-serving",
        "gcp",
        "gcp:firebase/appHostingBackend:*",
        r"servingLocality",
        "copy",
        reader="edge-mode",
        explicit=True,
        why="A backend with GLOBAL_ACCESS is served through App Hosting's global-replicated serving infrastructure "
        "(its CDN caches content at edge locations); REGIONAL_STRICT keeps serving in the backend's region.",
        source="https://firebase.google.com/docs/reference/apphosting/rest/v1beta/projects.locations.backends",
    ),
    _p(
        "gcp-healthcare-pipeline-destination",
        "gcp",
        "gcp:healthcare/pipelineJob:*",
        r"(mappingPipelineJob|reconciliationPipelineJob)\.fhirStoreDestination",
        "target",
        reader="gcp-ref",
        explicit=True,
        why="A mapping or reconciliation pipeline writes the resources it transforms into the FHIR store named.",
        source="https://cloud.google.com/healthcare-api/docs/reference/rest/v1/projects.locations.datasets.pipelineJobs",
    ),
    _p(
        "gcp-gke-backup-channel-project",
        "gcp",
        "gcp:gkebackup/*Channel:*",
        r"destinationProject",
        "target",
        reader="gcp-project",
        explicit=True,
        why="A backup channel lets a cluster's backups be created in the destination project, and a restore channel "
        "lets the destination project restore them: the backups (volume data and secrets included) are shared with "
        "that project.",
        source="https://cloud.google.com/kubernetes-engine/docs/add-on/backup-for-gke/how-to/cross-project-backups",
    ),
    _p(
        "gcp-cdn-flag",
        "gcp",
        "gcp:compute/backend*",
        r"enableCdn",
        "copy",
        reader="edge-flag",
        explicit=True,
        why="Cloud CDN caches the backend's content at Google edge locations worldwide.",
        source="https://cloud.google.com/cdn/docs/overview",
    ),
    _p(
        "gcp-filestore-replica",
        "gcp",
        "gcp:filestore/instance:*",
        r"initialReplication\.replicas\[\]\.peerInstance",
        "target",
        reader="gcp-ref",
        explicit=True,
        why="Filestore replication copies the instance to the peer instance in another region.",
        source="https://cloud.google.com/filestore/docs/replication-overview",
    ),
    _p(
        "gcp-datastream-destination",
        "gcp",
        "gcp:datastream/stream:*",
        r"destinationConfig\.destinationConnectionProfile",
        "target",
        reader="gcp-ref",
        why="A stream replicates the source database into the destination connection profile.",
        source="https://cloud.google.com/datastream/docs/overview",
    ),
    _p(
        "gcp-redis-zone",
        "gcp",
        "gcp:redis/instance:Instance",
        r"locationId",
        "within",
        why="A Redis instance's locationId is a zone of its region.",
        source="https://cloud.google.com/memorystore/docs/redis/create-manage-instances",
    ),
    # Copies of another resource's data and destinations without a location word in their name (issue 20).
    _p(
        "gcp-snapshot-disk-zone",
        "gcp",
        "gcp:compute/snapshot:Snapshot",
        r"zone",
        "none",
        why="A snapshot's zone is the zone of its source disk (the SDK: 'the zone where the disk is hosted'), not "
        "where the snapshot is stored: that is storageLocations, else the multi-region nearest the disk.",
        source="https://www.pulumi.com/registry/packages/gcp/api-docs/compute/snapshot/",
    ),
    *(
        _p(
            "gcp-compute-copy-of",
            "gcp",
            f"gcp:compute/{token}",
            r"snapshot|image|sourceDisk|sourceImage|sourceSnapshot|sourceInstance|sourceInstantSnapshot|"
            r"sourceMachineImage",
            "source",
            reader="gcp-ref",
            explicit=True,
            why="A disk, image, snapshot, machine image or instance created from another disk, image, snapshot, "
            "instance or machine image holds a copy of its data (public images are not in the stack and carry no "
            "regime).",
            source="https://cloud.google.com/compute/docs/disks/create-snapshots",
        )
        for token in (
            "disk:Disk",
            "regionDisk:RegionDisk",
            "image:Image",
            "snapshot:Snapshot",
            "instantSnapshot:*",
            "regionInstantSnapshot:*",
            "machineImage:MachineImage",
            "instanceFromMachineImage:*",
        )
    ),
    _p(
        "gcp-bigquery-transfer-source",
        "gcp",
        "gcp:bigquery/dataTransferConfig:*",
        r"params",
        "subject",
        reader="bq-table",
        explicit=True,
        why="A dataset copy (data source cross_region_copy) reads params.source_dataset_id (in "
        "params.source_project_id) and carries that dataset's data.",
        source="https://cloud.google.com/bigquery/docs/managing-datasets#copy-datasets",
    ),
    _p(
        "gcp-bigquery-job-destination",
        "gcp",
        "gcp:bigquery/job:Job",
        r"(copy|load|query)\.destinationTable",
        "target",
        reader="bq-table",
        explicit=True,
        why="A copy, load or query job writes into the destination table, which lives in its dataset's location "
        "(a copy job may copy across regions).",
        source="https://cloud.google.com/bigquery/docs/managing-tables#copy-table",
    ),
    _p(
        "gcp-bigquery-job-source",
        "gcp",
        "gcp:bigquery/job:Job",
        r"copy\.sourceTables\[\]|extract\.sourceTable",
        "subject",
        reader="bq-table",
        explicit=True,
        why="A copy or extract job reads the source tables and carries their data.",
        source="https://cloud.google.com/bigquery/docs/managing-tables#copy-table",
    ),
    _p(
        "gcp-bigquery-job-extract",
        "gcp",
        "gcp:bigquery/job:Job",
        r"extract\.destinationUris\[\]",
        "target",
        reader="gcs-uri",
        explicit=True,
        why="An extract job writes the table into the Cloud Storage objects (gs://bucket/...) named.",
        source="https://cloud.google.com/bigquery/docs/exporting-data",
    ),
    _p(
        "gcp-pubsub-subscription-topic",
        "gcp",
        "gcp:pubsub/subscription:Subscription",
        r"topic",
        "subject",
        reader="gcp-ref",
        explicit=True,
        why="A subscription delivers the messages of the topic it names.",
        source="https://cloud.google.com/pubsub/docs/subscriber",
    ),
    _p(
        "gcp-pubsub-subscription-bigquery",
        "gcp",
        "gcp:pubsub/subscription:Subscription",
        r"bigqueryConfig\.table",
        "target",
        reader="bq-table",
        explicit=True,
        why="A BigQuery subscription writes every message into the table {projectId}.{datasetId}.{tableId}.",
        source="https://cloud.google.com/pubsub/docs/bigquery",
    ),
    _p(
        "gcp-pubsub-subscription-storage",
        "gcp",
        "gcp:pubsub/subscription:Subscription",
        r"cloudStorageConfig\.bucket",
        "target",
        reader="ref",
        explicit=True,
        why="A Cloud Storage subscription writes messages as objects into the bucket named.",
        source="https://cloud.google.com/pubsub/docs/cloudstorage",
    ),
    _p(
        "gcp-pubsub-subscription-push",
        "gcp",
        "gcp:pubsub/subscription:Subscription",
        r"pushConfig\.pushEndpoint",
        "target",
        reader="url",
        explicit=True,
        why="A push subscription sends every message to the HTTPS endpoint; a URL names no region, so it is placed "
        "only when a resource of the stack serves it.",
        source="https://cloud.google.com/pubsub/docs/push",
    ),
    _p(
        "gcp-pubsub-dead-letter",
        "gcp",
        "gcp:pubsub/subscription:Subscription",
        r"deadLetterPolicy\.deadLetterTopic",
        "target",
        reader="gcp-ref",
        explicit=True,
        why="Undeliverable messages are forwarded to the dead-letter topic.",
        source="https://cloud.google.com/pubsub/docs/handling-failures",
    ),
    _p(
        "gcp-filestore-backup-source",
        "gcp",
        "gcp:filestore/backup:Backup",
        r"sourceInstance",
        "source",
        reader="gcp-ref",
        explicit=True,
        why="A Filestore backup holds a copy of the source instance's file share, stored in the backup's region.",
        source="https://cloud.google.com/filestore/docs/backups",
    ),
    _p(
        "gcp-gke-backup-plan-cluster",
        "gcp",
        "gcp:gkebackup/backupPlan:BackupPlan",
        r"cluster",
        "source",
        reader="gcp-ref",
        explicit=True,
        why="A Backup for GKE plan backs up the cluster's Kubernetes resources and volume data into the plan's "
        "location.",
        source="https://cloud.google.com/kubernetes-engine/docs/add-on/backup-for-gke/concepts/backup-for-gke",
    ),
    _p(
        "gcp-gke-restore-plan-backup",
        "gcp",
        "gcp:gkebackup/restorePlan:RestorePlan",
        r"backupPlan",
        "subject",
        reader="gcp-ref",
        explicit=True,
        why="A restore plan restores the backups of the backup plan it names.",
        source="https://cloud.google.com/kubernetes-engine/docs/add-on/backup-for-gke/concepts/backup-for-gke",
    ),
    _p(
        "gcp-gke-restore-plan-cluster",
        "gcp",
        "gcp:gkebackup/restorePlan:RestorePlan",
        r"cluster",
        "target",
        reader="gcp-ref",
        explicit=True,
        why="A restore plan writes the backed-up resources and volumes into the target cluster.",
        source="https://cloud.google.com/kubernetes-engine/docs/add-on/backup-for-gke/concepts/backup-for-gke",
    ),
    _p(
        "gcp-transfer-source",
        "gcp",
        "gcp:storage/transferJob:*",
        r"(transferSpec|replicationSpec)\.gcsDataSource\.bucketName",
        "subject",
        reader="ref",
        explicit=True,
        why="A transfer or replication job copies the source bucket's objects and carries their data.",
        source="https://cloud.google.com/storage-transfer/docs/overview",
    ),
    # Properties that can name where data goes (account, endpoint, bucket, workspace, URL/URI), issue 20.
    # Destinations first: this resource writes, exports, delivers or streams its data to what they name.
    _p(
        "gcp-dataproc-buckets",
        "gcp",
        "gcp:dataproc/*",
        r"(clusterConfig|virtualClusterConfig|placement\.managedCluster\.config|environmentConfig\.executionConfig)\."
        r"(bucket|stagingBucket|tempBucket)",
        "target",
        reader="gcs-uri",
        why="Dataproc writes job driver output, cluster config and diagnostic output to the staging bucket and "
        "ephemeral cluster and job data (Spark and MapReduce history) to the temp bucket; a batch or session keeps "
        "workload output in its staging bucket.",
        source="https://cloud.google.com/dataproc/docs/concepts/configuring-clusters/staging-bucket",
    ),
    _p(
        "gcp-composer-bucket",
        "gcp",
        "gcp:composer/environment:*",
        r"storageConfig\.bucket",
        "target",
        reader="gcs-uri",
        why="A Composer environment keeps its DAGs, plugins, data and task logs in the environment's bucket.",
        source="https://cloud.google.com/composer/docs/composer-2/cloud-storage",
    ),
    _p(
        "gcp-build-logs",
        "gcp",
        "gcp:cloudbuild/trigger:*",
        r"build\.logsBucket",
        "target",
        reader="gcs-uri",
        why="Cloud Build writes the build's logs to the logs bucket.",
        source="https://cloud.google.com/build/docs/securing-builds/store-manage-build-logs",
    ),
    _p(
        "gcp-configdeployment-artifacts",
        "gcp",
        "gcp:configdeployment/deployment:*",
        r"artifactsGcsBucket",
        "target",
        reader="gcs-uri",
        why="Infrastructure Manager writes the deployment's Cloud Build logs, artifacts and Terraform state to this "
        "bucket (gs://bucket/folder).",
        source="https://www.pulumi.com/registry/packages/gcp/api-docs/configdeployment/deployment/",
    ),
    _p(
        "gcp-sql-audit-bucket",
        "gcp",
        "gcp:sql/databaseInstance:DatabaseInstance",
        r"settings\.sqlServerAuditConfig\.bucket",
        "target",
        reader="gcs-uri",
        why="SQL Server audit files are uploaded to the destination bucket (gs://mybucket).",
        source="https://cloud.google.com/sql/docs/sqlserver/db-audit",
    ),
    _p(
        "gcp-storage-access-logs",
        "gcp",
        "gcp:storage/bucket:Bucket",
        r"logging\.logBucket",
        "target",
        reader="gcs-uri",
        why="Usage and storage logs of the bucket (object names, requesters) are delivered to the log bucket.",
        source="https://cloud.google.com/storage/docs/access-logs",
    ),
    _p(
        "gcp-storage-inventory-destination",
        "gcp",
        "gcp:storage/insightsReportConfig:*",
        r"objectMetadataReportOptions\.storageDestinationOptions\.bucket",
        "target",
        reader="gcs-uri",
        why="An inventory report config writes the object metadata reports into the destination bucket.",
        source="https://cloud.google.com/storage/docs/insights/inventory-reports",
    ),
    _p(
        "gcp-storage-inventory-source",
        "gcp",
        "gcp:storage/insightsReportConfig:*",
        r"objectMetadataReportOptions\.storageFilters\.bucket",
        "subject",
        reader="gcs-uri",
        why="An inventory report config lists the objects of the source bucket and carries its regime.",
        source="https://cloud.google.com/storage/docs/insights/inventory-reports",
    ),
    _p(
        "gcp-storage-insights-dataset",
        "gcp",
        "gcp:storage/insightsDatasetConfig:*",
        r"includeCloudStorageBuckets\.cloudStorageBuckets\[\]\.bucketName",
        "source",
        reader="gcs-uri",
        why="A Storage Insights dataset copies the metadata of the included buckets' objects into a dataset in the "
        "config's location.",
        source="https://cloud.google.com/storage/docs/insights/datasets",
    ),
    _p(
        "gcp-usage-export",
        "gcp",
        "gcp:projects/usageExportBucket:*",
        r"bucketName",
        "target",
        reader="gcs-uri",
        why="Compute Engine usage export writes the project's daily and monthly usage reports to this bucket.",
        source="https://cloud.google.com/compute/docs/logging/usage-export",
    ),
    _p(
        "gcp-datastream-gcs-destination",
        "gcp",
        "gcp:datastream/*",
        r"gcsProfile\.bucket|destinationConfig\.bigqueryDestinationConfig\.blmtConfig\.bucket",
        "target",
        reader="gcs-uri",
        why="A Cloud Storage connection profile is a stream destination: the stream writes the replicated data into "
        "its bucket; BigLake Iceberg tables of a BigQuery destination keep their data files in the blmt bucket.",
        source="https://cloud.google.com/datastream/docs/destinations",
    ),
    _p(
        "gcp-apigee-datastore",
        "gcp",
        "gcp:apigee/datastore:*",
        r"datastoreConfig\.bucketName",
        "target",
        reader="gcs-uri",
        why="An Apigee analytics datastore is where analytics data is exported (Cloud Storage bucket).",
        source="https://cloud.google.com/apigee/docs/api-platform/analytics/analytics-export",
    ),
    _p(
        "gcp-chronicle-export",
        "gcp",
        "gcp:chronicle/dataExport:*",
        r"gcsBucket",
        "target",
        reader="gcs-uri",
        why="A Google SecOps data export writes the exported logs into the bucket (projects/{p}/buckets/{b}).",
        source="https://www.pulumi.com/registry/packages/gcp/api-docs/chronicle/dataexport/",
    ),
    _p(
        "gcp-looker-export",
        "gcp",
        "gcp:looker/instance:*",
        r"periodicExportConfig\.gcsUri",
        "target",
        reader="gcs-uri",
        why="Periodic export writes the Looker instance's data to the bucket (gs://{bucket_name}).",
        source="https://www.pulumi.com/registry/packages/gcp/api-docs/looker/instance/",
    ),
    _p(
        "gcp-dialogflow-audio-export",
        "gcp",
        "gcp:diagflow/*",
        r"advancedSettings\.audioExportGcsDestination\.uri|audioExportSettings\.gcsBucket",
        "target",
        reader="gcs-uri",
        why="Dialogflow CX exports conversation audio to the agent/flow destination (gs://BUCKET/PATH) and to the "
        "security settings' bucket.",
        source="https://cloud.google.com/dialogflow/cx/docs/concept/audio-export",
    ),
    _p(
        "gcp-ces-audio-recording",
        "gcp",
        "gcp:ces/app:*",
        r"loggingSettings\.audioRecordingConfig\.gcsBucket",
        "target",
        reader="gcs-uri",
        why="A conversational agent app records conversation audio into this bucket.",
        source="https://www.pulumi.com/registry/packages/gcp/api-docs/ces/app/",
    ),
    _p(
        "gcp-transcoder-output",
        "gcp",
        "gcp:transcoder/*",
        r"config\.output\.uri",
        "target",
        reader="gcs-uri",
        why="A transcoding job writes its output files to the output URI (gs://bucket/path/).",
        source="https://cloud.google.com/transcoder/docs/concepts/overview",
    ),
    _p(
        "gcp-transcoder-input",
        "gcp",
        "gcp:transcoder/*",
        r"config\.inputs\[\]\.uri",
        "subject",
        reader="gcs-uri",
        why="A transcoding job reads the input videos (gs:// URIs) and carries their data to its output.",
        source="https://cloud.google.com/transcoder/docs/concepts/overview",
    ),
    _p(
        "gcp-colab-output",
        "gcp",
        "gcp:colab/*",
        r"(.*\.)?gcsOutputUri",
        "target",
        reader="gcs-uri",
        why="A notebook execution writes the executed notebook and its outputs to this Cloud Storage location.",
        source="https://www.pulumi.com/registry/packages/gcp/api-docs/colab/notebookexecution/",
    ),
    _p(
        "gcp-biglake-table-storage",
        "gcp",
        "gcp:bigquery/table:Table",
        r"biglakeConfiguration\.storageUri",
        "target",
        reader="gcs-uri",
        why="A BigLake managed table stores its data files under this gs:// prefix.",
        source="https://cloud.google.com/bigquery/docs/iceberg-tables",
    ),
    _p(
        "gcp-bigquery-load-source",
        "gcp",
        "gcp:bigquery/job:Job",
        r"load\.sourceUris\[\]",
        "subject",
        reader="gcs-uri",
        explicit=True,
        why="A load job copies the source files (gs:// URIs) into its destination table and carries their data.",
        source="https://cloud.google.com/bigquery/docs/batch-loading-data",
    ),
    _p(
        "gcp-cloudrun-volume",
        "gcp",
        "gcp:cloudrunv2/*",
        r"template\.(template\.)?volumes\[\]\.gcs\.bucket",
        "target",
        reader="gcs-uri",
        why="A Cloud Storage volume mounts the bucket: files the service, job or worker pool writes are stored there.",
        source="https://cloud.google.com/run/docs/configuring/services/cloud-storage-volume-mounts",
    ),
    _p(
        "gcp-dns-threat-provider",
        "gcp",
        "gcp:networksecurity/dnsThreatDetector:*",
        r"threatDetectorProvider",
        "copy",
        reader="saas",
        explicit=True,
        why="A DNS threat detector sends the DNS query logs of the project's networks to its provider (Infoblox), "
        "which analyzes them outside Google Cloud.",
        source="https://cloud.google.com/dns/docs/reference/dns-armor/rest/v1beta1/projects.locations.dnsThreatDetectors",
    ),
    _p(
        "gcp-apigee-forward-proxy",
        "gcp",
        "gcp:apigee/environment:*",
        r"forwardProxyUri",
        "target",
        reader="url",
        explicit=True,
        why="All traffic from the environment's API proxies to their targets goes through this forward proxy, which "
        "may log and analyze the requests.",
        source="https://cloud.google.com/apigee/docs/reference/apis/apigee/rest/v1/organizations.environments",
    ),
    _p(
        "gcp-transfer-posix-sink",
        "gcp",
        "gcp:storage/transferJob:*",
        r"transferSpec\.posixDataSink\.rootDirectory",
        "copy",
        reader="on-premises",
        explicit=True,
        why="A POSIX sink is a file system the transfer agents mount, on premises or in another cloud: the job copies "
        "its source there, outside Google Cloud.",
        source="https://cloud.google.com/storage-transfer/docs/sources-and-sinks",
    ),
    _p(
        "gcp-workflow-call-logs",
        "gcp",
        "gcp:workflows/workflow:*",
        r"callLogLevel",
        "target",
        reader="project-logs",
        explicit=True,
        why="Call logging writes each call's arguments and results to the project's Cloud Logging, which the "
        "project's log sinks route: the _Default sink to the _Default bucket, in the global location unless the "
        "sink is routed elsewhere.",
        source="https://cloud.google.com/workflows/docs/log-workflow",
    ),
    _p(
        "gcp-api-gateway-backends",
        "gcp",
        "gcp:apigateway/gateway:*",
        r"apiConfig",
        "target",
        reader="api-config",
        explicit=True,
        why="A gateway forwards every request to the backends its API config's OpenAPI documents name "
        "(x-google-backend address, for the whole API or per operation).",
        source="https://cloud.google.com/api-gateway/docs/openapi-overview",
    ),
    _p(
        "gcp-cloudrun-cloudsql",
        "gcp",
        "gcp:cloudrunv2/*",
        r"template\.(template\.)?volumes\[\]\.cloudSqlInstance\.instances\[\]",
        "target",
        reader="sql-connection",
        explicit=True,
        why="A Cloud SQL volume connects the service, job or worker pool to these instances (by connection name, "
        "<project>:<region>:<instance>): what it writes through them is stored there.",
        source="https://cloud.google.com/run/docs/integrate/cloud-sql",
    ),
    _p(
        "gcp-cloudrun-nfs",
        "gcp",
        "gcp:cloudrunv2/*",
        r"template\.(template\.)?volumes\[\]\.nfs\.server",
        "target",
        reader="url",
        explicit=True,
        why="An NFS volume mounts the export of this server (a Filestore instance by its IP address, or any NFS "
        "server): files the service, job or worker pool writes are stored there.",
        source="https://cloud.google.com/run/docs/configuring/services/nfs-volume-mounts",
    ),
    _p(
        "gcp-hypercompute-storage",
        "gcp",
        "gcp:hypercomputecluster/cluster:*",
        r"storageResources\[\]\.(config\.existingBucket\.bucket|buckets\[\]\.bucket)",
        "target",
        reader="gcs-uri",
        why="An existing bucket attached as cluster storage receives the data the cluster's jobs write.",
        source="https://www.pulumi.com/registry/packages/gcp/api-docs/hypercomputecluster/cluster/",
    ),
    _p(
        "gcp-pubsub-analyticshub-storage",
        "gcp",
        "gcp:bigqueryanalyticshub/listingSubscription:*",
        r"destinationPubsubSubscription\.pubsubSubscription\.cloudStorageConfig\.bucket",
        "target",
        reader="gcs-uri",
        why="The subscription this listing subscription creates writes every message as objects into the bucket.",
        source="https://cloud.google.com/pubsub/docs/cloudstorage",
    ),
    _p(
        "gcp-pubsub-analyticshub-push",
        "gcp",
        "gcp:bigqueryanalyticshub/listingSubscription:*",
        r"destinationPubsubSubscription\.pubsubSubscription\.pushConfig\.pushEndpoint",
        "target",
        reader="url",
        why="The push subscription this listing subscription creates sends every message to the HTTPS endpoint.",
        source="https://cloud.google.com/pubsub/docs/push",
    ),
    _p(
        "gcp-pubsub-ai-transform",
        "gcp",
        "gcp:pubsub/*",
        r"messageTransforms\[\]\.aiInference\.endpoint",
        "target",
        reader="gcp-ref",
        why="An AI inference transform sends each message to the Vertex AI endpoint or model named "
        "(projects/{p}/locations/{l}/...).",
        source="https://www.pulumi.com/registry/packages/gcp/api-docs/pubsub/topic/",
    ),
    _p(
        "gcp-vertex-logging",
        "gcp",
        "gcp:vertex/aiEndpoint:*",
        r"predictRequestResponseLoggingConfig\.bigqueryDestination\.outputUri",
        "target",
        reader="bq-table",
        why="Request-response logging writes prediction requests and responses to the BigQuery table "
        "(bq://project.dataset.table).",
        source="https://cloud.google.com/vertex-ai/docs/predictions/online-prediction-logging",
    ),
    _p(
        "gcp-healthcare-dicom-stream",
        "gcp",
        "gcp:healthcare/dicomStore:*",
        r"streamConfigs\[\]\.bigqueryDestination\.tableUri",
        "target",
        reader="bq-table",
        why="A DICOM store streams the metadata of every instance into the BigQuery table (bq://p.dataset.table).",
        source="https://cloud.google.com/healthcare-api/docs/how-tos/dicom-bigquery-streaming",
    ),
    _p(
        "gcp-vertex-rag-destinations",
        "gcp",
        "gcp:vertex/aiRagCorpus:*",
        r"vectorDbConfig\.(ragEmbeddingModelConfig\.vertexPredictionEndpoint\.endpoint|vertexVectorSearch\.indexEndpoint)",
        "target",
        reader="gcp-ref",
        why="A RAG corpus sends its documents to the embedding model endpoint and stores their vectors in the "
        "vector search index endpoint (projects/{p}/locations/{l}/...).",
        source="https://cloud.google.com/vertex-ai/generative-ai/docs/rag-engine/rag-overview",
    ),
    _p(
        "gcp-eventarc-http",
        "gcp",
        "gcp:eventarc/*",
        r"(destination|destinations\[\])\.httpEndpoint\.uri",
        "target",
        reader="url",
        why="Eventarc delivers each event (with its payload) to the HTTP endpoint.",
        source="https://cloud.google.com/eventarc/docs/overview",
    ),
    _p(
        "gcp-tasks-http",
        "gcp",
        "gcp:cloudtasks/queue:*",
        r"httpTarget\.uriOverride\.host",
        "target",
        reader="url",
        explicit=True,
        why="An HTTP target queue overrides the host of every task, so each task's payload is sent there.",
        source="https://cloud.google.com/tasks/docs/creating-http-target-tasks",
    ),
    _p(
        "gcp-scheduler-http",
        "gcp",
        "gcp:cloudscheduler/job:*",
        r"httpTarget\.uri",
        "target",
        reader="url",
        why="An HTTP job sends its request, with the job's body, to this URI on each run.",
        source="https://cloud.google.com/scheduler/docs/creating",
    ),
    _p(
        "gcp-ssm-webhook",
        "gcp",
        "gcp:securesourcemanager/hook:*",
        r"targetUri",
        "target",
        reader="url",
        why="A Secure Source Manager webhook sends push events (with repository content metadata) to the target URI.",
        source="https://cloud.google.com/secure-source-manager/docs/webhooks-overview",
    ),
    _p(
        "gcp-dialogflow-webhook",
        "gcp",
        "gcp:diagflow/*",
        r"(serviceDirectory\.|fulfillment\.)?genericWebService\.uri",
        "target",
        reader="url",
        why="A Dialogflow webhook or fulfillment receives the end-user's query, session and parameters in each "
        "request.",
        source="https://cloud.google.com/dialogflow/cx/docs/concept/webhook",
    ),
    _p(
        "gcp-agent-tools",
        "gcp",
        "gcp:ces/*",
        r"openApiToolset\.url|remoteA2aAgent\.a2aConfig\.agentCard\.supportedInterfaces\[\]\.url",
        "target",
        reader="url",
        why="A conversational agent sends tool-call arguments taken from the conversation to the OpenAPI tool's "
        "server, and the conversation to a remote A2A agent.",
        source="https://www.pulumi.com/registry/packages/gcp/api-docs/ces/toolset/",
    ),
    _p(
        "gcp-dialogflow-liveperson",
        "gcp",
        "gcp:diagflow/conversationProfile:*",
        r"humanAgentHandoffConfig\.livePersonConfig\.accountNumber",
        "target",
        reader="ref",
        why="Human agent handoff passes the conversation to the LivePerson account, outside the cloud.",
        source="https://cloud.google.com/agent-assist/docs/human-agent-handoff",
    ),
    _p(
        "gcp-bigquery-remote-function",
        "gcp",
        "gcp:bigquery/routine:*",
        r"remoteFunctionOptions\.endpoint",
        "target",
        reader="url",
        why="A remote function sends the rows it is called on to the HTTP endpoint (a Cloud Run or Cloud Functions "
        "URL).",
        source="https://cloud.google.com/bigquery/docs/remote-functions",
    ),
    _p(
        "gcp-goldengate-connection",
        "gcp",
        "gcp:oracledatabase/goldengateConnection:*",
        r"properties\.([a-zA-Z0-9]+ConnectionProperties\.(endpoint|connectionUrl)|"
        r"icebergConnectionProperties\.storage\.[a-zA-Z0-9]+\.endpoint)",
        "target",
        reader="url",
        why="A GoldenGate connection is where GoldenGate replicates data to (or from): Kinesis, S3, Redshift, Azure "
        "Data Lake, Databricks, JMS, Fabric, Snowflake endpoints; outside the cloud unless a stack resource serves "
        "them.",
        source="https://docs.oracle.com/en/cloud/paas/goldengate-service/connections.html",
    ),
    _p(
        "gcp-goldengate-storage",
        "gcp",
        "gcp:oracledatabase/*",
        r"properties\.(azureDataLakeStorageConnectionProperties\.account|icebergConnectionProperties\.storage\."
        r"[a-zA-Z0-9]+\.(bucket|azureAccount)|backupSchedule\.bucket|deploymentDiagnosticData\.bucket)",
        "target",
        reader="gcs-uri",
        why="Replicated data lands in the storage account or bucket of the connection; a deployment writes its "
        "backups and diagnostic data to the named (OCI Object Storage) bucket.",
        source="https://docs.oracle.com/en/cloud/paas/goldengate-service/connections.html",
    ),
    _p(
        "gcp-storage-notification-bucket",
        "gcp",
        "gcp:storage/notification:Notification",
        r"bucket",
        "subject",
        reader="gcs-uri",
        why="A bucket notification publishes a message with each changed object's metadata (name, size, custom "
        "metadata) of the bucket it names, and carries that bucket's regime.",
        source="https://cloud.google.com/storage/docs/pubsub-notifications",
    ),
    _p(
        "gcp-storage-notification-topic",
        "gcp",
        "gcp:storage/notification:Notification",
        r"topic",
        "target",
        reader="gcp-ref",
        explicit=True,
        why="The notification's messages are published to this Pub/Sub topic (projects/{p}/topics/{t}).",
        source="https://cloud.google.com/storage/docs/pubsub-notifications",
    ),
    # Copies: this resource holds a copy of the data named.
    _p(
        "gcp-anywhere-cache-source",
        "gcp",
        "gcp:storage/anywhereCache:*",
        r"bucket",
        "source",
        reader="gcs-uri",
        why="An Anywhere Cache keeps copies of the bucket's objects in its zone.",
        source="https://cloud.google.com/storage/docs/anywhere-cache",
    ),
    _p(
        "gcp-import-from-gcs",
        "gcp",
        "gcp:*",
        r"gcsSource\.uris\[\]",
        "source",
        reader="gcs-uri",
        why="A Memorystore instance or cluster created from RDB backups in Cloud Storage imports their data (for a "
        "cluster, 'the Cloud Storage buckets need to be the same region as the clusters').",
        source="https://www.pulumi.com/registry/packages/gcp/api-docs/redis/cluster/",
    ),
    _p(
        "gcp-pubsub-ingestion-gcs",
        "gcp",
        "gcp:pubsub/topic:Topic",
        r"ingestionDataSourceSettings\.cloudStorage\.bucket",
        "source",
        reader="gcs-uri",
        why="Cloud Storage import ingests the bucket's objects as messages into the topic.",
        source="https://cloud.google.com/pubsub/docs/create-cloud-storage-import-topic",
    ),
    _p(
        "gcp-vertex-copies",
        "gcp",
        "gcp:vertex/*",
        r"bigQuerySource\.uri",
        "source",
        reader="bq-table",
        why="A feature view syncs the BigQuery table or view (bq://...) into the online store.",
        source="https://cloud.google.com/vertex-ai/docs/featurestore/latest/create-featureview",
    ),
    _p(
        "gcp-vertex-index-source",
        "gcp",
        "gcp:vertex/aiIndex:*",
        r"metadata\.contentsDeltaUri",
        "source",
        reader="gcs-uri",
        why="An index is built from the embeddings under this gs:// URI.",
        source="https://cloud.google.com/vertex-ai/docs/vector-search/create-manage-index",
    ),
    _p(
        "gcp-backend-bucket-subject",
        "gcp",
        "gcp:compute/*ackendBucket:*",
        r"bucketName",
        "subject",
        reader="gcs-uri",
        why="A backend bucket serves the named bucket's objects through the load balancer (and caches them when "
        "Cloud CDN is on): it carries the bucket's regime.",
        source="https://cloud.google.com/load-balancing/docs/https/ext-load-balancer-backend-buckets",
    ),
    _p(
        "gcp-cdn-origin",
        "gcp",
        "gcp:networkservices/edgeCacheOrigin:*",
        r"originAddress",
        "subject",
        reader="gcs-uri",
        explicit=True,
        why="A Media CDN origin serves (and its services cache at the edge) the content of the bucket its address "
        "names (gs://bucket).",
        source="https://cloud.google.com/media-cdn/docs/origins",
    ),
    _p(
        "gcp-cdn-origin",
        "gcp",
        "gcp:networkservices/edgeCacheService:*",
        r"routing\.pathMatchers\[\]\.routeRules\[\]\.origin",
        "subject",
        reader="ref",
        explicit=True,
        why="A Media CDN service caches, at edge locations worldwide, the content of the origins its routes name.",
        source="https://cloud.google.com/media-cdn/docs/origins",
    ),
    _p(
        "gcp-spanner-partition",
        "gcp",
        "gcp:spanner/instancePartition:*",
        None,
        "regional",
        why="An instance partition stores part of its instance's databases in the instance configuration it names, "
        "which may be another region than the instance's.",
        source="https://cloud.google.com/spanner/docs/geo-partitioning",
    ),
    _p(
        "gcp-spanner-partition",
        "gcp",
        "gcp:spanner/instancePartition:*",
        r"config",
        "home",
        reader="gcp-config",
        unset="required",
        explicit=True,
        why="The instance configuration (regional-<region> or a multi-region) the partition's data is stored in.",
        source="https://cloud.google.com/spanner/docs/geo-partitioning",
    ),
    _p(
        "gcp-spanner-partition",
        "gcp",
        "gcp:spanner/instancePartition:*",
        r"instance",
        "source",
        reader="ref",
        explicit=True,
        why="The partition holds the rows of its instance's databases that placement puts in it: the instance's "
        "data, kept in the partition's location.",
        source="https://cloud.google.com/spanner/docs/geo-partitioning",
    ),
    _p(
        "gcp-iam-subject",
        "gcp",
        "gcp:storage/bucketIAM*:*",
        r"bucket",
        "subject",
        reader="ref",
        explicit=True,
        why="A bucket IAM grant shares the objects of the bucket it names with its members (allUsers and "
        "allAuthenticatedUsers: everyone).",
        source="https://cloud.google.com/storage/docs/access-control/iam",
    ),
    *[
        _p(
            "gcp-template-image",
            "gcp",
            types,
            r"disks\[\]\.sourceImage",
            "subject",
            reader="ref",
            explicit=True,
            why="An instance template's disks are created from the image it names (a template stores no data; the "
            "instance groups that use it create the copies).",
            source="https://cloud.google.com/compute/docs/instance-templates",
        )
        for types in ("gcp:compute/instanceTemplate:*", "gcp:compute/regionInstanceTemplate:*")
    ],
    *[
        _p(
            "gcp-mig-template",
            "gcp",
            types,
            r"versions\[\]\.instanceTemplate|instanceTemplate",
            "source",
            reader="ref",
            explicit=True,
            why="A managed instance group creates its instances, with disks copied from the template's images, in "
            "its own zone or region.",
            source="https://cloud.google.com/compute/docs/instance-groups",
        )
        for types in ("gcp:compute/instanceGroupManager:*", "gcp:compute/regionInstanceGroupManager:*")
    ],
    _p(
        "gcp-datastream-bq-destination",
        "gcp",
        "gcp:datastream/stream:*",
        r"destinationConfig\.bigqueryDestinationConfig\.singleTargetDataset\.datasetId",
        "target",
        reader="bq-table",
        explicit=True,
        why="A stream writes every table it replicates into this BigQuery dataset (project:dataset).",
        source="https://cloud.google.com/datastream/docs/destinations#bigquery",
    ),
    _p(
        "gcp-kafka-connect-cluster",
        "gcp",
        "gcp:managedkafka/connectCluster:*",
        r"kafkaCluster",
        "source",
        reader="ref",
        explicit=True,
        why="A Connect cluster's connectors read and write the topics of its primary Kafka cluster: it carries that "
        "cluster's data.",
        source="https://cloud.google.com/managed-service-for-apache-kafka/docs/connect-cluster/connect-overview",
    ),
    _p(
        "gcp-kafka-connector-cluster",
        "gcp",
        "gcp:managedkafka/connector:*",
        r"connectCluster",
        "source",
        reader="ref",
        explicit=True,
        why="A connector runs in its Connect cluster and moves the topics of that cluster's Kafka cluster.",
        source="https://cloud.google.com/managed-service-for-apache-kafka/docs/connect-cluster/connect-overview",
    ),
    _p(
        "gcp-kafka-mirror-source",
        "gcp",
        "gcp:managedkafka/connector:*",
        r"configs",
        "source",
        reader="kafka-connect",
        explicit=True,
        why="A MirrorMaker 2 source connector copies the topics of the cluster its configs name as "
        "source.cluster.bootstrap.servers into the Kafka cluster of its Connect cluster, in the connector's location; "
        "a sink connector writes its topics to the bucket, Pub/Sub topic or BigQuery dataset its configs name "
        "(gcs.bucket.name; cps.project and cps.topic; project and defaultDataset), judged as a target.",
        source="https://cloud.google.com/managed-service-for-apache-kafka/docs/connect-cluster/create-mirrormaker-connector",
    ),
    _p(
        "gcp-dlp-job-location",
        "gcp",
        "gcp:dataloss/preventionJobTrigger:*",
        r"parent",
        "home",
        reader="gcp-parent",
        unset="required",
        explicit=True,
        why="A job trigger's jobs run, and process the data they inspect, in the location of its parent "
        "(projects/p/locations/l); a parent without a location is the global location, where Google may process "
        "the data in any region.",
        source="https://cloud.google.com/sensitive-data-protection/docs/specifying-location",
    ),
    _p(
        "gcp-dlp-inspect-subject",
        "gcp",
        "gcp:dataloss/preventionJobTrigger:*",
        r"inspectJob\.storageConfig\.cloudStorageOptions\.fileSet\.url",
        "subject",
        reader="gcs-uri",
        why="An inspection job reads the files under this gs:// URL and carries their data to its findings.",
        source="https://cloud.google.com/sensitive-data-protection/docs/inspecting-storage",
    ),
    # Not destinations: what these name does not receive the resource's data.
    *_gcp_none(
        "gcp-dest-iam",
        r"endpoint|endpointId|bucket|billingAccountId",
        "On an IAM member, binding or policy the value names the resource access is granted on.",
        "https://cloud.google.com/iam/docs/overview",
        types="gcp:*:*I[Aa][Mm]*",
    ),
    *_gcp_none(
        "gcp-dest-identity",
        r"[a-zA-Z]*[Ss]erviceAccount[a-zA-Z]*|serviceAccounts|useProjectServiceAccount",
        "Service accounts are identities: who a resource runs as or who may access it.",
        "https://cloud.google.com/iam/docs/service-account-overview",
    ),
    *_gcp_none(
        "gcp-dest-billing",
        r"billingAccount|billingAccountId|masterBillingAccount",
        "A billing account pays for usage; no data goes there.",
        "https://cloud.google.com/billing/docs/concepts",
    ),
    *_gcp_none(
        "gcp-dest-principal",
        r"accountId|remoteAccountId|businessAccountId|accountConnectorId|accountConnector|customAccount|googleAccount|"
        r"loginUrl|accountNumber|accountKeySecret|workspaceCustomerId",
        "Account IDs used for trust and permissions (workload identity, peering, connectors, login credentials), "
        "account secrets, and source tenants a feed reads from.",
        "https://cloud.google.com/iam/docs/workload-identity-federation",
    ),
    *_gcp_none(
        "gcp-dest-read-sources",
        r"s3Uri|azureUri|bucketUri|pollServiceUri|endpoint|apiEndpoint|sourceUris|sourceUriPrefix|"
        r"referenceFileSchemaUri|inputUri|listUrl|bucketName|storageAccount|uri|url|contextUrls|serverUrl|"
        r"workspace[A-Z][a-zA-Z]*Settings",
        "Sources the resource reads or ingests from (Google SecOps feeds, transfer sources outside Google Cloud, "
        "external table files, federated connections, BigQuery feature sources, DLP dictionaries, sitemaps and web "
        "pages a search app or tool grounds on, MCP data sources): their data comes in and is judged where it lands.",
        "https://cloud.google.com/chronicle/docs/administration/feed-management",
        types="gcp:chronicle/feed:* gcp:storage/transferJob:* gcp:bigquery/table:Table gcp:bigquery/connection:* "
        "gcp:vertex/aiFeatureGroup:* gcp:dataloss/preventionStoredInfoType:* gcp:ces/tool:* gcp:agenticapplications/* "
        "gcp:discoveryengine/sitemap:*",
    ),
    *_gcp_none(
        "gcp-dest-code",
        r"jarFileUris|fileUris|archiveUris|pythonFileUris|pyFileUris|jarUris|mainJarFileUri|mainPythonFileUri|"
        r"mainRFileUri|mainFileUri|queryFileUri|resourceUri|imageUri|baseImageUri|sourceUrl|sourceArchiveBucket|"
        r"policyUri|nodeGroupUri|krb5ConfigGcsUri|kmsKeyUri|rootPrincipalPasswordUri|crossRealmTrustSharedPasswordUri|"
        r"kdcDbKeyUri|keyPasswordUri|keystorePasswordUri|keystoreUri|truststorePasswordUri|truststoreUri|"
        r"gcpSecretManagerSecretUri|gcsUri|templateUri|postStartupScriptUrl|pluginConfigUri|dependencyFilesGcsUri|"
        r"pickleObjectGcsUri|requirementsGcsUri|metadataSchemaUri|importUriPrefix|matchingUriPrefix|remoteUri|"
        r"cloneUri|hostUri|workspace|repositoryUri|baseUrl|gitFileSource\.uri|sourceToBuild\.uri|"
        r"sourceRepository\.url|storageSource\.bucket|cloudStorageSource\.bucket|gcsNotebookSource\.uri|"
        r"overlays\[\]\.image\.uri|whistleConfigSource\.uri|remote\.uri|apt\.uri|goo\.url|artifactConfigs\[\]\.uri|"
        r"codebase\.uri|gcs\.bucket|gcsObject\.bucket|customRepository\.uri|commonRepository\.uri|"
        r"gitRemoteSettings\.url",
        "Code, scripts, images, secrets and configuration the resource reads (job files, init scripts, container "
        "images, keystores, package and git repositories, source archives, metric specifications): where it reads "
        "from, not where it sends its data.",
        "https://cloud.google.com/dataproc/docs/reference/rest/v1/projects.regions.jobs",
        types="gcp:dataproc/* gcp:dataplex/* gcp:bigquery/routine:* gcp:bigquery/job:* gcp:container/* "
        "gcp:colab/* gcp:networkservices/wasmPlugin:* gcp:vertex/aiReasoningEngine:* gcp:vertex/aiEvaluationMetric:* "
        "gcp:vertex/aiEndpointWithModelGardenDeployment:* gcp:vertex/aiDataset:* gcp:healthcare/pipelineJob:* "
        "gcp:cloudrunv2/* gcp:cloudfunctions/* gcp:cloudfunctionsv2/* gcp:cloudbuild/* gcp:cloudbuildv2/* "
        "gcp:developerconnect/* gcp:dataform/* gcp:appengine/* gcp:firebase/appHostingBuild:* gcp:osconfig/* "
        "gcp:artifactregistry/* gcp:diagflow/cxAgent:* gcp:ces/app:* gcp:transcoder/*",
    ),
    *_gcp_none(
        "gcp-dest-own-endpoint",
        r"httpsTriggerUrl|deployedUrl|gcfUri|airflowUri|ociUrl|ociUri|connectionUrls|apexUri|databaseTransformsUri|"
        r"graphStudioUri|machineLearningNotebookUri|machineLearningUserManagementUri|mongoDbUri|ordsUri|sqlDevWebUri|"
        r"sqlWebDeveloperUrl|deploymentUrl|workstationAuthorizationUrl|workstationLaunchUrl|instanceUri|"
        r"privateEndpoint|privateEndpointIp|privateEndpointLabel|publicEndpoint|enablePrivateEndpoint|"
        r"privateEndpointSubnetwork|privateEndpointEnforcementEnabled|defaultUriDisabled|dedicatedEndpointEnabled|"
        r"dedicatedServingEndpoint|publicEndpointDomainName|publicEndpointEnabled|dedicatedIngressEndpointEnabled|"
        r"endpointConfig|endpointDisplayName|controlPlaneEndpointsConfig|dnsEndpointConfig|ipEndpointsConfig|"
        r"endpointSpec|userDefinedAccessUrls|aiaIssuingCertificateUrls|crlAccessUrls|endpointsApiService|"
        r"apiConfig\.url|serviceConfig\.uri|traffics\[\]\.url|interfaces\[\]\.url|dnsEndpointConfig\.endpoint|"
        r"multipleEndpoints|endpointGlobalAccess|psaWriteEndpoint|writeEndpointAutoDnsStatus|"
        r"pscWriteEndpointDnsEnabled|desiredAutoCreatedEndpoints|desiredUserCreatedEndpoints|clusterEndpoints|"
        r"additionalEndpoints|beaconApiEndpoint|beaconPrometheusMetricsApiEndpoint|"
        r"executionClientPrometheusMetricsApiEndpoint|endpointId|endpointAttachmentId|instanceGroupUrls|"
        r"managedInstanceGroupUrls|channelUri|serviceUri|hostingService|lookerServiceAttachmentUri|"
        r"targetServiceAttachmentUri|serviceAttachmentUri|endpointProtocol|consumers\[\]\.endpointUri",
        "The resource's own endpoints, URLs and consoles (where it is reached or published), endpoint switches, "
        "and the attachments through which clients reach it: no data of it goes there.",
        "https://cloud.google.com/vpc/docs/private-service-connect",
        types="gcp:cloudfunctions/* gcp:cloudfunctionsv2/* gcp:cloudrun/* gcp:cloudrunv2/* gcp:composer/* "
        "gcp:oracledatabase/* gcp:workstations/* gcp:chronicle/environment:* gcp:container/* gcp:vertex/* "
        "gcp:agentregistry/* gcp:certificateauthority/* gcp:appengine/* gcp:netapp/* gcp:integrationconnectors/* "
        "gcp:sql/* gcp:memorystore/* gcp:redis/* gcp:blockchainnodeengine/* gcp:servicedirectory/* gcp:apigee/* "
        "gcp:apihub/plugin:* gcp:looker/* gcp:dataproc/* gcp:workstations/*",
    ),
    *_gcp_none(
        "gcp-dest-network",
        r"pscEndpoint|networkUrl|networkUri|subnetworkUri|urlMap|urlRewrite|urlRedirect|defaultUrlRedirect|urlMask|"
        r"networkEndpoint|networkEndpointGroup|globalNetworkEndpointGroup|networkEndpoints|networkEndpointType|"
        r"endpointTypes|ipv6EndpointType|tunnelEndpointIpAddress|endpointMatchers|endpointMatcher|externalEndpoints|"
        r"endpoints|endpoint|maxConnectionsPerEndpoint|maxInFlightRequestsPerEndpoint|maxRatePerEndpoint|"
        r"natIpsPerEndpoint|enableEndpointIndependentMapping|endpointUrl|mirroringEndpointGroup|"
        r"mirroringEndpointGroupId|mirroringEndpointGroupType|mirroringEndpointId|"
        r"mirroringEndpointGroupAssociationId|interceptEndpointGroup|interceptEndpointGroupId|"
        r"interceptEndpointGroupAssociationId|firewallEndpoint|endpointSettings|grpcEndpoint|targetUri|proxyUrl|"
        r"proxy\.ur[il]|forwardProxyUri|namespaceUrl|endpointProject|uris|endpointFilter|endpointControlPolicy|"
        r"certificateUrls|networkAttachmentUri|url|configTypeUrl|expectedOutputUrl|dnsEndpoint|resourceUri|"
        r"linkedVpcNetwork\.uri|(appEngineVersion|cloudFunction|cloudRunRevision)\.uri|"
        r"externalManagedBackendBucketMigrationState|externalManagedBackendBucketMigrationTestingPercentage|"
        r"signedUrlCacheMaxAgeSec",
        "Network paths and routing (Private Service Connect, VPCs, URL maps and rewrites, network endpoint groups, "
        "NAT, DNS targets, TLS certificate providers, proxies, connectivity tests, traffic mirroring and "
        "interception inside the network): they route or inspect traffic, they do not store the resource's data. "
        "Packet mirroring requires its collector in the region of the mirrored sources.",
        "https://cloud.google.com/vpc/docs/packet-mirroring",
        types="gcp:accesscontextmanager/* gcp:compute/* gcp:dns/* gcp:networksecurity/* gcp:networkservices/* "
        "gcp:networkconnectivity/* gcp:networkmanagement/* gcp:beyondcorp/* gcp:clouddeploy/* gcp:gkeonprem/* "
        "gcp:apigee/environment:* gcp:filestore/* gcp:kms/ekmConnection:* gcp:ces/securitySettings:* "
        "gcp:gkehub/membership:* gcp:sql/* gcp:vertex/aiSemanticGovernancePolicyEngine:* gcp:dataproc/*",
    ),
    *_gcp_none(
        "gcp-dest-parent",
        r"bucket|bucketId|bucketName|backendBucket|bucketList|buckets|bucketPrefix|indexEndpoint",
        "The bucket, log bucket, observability bucket or index endpoint the resource belongs to or acts on in place "
        "(objects, folders, ACLs, notifications' source, log views and linked datasets, batch operations, SFTP "
        "mappings, signed URL keys, a deployed index): the data stays there, which is judged itself; a bucket's own "
        "ID is its identity.",
        "https://cloud.google.com/storage/docs/buckets",
        types="gcp:storage/bucketACL:* gcp:storage/bucketAccessControl:* gcp:storage/bucketObject:* "
        "gcp:storage/defaultObject*:* gcp:storage/folder:* gcp:storage/managedFolder:* "
        "gcp:storage/objectACL:* gcp:storage/objectAccessControl:* gcp:storage/batchOperationsJob:* "
        "gcp:storage/ftpUser:* gcp:logging/* gcp:observability/* gcp:firebase/storageBucket:* "
        "gcp:compute/backendBucketSignedUrlKey:* gcp:vertex/aiIndexEndpointDeployedIndex:*",
    ),
    *_gcp_none(
        "gcp-dest-filters",
        r"excludedUris|permittedUris|uris|requestUris|urlFilteringProfile|urlFilters|urls|maliciousUriFilterSettings|"
        r"startingUrls|providedUriPattern|bucketOptions|explicitBuckets|exponentialBuckets|linearBuckets|"
        r"numFiniteBuckets|bucketCols|numBuckets|excludedCloudStorageBuckets|includedCloudStorageBuckets|"
        r"bucketIdRegexes|excludeCloudStorageBuckets|includeCloudStorageBuckets|cloudStorageBuckets|"
        r"bucketPrefixRegex|includeNewlyCreatedBuckets|bucketName|includedBucketAttributes|amazonS3Bucket|"
        r"amazonS3BucketConditions|bucketTypes|logBuckets|observabilityBuckets|urlRegex|uniformBucketLevelAccess|"
        r"uriOverride|uriOverrideEnforceMode|httpEndpoint|existingBucket|newBucket|newBucket\.bucket|"
        r"relatedUrls|relatedUrls\[\]\.url|resourceUri|workspaceCompilationOverrides|externalKeyUri|catalog\.[a-zA-Z]+\.uri|"
        r"jndiProviderUrl|kafkaSchemaRegistryConnectionProperties\.url|endpointMatcher|storageResources\[\]\.buckets|"
        r"vertexPredictionEndpoint",
        "Matching rules and scopes (certificate name constraints and SANs, WAF exclusions, URL filters, the pages a "
        "scanner crawls, which buckets an intelligence, insights, discovery or anomaly config covers or excludes, "
        "histogram and hash buckets), access switches, containers whose destination child is classified "
        "separately, the bucket a new cluster creates for itself, references (related links, the artifact an "
        "occurrence describes, external key URIs, Dataform compilation overrides), and schema and catalog servers "
        "that hold metadata only.",
        "https://cloud.google.com/certificate-authority-service/docs/certificate-profile",
        types="gcp:certificateauthority/* gcp:compute/* gcp:networksecurity/* gcp:modelarmor/* gcp:discoveryengine/* "
        "gcp:logging/metric:* gcp:biglake/* gcp:storage/* gcp:dataloss/preventionDiscoveryConfig:* "
        "gcp:vertex/aiAgentAnomalyDetectionScope:* gcp:appengine/* gcp:cloudtasks/* gcp:eventarc/* "
        "gcp:hypercomputecluster/* gcp:containeranalysis/* gcp:dataform/* gcp:kms/* "
        "gcp:oracledatabase/goldengateConnection:* gcp:vertex/aiRagCorpus:*",
    ),
    *_gcp_none(
        "gcp-dest-display",
        r"url|avatarUri|audioUri|thumbnailUrl|imageUri|uri|redirectUri|externalUri|links",
        "Links and media shown or played to users (documentation links, avatars, icons, logos, audio prompts, "
        "promoted links, search redirects, a hosting domain's redirect): the resource's data is not sent there.",
        "https://cloud.google.com/monitoring/alerts/doc-variables",
        types="gcp:monitoring/* gcp:diagflow/* gcp:ces/* gcp:discoveryengine/* gcp:apihub/plugin:* gcp:firebase/*",
    ),
    *_gcp_none(
        "gcp-dest-auth",
        r"tokenEndpoint|authEndpoint|tokenUrl|tokenUri|authUri|authorizationUrl|redirectUrl|redirectUri|"
        r"allowedRedirectUris|continueUri|defaultContinueUri|callbackUri|callbackUrl|issuerUri|issuerUrl|ssoUrl|"
        r"loginPageUri|accessDeniedPageUri|generateTroubleshootingUri|refreshUri|oauthTokenUrl|installationUri",
        "OAuth, OIDC and SAML endpoints and redirects: where credentials are obtained or users are sent to sign in.",
        "https://cloud.google.com/identity-platform/docs/web/oidc",
    ),
    _p(
        "gcp-dest-ca-publish",
        "gcp",
        "gcp:certificateauthority/authority:*",
        r"gcsBucket",
        "none",
        why="A CA publishes its CA certificate and CRLs (public material, no customer data) to this bucket.",
        source="https://cloud.google.com/certificate-authority-service/docs/ca-pool-settings",
    ),
    _p(
        "gcp-dest-scheduler-appengine",
        "gcp",
        "gcp:cloudscheduler/job:*",
        r"appEngineHttpTarget\.relativeUri",
        "none",
        why="A path on the project's own App Engine application, which is judged where it is located.",
        source="https://cloud.google.com/scheduler/docs/creating",
    ),
    _p(
        "gcp-dest-apihub-curation",
        "gcp",
        "gcp:apihub/curation:*",
        r"endpoint(\.applicationIntegrationEndpointDetails(\.uri)?)?",
        "none",
        why="A curation sends API Hub metadata (API specs and attributes, not customer data) to an Application "
        "Integration workflow that enriches it.",
        source="https://cloud.google.com/apigee/docs/apihub/curations",
    ),
    _p(
        "gcp-dest-blockchain-relays",
        "gcp",
        "gcp:blockchainnodeengine/*",
        r"ethereumDetails\.validatorConfig\.mevRelayUrls\[\]",
        "none",
        why="MEV relays receive block proposals of a public blockchain, whose data is public.",
        source="https://cloud.google.com/blockchain-node-engine/docs/overview",
    ),
    _p(
        "gcp-dest-gemini-tools",
        "gcp",
        "gcp:gemini/codeToolsSetting:*",
        r"enabledTools\[\]\.(accountConnector|uriOverride)",
        "none",
        why="A code tools setting enables tools for developers' Gemini Code Assist sessions: the account connector "
        "and URI override name the tool's integration, not a place for the project's stored data.",
        source="https://www.pulumi.com/registry/packages/gcp/api-docs/gemini/codetoolssetting/",
    ),
    # Labels nested in properties.
    _p(
        "gcp-labels-nested",
        "gcp",
        "gcp:*",
        r"settings\.userLabels|nodeConfig\.resourceLabels|metadata\.labels",
        "labels",
        why="Cloud SQL settings.userLabels, node pools' resource labels and Cloud Run v1 metadata.labels are "
        "the resource's GCP labels.",
        source="https://cloud.google.com/resource-manager/docs/labels-overview",
    ),
    _p(
        "gcp-none-nested-labels",
        "gcp",
        "gcp:*",
        r".+\.(labels|tags|userLabels|resourceLabels)(\[\])?",
        "none",
        why="Other nested labels belong to launched VMs, Kubernetes nodes, requests or filters.",
        source="https://cloud.google.com/resource-manager/docs/labels-overview",
    ),
    # Inside the home location.
    _p(
        "gcp-within",
        "gcp",
        "gcp:*",
        r"(.*\.)?(nodeLocations\[\]|nodeLocation|replicaZones\[\]|replicaZone|distributionPolicyZones\[\]|zones\[\]|"
        r"alternativeLocationId|locationPreference|preferredZone|secondaryZone|gceZone|zoneDistributionConfig|"
        r"locationPolicy|autoProvisioningLocations\[\]|gcpOracleZone|dataplexZone|allowChangingZone|locationHint|"
        r"nextHopInstanceZone|azureAvailabilityZone|replicaPlacements\[\])",
        "within",
        why="Zones and zone preferences inside the resource's region.",
        source="https://cloud.google.com/compute/docs/regions-zones",
    ),
    _p(
        "gcp-iam-location",
        "gcp",
        "gcp:*:*I[Aa][Mm]*",
        r"location|region|zone",
        "none",
        why="On an IAM member, binding or policy the location names the resource access is granted on.",
        source="https://cloud.google.com/iam/docs/overview",
    ),
    # The resource's own location.
    _p(
        "gcp-location",
        "gcp",
        "gcp:*",
        r"location|region|zone",
        "home",
        reader="location",
        unset="provider",
        why="The resource's location, region or zone (documented pattern: the provider's region or zone when unset).",
        source=GCP_TF,
    ),
    _p(
        "gcp-none",
        "gcp",
        "gcp:*",
        r"(?i)(.*\.)?[a-zA-Z]*([Tt]ime[Zz]one|[Dd]nsZone|managedZone|RegionCodes|regionCodes|[Rr]eplicas?Count|"
        r"[Mm]inReplicas|[Mm]axReplicas|ScaledDownReplicas|ScaledInReplicas|RequiredReplicas|failover|Failover|"
        r"persistence|Persistence|partner|Partner|destinationRanges|destinationIpRanges|destinationPorts|"
        r"destinationPath|destinationPhase|destinationTargetId|destinationFormat|destinationEncryption|"
        r"destinationTable|destinationUris|destinationUri|destinationConfigs|destinationConfig|destinations|"
        r"Destination|destination|requestLocation|locationUri|LocationUri|locationSelector|includedLocations|"
        r"locationRolloutStatuses|locationName|locationScope|maxConcurrent|regions|Region|region|zone|Zone|"
        r"location|Location|locations|Locations|replicas|replicaSet|replicaState|effectiveReplicas|replicaLocations|"
        r"replicationSchedule|replication|Replication|replicationFactor|replicationIntervalMs|replicationSlot|"
        r"replicationEnabled|replicationCluster|replicaNames|replicaConfiguration|drReplica|cascadableReplica|"
        r"failoverTarget|redundancyType|[Rr]edundancy|geoSpec|GeoJson|GeoFencing|KeyPair|Persistence|"
        r"multiRegionSettings|multiRegionId|singleRegionKeys|deleteDestinationVolume|desiredReplicaState|"
        r"initialReplication|hybridReplication[a-zA-Z]*|allowCrossRegion|Regions|regionPreferences|remoteLocation|"
        r"bgpInterRegionCost|sourceRegions|selectedRegions|storageLocation|defaultStorageLocation|partnerMetadata|"
        r"[a-zA-Z]*Location[a-zA-Z]*|ec2KeyPair|regionCode|RegionBackendService|RegionNetworkEndpointGroup|"
        r"RegionInstanceGroupManager|forwardingRuleRegionServiceName|destinationProject|destinationDataset|"
        r"destinationPubsubSubscription|tableReplicationInfo|timeZoneSettings|destinationConnectionProfile|"
        r"destinationVolumeParameters)[a-zA-Z]*(\[\])?",
        "none",
        why="Reviewed: routing, scaling, request filters, geo rules on traffic, locations of other things (the "
        "parent or peer a resource refers to, code, staging and temp files), and containers whose placing child "
        "is classified separately.",
        source=GCP_LOCATIONS,
    ),
]


def _types(
    id_: str, package: str, globs: str, role: str, why: str, source: str, home: bool | None = False
) -> list[Pattern]:
    """One type pattern per glob (space-separated), all with the same classification."""
    return [_p(f"{id_}", package, glob, None, role, why=why, source=source, home=home) for glob in globs.split()]


GCP_TYPES: list[Pattern] = [
    *_types(
        "gcp-gemini-settings",
        "gcp",
        "gcp:gemini/dataSharingWithGoogleSetting* gcp:gemini/loggingSetting* gcp:gemini/releaseChannelSetting* "
        "gcp:gemini/geminiGcpEnablementSetting*",
        "global",
        "Gemini for Google Cloud admin settings and their bindings to projects (in the global location only) keep no "
        "data; what a setting turns on (data sharing with Google, prompt logging) is judged by its own rows.",
        "https://cloud.google.com/gemini/docs/admin-settings-console",
        home=None,
    ),
    _p(
        "gcp-machine-image",
        "gcp",
        "gcp:compute/machineImage:MachineImage",
        None,
        "regional",
        reader="nearest-multiregion",
        home=None,
        why="A machine image has no storage location input in the provider (google_compute_machine_image), so it is "
        "stored where Compute Engine stores it by default: the multi-region nearest its source instance.",
        source="https://cloud.google.com/compute/docs/machine-images#storage_location",
    ),
    *_types(
        "gcp-iam",
        "gcp",
        "gcp:*:*I[Aa][Mm]* gcp:iam/* gcp:serviceaccount/* gcp:cloudidentity/*",
        "global",
        "IAM members, bindings, policies, roles, service accounts and identity pools grant access; they keep "
        "no customer data.",
        "https://cloud.google.com/iam/docs/overview",
        home=None,
    ),
    *_types(
        "gcp-unplaceable-edge",
        "gcp",
        "gcp:networkservices/edgeCache* gcp:firebase/hosting*",
        "unplaceable",
        "Media CDN and Firebase Hosting serve and cache content at Google's edge locations worldwide.",
        "https://cloud.google.com/media-cdn/docs/overview",
        home=None,
    ),
    *_types(
        "gcp-unplaceable-undisclosed",
        "gcp",
        "gcp:sourcerepo/repository:* gcp:runtimeconfig/* gcp:parametermanager/parameter:* "
        "gcp:parametermanager/parameterVersion:* gcp:identityplatform/* gcp:diagflow/agent:* "
        "gcp:containeranalysis/*",
        "unplaceable",
        "Stores content without a location setting (source code, runtime config values, global parameters, "
        "Identity Platform users, Dialogflow ES global agents, artifact analysis notes): the location is global "
        "or not disclosed.",
        GCP_LOCATIONS,
    ),
    *_types(
        "gcp-child",
        "gcp",
        "gcp:sql/* gcp:bigquery/* gcp:bigtable/* gcp:spanner/* gcp:firestore/* gcp:kms/cryptoKey* "
        "gcp:kms/secretCiphertext:* gcp:kms/keyRingImportJob:* gcp:storage/bucketObject:* gcp:storage/*ACL:* "
        "gcp:storage/*AccessControl:* gcp:storage/folder:* gcp:storage/managedFolder:* gcp:storage/notification:* "
        "gcp:storage/batchOperationsJob:* gcp:secretmanager/* gcp:pubsub/subscription:* gcp:healthcare/* "
        "gcp:apigee/* gcp:appengine/* gcp:datacatalog/* gcp:vertex/* gcp:biglake/* gcp:vmwareengine/* "
        "gcp:servicedirectory/* gcp:diagflow/* gcp:alloydb/* gcp:firebase/storageBucket:* gcp:activedirectory/* "
        "gcp:parametermanager/regionalParameterVersion:*",
        "child",
        "A nested resource (table, database, user, key, object, version, subscription, ...) whose data lives in "
        "its parent resource, which has the location and is judged itself.",
        GCP_LOCATIONS,
    ),
    *_types(
        "gcp-global",
        "gcp",
        "gcp:accesscontextmanager/* gcp:billing/* gcp:organizations/* gcp:projects/* gcp:folder/* "
        "gcp:resourcemanager/* gcp:orgpolicy/* gcp:tags/* gcp:essentialcontacts/* gcp:siteverification/* "
        "gcp:serviceusage/* gcp:cloudquota/* gcp:binaryauthorization/* gcp:monitoring/* gcp:securitycenter/* "
        "gcp:cloudasset/* gcp:dataloss/* gcp:deploymentmanager/* gcp:recaptcha/* gcp:dns/* gcp:compute/* "
        "gcp:networkconnectivity/* gcp:networkservices/* gcp:networksecurity/* gcp:networkmanagement/* "
        "gcp:servicenetworking/* gcp:iap/* gcp:endpoints/* gcp:apigateway/* gcp:certificatemanager/* "
        "gcp:gkehub/* gcp:apphub/* gcp:osconfig/* gcp:oslogin/* gcp:integrationconnectors/* gcp:cloudsupport/* "
        "gcp:firebaserules/* gcp:firebase/* gcp:storage/* gcp:kms/* gcp:logging/* gcp:beyondcorp/* "
        "gcp:pubsub/schema:* gcp:parametermanager/template:*",
        "global",
        "Global configuration without stored customer data: organization and project structure, policies, "
        "networking, load balancing, DNS, monitoring and security configuration, log routing (the sink's "
        "destination is classified as a target), transfer jobs (their sink is a target).",
        GCP_LOCATIONS,
    ),
    _p(
        "gcp-regional",
        "gcp",
        "gcp:*",
        None,
        "regional",
        home=True,
        why="Types with a location, region or zone keep their data there (documented pattern).",
        source=GCP_TF,
    ),
]
AZ_PAIRS = "https://learn.microsoft.com/en-us/azure/reliability/cross-region-replication-azure"
AZ_LOCATION = "https://github.com/pulumi/pulumi-azure-native/issues/66"

AZURE: list[Pattern] = [
    _p(
        "az-app-gateway-backend",
        "azure-native",
        "azure-native:network:ApplicationGateway",
        r"backendAddressPools\[\]\.backendAddresses\[\]\.fqdn",
        "target",
        reader="url",
        explicit=True,
        why="The gateway forwards each request (body included) to the members of its backend pools; a member named "
        "by host is placed by the stack resource that serves it, else it is outside the cloud.",
        source="https://learn.microsoft.com/azure/application-gateway/application-gateway-components#backend-pools",
    ),
    _p(
        "az-hybrid-connection-host",
        "azure-native",
        "azure-native:web:WebAppHybridConnection",
        r"hostname",
        "target",
        reader="url",
        explicit=True,
        why="A hybrid connection lets the app send requests to this host:port, on premises or in another network, "
        "through an Azure Relay.",
        source="https://learn.microsoft.com/azure/app-service/app-service-hybrid-connections",
    ),
    *[
        _p(
            id_,
            "azure-native",
            types,
            path,
            "target",
            reader=reader,
            explicit=True,
            why=why,
            source=source,
        )
        for id_, types, path, reader, why, source in (
            (
                "az-sql-alert-email",
                "azure-native:sql:*SecurityAlertPolicy",
                r"emailAddresses\[\]",
                "endpoint",
                "Threat detection alerts, which describe the suspicious activity (the statement, the client, the "
                "database), are mailed to these addresses.",
                "https://learn.microsoft.com/azure/azure-sql/database/threat-detection-configure",
            ),
            (
                "az-sql-vulnerability-results",
                "azure-native:sql:*VulnerabilityAssessment",
                r"storageContainerPath",
                "url",
                "Vulnerability assessment scan results (which include query results from the database) are written "
                "to this storage container.",
                "https://learn.microsoft.com/azure/azure-sql/database/sql-vulnerability-assessment-storage",
            ),
        )
    ],
    *[
        _p(
            "az-lighthouse-scope",
            "azure-native",
            types,
            r"scope",
            "subject",
            reader="ref",
            explicit=True,
            why="A Lighthouse registration delegates the scope it names (a subscription or resource group) and its "
            "resources' data.",
            source="https://learn.microsoft.com/azure/lighthouse/concepts/architecture",
        )
        for types in (
            "azure-native:managedservices:RegistrationDefinition",
            "azure-native:managedservices:RegistrationAssignment",
        )
    ],
    _p(
        "az-lighthouse-tenant",
        "azure-native",
        "azure-native:managedservices:RegistrationDefinition",
        r"properties\.managedByTenantId",
        "copy",
        reader="on-premises",
        explicit=True,
        why="Lighthouse delegates the scope to users of another Microsoft Entra tenant (the managing tenant is never "
        "the customer's own), who act on its resources and read their data from outside the organisation.",
        source="https://learn.microsoft.com/azure/lighthouse/overview",
    ),
    *[
        _p(
            "az-apim-backend",
            "azure-native",
            types,
            path,
            "target",
            reader="url",
            explicit=True,
            why="API Management forwards each request (body included) to the backend service an API or a backend "
            "names, as an AWS API Gateway integration forwards to its backend: the request's data goes there.",
            source="https://learn.microsoft.com/azure/api-management/backends",
        )
        for types, path in (
            ("azure-native:apimanagement:Backend", r"url"),
            ("azure-native:apimanagement:Api", r"serviceUrl"),
        )
    ],
    _p(
        "az-cdn-endpoint-origin",
        "azure-native",
        "azure-native:cdn:Endpoint",
        r"origins\[\]\.hostName",
        "subject",
        reader="url",
        explicit=True,
        why="A CDN endpoint serves, and caches at its edge locations, the content of the origins it names by host.",
        source="https://learn.microsoft.com/azure/cdn/cdn-create-endpoint-how-to",
    ),
    _p(
        "az-file-sync-server",
        "azure-native",
        "azure-native:storagesync:ServerEndpoint",
        r"serverResourceId",
        "copy",
        reader="on-premises",
        explicit=True,
        why="A server endpoint syncs the sync group's Azure file share to a folder on a registered Windows Server, "
        "which runs wherever it was installed (on premises, another cloud): a full copy outside Azure's regions.",
        source="https://learn.microsoft.com/azure/storage/file-sync/file-sync-server-endpoint-create",
    ),
    _p(
        "az-ai-connection-target",
        "azure-native",
        "azure-native:cognitiveservices:*Connection",
        r"properties\.target",
        "target",
        reader="url",
        explicit=True,
        why="A Foundry connection's target is the endpoint the account's agents and tools send their requests (the "
        "prompts, files and queries) to: a resource of the stack (AI Search, Azure OpenAI, a storage account) or a "
        "service outside the cloud (Grounding with Bing Search sends data outside the Azure compliance boundary).",
        source="https://learn.microsoft.com/azure/ai-foundry/agents/how-to/tools/bing-grounding",
    ),
    _p(
        "az-ml-connection-target",
        "azure-native",
        "azure-native:machinelearningservices:WorkspaceConnection",
        r"properties\.target",
        "target",
        reader="url",
        explicit=True,
        why="A workspace connection's target is the endpoint the workspace's jobs, prompt flows and agents send data "
        "to.",
        source="https://learn.microsoft.com/azure/machine-learning/how-to-connection",
    ),
    _p(
        "az-logic-managed-api",
        "azure-native",
        "azure-native:web:Connection",
        r"properties\.api\.id",
        "copy",
        reader="saas-connector",
        explicit=True,
        why="An API connection is how a Logic App reaches the managed connector its api ID names: an Azure service "
        "connector (Blob Storage, Service Bus, SQL, ...) reaches a resource the connection's parameters name; any "
        "other (Dropbox, Salesforce, Gmail, Office 365, ...) sends the data to a service outside Azure's regions.",
        source="https://learn.microsoft.com/azure/connectors/managed",
    ),
    _p(
        "az-security-partner",
        "azure-native",
        "azure-native:network:SecurityPartnerProvider",
        r"securityProviderName",
        "copy",
        reader="saas-connector",
        explicit=True,
        why="A security partner provider sends a Virtual WAN hub's internet traffic through the partner's cloud "
        "(Zscaler, iboss, Check Point) for inspection: outside Azure's regions.",
        source="https://learn.microsoft.com/azure/firewall-manager/trusted-security-partners",
    ),
    _p(
        "az-ml-datastore-account",
        "azure-native",
        "azure-native:machinelearningservices:Datastore",
        r"properties\.accountName",
        "target",
        reader="ref",
        explicit=True,
        why="A datastore points the workspace's jobs at the storage account named: they read their data there and "
        "write their outputs there.",
        source="https://learn.microsoft.com/azure/machine-learning/how-to-datastore",
    ),
    _p(
        "az-private-endpoint-service",
        "azure-native",
        "azure-native:network:PrivateEndpoint",
        r"(manualPrivateLinkServiceConnections|privateLinkServiceConnections)\[\]\.privateLinkServiceId",
        "target",
        reader="ref",
        explicit=True,
        why="A private endpoint connects the network to the resource or Private Link service named: what the clients "
        "in the network send goes there (another organization's service, if it is theirs).",
        source="https://learn.microsoft.com/azure/private-link/private-endpoint-overview",
    ),
    _p(
        "az-apim-external-cache",
        "azure-native",
        "azure-native:apimanagement:Cache",
        r"connectionString",
        "target",
        reader="connection",
        explicit=True,
        why="An external cache keeps the API responses the gateway caches in the Redis-compatible cache its "
        "connection string names (host:port,password=...): a cache of the stack by its host name, else a place "
        "that cannot be checked.",
        source="https://learn.microsoft.com/azure/api-management/api-management-howto-cache-external",
    ),
    _p(
        "az-appinsights-continuous-export",
        "azure-native",
        "azure-native:applicationinsights:ExportConfiguration",
        r"destinationAccountId",
        "target",
        reader="ref",
        explicit=True,
        why="Continuous export writes the component's telemetry to the storage account named.",
        source="https://learn.microsoft.com/rest/api/application-insights/export-configurations/create",
    ),
    _p(
        "az-appinsights-continuous-export-url",
        "azure-native",
        "azure-native:applicationinsights:ExportConfiguration",
        r"destinationAddress",
        "target",
        reader="url",
        explicit=True,
        why="Continuous export writes the telemetry to the storage container this SAS URL names.",
        source="https://learn.microsoft.com/rest/api/application-insights/export-configurations/create",
    ),
    _p(
        "az-resource-mover-target",
        "azure-native",
        "azure-native:migrate:MoveCollection",
        r"properties\.targetRegion",
        "copy",
        reader="location",
        explicit=True,
        why="Resource Mover moves the collection's resources, and their data, to the target region.",
        source="https://learn.microsoft.com/azure/resource-mover/overview",
    ),
    _p(
        "az-site-recovery-target-location",
        "azure-native",
        "azure-native:recoveryservices:ReplicationProtectionContainerMapping",
        r"properties\.providerSpecificInput\.targetLocation",
        "copy",
        reader="location",
        explicit=True,
        why="Site Recovery replicates the protected machines' disks to the target location.",
        source="https://learn.microsoft.com/rest/api/site-recovery/replication-protection-container-mappings/create",
    ),
    _p(
        "az-network-tap-destination",
        "azure-native",
        "azure-native:managednetworkfabric:NetworkTap*",
        r"destinations\[\]\.destinationId|matchConfigurations\[\]\.actions\[\]\.destinationId",
        "target",
        reader="ref",
        explicit=True,
        why="A network tap sends copies of the traffic it taps to the destination named.",
        source="https://learn.microsoft.com/azure/operator-nexus/concepts-network-fabric-network-tap",
    ),
    _p(
        "az-providerhub-notification",
        "azure-native",
        "azure-native:providerhub:NotificationRegistration",
        r"properties\.notificationEndpoints\[\]\.notificationDestination",
        "target",
        reader="ref",
        explicit=True,
        why="Resource notifications are delivered to the event hub named.",
        source="https://learn.microsoft.com/rest/api/providerhub/notification-registrations/create-or-update",
    ),
    _p(
        "az-stream-analytics-output",
        "azure-native",
        "azure-native:streamanalytics:Output",
        r"datasource\.type",
        "copy",
        reader="saas-connector",
        explicit=True,
        why="A job writes its results to each output: an Azure resource type (Microsoft.Storage/Blob, "
        "Microsoft.EventHub/EventHub, ...) is placed by that resource; Power BI is a SaaS service outside the job's "
        "region, in the Power BI tenant's home region.",
        source="https://learn.microsoft.com/azure/stream-analytics/power-bi-output",
    ),
    _p(
        "az-data-share-invitation",
        "azure-native",
        "azure-native:datashare:Invitation",
        r"targetEmail",
        "target",
        reader="endpoint",
        explicit=True,
        why="An invitation gives the share's data to the recipient of this email address, who receives it in a Data "
        "Share account of their own, in any region.",
        source="https://learn.microsoft.com/azure/data-share/share-your-data",
    ),
    _p(
        "az-backup-protected-item",
        "azure-native",
        "azure-native:recoveryservices:ProtectedItem",
        r"properties\.sourceResourceId",
        "source",
        reader="ref",
        explicit=True,
        why="A protected item is the backup, kept in its Recovery Services vault, of the resource it names.",
        source="https://learn.microsoft.com/azure/backup/backup-azure-arm-vms-prepare",
    ),
    _p(
        "az-notification-hubs-replication",
        "azure-native",
        "azure-native:notificationhubs:Namespace",
        r"replicationRegion",
        "copy",
        reader="replication-region",
        explicit=True,
        why="Availability zones aside, a namespace replicates its metadata to a recovery region: Default is the "
        "paired region where there is one, a region name that region, None no replica.",
        source="https://learn.microsoft.com/azure/notification-hubs/notification-hubs-high-availability",
    ),
    _p(
        "az-blob-public-access",
        "azure-native",
        "azure-native:storage:BlobContainer",
        r"publicAccess",
        "copy",
        reader="public",
        explicit=True,
        why="A container with public access Blob or Container lets anyone on the internet read its blobs "
        "anonymously (None: only authorized requests).",
        source="https://learn.microsoft.com/azure/storage/blobs/anonymous-read-access-configure",
    ),
    _p(
        "az-adf-copy-sink",
        "azure-native",
        "azure-native:datafactory:Pipeline",
        r"activities\[\]\.outputs\[\]\.referenceName",
        "target",
        reader="ref",
        explicit=True,
        why="A Copy (or Data Flow) activity writes to its output datasets, each the store its linked service names.",
        source="https://learn.microsoft.com/azure/data-factory/copy-activity-overview",
    ),
    _p(
        "az-adf-copy-source",
        "azure-native",
        "azure-native:datafactory:Pipeline",
        r"activities\[\]\.inputs\[\]\.referenceName",
        "subject",
        reader="ref",
        explicit=True,
        why="A Copy (or Data Flow) activity reads its input datasets: the pipeline moves their stores' data.",
        source="https://learn.microsoft.com/azure/data-factory/copy-activity-overview",
    ),
    _p(
        "az-adf-integration-runtime",
        "azure-native",
        "azure-native:datafactory:IntegrationRuntime",
        r"properties\.computeProperties\.location",
        "copy",
        reader="auto-resolve",
        explicit=True,
        why="An Azure integration runtime moves and transforms data in its location; AutoResolve uses the sink's "
        "region, which the sink's own placement decides.",
        source="https://learn.microsoft.com/azure/data-factory/concepts-integration-runtime#integration-runtime-location",
    ),
    _p(
        "az-storage-sku",
        "azure-native",
        "azure-native:storage:StorageAccount",
        r"sku\.name",
        "copy",
        reader="geo-sku",
        explicit=True,
        why="GRS, RA-GRS, GZRS, RA-GZRS (and the V2 SKUs) copy every write to the primary region's paired region.",
        source="https://learn.microsoft.com/en-us/azure/storage/common/storage-redundancy",
    ),
    _p(
        "az-object-replication-source",
        "azure-native",
        "azure-native:storage:ObjectReplicationPolicy",
        r"sourceAccount",
        "subject",
        reader="ref",
        explicit=True,
        why="Object replication copies the source account's blobs.",
        source="https://learn.microsoft.com/en-us/azure/storage/blobs/object-replication-overview",
    ),
    _p(
        "az-object-replication",
        "azure-native",
        "azure-native:storage:ObjectReplicationPolicy",
        r"destinationAccount",
        "target",
        reader="ref",
        explicit=True,
        why="Object replication copies blobs to the destination account.",
        source="https://learn.microsoft.com/en-us/azure/storage/blobs/object-replication-overview",
    ),
    _p(
        "az-sql-backup-redundancy",
        "azure-native",
        "azure-native:sql:*",
        r"requestedBackupStorageRedundancy",
        "copy",
        reader="geo-redundancy",
        unset="pair",
        why="Azure SQL backups default to geo-redundant storage, copied to the paired region.",
        source="https://learn.microsoft.com/en-us/azure/azure-sql/database/automated-backups-overview",
    ),
    _p(
        "az-sql-failover-partners",
        "azure-native",
        "azure-native:sql:FailoverGroup",
        r"partnerServers\[\]\.id",
        "target",
        reader="ref",
        explicit=True,
        why="A failover group geo-replicates its databases to every partner server.",
        source="https://learn.microsoft.com/en-us/azure/azure-sql/database/failover-group-sql-db",
    ),
    _p(
        "az-sql-mi-partners",
        "azure-native",
        "azure-native:sql:InstanceFailoverGroup",
        r"partnerRegions\[\]\.location",
        "copy",
        reader="location",
        why="An instance failover group replicates the managed instance's databases to the partner region.",
        source="https://learn.microsoft.com/en-us/azure/azure-sql/managed-instance/failover-group-sql-mi",
    ),
    _p(
        "az-sql-mi-partner-instance",
        "azure-native",
        "azure-native:sql:InstanceFailoverGroup",
        r"managedInstancePairs\[\]\.partnerManagedInstanceId",
        "target",
        reader="ref",
        why="The partner managed instance receives the replicated databases.",
        source="https://learn.microsoft.com/en-us/azure/azure-sql/managed-instance/failover-group-sql-mi",
    ),
    _p(
        "az-sql-geo-secondary",
        "azure-native",
        "azure-native:*",
        r"sourceDatabaseId|sourceServerResourceId",
        "source",
        reader="ref",
        why="A geo-secondary database or read-replica server holds a copy of the source it names, in its own location.",
        source="https://learn.microsoft.com/en-us/azure/azure-sql/database/active-geo-replication-overview",
        explicit=True,
    ),
    *[
        _p(
            "az-created-from-source",
            "azure-native",
            types,
            path,
            "source",
            reader="ref",
            why="A read replica or a point-in-time restore of a database cluster holds a copy of the cluster it "
            "names, in its own location.",
            source=source,
            explicit=True,
        )
        for types, path, source in (
            (
                "azure-native:dbforpostgresql:ServerGroupCluster",
                r"sourceResourceId",
                "https://learn.microsoft.com/azure/cosmos-db/postgresql/concepts-read-replicas",
            ),
            (
                "azure-native:mongocluster:MongoCluster",
                r"properties\.(replicaParameters|restoreParameters)\.sourceResourceId",
                "https://learn.microsoft.com/azure/cosmos-db/mongodb/vcore/cross-region-replication",
            ),
            (
                "azure-native:cosmosdb:MongoCluster",
                r"restoreParameters\.sourceResourceId",
                "https://learn.microsoft.com/azure/cosmos-db/mongodb/vcore/cross-region-replication",
            ),
            (
                "azure-native:elasticsan:*",
                r"creationData\.sourceId",
                "https://learn.microsoft.com/azure/storage/elastic-san/elastic-san-snapshots",
            ),
            (
                "azure-native:sql:Database",
                r"recoverableDatabaseId|restorableDroppedDatabaseId|longTermRetentionBackupResourceId|"
                r"recoveryServicesRecoveryPointId",
                "https://learn.microsoft.com/azure/azure-sql/database/recovery-using-backups",
            ),
        )
    ],
    _p(
        "az-geo-backup",
        "azure-native",
        "azure-native:*",
        r"(backup|properties\.storageProfile)\.geoRedundantBackup|enableGeoBackup",
        "copy",
        reader="geo-flag",
        why="Geo-redundant backups of Azure Database for PostgreSQL/MySQL/MariaDB are copied to the paired region.",
        source="https://learn.microsoft.com/en-us/azure/postgresql/flexible-server/concepts-backup-restore",
    ),
    _p(
        "az-cosmos-locations",
        "azure-native",
        "azure-native:cosmosdb:DatabaseAccount",
        r"locations\[\]\.locationName",
        "copy",
        reader="location",
        why="A Cosmos DB account keeps a full replica of its data in every listed region.",
        source="https://learn.microsoft.com/en-us/azure/cosmos-db/distribute-data-globally",
    ),
    _p(
        "az-openai-deployment-type",
        "azure-native",
        "azure-native:cognitiveservices:Deployment",
        r"sku",
        "copy",
        reader="deployment-type",
        explicit=True,
        why="Global deployment types (GlobalStandard, GlobalProvisionedManaged, GlobalBatch) may process prompts and "
        "responses in any Azure region; Data Zone types (DataZone*) within the data zone (EU or US) of the "
        "resource's region; the rest in the resource's region.",
        source="https://learn.microsoft.com/azure/ai-foundry/openai/how-to/deployment-types",
    ),
    _p(
        "az-eventgrid-residency-boundary",
        "azure-native",
        "azure-native:eventgrid:*",
        r"dataResidencyBoundary",
        "copy",
        reader="residency-boundary",
        unset="pair",
        explicit=True,
        why="A custom topic or domain whose data residency boundary is WithinGeopair (the default) fails over, "
        "with its data, to the paired region; WithinRegion keeps it in its region.",
        source="https://learn.microsoft.com/azure/event-grid/geo-disaster-recovery",
    ),
    _p(
        "az-synapse-pool-backup",
        "azure-native",
        "azure-native:synapse:SqlPool",
        r"storageAccountType",
        "copy",
        reader="geo-redundancy",
        unset="pair",
        why="A dedicated SQL pool's backups are kept in geo-redundant storage (GRS, the paired region) unless the "
        "storage account type is LRS; the SDK's default is GRS.",
        source="https://learn.microsoft.com/azure/synapse-analytics/sql-data-warehouse/backup-and-restore#geo-backups-and-disaster-recovery",
    ),
    _p(
        "az-log-analytics-export",
        "azure-native",
        "azure-native:operationalinsights:DataExport",
        r"resourceId",
        "target",
        reader="ref",
        explicit=True,
        why="A workspace data export continuously sends the tables' records to this storage account or event hub "
        "namespace.",
        source="https://learn.microsoft.com/azure/azure-monitor/logs/logs-data-export",
    ),
    _p(
        "az-communication-global",
        "azure-native",
        "azure-native:communication:*",
        r"location",
        "none",
        why="Communication Services resources are always created in location 'global'; the data is stored at rest "
        "in the geography their dataLocation names (classified apart).",
        source="https://learn.microsoft.com/azure/communication-services/concepts/privacy",
    ),
    _p(
        "az-iot-data-residency",
        "azure-native",
        "azure-native:iothub:IotHubResource",
        r"properties\.enableDataResidency",
        "copy",
        reader="residency-flag",
        unset="pair",
        explicit=True,
        why="An IoT hub's data is replicated to the paired region for disaster recovery unless data residency is "
        'enabled ("when set to true, will enable data residency, thus, disabling disaster recovery").',
        source="https://learn.microsoft.com/azure/iot-hub/iot-hub-ha-dr",
    ),
    _p(
        "az-iot-data-residency",
        "azure-native",
        "azure-native:deviceprovisioningservices:IotDpsResource",
        r"properties\.enableDataResidency",
        "copy",
        reader="residency-flag",
        unset="pair",
        explicit=True,
        why="A Device Provisioning Service instance's data is replicated to the paired region for disaster "
        "recovery unless data residency is enabled.",
        source="https://learn.microsoft.com/azure/iot-dps/iot-dps-ha-dr",
    ),
    _p(
        "az-cosmos-backup",
        "azure-native",
        "azure-native:cosmosdb:DatabaseAccount",
        r"backupPolicy\.periodicModeProperties\.backupStorageRedundancy",
        "copy",
        reader="geo-redundancy",
        unset="pair",
        why="Periodic-mode Cosmos DB backups are geo-redundant (paired region) unless set otherwise.",
        source="https://learn.microsoft.com/en-us/azure/cosmos-db/periodic-backup-storage-redundancy",
    ),
    _p(
        "az-cassandra-dc",
        "azure-native",
        "azure-native:cosmosdb:CassandraDataCenter",
        r"properties\.dataCenterLocation",
        "copy",
        reader="location",
        why="A Cassandra data center holds replicas of the cluster's data in its location.",
        source="https://learn.microsoft.com/en-us/azure/managed-instance-apache-cassandra/introduction",
    ),
    _p(
        "gcp-backupdr-restore",
        "gcp",
        "gcp:backupdisasterrecovery/restoreWorkload:*",
        r"backupVaultId",
        "source",
        reader="ref",
        explicit=True,
        why="A restore writes a backup from the vault it names back into a workload: the restored instance or "
        "disk is a copy of the backed-up data.",
        source="https://cloud.google.com/backup-disaster-recovery/docs/restore-vms/restore-vm-vault",
    ),
    _p(
        "gcp-backupdr-restore",
        "gcp",
        "gcp:backupdisasterrecovery/restoreWorkload:*",
        r"(computeInstanceTargetEnvironment|diskTargetEnvironment)\.zone",
        "copy",
        reader="zone",
        explicit=True,
        why="The zone the restored instance or disk is created in.",
        source="https://cloud.google.com/backup-disaster-recovery/docs/restore-vms/restore-vm-vault",
    ),
    _p(
        "gcp-backupdr-restore",
        "gcp",
        "gcp:backupdisasterrecovery/restoreWorkload:*",
        r"regionDiskTargetEnvironment\.region",
        "copy",
        reader="region",
        explicit=True,
        why="The region the restored regional disk is created in.",
        source="https://cloud.google.com/backup-disaster-recovery/docs/restore-vms/restore-vm-vault",
    ),
    _p(
        "az-cassandra-external-seeds",
        "azure-native",
        "azure-native:cosmosdb:CassandraCluster",
        r"properties\.externalSeedNodes\[\]\.ipAddress",
        "copy",
        reader="url",
        explicit=True,
        why="A hybrid cluster's external seed nodes are the nodes of data centers outside Azure (on premises or "
        "in another cloud) that join the cluster, and so hold replicas of its data.",
        source="https://learn.microsoft.com/en-us/azure/managed-instance-apache-cassandra/configure-hybrid-cluster",
    ),
    _p(
        "az-sql-sync-member",
        "azure-native",
        "azure-native:sql:SyncMember",
        r"databaseType",
        "copy",
        reader="sync-member",
        explicit=True,
        why="A sync member of type SqlServerDatabase is a SQL Server database outside Azure (on premises or in "
        "another cloud, through a sync agent); it receives the hub database's rows unless it syncs one way, "
        "member to hub.",
        source="https://learn.microsoft.com/azure/azure-sql/database/sql-data-sync-data-sql-server-sql-database",
    ),
    _p(
        "az-gallery-application-source",
        "azure-native",
        "azure-native:compute:GalleryApplicationVersion",
        r"publishingProfile\.source\.mediaLink",
        "source",
        reader="url",
        explicit=True,
        why="An application version is a copy of the package blob its media link names, replicated to its target "
        "regions.",
        source="https://learn.microsoft.com/azure/virtual-machines/vm-applications-how-to",
    ),
    _p(
        "az-kusto-ingest-source",
        "azure-native",
        "azure-native:kusto:*DataConnection",
        r"storageAccountResourceId|cosmosDbAccountResourceId|eventHubResourceId|iotHubResourceId",
        "source",
        reader="ref",
        explicit=True,
        why="A data connection ingests the data of the store or hub it names into its cluster's database, in the "
        "cluster's location: the database holds a copy of it.",
        source="https://learn.microsoft.com/azure/data-explorer/ingest-data-cosmos-db-connection",
    ),
    _p(
        "az-community-gallery",
        "azure-native",
        "azure-native:compute:Gallery",
        r"sharingProfile\.permissions",
        "copy",
        reader="community-sharing",
        explicit=True,
        why="A gallery shared as a community gallery is public: every Azure user can see its images and create "
        "virtual machines (and so copies of the images) from them in any region.",
        source="https://learn.microsoft.com/azure/virtual-machines/share-gallery-community",
    ),
    _p(
        "az-connected-registry",
        "azure-native",
        "azure-native:containerregistry:ConnectedRegistry",
        r"mode",
        "copy",
        reader="on-premises",
        explicit=True,
        why="A connected registry runs on premises (or at the edge) and synchronizes its cloud registry's "
        "repositories into itself, whatever its mode.",
        source="https://learn.microsoft.com/azure/container-registry/intro-connected-registry",
    ),
    _p(
        "az-sql-mi-link",
        "azure-native",
        "azure-native:sql:DistributedAvailabilityGroup",
        r"partnerEndpoint",
        "copy",
        reader="url",
        explicit=True,
        why="A Managed Instance link replicates its databases to the partner SQL Server at this endpoint (on "
        "premises or in a VM) while the instance is the primary.",
        source="https://learn.microsoft.com/azure/azure-sql/managed-instance/managed-instance-link-feature-overview",
    ),
    _p(
        "az-databox-export",
        "azure-native",
        "azure-native:databox:Job",
        r"details\.dataExportDetails\[\]\.accountDetails\.storageAccountId",
        "source",
        reader="ref",
        explicit=True,
        why="An export job copies the data of the storage accounts it names onto the Data Box devices.",
        source="https://learn.microsoft.com/azure/databox/data-box-export-order",
    ),
    _p(
        "az-databox-export",
        "azure-native",
        "azure-native:databox:Job",
        r"details\.shippingAddress\.country",
        "copy",
        reader="country",
        explicit=True,
        why="An export job copies the storage accounts' data to Data Box devices shipped to this address.",
        source="https://learn.microsoft.com/azure/databox/data-box-export-order",
    ),
    _p(
        "az-recovery-vault",
        "azure-native",
        "azure-native:recoveryservices:Vault",
        r"properties\.redundancySettings\.standardTierStorageRedundancy",
        "copy",
        reader="geo-redundancy",
        unset="pair",
        why="A Recovery Services vault stores backups geo-redundantly (paired region) by default.",
        source="https://learn.microsoft.com/en-us/azure/backup/backup-create-recovery-services-vault",
    ),
    _p(
        "az-backup-vault",
        "azure-native",
        "azure-native:dataprotection:BackupVault",
        r"properties\.storageSettings\[\]\.type",
        "copy",
        reader="geo-redundancy",
        explicit=True,
        why="A Backup vault with GeoRedundant storage copies backups to the paired region.",
        source="https://learn.microsoft.com/en-us/azure/backup/backup-vault-overview",
    ),
    _p(
        "az-backup-vault-regions",
        "azure-native",
        "azure-native:dataprotection:BackupVault",
        r"properties\.replicatedRegions\[\]",
        "copy",
        reader="location",
        why="Backups are replicated to each listed region.",
        source="https://learn.microsoft.com/en-us/azure/backup/backup-vault-overview",
    ),
    _p(
        "az-netapp-replication",
        "azure-native",
        "azure-native:netapp:*",
        r"(volumes\[\]\.)?dataProtection\.replication\.remoteVolumeRegion",
        "copy",
        reader="location",
        why="Cross-region replication copies the volume to the remote volume's region.",
        source="https://learn.microsoft.com/en-us/azure/azure-netapp-files/cross-region-replication-introduction",
    ),
    _p(
        "az-netapp-remote",
        "azure-native",
        "azure-native:netapp:*",
        r"(volumes\[\]\.)?dataProtection\.replication\.remoteVolumeResourceId",
        "target",
        reader="ref",
        explicit=True,
        why="The remote volume receives the replicated data.",
        source="https://learn.microsoft.com/en-us/azure/azure-netapp-files/cross-region-replication-introduction",
    ),
    _p(
        "az-gallery-regions",
        "azure-native",
        "azure-native:compute:Gallery*Version",
        r"(properties\.)?publishingProfile\.(targetRegions|targetExtendedLocations)\[\]\.name",
        "copy",
        reader="location",
        explicit=True,
        why="A gallery image/application/script version is replicated to every target region, and to every target "
        "extended location, an Azure Extended Zone named with its parent region (name), in that region's country.",
        source="https://learn.microsoft.com/en-us/azure/extended-zones/overview",
    ),
    _p(
        "az-import-export-return",
        "azure-native",
        "azure-native:importexport:Job",
        r"properties\.returnAddress\.countryOrRegion",
        "copy",
        reader="country",
        explicit=True,
        why="The job's drives, with the data written to or read from them, are shipped back to the return address, "
        "in this country.",
        source="https://learn.microsoft.com/azure/import-export/storage-import-export-service",
    ),
    _p(
        "az-confluent-source",
        "azure-native",
        "azure-native:confluent:Connector",
        r"connectorBasicInfo\.connectorType",
        "copy",
        reader="confluent-direction",
        explicit=True,
        why="A source connector copies the Azure store it reads into the topics of a Confluent Cloud cluster, a "
        "partner SaaS outside Azure; a sink connector writes from the topics into the store.",
        source="https://learn.microsoft.com/azure/partner-solutions/apache-kafka-confluent-cloud/add-connectors",
    ),
    _p(
        "az-kusto-script-exports",
        "azure-native",
        "azure-native:kusto:Script",
        r"scriptContent",
        "target",
        reader="kusto-exports",
        explicit=True,
        why="A database script's export commands (.export, continuous exports) write query results to storage: to "
        "the URIs they name, or to the storage of the external table they name.",
        source="https://learn.microsoft.com/kusto/management/data-export/continuous-data-export",
    ),
    _p(
        "az-apim-self-hosted-gateway",
        "azure-native",
        "azure-native:apimanagement:Gateway",
        r"locationData\.countryOrRegion",
        "home",
        reader="country",
        unset="anywhere",
        why="A self-hosted gateway runs, and handles the APIs' requests and responses, wherever its container is "
        "deployed, outside Azure's regions; its location data (countryOrRegion) is the only place the resource "
        "records, and without it the gateway can be anywhere.",
        source="https://learn.microsoft.com/en-us/azure/api-management/self-hosted-gateway-overview",
    ),
    _p(
        "az-apim-locations",
        "azure-native",
        "azure-native:apimanagement:ApiManagementService",
        r"additionalLocations\[\]\.location",
        "copy",
        reader="location",
        why="A multi-region API Management instance runs gateways (with caches and configuration) in each location.",
        source="https://learn.microsoft.com/en-us/azure/api-management/api-management-howto-deploy-multi-region",
    ),
    _p(
        "az-aad-replica-sets",
        "azure-native",
        "azure-native:aad:DomainService",
        r"replicaSets\[\]\.location",
        "copy",
        reader="location",
        why="Each replica set holds a copy of the managed domain's directory in its region.",
        source="https://learn.microsoft.com/en-us/entra/identity/domain-services/concepts-replica-sets",
    ),
    _p(
        "az-ml-registry-regions",
        "azure-native",
        "azure-native:machinelearningservices:Registry",
        r"regionDetails\[\]\.location",
        "copy",
        reader="location",
        why="A machine learning registry replicates its assets to each listed region.",
        source="https://learn.microsoft.com/en-us/azure/machine-learning/how-to-manage-registries",
    ),
    _p(
        "az-redis-linked",
        "azure-native",
        "azure-native:redis:*LinkedServer",
        r"linkedRedisCacheLocation",
        "copy",
        reader="location",
        why="Passive geo-replication copies the cache to the linked cache's location.",
        source="https://learn.microsoft.com/en-us/azure/azure-cache-for-redis/cache-how-to-geo-replication",
    ),
    _p(
        "az-redis-linked-id",
        "azure-native",
        "azure-native:redis:*LinkedServer",
        r"linkedRedisCacheId",
        "target",
        reader="ref",
        explicit=True,
        why="The linked cache receives the replicated data.",
        source="https://learn.microsoft.com/en-us/azure/azure-cache-for-redis/cache-how-to-geo-replication",
    ),
    _p(
        "az-redis-enterprise-geo",
        "azure-native",
        "azure-native:redisenterprise:Database",
        r"geoReplication\.linkedDatabases\[\]\.id",
        "target",
        reader="ref",
        explicit=True,
        why="Active geo-replication keeps every linked database in sync.",
        source="https://learn.microsoft.com/en-us/azure/azure-cache-for-redis/cache-how-to-active-geo-replication",
    ),
    _p(
        "az-messaging-dr",
        "azure-native",
        "azure-native:*:DisasterRecoveryConfig",
        r"partnerNamespace",
        "target",
        reader="ref",
        why="A geo-disaster-recovery alias pairs the namespace with its partner; after failover the partner receives "
        "the messages.",
        source="https://learn.microsoft.com/en-us/azure/service-bus-messaging/service-bus-geo-dr",
    ),
    _p(
        "az-servicebus-geo-replication",
        "azure-native",
        "azure-native:*:Namespace",
        r"geoDataReplication\.locations\[\]\.locationName",
        "copy",
        reader="location",
        why="Geo-replication replicates messages and metadata to every listed region.",
        source="https://learn.microsoft.com/en-us/azure/service-bus-messaging/service-bus-geo-replication",
    ),
    _p(
        "az-replica-of",
        "azure-native",
        "azure-native:containerregistry:Replication",
        r"registryName",
        "source",
        reader="ref",
        explicit=True,
        why="A registry replication holds a copy of the registry it names, in its own location.",
        source="https://learn.microsoft.com/en-us/azure/container-registry/container-registry-geo-replication",
    ),
    _p(
        "az-replica-of-config",
        "azure-native",
        "azure-native:appconfiguration:Replica",
        r"configStoreName",
        "source",
        reader="ref",
        explicit=True,
        why="A configuration store replica holds a copy of the store it names, in its own location.",
        source="https://learn.microsoft.com/en-us/azure/azure-app-configuration/concept-geo-replication",
    ),
    _p(
        "az-communication-data",
        "azure-native",
        "azure-native:communication:*",
        r"dataLocation",
        "home",
        reader="gcp-config",
        unset="required",
        why="Communication Services store data at rest in the data location (a geography such as Europe or "
        "United States), not in the resource's 'global' location.",
        source="https://learn.microsoft.com/en-us/azure/communication-services/concepts/privacy",
    ),
    _p(
        "az-diagnostics-subject",
        "azure-native",
        "azure-native:monitor:DiagnosticSetting",
        r"resourceUri",
        "subject",
        reader="ref",
        explicit=True,
        why="A diagnostic setting exports the logs and metrics of the resource it names.",
        source="https://learn.microsoft.com/en-us/azure/azure-monitor/essentials/diagnostic-settings",
    ),
    *(
        _p(
            "az-diagnostics-target",
            "azure-native",
            f"azure-native:monitor:{token}",
            r"storageAccountId|workspaceId|eventHubAuthorizationRuleId|marketplacePartnerId",
            "target",
            reader="ref",
            explicit=True,
            why="A diagnostic setting (of a resource, a subscription's activity log or a management group) sends the "
            "logs and metrics to this storage account, workspace, hub or partner solution (a Marketplace resource, "
            "such as a Datadog or Elastic monitor); an ID outside the stack names no region.",
            source="https://learn.microsoft.com/en-us/azure/azure-monitor/essentials/diagnostic-settings",
        )
        for token in ("DiagnosticSetting", "SubscriptionDiagnosticSetting", "ManagementGroupDiagnosticSetting")
    ),
    _p(
        "az-service-linker-subject",
        "azure-native",
        "azure-native:servicelinker:Linker",
        r"resourceUri",
        "subject",
        reader="ref",
        explicit=True,
        why="A Service Connector link connects the compute resource it names (an App Service app, a container app, a "
        "Spring app) to a target service: it carries that resource's data.",
        source="https://learn.microsoft.com/azure/service-connector/overview",
    ),
    _p(
        "az-service-linker-target",
        "azure-native",
        "azure-native:servicelinker:*",
        r"(parameters\.)?targetService\.id",
        "target",
        reader="ref",
        explicit=True,
        why="The target service of a Service Connector link (a database, a storage account, a cache, a key vault) is "
        "where the connected app writes and reads its data.",
        source="https://learn.microsoft.com/azure/service-connector/concept-service-connector-internals",
    ),
    _p(
        "az-dcr-destinations",
        "azure-native",
        "azure-native:monitor:DataCollectionRule",
        r"destinations\.[a-zA-Z]+\[\]\.(workspaceResourceId|eventHubResourceId|storageAccountResourceId|"
        r"accountResourceId)",
        "target",
        reader="ref",
        explicit=True,
        why="A data collection rule sends the collected logs and metrics to each Log Analytics workspace, event hub, "
        "storage account and Azure Monitor workspace listed in its destinations.",
        source="https://learn.microsoft.com/en-us/azure/azure-monitor/essentials/data-collection-rule-structure",
    ),
    _p(
        "az-dcr-association-resource",
        "azure-native",
        "azure-native:monitor:DataCollectionRuleAssociation",
        r"resourceUri",
        "subject",
        reader="ref",
        explicit=True,
        why="An association makes the data collection rule collect from the resource it names (a VM, scale set or "
        "cluster): it carries that resource's data.",
        source="https://learn.microsoft.com/en-us/azure/azure-monitor/essentials/data-collection-rule-overview",
    ),
    _p(
        "az-dcr-association-rule",
        "azure-native",
        "azure-native:monitor:DataCollectionRuleAssociation",
        r"dataCollectionRuleId",
        "target",
        reader="ref",
        explicit=True,
        why="The associated resource's data goes to the data collection rule named (and on to its destinations).",
        source="https://learn.microsoft.com/en-us/azure/azure-monitor/essentials/data-collection-rule-overview",
    ),
    _p(
        "az-failover-group-primary",
        "azure-native",
        "azure-native:sql:FailoverGroup",
        r"serverName",
        "subject",
        reader="ref",
        explicit=True,
        why="A failover group is created on the primary server (serverName) and replicates its databases.",
        source="https://learn.microsoft.com/en-us/azure/azure-sql/database/failover-group-sql-db",
    ),
    _p(
        "az-messaging-dr-primary",
        "azure-native",
        "azure-native:*:DisasterRecoveryConfig",
        r"namespaceName",
        "subject",
        reader="ref",
        explicit=True,
        why="A geo-disaster-recovery alias is created on the primary namespace (namespaceName), whose data it pairs.",
        source="https://learn.microsoft.com/en-us/azure/service-bus-messaging/service-bus-geo-dr",
    ),
    _p(
        "az-redis-linked-primary",
        "azure-native",
        "azure-native:redis:*LinkedServer",
        r"name",
        "subject",
        reader="ref",
        explicit=True,
        why="A linked server is created on the primary cache (name: 'the name of the Redis cache'), which it "
        "geo-replicates.",
        source="https://learn.microsoft.com/en-us/azure/azure-cache-for-redis/cache-how-to-geo-replication",
    ),
    *(
        _p(
            "az-compute-copy-of",
            "azure-native",
            f"azure-native:compute:{token}",
            path,
            "source",
            reader="ref",
            explicit=True,
            why="A disk, snapshot or image created from another disk, snapshot, VM, blob storage account or gallery "
            "image holds a copy of its data in its own location (createOption Copy, CopyStart across regions, "
            "Import, FromImage).",
            source="https://learn.microsoft.com/en-us/rest/api/compute/disks/create-or-update#creationdata",
        )
        for token, path in (
            ("Disk", r"creationData\.(sourceResourceId|storageAccountId|imageReference\.id|galleryImageReference\.id)"),
            (
                "Snapshot",
                r"creationData\.(sourceResourceId|storageAccountId|imageReference\.id|galleryImageReference\.id)",
            ),
            ("Image", r"sourceVirtualMachine\.id|storageProfile\.osDisk\.(snapshot|managedDisk)\.id"),
        )
    ),
    _p(
        "az-gallery-version-source",
        "azure-native",
        "azure-native:compute:GalleryImageVersion",
        r"storageProfile\.(source\.(id|virtualMachineId)|osDiskImage\.source\.(id|storageAccountId)|"
        r"dataDiskImages\[\]\.source\.(id|storageAccountId))",
        "source",
        reader="ref",
        explicit=True,
        why="An image version is captured from a managed image, VM, disk or snapshot and holds a copy of its data; "
        "publishing replicates that copy to every target region.",
        source="https://learn.microsoft.com/en-us/rest/api/compute/gallery-image-versions/create-or-update",
    ),
    _p(
        "az-appinsights-export",
        "azure-native",
        "azure-native:applicationinsights:ExportConfiguration",
        r"destinationStorageLocationId",
        "copy",
        reader="location",
        why="Continuous export writes telemetry to a storage account in this location.",
        source="https://learn.microsoft.com/en-us/previous-versions/azure/azure-monitor/app/export-telemetry",
    ),
    _p(
        "az-eventhub-capture",
        "azure-native",
        "azure-native:eventhub:EventHub",
        r"captureDescription\.destination\.storageAccountResourceId",
        "target",
        reader="ref",
        explicit=True,
        why="Event Hubs Capture writes every event to this storage account.",
        source="https://learn.microsoft.com/en-us/azure/event-hubs/event-hubs-capture-overview",
    ),
    _p(
        "az-eventgrid-destination",
        "azure-native",
        "azure-native:eventgrid:*Subscription",
        r"(deadLetterDestination|destination|deliveryWithResourceIdentity\.destination)\.resourceId",
        "target",
        reader="ref",
        explicit=True,
        why="Event Grid delivers each event (and dead letters) to the Azure resource named.",
        source="https://learn.microsoft.com/en-us/azure/event-grid/event-handlers",
    ),
    _p(
        "az-hsm-regions",
        "azure-native",
        "azure-native:keyvault:ManagedHsm",
        r"properties\.regions\[\]",
        "copy",
        reader="location",
        why="A multi-region Managed HSM replicates its keys to every extended region.",
        source="https://learn.microsoft.com/en-us/azure/key-vault/managed-hsm/multi-region-replication",
    ),
    _p(
        "az-custom-location",
        "azure-native",
        "azure-native:*",
        r"extendedLocation",
        "copy",
        reader="extended-location",
        explicit=True,
        why="An extended location of type CustomLocation is an Azure Arc-enabled Kubernetes cluster, on premises or "
        "in another cloud: the resource runs and keeps its data there, not in its location, which only holds its "
        "Azure record; an EdgeZone is inside its region.",
        source="https://learn.microsoft.com/azure/azure-arc/platform/conceptual-custom-locations",
    ),
    _p(
        "az-within",
        "azure-native",
        "azure-native:*",
        r"(?i)(.*\.)?[a-z]*(zones?|availabilityZones?|zoneRedundan[a-z]*|extendedLocations?|zonePlacement[a-z]*|"
        r"zoneBalance|zoneResilient|excludeZones|includeZones|zoneAllocation[a-z]*|zonePreferences|"
        r"enableCrossZoneUpgrade|alignRegionalDisksToVMZone|standbyAvailabilityZone|preferredPrimaryZone|"
        r"zoneDetails|availabilityZoneRule|targetAvailabilityZone|recoveryAvailabilityZone|secondaryZone)(\[\])?",
        "within",
        why="Availability zones, zone redundancy and extended (edge) locations are inside the resource's region.",
        source="https://learn.microsoft.com/en-us/azure/reliability/availability-zones-overview",
    ),
    _p(
        "az-rg-location",
        "azure-native",
        "azure-native:resources:ResourceGroup",
        r"location",
        "home",
        reader="location",
        unset="provider",
        why="A resource group takes the provider's location when none is given.",
        source=AZ_LOCATION,
    ),
    _p(
        "az-location",
        "azure-native",
        "azure-native:*",
        r"location",
        "home",
        reader="location",
        unset="inherit:resourceGroupName",
        why="The resource's Azure location; when unset, pulumi-azure-native uses its resource group's location "
        "(documented pattern).",
        source=AZ_LOCATION,
    ),
    _p(
        "az-labels-none",
        "azure-native",
        "azure-native:*",
        r".+\.(tags|labels|userLabels|resourceLabels)(\[\])?",
        "none",
        why="Nested tags belong to child objects, filters or mirrored AWS resources; the resource's own are top-level.",
        source="https://learn.microsoft.com/en-us/azure/azure-resource-manager/management/tag-resources",
    ),
    _p(
        "az-awsconnector",
        "azure-native",
        "azure-native:awsconnector:*",
        r".+\..+",
        "none",
        why="Multicloud connector resources mirror an AWS resource's metadata; nested regions describe that resource.",
        source="https://learn.microsoft.com/en-us/azure/azure-arc/multicloud-connector/overview",
    ),
    # Properties surveyed because their names can name where data goes (account, endpoint, bucket,
    # workspace, URL/URI): first the destinations this resource sends, exports, backs up or mirrors its data
    # to, then the documented categories that move none of it. Each group was reviewed row by row.
    *(
        _p(id_, "azure-native", types, path, "target", reader=reader, why=why, source=source)
        for id_, types, path, reader, why, source in (
            (
                "az-dest-log-workspace",
                "azure-native:containerinstance:*",
                r"(.*\.)?diagnostics\.logAnalytics\.(workspaceId|workspaceResourceId)",
                "ref",
                "A container group sends its containers' logs and events to this Log Analytics workspace.",
                "https://learn.microsoft.com/en-us/azure/container-instances/container-instances-log-analytics",
            ),
            (
                "az-dest-log-workspace",
                "azure-native:containerservice:ManagedCluster",
                r"securityProfile\.defender\.logAnalyticsWorkspaceResourceId",
                "ref",
                "Defender for Containers sends the cluster's security events to this Log Analytics workspace.",
                "https://learn.microsoft.com/en-us/azure/defender-for-cloud/defender-for-containers-enable",
            ),
            (
                "az-dest-log-workspace",
                "azure-native:network:FirewallPolicy*",
                r"insights\.logAnalyticsResources\.(defaultWorkspaceId|workspaces\[\]\.workspaceId)",
                "ref",
                "Policy analytics sends the firewalls' logs to the default workspace and the per-region workspaces.",
                "https://learn.microsoft.com/en-us/azure/firewall-manager/policy-analytics",
            ),
            (
                "az-dest-log-workspace",
                "azure-native:network:FlowLog",
                r"flowAnalyticsConfiguration\.networkWatcherFlowAnalyticsConfiguration\.(workspaceId|"
                r"workspaceResourceId)",
                "ref",
                "Traffic analytics writes the processed flow logs to this Log Analytics workspace.",
                "https://learn.microsoft.com/en-us/azure/network-watcher/traffic-analytics",
            ),
            (
                "az-dest-log-workspace",
                "azure-native:network:ConnectionMonitor",
                r"outputs\[\]\.workspaceSettings\.workspaceResourceId",
                "ref",
                "A connection monitor writes its monitoring data to the output Log Analytics workspace.",
                "https://learn.microsoft.com/en-us/azure/network-watcher/connection-monitor-overview",
            ),
            (
                "az-dest-log-workspace",
                "azure-native:azurearcdata:DataController",
                r"properties\.logAnalyticsWorkspaceConfig\.workspaceId",
                "ref",
                "An Arc data controller uploads its logs to this Log Analytics workspace.",
                "https://learn.microsoft.com/en-us/azure/azure-arc/data/upload-logs",
            ),
            (
                "az-dest-log-workspace",
                "azure-native:networkcloud:Cluster*",
                r"(analyticsOutputSettings\.)?analyticsWorkspaceId",
                "ref",
                "An Operator Nexus cluster (manager) sends its logs and metrics to this Log Analytics workspace.",
                "https://learn.microsoft.com/en-us/rest/api/networkcloud/clusters/create-or-update",
            ),
            (
                "az-dest-log-workspace",
                "azure-native:managedops:ManagedOp",
                r"properties\.desiredConfiguration\.[a-zA-Z]+\.(azureMonitorWorkspaceId|logAnalyticsWorkspaceId)",
                "ref",
                "Managed operations send the managed machines' monitoring and inventory data to these workspaces.",
                "https://learn.microsoft.com/en-us/azure/azure-monitor/vm/monitor-virtual-machine",
            ),
            (
                "az-dest-log-workspace",
                "azure-native:sovereign:LandingZoneConfigurationOperation",
                r"properties\.existingLogAnalyticsWorkspaceId",
                "ref",
                "A sovereign landing zone sends its platform logs to this central Log Analytics workspace.",
                "https://learn.microsoft.com/en-us/industry/sovereignty/slz-overview",
            ),
            (
                "az-dest-log-workspace",
                "azure-native:onlineexperimentation:OnlineExperimentationWorkspace",
                r"properties\.(logAnalyticsWorkspaceResourceId|logsExporterStorageAccountResourceId)",
                "ref",
                "An online experimentation workspace exports its experiment logs to this workspace and storage "
                "account.",
                "https://learn.microsoft.com/en-us/azure/online-experimentation/concept-online-experimentation",
            ),
            (
                "az-dest-log-workspace",
                "azure-native:security:IotSecuritySolution",
                r"workspace|additionalWorkspaces\[\]\.workspace",
                "ref",
                "Defender for IoT sends the devices' security alerts and raw events to these Log Analytics workspaces.",
                "https://learn.microsoft.com/en-us/azure/defender-for-iot/device-builders/how-to-security-data-access",
            ),
            (
                "az-dest-log-workspace",
                "azure-native:security:WorkspaceSetting",
                r"workspaceId",
                "ref",
                "Defender for Cloud stores the data its agents collect in this Log Analytics workspace.",
                "https://learn.microsoft.com/en-us/azure/defender-for-cloud/working-with-log-analytics-agent",
            ),
            (
                "az-dest-log-workspace",
                "azure-native:security:Automation",
                r"actions\[\]\.workspaceResourceId",
                "ref",
                "Continuous export sends security alerts and recommendations to this Log Analytics workspace.",
                "https://learn.microsoft.com/en-us/azure/defender-for-cloud/continuous-export",
            ),
            (
                "az-dest-log-workspace",
                "azure-native:hdinsight:Extension*",
                r"workspaceId",
                "ref",
                "Azure Monitor integration sends the cluster's logs and metrics to this Log Analytics workspace.",
                "https://learn.microsoft.com/en-us/azure/hdinsight/hdinsight-hadoop-oms-log-analytics-tutorial",
            ),
            (
                "az-dest-log-workspace",
                "azure-native:applicationinsights:Component",
                r"workspaceResourceId",
                "ref",
                "A workspace-based Application Insights resource stores its telemetry in this Log Analytics workspace.",
                "https://learn.microsoft.com/en-us/azure/azure-monitor/app/create-workspace-resource",
            ),
            (
                "az-dest-log-workspace",
                "azure-native:aadiam:DiagnosticSetting",
                r"workspaceId|storageAccountId",
                "ref",
                "A Microsoft Entra diagnostic setting sends the tenant's sign-in and audit logs to this workspace or "
                "storage account.",
                "https://learn.microsoft.com/en-us/entra/identity/monitoring-health/howto-configure-diagnostic-settings",
            ),
            (
                "az-dest-log-workspace",
                "azure-native:workloads:Monitor",
                r"logAnalyticsWorkspaceArmId",
                "ref",
                "Azure Monitor for SAP solutions stores the collected telemetry in this Log Analytics workspace.",
                "https://learn.microsoft.com/en-us/azure/sap/monitor/about-azure-monitor-sap-solutions",
            ),
            (
                "az-dest-log-workspace",
                "azure-native:monitor:ActionGroup",
                r"itsmReceivers\[\]\.workspaceId",
                "ref",
                "An ITSM receiver sends the alert through the ITSM connector of this Log Analytics workspace.",
                "https://learn.microsoft.com/en-us/azure/azure-monitor/alerts/action-groups",
            ),
            (
                "az-dest-storage",
                "azure-native:batch:BatchAccount",
                r"autoStorage\.storageAccountId",
                "ref",
                "A Batch account keeps application packages and task resource and output files in its auto-storage "
                "account.",
                "https://learn.microsoft.com/en-us/azure/batch/accounts",
            ),
            (
                "az-dest-storage",
                "azure-native:chaos:Experiment",
                r"properties\.customerDataStorage\.storageAccountResourceId",
                "ref",
                "A chaos experiment stores its run data in the customer's storage account.",
                "https://learn.microsoft.com/en-us/azure/chaos-studio/chaos-studio-overview",
            ),
            (
                "az-dest-storage",
                "azure-native:costmanagement:Export",
                r"deliveryInfo\.destination\.storageAccount",
                "ref",
                "A cost export writes its files to this storage account.",
                "https://learn.microsoft.com/en-us/azure/cost-management-billing/costs/tutorial-improved-exports",
            ),
            (
                "az-dest-storage",
                "azure-native:databox:Job",
                r"details\.(dataImportDetails\[\]\.accountDetails\.(storageAccountId|stagingStorageAccountId)|"
                r"dataExportDetails\[\]\.accountDetails\.stagingStorageAccountId)",
                "ref",
                "A Data Box import job copies the device's data into this storage account (through the staging "
                "account for managed disks).",
                "https://learn.microsoft.com/en-us/azure/databox/data-box-overview",
            ),
            (
                "az-dest-storage",
                "azure-native:datamigration:DatabaseMigrationsSql*",
                r"properties\.backupConfiguration\.targetLocation\.storageAccountResourceId",
                "ref",
                "A SQL migration copies the database backups to this target storage account.",
                "https://learn.microsoft.com/en-us/rest/api/datamigration/database-migrations-sql-mi/create-or-update",
            ),
            (
                "az-dest-storage",
                "azure-native:eventhub:EventHub",
                r"captureDescription\.destination\.dataLakeAccountName",
                "ref",
                "Event Hubs Capture writes every event to this Data Lake Storage account.",
                "https://learn.microsoft.com/en-us/azure/event-hubs/event-hubs-capture-overview",
            ),
            (
                "az-dest-storage",
                "azure-native:healthcareapis:*",
                r"(properties\.)?exportConfiguration\.storageAccountName",
                "ref",
                "The FHIR $export operation writes the exported health data to this storage account.",
                "https://learn.microsoft.com/en-us/azure/healthcare-apis/fhir/configure-export-data",
            ),
            (
                "az-dest-storage",
                "azure-native:*securityandcompliance:PrivateLinkServicesFor*",
                r"properties\.exportConfiguration\.storageAccountName",
                "ref",
                "The export configuration names the storage account the service's export writes to (the same "
                "exportConfiguration as the FHIR service's).",
                "https://learn.microsoft.com/en-us/rest/api/m365securityandcompliance/private-link-services-for-edm-upload/create-or-update",
            ),
            (
                "az-dest-storage",
                "azure-native:importexport:Job",
                r"properties\.storageAccountId",
                "ref",
                "An Import/Export job copies the drives' data into (or out of) this storage account.",
                "https://learn.microsoft.com/en-us/azure/import-export/storage-import-export-service",
            ),
            (
                "az-dest-storage",
                "azure-native:machinelearningservices:Workspace",
                r"storageAccount|encryption\.(storageAccountResourceId|searchAccountResourceId)|"
                r"workspaceHubConfig\.additionalWorkspaceStorageAccounts\[\]",
                "ref",
                "A machine learning workspace stores its data, models and logs in its storage account (and, with "
                "customer-managed keys, its metadata in the named storage and search accounts).",
                "https://learn.microsoft.com/en-us/azure/machine-learning/concept-workspace",
            ),
            (
                "az-dest-storage",
                "azure-native:migrate:*",
                r"(properties\.)?(customerStorageAccountArmId|customerWorkspaceId|utilityStorageAccountId|"
                r"migrationConfiguration\.storageAccountResourceId)",
                "ref",
                "Azure Migrate stores the discovered and assessment data (and replication data) in the customer's "
                "storage account and workspace.",
                "https://learn.microsoft.com/en-us/azure/migrate/migrate-appliance-architecture",
            ),
            (
                "az-dest-storage",
                "azure-native:offazure:MasterSitesController",
                r"customerStorageAccountArmId",
                "ref",
                "Azure Migrate stores the discovered data in the customer's storage account.",
                "https://learn.microsoft.com/en-us/azure/migrate/migrate-appliance-architecture",
            ),
            (
                "az-dest-storage",
                "azure-native:monitor:ActionGroup",
                r"automationRunbookReceivers\[\]\.automationAccountId",
                "ref",
                "An automation runbook receiver sends the alert payload to a runbook of this Automation account.",
                "https://learn.microsoft.com/en-us/azure/azure-monitor/alerts/action-groups",
            ),
            (
                "az-dest-storage",
                "azure-native:portal:UserSettings*",
                r"properties\.storageProfile\.storageAccountResourceId",
                "ref",
                "Cloud Shell persists the user's files in a file share of this storage account.",
                "https://learn.microsoft.com/en-us/azure/cloud-shell/persisting-shell-storage",
            ),
            (
                "az-dest-storage",
                "azure-native:quantum:Workspace",
                r"properties\.storageAccount",
                "ref",
                "A Quantum workspace stores job inputs and results in this storage account.",
                "https://learn.microsoft.com/en-us/azure/quantum/how-to-create-workspace",
            ),
            (
                "az-dest-storage",
                "azure-native:recoveryservices:Replication*",
                r"properties\.(providerSpecificDetails\.([a-zA-Z]+(\[\])?\.)?(targetStorageAccountId|"
                r"recoveryAzureStorageAccountId|recoveryBootDiagStorageAccountId|targetBootDiagnosticsStorageAccountId|"
                r"logStorageAccountId|primaryStagingAzureStorageAccountId|storageAccountId)|"
                r"sharedDiskProperties\.sharedDiskProviderSpecificDetails\.protectedManagedDisks\[\]\."
                r"primaryStagingAzureStorageAccountId|providerSpecificInput\.(storageAccountId|storageAccounts\[\]))",
                "ref",
                "Site Recovery replicates the protected machines' disks through the cache (log, staging) storage "
                "account to the target storage accounts.",
                "https://learn.microsoft.com/en-us/azure/site-recovery/azure-to-azure-architecture",
            ),
            (
                "az-dest-storage",
                "azure-native:datareplication:*",
                r"properties\.customProperties\.(storageAccountId|cluster\.storageAccountName)",
                "ref",
                "Site Recovery replicates the protected machines' data through this cache storage account.",
                "https://learn.microsoft.com/en-us/azure/site-recovery/hyper-v-azure-architecture",
            ),
            (
                "az-dest-storage",
                "azure-native:resources:Azure*Script",
                r"storageAccountSettings\.storageAccountName",
                "ref",
                "A deployment script keeps its script files and outputs in a file share of this storage account.",
                "https://learn.microsoft.com/en-us/azure/azure-resource-manager/templates/deployment-script-template",
            ),
            (
                "az-dest-storage",
                "azure-native:scheduler:Job",
                r"properties\.action\.(errorAction\.)?queueMessage\.storageAccount",
                "ref",
                "A scheduler job's storage-queue action posts its message to a queue of this storage account.",
                "https://learn.microsoft.com/en-us/azure/scheduler/scheduler-concepts-terms",
            ),
            (
                "az-dest-storage",
                "azure-native:sovereign:LandingZoneAccountOperation",
                r"properties\.storageAccount",
                "ref",
                "The landing zone account keeps its configuration data in this storage account.",
                "https://learn.microsoft.com/en-us/industry/sovereignty/slz-overview",
            ),
            (
                "az-dest-storage",
                "azure-native:storagemover:Endpoint",
                r"properties\.storageAccountResourceId",
                "ref",
                "A Storage Mover Azure endpoint is the storage container or file share a migration copies data into.",
                "https://learn.microsoft.com/en-us/azure/storage-mover/endpoint-manage",
            ),
            (
                "az-dest-storage",
                "azure-native:streamanalytics:*",
                r"((properties\.)?outputs\[\]\.)?datasource\.(accountName|accountId|storageAccounts\[\]\.accountName)|"
                r"jobStorageAccount\.accountName",
                "ref",
                "A Stream Analytics output writes the job's results to this storage or Cosmos DB account; the job "
                "storage account keeps its checkpoints and state.",
                "https://learn.microsoft.com/en-us/azure/stream-analytics/stream-analytics-define-outputs",
            ),
            (
                "az-dest-storage",
                "azure-native:timeseriesinsights:Gen2Environment",
                r"storageConfiguration\.accountName",
                "ref",
                "A Gen2 environment stores all its event data in this storage account.",
                "https://learn.microsoft.com/en-us/azure/time-series-insights/concepts-storage",
            ),
            (
                "az-dest-storage",
                "azure-native:web:WebApp*",
                r"(siteConfig\.azureStorageAccounts|properties)\.accountName",
                "ref",
                "An app writes to the Azure Files share or blob container of this storage account mounted into it.",
                "https://learn.microsoft.com/en-us/azure/app-service/configure-connect-to-azure-storage",
            ),
            (
                "az-dest-storage",
                "azure-native:*",
                r"(.*\.)?(azureFile|azureFileParameters|azureFileShareConfiguration|azureBlobFileSystemConfiguration|"
                r"fileShares\[\]|typeProperties)\.(accountName|storageAccountName|azureStorageAccountName)",
                "ref",
                "A workload writes to the Azure Files share or blob container of this storage account mounted as "
                "a volume (container groups, container apps, Batch pools, Spring apps, mesh volumes, storage classes).",
                "https://learn.microsoft.com/en-us/azure/container-instances/container-instances-volume-azure-files",
            ),
            (
                "az-dest-storage",
                "azure-native:appplatform:Storage",
                r"properties\.accountName",
                "ref",
                "A Spring Apps storage is the Azure Files account its apps mount and write to.",
                "https://learn.microsoft.com/en-us/azure/spring-apps/basic-standard/how-to-custom-persistent-storage",
            ),
            (
                "az-dest-storage",
                "azure-native:servicefabricmesh:Application",
                r"diagnostics\.sinks\[\]\.accountName",
                "ref",
                "A diagnostics sink receives the application's logs and metrics.",
                "https://learn.microsoft.com/en-us/rest/api/servicefabric/sfmeshrp-api-application_create",
            ),
            (
                "az-dest-storage",
                "azure-native:appcomplianceautomation:Report",
                r"storageInfo\.accountName",
                "ref",
                "A compliance report is saved to this storage account.",
                "https://learn.microsoft.com/en-us/rest/api/appcomplianceautomation/report/create-or-update",
            ),
            (
                "az-dest-storage",
                "azure-native:discovery:StorageContainer",
                r"properties\.storageStore\.storageAccountId",
                "ref",
                "A Discovery storage container keeps its data in this storage account.",
                "https://learn.microsoft.com/en-us/azure/templates/microsoft.discovery/storagecontainers",
            ),
            (
                "az-dest-storage",
                "azure-native:applicationinsights:*Workbook",
                r"storageUri",
                "ref",
                "A bring-your-own-storage workbook keeps its content in this storage account.",
                "https://learn.microsoft.com/en-us/azure/azure-monitor/visualize/workbooks-bring-your-own-storage",
            ),
            (
                "az-dest-storage",
                "azure-native:applicationinsights:ComponentLinkedStorageAccount",
                r"linkedStorageAccount",
                "ref",
                "Profiler and Snapshot Debugger data of the component are stored in the linked storage account.",
                "https://learn.microsoft.com/en-us/azure/azure-monitor/app/profiler-bring-your-own-storage",
            ),
            (
                "az-dest-storage",
                "azure-native:operationalinsights:LinkedStorageAccount",
                r"storageAccountIds\[\]",
                "ref",
                "A workspace's linked storage accounts receive its custom logs, ingestion data, saved queries and "
                "alerts.",
                "https://learn.microsoft.com/en-us/azure/azure-monitor/logs/private-storage",
            ),
            (
                "az-dest-storage",
                "azure-native:storagesync:CloudEndpoint",
                r"storageAccountResourceId",
                "ref",
                "A cloud endpoint is the Azure file share every server endpoint of the sync group syncs its files to.",
                "https://learn.microsoft.com/en-us/azure/storage/file-sync/file-sync-planning",
            ),
            (
                "az-dest-storage",
                "azure-native:databoxedge:*",
                r"storageAccountId|storageAccountCredentialId|azureContainerInfo\.storageAccountCredentialId",
                "ref",
                "A Data Box Gateway/Edge share uploads its files to the storage account its credential names.",
                "https://learn.microsoft.com/en-us/azure/databox-gateway/data-box-gateway-overview",
            ),
            (
                "az-dest-storage",
                "azure-native:datashare:*DataSetMapping",
                r"storageAccountName|synapseWorkspaceSqlPoolTableResourceId",
                "ref",
                "A data set mapping is where a share subscription receives (copies) the shared data.",
                "https://learn.microsoft.com/en-us/azure/data-share/subscribe-to-data-share",
            ),
            (
                "az-dest-storage",
                "azure-native:datalakeanalytics:Account",
                r"defaultDataLakeStoreAccount|dataLakeStoreAccounts\[\]|storageAccounts\[\]",
                "ref",
                "A Data Lake Analytics account keeps job metadata and outputs in its default store and writes job "
                "outputs to its linked stores.",
                "https://learn.microsoft.com/en-us/azure/data-lake-analytics/data-lake-analytics-get-started-portal",
            ),
            (
                "az-dest-storage",
                "azure-native:devtestlab:Disk",
                r"storageAccountId",
                "ref",
                "A lab disk backed by a blob keeps its data in this storage account.",
                "https://learn.microsoft.com/en-us/rest/api/dtl/disks/create-or-update",
            ),
            (
                "az-dest-storage",
                "azure-native:solutions:ApplicationDefinition",
                r"storageAccountId",
                "ref",
                "A bring-your-own-storage managed application definition is stored in this storage account.",
                "https://learn.microsoft.com/en-us/azure/azure-resource-manager/managed-applications/publish-service-catalog-bring-your-own-storage",
            ),
            (
                "az-dest-storage",
                "azure-native:iotoperations*:*",
                r"(properties\.fabricOneLakeSettings|target\.fabricOneLake)\.(names\.workspaceName|guids\.workspaceGuid)",
                "ref",
                "A dataflow endpoint or Data Lake connector writes the brokered messages to this Microsoft Fabric "
                "workspace.",
                "https://learn.microsoft.com/en-us/azure/iot-operations/connect-to-cloud/howto-configure-fabric-endpoint",
            ),
            (
                "az-dest-url",
                "azure-native:monitor:*",
                r"(webhookReceivers|automationRunbookReceivers)\[\]\.serviceUri|azureFunctionReceivers\[\]\."
                r"httpTriggerUrl|logicAppReceivers\[\]\.callbackUrl|notifications\[\]\.webhooks\[\]\.serviceUri",
                "url",
                "Action groups and autoscale notifications post the alert payload (with the resource's data) to these "
                "webhook, function, logic app and runbook URLs.",
                "https://learn.microsoft.com/en-us/azure/azure-monitor/alerts/action-groups",
            ),
            (
                "az-dest-url",
                "azure-native:devtestlab:*",
                r"(.*\.)?(notificationSettings\.webhookUrl|webHookUrl)",
                "url",
                "A lab schedule or notification channel posts its notifications to this webhook.",
                "https://learn.microsoft.com/en-us/azure/devtest-labs/devtest-lab-configure-vm-auto-shutdown",
            ),
            (
                "az-dest-url",
                "azure-native:eventgrid:*Subscription",
                r"(destination|deliveryWithResourceIdentity\.destination)\.endpointUrl",
                "url",
                "A webhook event subscription delivers each event to this URL.",
                "https://learn.microsoft.com/en-us/azure/event-grid/handler-webhooks",
            ),
            (
                "az-dest-url",
                "azure-native:eventgrid:PartnerDestination",
                r"endpointBaseUrl",
                "url",
                "A partner destination delivers events to the partner's endpoint.",
                "https://learn.microsoft.com/en-us/azure/event-grid/partner-events-overview",
            ),
            (
                "az-dest-url",
                "azure-native:web:WebApp*",
                r"(applicationLogs|httpLogs)\.azure(Blob|Table)Storage\.sasUrl|storageAccountUrl",
                "url",
                "App Service writes application and web server logs, and backups, to the storage container at this "
                "SAS URL.",
                "https://learn.microsoft.com/en-us/azure/app-service/troubleshoot-diagnostic-logs",
            ),
            (
                "az-dest-url",
                "azure-native:*",
                r"(.*\.)?diagnosticsProfile\.bootDiagnostics\.storageUri",
                "url",
                "Boot diagnostics write the machine's serial console log and screenshots to this storage account.",
                "https://learn.microsoft.com/en-us/azure/virtual-machines/boot-diagnostics",
            ),
            (
                "az-dest-url",
                "azure-native:compute:VirtualMachine*",
                r"storageProfile\.(osDisk|dataDisks\[\])\.vhd\.uri",
                "url",
                "An unmanaged disk keeps the machine's disk data in the blob at this URI.",
                "https://learn.microsoft.com/en-us/rest/api/compute/virtual-machines/create-or-update",
            ),
            (
                "az-dest-url",
                "azure-native:*",
                r"outputBlobUri|errorBlobUri",
                "url",
                "A run command writes the script's output and errors to these append blobs.",
                "https://learn.microsoft.com/en-us/azure/virtual-machines/windows/run-command-managed",
            ),
            (
                "az-dest-url",
                "azure-native:containerregistry:ExportPipeline",
                r"target\.uri",
                "url",
                "An export pipeline copies artifacts to the storage container at this URI.",
                "https://learn.microsoft.com/en-us/azure/container-registry/container-registry-transfer-images",
            ),
            (
                "az-dest-url",
                "azure-native:digitaltwins:*",
                r"properties\.(endpointUri|topicEndpoint|deadLetterUri|adxEndpointUri|eventHubEndpointUri)",
                "url",
                "Digital Twins routes twin events (and dead letters, and data history) to these endpoints.",
                "https://learn.microsoft.com/en-us/azure/digital-twins/concepts-route-events",
            ),
            (
                "az-dest-url",
                "azure-native:iothub:IotHubResource",
                r"properties\.routing\.endpoints\.[a-zA-Z]+\[\]\.endpointUri",
                "url",
                "Message routing sends device-to-cloud messages to each custom endpoint.",
                "https://learn.microsoft.com/en-us/azure/iot-hub/iot-hub-devguide-messages-d2c",
            ),
            (
                "az-dest-url",
                "azure-native:iotoperationsmq:*",
                r"target\.(datalakeStorage|fabricOneLake)\.endpoint|kafkaConnection\.endpoint|"
                r"remoteBrokerConnection\.endpoint",
                "url",
                "Data Lake, Kafka and MQTT bridge connectors forward the broker's messages to these endpoints.",
                "https://learn.microsoft.com/en-us/azure/iot-operations/connect-to-cloud/overview-dataflow",
            ),
            (
                "az-dest-url",
                "azure-native:app:ManagedEnvironment",
                r"openTelemetryConfiguration\.destinationsConfiguration\.otlpConfigurations\[\]\.endpoint",
                "url",
                "The environment's OpenTelemetry agent sends the apps' logs, metrics and traces to this endpoint.",
                "https://learn.microsoft.com/en-us/azure/container-apps/opentelemetry-agents",
            ),
            (
                "az-dest-url",
                "azure-native:monitor:PipelineGroup",
                r"properties\.exporters\[\]\.(tcp\.url|azureMonitorWorkspaceLogs\.api\.dataCollectionEndpointUrl)",
                "url",
                "A pipeline group's exporters send the collected telemetry to these endpoints.",
                "https://learn.microsoft.com/en-us/azure/azure-monitor/containers/pipeline-overview",
            ),
            (
                "az-dest-url",
                "azure-native:networkcloud:Cluster",
                r"commandOutputSettings\.containerUrl",
                "url",
                "The cluster writes run-command and data-extract output to this storage container.",
                "https://learn.microsoft.com/en-us/rest/api/networkcloud/clusters/create-or-update",
            ),
            (
                "az-dest-url",
                "azure-native:security:Automation",
                r"actions\[\]\.uri",
                "url",
                "A logic app action sends the exported alerts and recommendations to this trigger URI.",
                "https://learn.microsoft.com/en-us/azure/defender-for-cloud/continuous-export",
            ),
            (
                "az-dest-url",
                "azure-native:securityinsights:Action",
                r"triggerUri",
                "url",
                "An automation rule action sends the incident to the logic app at this trigger URI.",
                "https://learn.microsoft.com/en-us/azure/sentinel/automate-responses-with-playbooks",
            ),
            (
                "az-dest-url",
                "azure-native:*",
                r"upstream\.templates\[\]\.urlTemplate|properties\.eventHandlers\[\]\.urlTemplate",
                "url",
                "SignalR upstream and Web PubSub event handlers post client messages and events to these URLs.",
                "https://learn.microsoft.com/en-us/azure/azure-signalr/concept-upstream",
            ),
            (
                "az-dest-url",
                "azure-native:webpubsub:WebPubSubHub",
                r"properties\.eventListeners\[\]\.endpoint",
                "url",
                "An event listener sends the hub's client events to the Event Hubs namespace its "
                "fullyQualifiedNamespace names (<namespace>.servicebus.windows.net; EventHub is the endpoint's only "
                "type).",
                "https://learn.microsoft.com/en-us/azure/azure-web-pubsub/howto-use-event-listener",
            ),
            (
                "az-dest-url",
                "azure-native:solutions:ApplicationDefinition",
                r"notificationPolicy\.notificationEndpoints\[\]\.uri",
                "url",
                "Managed application notifications are posted to these webhook endpoints.",
                "https://learn.microsoft.com/en-us/azure/azure-resource-manager/managed-applications/publish-notifications",
            ),
            (
                "az-dest-url",
                "azure-native:streamanalytics:*",
                r"(functions\[\]\.)?properties\.binding\.endpoint",
                "url",
                "A machine learning function sends the job's events to this scoring endpoint.",
                "https://learn.microsoft.com/en-us/azure/stream-analytics/machine-learning-udf",
            ),
            (
                "az-dest-url",
                "azure-native:virtualmachineimages:VirtualMachineImageTemplate",
                r"distribute\[\]\.uri",
                "url",
                "A VHD distribution writes the built image to the blob at this URI.",
                "https://learn.microsoft.com/en-us/azure/virtual-machines/linux/image-builder-json",
            ),
            (
                "az-dest-url",
                "azure-native:notificationhubs:*",
                r"(pnsCredentials\.)?(gcmCredential\.gcmEndpoint|wnsCredential\.windowsLiveEndpoint|"
                r"apnsCredential\.endpoint|xiaomiCredential\.endpoint)",
                "url",
                "A notification hub sends each push notification's payload to the platform notification service at "
                "this endpoint.",
                "https://learn.microsoft.com/en-us/azure/notification-hubs/notification-hubs-push-notification-overview",
            ),
            (
                "az-dest-url",
                "azure-native:botservice:Bot",
                r"properties\.endpoint",
                "url",
                "The Bot Service sends every user message to the bot's messaging endpoint.",
                "https://learn.microsoft.com/en-us/azure/bot-service/bot-service-manage-settings",
            ),
            (
                "az-dest-url",
                "azure-native:cognitiveservices:RaiExternalSafetyProvider",
                r"properties\.url",
                "url",
                "An external safety provider receives the content to classify at this URL.",
                "https://learn.microsoft.com/en-us/azure/ai-services/openai/concepts/content-filter",
            ),
            (
                "az-dest-url",
                "azure-native:datafactory:Pipeline",
                r"activities\[\]\.(.*\.)?url",
                "url",
                "A Web or Webhook activity sends its request body (which can carry datasets) to this URL.",
                "https://learn.microsoft.com/en-us/azure/data-factory/control-flow-web-activity",
            ),
            (
                "az-dest-url",
                "azure-native:machinelearningservices:*",
                r"properties\.(action\.jobDefinition\.)?outputs\.uri",
                "url",
                "A job writes its outputs to this URI.",
                "https://learn.microsoft.com/en-us/azure/machine-learning/how-to-read-write-data-v2",
            ),
            (
                "az-dest-url",
                "azure-native:integrationspaces:Application",
                r"trackingDataStores\.dataStoreIngestionUri",
                "url",
                "Business process tracking ingests the tracked data into the Data Explorer cluster at this URI.",
                "https://learn.microsoft.com/en-us/azure/integration-environments/create-business-process",
            ),
            (
                "az-dest-url",
                "azure-native:databasewatcher:Watcher",
                r"datastore\.(kustoClusterUri|kustoDataIngestionUri)",
                "url",
                "A database watcher stores the collected monitoring data in this Data Explorer cluster.",
                "https://learn.microsoft.com/en-us/azure/azure-sql/database-watcher-overview",
            ),
            (
                "az-dest-url",
                "azure-native:importexport:Job",
                r"properties\.driveList\[\]\.(errorLogUri|verboseLogUri)",
                "url",
                "An Import/Export job writes each drive's copy logs to these blobs.",
                "https://learn.microsoft.com/en-us/azure/import-export/storage-import-export-tool-reviewing-job-status-v1",
            ),
            (
                "az-dest-url",
                "azure-native:sqlvirtualmachine:SqlVirtualMachine",
                r"autoBackupSettings\.storageAccountUrl",
                "url",
                "Automated Backup writes the SQL Server databases' backups to this storage account.",
                "https://learn.microsoft.com/en-us/azure/azure-sql/virtual-machines/windows/automated-backup",
            ),
            (
                "az-dest-url",
                "azure-native:synapse:Workspace",
                r"defaultDataLakeStorage\.accountUrl",
                "url",
                "A Synapse workspace keeps its data in its primary Data Lake Storage Gen2 account.",
                "https://learn.microsoft.com/en-us/azure/synapse-analytics/quickstart-create-workspace",
            ),
            (
                "az-dest-url",
                "azure-native:*",
                r"storageEndpoint",
                "url",
                "SQL auditing, threat detection and security alert policies write their logs to this blob endpoint.",
                "https://learn.microsoft.com/en-us/azure/azure-sql/database/auditing-overview",
            ),
            (
                "az-dest-url",
                "azure-native:analysisservices:ServerDetails",
                r"backupBlobContainerUri",
                "url",
                "An Analysis Services server writes its backups to this blob container.",
                "https://learn.microsoft.com/en-us/azure/analysis-services/analysis-services-backup",
            ),
            (
                "az-dest-url",
                "azure-native:orbital:ContactProfile",
                r"eventHubUri",
                "url",
                "A contact profile sends the contact's telemetry to this Event Hub.",
                "https://learn.microsoft.com/en-us/azure/orbital/receive-real-time-telemetry",
            ),
            (
                "az-dest-url",
                "azure-native:containerregistry:Webhook",
                r"serviceUri",
                "url",
                "A registry webhook posts push and delete events (with repository and tag data) to this URI.",
                "https://learn.microsoft.com/en-us/azure/container-registry/container-registry-webhook",
            ),
            (
                "az-dest-url",
                "azure-native:appcomplianceautomation:Webhook",
                r"payloadUrl",
                "url",
                "A compliance webhook posts its notifications to this URL.",
                "https://learn.microsoft.com/en-us/rest/api/appcomplianceautomation/webhook/create-or-update",
            ),
            (
                "az-dest-url",
                "azure-native:applicationinsights:ExportConfiguration",
                r"notificationQueueUri",
                "url",
                "Continuous export writes telemetry to the destination at this URI.",
                "https://learn.microsoft.com/en-us/previous-versions/azure/azure-monitor/app/export-telemetry",
            ),
            (
                "az-dest-url",
                "azure-native:devtestlab:Disk",
                r"diskUri",
                "url",
                "A blob-backed lab disk keeps its data in the blob at this URI.",
                "https://learn.microsoft.com/en-us/rest/api/dtl/disks/create-or-update",
            ),
            (
                "az-dest-url",
                "azure-native:deviceregistry:SchemaRegistry",
                r"storageAccountContainerUrl",
                "url",
                "A schema registry stores its schemas in this storage container.",
                "https://learn.microsoft.com/en-us/azure/iot-operations/connect-to-cloud/concept-schema-registry",
            ),
        )
    ),
    *(
        _p(id_, "azure-native", types, path, "none", why=why, source=source)
        for id_, types, path, why, source in (
            (
                "az-none-own-name",
                "azure-native:*",
                r"[a-zA-Z]*(accountName|AccountName|workspaceName|WorkspaceName|EndpointName|endpointName|"
                r"accountResourceIdentifier|workspaceId|accountId|EndpointProfileName|EndpointProfileRef|"
                r"endpointProfileRef|[wW]orkspace[A-Z][a-zA-Z]*Name)",
                "A top-level name or ID of an ARM resource names the resource itself or the parent it is created in "
                "(a container in its storage account, a database in its Cosmos DB account, a Sentinel rule in its "
                "workspace): the child's data lives in that parent, which is judged itself.",
                "https://learn.microsoft.com/en-us/azure/azure-resource-manager/templates/child-resource-name-type",
            ),
            (
                "az-none-scope",
                "azure-native:*",
                r"resourceUri|targetResourceUri|connectedClusterResourceUri",
                "An extension resource's resourceUri is the scope it is attached to (its data, if any, lives there).",
                "https://learn.microsoft.com/en-us/azure/azure-resource-manager/management/extension-resource-types",
            ),
            (
                "az-none-network",
                "azure-native:*",
                r"(?i)(.*\.)?[a-z]*(privateEndpoint[a-z]*|serviceEndpoint[a-z]*|contextualServiceEndpointPolicies|"
                r"ignoreMissingVnetServiceEndpoint|interfaceEndpointName|endpointService|endpointServiceContext|"
                r"dnsResolverOutboundEndpoints|inboundEndpointName|outboundEndpointName|virtualEndpointName|"
                r"accessEndpointIpAddresses|additionalEgressEndpoints|enableDefaultEgressEndpoints|endpoints?Configuration|"
                r"accessEndpoint|urlPathMaps?|urlConfiguration|urlFilteringProfile|urlCustom|targetUrls|"
                r"allowedEndpointRecordTypes|endpointMonitorStatus|endpointStatus|minChildEndpoints(IPv4|IPv6)?|"
                r"trafficRestorationTimeToHealedOrNewEndpointsInMinutes|targetEndpoints|frontendEndpoints|"
                r"dnsEndpointType|publish(Internet|Microsoft)Endpoints|dataEndpointEnabled|publicDataEndpointEnabled|"
                r"tenantEndpointState|relayArmUri|biztalkUri|calloutUriRegex|tapRulesUrl|aclsUrl|accountAccess|"
                r"endpointRuleName|endpointCreation|endpointDeletion|endpointUpdate|netIpv4TcpMaxTwBuckets|"
                r"netNetfilterNfConntrackBuckets|endpointRefs|endpointA|endpointB|proxyUrl|proxyUrlConfiguration|"
                r"connectionUri)(\[\])?",
                "Private endpoints, service endpoints and their policies, DNS resolver endpoints, egress and access "
                "lists, URL filtering and routing rules, traffic manager endpoint states, proxies and kernel settings "
                "are network configuration: they route or filter traffic and hold no data of the resource.",
                "https://learn.microsoft.com/en-us/azure/private-link/private-endpoint-overview",
            ),
            (
                "az-none-secrets",
                "azure-native:*",
                r"(?i)(.*\.)?[a-z]*(accountKey|AccountAccessKey|AccountPrimaryKey|AccountPassword|SasSecretName|"
                r"KeyReference|ConnectionStringName|ConnectionString|SasToken|AccountKeyVaultProperties|"
                r"AccountCredentials(Config)?|AccountCredentialId|workspaceKey|workspaceSecretName|"
                r"keyvaultUri|keyVaultUri|keyVaultUrl|keyVaultBaseUri|keyVaultURL|vaultBaseUrl|vaultUri|keyUrl|keyUri|"
                r"keyURI|secretUrl|secretUri|kekUrl|certificateUrl|keyEncryptionKeyUrl|primaryKeyURI|primaryKeyUri|"
                r"CustomerKeyUri|byoaSecretAkvUrl|clientSecretUrl|passwordUri|usernameUri|dbPasswordUri|"
                r"sslCertificateUri|sapPasswordUri|caCertificateURI|groupFileURI|userFileURI|"
                r"qnaAzureSearchEndpointKey|accountSID|carrierAccountNumber)",
                "Account keys, connection strings, SAS tokens and Key Vault key, secret and certificate URIs are "
                "credentials or encryption keys the resource reads; they move none of its data.",
                "https://learn.microsoft.com/en-us/azure/key-vault/general/about-keys-secrets-certificates",
            ),
            (
                "az-none-identity",
                "azure-native:*",
                r"(?i)(.*\.)?[a-z]*(serviceAccount[a-z]*|runAsAccountId|gmsaAccount[a-z]*|samAccountName|"
                r"activeDirectoryProperties\.accountType|userAccounts|administratorAccount|microsoftAccount[a-z]*|"
                r"legacyMicrosoftAccount|disableLocalAccounts|userAccountCredentials|clusterBootstrapAccount|"
                r"clusterOperatorAccount|sqlServiceAccount|isSqlServiceAccountGmsa|emailAccountAdmins|"
                r"azureActiveDirectoryApplicationIdOrUri|identifierUri|useWorkspaceManagedIdentity|workspaceIdentity|"
                r"[a-z]*ManagedIdentity|userAssignedIdentityArmUrl|identityUrl|initialWorkspaceAdminObjectId|"
                r"cspWorkspaceAdminProperties|domainServiceAccountLoginInformation|endpointConnectLogin|"
                r"endpointAuthenticationMode|endpointAuthentications|testEndpointAuthState|excludedAccounts|"
                r"excludedAccountIds|isOrganizationalAccount|enrollmentAccountName|billingAccount[a-z]*|"
                r"primaryBillingAccountResourceId|accountScope|isDefaultBotForCogSvcAccount|targetWorkspaceTenantId|"
                r"storageAccountTenantId|storageAccountSubscription(Id)?|storageAccountResourceGroup|"
                r"defaultWorkspaceResourceGroup|resourceHydrationAccounts|cloudAccountName|mdmAccount)(\[\])?",
                "Service accounts, run-as and managed identities, administrator and login accounts, Entra "
                "applications, billing accounts and subscription or tenant IDs say who runs, owns or may access the "
                "resource; they move none of its data.",
                "https://learn.microsoft.com/en-us/entra/identity/managed-identities-azure-resources/overview",
            ),
            (
                "az-none-login",
                "azure-native:*",
                r"(?i)(.*\.)?(tokenEndpoint[a-z]*|authorizationEndpoint[a-z]*|logoutEndpoint|certificationUri|"
                r"issuerUri|issuer\.url|metadataUrl|metadataEndpoint|allowedExternalRedirectUrls|[a-z]*redirectUr[il]|"
                r"preserveUrlFragmentsForLogins|sasUrlSettingName|authUrl|authTokenUrl|authorityUrl|resourceUrl|"
                r"sessionLoginRequestUri|discoveryUrl|clientRegistrationEndpoint|changeDecisionCallbackUrl|"
                r"singleSignOnProperties\.url|ssoProperties\.[a-z]+|ldapsUrls|customSettings\.endpoint|"
                r"custom\.endpoint|secretStoreResource\.uri|secretsConfiguration\.uri|azureServiceEndpoint|"
                r"resourceManagerEndpoint|cloudManagementEndpoint|acisEndpoint)(\[\])?",
                "Sign-in, token, redirect, logout, OpenID metadata and management-plane URLs are where the resource "
                "authenticates users or itself; they move none of its data.",
                "https://learn.microsoft.com/en-us/azure/app-service/overview-authentication-authorization",
            ),
            (
                "az-none-docs",
                "azure-native:*",
                r"(?i)(.*\.)?[a-z]*(documentationUr[il]|externalDocsUrl|externalDocumentation\[\]\.url|"
                r"termsOfService(Url|\.url)|privacyStatementUri|releaseNoteUri|iconUr[il]|iconFileUris|helpUrl|"
                r"manufacturerUri|publisherUri|landingPageUrl|dataSchemaUrl|schemaUris?|displayUrl|contacts?\[?\]?\.url|"
                r"license\.url|supportInfo\.url|developerPortalUri|managementPortalUri|runtimeUri|urlTemplate|"
                r"invokeUrlTemplate|externalReferences\[\]\.url|apiDefinition\.url|wsdlDefinition\.url|"
                r"[a-z]*SwaggerUrl|runtimeUrls|endpointQualifiedNames|wsdlEndpointName|sampleBlobUrl|"
                r"checkWorkspaceAlertsStorageConfigured|endpointInformation|notificationEndpoints|"
                r"globalNotificationEndpoints|managementGroupGlobalNotificationEndpoints|linkedNotificationRules\[\]\."
                r"endpoints|resourceTypeRegistrations\[\]\.properties\.endpoints|swaggerSpecFolderUri)(\[\])?",
                "Documentation, contact, licence, terms and icon links, API descriptions and resource-provider "
                "registration metadata describe the resource; they move none of its data.",
                "https://learn.microsoft.com/en-us/azure/api-center/overview",
            ),
            (
                "az-none-reads-from",
                "azure-native:*",
                r"(?i)(.*\.)?(scriptUr[il]|primaryScriptUri|supportingScriptUris|packageFileUri|appPackageUrl|contentUri|"
                r"contentLink\.uri|contentLinkDefinition\.uri|draftContentLink\.uri|publishContentLink\.uri|repoUrl|"
                r"repositoryUrl|templateRepositoryUrl|imageRepositoryUrl|registryUrl|dockerImageUri|codeUri|modelUri|"
                r"dataUri|contextUri|referencedUris|sourceUr[il]s?|httpUrl|storageContainerUrl|blobContainerUri|"
                r"downloadUrl|bomUrl|appSourceUri|uiDefinitionUri|manifestUrl|manifestUri|templateLink\.uri|"
                r"parametersLink\.uri|scriptActions\[\]\.uri|(install|uninstall)ScriptActions\[\]\.uri|"
                r"gitRepository\.url|azureBlob\.url|bucket\.url|bucket\.bucketName|adoGit\.uri|gitHub\.uri|"
                r"packageSource\.url|httpGet\.url|artifacts\[\]\.uri|source\.uri|image\.uri|blobUri|securityDataUri|"
                r"inputs\.uri|trainingData\.uri|testData\.uri|validationData\.uri|checkpointModel\.uri|"
                r"jobInstructions\.uri|openApi\.uri|azureFileUrl|deployerVmPackages\.(url|storageAccountId)|"
                r"sapBitsStorageAccountId|storageContainerUri|storageUrl|dataShareUri|incompleteBlobListUri|"
                r"userScopeFilterUri|redshiftUnloadSettings\.bucketName|mlFlowRegistryUri|aclsUrl|"
                r"autoKeyConfigUrl|fluentdConfigUrl|maConfigUrl|organizations\[\]\.url)(\[\])?",
                "Scripts, packages, templates, repositories, images, models and input data the resource reads or "
                "deploys from (a source, not a destination; a copy's source is classified separately).",
                "https://learn.microsoft.com/en-us/azure/virtual-machines/extensions/custom-script-windows",
            ),
            (
                "az-none-kind",
                "azure-native:*",
                r"(?i)(.*\.)?[a-z]*(storageAccountType|accountType|accountKind|dataAccountType|diskAccountType|"
                r"storageAccountSkuName|acrAccountSku|storageAccountHnsEnabled|databaseAccountOfferType|"
                r"storageAccountStrategy|storageAccountAccessTierPreferences|storageAccountRequired|"
                r"storageAccountStatus|storageAccountVersion|acquireStorageAccountLock|InStagingStorageAccountInMB|"
                r"endpointType|endpointTypes|endpointProfileType|endpointComputeType|bucketSize|workspaceCapping|"
                r"hbiWorkspace|useEncryptedEndpoints|isEndpointParametersEnabled|applyToBuiltInEventHubEndpoint|"
                r"logAnalyticsWorkspaceCreationOption|workspaceUID|workspaceHubConfig|workspaceRepositoryConfiguration|"
                r"globalDatabaseAccountProperties|inferenceEndpointProperties|endpointInvocationDefinition|"
                r"ingestionEndpointConfiguration|eventHubEndpoints|messagingEndpoints|storageAccountSettings|"
                r"automationAccountAuthenticationType|relativeUrl)(\[\])?",
                "Storage account types, SKUs, tiers and kinds (judged by the SKU rows), endpoint types and flags, "
                "sizes and switches configure the resource; they name no place its data goes.",
                "https://learn.microsoft.com/en-us/azure/storage/common/storage-account-overview",
            ),
        )
    ),
    _p(
        "az-dest-backup-source",
        "azure-native",
        "azure-native:dataprotection:BackupInstance",
        r"properties\.(dataSourceInfo|dataSourceSetInfo)\.resourceUri",
        "source",
        reader="ref",
        why="A backup instance protects the data source it names: the Backup vault keeps recovery points (copies of "
        "its data) where the vault is.",
        source="https://learn.microsoft.com/en-us/azure/backup/backup-vault-overview",
    ),
    *(
        _p(id_, "azure-native", types, path, "target", reader=reader, why=why, source=source)
        for id_, types, path, reader, why, source in (
            (
                "az-dest-url",
                "azure-native:eventgrid:NamespaceTopicEventSubscription",
                r"deliveryConfiguration\.push\.(deliveryWithResourceIdentity\.)?destination\.endpointUrl",
                "url",
                "A push event subscription of a namespace topic delivers each event to this webhook URL.",
                "https://learn.microsoft.com/en-us/azure/event-grid/namespace-push-delivery-overview",
            ),
            (
                "az-dest-url",
                "azure-native:scheduler:Job",
                r"properties\.action\.(errorAction\.)?request\.uri",
                "url",
                "A scheduler job's HTTP action sends its request to this URI.",
                "https://learn.microsoft.com/en-us/azure/scheduler/scheduler-concepts-terms",
            ),
            (
                "az-dest-url",
                "azure-native:securityinsights:RestApiPollerDataConnector",
                r"dcrConfig\.dataCollectionEndpoint",
                "url",
                "The connector ingests the polled data through this data collection endpoint.",
                "https://learn.microsoft.com/en-us/azure/sentinel/create-codeless-connector",
            ),
            (
                "az-dest-url",
                "azure-native:manufacturingplatform:ManufacturingDataService",
                r"properties\.fabricProfile\.oneLakeUri",
                "url",
                "The manufacturing data service writes its data to Microsoft Fabric OneLake at this URI.",
                "https://learn.microsoft.com/en-us/rest/api/manufacturingplatform/",
            ),
            (
                "az-dest-url",
                "azure-native:integrationspaces:Application",
                r"trackingDataStores\.dataStoreUri",
                "url",
                "Business process tracking stores the tracked data in the Data Explorer cluster at this URI.",
                "https://learn.microsoft.com/en-us/azure/integration-environments/create-business-process",
            ),
            (
                "az-dest-url",
                "azure-native:databasewatcher:Watcher",
                r"datastore\.kustoManagementUrl",
                "url",
                "A database watcher stores the collected monitoring data in this Data Explorer cluster.",
                "https://learn.microsoft.com/en-us/azure/azure-sql/database-watcher-overview",
            ),
            (
                "az-dest-url",
                "azure-native:elastic:OpenAI",
                r"properties\.openAIResourceEndpoint",
                "url",
                "The Elastic AI assistant sends prompts with the observed data to this Azure OpenAI endpoint.",
                "https://learn.microsoft.com/en-us/azure/partner-solutions/elastic/overview",
            ),
            (
                "az-dest-url",
                "azure-native:quantum:Workspace",
                r"properties\.providers\[\]\.instanceUri",
                "url",
                "Quantum jobs (their inputs) are sent to each provider's instance.",
                "https://learn.microsoft.com/en-us/azure/quantum/qc-target-list",
            ),
            (
                "az-dest-url",
                "azure-native:botservice:Channel",
                r"properties\.properties\.phoneNumbers\[\]\.acsEndpoint",
                "url",
                "The telephony channel carries the calls through this Communication Services resource.",
                "https://learn.microsoft.com/en-us/azure/bot-service/bot-service-channel-connect-telephony",
            ),
            (
                "az-dest-url",
                "azure-native:containerregistry:Task",
                r"trigger\.baseImageTrigger\.updateTriggerEndpoint",
                "url",
                "The registry notifies this endpoint (with the task's run details) when a base image is updated.",
                "https://learn.microsoft.com/en-us/azure/container-registry/container-registry-tasks-base-images",
            ),
            (
                "az-dest-url",
                "azure-native:azurearcdata:SqlServerAvailabilityGroup",
                r"properties\.replicas\.value\[\]\.configure\.endpointUrl",
                "url",
                "An availability group replicates its databases to each replica's database mirroring endpoint.",
                "https://learn.microsoft.com/en-us/sql/database-engine/availability-groups/windows/overview-of-always-on-availability-groups-sql-server",
            ),
            (
                "az-dest-url",
                "azure-native:app:Agent*",
                r"properties\.(incidentManagementConfiguration\.connectionUrl|endpoint)",
                "url",
                "An SRE agent and its connectors send the agent's requests and incident data to these endpoints (not "
                "documented further: treated as a destination, failing closed).",
                "https://learn.microsoft.com/en-us/azure/sre-agent/overview",
            ),
            (
                "az-dest-url",
                "azure-native:confluent:Connector",
                r"connectorServiceTypeInfo\.cosmosConnectionEndpoint",
                "url",
                "A Confluent sink connector writes the topics' records to this Cosmos DB account.",
                "https://learn.microsoft.com/en-us/azure/partner-solutions/apache-kafka-confluent-cloud/add-connectors",
            ),
            (
                "az-dest-storage",
                "azure-native:confluent:Connector",
                r"connectorServiceTypeInfo\.storageAccountName",
                "ref",
                "A Confluent sink connector writes the topics' records to this storage account.",
                "https://learn.microsoft.com/en-us/azure/partner-solutions/apache-kafka-confluent-cloud/add-connectors",
            ),
            (
                "az-dest-storage",
                "azure-native:azuredatatransfer:Flow",
                r"properties\.(storageAccountId|storageAccountName)",
                "ref",
                "A data transfer flow delivers the transferred data into this storage account.",
                "https://learn.microsoft.com/en-us/azure/azure-data-transfer/overview",
            ),
            (
                "az-dest-storage",
                "azure-native:iothub:IotHubResource",
                r"properties\.storageEndpoints",
                "ref",
                "File upload writes the devices' files to the storage account of the $default storage endpoint.",
                "https://learn.microsoft.com/en-us/azure/iot-hub/iot-hub-devguide-file-upload",
            ),
            (
                "az-dest-storage",
                "azure-native:iotoperations:Dataflow*",
                r"properties\.(operations|nodes)\[\]\.destinationSettings\.endpointRef",
                "ref",
                "A dataflow sends the transformed messages to the dataflow endpoint its destination names.",
                "https://learn.microsoft.com/en-us/azure/iot-operations/connect-to-cloud/howto-create-dataflow",
            ),
            (
                "az-dest-storage",
                "azure-native:machinelearning:Workspace",
                r"userStorageAccountId",
                "ref",
                "A Machine Learning Studio (classic) workspace stores its data in this storage account.",
                "https://learn.microsoft.com/en-us/previous-versions/azure/machine-learning/classic/create-workspace",
            ),
            (
                "az-dest-storage",
                "azure-native:monitor:DataCollectionRule*",
                r"dataCollectionEndpointId",
                "ref",
                "Collected data is sent to (and ingested through) this data collection endpoint, in its region.",
                "https://learn.microsoft.com/en-us/azure/azure-monitor/essentials/data-collection-endpoint-overview",
            ),
        )
    ),
    *(
        _p(id_, "azure-native", types, path, "none", why=why, source=source)
        for id_, types, path, why, source in (
            (
                "az-none-container",
                "azure-native:*",
                r"(destinations\.(monitoringAccounts|storageAccounts)\[\]|insights\.logAnalyticsResources\.workspaces"
                r"\[\]|outputs\[\]\.workspaceSettings|additionalWorkspaces\[\]|properties\.exporters\[\]\."
                r"azureMonitorWorkspaceLogs|jobStorageAccount|((properties\.)?outputs\[\]\.)?datasource\.storageAccounts"
                r"\[\]|details\.data(Import|Export)Details\[\]\.accountDetails|properties\.logAnalyticsWorkspaceConfig|"
                r"siteConfig\.azureStorageAccounts|properties\.routing\.endpoints|regionDetails\[\]\.(acrDetails\[\]\."
                r"systemCreatedAcrAccount(\.acrAccountName)?|storageAccountDetails\[\](\.systemCreatedStorageAccount"
                r"(\.storageAccountName)?)?)|(messaging\.)?endpoints|associatedWorkspaces\[\])",
                "Objects whose placing child (the workspace, account or endpoint ID) is classified separately, and "
                "names of the storage and registry accounts a machine learning registry creates in each of its "
                "regions (placed by regionDetails[].location).",
                "https://learn.microsoft.com/en-us/azure/azure-monitor/essentials/data-collection-rule-structure",
            ),
            *(
                (
                    "az-none-routing",
                    types,
                    path,
                    "Backends and routes a gateway or API proxy forwards requests to, failover-group listeners, and "
                    "the resource's own listeners, endpoints and ports (where it is reached): request routing, not a "
                    "place the resource keeps or exports its data.",
                    "https://learn.microsoft.com/en-us/azure/api-management/backends",
                )
                for types, path in (
                    (
                        "azure-native:apimanagement:*",
                        r"serviceUrl|url|proxy\.url|properties\.serviceFabricCluster\.managementEndpoints\[\]",
                    ),
                    ("azure-native:app:JavaComponent", r"properties\.springCloudGatewayRoutes\[\]\.uri"),
                    (
                        "azure-native:appplatform:*",
                        r"properties\.(routes\[\]\.uri|vnetAddons\.[a-zA-Z]*[pP]ublicEndpoint|apiMetadataProperties\.serverUrl)",
                    ),
                    (
                        "azure-native:network:ApplicationGateway",
                        r"(httpListeners\[\]\.)?customErrorConfigurations\[\]\.customErrorPageUrl|redirectConfigurations\[\]\.targetUrl",
                    ),
                    (
                        "azure-native:servicefabricmesh:*",
                        r"(http\[\]\.hosts\[\]\.routes\[\]|tcp\[\])\.destination\.endpointName|services\[\]\.codePackages\[\]\.endpoints\[\]",
                    ),
                    ("azure-native:customproviders:CustomResourceProvider", r"(actions|resourceTypes)\[\]\.endpoint"),
                    ("azure-native:trafficmanager:Profile", r"endpoints\[\]"),
                    ("azure-native:network:ConnectionMonitor", r"endpoints\[\]"),
                    ("azure-native:hdinsight:Application", r"properties\.(httpsEndpoints|sshEndpoints)\[\]"),
                    (
                        "azure-native:machinelearningservices:*",
                        r"properties\.(properties\.customServices\[\]\.endpoints\[\]|services\.endpoint|action\.jobDefinition\.services\.endpoint)|labelingJobProperties\.services\.endpoint",
                    ),
                    ("azure-native:delegatednetwork:*", r"apiServerEndpoint"),
                    (
                        "azure-native:databoxedge:*",
                        r"controllerEndpoint|kubernetesRoleResources\.storage\.endpoints\[\]",
                    ),
                    ("azure-native:sql:*FailoverGroup", r"readWriteEndpoint|readOnlyEndpoint"),
                    (
                        "azure-native:azurearcdata:SqlServerAvailabilityGroup",
                        r"properties\.replicas\.value\[\]\.configure\.(endpointName|readOnlyRoutingUrl|readWriteRoutingUrl)",
                    ),
                    (
                        "azure-native:web:*",
                        r"properties\.(backendUri|backendService\.serviceUrl|testLinks\[\]\.requestUri)",
                    ),
                    ("azure-native:monitor:PipelineGroup", r"properties\.receivers\[\]\.[a-z]+\.endpoint"),
                    ("azure-native:iotoperationsmq:*", r"localBrokerConnection\.endpoint"),
                    ("azure-native:cosmosdb:CassandraCluster", r"properties\.prometheusEndpoint"),
                    ("azure-native:containerregistry:Archife", r"repositoryEndpointPrefix"),
                    (
                        "azure-native:confluent:OrganizationClusterById",
                        r"spec\.(apiEndpoint|httpEndpoint|kafkaBootstrapEndpoint)",
                    ),
                    ("azure-native:compute:GalleryInVMAccessControlProfile", r"properties\.applicableHostEndpoint"),
                    ("azure-native:discovery:Workspace", r"properties\.workspaceSubnetId"),
                    ("azure-native:search:Service", r"endpoint"),
                    ("azure-native:automation:Webhook", r"uri"),
                    ("azure-native:portal:Console", r"properties\.uri"),
                    ("azure-native:dashboard:ManagedPrivateEndpoint", r"privateLinkServiceUrl"),
                    (
                        "azure-native:iothub:IotHubResource",
                        r"properties\.routing\.(enrichments\[\]|fallbackRoute|routes\[\])\.endpointNames\[\]",
                    ),
                    (
                        "azure-native:deviceregistry:*",
                        r"(deviceRef\.endpointName|managementGroups\[\]\.actions\[\]\.targetUri|endpoints)",
                    ),
                    ("azure-native:frontdoor:Experiment", r"endpoint[AB]\.endpoint"),
                    ("azure-native:networkcloud:CloudServicesNetwork", r"additionalEgressEndpoints\[\]\.endpoints\[\]"),
                    (
                        "azure-native:providerhub:*",
                        r"properties\.(globalNotificationEndpoints|linkedNotificationRules\[\]\.endpoints|managementGroupGlobalNotificationEndpoints|endpoints|endpoints\[\]\.extensions)(\[\])?(\.endpointUri)?|properties\.resourceHydrationAccounts\[\]\.accountName",
                    ),
                )
            ),
            *(
                (
                    "az-none-reads-from",
                    types,
                    path,
                    "The resource reads or ingests from this store, scrapes or polls it, or deploys from it (a "
                    "source, not a destination): data connections, migration sources, metric and signal sources.",
                    source,
                )
                for types, path, source in (
                    (
                        "azure-native:*:*DataConnection",
                        r"storageAccountResourceId|cosmosDbAccountResourceId",
                        "https://learn.microsoft.com/en-us/azure/data-explorer/ingest-data-event-grid-overview",
                    ),
                    (
                        "azure-native:operationalinsights:StorageInsightConfig",
                        r"storageAccount",
                        "https://learn.microsoft.com/en-us/azure/azure-monitor/agents/diagnostics-extension-logs",
                    ),
                    (
                        "azure-native:datamigration:*",
                        r"properties\.(backupConfiguration\.sourceLocation\.azureBlob\.storageAccountResourceId|input\.backupBlobShare\.sasUri)",
                        "https://learn.microsoft.com/en-us/azure/dms/tutorial-sql-server-managed-instance-online-ads",
                    ),
                    (
                        "azure-native:databox:Job",
                        r"details\.dataExportDetails\[\]\.accountDetails\.storageAccountId",
                        "https://learn.microsoft.com/en-us/azure/databox/data-box-deploy-export-ordered",
                    ),
                    (
                        "azure-native:*:Entity",
                        r"properties\.signals\.(azureLogAnalytics\.logAnalyticsWorkspaceResourceId|azureMonitorWorkspace(\.azureMonitorWorkspaceResourceId)?)",
                        "https://learn.microsoft.com/en-us/azure/azure-monitor/overview",
                    ),
                    (
                        "azure-native:monitor:Sli",
                        r"properties\.sliProperties\.[a-zA-Z]+\.signalSources\[\]\.sourceAmwAccountResourceId",
                        "https://learn.microsoft.com/en-us/azure/azure-monitor/overview",
                    ),
                    (
                        "azure-native:dashboard:Grafana",
                        r"properties\.grafanaIntegrations\.azureMonitorWorkspaceIntegrations\[\](\.azureMonitorWorkspaceResourceId)?",
                        "https://learn.microsoft.com/en-us/azure/managed-grafana/how-to-connect-azure-monitor-workspace",
                    ),
                    (
                        "azure-native:monitor:AutoscaleSetting",
                        r"profiles\[\]\.rules\[\]\.metricTrigger\.metricResourceUri",
                        "https://learn.microsoft.com/en-us/azure/azure-monitor/autoscale/autoscale-overview",
                    ),
                    (
                        "azure-native:streamanalytics:*",
                        r"(inputs\[\]\.)?properties\.datasource\.(storageAccounts\[\](\.accountName)?|endpoint)",
                        "https://learn.microsoft.com/en-us/azure/stream-analytics/stream-analytics-add-inputs",
                    ),
                    (
                        "azure-native:healthcareapis:AnalyticsConnector",
                        r"dataSourceConfiguration\.url",
                        "https://learn.microsoft.com/en-us/rest/api/healthcareapis/",
                    ),
                    (
                        "azure-native:labservices:Lab",
                        r"rosterProfile\.ltiRosterEndpoint",
                        "https://learn.microsoft.com/en-us/azure/lab-services/",
                    ),
                    (
                        "azure-native:syntex:DocumentProcessor",
                        r"properties\.spoTenantUrl",
                        "https://learn.microsoft.com/en-us/rest/api/syntex/",
                    ),
                    (
                        "azure-native:storagediscovery:StorageDiscoveryWorkspace",
                        r"properties\.workspaceRoots\[\]",
                        "https://learn.microsoft.com/en-us/azure/storage-discovery/overview",
                    ),
                    (
                        "azure-native:securityinsights:*",
                        r"request\.apiEndpoint|repository\.url",
                        "https://learn.microsoft.com/en-us/azure/sentinel/create-codeless-connector",
                    ),
                    (
                        "azure-native:devtestlab:ArtifactSource",
                        r"uri",
                        "https://learn.microsoft.com/en-us/azure/devtest-labs/add-artifact-repository",
                    ),
                    (
                        "azure-native:kubernetesconfiguration:FluxConfiguration",
                        r"bucket",
                        "https://learn.microsoft.com/en-us/azure/azure-arc/kubernetes/conceptual-gitops-flux2",
                    ),
                    (
                        "azure-native:web:WebAppSourceControl*",
                        r"gitHubActionConfiguration\.containerConfiguration\.serverUrl",
                        "https://learn.microsoft.com/en-us/azure/app-service/deploy-github-actions",
                    ),
                    (
                        "azure-native:workloads:ProviderInstance",
                        r"providerSettings\.prometheusUrl",
                        "https://learn.microsoft.com/en-us/azure/sap/monitor/about-azure-monitor-sap-solutions",
                    ),
                    (
                        "azure-native:recoveryservices:ReplicationProtectedItem",
                        r"properties\.providerSpecificDetails\.vmDisks\[\]\.diskUri",
                        "https://learn.microsoft.com/en-us/azure/site-recovery/hyper-v-azure-architecture",
                    ),
                    (
                        "azure-native:cdn:KnowledgeSource",
                        r"url",
                        "https://learn.microsoft.com/en-us/azure/frontdoor/front-door-overview",
                    ),
                    (
                        "azure-native:datashare:*DataSet",
                        r"synapseWorkspaceSqlPoolTableResourceId",
                        "https://learn.microsoft.com/en-us/azure/data-share/share-your-data",
                    ),
                    (
                        "azure-native:iotoperations:*",
                        r"properties\.((operations|nodes)\[\]\.sourceSettings\.endpointRef|nodes\[\]\.graphSettings\.registryEndpointRef|runtimeConfiguration\.helmConfigurationSettings\.registrySettings\.registryEndpointRef)",
                        "https://learn.microsoft.com/en-us/azure/iot-operations/connect-to-cloud/howto-create-dataflow",
                    ),
                    (
                        "azure-native:app:ContainerApp",
                        r"template\.scale\.rules\[\]\.azureQueue\.accountName",
                        "https://learn.microsoft.com/en-us/azure/container-apps/scale-app",
                    ),
                    (
                        "azure-native:automation:SoftwareUpdateConfigurationByName",
                        r"updateConfiguration\.targets\.nonAzureQueries\[\]\.workspaceId",
                        "https://learn.microsoft.com/en-us/azure/automation/update-management/overview",
                    ),
                    (
                        "azure-native:applicationinsights:WebTest",
                        r"request\.requestUrl",
                        "https://learn.microsoft.com/en-us/azure/azure-monitor/app/availability-overview",
                    ),
                )
            ),
            *(
                (
                    "az-none-connection",
                    types,
                    path,
                    "Connection definitions (linked services, datasets, integration runtimes, datastores, service "
                    "links, linked workspaces) say how to reach a store; data moves only when a pipeline, job or "
                    "app uses one, and the store is placed as its own resource. Links and scopes of other kinds "
                    "(solutions installed in a workspace, resources a report or assessment covers, key references) "
                    "move none of the resource's data either.",
                    source,
                )
                for types, path, source in (
                    (
                        "azure-native:datafactory:*",
                        r"properties\.[a-zA-Z.\[\]]+|activities\[\]\.(.*\.)?mlPipelineEndpointId|repoConfiguration\.accountName",
                        "https://learn.microsoft.com/en-us/azure/data-factory/concepts-linked-services",
                    ),
                    (
                        "azure-native:synapse:*",
                        r"properties\.ssisProperties\.catalogInfo\.catalogServerEndpoint|workspaceRepositoryConfiguration\.accountName",
                        "https://learn.microsoft.com/en-us/azure/data-factory/concepts-integration-runtime",
                    ),
                    (
                        "azure-native:servicelinker:*",
                        r"(parameters\.)?targetService\.endpoint",
                        "https://learn.microsoft.com/en-us/azure/service-connector/overview",
                    ),
                    (
                        "azure-native:machinelearningservices:*",
                        r"(properties\.)?(endpoint|accountName|oneLakeWorkspaceName|properties\.(dataLakeStoreAccountName|workspaceUrl|workspaceName)|linkedWorkspaceResourceId)|workspaceSystemAssignedIdentity",
                        "https://learn.microsoft.com/en-us/azure/machine-learning/concept-data",
                    ),
                    (
                        "azure-native:cognitiveservices:*",
                        r"properties\.(amlWorkspace|apiProperties\.(qnaAzureSearchEndpointId|qnaRuntimeEndpoint)|baseUrl|model\.sourceAccount)",
                        "https://learn.microsoft.com/en-us/azure/ai-services/openai/how-to/working-with-models",
                    ),
                    (
                        "azure-native:logic:Workflow",
                        r"integrationAccount",
                        "https://learn.microsoft.com/en-us/azure/logic-apps/logic-apps-enterprise-integration-create-integration-account",
                    ),
                    (
                        "azure-native:databricks:Workspace",
                        r"parameters\.(amlWorkspaceId|storageAccountName)",
                        "https://learn.microsoft.com/en-us/azure/databricks/security/network/storage/firewall-support",
                    ),
                    (
                        "azure-native:hybridconnectivity:PublicCloudConnector",
                        r"awsCloudProfile\.accountId",
                        "https://learn.microsoft.com/en-us/azure/azure-arc/multicloud-connector/overview",
                    ),
                    (
                        "azure-native:appcomplianceautomation:Report",
                        r"resources\[\]\.accountId",
                        "https://learn.microsoft.com/en-us/rest/api/appcomplianceautomation/report/create-or-update",
                    ),
                    (
                        "azure-native:security:Assessment",
                        r"resourceDetails\.workspaceId",
                        "https://learn.microsoft.com/en-us/rest/api/defenderforcloud/assessments/create-or-update",
                    ),
                    (
                        "azure-native:securityinsights:WorkspaceManagerMember",
                        r"targetWorkspaceResourceId",
                        "https://learn.microsoft.com/en-us/azure/sentinel/workspace-manager",
                    ),
                    (
                        "azure-native:operationsmanagement:Solution",
                        r"properties\.workspaceResourceId",
                        "https://learn.microsoft.com/en-us/azure/azure-monitor/insights/solutions",
                    ),
                    (
                        "azure-native:sql:*Key",
                        r"uri",
                        "https://learn.microsoft.com/en-us/azure/azure-sql/database/transparent-data-encryption-byok-overview",
                    ),
                    (
                        "azure-native:batch:BatchAccount",
                        r"keyVaultReference\.url",
                        "https://learn.microsoft.com/en-us/azure/batch/batch-customer-managed-key",
                    ),
                    (
                        "azure-native:cdn:Endpoint",
                        r"urlSigningKeys\[\]",
                        "https://learn.microsoft.com/en-us/azure/cdn/cdn-token-auth",
                    ),
                    (
                        "azure-native:netapp:CapacityPoolBucket",
                        r"bucketName",
                        "https://learn.microsoft.com/en-us/azure/azure-netapp-files/object-rest-api-introduction",
                    ),
                    (
                        "azure-native:workloads:SapVirtualInstance",
                        r"configuration\.(managedRgStorageAccountName|infrastructureConfiguration\.(customResourceNames\.sharedStorage\.sharedStorageAccountName|storageConfiguration\.transportFileShareConfiguration\.storageAccountName))",
                        "https://learn.microsoft.com/en-us/azure/sap/center-sap-solutions/overview",
                    ),
                    (
                        "azure-native:sqlvirtualmachine:SqlVirtualMachineGroup",
                        r"wsfcDomainProfile\.storageAccountUrl",
                        "https://learn.microsoft.com/en-us/azure/azure-sql/virtual-machines/windows/availability-group-quickstart-template-configure",
                    ),
                    (
                        "azure-native:recoveryservices:ReplicationProtectionContainerMapping",
                        r"properties\.providerSpecificInput\.automationAccountArmId",
                        "https://learn.microsoft.com/en-us/azure/site-recovery/azure-to-azure-autoupdate",
                    ),
                )
            ),
        )
    ),
    _p(
        "az-none",
        "azure-native",
        "azure-native:*",
        r"(?i).*",
        "none",
        destinations=False,
        why="Catch-all after the specific patterns above. Its rows were reviewed by searching them for geo, "
        "replica, replication, failover, secondary, partner, pair, region and destination; what remains are network "
        "destinations and ports, time zones, DNS zones, replica counts, failover switches and priorities, partner "
        "(marketplace) identifiers, locations of other things (sources of a copy, Data Factory packages and logs, "
        "custom locations, physical sites) and containers whose placing child is classified separately.",
        source=AZ_PAIRS,
    ),
]

AZURE_TYPES: list[Pattern] = [
    *_types(
        "az-unplaceable",
        "azure-native",
        "azure-native:cdn:* azure-native:frontdoor:* azure-native:network:FrontDoor* azure-native:web:StaticSite*",
        "unplaceable",
        "Azure CDN, Front Door and Static Web Apps serve and cache content from edge locations worldwide.",
        "https://learn.microsoft.com/en-us/azure/frontdoor/front-door-overview",
        home=None,
    ),
    *_types(
        "az-vault-items",
        "azure-native",
        "azure-native:recoveryservices:ProtectedItem azure-native:recoveryservices:ReplicationProtectedItem",
        "child",
        "A protected item is kept in the Recovery Services vault it is registered in (vaultName): its backups live "
        "where the vault stores them, whatever its own location input says.",
        "https://learn.microsoft.com/azure/backup/backup-azure-recovery-services-vault-overview",
        home=None,
    ),
    _p(
        "az-keyvault-pair",
        "azure-native",
        "azure-native:keyvault:Vault",
        None,
        "regional",
        reader="implicit-pair",
        why="Key Vault contents are replicated to the paired region (single-region geographies such as Brazil South "
        "and Qatar Central keep them in-region).",
        source="https://learn.microsoft.com/en-us/azure/key-vault/general/disaster-recovery-guidance",
    ),
    *_types(
        "az-global-identity",
        "azure-native",
        "azure-native:managedidentity:*",
        "global",
        "A managed identity is a service principal in Microsoft Entra ID: credentials for Azure resources, no stored "
        "customer data, whatever region its resource is created in.",
        "https://learn.microsoft.com/entra/identity/managed-identities-azure-resources/overview",
        home=None,
    ),
    *_types(
        "az-global-dns",
        "azure-native",
        "azure-native:dns:* azure-native:privatedns:* azure-native:trafficmanager:* azure-native:network:DnsZone* "
        "azure-native:network:*RecordSet* azure-native:network:TrafficManager*",
        "global",
        "DNS zones and records and Traffic Manager profiles are global routing configuration ('global' location).",
        "https://learn.microsoft.com/en-us/azure/dns/dns-overview",
        home=None,
    ),
    *_types(
        "az-global",
        "azure-native",
        "azure-native:authorization:* azure-native:management:* azure-native:policyinsights:* "
        "azure-native:subscription:* azure-native:billing* azure-native:costmanagement:* azure-native:consumption:* "
        "azure-native:features:* azure-native:managedservices:* azure-native:security:* azure-native:blueprint:* "
        "azure-native:advisor:* azure-native:resources:* azure-native:aadiam:* azure-native:managementpartner:* "
        "azure-native:marketplace:* azure-native:portal:* azure-native:quota:* azure-native:softwareplan:* "
        "azure-native:addons:* azure-native:support:* azure-native:capacity:*",
        "global",
        "Tenant, management-group and subscription scope configuration (RBAC, policy, billing, deployments): no "
        "stored customer data.",
        "https://learn.microsoft.com/en-us/azure/azure-resource-manager/management/overview",
    ),
    _p(
        "az-child",
        "azure-native",
        "azure-native:*",
        None,
        "child",
        home=False,
        why="Resources without a location are ARM nested or extension resources whose data lives in their parent "
        "(documented pattern: a nested resource inherits its parent's location).",
        source="https://learn.microsoft.com/en-us/azure/azure-resource-manager/templates/child-resource-name-type",
    ),
    _p(
        "az-regional",
        "azure-native",
        "azure-native:*",
        None,
        "regional",
        home=True,
        why="Types with a location keep their data there (documented pattern).",
        source=AZ_LOCATION,
    ),
]

PATTERNS += AWS_LATE + AWS_TYPES + GCP + GCP_TYPES + AZURE + AZURE_TYPES


def for_package(package: str) -> list[Pattern]:
    return [p for p in PATTERNS if p.package == package]


def applicable(patterns: list[Pattern], token: str) -> list[Pattern]:
    """The patterns whose type glob matches ``token``, in order."""
    return [p for p in patterns if fnmatchcase(token, p.types)]


def explicit(patterns: list[Pattern], path: str) -> Pattern | None:
    """The first explicit pattern naming ``path`` (surveyed although its name has no location word)."""
    return next((p for p in patterns if p.explicit and p.matches_path(path)), None)


def match(patterns: list[Pattern], path: str | None, has_home: bool = False) -> Pattern | None:
    """The first pattern for a property path, or for the type row when ``path`` is None."""
    for p in patterns:
        if path is None and p.path is None and p.home is not None and p.home != has_home:
            continue
        if p.matches_path(path):
            return p
    return None
