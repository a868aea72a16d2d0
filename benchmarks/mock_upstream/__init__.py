"""A mock OpenAI upstream fast enough never to be the bottleneck: a raw asyncio HTTP/1.1
server (uvloop when installed) answering from precomputed bytes."""
