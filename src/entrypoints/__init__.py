"""Inbound adapters: REST (Litestar), gRPC (grpclib), the one-port mux, the server and CLI.

They take an `Application` facade and never build adapters themselves."""
