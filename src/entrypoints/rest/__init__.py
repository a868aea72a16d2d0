"""The REST surface (Litestar, msgspec schemas, OpenAPI at /schema)."""
