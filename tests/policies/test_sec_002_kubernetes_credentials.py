import base64

import pytest

from fleetguard.model import Malformed, Resource, Unknown
from fleetguard.rules.sec_002_kubernetes_credentials import RULE
from tests.policies.conftest import messages

CONFIG_MAP = "kubernetes:core/v1:ConfigMap"
SECRET = "kubernetes:core/v1:Secret"
RELEASE = "kubernetes:helm.sh/v3:Release"


def obj(type_: str, secret: frozenset[str] = frozenset(), **props: object) -> Resource:
    return Resource(type_, f"urn:{type_}", "app", dict(props), provider_urn="p", secret_paths=secret)


def test_compliant_plain_configuration_and_masked_secrets() -> None:
    assert messages(RULE, obj(CONFIG_MAP, data={"LOG_LEVEL": "info", "DB_HOST": "db", "passwordFile": ""})) == []
    assert messages(RULE, obj(SECRET, frozenset({"stringData"}), stringData={"password": "x"})) == []
    assert messages(RULE, obj(RELEASE, values={"auth": {"existingSecret": "db-creds"}})) == []


def test_fails_credential_key_in_a_config_map() -> None:
    assert messages(RULE, obj(CONFIG_MAP, data={"DB_PASSWORD": "hunter2", "LOG_LEVEL": "info"})) == [
        "kubernetes:core/v1:ConfigMap 'app' holds credentials in plain configuration (data.DB_PASSWORD); move them to "
        "a Secret (created from pulumi secrets) and mount or reference that instead"
    ]


def test_fails_credential_value_in_a_config_map() -> None:
    pem = "-----BEGIN RSA PRIVATE KEY-----\nMIIE...\n-----END RSA PRIVATE KEY-----"
    url = "postgres://app:s3cret@db:5432/app"
    assert "(data.tls, data.DATABASE_URL)" in messages(RULE, obj(CONFIG_MAP, data={"tls": pem, "DATABASE_URL": url}))[0]
    broker = {"BROKER_URL": "redis://:s3cret@redis:6379/0", "CACHE_URL": "redis://redis:6379/1"}
    assert "(data.BROKER_URL)" in messages(RULE, obj(CONFIG_MAP, data=broker))[0]


def test_fails_unmasked_secret() -> None:
    assert messages(RULE, obj(SECRET, stringData={"password": "x"})) == [
        "kubernetes:core/v1:Secret 'app' passes stringData to Pulumi as plain text, so the values are stored and shown "
        "unmasked; create it with the typed kubernetes.core.v1.Secret class or wrap the values in "
        "pulumi.Output.secret(...)"
    ]


def test_fails_credential_in_plain_helm_values() -> None:
    assert messages(RULE, obj(RELEASE, values={"auth": {"rootPassword": "hunter2"}})) == [
        "kubernetes:helm.sh/v3:Release 'app' passes credentials in plain Helm values (values.auth.rootPassword); "
        "reference an existing Secret from the chart, or pass the values as pulumi secrets"
    ]


def test_binary_data_patches_and_unknown_values_are_judged_too() -> None:
    # A base64-encoded PEM key is still a key; a SecretPatch writes the same fields a Secret has; a credential-named
    # key holds a credential whatever value it gets at the update.
    pem = base64.b64encode(b"-----BEGIN PRIVATE KEY-----\nMIIE\n-----END PRIVATE KEY-----\n").decode()
    assert "binaryData.client.pem" in messages(RULE, obj(CONFIG_MAP, binaryData={"client.pem": pem}))[0]
    assert messages(RULE, obj(CONFIG_MAP, binaryData={"logo.png": base64.b64encode(b"\x89PNG").decode()})) == []
    assert "passes stringData" in messages(RULE, obj(SECRET + "Patch", stringData={"password": "x"}))[0]
    assert "data.DB_PASSWORD" in messages(RULE, obj(CONFIG_MAP, data={"DB_PASSWORD": Unknown("urn:x", "data")}))[0]


def test_a_config_map_whose_data_is_not_a_map_is_malformed() -> None:
    with pytest.raises(Malformed, match="data: expected an object, got list"):
        messages(RULE, obj(CONFIG_MAP, data=[{"password": "x"}]))


def test_an_environment_variable_named_like_a_credential_in_helm_values_is_one() -> None:
    env = [{"name": "DB_HOST", "value": "db"}, {"name": "DB_PASSWORD", "value": "hunter2"}]
    assert "values.env[1].value (DB_PASSWORD)" in messages(RULE, obj(RELEASE, values={"env": env}))[0]
    ref = [{"name": "DB_PASSWORD", "valueFrom": {"secretKeyRef": {"name": "db", "key": "password"}}}]
    assert messages(RULE, obj(RELEASE, values={"env": ref})) == []


def test_fails_a_file_in_a_configmap_that_sets_a_credential_and_allows_placeholders() -> None:
    from fleetguard.rules.sec_002_kubernetes_credentials import _looks_like_value

    jaas = 'sasl.jaas.config=ScramLoginModule required username="shop" password="N0t-a-real";\n'
    kubeconfig = '{\n "users": [{"name": "ci", "user": {"token": "eyJhbGciOi.eyJpc3Mi.c2ln"}}]\n}'
    properties = "db.host=10.0.0.5\ndb.password=hunter2\n"
    assert _looks_like_value(jaas) and _looks_like_value(kubeconfig) and _looks_like_value(properties)
    assert not _looks_like_value('password="${KAFKA_PASSWORD}";\nusername=shop\n')
    assert not _looks_like_value('{"users": [{"user": {"exec": {"command": "aws", "args": ["eks", "get-token"]}}}]}')
    assert not _looks_like_value("token_endpoint: https://id.example.com/token\nsecretName: tls\n")
    assert not _looks_like_value("password=x")  # one line: judged by its key, as a value
    assert _looks_like_value("@acme:registry=https://npm.pkg.github.com\n//npm.pkg.github.com/:_authToken=ghp_x1\n")
    assert not _looks_like_value("@acme:registry=https://npm.pkg.github.com\nfund=false\n")
    # Files that set a credential after a blank: .netrc, redis.conf; and PostgreSQL password files.
    assert _looks_like_value("machine repo.example.com\nlogin deploy\npassword 7fQ2vX9m\n")
    assert not _looks_like_value("machine repo.example.com\nlogin deploy\npassword ${NETRC_PASSWORD}\n")
    assert _looks_like_value("bind 0.0.0.0\nrequirepass Zr4pX8vQ\n")
    assert not _looks_like_value("# Set the password in the\n# password secret, never here.\n")
    assert _looks_like_value("db.svc:5432:orders:shop:Vb7nQ2xK\n")
    assert not _looks_like_value("db.svc:5432:orders:shop:${PGPASSWORD}\nstart: 12:30:45\n")
    # "Key Value" lines whose key is a compound naming a credential: Fluent Bit's classic format.
    fluent = "[OUTPUT]\n    Name  es\n    HTTP_User  shipper\n    HTTP_Passwd  Np4vX8qT2mRz7KwL\n"
    assert _looks_like_value(fluent)
    assert not _looks_like_value(fluent.replace("Np4vX8qT2mRz7KwL", "${ES_PASSWORD}"))
    assert not _looks_like_value("[OUTPUT]\n    Name  splunk\n    Splunk_Token_Key  token\n")


def test_a_maven_settings_password_element_is_a_credential() -> None:
    from fleetguard.rules.sec_002_kubernetes_credentials import _looks_like_value

    settings = (
        "<settings>\n<servers><server><id>r</id>\n<password>Tq7vN3xR</password></server></servers>\n</settings>\n"
    )
    assert _looks_like_value(settings)
    assert not _looks_like_value(settings.replace("Tq7vN3xR", "${env.MAVEN_PASSWORD}"))
    # Keys ending in a credential word (Gradle), XML key/value pairs (NuGet); settings are not secrets.
    assert _looks_like_value("org.gradle.jvmargs=-Xmx2g\nacmeReleasesPassword=Rk8vQ2mX\n")
    assert not _looks_like_value("org.gradle.jvmargs=-Xmx2g\nllm.maxToken=4096\ncache.secret=false\n")
    nuget = (
        '<packageSourceCredentials>\n<add key="ClearTextPassword" value="q7Xm2Rv9" />\n</packageSourceCredentials>\n'
    )
    assert _looks_like_value(nuget)
    assert not _looks_like_value(nuget.replace("q7Xm2Rv9", "%NUGET_PASSWORD%"))


def test_fails_credentials_in_a_workloads_container_environment() -> None:
    def workload(env: list) -> Resource:
        template = {"spec": {"containers": [{"name": "app", "image": "app:1", "env": env}]}}
        return obj("kubernetes:apps/v1:Deployment", spec={"template": template})

    assert messages(RULE, workload([{"name": "LOG_LEVEL", "value": "info"}])) == []
    secret_ref = {"secretKeyRef": {"name": "stripe", "key": "api-key"}}
    assert messages(RULE, workload([{"name": "STRIPE_API_KEY", "valueFrom": secret_ref}])) == []
    assert messages(RULE, workload([{"name": "DB_PASSWORD", "value": "$(DB_PASS)"}])) == []
    [message] = messages(RULE, workload([{"name": "STRIPE_API_KEY", "value": "sk_live_51H8"}]))
    assert "(spec.template.spec.containers[0].env[0] (STRIPE_API_KEY))" in message


def test_fails_credentials_in_a_pod_templates_environment() -> None:
    env = [{"name": "AWS_SECRET_ACCESS_KEY", "value": "wJalrXUtnFEMI/K7MDENG"}]
    template = {"spec": {"containers": [{"name": "app", "image": "app:1", "env": env}]}}
    [message] = messages(RULE, obj("kubernetes:core/v1:PodTemplate", template=template))
    assert "(template.spec.containers[0].env[0] (AWS_SECRET_ACCESS_KEY))" in message


def test_logstash_options_and_helm_values_naming_an_existing_secret() -> None:
    from fleetguard.rules.sec_002_kubernetes_credentials import _looks_like_value, plain_credentials

    pipeline = 'output {\n  elasticsearch {\n    user => "shipper"\n    password => "Np4vX8qT2m"\n  }\n}\n'
    assert _looks_like_value(pipeline)
    assert not _looks_like_value(pipeline.replace("Np4vX8qT2m", "${ES_PASSWORD}"))
    # A Helm value naming the Secret that holds the credential (existingSecret...) is not one.
    values = {"existingSecretAdminPassword": "harbor-admin", "existingSecretAdminPasswordKey": "password"}
    assert list(plain_credentials(values, "values")) == []
    assert list(plain_credentials({"harborAdminPassword": "Hx7"}, "values")) == ["values.harborAdminPassword"]


def test_a_connection_pass_is_a_credential() -> None:
    from fleetguard.rules.sec_002_kubernetes_credentials import plain_credentials

    connection = {"metadataConnection": {"user": "airflow", "pass": "Vq8mT3xR", "host": "pg"}}
    assert list(plain_credentials(connection, "values")) == ["values.metadataConnection.pass"]
    assert list(plain_credentials({"bypass": "true", "compass": "north"}, "values")) == []


def test_an_sssd_authtok_is_a_credential() -> None:
    from fleetguard.rules.sec_002_kubernetes_credentials import _looks_like_value

    conf = "[domain/acme]\nldap_default_authtok_type = password\nldap_default_authtok = Wz8qT3vN\n"
    assert _looks_like_value(conf)
    assert not _looks_like_value("[domain/acme]\nldap_default_authtok_type = password\nkrb5_keytab = /etc/krb5\n")


def test_a_login_pair_a_pass_key_and_a_keytab_are_credentials() -> None:
    from fleetguard.rules.sec_002_kubernetes_credentials import _looks_like_value, plain_credentials

    peer = "http_port 3128\ncache_peer proxy.partner.example parent 8080 0 no-query default login={}\n"
    assert _looks_like_value(peer.format("egress:Vq7mT2xR9k"))
    assert not _looks_like_value(peer.format("PASSTHRU"))
    assert _looks_like_value("default_vhost = ledger\ndefault_user = app\ndefault_pass = Tz4mQ8vR\n")
    assert not _looks_like_value("listeners.tcp = none\nbypass = true\nauth_mechanisms.1 = EXTERNAL\n")
    assert list(plain_credentials({"http.keytab": "BQIAAABk", "krb5.conf": "[libdefaults]\n"}, "binaryData")) == [
        "binaryData.http.keytab"
    ]
    assert list(plain_credentials({"signing.pub": "ssh-ed25519 AAAA", "id_ed25519.pub": "x"}, "data")) == []


def test_compound_json_keys_cookies_licence_keys_and_pgp_keys_are_credentials() -> None:
    from fleetguard.rules.sec_002_kubernetes_credentials import _looks_like_value, plain_credentials

    assert _looks_like_value('{\n  "tenantId": "t",\n  "aadClientId": "c",\n  "aadClientSecret": "Zq8~x"\n}')
    assert not _looks_like_value('{\n  "useWorkloadIdentityExtension": true,\n  "aadClientId": "c"\n}')
    assert _looks_like_value("-----BEGIN PGP PRIVATE KEY BLOCK-----\nlQdGBGV\n-----END PGP PRIVATE KEY BLOCK-----\n")
    assert not _looks_like_value("-----BEGIN PGP PUBLIC KEY BLOCK-----\nmQINBGV\n-----END PGP PUBLIC KEY BLOCK-----\n")
    values = {"auth": {"erlangCookie": "rO9sLjq"}, "global": {"licenseKey": "eu01xx", "customSecretLicenseKey": "k"}}
    assert sorted(plain_credentials(values, "values")) == ["values.auth.erlangCookie", "values.global.licenseKey"]
    # A password the kubelet fills in from another variable is not written out.
    assert _looks_like_value("postgres://ledger:Wk7mQ2@db:5432/ledger")
    assert not _looks_like_value("postgres://ledger:$(DB_PASSWORD)@db:5432/ledger")


def test_tsig_keys_wallets_passcodes_and_webhook_urls_are_credentials_and_references_are_not() -> None:
    from fleetguard.rules.sec_002_kubernetes_credentials import _looks_like_value, plain_credentials

    named = 'key "ddns" {{\n    algorithm hmac-sha256;\n    secret "{}";\n}};\noptions {{ recursion no; }};\n'
    assert _looks_like_value(named.format("/xFUI5Cqk50ckqnAHxfXQ6zdT/hkPHT5Xbk5QOMgkA8="))
    assert not _looks_like_value('include "/etc/bind/keys/ddns.key";\noptions { recursion no; }\n')
    assert list(plain_credentials({"cwallet.sso": "oRS2", "sqlnet.ora": "WALLET_LOCATION = x\n"}, "binaryData")) == [
        "binaryData.cwallet.sso"
    ]
    assert list(plain_credentials({"monitoringPasscode": "Mq7vT2xR"}, "values")) == ["values.monitoringPasscode"]
    by_secret = {"monitoringPasscodeSecretName": "sonarqube-monitoring", "monitoringPasscodeSecretKey": "passcode"}
    assert list(plain_credentials(by_secret, "values")) == []
    assert list(plain_credentials({"aws": {"secretKey": "wJalrXUtnFEMI"}}, "values")) == ["values.aws.secretKey"]
    slack = {"global": {"slack_api_url": "https://hooks.slack.com/services/T04ACME1Q/B08LEDGR7/kyeiewhR82Oio9OW"}}
    assert list(plain_credentials(slack, "values")) == ["values.global.slack_api_url"]
    assert list(plain_credentials({"global": {"slack_api_url_file": "/etc/alertmanager/slack/url"}}, "values")) == []
    # Grafana expands $VAR in provisioning files; Argo CD reads $<secret>:<key> from that Secret.
    datasource = "datasources:\n  - name: db\n    secureJsonData:\n      password: {}\n"
    assert _looks_like_value(datasource.format("Rv4mT8xQ2pLz7KwN"))
    assert not _looks_like_value(datasource.format("$LEDGER_DB_PASSWORD"))
    oidc = "name: Entra ID\nclientID: 7a1e\nclientSecret: {}\n"
    assert _looks_like_value(oidc.format("Wq7~Zr2mX8pLv4TkN"))
    assert not _looks_like_value(oidc.format("$argocd-oidc-entra:clientSecret"))


def test_registry_logins_age_identities_headers_acls_and_token_files_are_credentials() -> None:
    from fleetguard.rules.sec_002_kubernetes_credentials import _looks_like_value, plain_credentials

    assert _looks_like_value('{\n  "auths": {\n    "registry.example.com": {"auth": "YWNtZTpQcTd2WDJt"}\n  }\n}')
    assert not _looks_like_value('{\n  "credHelpers": {\n    "1.dkr.ecr.eu-west-1.amazonaws.com": "ecr-login"\n  }\n}')
    identity = "# public key: age1qyqszqgpqyqszqgp\nAGE-SECRET-KEY-1" + "Q" * 58 + "\n"
    assert _looks_like_value(identity)
    assert not _looks_like_value("creation_rules:\n  - age: age164274cqlmkrsmnadrpgqa6fk2dxc8je2uf9mlkksl2736s8\n")
    header = '[http "https://git.example.com/"]\n\textraHeader = AUTHORIZATION: basic eC1hY2Nlc3M6Z2xw\n'
    assert _looks_like_value(header)
    assert not _looks_like_value('[credential "https://git.example.com"]\n\thelper = store --file=/etc/git/creds\n')
    assert _looks_like_value("user default off\nuser api on >Vq8mT3xR7pLz2KwN ~app:* +@read\n")
    assert not _looks_like_value("user default off\nuser api on #e3b0c44298fc1c149afbf4c8996fb924 ~app:* +@read\n")
    assert _looks_like_value('7ea7215166a9336410a482604c0e62ce,acme-ci,1001,"deployers"\n')
    assert not _looks_like_value("region,city,population\neu-west-1,Dublin,1200000\n")
    assert _looks_like_value("token = ghp_" + "a1B2" * 9 + "\nurl = https://api.github.com\n")
    # Grafana expands $__file{...} from a mounted file: the value is where the password is read from.
    values = {"grafana.ini": {"database": {"password": "$__file{/etc/secrets/db/password}"}}}
    assert list(plain_credentials(values, "values")) == []
    assert list(plain_credentials({"grafana.ini": {"database": {"password": "Lm3vQ8x"}}}, "values")) == [
        "values.grafana.ini.database.password"
    ]
    # A file that starts with "<" is a document, not a <placeholder>.
    settings = "<settings>\n  <servers><server><password>Tq7vN3xR9p</password></server></servers>\n</settings>\n"
    assert list(plain_credentials({"settings.xml": settings}, "data")) == ["data.settings.xml"]


def test_openvpn_static_keys_and_rsync_secrets_files_are_credentials() -> None:
    from fleetguard.rules.sec_002_kubernetes_credentials import _looks_like_value, plain_credentials

    profile = "client\nremote vpn.example.net 1194\n<tls-crypt>\n-----BEGIN OpenVPN Static key V1-----\n889ae876\n"
    assert _looks_like_value(profile + "-----END OpenVPN Static key V1-----\n</tls-crypt>\n")
    assert not _looks_like_value("client\nremote vpn.example.net 1194\ntls-crypt /etc/openvpn/tls/ta.key\n")
    files = {"rsyncd.secrets": "archive-reader:NSLc5yntgB\n", "rsyncd.conf": "secrets file = /etc/r/rsyncd.secrets\n"}
    assert list(plain_credentials(files, "data")) == ["data.rsyncd.secrets"]


def test_haproxy_insecure_passwords_and_consul_token_blocks_are_credentials() -> None:
    from fleetguard.rules.sec_002_kubernetes_credentials import _looks_like_value

    userlist = "userlist stats-users\n    user ops insecure-password {}\n"
    assert _looks_like_value(userlist.format("Wd9kR2vXq7LmT4pZ"))
    assert not _looks_like_value(userlist.format('"${STATS_PASSWORD}"'))
    acl = "acl {{\n  enabled = true\n{}}}\n"
    assert _looks_like_value(acl.format('  tokens {\n    agent = "3f6b2c1e-8d4a-4f7e"\n  }\n'))
    assert not _looks_like_value(acl.format('  default_policy = "deny"\n'))
