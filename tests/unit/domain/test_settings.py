from pathlib import Path

import pytest

from integration_api.settings import SettingsError, load_settings


def test_defaults_serve_on_9004_with_embedded_storage() -> None:
    settings = load_settings({}, dotenv=None)
    assert settings.port == 9004
    assert settings.effective_database_url.startswith("sqlite+aiosqlite:///")
    assert settings.redis_url == ""


@pytest.mark.parametrize(
    ("variable", "value"),
    [("PORT", "abc"), ("PORT", "70000"), ("ENV", "prod"), ("LOG_FORMAT", "xml"), ("WORKERS", "0")],
)
def test_a_bad_value_names_its_variable(variable: str, value: str) -> None:
    with pytest.raises(SettingsError) as info:
        load_settings({f"INTEGRATION_API_{variable}": value}, dotenv=None)
    message = str(info.value)
    assert f"INTEGRATION_API_{variable}" in message
    assert "\n" not in message


def test_dotenv_is_read_and_the_environment_wins(tmp_path: Path) -> None:
    dotenv = tmp_path / ".env"
    dotenv.write_text("INTEGRATION_API_PORT=9100\nexport INTEGRATION_API_LOG_LEVEL='DEBUG'\n")
    settings = load_settings({"INTEGRATION_API_PORT": "9200"}, dotenv=dotenv)
    assert settings.port == 9200
    assert settings.log_level == "DEBUG"
