"""Key sources: where key-encryption keys (KEKs) live — a local keyring
(`local_keyring.LocalKeyring`) or AWS KMS (`aws_kms.AwsKmsKeySource`).

Import them from their modules: re-exporting here would load botocore (~90 ms, several MB)
into every process that only uses the local keyring."""
