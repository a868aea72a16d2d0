"""integration.v1 gRPC services, all driven through the Application facade."""

from __future__ import annotations

from integration_api.application.facade import Application
from integration_api.entrypoints.grpc.servable import Servable
from integration_api.entrypoints.grpc.services.credentials import CredentialService
from integration_api.entrypoints.grpc.services.inference import InferenceService
from integration_api.entrypoints.grpc.services.metered import MeteredService


def api_services(application: Application) -> list[Servable]:
    services: list[Servable] = [CredentialService(application), InferenceService(application)]
    return [MeteredService(service, application.metrics) for service in services]
