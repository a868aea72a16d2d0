"""/v1/credentials: store (verified first), list, read, patch, delete, rotate, verify."""

from __future__ import annotations

from litestar import delete, get, patch, post, put
from litestar.params import FromPath, FromQuery, JSONBody, Parameter

from integration_api.application.use_cases.credentials.create_credential import NewCredential
from integration_api.application.use_cases.credentials.update_credential import CredentialPatch
from integration_api.entrypoints.rest.dependencies import ApplicationDependency, PrincipalDependency
from integration_api.entrypoints.rest.v1.credential_schemas import (
    CreateCredentialBody,
    CredentialPageView,
    CredentialView,
    PatchCredentialBody,
    RotateSecretBody,
    VerificationView,
    VerifyCandidateBody,
)

ID = "/credentials/{credential_id:str}"


@post("/credentials", status_code=201)
async def create_credential(
    data: JSONBody[CreateCredentialBody],
    application: ApplicationDependency,
    principal: PrincipalDependency,
    verify: FromQuery[bool] = True,
) -> CredentialView:
    new = NewCredential(
        provider=data.provider, name=data.name, secret=data.secret, config=data.config
    )
    return CredentialView.of(await application.credentials.create(principal, new, verify=verify))


@get("/credentials")
async def list_credentials(
    application: ApplicationDependency,
    principal: PrincipalDependency,
    provider: FromQuery[str | None] = None,
    cursor: FromQuery[str | None] = None,
    limit: int = Parameter(default=50, ge=1, le=200),
) -> CredentialPageView:
    page = await application.credentials.list(
        principal, provider=provider, cursor=cursor, limit=limit
    )
    return CredentialPageView(
        items=[CredentialView.of(c) for c in page.items], next_cursor=page.next_cursor
    )


@get(ID)
async def get_credential(
    credential_id: FromPath[str],
    application: ApplicationDependency,
    principal: PrincipalDependency,
) -> CredentialView:
    return CredentialView.of(await application.credentials.get(principal, credential_id))


@patch(ID)
async def patch_credential(
    credential_id: FromPath[str],
    data: JSONBody[PatchCredentialBody],
    application: ApplicationDependency,
    principal: PrincipalDependency,
) -> CredentialView:
    change = CredentialPatch(name=data.name, config=data.config)
    return CredentialView.of(await application.credentials.update(principal, credential_id, change))


@delete(ID, status_code=204)
async def delete_credential(
    credential_id: FromPath[str],
    application: ApplicationDependency,
    principal: PrincipalDependency,
) -> None:
    await application.credentials.delete(principal, credential_id)


@put(ID + "/secret")
async def rotate_secret(
    credential_id: FromPath[str],
    data: JSONBody[RotateSecretBody],
    application: ApplicationDependency,
    principal: PrincipalDependency,
    verify: FromQuery[bool] = True,
) -> CredentialView:
    rotated = await application.credentials.rotate_secret(
        principal, credential_id, data.secret, verify=verify
    )
    return CredentialView.of(rotated)


@post(ID + "/verify", status_code=200)
async def verify_credential(
    credential_id: FromPath[str],
    application: ApplicationDependency,
    principal: PrincipalDependency,
) -> CredentialView:
    return CredentialView.of(await application.credentials.verify(principal, credential_id))


@post("/credentials:verify", status_code=200)
async def verify_candidate(
    data: JSONBody[VerifyCandidateBody],
    application: ApplicationDependency,
    principal: PrincipalDependency,
) -> VerificationView:
    result = await application.credentials.verify_candidate(
        principal, data.provider, data.secret, data.config
    )
    return VerificationView.of(result)


CREDENTIAL_ROUTES = [
    create_credential,
    list_credentials,
    get_credential,
    patch_credential,
    delete_credential,
    rotate_secret,
    verify_credential,
    verify_candidate,
]
