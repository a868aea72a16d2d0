"""Key sources: where key-encryption keys (KEKs) live — a local keyring or AWS KMS."""

from integration_api.adapters.keys.aws_kms import AwsKmsKeySource
from integration_api.adapters.keys.local_keyring import LocalKeyring

__all__ = ["AwsKmsKeySource", "LocalKeyring"]
