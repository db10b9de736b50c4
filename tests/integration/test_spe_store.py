# Copyright: contributors to mailstore.spe
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""spe_store against a real simulator."""

from __future__ import annotations

STORE = r"""
- name: Converge the store
  mailstore.spe.spe_store:
    instance_id: acme
    name: Archive 2026
    database_path: 'D:\Stores\acme\2026'
    requested_state: current
  register: result
"""


def stores(spe):
    return {s['name']: s for s in spe.api('GetStores', instanceID='acme', includeSize=False)}


def test_create_converge_update_check_and_diff(spe):
    spe.new_instance()
    run = spe.playbook(STORE)
    assert run.rc == 0 and run.changed() == 1, run
    created = stores(spe)['Archive 2026']
    assert created['requestedState'] == 'current' and created['databasePath'] == 'D:\\Stores\\acme\\2026'
    assert spe.result()['store']['id'] == created['id']

    spe.reset_stats()
    assert spe.playbook(STORE).changed() == 0
    assert spe.stats()['writes'] == 0 and spe.stats()['reads'] == 1

    # A path in other case and with a trailing separator is the same Windows path.
    spe.reset_stats()
    assert spe.playbook(STORE.replace(r"D:\Stores\acme\2026'", r'd:\stores\ACME\2026\'')).changed() == 0
    assert spe.stats()['writes'] == 0

    spe.reset_stats()
    check = spe.playbook(
        STORE.replace('requested_state: current', 'requested_state: write_protected'), check=True, diff=True
    )
    assert check.changed() == 1 and spe.stats()['writes'] == 0
    path = 'D:\\Stores\\acme\\2026'
    assert spe.result()['diff'] == {
        'before': {'name': 'Archive 2026', 'requested_state': 'current', 'database_path': path},
        'after': {'name': 'Archive 2026', 'requested_state': 'write_protected', 'database_path': path},
    }
    assert stores(spe)['Archive 2026']['requestedState'] == 'current'

    run = spe.playbook(STORE.replace('requested_state: current', 'requested_state: write_protected'))
    assert spe.result()['commands'] == ['SetStoreRequestedState']
    assert stores(spe)['Archive 2026']['requestedState'] == 'writeProtected'


def test_rename_by_id_and_path_change_needs_permission(spe):
    spe.new_instance()
    assert spe.playbook(STORE).rc == 0
    store_id = stores(spe)['Archive 2026']['id']
    rename = spe.playbook(
        """
- mailstore.spe.spe_store:
    instance_id: acme
    id: %d
    name: Archive 2026 (old)
"""
        % store_id
    )
    assert rename.rc == 0 and rename.changed() == 1, rename
    assert stores(spe)['Archive 2026 (old)']['id'] == store_id

    move = r"""
- mailstore.spe.spe_store:
    instance_id: acme
    name: Archive 2026 (old)
    database_path: 'E:\Moved\2026'
    content_path: 'E:\Moved\2026'
    index_path: 'E:\Moved\2026'
    %s
"""
    refused = spe.playbook(move % '')
    assert refused.rc != 0 and 'allow_path_change' in refused.output
    assert stores(spe)['Archive 2026 (old)']['databasePath'] == 'D:\\Stores\\acme\\2026'
    moved = spe.playbook(move % 'allow_path_change: true')
    assert moved.rc == 0, moved
    store = stores(spe)['Archive 2026 (old)']
    assert store['databasePath'] == 'E:\\Moved\\2026' and store['requestedState'] == 'current'


def test_detach_keeps_data_and_attach_brings_it_back(spe):
    spe.new_instance()
    assert spe.playbook(STORE).rc == 0
    absent = '- mailstore.spe.spe_store: {instance_id: acme, name: Archive 2026, state: absent}\n'
    first = spe.playbook(absent)
    assert first.rc == 0 and first.changed() == 1 and 'Archive 2026' not in stores(spe)
    spe.reset_stats()
    assert spe.playbook(absent).changed() == 0 and spe.stats()['writes'] == 0

    attach = spe.playbook(r"""
- mailstore.spe.spe_store:
    instance_id: acme
    name: Archive 2026
    database_path: 'D:\Stores\acme\2026'
    attach: true
""")
    assert attach.rc == 0 and attach.changed() == 1, attach
    assert stores(spe)['Archive 2026']['databasePath'] == 'D:\\Stores\\acme\\2026'


def test_bad_input_touches_nothing(spe):
    spe.new_instance()
    spe.reset_stats()
    run = spe.playbook(
        "- mailstore.spe.spe_store: {instance_id: acme, name: x, database_path: 'D:\\\\x', requested_state: read_only}\n"
    )
    assert run.rc != 0 and 'requested_state' in run.output
    assert spe.stats() == {'calls': {}, 'reads': 0, 'writes': 0}
