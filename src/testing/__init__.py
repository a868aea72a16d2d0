"""Fakes and in-memory doubles that hosts and tests use; they pass the same contract suites
as the real adapters."""
