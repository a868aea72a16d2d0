"""KMS and botocore failures as our errors. Messages carry the AWS error code, never a key."""

from __future__ import annotations

from botocore.exceptions import BotoCoreError, ClientError

from integration_api.domain.errors import IntegrationError, KeyUnavailable, SecretUnreadable

# https://docs.aws.amazon.com/kms/latest/APIReference/API_Decrypt.html#API_Decrypt_Errors
_UNREADABLE_CODES = frozenset({"InvalidCiphertextException", "IncorrectKeyException"})


def error_code(exc: Exception) -> str:
    if isinstance(exc, ClientError):
        return str(exc.response.get("Error", {}).get("Code", "ClientError"))
    return type(exc).__name__


def map_kms_error(exc: Exception, operation: str) -> IntegrationError:
    """SecretUnreadable when KMS rejects the ciphertext; KeyUnavailable for everything else
    (unknown, disabled or pending-deletion key, access denied, throttling, network)."""
    code = error_code(exc)
    if code in _UNREADABLE_CODES:
        return SecretUnreadable(f"AWS KMS {operation} rejected the wrapped data key ({code})")
    if isinstance(exc, ClientError | BotoCoreError):
        return KeyUnavailable(f"AWS KMS {operation} failed ({code})")
    return KeyUnavailable(f"AWS KMS {operation} failed ({type(exc).__name__})")
