// Command fleet-stack-reader reads a Pulumi stack file exactly as the Pulumi CLI does and prints the
// config values a program sees, as JSON: {"config": {key: value}}, or {"error": "..."} and exit 1
// where the CLI refuses the file. It is the judge tests/spec/test_cli_reading.py compares
// fleet/spec/source.py against.
//
// It mirrors, from github.com/pulumi/pulumi/sdk/v3 (the version go.mod requires):
//   - workspace.LoadProjectStack (go/common/workspace/loaders.go): read the file, strip a BOM, and
//     LoadProjectStackBytes: encoding.YAML.Unmarshal into any, SimplifyMarshalledProject (string keys
//     only), namespace the keys with the project name, marshal back and encoding.YAML.Unmarshal into
//     workspace.ProjectStack (config.Map of config.Value, built by object.UnmarshalYAML/unmarshalObject);
//   - config.Value.ToObject (go/common/resource/config/value.go): the value the program sees. A secure
//     value, which ToObject gives as its bare ciphertext at the top level, is printed {"secure": "..."}.
package main

import (
	"encoding/json"
	"fmt"
	"os"

	"github.com/pulumi/pulumi/sdk/v3/go/common/workspace"
)

func main() {
	if len(os.Args) != 2 {
		fmt.Fprintln(os.Stderr, "usage: fleet-stack-reader Pulumi.<stack>.yaml")
		os.Exit(2)
	}
	out, err := read(os.Args[1])
	if err != nil {
		out = map[string]any{"error": err.Error()}
	}
	text, merr := json.Marshal(out)
	if merr != nil {
		text, _ = json.Marshal(map[string]any{"error": merr.Error()})
		err = merr
	}
	fmt.Println(string(text))
	if err != nil {
		os.Exit(1)
	}
}

func read(path string) (out map[string]any, err error) {
	// The SDK reports some impossible states with contract.Failf (a panic); the CLI would stop there.
	defer func() {
		if r := recover(); r != nil {
			err = fmt.Errorf("panic: %v", r)
		}
	}()
	stack, err := workspace.LoadProjectStack(nil, &workspace.Project{Name: "fleet"}, path)
	if err != nil {
		return nil, err
	}
	config := map[string]any{}
	for key, value := range stack.Config {
		v, err := value.ToObject()
		if err != nil {
			return nil, fmt.Errorf("%s: %w", key, err)
		}
		if value.Secure() && !value.Object() {
			v = map[string]any{"secure": v}
		}
		config[key.String()] = v
	}
	return map[string]any{"config": config}, nil
}
