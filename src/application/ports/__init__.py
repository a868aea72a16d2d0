"""Ports: one typing.Protocol per file; adapters subclass them explicitly."""
