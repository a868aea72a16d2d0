"""The `integration-api` command.

Registration convention: every module of this package whose name does not start with `_`
is a subcommand module and defines

    def register(subparsers: Subparsers) -> None

which adds its parser(s) with `subparsers.add_parser(...)` and sets
`parser.set_defaults(handler=fn)`, where `fn(args: argparse.Namespace) -> int` returns the
exit code. Adding a command is adding a module (serve.py, migrate.py, tokens.py, keys.py);
nothing here changes. Helpers shared by commands live in `_`-prefixed modules.

`main` turns a bad setting (SettingsError) into its one line on stderr and exit code 2,
and a domain error (IntegrationError: e.g. a production keyring that is missing) into
`<code>: <message>` on stderr and exit code 1; handlers just raise.
"""

from __future__ import annotations

import argparse
import importlib
import pkgutil
import sys
from collections.abc import Sequence
from typing import TYPE_CHECKING, TypeAlias

from integration_api.domain.errors import IntegrationError
from integration_api.settings import SettingsError

PROG = "integration-api"

if TYPE_CHECKING:
    Subparsers: TypeAlias = argparse._SubParsersAction[argparse.ArgumentParser]
else:  # not subscriptable at run time
    Subparsers = argparse._SubParsersAction


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog=PROG,
        description="Holds AI provider credentials and talks to AI providers, "
        "over REST and gRPC on one port.",
    )
    subparsers = parser.add_subparsers(title="commands", metavar="COMMAND")
    for name in command_modules():
        module = importlib.import_module(f"{__name__}.{name}")
        module.register(subparsers)
    return parser


def command_modules() -> list[str]:
    """Names of the subcommand modules, in a stable order."""
    return sorted(m.name for m in pkgutil.iter_modules(__path__) if not m.name.startswith("_"))


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    handler = getattr(args, "handler", None)
    if handler is None:
        parser.print_help(sys.stderr)
        return 2
    try:
        return int(handler(args))
    except SettingsError as exc:
        print(exc, file=sys.stderr)
        return 2
    except IntegrationError as exc:
        print(f"{exc.code}: {exc.message}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        return 130
