#!/usr/bin/env bash
# Build the real tools the end-to-end suite runs, from Go modules only (no release binaries):
#   tools/.bin/bin/   pulumi, pulumi-language-python (+ its -exec script), kube-apiserver,
#                     kube-controller-manager, kubectl, etcd
#   tools/.bin/home/  a PULUMI_HOME whose plugins/ holds the Kubernetes provider under the version the
#                     pulumi-kubernetes Python SDK asks for, so the CLI never tries to download it
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

# key MODULE_DIR: a digest of what decides the binaries of one module.
key() {
  (
    cd "$1"
    go version
    echo "$(go env GOOS)/$(go env GOARCH)"
    cat "$here/build.sh" "$here/../.pulumi-version"
    find . -type f \( -name '*.go' -o -name go.mod -o -name go.sum \) ! -name '*-embed.json' | LC_ALL=C sort | xargs sha256sum
  ) | sha256sum | cut -c1-16
}

# cached NAME MODULE_DIR BUILD_FUNCTION: run BUILD_FUNCTION DEST unless the cache has NAME at this key.
cached() {
  local name=$1 dir=$2 build=$3 k dest
  k=$(key "$dir")
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
  cp -a "$dest/." "$out/"
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
    k8s.io/kubernetes/cmd/kubectl
  go build -ldflags "-s -w" -o "$dest/bin/etcd" go.etcd.io/etcd/server/v3
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
  log "tools ready in $out ($((SECONDS - started)) s)"
  if [[ "${1:-}" == "--print-env" ]]; then
    printf 'export PATH=%q:$PATH PULUMI_HOME=%q\n' "$out/bin" "$out/home"
  fi
}

main "$@"
