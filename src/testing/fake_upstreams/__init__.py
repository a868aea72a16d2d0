"""Fake vendor upstreams on loopback (aiohttp.web, 127.0.0.1, port 0), speaking each
vendor's real wire format. Tests, hosts and benchmarks point a credential's `base_url` at
them; each can be programmed with the next replies and records every request."""
