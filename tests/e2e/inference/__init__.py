"""Issue 4 end to end: inference through one contract, on native REST, the OpenAI dialect
and gRPC, against fake vendor upstreams on loopback."""
