// Command embed-schema writes the two files the provider embeds: the package schema stamped with the release
// version, and the terraform mapping, both re-serialised compactly. It reads them from the provider module's
// cmd/pulumi-resource-kubernetes directory, as upstream's generate step does at release time.
//
// Usage: embed-schema -version 4.25.0 -from <module dir>/cmd/pulumi-resource-kubernetes -to <dir>
package main

import (
	"encoding/json"
	"flag"
	"log"
	"os"
	"path/filepath"

	"github.com/pulumi/pulumi/pkg/v3/codegen/schema"
)

func main() {
	version := flag.String("version", "", "provider release version, without the leading v")
	from := flag.String("from", "", "directory holding schema.json and terraform-mapping.json")
	to := flag.String("to", "", "directory to write schema-embed.json and terraform-mapping-embed.json into")
	flag.Parse()
	if *version == "" || *from == "" || *to == "" {
		log.Fatal("embed-schema: -version, -from and -to are required")
	}

	// Round-tripping through PackageSpec keeps exactly the fields the engine understands, as upstream does.
	var spec schema.PackageSpec
	readJSON(filepath.Join(*from, "schema.json"), &spec)
	spec.Version = *version
	writeJSON(filepath.Join(*to, "schema-embed.json"), spec)

	var mapping any
	readJSON(filepath.Join(*from, "terraform-mapping.json"), &mapping)
	writeJSON(filepath.Join(*to, "terraform-mapping-embed.json"), mapping)
}

func readJSON(path string, into any) {
	data, err := os.ReadFile(path)
	if err != nil {
		log.Fatal(err)
	}
	if err := json.Unmarshal(data, into); err != nil {
		log.Fatalf("%s: %v", path, err)
	}
}

func writeJSON(path string, value any) {
	data, err := json.Marshal(value)
	if err != nil {
		log.Fatalf("%s: %v", path, err)
	}
	if err := os.WriteFile(path, data, 0o600); err != nil {
		log.Fatal(err)
	}
}
