# Copyright: contributors to mailstore.spe
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)

import os

import pytest
from _client import decode
from _reference import REFERENCE, load_fixture, parse

from spe_simulator.registry import COMMANDS, INSTANCE


def test_fixture_has_109_commands():
    assert len(load_fixture()) == 109


@pytest.mark.skipif(not os.path.exists(REFERENCE), reason='../shared/reference is not next to the repository')
def test_fixture_still_matches_reference():
    with open(REFERENCE, encoding='utf-8') as f:
        assert parse(f.read()) == load_fixture()


def test_metadata_matches_fixture(api):
    r = api.post('/api/get-metadata')
    assert r.status_code == 200
    meta = decode(r)
    assert isinstance(meta, list)
    got = {entry['name']: [[a['name'], a['type'], not a['nullable']] for a in entry['args']] for entry in meta}
    assert len(meta) == len(got) == 109
    assert got == load_fixture()
    assert not {'get-metadata', 'get-status', 'cancel-async'} & set(got)


SP_EXEMPT = {
    'AttachStore',
    'CreateStore',
    'CompactStore',
    'DetachStore',
    'GetStores',
    'MergeStore',
    'RecoverStore',
    'RecreateRecoveryRecords',
    'RefreshAllStoreStatistics',
    'RenameStore',
    'RepairStoreDatabase',
    'RetryOpenStores',
    'SetStorePath',
    'SetStoreRequestedState',
    'UpgradeStore',
    'VerifyStore',
    'VerifyStores',
    'MaintainFileSystemDatabases',
    'GetStoreAutoCreateConfiguration',
    'SetStoreAutoCreateConfiguration',
    'GetIndexConfiguration',
    'SetIndexConfiguration',
    'RebuildSelectedStoreIndexes',
    'SelectAllStoreIndexesForRebuild',
    'GetArchiveAdminEnabled',
    'SetArchiveAdminEnabled',
    'GetInstanceConfiguration',
}
LONG_RUNNING = {
    'VerifyStore',
    'VerifyStores',
    'CompactStore',
    'UpgradeStore',
    'RecoverStore',
    'RecreateRecoveryRecords',
    'MaintainFileSystemDatabases',
    'RebuildSelectedStoreIndexes',
    'SyncUsersWithDirectoryServices',
    'RunProfile',
    'RunTemporaryProfile',
    'RunJobAsync',
    'MergeStore',
    'RepairStoreDatabase',
    'RefreshAllStoreStatistics',
    'RetryOpenStores',
}


def test_command_table_flags():
    instance_cmds = {n for n, c in COMMANDS.items() if c.scope == INSTANCE}
    assert instance_cmds == {n for n, args in load_fixture().items() if args and args[0][0] == 'instanceID'}
    assert {n for n in instance_cmds if not COMMANDS[n].needs_sp_access} == SP_EXEMPT
    assert {n for n in instance_cmds if not COMMANDS[n].needs_running} == {'GetInstanceConfiguration'}
    assert {n for n, c in COMMANDS.items() if c.long_running} == LONG_RUNNING
    reads = {n for n in COMMANDS if n.startswith('Get') or n in ('Ping', 'CreateLicenseRequest')}  # S40
    assert {n for n, c in COMMANDS.items() if c.read} == reads
