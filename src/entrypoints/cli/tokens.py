"""`integration-api tokens create|list|revoke`: caller tokens, stored only as hashes."""

from __future__ import annotations

import argparse

from integration_api.application.facade import Application
from integration_api.domain.errors import ValidationFailed
from integration_api.domain.tenancy import Scope, Tenant
from integration_api.entrypoints.cli import Subparsers
from integration_api.entrypoints.cli._app import run_with_application


def register(subparsers: Subparsers) -> None:
    parser = subparsers.add_parser("tokens", help="create, list and revoke caller tokens")
    commands = parser.add_subparsers(title="tokens commands", metavar="ACTION", required=True)

    create = commands.add_parser(
        "create",
        help="mint a token (printed once, alone on the last line of stdout)",
        description="Mints a bearer token for one organization/project. Without --scope it "
        "gets every scope. The token is printed once and stored only as a hash.",
    )
    create.add_argument("--organization", required=True)
    create.add_argument("--project", required=True)
    create.add_argument(
        "--scope",
        action="append",
        default=[],
        choices=[s.value for s in Scope],
        help="repeat for several scopes",
    )
    create.add_argument("--name", default="service")
    create.set_defaults(handler=lambda a: run_with_application(lambda app: _create(app, a)))

    listing = commands.add_parser("list", help="list tokens (never the tokens themselves)")
    listing.set_defaults(handler=lambda a: run_with_application(_list))

    revoke = commands.add_parser("revoke", help="revoke a token by its id")
    revoke.add_argument("token_id")
    revoke.set_defaults(handler=lambda a: run_with_application(lambda app: _revoke(app, a)))


async def _create(application: Application, args: argparse.Namespace) -> int:
    try:
        tenant = Tenant(organization_id=args.organization, project_id=args.project)
    except ValueError as exc:
        raise ValidationFailed(str(exc), field="organization") from None
    record, token = await application.tokens.create(
        name=args.name, tenant=tenant, scopes=args.scope
    )
    scopes = " ".join(sorted(s.value for s in record.scopes))
    print(f"token id: {record.id}  name: {record.name}  scopes: {scopes}")
    print("the token below is shown once; store it now:")
    print(token)
    return 0


async def _list(application: Application) -> int:
    for r in await application.tokens.list():
        state = f"revoked {r.revoked_at.isoformat()}" if r.revoked_at else "active"
        scopes = ",".join(sorted(s.value for s in r.scopes))
        tenant = f"{r.tenant.organization_id}/{r.tenant.project_id}"
        print(f"{r.id}\t{r.name}\t{tenant}\t{scopes}\t{state}")
    return 0


async def _revoke(application: Application, args: argparse.Namespace) -> int:
    await application.tokens.revoke(args.token_id)
    print(f"revoked {args.token_id}")
    return 0
