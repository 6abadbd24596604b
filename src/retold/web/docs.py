"""The OpenAPI description turned into what the /api page shows.

FastAPI's own docs pages load Swagger UI from a CDN; this app loads nothing
from the network, so /api is rendered on the server from ``/openapi.json``.
"""

from __future__ import annotations

from typing import Any


def _ref_name(schema: dict[str, Any] | None) -> str | None:
    if not schema:
        return None
    ref = schema.get("$ref") or (schema.get("items") or {}).get("$ref")
    return ref.rsplit("/", 1)[-1] if ref else None


def type_of(schema: dict[str, Any]) -> str:
    """A schema as a short type: ``string``, ``integer | null``, ``list[StoryRow]``.

        >>> type_of({"anyOf": [{"type": "string"}, {"type": "null"}]})
        'string | null'
        >>> type_of({"type": "array", "items": {"$ref": "#/components/schemas/StoryRow"}})
        'list[StoryRow]'
    """
    if "$ref" in schema:
        return str(_ref_name(schema))
    if "anyOf" in schema:
        return " | ".join(type_of(s) for s in schema["anyOf"])
    if schema.get("type") == "array":
        return f"list[{type_of(schema.get('items', {}))}]"
    if "enum" in schema:
        return " | ".join(repr(v) for v in schema["enum"])
    kind = schema.get("type", "any")
    return f"{kind} ({schema['format']})" if "format" in schema else str(kind)


def describe(spec: dict[str, Any]) -> dict[str, Any]:
    """``operations`` (one per path and method) and ``schemas`` (components) for api.html."""
    operations = []
    for path, methods in spec.get("paths", {}).items():
        for method, op in methods.items():
            params = [
                {
                    "name": p["name"],
                    "in": p["in"],
                    "type": type_of(p.get("schema", {})),
                    "required": p.get("required", False),
                    "default": p.get("schema", {}).get("default", ""),
                    "description": p.get("description") or p.get("schema", {}).get("description", ""),
                }
                for p in op.get("parameters", [])
            ]
            body = (op.get("requestBody") or {}).get("content", {}).get("application/json", {}).get("schema")
            responses = [
                (code, r.get("description", ""), _ref_name(r.get("content", {}).get("application/json", {}).get("schema")))
                for code, r in op.get("responses", {}).items()
            ]
            operations.append({
                "method": method, "path": path, "summary": op.get("summary", ""),
                "description": op.get("description", ""), "parameters": params,
                "body": _ref_name(body), "responses": responses,
                "anchor": f"{method}-{path}".replace("/", "-").replace("{", "").replace("}", ""),
            })
    schemas = []
    for name, schema in sorted(spec.get("components", {}).get("schemas", {}).items()):
        required = set(schema.get("required", []))
        fields = [
            {"name": field, "type": type_of(s), "required": field in required, "description": s.get("description", "")}
            for field, s in schema.get("properties", {}).items()
        ]
        schemas.append({"name": name, "description": schema.get("description", ""), "fields": fields})
    return {"operations": operations, "schemas": schemas}
