"""Envelope encryption of stored secrets (AES-256-GCM under data keys wrapped by a KeySource)."""

from integration_api.adapters.crypto.envelope_cipher import AesGcmEnvelopeCipher

__all__ = ["AesGcmEnvelopeCipher"]
