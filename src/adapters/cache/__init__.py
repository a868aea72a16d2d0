"""Cache and rate-limit adapters: in-process (default) and Redis (shared between instances)."""
