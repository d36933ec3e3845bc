"""FLEET-SEC-002: Kubernetes credentials are kept in Secrets, and those Secrets are masked.

Protects: credentials given to workloads. A ConfigMap is readable by everyone who may read configuration in the
namespace (the built-in view role included), is never encrypted at rest with the cluster's Secrets key, and its
values are stored and shown in plain text by Pulumi. So a ConfigMap must not hold a key named like a credential
(password, token, API/access/private key, connection string, ...) or a value that is one (a PEM private key, an AWS
access key ID, a URL with a password), or a file that sets one (a properties or YAML line ``password=...``, a JAAS
option, a kubeconfig user's ``token`` or ``client-key-data``, a ``.netrc`` or ``redis.conf`` line ``password p`` or
``requirepass p``, a "Key Value" line whose key is a compound naming a credential as in Fluent Bit's classic format
(``HTTP_Passwd p``), a Logstash option ``password => "p"``, a login option's ``user:password`` (Squid's ``login=``),
a PostgreSQL password file line, an XML ``<password>`` element as in Maven's settings.xml, a properties key ending
in a credential word as in Gradle's or RabbitMQ's (``default_pass``), an XML key/value pair as in NuGet's, a BIND
key's ``secret``, a Docker config.json registry ``auth``, an ``Authorization`` header, a Redis ACL ``>password``
rule, a Kubernetes static token file line, an HAProxy ``insecure-password``, a Consul ``tokens`` block), or a secret
known by its prefix (an age identity, GitHub, GitLab and Slack tokens, Slack and Discord webhook URLs, an OpenVPN
static key), unless what it sets is a placeholder filled from elsewhere (``${VAR}``, ``$VAR``, Argo CD's
``$secret:key``, Grafana's ``$__file{...}``); nor a file that is a credential by its name (a Kerberos keytab, a
PKCS#12 or Java keystore, an SSH or TLS private key, an Oracle auto-login wallet, an rsync daemon's secrets file). A
Secret's ``data`` and ``stringData`` must reach Pulumi as secrets (the typed SDK classes mark them; raw
registrations and other tools may not), a Helm release's values must not carry a credential in plain text (a value
naming an existing Secret, ``existingSecret...``, or the key in it, ``<x>SecretKey`` beside ``<x>SecretName``, is
not one), and neither may the environment of a workload's containers (a Pod, Deployment, StatefulSet, DaemonSet,
ReplicaSet, Job or CronJob stores its pod template, ``env`` values included, in its spec, readable by everyone who
may read the workload; ``valueFrom.secretKeyRef`` keeps the value in a Secret:
https://kubernetes.io/docs/tasks/inject-data-application/distribute-credentials-secure/). A ConfigMap's
``binaryData`` is read decoded (a base64-encoded PEM key is still a key), a ``<Kind>Patch`` is held to its kind, a
credential-named key holds a credential whatever value it gets at the update, an environment variable ``{name,
value}`` named like a credential holds one, and data that is not a map is malformed."""

from __future__ import annotations

import base64
import binascii
import re
from collections.abc import Iterator
from typing import Any

from fleetguard.model import (
    CONFIG_MAP,
    HELM_RELEASE,
    SECRET,
    Context,
    Finding,
    Malformed,
    Resource,
    Rule,
    Unknown,
    is_list,
    is_map,
    kind_of,
)

KEY = re.compile(
    r"(passw(or)?d|passwd|pwd|passphrase|passcode|token|secret_?key|api_?key|access_?key|private_?key|client_?secret|"
    r"connection_?string|credentials?|erlang_?cookie|license_?key)$",
    re.IGNORECASE,
)
# A URL's userinfo with a password, the user name possibly empty (redis://:password@host: Redis authenticates with
# a password alone, https://redis.io/docs/latest/operate/oss_and_stack/management/security/#authentication).
# A password the kubelet fills in from another variable ($(DB_PASSWORD), dependent environment variables:
# https://kubernetes.io/docs/tasks/inject-data-application/define-interdependent-environment-variables/) is not one.
# A webhook URL whose path is its credential: Slack's incoming webhooks ("Your webhook URL contains a secret",
# https://api.slack.com/messaging/webhooks) and Discord's (/api/webhooks/<id>/<token>,
# https://discord.com/developers/docs/resources/webhook#execute-webhook): whoever has it may post as the app.
# Secrets recognisable by their documented prefix wherever they appear: an age identity (AGE-SECRET-KEY-1...,
# https://age-encryption.org/v1), GitHub tokens (ghp_, gho_, ghu_, ghs_, ghr_, github_pat_:
# https://github.blog/engineering/platform-security/behind-githubs-new-authentication-token-formats/), GitLab
# personal access tokens (glpat-: https://docs.gitlab.com/security/tokens/#token-prefixes) and Slack tokens (xoxb-,
# xoxp-, ...: https://docs.slack.dev/authentication/tokens), and an OpenVPN static key (a tls-auth or tls-crypt
# pre-shared key every peer holds, inline or in a file: https://openvpn.net/community-resources/reference-manual-for-openvpn-2-6/).
VALUE = re.compile(
    r"-----BEGIN [A-Z ]*PRIVATE KEY( BLOCK)?-----|-----BEGIN OpenVPN Static key V1-----|\bAKIA[0-9A-Z]{16}\b|://[^/\s:@]*:(?!\$\(|\$\{|\{\{)[^/\s:@]+@|"
    r"\bhooks\.slack\.com/services/T\w+/B\w+/\w+|\bdiscord(?:app)?\.com/api/webhooks/\d+/[\w-]+|"
    r"\bAGE-SECRET-KEY-1[0-9A-Z]{58}\b|\bgh[pousr]_[A-Za-z0-9]{36}\b|\bgithub_pat_\w{22,}|\bglpat-[\w-]{20,}|"
    r"\bxox[abposr]-[\w-]{10,}"
)
# A credential set inside a file a value holds: a properties, env or YAML line (password=..., token: ...), a JSON
# member ("token": "..."), a JAAS option (password="..."), a kubeconfig's client-key-data. A placeholder the
# workload fills from elsewhere (${VAR}, {{ .Values.x }}, $(VAR)) is not a credential.
EMBEDDED = re.compile(
    r"""(?ix)(?:^|[\s;,{(.:])["']?(?:passw(?:or)?d|passwd|pwd|passphrase|_?auth_?token|token|api[_-]?key|access[_-]?key|
    secret[_-]?key|client[_-]?secret|client-key-data|private[_-]?key)["']?\s*[=:]\s*["']?(?P<value>(?!>)[^\s"';,}]+)"""
)
# Files that set a credential after a keyword and a blank: a .netrc (machine h login u password p,
# https://www.gnu.org/software/inetutils/manual/html_node/The-_002enetrc-file.html), a redis.conf (requirepass p,
# masterauth p: https://redis.io/docs/latest/operate/oss_and_stack/management/config-file/). A word of prose
# (all lower-case letters) after "password" is not taken for one.
# An HAProxy userlist's insecure-password (clear text: https://docs.haproxy.org/2.8/configuration.html#3.4-user).
SPACED = re.compile(
    r"(?im)(?:^|[ \t])(?:password|passwd|requirepass|masterauth|insecure-password)[ \t]+[\"']?"
    r"(?P<value>(?![=:])[^\s#\"']+)"
)
# A Logstash pipeline option, key => "value" (https://www.elastic.co/guide/en/logstash/current/configuration-file-structure.html).
ARROW = re.compile(
    r"(?im)(?:^|[\s{])(?:[\w.-]*?(?:password|passwd|token|api_?key|secret))[ \t]*=>[ \t]*[\"']?(?P<value>[^\s\"',}\]]+)"
)
# A Helm value naming an existing Secret that holds the credential (existingSecret, existingSecretAdminPassword),
# a convention of the Bitnami and many other charts: a Secret's name, not a credential.
# New Relic's customSecretName and customSecretLicenseKey name a Secret and the key in it
# (https://github.com/newrelic/helm-charts/tree/master/charts/nri-bundle), the same convention.
SECRET_REFERENCE_KEY = re.compile(r"^(existing|custom_?secret)", re.IGNORECASE)
# Keys that are a credential by themselves, too short to match by suffix: a connection's "pass" (Airflow's
# data.metadataConnection.pass, https://airflow.apache.org/docs/helm-chart/stable/parameters-ref.html).
SHORT_KEYS = frozenset({"pass"})
PROSE = re.compile(r"^[a-z]+[.,:]?$")
# A configuration line "Key Value", the key a compound naming a credential: Fluent Bit's classic format
# (HTTP_Passwd p, Splunk_Token t, apikey k: https://docs.fluentbit.io/manual/administration/configuring-fluent-bit/
# classic-mode/format-schema), and alike.
KEYED = re.compile(
    r"(?im)^[ \t]*(?:[\w.-]+[_.-](?:password|passwd|pwd|token|secret|api_?key)|passwd|apikey)[ \t]+"
    r"(?P<value>(?![=:])[^\s#]+)"
)
# A PostgreSQL password file: hostname:port:database:username:password lines
# (https://www.postgresql.org/docs/current/libpq-pgpass.html), whatever the file is called.
PGPASS = re.compile(r"(?m)^[^:\s#]+:[^:\s]+:[^:\s]+:[^:\s]+:(?P<value>\S+)$")
# A credential set in an XML element: Maven's settings.xml <server><password>...</password>
# (https://maven.apache.org/settings.html#servers), and alike.
XML_ELEMENT = re.compile(
    r"(?i)<(?P<tag>password|passphrase|token|apiKey|api_key|secret|secretKey|privateKey)>\s*(?P<value>[^<\s]+)\s*</(?P=tag)>"
)
# A properties line whose key ends in a credential word (Gradle's acmeReleasesPassword=..., SSSD's
# ldap_default_authtok = ..., https://man.archlinux.org/man/sssd-ldap.5),
# https://docs.gradle.org/current/userguide/build_environment.html#sec:gradle_configuration_properties), and an
# XML key/value pair naming one (NuGet's <add key="ClearTextPassword" value="..."/>,
# https://learn.microsoft.com/nuget/reference/nuget-config-file#packagesourcecredentials). Numbers and booleans
# are settings, not secrets.
SUFFIXED = re.compile(
    r"(?im)^[ \t]*(?:[\w.-]*?(?:password|passwd|secret|token|apikey|api_key|accesskey|access_key|authtok)|"
    r"(?:[\w.-]*[_.-])?(?:pass|pwd|passphrase))[ \t]*[=:][ \t]*[\"']?(?P<value>(?!>)[^\s\"']+)"
)
# A user:password pair given to a login option: Squid's cache_peer ... login=user:password
# (https://www.squid-cache.org/Doc/config/cache_peer/; login=PASSTHRU and the other keywords carry none), and alike.
LOGIN_PAIR = re.compile(r"(?i)(?:^|[\s;,])(?:login|auth|basic_?auth|userinfo)=(?P<user>[^:\s=;,]*):(?P<value>[^\s;,]+)")
# Files that are credentials by their name: a Kerberos keytab (a principal's long-term keys:
# https://web.mit.edu/kerberos/krb5-latest/doc/basic/keytab_def.html), a PKCS#12 or Java keystore, an SSH or TLS
# private key, an Oracle auto-login wallet (cwallet.sso holds the wallet's password itself, so it opens without one:
# https://docs.oracle.com/en/database/other-databases/nosql-database/25.1/security/oracle-wallet.html).
# An rsync daemon's secrets file (user:password lines: https://download.samba.org/pub/rsync/rsyncd.conf.5). A public
# key is not one.
CREDENTIAL_FILE = re.compile(
    r"(\.keytab|\.p12|\.pfx|\.jks|\.keystore|(^|[._-])id_(rsa|dsa|ecdsa|ed25519)|\.key|(^|/)cwallet\.sso|"
    r"(^|/)rsyncd\.secrets)$",
    re.I,
)
# A JSON member whose key is a compound ending in a credential word, as in a cloud provider file (external-dns's
# azure.json "aadClientSecret": https://kubernetes-sigs.github.io/external-dns/latest/docs/tutorials/azure/).
JSON_COMPOUND = re.compile(
    r"\"[A-Za-z0-9_-]*(?:Secret|Password|Passwd|Token|ApiKey|AccessKey|PrivateKey)\"\s*:\s*\"(?P<value>[^\"]+)\""
)
# A BIND key statement's shared secret, key "<name>" { algorithm ...; secret "<base64>"; } (a TSIG key that signs
# dynamic updates and zone transfers, https://bind9.readthedocs.io/en/latest/reference.html#key-block-grammar).
BIND_KEY = re.compile(r"(?is)\bkey\s+\"?[\w.-]+\"?\s*\{[^}]*?\bsecret\s+\"(?P<value>[^\"]+)\"")
# A registry login in a Docker config.json ("auths": {"<registry>": {"auth": base64(user:password)}}, as docker login
# stores it without a credential store: https://docs.docker.com/reference/cli/docker/login/#credential-stores).
DOCKER_AUTH = re.compile(
    r"(?s)\"auths\"\s*:\s*\{.*?\"(?:auth|identitytoken|registrytoken)\"\s*:\s*\"(?P<value>[^\"]+)\""
)
# An Authorization header written out (git's http.<url>.extraHeader, https://git-scm.com/docs/git-config#Documentation/
# git-config.txt-httpextraHeader, and alike): its credentials are the header's value.
AUTH_HEADER = re.compile(r"(?i)\bauthorization\s*[:=]\s*\"?(?:basic|bearer|token)\s+(?P<value>[\w.~+/=-]{8,})")
# A Redis ACL user with a cleartext password rule, user <name> ... >password
# (https://redis.io/docs/latest/operate/oss_and_stack/management/security/acl/#acl-rules); #<hash> is a hash.
REDIS_ACL = re.compile(r"(?m)^[ \t]*user[ \t]+\S+(?:[ \t]+\S+)*?[ \t]+>(?P<value>\S+)")
# A Kubernetes static token file, token,user,uid[,"group1,group2"] (each token a bearer credential for its user:
# https://kubernetes.io/docs/reference/access-authn-authz/authentication/#static-token-file).
TOKEN_CSV = re.compile(
    r"(?m)^(?P<value>(?=[^,\s]*\d)(?=[^,\s]*[A-Za-z])[\w.~+/=-]{16,}),[^,\s]+,[^,\s]+(?:,\"[^\"]*\")?[ \t]*$"
)
# A Consul agent's ACL tokens in its configuration, acl { tokens { agent = "...", default = "..." } }
# (https://developer.hashicorp.com/consul/docs/reference/agent/configuration-file/acl#acl_tokens).
TOKENS_BLOCK = re.compile(r"(?s)\btokens\s*\{[^}]*?=\s*\"(?P<value>[^\"]+)\"")
XML_PAIR = re.compile(r"(?i)key=\"[^\"]*(?:password|token|apikey|secret)\"\s+value=\"(?P<value>[^\"]+)\"")
SETTING = re.compile(r"^(\d+|true|false|yes|no|on|off)$", re.IGNORECASE)
# A value that is a reference the reader resolves: ${VAR}, $(VAR), {{ template }}, a $VAR alone (Grafana's provisioning
# files expand $VAR from the environment, https://grafana.com/docs/grafana/latest/administration/provisioning/#using-
# environment-variables) or $<secret>:<key> (Argo CD's argocd-cm reads it from that Secret,
# https://argo-cd.readthedocs.io/en/stable/operator-manual/user-management/#sensitive-data-and-sso-client-secrets).
# Grafana's configuration also expands $__file{path}, $__env{VAR} and $__vault{...}
# (https://grafana.com/docs/grafana/latest/setup-grafana/configure-grafana/#variable-expansion).
PLACEHOLDER = re.compile(
    r"^(\$\{|\$\(|\{\{|<|%|null$|none$|changeme$|\*+$|\$[A-Za-z_][\w.-]*(:[\w.-]+)?$|\$__(file|env|vault)\{)",
    re.IGNORECASE,
)
MAX_DEPTH = 6


def _normal(key: str) -> str:
    return re.sub(r"[-.]", "_", re.sub(r"(?<=[a-z0-9])(?=[A-Z])", "_", key))


def _looks_like_value(value: Any) -> bool:
    if not isinstance(value, str):
        return False
    if VALUE.search(value):
        return True
    # Only a file (several lines, or a JSON document) sets credentials inside a value; a one-line value is judged
    # by its key.
    if "\n" not in value and not value.lstrip().startswith("{"):
        return False
    if any(not PLACEHOLDER.match(m["value"]) for m in EMBEDDED.finditer(value)):
        return True
    for pattern in (SPACED, KEYED, ARROW):
        if any(not PLACEHOLDER.match(m["value"]) and not PROSE.match(m["value"]) for m in pattern.finditer(value)):
            return True
    if any(not PLACEHOLDER.match(m["value"]) for m in XML_ELEMENT.finditer(value)):
        return True
    for pattern in (SUFFIXED, XML_PAIR, JSON_COMPOUND):
        if any(not PLACEHOLDER.match(m["value"]) and not SETTING.match(m["value"]) for m in pattern.finditer(value)):
            return True
    openers = (LOGIN_PAIR, BIND_KEY, DOCKER_AUTH, AUTH_HEADER, REDIS_ACL, TOKEN_CSV, TOKENS_BLOCK)
    if any(not PLACEHOLDER.match(m["value"]) for pattern in openers for m in pattern.finditer(value)):
        return True
    return any(not PLACEHOLDER.match(m["value"]) for m in PGPASS.finditer(value))


def _credential_env_var(value: Any) -> bool:
    if not (is_map(value) and isinstance(value.get("name"), str) and "value" in value):
        return False
    item = value["value"]
    return bool(KEY.search(_normal(value["name"]))) and (
        isinstance(item, Unknown) or (isinstance(item, str) and bool(item))
    )


def plain_credentials(value: Any, prefix: str, depth: int = 0) -> Iterator[str]:
    """Paths of plain credentials in a values tree: credential-named keys with a string value, or
    values that are credentials whatever their key."""
    if depth > MAX_DEPTH or isinstance(value, Unknown):
        return
    if _credential_env_var(value):
        # An environment variable ({name, value}, as charts pass env lists): named like a credential, it holds one.
        yield f"{prefix}.value ({value['name']})"
        return
    if is_map(value):
        for key, item in value.items():
            path = f"{prefix}.{key}" if prefix else str(key)
            named = (
                (
                    bool(KEY.search(_normal(str(key))))
                    or str(key).lower() in SHORT_KEYS
                    or (bool(CREDENTIAL_FILE.search(str(key))) and "pub" not in str(key).lower())
                )
                and not SECRET_REFERENCE_KEY.match(str(key))
                and not _names_secret_key(str(key), value)
            )
            # A credential-named key whose value the reader fills in from elsewhere holds no credential.
            reference = isinstance(item, str) and "\n" not in item and bool(PLACEHOLDER.match(item.strip()))
            if (isinstance(item, str) and item and ((named and not reference) or _looks_like_value(item))) or (
                named and isinstance(item, Unknown)  # a credential-named key is one whatever value it gets
            ):
                yield path
            else:
                yield from plain_credentials(item, path, depth + 1)
    elif is_list(value):
        for i, item in enumerate(value):
            if _looks_like_value(item):
                yield f"{prefix}[{i}]"
            else:
                yield from plain_credentials(item, f"{prefix}[{i}]", depth + 1)


def _names_secret_key(key: str, siblings: Any) -> bool:
    """A chart value naming the key of a Secret another value names: monitoringPasscodeSecretKey beside
    monitoringPasscodeSecretName (SonarQube's chart, https://github.com/SonarSource/helm-chart-sonarqube), and alike."""
    stem = re.sub(r"(Key|_key)$", "", key)
    return stem != key and any(f"{stem}{suffix}" in siblings for suffix in ("Name", "_name"))


def _decoded(binary: Any) -> dict[str, Any]:
    """A ConfigMap's binaryData as text where it decodes (a base64-encoded PEM key is still a key)."""
    found: dict[str, Any] = {}
    for key, value in (binary or {}).items() if is_map(binary) else ():
        try:
            found[key] = base64.b64decode(str(value), validate=True).decode("utf-8", "replace")
        except (ValueError, binascii.Error):
            found[key] = value
    return found


# Objects that carry pod templates, whose containers' environment variables are stored in the object's spec.
WORKLOAD_KINDS = frozenset(
    {"Pod", "PodTemplate", "Deployment", "StatefulSet", "DaemonSet", "ReplicaSet", "ReplicationController", "Job",
     "CronJob"}
)  # fmt: skip
CONTAINER_LISTS = ("containers", "initContainers", "ephemeralContainers")


def container_env(value: Any, prefix: str, depth: int = 0) -> Iterator[str]:
    """Paths of plain credentials in the environment of every container a workload's spec holds: a variable
    named like a credential with a literal value, or a value that is one (``valueFrom`` references a Secret)."""
    if depth > MAX_DEPTH or not is_map(value):
        return
    for key, item in value.items():
        path = f"{prefix}.{key}"
        if key in CONTAINER_LISTS and is_list(item):
            for i, container in enumerate(item):
                env: Any = container.get("env") if is_map(container) else None
                variables: list[Any] = list(env) if is_list(env) else []
                for j, variable in enumerate(variables):
                    literal = variable.get("value") if is_map(variable) else None
                    if isinstance(literal, str) and PLACEHOLDER.match(literal):
                        continue  # $(OTHER_VAR): expanded from another variable, which may come from a Secret
                    if _credential_env_var(variable) or _looks_like_value(literal):
                        yield f"{path}[{i}].env[{j}] ({variable.get('name')})"
        elif is_map(item):
            yield from container_env(item, path, depth + 1)


def check(resource: Resource, ctx: Context) -> Iterator[Finding]:
    name = f"{resource.type} {resource.name!r}"
    kind = kind_of(resource.type)  # a <Kind>Patch writes the same fields
    if resource.type.startswith("kubernetes:") and kind.rsplit(":", 1)[-1] in WORKLOAD_KINDS:
        # A PodTemplate holds its pod template at the top level (template.spec), the others under spec.
        found = [
            *container_env(resource.props.get("spec"), "spec"),
            *container_env(resource.props.get("template"), "template"),
        ]
        if found:
            yield Finding(
                f"{name} sets credentials as plain environment values ({', '.join(found)}), stored in its spec "
                "and readable by anyone who may read the workload; take them from a Secret (env valueFrom "
                "secretKeyRef) created from pulumi secrets"
            )
    for key in ("data", "binaryData", "stringData", "values") if kind in (CONFIG_MAP, SECRET, HELM_RELEASE) else ():
        value = resource.props.get(key)
        if value is not None and not isinstance(value, Unknown) and not is_map(value):
            # The API takes these as maps (a Helm release's values too): another shape is not judged, it is refused.
            raise Malformed(f"{key}: expected an object, got {type(value).__name__}")
    if kind == CONFIG_MAP:
        found = list(plain_credentials(resource.props.get("data") or {}, "data"))
        found += plain_credentials(_decoded(resource.props.get("binaryData")), "binaryData")
        if found:
            yield Finding(
                f"{name} holds credentials in plain configuration ({', '.join(found)}); move them to a Secret "
                "(created from pulumi secrets) and mount or reference that instead"
            )
    elif kind == SECRET:
        plain = [k for k in ("data", "stringData") if resource.props.get(k) and k not in resource.secret_paths]
        if plain:
            yield Finding(
                f"{name} passes {' and '.join(plain)} to Pulumi as plain text, so the values are stored and shown "
                "unmasked; create it with the typed kubernetes.core.v1.Secret class or wrap the values in "
                "pulumi.Output.secret(...)"
            )
    elif kind == HELM_RELEASE and "values" not in resource.secret_paths:
        found = list(plain_credentials(resource.props.get("values") or {}, "values"))
        if found:
            yield Finding(
                f"{name} passes credentials in plain Helm values ({', '.join(found)}); reference an existing Secret "
                "from the chart, or pass the values as pulumi secrets"
            )


RULE = Rule(
    id="FLEET-SEC-002",
    name="kubernetes-credentials-masked",
    title="Ensure Kubernetes credentials live in masked Secrets, not ConfigMaps, plain Helm values or container env",
    severity="high",
    default_level="mandatory",
    rationale="ConfigMaps, plain values and pod specs are readable by viewers, not encrypted at rest, shown by Pulumi.",
    remediation="Keep credentials in Secrets created from pulumi secrets; reference them from ConfigMaps and charts.",
    resource_check=check,
)
