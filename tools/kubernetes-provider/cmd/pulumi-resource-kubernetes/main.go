// Command pulumi-resource-kubernetes serves the Kubernetes provider plugin, built from the provider module.
//
// Upstream's main package embeds two files that `go generate` writes at release time and that the published
// module does not carry; tools/build.sh produces them here from the module's own schema.json and
// terraform-mapping.json (see cmd/embed-schema), so this package is upstream's entry point with the same inputs.
package main

import (
	_ "embed"

	"github.com/pulumi/pulumi-kubernetes/provider/v4/pkg/provider"
	"github.com/pulumi/pulumi-kubernetes/provider/v4/pkg/version"
)

//go:embed schema-embed.json
var pulumiSchema []byte

//go:embed terraform-mapping-embed.json
var terraformMapping []byte

func main() {
	provider.Serve("kubernetes", version.Version, pulumiSchema, terraformMapping)
}
