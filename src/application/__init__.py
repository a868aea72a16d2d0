"""Use cases and the ports they need. No framework, vendor or I/O imports."""
