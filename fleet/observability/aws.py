"""Amazon Managed Service for Prometheus for an EKS cluster: what its managed collector scrapes and
the rules its workspace evaluates (pure).

The managed collector ("scraper") runs outside the cluster, in the cluster's subnets, and reads the
Kubernetes API with an access entry AMP creates for it on clusters in ``API`` authentication mode
(AMP user guide, AMP-collector-how-to.html: its policy allows get/list/watch on nodes, nodes/proxy,
services, endpoints and pods). Its configuration takes Prometheus' ``global``, ``scrape_configs``,
``relabel_configs`` and ``kubernetes_sd_configs``; targets must be found by service discovery, and
the only name it resolves is ``kubernetes.default.svc``; scrape intervals are 30 s or more.

Two jobs feed fleet's alert set (fleet.core.alerts), named as its selectors expect:

- ``kube-state-metrics``: the EKS community add-on of that name, in namespace ``kube-state-metrics``
  (Amazon EKS user guide, community-addons), found through its endpoints and kept by namespace and
  the upstream container port 8080;
- ``kubelet``: each node's kubelet ``/metrics`` (volume statistics) through the API server's node
  proxy, the way AWS's default configuration reaches cAdvisor (``aws amp
  get-default-scraper-configuration``, job ``cadvisor``).
"""

from __future__ import annotations

from typing import Any

import yaml

from fleet.core.alerts import rule_groups

KUBE_STATE_METRICS_ADDON = "kube-state-metrics"  # the add-on's name and the namespace it installs into
KUBE_STATE_METRICS_PORT = "8080"  # upstream kube-state-metrics' metrics port (its --port default)
SCRAPE_INTERVAL = "30s"  # AMP's managed collectors take no shorter interval
RULES_NAMESPACE = "fleet-alerts"
# A managed collector tags its destination workspace with this; stating it keeps `pulumi up` from
# removing it on the next run (pulumi-aws amp.Scraper docs, "Ignoring changes to Prometheus
# Workspace destination").
SCRAPER_TAG = {"AMPAgentlessScraper": ""}
_TOKEN = "/var/run/secrets/kubernetes.io/serviceaccount/token"


def scrape_configuration(cluster: str) -> str:
    """The collector's Prometheus configuration. Every series carries ``cluster``: the alert set
    groups by it, as kubernetes-mixin does with its ``clusterLabel``."""
    config: dict[str, Any] = {
        "global": {"scrape_interval": SCRAPE_INTERVAL, "external_labels": {"cluster": cluster}},
        "scrape_configs": [
            {
                "job_name": "kube-state-metrics",
                "kubernetes_sd_configs": [{"role": "endpoints"}],
                "relabel_configs": [
                    {
                        "source_labels": ["__meta_kubernetes_namespace", "__meta_kubernetes_pod_container_port_number"],
                        "regex": f"{KUBE_STATE_METRICS_ADDON};{KUBE_STATE_METRICS_PORT}",
                        "action": "keep",
                    }
                ],
            },
            {
                "job_name": "kubelet",
                "scheme": "https",
                "authorization": {"credentials_file": _TOKEN},
                "kubernetes_sd_configs": [{"role": "node"}],
                "relabel_configs": [
                    {"replacement": "kubernetes.default.svc:443", "target_label": "__address__"},
                    {
                        "source_labels": ["__meta_kubernetes_node_name"],
                        "regex": "(.+)",
                        "target_label": "__metrics_path__",
                        "replacement": "/api/v1/nodes/$1/proxy/metrics",
                    },
                    {"source_labels": ["__meta_kubernetes_node_name"], "target_label": "node"},
                ],
            },
        ],
    }
    return yaml.safe_dump(config, sort_keys=False)


def rules_file() -> str:
    """The alert set as the rules file a rule groups namespace holds (Prometheus' rule-file format)."""
    return yaml.safe_dump({"groups": rule_groups()}, sort_keys=False, width=1000)
