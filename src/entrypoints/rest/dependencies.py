"""How route handlers receive the Application facade.

Annotate the parameter as `application: ApplicationDependency`. The facade is passed as is:
a bare `Application` annotation would make Litestar's msgspec signature model re-validate
the whole facade dataclass on every request (slow, and it fails on its forward-referenced
fields).
"""

from __future__ import annotations

from typing import TypeAlias

from litestar.di import NamedDependency
from litestar.params import SkipValidation

from integration_api.application.facade import Application

ApplicationDependency: TypeAlias = SkipValidation[NamedDependency[Application]]
