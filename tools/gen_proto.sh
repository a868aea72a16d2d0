#!/usr/bin/env bash
# Regenerates the gRPC code from proto/integration/v1/*.proto into
# src/entrypoints/grpc/generated/ (committed: the service needs no grpcio-tools at run time).
# Usage: tools/gen_proto.sh [PYTHON]   (default: .venv/bin/python, else python3)
set -euo pipefail
cd "$(dirname "$0")/.."
PY="${1:-}"
if [[ -z "$PY" ]]; then
  if [[ -x .venv/bin/python ]]; then PY=.venv/bin/python; else PY=python3; fi
fi
OUT=src/entrypoints/grpc/generated
# grpclib's plugin (protoc-gen-grpclib_python) is installed beside the interpreter.
export PATH="$(dirname "$("$PY" -c 'import sys; print(sys.executable)')"):$PATH"

rm -rf "$OUT/integration"
mkdir -p "$OUT"
"$PY" -m grpc_tools.protoc -Iproto \
  --python_out="$OUT" --pyi_out="$OUT" --grpclib_python_out="$OUT" \
  proto/integration/v1/*.proto

# protoc writes absolute imports (`import integration.v1.x_pb2`, and grpclib's plugin then
# names `integration.v1.x_pb2.Message`); the code lives inside our package, so make the
# imports package-relative and the references plain module names.
for f in "$OUT"/integration/v1/*.py "$OUT"/integration/v1/*.pyi; do
  sed -i -E \
    -e 's/^import integration\.v1\.([a-z_0-9]+_pb2)$/from . import \1/' \
    -e 's/^from integration\.v1 import ([a-z_0-9]+_pb2)/from . import \1/' \
    -e 's/^import integration\.v1\.([a-z_0-9]+_pb2) as /from . import \1 as /' \
    "$f"
done
sed -i -E 's/\bintegration\.v1\.([a-z_0-9]+_pb2)\b/\1/g' "$OUT"/integration/v1/*_grpc.py
touch "$OUT/__init__.py" "$OUT/integration/__init__.py" "$OUT/integration/v1/__init__.py"
echo "generated into $OUT/integration/v1"
