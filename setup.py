"""Maps the folder `src/` to the import package `integration_api` (DESIGN.md §1).

pyproject.toml cannot express "find every sub-package of src/ under another name", so
this file does only that; all metadata lives in pyproject.toml.
"""

from setuptools import find_packages, setup

setup(
    package_dir={"integration_api": "src"},
    packages=["integration_api"] + [f"integration_api.{p}" for p in find_packages("src")],
)
