import pytest

from integration_api.application.use_cases.credentials.create_credential import NewCredential
from integration_api.domain.errors import Conflict, NotFound
from integration_api.domain.tenancy import ALL_SCOPES
from tests.support.embedded import Embedded, principal


async def make(embedded: Embedded, count: int) -> list[str]:
    ids = []
    for i in range(count):
        new = NewCredential(provider="fake", name=f"c{i}", secret={"api_key": f"sk-key-{i:020d}"})
        ids.append((await embedded.app.credentials.create(principal(), new, verify=False)).id)
    return ids


async def test_rotate_rewraps_every_row_and_secrets_still_open(embedded: Embedded) -> None:
    ids = await make(embedded, 7)
    before = await embedded.app.keys.status()
    report = await embedded.app.keys.rotate()
    after = await embedded.app.keys.status()
    assert report.rewrapped == 7 and report.active_kek_id != before.active_kek_id
    assert {k.kek_id: k.rows for k in after.keks} == {
        before.active_kek_id: 0,
        report.active_kek_id: 7,
    }
    for cid in ids:
        assert (await embedded.app.credentials.verify(principal(), cid)).status.value == "valid"


async def test_retire_refuses_the_active_key_and_keys_still_in_use(embedded: Embedded) -> None:
    await make(embedded, 2)
    old = (await embedded.app.keys.status()).active_kek_id
    with pytest.raises(Conflict):
        await embedded.app.keys.retire(old)
    await embedded.app.keys.rotate()
    await embedded.app.keys.retire(old)
    assert old not in [k.kek_id for k in (await embedded.app.keys.status()).keks]
    with pytest.raises(NotFound):
        await embedded.app.keys.retire(old)


async def test_tokens_are_minted_once_and_authenticate(embedded: Embedded) -> None:
    from tests.support.embedded import TENANT

    record, token = await embedded.app.tokens.create(name="svc", tenant=TENANT, scopes=[])
    assert record.scopes == ALL_SCOPES and token not in repr(record)
    caller = await embedded.app.authenticate.authenticate(token)
    assert caller.tenant == TENANT and caller.subject == "svc"
