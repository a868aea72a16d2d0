"""integration.v1.CredentialService: the same behaviour as /v1/credentials."""

from __future__ import annotations

from typing import Any

from grpclib.server import Stream

from integration_api.application.facade import Application
from integration_api.application.use_cases.credentials.create_credential import NewCredential
from integration_api.application.use_cases.credentials.update_credential import CredentialPatch
from integration_api.entrypoints.grpc.errors import translate_errors
from integration_api.entrypoints.grpc.generated.integration.v1 import credentials_pb2 as pb
from integration_api.entrypoints.grpc.generated.integration.v1.credentials_grpc import (
    CredentialServiceBase,
)
from integration_api.entrypoints.grpc.services.auth import principal_of
from integration_api.entrypoints.grpc.services.credential_mapping import (
    credential_pb,
    verification_pb,
)
from integration_api.entrypoints.grpc.services.receive import receive


class CredentialService(CredentialServiceBase):
    def __init__(self, application: Application) -> None:
        self._app = application

    async def CreateCredential(self, stream: Stream[Any, Any]) -> None:
        req = await receive(stream, pb.CreateCredentialRequest)
        with translate_errors():
            principal = await principal_of(self._app, stream)
            new = NewCredential(
                provider=req.provider,
                name=req.name,
                secret=dict(req.secret),
                config=dict(req.config),
            )
            verify = req.verify if req.HasField("verify") else True
            created = await self._app.credentials.create(principal, new, verify=verify)
        await stream.send_message(credential_pb(created))

    async def GetCredential(self, stream: Stream[Any, Any]) -> None:
        req = await receive(stream, pb.GetCredentialRequest)
        with translate_errors():
            principal = await principal_of(self._app, stream)
            found = await self._app.credentials.get(principal, req.id)
        await stream.send_message(credential_pb(found))

    async def ListCredentials(self, stream: Stream[Any, Any]) -> None:
        req = await receive(stream, pb.ListCredentialsRequest)
        with translate_errors():
            principal = await principal_of(self._app, stream)
            page = await self._app.credentials.list(
                principal,
                provider=req.provider or None,
                cursor=req.cursor or None,
                limit=req.page_size or 50,
            )
        await stream.send_message(
            pb.ListCredentialsResponse(
                credentials=[credential_pb(c) for c in page.items],
                next_cursor=page.next_cursor or "",
            )
        )

    async def UpdateCredential(self, stream: Stream[Any, Any]) -> None:
        req = await receive(stream, pb.UpdateCredentialRequest)
        with translate_errors():
            principal = await principal_of(self._app, stream)
            patch = CredentialPatch(
                name=req.name if req.HasField("name") else None,
                config=dict(req.config.values) if req.HasField("config") else None,
            )
            updated = await self._app.credentials.update(principal, req.id, patch)
        await stream.send_message(credential_pb(updated))

    async def DeleteCredential(self, stream: Stream[Any, Any]) -> None:
        req = await receive(stream, pb.DeleteCredentialRequest)
        with translate_errors():
            principal = await principal_of(self._app, stream)
            await self._app.credentials.delete(principal, req.id)
        await stream.send_message(pb.DeleteCredentialResponse())

    async def RotateSecret(self, stream: Stream[Any, Any]) -> None:
        req = await receive(stream, pb.RotateSecretRequest)
        with translate_errors():
            principal = await principal_of(self._app, stream)
            verify = req.verify if req.HasField("verify") else True
            rotated = await self._app.credentials.rotate_secret(
                principal, req.id, dict(req.secret), verify=verify
            )
        await stream.send_message(credential_pb(rotated))

    async def VerifyCredential(self, stream: Stream[Any, Any]) -> None:
        req = await receive(stream, pb.VerifyCredentialRequest)
        with translate_errors():
            principal = await principal_of(self._app, stream)
            verified = await self._app.credentials.verify(principal, req.id)
        await stream.send_message(credential_pb(verified))

    async def VerifyCandidate(self, stream: Stream[Any, Any]) -> None:
        req = await receive(stream, pb.VerifyCandidateRequest)
        with translate_errors():
            principal = await principal_of(self._app, stream)
            result = await self._app.credentials.verify_candidate(
                principal, req.provider, dict(req.secret), dict(req.config)
            )
        await stream.send_message(verification_pb(result))
