#!/usr/bin/env bash
# Runs the whole suite against a real PostgreSQL and Redis. When the caller (CI) already
# exported INTEGRATION_API_TEST_POSTGRES_URL / _REDIS_URL they are used as they are;
# otherwise tools/services.sh starts throw-away ones here and stops them afterwards.
set -euo pipefail
cd "$(dirname "$0")/.."

if [[ -z "${INTEGRATION_API_TEST_POSTGRES_URL:-}" || -z "${INTEGRATION_API_TEST_REDIS_URL:-}" ]]; then
    SERVICES_DIR="$(mktemp -d /tmp/integration-api-test.XXXXXX)"
    chmod 755 "$SERVICES_DIR"
    trap 'tools/services.sh stop "$SERVICES_DIR" || true; rm -rf "$SERVICES_DIR"' EXIT
    eval "$(tools/services.sh start "$SERVICES_DIR")"
    export INTEGRATION_API_TEST_SERVICES_DIR="$SERVICES_DIR"
fi

.venv/bin/python -m pytest "$@"
