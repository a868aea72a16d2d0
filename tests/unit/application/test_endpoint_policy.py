import pytest

from integration_api.application.endpoint_policy import EndpointPolicy
from integration_api.domain.errors import ValidationFailed

REFUSED = [
    "http://localhost:11434/v1",
    "http://127.0.0.1:8000",
    "http://[::1]:8000",
    "http://169.254.169.254/latest/meta-data",
    "http://metadata.google.internal/",
    "http://[::ffff:127.0.0.1]/",
    "http://0.0.0.0:80",
    "http://api.localhost/",
]


@pytest.mark.parametrize("url", REFUSED)
def test_refuses_loopback_link_local_and_metadata(url: str) -> None:
    with pytest.raises(ValidationFailed) as info:
        EndpointPolicy(allow_private=False).check({"base_url": url})
    assert info.value.field == "config.base_url"
    assert "ALLOW_PRIVATE_ENDPOINTS" in info.value.message


@pytest.mark.parametrize("url", REFUSED)
def test_operator_may_allow_private_endpoints(url: str) -> None:
    EndpointPolicy(allow_private=True).check({"base_url": url})


@pytest.mark.parametrize(
    "url", ["https://api.openai.com/v1", "http://10.0.0.5:8000/v1", "https://gw.example.com"]
)
def test_public_and_lan_endpoints_pass(url: str) -> None:
    EndpointPolicy(allow_private=False).check({"base_url": url, "organization": "org-1"})


@pytest.mark.parametrize(
    "url", ["ftp://example.com", "example.com", "https://user:pw@example.com/", "http://"]
)
def test_malformed_or_credentialed_urls_are_refused_even_when_private_is_allowed(url: str) -> None:
    with pytest.raises(ValidationFailed):
        EndpointPolicy(allow_private=True).check({"base_url": url})
