# Copyright: contributors to mailstore.spe
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
#
# What the tenant modules build on: directory sync (S50), archiving and statistics (S39, S40),
# store maintenance (S24, S51), profiles (S38), jobs (S28, S29), users and folders (S27).

import pytest
from _client import wait_done

RANGE = {'fromIncluding': '2000-01-01T00:00:00', 'toExcluding': '2100-01-01T00:00:00'}
RUN = 10 * 51200  # S39: the bytes of one archiving run


# -- directory services -------------------------------------------------------------------


def _directory(api, instance_id, *users):
    status, body = api.hook('POST', 'directory', {'instanceID': instance_id, 'users': list(users)})
    assert status == 200, body


def _user(api, instance_id, name):
    return api.ok('GetUserInfo', instanceID=instance_id, userName=name)


def test_sync_adds_updates_and_a_dry_run_reports_the_same_and_changes_nothing(api, acme):
    api.ok('CreateUser', instanceID=acme, userName='bob', privileges='login', fullName='Bob Old')
    api.ok('SetDirectoryServicesConfiguration', instanceID=acme, config={'type': 'activeDirectory'})
    _directory(
        api,
        acme,
        {'userName': 'alice', 'fullName': 'Alice', 'emailAddresses': ['alice@example.com']},
        {'userName': 'bob', 'fullName': 'Bob New', 'distinguishedName': 'CN=bob'},
    )
    before = api.ok('GetUsers', instanceID=acme)
    dry = api.run('SyncUsersWithDirectoryServices', instanceID=acme, dryRun=True)
    expected = {'usersAdded': ['alice'], 'usersUpdated': ['bob'], 'usersDeleted': []}
    assert dry['statusCode'] == 'succeeded' and dry['result'] == dict(expected, dryRun=True)
    assert 'Would have added user alice' in dry['logOutput']
    assert api.ok('GetUsers', instanceID=acme) == before

    assert api.done('SyncUsersWithDirectoryServices', instanceID=acme) == dict(expected, dryRun=False)
    alice = _user(api, acme, 'alice')
    assert alice['authentication'] == 'directoryServices' and alice['emailAddresses'] == ['alice@example.com']
    bob = _user(api, acme, 'bob')
    assert (bob['fullName'], bob['distinguishedName'], bob['authentication']) == (
        'Bob New',
        'CN=bob',
        'directoryServices',
    )
    again = api.done('SyncUsersWithDirectoryServices', instanceID=acme)
    assert again == {'dryRun': False, 'usersAdded': [], 'usersUpdated': [], 'usersDeleted': []}


def test_sync_deletes_users_gone_from_the_directory_only_when_configured(api, acme):
    api.ok('SetDirectoryServicesConfiguration', instanceID=acme, config={'type': 'genericLdap'})
    _directory(api, acme, {'userName': 'carol'}, {'userName': 'dave'})
    api.done('SyncUsersWithDirectoryServices', instanceID=acme)
    api.ok('CreateUser', instanceID=acme, userName='local', privileges='login')
    _directory(api, acme, {'userName': 'carol'})
    kept = api.done('SyncUsersWithDirectoryServices', instanceID=acme)
    assert kept['usersDeleted'] == [] and _user(api, acme, 'dave')['userName'] == 'dave'

    api.ok('SetDirectoryServicesConfiguration', instanceID=acme, config={'type': 'genericLdap', 'deleteUsers': True})
    assert api.done('SyncUsersWithDirectoryServices', instanceID=acme, dryRun=True)['usersDeleted'] == ['dave']
    assert 'dave' in [u['userName'] for u in api.ok('GetUsers', instanceID=acme)]
    assert api.done('SyncUsersWithDirectoryServices', instanceID=acme)['usersDeleted'] == ['dave']
    names = [u['userName'] for u in api.ok('GetUsers', instanceID=acme)]
    assert 'dave' not in names and 'local' in names and 'admin' in names  # only directory users go


def test_directory_hook_validates(api, acme):
    assert api.hook('POST', 'directory', {'instanceID': 'nope', 'users': []})[0] == 400
    assert api.hook('POST', 'directory', {'instanceID': acme, 'users': [{'userName': 'a', 'age': 3}]})[0] == 400
    assert api.hook('POST', 'directory', {'instanceID': acme, 'users': [{'userName': 'admin'}]})[0] == 400
    twice = [{'userName': 'x'}, {'userName': 'X'}]
    assert api.hook('POST', 'directory', {'instanceID': acme, 'users': twice})[0] == 400
    assert 'type: none' in api.err('SyncUsersWithDirectoryServices', instanceID=acme)


# -- archiving and statistics -------------------------------------------------------------


def _profile(api, instance_id, name='imap', **extra):
    return api.ok('CreateProfile', instanceID=instance_id, raw=True, properties=dict({'name': name}, **extra))


def _stats(api, instance_id):
    store = api.ok('GetStores', instanceID=instance_id)[0]
    folders = {f['folder']: (f['count'], f['size']) for f in api.ok('GetFolderStatistics', instanceID=instance_id)}
    return (
        (store['statisticsCount'], store['statisticsSize']),
        api.ok('GetInstanceStatistics', instanceID=instance_id),
        api.ok('GetInstanceProcessLiveStatistics', instanceID=instance_id),
        folders,
    )


def test_each_archiving_run_adds_to_store_folder_instance_and_live_statistics(api, acme):
    api.ok('CreateStore', instanceID=acme, name='s', databasePath='D:\\s', requestedState='current')
    profile = _profile(api, acme)
    final = api.run('RunProfile', instanceID=acme, id=profile['id'])
    assert final['result'] == {'result': 'succeeded', 'messagesArchived': 10}
    assert 'admin/imap' in final['logOutput']
    job = api.ok('CreateJob', instanceID=acme, name='nightly', action='RunProfile --id=%d' % profile['id'])
    api.done('RunJobAsync', instanceID=acme, id=job['id'])
    store, instance, live, folders = _stats(api, acme)
    assert store == (20, 2 * RUN)
    assert (instance['messageCount'], instance['totalSize']) == (20, 2 * RUN)
    assert (live['messagesArchived'], live['bytesArchived']) == (20, 2 * RUN)
    assert folders['admin/imap'] == (20, 2 * RUN)
    [row] = api.ok('GetJobResults', instanceID=acme, timeZoneId='UTC', **RANGE)
    assert row['result'] == 'succeeded' and row['output'] == '10 messages archived.'
    assert len(api.ok('GetWorkerResults', instanceID=acme, timeZoneID='UTC', profileID=profile['id'], **RANGE)) == 2

    api.ok('RestartInstances', instanceFilter=acme)  # live statistics belong to the process
    _store, instance, live, _folders = _stats(api, acme)
    assert (live['messagesArchived'], instance['messageCount']) == (0, 20)


def test_a_job_naming_a_missing_profile_fails_and_archives_nothing(api, acme):
    job = api.ok('CreateJob', instanceID=acme, name='broken', action='RunProfile --id=99')
    api.done('RunJobAsync', instanceID=acme, id=job['id'])
    [row] = api.ok('GetJobResults', instanceID=acme, timeZoneId='UTC', **RANGE)
    assert row['result'] == 'failed' and '99' in row['output']
    assert api.ok('GetInstanceStatistics', instanceID=acme)['messageCount'] == 0


def test_refresh_all_store_statistics_reports_them(api, acme):
    api.ok('CreateStore', instanceID=acme, name='s', databasePath='D:\\s')
    api.done('RunProfile', instanceID=acme, id=_profile(api, acme)['id'])
    final = api.run('RefreshAllStoreStatistics', instanceID=acme)
    assert final['statusCode'] == 'succeeded' and final['result'] is None
    assert "Archive store 1 ('s'): 10 messages, %d bytes." % RUN in final['logOutput']
    assert api.ok('GetStores', instanceID=acme)[0]['statisticsCount'] == 10


# -- store maintenance ------------------------------------------------------------------------


def _store(api, instance_id, name='s1', **condition):
    store = api.ok('CreateStore', instanceID=instance_id, name=name, databasePath='D:\\' + name)
    if condition:
        status, body = api.hook('POST', 'store-condition', dict(condition, instanceID=instance_id, id=store['id']))
        assert status == 200, body
    return store


def _by_id(api, instance_id):
    return {s['id']: s for s in api.ok('GetStores', instanceID=instance_id)}


MAINTENANCE = [
    ('VerifyStore', {'includeIndexes': True}, {}),
    ('VerifyStores', {'includeIndexes': False}, None),
    ('CompactStore', {}, {}),
    ('UpgradeStore', {}, {'needsUpgrade': True}),
    ('RecoverStore', {}, {'error': 'Database is corrupt.'}),
    ('RecreateRecoveryRecords', {}, {}),
    ('RepairStoreDatabase', {}, {'error': 'Database is corrupt.'}),
    ('RebuildSelectedStoreIndexes', {}, None),
    ('RetryOpenStores', {}, None),
    ('RefreshAllStoreStatistics', {}, None),
    ('MaintainFileSystemDatabases', {}, None),
]


@pytest.mark.parametrize('command, args, condition', MAINTENANCE, ids=[m[0] for m in MAINTENANCE])
def test_maintenance_shows_progress_in_steps(api, acme, command, args, condition):
    store = _store(api, acme, **(condition or {}))
    call = dict(args, instanceID=acme)
    if condition is not None:
        call['id'] = store['id']
    first = api.call(command, **call)
    final, seen = wait_done(api, first)
    assert final['statusCode'] == 'succeeded', final
    assert [e['statusVersion'] for e in seen] == list(range(1, len(seen) + 1)) and len(seen) >= 4
    assert len({e['percentProgress'] for e in seen}) >= 4 and len({e['statusText'] for e in seen}) >= 4
    assert final['logOutput']


@pytest.mark.parametrize('command, args, condition', MAINTENANCE, ids=[m[0] for m in MAINTENANCE])
def test_cancelled_maintenance_ends_cancelled_and_changes_nothing(api, acme, command, args, condition):
    store = _store(api, acme, searchIndexesNeedRebuild=True, **(condition or {}))
    api.ok('SelectAllStoreIndexesForRebuild', instanceID=acme)
    call = dict(args, instanceID=acme)
    if condition is not None:
        call['id'] = store['id']
    before = api.ok('GetStores', instanceID=acme)
    running = api.call(command, **call)
    assert api.post('/api/cancel-async', data={'token': running['token']}).status_code == 200
    final, _seen = wait_done(api, running)
    assert final['statusCode'] == 'cancelled' and final['result'] is None
    assert api.ok('GetStores', instanceID=acme) == before


def test_maintenance_clears_what_it_repairs(api, acme):
    old = _store(api, acme, 'old', needsUpgrade=True)
    broken = _store(api, acme, 'broken', error='Cannot open.')
    stuck = _store(api, acme, 'stuck', error='Locked.')
    api.done('UpgradeStore', instanceID=acme, id=old['id'])
    api.done('RepairStoreDatabase', instanceID=acme, id=broken['id'])
    api.done('RetryOpenStores', instanceID=acme)
    stores = _by_id(api, acme)
    assert stores[old['id']]['needsUpgrade'] is False
    assert stores[broken['id']]['error'] is None and stores[stuck['id']]['error'] is None
    api.ok('SelectAllStoreIndexesForRebuild', instanceID=acme)
    assert all(s['searchIndexesNeedRebuild'] for s in api.ok('GetStores', instanceID=acme))
    assert api.done('RebuildSelectedStoreIndexes', instanceID=acme) == {'rebuiltStores': sorted(stores)}
    assert not any(s['searchIndexesNeedRebuild'] for s in api.ok('GetStores', instanceID=acme))


def test_maintenance_preconditions(api, acme):
    store = _store(api, acme)
    assert 'does not need an upgrade' in api.err('UpgradeStore', instanceID=acme, id=store['id'])
    assert 'disabled' in api.err('RecoverStore', instanceID=acme, id=store['id'])
    api.ok('SetStoreRequestedState', instanceID=acme, id=store['id'], requestedState='disabled')
    assert api.done('RecoverStore', instanceID=acme, id=store['id']) is None
    assert 'includeIndexes' in api.err('VerifyStore', instanceID=acme, id=store['id'])
    assert 'itself' in api.err('MergeStore', instanceID=acme, id=store['id'], sourceId=store['id'])
    assert api.hook('POST', 'store-condition', {'instanceID': acme, 'id': 99, 'error': 'x'})[0] == 400


def test_merge_moves_the_data_and_removes_the_source(api, acme):
    dest = _store(api, acme, 'dest')
    api.ok('SetStoreRequestedState', instanceID=acme, id=dest['id'], requestedState='current')
    api.done('RunProfile', instanceID=acme, id=_profile(api, acme)['id'])
    source = _store(api, acme, 'source')
    api.ok('SetStoreRequestedState', instanceID=acme, id=source['id'], requestedState='current')
    api.done('RunProfile', instanceID=acme, id=_profile(api, acme, 'second')['id'])
    api.done('MergeStore', instanceID=acme, id=dest['id'], sourceId=source['id'])
    [merged] = api.ok('GetStores', instanceID=acme)
    assert (merged['id'], merged['statisticsCount'], merged['statisticsSize']) == (dest['id'], 20, 2 * RUN)
    assert "No archive store found at 'D:\\source'." == api.err(
        'AttachStore', instanceID=acme, name='again', databasePath='D:\\source'
    )
    assert api.ok('GetInstanceStatistics', instanceID=acme)['messageCount'] == 20


def test_cancelled_merge_keeps_both_stores(api, acme):
    dest, source = _store(api, acme, 'dest'), _store(api, acme, 'source')
    before = api.ok('GetStores', instanceID=acme)
    running = api.call('MergeStore', instanceID=acme, id=dest['id'], sourceId=source['id'])
    api.post('/api/cancel-async', data={'token': running['token']})
    assert wait_done(api, running)[0]['statusCode'] == 'cancelled'
    assert api.ok('GetStores', instanceID=acme) == before


# -- profiles -----------------------------------------------------------------------------


def test_profiles_get_a_new_id_each_time_and_never_show_passwords(api, acme):
    props = {'name': 'imap', 'type': 'archive', 'connector': 'imap', 'details': {'host': 'mail', 'password': 's3c'}}
    first = _profile(api, acme, **{k: v for k, v in props.items() if k != 'name'})
    api.ok('DeleteProfile', instanceID=acme, id=first['id'])
    second = api.ok('CreateProfile', instanceID=acme, raw=True, properties=props)
    assert second['id'] != first['id']
    [got] = api.ok('GetProfiles', instanceID=acme, raw=True)
    assert set(got) == {'id', 'name', 'owner', 'type', 'connector', 'details', 'serverSideExecution'}
    assert got['details'] == {'host': 'mail', 'password': None} and got['owner'] == 'admin'
    assert set(got['serverSideExecution']) == {
        'automatic',
        'automaticPauseBetweenExecutions',
        'automaticMaintenanceWindows',
    }
    assert 'does not exist' in api.err('DeleteProfile', instanceID=acme, id=first['id'])


def test_server_side_execution_rules(api, acme):
    pid = _profile(api, acme)['id']
    assert 'no further' in api.err(
        'SetProfileServerSideExecution',
        instanceID=acme,
        id=pid,
        automatic=False,
        **{'automaticPauseBetweenExecutions': 5},
    )
    assert 'required' in api.err('SetProfileServerSideExecution', instanceID=acme, id=pid, automatic=True)
    assert '2147483647' in api.err(
        'SetProfileServerSideExecution', instanceID=acme, id=pid, automatic=True, automaticPauseBetweenExecutions=-1
    )
    assert 'hh:mm-hh:mm' in api.err(
        'SetProfileServerSideExecution',
        instanceID=acme,
        id=pid,
        automatic=True,
        automaticPauseBetweenExecutions=60,
        automaticMaintenanceWindows='22:00',
    )
    api.ok(
        'SetProfileServerSideExecution',
        instanceID=acme,
        id=pid,
        automatic=True,
        automaticPauseBetweenExecutions=60,
        automaticMaintenanceWindows='22:00-04:00, 12:00-13:00',
    )
    [got] = api.ok('GetProfiles', instanceID=acme, raw=True)
    assert got['serverSideExecution'] == {
        'automatic': True,
        'automaticPauseBetweenExecutions': 60,
        'automaticMaintenanceWindows': ['22:00-04:00', '12:00-13:00'],
    }
    api.ok('SetProfileServerSideExecution', instanceID=acme, id=pid, automatic=False)
    assert api.ok('GetProfiles', instanceID=acme, raw=True)[0]['serverSideExecution']['automatic'] is False


def test_temporary_profile_runs_without_being_stored(api, acme):
    final = api.run('RunTemporaryProfile', instanceID=acme, raw=True, properties={'name': 'once'})
    assert final['result']['messagesArchived'] == 10 and final['logOutput']
    assert api.ok('GetProfiles', instanceID=acme, raw=True) == []
    [row] = api.ok('GetWorkerResults', instanceID=acme, timeZoneID='UTC', **RANGE)
    assert row['profileID'] is None and row['profileName'] == 'once' and row['messagesArchived'] == 10


# -- jobs ---------------------------------------------------------------------------------


def test_jobs_rename_results_in_the_asked_time_zone(api, acme):
    job = api.ok('CreateJob', instanceID=acme, name='old', action='VerifyStores')
    api.ok('RenameJob', instanceID=acme, id=job['id'], name='new')
    assert [j['name'] for j in api.ok('GetJobs', instanceID=acme)] == ['new']
    api.done('RunJobAsync', instanceID=acme, id=job['id'])
    [utc] = api.ok('GetJobResults', instanceID=acme, timeZoneId='UTC', **RANGE)
    [tokyo] = api.ok('GetJobResults', instanceID=acme, timeZoneId='Tokyo Standard Time', **RANGE)
    assert utc['jobName'] == 'new' and utc['startTime'] != tokyo['startTime']
    hours = (int(tokyo['startTime'][11:13]) - int(utc['startTime'][11:13])) % 24
    assert hours == 9
    zones = {z['id'] for z in api.ok('GetTimeZones', instanceID=acme)}
    assert {'$Local', 'UTC', 'Tokyo Standard Time'} <= zones


# -- users and folders ----------------------------------------------------------------------


def test_rename_user_moves_the_archive_folder_and_privileges_follow(api, acme):
    api.ok('CreateUser', instanceID=acme, userName='bob', privileges='login')
    api.ok('CreateUser', instanceID=acme, userName='eve', privileges='login')
    api.done('RunTemporaryProfile', instanceID=acme, raw=True, properties={'name': 'mail', 'owner': 'bob'})
    api.ok('SetUserPrivilegesOnFolder', instanceID=acme, userName='eve', folder='bob/mail', privileges='read')
    api.ok('RenameUser', instanceID=acme, oldUserName='bob', newUserName='robert')
    folders = [f['folder'] for f in api.ok('GetChildFolders', instanceID=acme, maxLevels=0)]
    assert 'robert/mail' in folders and not any(f.startswith('bob') for f in folders)
    assert _user(api, acme, 'eve')['privilegesOnFolders'] == [{'folder': 'robert/mail', 'privileges': ['read']}]
    api.ok('ClearUserPrivilegesOnFolders', instanceID=acme, userName='eve')
    assert _user(api, acme, 'eve')['privilegesOnFolders'] == []


def test_folders_move_list_levels_statistics_and_empty_ones_go(api, acme, sim):
    api.done('RunTemporaryProfile', instanceID=acme, raw=True, properties={'name': 'inbox'})
    api.ok('MoveFolder', instanceID=acme, fromFolder='admin/inbox', toFolder='$archiveadmin/inbox')
    one = [f['folder'] for f in api.ok('GetChildFolders', instanceID=acme)]
    assert one == ['$archiveadmin', 'admin']
    deep = [f['folder'] for f in api.ok('GetChildFolders', instanceID=acme, maxLevels=2)]
    assert deep == ['$archiveadmin', '$archiveadmin/inbox', 'admin']
    stats = {f['folder']: f['count'] for f in api.ok('GetFolderStatistics', instanceID=acme)}
    assert stats == {'$archiveadmin': 0, '$archiveadmin/inbox': 10, 'admin': 0}
    # No command empties a folder (the simulator deletes no messages): put an empty one in place.
    with sim.sim.store.lock:
        sim.state['instances'][acme]['folders']['admin/old'] = {'count': 0, 'size': 0}
        sim.sim.store.commit()
    api.ok('DeleteEmptyFolders', instanceID=acme)
    left = [f['folder'] for f in api.ok('GetChildFolders', instanceID=acme, maxLevels=0)]
    assert left == ['$archiveadmin', '$archiveadmin/inbox', 'admin']  # root folders stay


# -- index --------------------------------------------------------------------------------


def test_index_configuration_round_trip(api, acme):
    config = api.ok('GetIndexConfiguration', instanceID=acme)
    assert set(config) == {'attachmentFileTypes'} and 'pdf' in config['attachmentFileTypes']
    api.ok('SetIndexConfiguration', instanceID=acme, config={'attachmentFileTypes': ['pdf', '.msg', 'pdf']})
    assert api.ok('GetIndexConfiguration', instanceID=acme) == {'attachmentFileTypes': ['pdf', '.msg']}
    assert 'Unknown key' in api.err('SetIndexConfiguration', instanceID=acme, config={'fileTypes': []})
