"""Overhead benchmarks: integration-api against calling the upstream directly, in one run.

`python -m benchmarks` runs every scenario (a few minutes); `--quick` prints the headline
ratios in under a minute. See docs/benchmarks.md for the method and the latest table.
"""
