# Copyright: contributors to mailstore.spe
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
#
# Archive stores and search indexes. None of these need service provider access.

from ..common import (
    check_keys,
    fail,
    get_instance,
    require_bool,
    require_choice,
    require_int,
    require_object,
    require_str,
    same_path,
)
from ..operations import LongRunning, Outcome
from ..registry import INSTANCE, arg, command, opt

STATES = ('current', 'normal', 'writeProtected', 'disabled')


def find_store(inst, store_id):
    for store in inst['stores']:
        if store['id'] == store_id:
            return store
    fail("Archive store %s does not exist in instance '%s'." % (_fmt_id(store_id), inst['config']['instanceID']))
    return None


def _fmt_id(value):
    return '%d' % value if isinstance(value, int) else '%s' % value


def _paths(databasePath, contentPath, indexPath):
    if not databasePath or not databasePath.strip():
        fail('databasePath must not be empty.')
    # S21: a path that is not given follows databasePath.
    return databasePath, contentPath or databasePath, indexPath or databasePath


def _path_taken(inst, path, ignore=None):
    for store in inst['stores']:
        if store is not ignore and same_path(store['databasePath'], path):
            return "archive store %d ('%s')" % (store['id'], store['name'])
    for detached in inst['detachedStores']:
        if same_path(detached['databasePath'], path):
            return "a detached archive store ('%s')" % detached['name']
    return None


def _set_state(inst, store, state):
    if state == 'current':
        # S21: only one store is current; the previous one becomes normal.
        for other in inst['stores']:
            if other is not store and other['requestedState'] == 'current':
                other['requestedState'] = 'normal'
    store['requestedState'] = state


def _new_store(inst, name, paths, state, size=0, count=0):
    store = {
        'id': inst['nextStoreId'],
        'name': name,
        'requestedState': 'normal',
        'databasePath': paths[0],
        'contentPath': paths[1],
        'indexPath': paths[2],
        'error': None,
        'searchIndexesNeedRebuild': False,
        'needsUpgrade': False,
        'size': size,
        'count': count,
    }
    inst['nextStoreId'] += 1
    inst['stores'].append(store)
    _set_state(inst, store, state)
    return store


def store_entry(store, include_size=True):
    return {
        'id': store['id'],
        'name': store['name'],
        'requestedState': store['requestedState'],
        'databasePath': store['databasePath'],
        'contentPath': store['contentPath'],
        'indexPath': store['indexPath'],
        'error': store['error'],
        'searchIndexesNeedRebuild': store['searchIndexesNeedRebuild'],
        'needsUpgrade': store['needsUpgrade'],
        'statisticsSize': store['size'] if include_size else None,
        'statisticsCount': store['count'] if include_size else None,
    }


def current_store(inst):
    for store in inst['stores']:
        if store['requestedState'] == 'current':
            return store
    for store in inst['stores']:
        if store['requestedState'] == 'normal':
            return store
    return None


STORE_ARGS = [
    arg('instanceID'),
    arg('name'),
    arg('databasePath'),
    opt('contentPath'),
    opt('indexPath'),
    opt('requestedState'),
]


@command('CreateStore', scope=INSTANCE, args=STORE_ARGS, needs_sp_access=False)
def create_store(ctx, inst, name, databasePath, contentPath=None, indexPath=None, requestedState=None):
    if not name.strip():
        fail('name must not be empty.')
    paths = _paths(databasePath, contentPath, indexPath)
    state = require_choice(requestedState or 'normal', STATES, 'requestedState')
    taken = _path_taken(inst, paths[0])
    if taken:
        fail("The directory '%s' already holds %s." % (paths[0], taken))
    return store_entry(_new_store(inst, name, paths, state))  # S47: the new store


@command('AttachStore', scope=INSTANCE, args=STORE_ARGS, needs_sp_access=False)
def attach_store(ctx, inst, name, databasePath, contentPath=None, indexPath=None, requestedState=None):
    if not name.strip():
        fail('name must not be empty.')
    paths = _paths(databasePath, contentPath, indexPath)
    state = require_choice(requestedState or 'normal', STATES, 'requestedState')
    for store in inst['stores']:
        if same_path(store['databasePath'], paths[0]):
            fail("The archive store at '%s' is already attached as archive store %d." % (paths[0], store['id']))
    found = next((d for d in inst['detachedStores'] if same_path(d['databasePath'], paths[0])), None)
    if found is None:
        fail("No archive store found at '%s'." % paths[0])  # S22
    inst['detachedStores'].remove(found)
    return store_entry(_new_store(inst, name, paths, state, found['size'], found['count']))


@command('DetachStore', scope=INSTANCE, args=[arg('instanceID'), arg('id', 'number')], needs_sp_access=False)
def detach_store(ctx, inst, id_):
    store = find_store(inst, id_)
    inst['stores'].remove(store)
    inst['detachedStores'].append(
        {k: store[k] for k in ('name', 'databasePath', 'contentPath', 'indexPath', 'size', 'count')}
    )


@command('GetStores', scope=INSTANCE, args=[arg('instanceID'), opt('includeSize', 'bool')], needs_sp_access=False)
def get_stores(ctx, inst, includeSize=True):
    return [store_entry(s, includeSize) for s in inst['stores']]


@command(
    'RenameStore', scope=INSTANCE, args=[arg('instanceID'), arg('id', 'number'), arg('name')], needs_sp_access=False
)
def rename_store(ctx, inst, id_, name):
    store = find_store(inst, id_)
    if not name.strip():
        fail('name must not be empty.')
    store['name'] = name


@command(
    'SetStoreRequestedState',
    scope=INSTANCE,
    args=[arg('instanceID'), arg('id', 'number'), arg('requestedState')],
    needs_sp_access=False,
)
def set_store_requested_state(ctx, inst, id_, requestedState):
    store = find_store(inst, id_)
    _set_state(inst, store, require_choice(requestedState, STATES, 'requestedState'))


@command(
    'SetStorePath',
    scope=INSTANCE,
    args=[arg('instanceID'), arg('id', 'number'), arg('databasePath'), opt('contentPath'), opt('indexPath')],
    needs_sp_access=False,
)
def set_store_path(ctx, inst, id_, databasePath, contentPath=None, indexPath=None):
    store = find_store(inst, id_)
    if store['requestedState'] != 'disabled':
        # S23
        fail(
            'Archive store %d must be disabled before its path can be changed (requestedState: %s).'
            % (store['id'], store['requestedState']),
            'Set it to disabled with SetStoreRequestedState, move the data, then change the path.',
        )
    paths = _paths(databasePath, contentPath, indexPath)
    taken = _path_taken(inst, paths[0], ignore=store)
    if taken:
        fail("The directory '%s' already holds %s." % (paths[0], taken))
    store['databasePath'], store['contentPath'], store['indexPath'] = paths


@command(
    'MergeStore',
    scope=INSTANCE,
    args=[arg('instanceID'), arg('id', 'number'), arg('sourceId', 'number')],
    needs_sp_access=False,
    long_running=True,
)
def merge_store(ctx, inst, id_, sourceId):
    dest = find_store(inst, id_)
    source = find_store(inst, sourceId)
    if dest is source:
        fail('An archive store cannot be merged into itself.')
    dest_id, source_id = dest['id'], source['id']

    def finish(ctx_, fresh):
        # S22: the messages move to the destination and the emptied source is gone.
        into, src = _still_there(fresh, dest_id), _still_there(fresh, source_id)
        into['size'] += src['size']
        into['count'] += src['count']
        fresh['stores'].remove(src)
        return Outcome(None, ['Moved %d messages into archive store %d.' % (src['count'], dest_id)])

    return LongRunning(
        "Merging archive store %d ('%s') into %d ('%s')" % (source_id, source['name'], dest_id, dest['name']),
        finish,
        inst['config']['instanceID'],
        log=_store_log('Merging', source) + _store_log('into', dest),
    )


@command(
    'RepairStoreDatabase',
    scope=INSTANCE,
    args=[arg('instanceID'), arg('id', 'number')],
    needs_sp_access=False,
    long_running=True,
)
def repair_store_database(ctx, inst, id_):
    def finish(store):
        store['error'] = None

    return _store_op(inst, id_, 'Repairing the database of', finish)


@command('RetryOpenStores', scope=INSTANCE, args=[arg('instanceID')], needs_sp_access=False, long_running=True)
def retry_open_stores(ctx, inst):
    def finish(ctx_, fresh):
        reopened = [s for s in fresh['stores'] if s['error'] is not None]
        for store in reopened:
            store['error'] = None
        return Outcome(None, ["Opened archive store %d ('%s')." % (s['id'], s['name']) for s in reopened])

    return LongRunning('Retrying to open archive stores', finish, inst['config']['instanceID'])


@command(
    'RefreshAllStoreStatistics', scope=INSTANCE, args=[arg('instanceID')], needs_sp_access=False, long_running=True
)
def refresh_all_store_statistics(ctx, inst):
    def finish(ctx_, fresh):
        # S39: statistics are kept current at every archiving run, so the refresh reports them.
        return Outcome(
            None,
            [
                "Archive store %d ('%s'): %d messages, %d bytes." % (s['id'], s['name'], s['count'], s['size'])
                for s in fresh['stores']
            ],
        )

    return LongRunning('Refreshing archive store statistics', finish, inst['config']['instanceID'])


@command('SelectAllStoreIndexesForRebuild', scope=INSTANCE, args=[arg('instanceID')], needs_sp_access=False)
def select_all_store_indexes_for_rebuild(ctx, inst):
    for store in inst['stores']:
        store['searchIndexesNeedRebuild'] = True


# -- long-running maintenance (S24) --------------------------------------------------------


def _store_log(verb, store):
    return ["%s archive store %d ('%s') at %s" % (verb, store['id'], store['name'], store['databasePath'])]


def _still_there(fresh, store_id):
    current = next((s for s in fresh['stores'] if s['id'] == store_id), None)
    if current is None:
        fail('Archive store %d was detached while the operation was running.' % store_id)  # S24
    return current


def _store_op(inst, store_id, title, finish=None):
    """A long-running operation on one store: finish(store) runs on the store as it is at the end."""
    store = find_store(inst, store_id)
    sid = store['id']

    def done(ctx, fresh):
        return finish(_still_there(fresh, sid)) if finish else None

    return LongRunning(
        "%s archive store %d ('%s')" % (title, sid, store['name']),
        done,
        inst['config']['instanceID'],
        log=_store_log(title, store),
    )


@command(
    'CompactStore',
    scope=INSTANCE,
    args=[arg('instanceID'), arg('id', 'number')],
    needs_sp_access=False,
    long_running=True,
)
def compact_store(ctx, inst, id_):
    return _store_op(inst, id_, 'Compacting')


@command(
    'UpgradeStore',
    scope=INSTANCE,
    args=[arg('instanceID'), arg('id', 'number')],
    needs_sp_access=False,
    long_running=True,
)
def upgrade_store(ctx, inst, id_):
    if not find_store(inst, id_)['needsUpgrade']:
        fail('Archive store %s does not need an upgrade (needsUpgrade: false).' % _fmt_id(id_))  # S24

    def finish(store):
        store['needsUpgrade'] = False

    return _store_op(inst, id_, 'Upgrading', finish)


@command(
    'RecoverStore',
    scope=INSTANCE,
    args=[arg('instanceID'), arg('id', 'number'), opt('encryptionKey'), opt('recoverDeletedMessages', 'bool')],
    needs_sp_access=False,
    long_running=True,
)
def recover_store(ctx, inst, id_, encryptionKey=None, recoverDeletedMessages=False):
    store = find_store(inst, id_)
    if store['requestedState'] != 'disabled' and store['error'] is None:
        fail(
            'Archive store %d must be disabled (or in error) to be recovered (requestedState: %s).'
            % (store['id'], store['requestedState'])
        )

    def finish(s):
        s['error'] = None

    return _store_op(inst, id_, 'Recovering', finish)


@command(
    'RecreateRecoveryRecords',
    scope=INSTANCE,
    args=[arg('instanceID'), arg('id', 'number')],
    needs_sp_access=False,
    long_running=True,
)
def recreate_recovery_records(ctx, inst, id_):
    return _store_op(inst, id_, 'Recreating recovery records of')


@command(
    'VerifyStore',
    scope=INSTANCE,
    args=[arg('instanceID'), arg('id', 'number'), arg('includeIndexes', 'bool')],
    needs_sp_access=False,
    long_running=True,
)
def verify_store(ctx, inst, id_, includeIndexes):
    def finish(store):
        return {'stores': [{'id': store['id'], 'name': store['name'], 'errors': 0}], 'includeIndexes': includeIndexes}

    return _store_op(inst, id_, 'Verifying', finish)


@command(
    'VerifyStores',
    scope=INSTANCE,
    args=[arg('instanceID'), arg('includeIndexes', 'bool')],
    needs_sp_access=False,
    long_running=True,
)
def verify_stores(ctx, inst, includeIndexes):
    def finish(ctx_, fresh):
        return {
            'stores': [{'id': s['id'], 'name': s['name'], 'errors': 0} for s in fresh['stores']],
            'includeIndexes': includeIndexes,
        }

    return LongRunning('Verifying all archive stores', finish, inst['config']['instanceID'])


@command(
    'MaintainFileSystemDatabases', scope=INSTANCE, args=[arg('instanceID')], needs_sp_access=False, long_running=True
)
def maintain_file_system_databases(ctx, inst):
    return LongRunning('Maintaining file system databases', None, inst['config']['instanceID'])


@command(
    'RebuildSelectedStoreIndexes', scope=INSTANCE, args=[arg('instanceID')], needs_sp_access=False, long_running=True
)
def rebuild_selected_store_indexes(ctx, inst):
    def finish(ctx_, fresh):
        rebuilt = [s['id'] for s in fresh['stores'] if s['searchIndexesNeedRebuild']]
        for s in fresh['stores']:
            s['searchIndexesNeedRebuild'] = False
        return {'rebuiltStores': rebuilt}

    return LongRunning('Rebuilding selected search indexes', finish, inst['config']['instanceID'])


# -- test hook: conditions only a real server runs into (S51) ---------------------------------

CONDITION_FLAGS = ('needsUpgrade', 'searchIndexesNeedRebuild')


def store_condition_hook(state, spec):
    """POST /_simulator/store-condition {instanceID, id, error?, needsUpgrade?, searchIndexesNeedRebuild?}:
    puts a store in a condition (an open error, an old format) that the API cannot cause, so the
    maintenance commands that clear it can be tested. Answers the store as GetStores shows it."""
    spec = require_object(spec, 'The body')
    check_keys(spec, ('instanceID', 'id', 'error') + CONDITION_FLAGS, 'the body')
    inst = get_instance(state, spec.get('instanceID'))
    store = find_store(inst, require_int(spec.get('id'), 'id'))
    if 'error' in spec:
        store['error'] = require_str(spec['error'], 'error', nullable=True)
    for flag in CONDITION_FLAGS:
        if flag in spec:
            store[flag] = require_bool(spec[flag], flag)
    return store_entry(store)
