"""Provider adapters: one package per vendor dialect, shared transport in `_shared`."""
