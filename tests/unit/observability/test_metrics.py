from __future__ import annotations

from integration_api.adapters.observability.metrics import Metrics, safe_label

NAMES = (
    "integration_api_requests_total",
    "integration_api_request_seconds",
    "integration_api_upstream_requests_total",
    "integration_api_upstream_seconds",
    "integration_api_tokens_total",
)


def test_render_exposes_every_metric_with_the_prometheus_content_type() -> None:
    metrics = Metrics()
    metrics.observe_request(surface="rest", operation="/v1/chat", outcome="ok", seconds=0.02)
    metrics.observe_upstream(provider="openai", operation="chat", outcome="ok", seconds=0.5)
    metrics.count_tokens(provider="openai", direction="input", count=12)
    body, content_type = metrics.render()
    text = body.decode()
    assert all(name in text for name in NAMES)
    assert 'integration_api_tokens_total{direction="input",provider="openai"} 12.0' in text
    assert 'operation="/v1/chat"' in text
    assert content_type.startswith("text/plain")


def test_two_instances_do_not_share_a_registry() -> None:
    first, second = Metrics(), Metrics()
    first.count_tokens(provider="openai", direction="output", count=3)
    assert "openai" in first.render()[0].decode()
    assert "openai" not in second.render()[0].decode()


def test_secret_or_id_shaped_label_values_become_other() -> None:
    fake_key = "sk-" + "FAKEfakeFAKEfake1234"
    fake_id = "cred_01J9Z3K4M5N6P7Q8R9S0T1V2W3"
    metrics = Metrics()
    metrics.observe_upstream(provider=fake_key, operation=fake_id, outcome="bad label\n")
    text = metrics.render()[0].decode()
    assert "FAKEfake" not in text and "01J9Z3" not in text
    assert 'provider="other"' in text and 'outcome="other"' in text
    assert safe_label("anthropic") == "anthropic"
    assert safe_label("provider_rate_limited") == "provider_rate_limited"
    assert safe_label("/v1/credentials/{id}") == "/v1/credentials/{id}"


def test_usage_meter_counts_calls_and_tokens_by_direction() -> None:
    from integration_api.adapters.observability.usage_meter import MetricsUsageMeter
    from integration_api.domain.chat import Usage

    metrics = Metrics()
    meter = MetricsUsageMeter(metrics)
    meter.record(
        provider="anthropic",
        operation="chat",
        outcome="ok",
        usage=Usage(input_tokens=10, output_tokens=4, cached_tokens=0, reasoning_tokens=2),
    )
    meter.record(provider="anthropic", operation="chat", outcome="provider_timeout", usage=None)
    text = metrics.render()[0].decode()
    assert 'integration_api_tokens_total{direction="input",provider="anthropic"} 10.0' in text
    assert 'integration_api_tokens_total{direction="reasoning",provider="anthropic"} 2.0' in text
    assert 'direction="cached"' not in text
    assert (
        'integration_api_upstream_requests_total{operation="chat",outcome="provider_timeout",'
        'provider="anthropic"} 1.0'
    ) in text
