"""No Docker engine runs here, so the compose file and Dockerfile are checked as data."""

from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[3]


def _compose() -> dict:  # type: ignore[type-arg]
    return yaml.safe_load((ROOT / "docker-compose.yml").read_text())  # type: ignore[no-any-return]


def test_compose_runs_the_service_with_postgres_15_and_redis_7() -> None:
    services = _compose()["services"]
    assert services["postgres"]["image"] == "postgres:15"
    assert services["redis"]["image"] == "redis:7"
    api = services["integration-api"]
    assert "9004:9004" in api["ports"]
    assert set(api["depends_on"]) == {"postgres", "redis"}


def test_compose_points_the_service_at_its_servers() -> None:
    env = _compose()["services"]["integration-api"]["environment"]
    assert env["INTEGRATION_API_DATABASE_URL"].startswith("postgresql+asyncpg://")
    assert "@postgres:5432/" in env["INTEGRATION_API_DATABASE_URL"]
    assert env["INTEGRATION_API_REDIS_URL"] == "redis://redis:6379/0"
    assert env["INTEGRATION_API_PORT"] == "9004"
    assert env["INTEGRATION_API_ENV"] == "production"


def test_compose_healthcheck_asks_readiness() -> None:
    check = _compose()["services"]["integration-api"]["healthcheck"]
    assert any("/readiness/" in part for part in check["test"])


def test_dockerfile_runs_as_a_non_root_user() -> None:
    lines = (ROOT / "Dockerfile").read_text().splitlines()
    users = [line.split()[1] for line in lines if line.startswith("USER ")]
    assert users and users[-1] not in {"root", "0"}
    assert "EXPOSE 9004" in lines


def test_makefile_documents_every_required_target() -> None:
    makefile = (ROOT / "Makefile").read_text()
    for target in (
        "run",
        "test",
        "lint",
        "proto",
        "up-integration",
        "logs-integration",
        "rebuild-integration",
        "down-integration",
        "help",
    ):
        assert f"\n{target}:" in makefile and f"{target}:" in makefile
        line = next(ln for ln in makefile.splitlines() if ln.startswith(f"{target}:"))
        assert "## " in line, f"target {target} has no help text"
