"""The gRPC surface (grpclib): health, reflection, and the integration.v1 services."""
