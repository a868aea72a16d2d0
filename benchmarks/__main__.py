"""`python -m benchmarks [--quick] [--profile] [--out DIR]`.

The full run (a few minutes) writes DIR/latest.json and DIR/latest.md and prints the
markdown; `--quick` (under a minute) measures chat c=1/16 and streaming c=1 over native
REST, prints only the headline figures, and writes DIR/quick.json.
"""

from __future__ import annotations

import argparse
import json
import tempfile
from pathlib import Path

from benchmarks import machine
from benchmarks.compare import compare
from benchmarks.loops import run
from benchmarks.markdown import as_markdown
from benchmarks.report import as_json, targets_table
from benchmarks.suite import SuiteConfig, SuiteResult, run_suite
from benchmarks.targets import evaluate

RESULTS = Path(__file__).parent / "results"


def main() -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks", description=__doc__)
    parser.add_argument("--quick", action="store_true", help="headline ratios in under 60 s")
    parser.add_argument("--profile", action="store_true", help="py-spy the service (full run)")
    parser.add_argument("--duration", type=float, help="measured seconds per case")
    parser.add_argument("--rounds", type=int, help="rounds per case (full 2, quick 1)")
    parser.add_argument("--out", type=Path, default=RESULTS, help=f"default {RESULTS}")
    args = parser.parse_args()
    config = (
        SuiteConfig(
            quick=True,
            warmup=0.5,
            duration=args.duration or 3.0,
            rounds=args.rounds or 1,
            out=args.out,
        )
        if args.quick
        else SuiteConfig(
            duration=args.duration or 5.0,
            rounds=args.rounds or 2,
            profile=args.profile,
            out=args.out,
        )
    )
    args.out.mkdir(parents=True, exist_ok=True)
    described = machine.describe()
    print(f"integration-api benchmark ({'quick' if args.quick else 'full'}) ...", flush=True)
    with tempfile.TemporaryDirectory(prefix="iapi-bench-") as workdir:
        result = run(run_suite(config, Path(workdir)))
    name = "quick" if args.quick else "latest"
    document = as_json(result, described)
    (args.out / f"{name}.json").write_text(json.dumps(document, indent=2) + "\n")
    if args.quick:
        print("\n".join(headline(result)))
        return 0
    markdown = as_markdown(result, described)
    (args.out / "latest.md").write_text(markdown)
    print(markdown)
    print(f"written: {args.out / 'latest.json'} and {args.out / 'latest.md'}")
    return 0


def headline(result: SuiteResult) -> list[str]:
    lines = [""]
    for c in compare(result.runs):
        name = c.run.case.name
        ratio = f"{c.rate_ratio:.3f}" if c.rate_ratio is not None else "-"
        lines.append(
            f"{name:<22} {c.run.result.rate:>8,.0f}/s = {ratio} x direct; "
            f"+p50 {c.added_p50_ms or 0:+.2f} ms"
            + (f"; +TTFT p50 {c.added_ttft_p50_ms:+.2f} ms" if c.added_ttft_p50_ms else "")
            + f"; CPU {c.run.cpu_ms_per_request or 0:.2f} ms/req"
        )
    lines += ["", *targets_table([v for v in evaluate(result) if v.met is not None])]
    return lines


if __name__ == "__main__":
    raise SystemExit(main())
