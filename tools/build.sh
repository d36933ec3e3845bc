#!/usr/bin/env bash
# Build the real tools the end-to-end suite runs, from Go modules only (no release binaries):
#   tools/.bin/bin/   pulumi, pulumi-language-python (+ its -exec script), kube-apiserver,
#                     kube-controller-manager, kube-scheduler, kubectl, etcd, kwok (simulated nodes),
#                     vcluster (the virtual cluster's syncer and control plane), kine (its SQLite store)
#                     fleet-stack-reader (a stack file read as the Pulumi CLI reads it, for the tests)
#                     promtool (Prometheus's own rule checker and rule unit-test runner, for the alert set)
#   tools/.bin/share/crds/
#                     prometheus-operator's PrometheusRule CRD, which the e2e servers serve as a cluster
#                     running the operator does
#   tools/.bin/share/kwok/stages.yaml
#                     the node and pod lifecycle kwok simulates (its defaults, from its module)
#   tools/.bin/home/  a PULUMI_HOME whose plugins/ holds the Kubernetes provider under the version the
#                     pulumi-kubernetes Python SDK asks for, so the CLI never tries to download it
#   tools/.bin/charts/vcluster/
#                     the upstream vcluster Helm chart from the same Go module as the binary, at the
#                     version fleet/core/vcluster_chart.py pins (checked: a mismatch fails the build)
# Each tool group is its own Go module under tools/ with every version pinned (see its go.mod).
#
# Finished binaries are cached outside the checkout, keyed by everything that decides them (go.mod,
# go.sum, our sources, this script, the Go version, the platform), so a clean clone rebuilds in seconds.
# Cache: $FLEET_TOOLS_CACHE, default ${XDG_CACHE_HOME:-~/.cache}/fleet-tools. Go's own module and build
# caches apply too. Usage: tools/build.sh [--print-env]
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
out="$here/.bin"
cache="${FLEET_TOOLS_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/fleet-tools}"

# Versions. The CLI is the newest pkg/v3 the module proxy serves (v3.272/3.273 are not served), which is
# newer than the pulumi Python pin: a newer engine with an older SDK is the supported direction. The
# version lives in .pulumi-version, which the workflows' pulumi/actions install too (pulumi-version-file),
# so CI deploys with the CLI the end-to-end suite tests.
PULUMI_VERSION=$(tr -d '[:space:]' < "$here/../.pulumi-version")
# The provider module is served only at v4.25.0's commit; pyproject pins pulumi-kubernetes==4.25.0 to match.
KUBERNETES_PROVIDER_VERSION=4.25.0
KUBERNETES_VERSION=1.36.3
# vcluster (chart and binary) is the version tools/kubernetes/go.mod requires; the product pins its chart
# in fleet/core/vcluster_chart.py, and the two must agree.
VCLUSTER_VERSION=$(awk '$1 == "github.com/loft-sh/vcluster" { print $2 }' "$here/kubernetes/go.mod")
# The PrometheusRule CRD's release (build_prometheus).
PROMETHEUS_OPERATOR_VERSION=v0.94.0
CHART_PIN=$(sed -n 's/^VERSION = "\(.*\)"$/\1/p' "$here/../fleet/core/vcluster_chart.py")

export CGO_ENABLED=0 GOFLAGS="-trimpath -buildvcs=false"

log() { printf 'tools/build.sh: %s\n' "$*" >&2; }

# module_dir MODULE: where the module cache holds MODULE (downloading it first: `go list -m`
# prints an empty directory for a module that is not downloaded yet).
module_dir() {
  local dir
  go mod download "$1"
  dir=$(go list -m -f '{{.Dir}}' "$1")
  [[ -n "$dir" && -d "$dir" ]] || { log "cannot find module $1 in the module cache"; exit 1; }
  printf '%s\n' "$dir"
}

# key MODULE_DIR BUILD_FUNCTION: a digest of what decides the binaries of one module: the Go toolchain
# and platform, the versions above, the build function's own text, and the module's files. Editing
# another tool's build function leaves this one's cache valid.
key() {
  (
    cd "$1"
    go version
    echo "$(go env GOOS)/$(go env GOARCH)"
    echo "$PULUMI_VERSION $KUBERNETES_PROVIDER_VERSION $KUBERNETES_VERSION $VCLUSTER_VERSION $PROMETHEUS_OPERATOR_VERSION"
    declare -f "$2" "module_dir"
    find . -type f \( -name '*.go' -o -name go.mod -o -name go.sum \) ! -name '*-embed.json' | LC_ALL=C sort | xargs sha256sum
  ) | sha256sum | cut -c1-16
}

# cached NAME MODULE_DIR BUILD_FUNCTION: run BUILD_FUNCTION DEST unless the cache has NAME at this key.
cached() {
  local name=$1 dir=$2 build=$3 k dest
  k=$(key "$dir" "$build")
  dest="$cache/$name-$k"
  if [[ -f "$dest/.complete" ]]; then
    log "$name: cached ($dest)"
  else
    log "$name: building (cache key $k)"
    local started=$SECONDS
    rm -rf "$dest.partial" && mkdir -p "$dest.partial"
    (cd "$dir" && "$build" "$dest.partial")
    touch "$dest.partial/.complete"
    rm -rf "$dest" && mv "$dest.partial" "$dest"
    log "$name: built in $((SECONDS - started)) s"
  fi
  # --remove-destination: replacing a binary that is running (an API server of an earlier run) would
  # otherwise fail with "Text file busy".
  cp -a --remove-destination "$dest/." "$out/"
  rm -f "$out/.complete"
}

build_pulumi() {
  local dest=$1
  mkdir -p "$dest/bin"
  go build -ldflags "-s -w -X github.com/pulumi/pulumi/sdk/v3/go/common/version.Version=v$PULUMI_VERSION" \
    -o "$dest/bin/" github.com/pulumi/pulumi/pkg/v3/cmd/pulumi ./cmd/pulumi-language-python
  # The host runs programs through the SDK's executor script, shipped in the same sdk/v3 module.
  local sdk
  sdk=$(module_dir github.com/pulumi/pulumi/sdk/v3)
  install -m 0755 "$sdk/python/cmd/pulumi-language-python-exec" "$dest/bin/pulumi-language-python-exec"
}

build_kubernetes_provider() {
  local dest=$1 module plugin
  module=$(module_dir github.com/pulumi/pulumi-kubernetes/provider/v4)
  go run ./cmd/embed-schema -version "$KUBERNETES_PROVIDER_VERSION" \
    -from "$module/cmd/pulumi-resource-kubernetes" -to ./cmd/pulumi-resource-kubernetes
  plugin="$dest/home/plugins/resource-kubernetes-v$KUBERNETES_PROVIDER_VERSION"
  mkdir -p "$plugin"
  go build -ldflags "-s -w -X github.com/pulumi/pulumi-kubernetes/provider/v4/pkg/version.Version=$KUBERNETES_PROVIDER_VERSION" \
    -o "$plugin/" ./cmd/pulumi-resource-kubernetes
}

build_kubernetes() {
  local dest=$1 minor=${KUBERNETES_VERSION#*.}
  minor=${minor%%.*}
  mkdir -p "$dest/bin"
  local v=k8s.io/component-base/version
  go build -ldflags "-s -w -X $v.gitVersion=v$KUBERNETES_VERSION -X $v.gitMajor=1 -X $v.gitMinor=$minor \
      -X $v.gitTreeState=clean -X k8s.io/client-go/pkg/version.gitVersion=v$KUBERNETES_VERSION" \
    -o "$dest/bin/" k8s.io/kubernetes/cmd/kube-apiserver k8s.io/kubernetes/cmd/kube-controller-manager \
    k8s.io/kubernetes/cmd/kube-scheduler k8s.io/kubernetes/cmd/kubectl
  go build -ldflags "-s -w" -o "$dest/bin/etcd" go.etcd.io/etcd/server/v3
  # In this module so that it shares every compiled Kubernetes package with the binaries above.
  go build -ldflags "-s -w -X github.com/loft-sh/vcluster/pkg/telemetry.SyncerVersion=$VCLUSTER_VERSION" \
    -o "$dest/bin/vcluster" github.com/loft-sh/vcluster/cmd/vcluster
}

# kwok simulates nodes and the lifecycle of their pods; it runs the Stages it is given. These are the
# ones kwokctl gives it by default (pkg/kwokctl/runtime/cluster.go: node-initialize, the heartbeat with
# a lease, pod-ready, pod-complete, pod-delete), from the same module.
build_kwok() {
  local dest=$1 module stages
  mkdir -p "$dest/bin" "$dest/share/kwok"
  go build -ldflags "-s -w" -o "$dest/bin/kwok" sigs.k8s.io/kwok/cmd/kwok
  module=$(module_dir sigs.k8s.io/kwok)
  stages="$module/kustomize/stage"
  for stage in node/fast/node-initialize node/heartbeat-with-lease/node-heartbeat-with-lease \
    pod/fast/pod-ready pod/fast/pod-complete pod/fast/pod-delete; do
    printf -- '---\n'
    cat "$stages/$stage.yaml"
  done > "$dest/share/kwok/stages.yaml"
}

# kine is what the vcluster pod runs as its embedded database (/binaries/kine, from the
# ghcr.io/loft-sh/kubernetes image); without cgo it uses a pure-Go SQLite (modernc.org/sqlite).
build_kine() {
  local dest=$1
  mkdir -p "$dest/bin"
  go build -ldflags "-s -w" -o "$dest/bin/kine" github.com/k3s-io/kine
}

# The stack-file reader tests/spec/test_cli_reading.py compares fleet/spec/source.py against: the
# Pulumi SDK's own reading of a stack file (tools/stack-reader/main.go).
build_stack_reader() {
  local dest=$1
  mkdir -p "$dest/bin"
  go build -ldflags "-s -w" -o "$dest/bin/fleet-stack-reader" .
}

# promtool judges the alert set (tests/observability): `check rules` parses each expression with the
# Prometheus engine and `test rules` evaluates them over series. The PrometheusRule CRD comes from the
# prometheus-operator module at the version below (example/prometheus-operator-crd/, the CRDs its
# release bundles); it is downloaded, not built.
build_prometheus() {
  local dest=$1 operator
  mkdir -p "$dest/bin" "$dest/share/crds"
  go build -ldflags "-s -w" -o "$dest/bin/promtool" github.com/prometheus/prometheus/cmd/promtool
  operator=$(GOFLAGS=-mod=mod go mod download -json "github.com/prometheus-operator/prometheus-operator@$PROMETHEUS_OPERATOR_VERSION" |
    sed -n 's/^[[:space:]]*"Dir": "\(.*\)",$/\1/p')
  [[ -n "$operator" && -d "$operator" ]] || { log "cannot download prometheus-operator $PROMETHEUS_OPERATOR_VERSION"; exit 1; }
  cp "$operator/example/prometheus-operator-crd/monitoring.coreos.com_prometheusrules.yaml" "$dest/share/crds/"
}

# The chart as the vcluster release workflow publishes it: the module's chart/ directory with version
# and appVersion set to the release (.github/workflows/release.yaml, publish-chart: chart-versions and
# app-version are the tag without its "v"); in the module Chart.yaml says 0.0.1.
stage_chart() {
  local dir target="$out/charts/vcluster" version=${VCLUSTER_VERSION#v}
  [[ "$version" == "$CHART_PIN" ]] || {
    log "fleet/core/vcluster_chart.py pins chart $CHART_PIN but tools/kubernetes/go.mod builds vcluster $VCLUSTER_VERSION"
    exit 1
  }
  dir=$(cd "$here/kubernetes" && module_dir "github.com/loft-sh/vcluster")
  rm -rf "$target" && mkdir -p "$out/charts"
  cp -r "$dir/chart" "$target" && chmod -R u+w "$target"
  sed -i -E "s/^version: .*/version: $version/" "$target/Chart.yaml"
  printf 'appVersion: "%s"\n' "$version" >> "$target/Chart.yaml"
  grep -qx "version: $version" "$target/Chart.yaml" || { log "could not set the chart version"; exit 1; }
}

main() {
  command -v go >/dev/null || { log "needs Go (1.26): https://go.dev/dl"; exit 2; }
  mkdir -p "$out" "$cache"
  local started=$SECONDS
  # The Go module must build the version .pulumi-version names.
  grep -Eq "github.com/pulumi/pulumi/pkg/v3 v${PULUMI_VERSION//./\\.}( |\$)" "$here/pulumi/go.mod" ||
    { log ".pulumi-version says $PULUMI_VERSION but tools/pulumi/go.mod requires another pkg/v3"; exit 1; }
  cached pulumi "$here/pulumi" build_pulumi
  cached kubernetes-provider "$here/kubernetes-provider" build_kubernetes_provider
  cached kubernetes "$here/kubernetes" build_kubernetes
  cached kwok "$here/kwok" build_kwok
  cached kine "$here/kine" build_kine
  cached stack-reader "$here/stack-reader" build_stack_reader
  cached prometheus "$here/prometheus" build_prometheus
  stage_chart
  log "tools ready in $out ($((SECONDS - started)) s)"
  if [[ "${1:-}" == "--print-env" ]]; then
    printf 'export PATH=%q:$PATH PULUMI_HOME=%q\n' "$out/bin" "$out/home"
  fi
}

main "$@"
