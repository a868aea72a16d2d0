"""Maps the folder `src/` to the import package `integration_api` (DESIGN.md §1).

pyproject.toml cannot express "find every sub-package of src/ under another name", so
this file does only that (and ships the top-level migrations/ as
`integration_api.migrations`, so a wheel can migrate too); all metadata lives in pyproject.toml.
"""

from setuptools import find_packages, setup

setup(
    package_dir={"integration_api": "src", "integration_api.migrations": "migrations"},
    packages=["integration_api"]
    + [f"integration_api.{p}" for p in find_packages("src")]
    + ["integration_api.migrations", "integration_api.migrations.versions"],
)
