"""Pure domain: types and rules of the integration service. Imports stdlib and msgspec only."""
