import os

from integration_api.domain.ids import new_id, new_record_id


def test_ids_have_the_prefix_and_32_hex_characters() -> None:
    for make in (new_id, new_record_id):
        prefix, _, rest = make("aud").partition("_")
        assert prefix == "aud" and len(rest) == 32 and int(rest, 16) >= 0


def test_record_ids_are_unique_and_ordered_within_a_process() -> None:
    ids = [new_record_id("aud") for _ in range(10_000)]
    assert len(set(ids)) == len(ids) and ids == sorted(ids)


def test_a_forked_child_gets_its_own_record_id_prefix() -> None:
    read, write = os.pipe()
    pid = os.fork()
    if pid == 0:  # child
        os.write(write, new_record_id("aud").encode())
        os._exit(0)
    os.waitpid(pid, 0)
    child = os.read(read, 64).decode()
    parent = new_record_id("aud")
    assert child[4:20] != parent[4:20]
