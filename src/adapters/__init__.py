"""Adapters: implementations of the application ports (storage, keys, auth, providers...)."""
