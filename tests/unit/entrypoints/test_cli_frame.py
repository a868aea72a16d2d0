"""The `integration-api` command frame: discovered subcommands, a bad setting as one line
and exit code 2, argument checks, and `migrate` on a fresh data directory."""

from __future__ import annotations

import os
import sqlite3
from pathlib import Path

import pytest

from integration_api.domain.errors import KeyUnavailable
from integration_api.entrypoints.cli import command_modules, main, migrate


@pytest.fixture(autouse=True)
def clean_environment(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> Path:
    """No INTEGRATION_API_* from the caller and no .env from the repository."""
    for name in [n for n in os.environ if n.startswith("INTEGRATION_API_")]:
        monkeypatch.delenv(name)
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("INTEGRATION_API_DATA_DIR", str(tmp_path / "data"))
    return tmp_path


def test_serve_and_migrate_are_discovered() -> None:
    assert {"serve", "migrate"} <= set(command_modules())


def test_no_command_prints_help_and_exits_2(capsys: pytest.CaptureFixture[str]) -> None:
    assert main([]) == 2
    assert "serve" in capsys.readouterr().err


@pytest.mark.parametrize("command", ["serve", "migrate"])
def test_a_bad_setting_is_one_line_and_exit_2(
    command: str, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("INTEGRATION_API_WORKERS", "many")
    assert main([command]) == 2
    captured = capsys.readouterr()
    lines = captured.err.strip().splitlines()
    assert len(lines) == 1
    assert "INTEGRATION_API_WORKERS" in lines[0]
    assert captured.out == ""


@pytest.mark.parametrize("arguments", [["--port", "70000"], ["--workers", "0"], ["--port", "x"]])
def test_serve_rejects_bad_arguments(arguments: list[str]) -> None:
    with pytest.raises(SystemExit) as raised:
        main(["serve", *arguments])
    assert raised.value.code == 2


def test_migrate_creates_the_schema_and_can_run_again(
    clean_environment: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["migrate"]) == 0
    assert main(["migrate"]) == 0
    database = clean_environment / "data" / "integration-api.db"
    with sqlite3.connect(database) as connection:
        tables = {row[0] for row in connection.execute("select name from sqlite_master")}
    assert {"credentials", "api_tokens", "audit_log"} <= tables
    assert "latest revision" in capsys.readouterr().out


def test_a_domain_error_is_one_line_and_exit_1(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    def refuse(_args: object) -> int:
        raise KeyUnavailable("production needs INTEGRATION_API_KEYRING")

    monkeypatch.setattr(migrate, "handle", refuse)
    assert main(["migrate"]) == 1
    lines = capsys.readouterr().err.strip().splitlines()
    assert lines == ["key_unavailable: production needs INTEGRATION_API_KEYRING"]
