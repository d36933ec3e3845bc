"""The stack spec's reference, generated from the model so it cannot drift from what is validated.

Two JSON Schemas (draft 7) for editors: one for stack files (``stacks/Pulumi.<stack>.yaml``,
the spec under ``config: fleet:spec``) and one for shared spec files (``stacks/*.fleet.yaml``);
and ``docs/SPEC.md``, every key with its type, default, constraints and meaning. The meaning is the
model's own docstrings: a class's docstring, and the string literal under a field (the
attribute-docstring convention), read from the model's source as the error messages read it
(``fleet.spec.errors``), rather than enabled in pydantic, so validating a stack pays nothing for it.

A JSON Schema says what a key may hold; checks that span keys (a tenant's cluster exists, a
regime allows the region) stay with ``fleet validate``, which is the judge.
"""

from __future__ import annotations

import inspect
import json
from functools import cache
from pathlib import Path
from typing import Any

import fleet.spec.model as model
from fleet.spec.errors import field_docstring
from fleet.spec.load import CONFIG_KEY, SHARD_KEY, SPEC_FILE_KEY, SPEC_FILE_NAME

SCHEMA_DIR = Path("docs/schema")
STACK_SCHEMA = SCHEMA_DIR / "fleet-stack.schema.json"
SPEC_SCHEMA = SCHEMA_DIR / "fleet-spec.schema.json"
SPEC_DOC = Path("docs/SPEC.md")
EXAMPLES_DIR = Path("docs/examples")
# Draft 7: the newest the YAML language server supports ("Supports JSON Schema 7 and below",
# redhat-developer/yaml-language-server README).
SCHEMA_ID = "http://json-schema.org/draft-07/schema#"
# The comment the YAML language server (VS Code's YAML extension and others) reads to pick a schema.
STACK_MODELINE = "# yaml-language-server: $schema=../docs/schema/fleet-stack.schema.json"
SPEC_MODELINE = "# yaml-language-server: $schema=../docs/schema/fleet-spec.schema.json"


def _tidy(node: Any) -> Any:
    """Drops pydantic's generated titles ("Allowedcidrs"): they repeat the key, worse."""
    if isinstance(node, dict):
        return {k: _tidy(v) for k, v in node.items() if k != "title" or not isinstance(v, str)}
    if isinstance(node, list):
        return [_tidy(v) for v in node]
    return node


@cache
def _spec_schema() -> dict[str, Any]:
    schema = model.FleetSpec.model_json_schema(by_alias=True, ref_template="#/definitions/{model}")
    schema["definitions"] = schema.pop("$defs", {})
    classes = {cls.__name__: cls for cls in vars(model).values() if isinstance(cls, type)}
    for name, definition in [("FleetSpec", schema), *schema["definitions"].items()]:
        cls = classes.get(name)
        if cls is None or not hasattr(cls, "model_fields"):
            continue
        for field, info in cls.model_fields.items():
            key = info.alias or field
            doc = field_docstring(cls, key)
            if doc and key in definition.get("properties", {}):
                definition["properties"][key].setdefault("description", doc)
    return _tidy(schema)


def spec_schema() -> dict[str, Any]:
    """The schema of a shared spec file (``stacks/*.fleet.yaml``): the spec at the top level."""
    schema = json.loads(json.dumps(_spec_schema()))
    return {
        "$schema": SCHEMA_ID,
        "title": "fleet spec file",
        **schema,
    }


def stack_schema() -> dict[str, Any]:
    """The schema of a stack file: Pulumi's stack settings, with the fleet's keys under ``config``."""
    spec = json.loads(json.dumps(_spec_schema()))
    defs = spec.pop("definitions")
    defs["FleetSpec"] = spec
    secure = {
        "type": "object",
        "properties": {"secure": {"type": "string"}},
        "required": ["secure"],
        "additionalProperties": False,
        "description": "A secret, encrypted by `pulumi config set --secret`.",
    }
    return {
        "$schema": SCHEMA_ID,
        "title": "fleet stack file (Pulumi.<stack>.yaml)",
        "description": (
            "A Pulumi stack settings file whose config holds the fleet spec (fleet:spec), or names a shared "
            "spec file (fleet:specFile, with fleet:shard). Other config keys hold the secrets the spec names, "
            "such as an existing cluster's kubeconfig."
        ),
        "type": "object",
        "properties": {
            "config": {
                "type": "object",
                "properties": {
                    CONFIG_KEY: {"$ref": "#/definitions/FleetSpec"},
                    SPEC_FILE_KEY: {
                        "type": "string",
                        "pattern": SPEC_FILE_NAME.pattern,
                        "description": "A spec file in the stack's directory, shared by the environment's shard "
                        "stacks; instead of fleet:spec, never beside it.",
                    },
                    SHARD_KEY: {"type": "string", "description": "The shard of the spec this stack deploys."},
                },
                "additionalProperties": {"anyOf": [secure, {"type": ["string", "number", "boolean"]}]},
            },
        },
        "definitions": defs,
    }


# ---------------------------------------------------------------- docs/SPEC.md


def _type(node: dict[str, Any]) -> str:
    if "$ref" in node:
        name = node["$ref"].rsplit("/", 1)[-1]
        return f"[{name}](#{name.lower()})"
    if "enum" in node:
        return " \\| ".join(f"`{json.dumps(v)}`" for v in node["enum"])
    if "const" in node:
        return f"`{json.dumps(node['const'])}`"
    for union in ("oneOf", "anyOf"):
        if union in node:
            options = [_type(option) for option in node[union]]
            return " \\| ".join(dict.fromkeys(o for o in options if o != "null") or ["null"])
    kind = node.get("type")
    if kind == "array":
        return f"list of {_type(node.get('items', {}))}"
    if kind == "object" and isinstance(node.get("additionalProperties"), dict):
        return f"map of {_type(node['additionalProperties'])}"
    if isinstance(kind, list):
        return " \\| ".join(kind)
    return str(kind or "any")


CONSTRAINTS = (
    ("minLength", "at least {} characters"),
    ("maxLength", "at most {} characters"),
    ("minItems", "at least {} items"),
    ("maxItems", "at most {} items"),
    ("minimum", "≥ {}"),
    ("maximum", "≤ {}"),
    ("exclusiveMinimum", "> {}"),
    ("exclusiveMaximum", "< {}"),
    ("pattern", "matches `{}`"),
)


def _constraints(node: dict[str, Any]) -> str:
    parts: list[str] = []
    for option in [node, *node.get("anyOf", []), *(node.get("items", {}),)]:
        for key, text in CONSTRAINTS:
            if key in option:
                value = option[key]
                parts.append(text.format(value.replace("|", "\\|") if isinstance(value, str) else value))
    return "; ".join(dict.fromkeys(parts))


def _cell(text: str) -> str:
    return " ".join(text.replace("|", "\\|").replace("``", "`").split())


def _default(node: dict[str, Any], required: bool) -> str:
    if required:
        return "**required**"
    if "default" not in node:
        return ""
    value = node["default"]
    if value in (None, [], {}):
        return "none" if value is None else "empty"
    text = json.dumps(value)
    return f"`{text}`" if len(text) <= 60 else "see below"


def _section(name: str, definition: dict[str, Any]) -> list[str]:
    out = [f"### {name}", ""]
    if definition.get("description"):
        out += [inspect.cleandoc(definition["description"]).replace("``", "`"), ""]
    required = set(definition.get("required", ()))
    properties = definition.get("properties", {})
    if properties:
        out += ["| key | type | default | constraints | meaning |", "|---|---|---|---|---|"]
        for key, node in properties.items():
            out.append(
                f"| `{key}` | {_type(node)} | {_default(node, key in required)} | {_cell(_constraints(node))} "
                f"| {_cell(node.get('description', ''))} |"
            )
        out.append("")
    return out


def _order(schema: dict[str, Any]) -> list[str]:
    """Definitions in the order a reader meets them, from the top of the spec down."""
    defs = schema["definitions"]
    seen: list[str] = []

    def visit(node: Any) -> None:
        if isinstance(node, dict):
            ref = node.get("$ref")
            if isinstance(ref, str):
                name = ref.rsplit("/", 1)[-1]
                if name not in seen and name in defs:
                    seen.append(name)
                    visit(defs[name])
            for key, value in node.items():
                if key != "$ref":
                    visit(value)
        elif isinstance(node, list):
            for value in node:
                visit(value)

    visit({k: v for k, v in schema.items() if k != "definitions"})
    return seen + sorted(set(defs) - set(seen))


def examples() -> list[Path]:
    return sorted(EXAMPLES_DIR.glob("*.yaml"))


def markdown(root: Path = Path()) -> str:
    schema = _spec_schema()
    out = [
        "# The stack spec, key by key",
        "",
        "<!-- Generated from fleet/spec/model.py by `python -m fleet.spec.reference`; "
        "tests/spec/test_reference.py fails when it is out of date. Do not edit by hand. -->",
        "",
        "A stack file (`stacks/Pulumi.<stack>.yaml`) holds the spec under `config: fleet:spec:`, or names a",
        "shared spec file (`fleet:specFile: global.fleet.yaml` with `fleet:shard: eu`) that holds it at its",
        "top level. Keys are camelCase; a key not listed here is refused. Editors that speak the YAML",
        "language server's modeline check a file as you type when its first line is",
        "",
        "```yaml",
        STACK_MODELINE,
        "```",
        "",
        f"(`{SPEC_MODELINE.split('=', 1)[1]}` for a spec file). The schemas say what each key may hold;",
        "`fleet validate --stack NAME` also checks what spans keys (every tenant fits somewhere, a regime's",
        "regions exist, each group is mapped for each cloud it is used on) and names file and line.",
        "",
        "## Examples",
        "",
        "Each is a complete stack file that `fleet validate` accepts (tests/spec/test_reference.py",
        "validates every one).",
        "",
    ]
    for path in examples():
        text = (root / path).read_text()
        title = text.splitlines()[0].lstrip("# ").strip() if text.startswith("#") else path.stem
        out += [f"### {path.name}: {title}", "", "```yaml", text.rstrip(), "```", ""]
    out += ["## Keys", ""]
    out += _section("FleetSpec", {k: v for k, v in schema.items() if k != "definitions"})
    for name in _order(schema):
        out += _section(name, schema["definitions"][name])
    return "\n".join(out).rstrip() + "\n"


def rendered(root: Path = Path()) -> dict[Path, str]:
    """Every generated file, by path relative to the project root."""
    return {
        STACK_SCHEMA: json.dumps(stack_schema(), indent=2, ensure_ascii=False) + "\n",
        SPEC_SCHEMA: json.dumps(spec_schema(), indent=2, ensure_ascii=False) + "\n",
        SPEC_DOC: markdown(root),
    }


def main() -> None:
    for path, text in rendered().items():
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text)
        print(f"wrote {path}")


if __name__ == "__main__":
    main()
