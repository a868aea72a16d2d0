"""How route handlers receive the Application facade.

Annotate the parameter as `application: ApplicationDependency`: it names the dependency
explicitly (Litestar 2.23+ warns that inferred dependencies stop working in 3.0) and tells
the signature model to pass the facade through untouched instead of validating it on
every request.
"""

from __future__ import annotations

from typing import TypeAlias

from litestar.di import NamedDependency
from litestar.params import SkipValidation

from integration_api.application.facade import Application
from integration_api.domain.tenancy import Principal

ApplicationDependency: TypeAlias = SkipValidation[NamedDependency[Application]]

# The authenticated caller, provided by the /v1 and /openai/v1 routers.
PrincipalDependency: TypeAlias = SkipValidation[NamedDependency[Principal]]
