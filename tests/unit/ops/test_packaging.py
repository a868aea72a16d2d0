"""`src/` installs as `integration_api`: from the editable install and from a built wheel."""

import subprocess
import sys
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[3]


def test_editable_install_maps_src_to_integration_api() -> None:
    import integration_api.domain.chat

    assert Path(integration_api.domain.chat.__file__).resolve().is_relative_to(ROOT / "src")


def test_built_wheel_imports_and_ships_migrations(tmp_path: Path) -> None:
    subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "wheel",
            "-q",
            "--no-deps",
            "--no-build-isolation",
            "-w",
            str(tmp_path / "dist"),
            str(ROOT),
        ],
        check=True,
        capture_output=True,
    )
    (wheel,) = (tmp_path / "dist").glob("integration_api-*.whl")
    names = zipfile.ZipFile(wheel).namelist()
    assert "integration_api/domain/chat.py" in names
    assert "integration_api/migrations/env.py" in names
    assert not any(n.startswith(("src/", "domain/", "application/")) for n in names)
    site = tmp_path / "site"
    zipfile.ZipFile(wheel).extractall(site)
    probe = (
        "import integration_api.domain.chat as c, integration_api.migrations as m;"
        "print(c.__file__); print(m.__file__)"
    )
    out = subprocess.run(
        [sys.executable, "-c", probe],
        check=True,
        capture_output=True,
        text=True,
        env={"PYTHONPATH": str(site), "PATH": "/usr/bin:/bin"},
    ).stdout.split()
    assert all(Path(p).is_relative_to(site) for p in out)
