"""One use case per file: a class constructed with ports, with one `__call__`."""
