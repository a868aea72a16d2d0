"""`integration-api keys status|rotate|rewrap|retire`: key-encryption-key lifecycle, online."""

from __future__ import annotations

import argparse

from integration_api.application.facade import Application
from integration_api.application.use_cases.keys.rewrap_keys import RewrapReport
from integration_api.entrypoints.cli import Subparsers
from integration_api.entrypoints.cli._app import run_with_application


def register(subparsers: Subparsers) -> None:
    parser = subparsers.add_parser("keys", help="inspect, rotate and retire master keys (KEKs)")
    commands = parser.add_subparsers(title="keys commands", metavar="ACTION", required=True)
    status = commands.add_parser("status", help="KEKs, the active one, and rows under each")
    status.set_defaults(handler=lambda a: run_with_application(_status))
    rotate = commands.add_parser(
        "rotate",
        help="add a new active KEK and rewrap every data key under it (while serving)",
    )
    rotate.set_defaults(handler=lambda a: run_with_application(_rotate))
    rewrap = commands.add_parser(
        "rewrap", help="finish an interrupted rotation: rewrap rows not yet under the active KEK"
    )
    rewrap.set_defaults(handler=lambda a: run_with_application(_rewrap))
    retire = commands.add_parser("retire", help="forget a KEK no row uses any more")
    retire.add_argument("kek_id")
    retire.set_defaults(handler=lambda a: run_with_application(lambda app: _retire(app, a)))


async def _status(application: Application) -> int:
    report = await application.keys.status()
    print(f"active KEK: {report.active_kek_id}")
    for kek in report.keks:
        mark = "*" if kek.active else " "
        print(f"{mark} {kek.kek_id}\t{kek.rows} row(s)")
    for kek_id, rows in report.orphaned.items():
        print(f"! {kek_id}\t{rows} row(s) under a KEK the key source no longer has")
    return 1 if report.orphaned else 0


def _print(report: RewrapReport) -> int:
    print(
        f"active KEK: {report.active_kek_id}; rewrapped {report.rewrapped} row(s); "
        f"{report.skipped} changed meanwhile"
    )
    return 0


async def _rotate(application: Application) -> int:
    return _print(await application.keys.rotate())


async def _rewrap(application: Application) -> int:
    return _print(await application.keys.rewrap())


async def _retire(application: Application, args: argparse.Namespace) -> int:
    await application.keys.retire(args.kek_id)
    print(f"retired {args.kek_id}")
    return 0
