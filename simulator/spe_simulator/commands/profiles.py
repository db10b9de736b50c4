# Copyright: contributors to mailstore.spe
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
#
# Archiving / exporting profiles (raw JSON), server-side execution and worker results (S38, S39).

import copy
import re

from ..common import (
    fail,
    fmt,
    in_range,
    require_int,
    require_object,
    require_str,
    require_time_zone,
    time_range,
    to_zone,
    utc_now,
)
from ..operations import LongRunning, Outcome
from ..passwords import hash_secret
from ..registry import INSTANCE, arg, command, opt
from .stores import current_store
from .users import SEP, find_user

_WINDOW = re.compile(r'^([01][0-9]|2[0-3]):[0-5][0-9]-([01][0-9]|2[0-3]):[0-5][0-9]$')
SSE_KEYS = ('automatic', 'automaticPauseBetweenExecutions', 'automaticMaintenanceWindows')
MESSAGES_PER_RUN = 10
MESSAGE_SIZE = 51200


def _strip_secrets(obj, hashes, path=''):
    """Replaces every non-empty value of a key containing 'password' by null; keeps a salted hash aside."""
    if isinstance(obj, dict):
        for key, value in obj.items():
            where = '%s/%s' % (path, key)
            if 'password' in key.lower() and isinstance(value, str):
                if value:
                    hashes[where] = hash_secret(value)
                obj[key] = None
            else:
                _strip_secrets(value, hashes, where)
    elif isinstance(obj, list):
        for i, item in enumerate(obj):
            _strip_secrets(item, hashes, '%s/%d' % (path, i))


def _validate_sse(value):
    sse = require_object(value, 'serverSideExecution')
    unknown = [k for k in sse if k not in SSE_KEYS]
    if unknown:
        fail('Unknown key(s) in serverSideExecution: %s (allowed: %s).' % (', '.join(unknown), ', '.join(SSE_KEYS)))
    out = {'automatic': False, 'automaticPauseBetweenExecutions': 0, 'automaticMaintenanceWindows': []}
    out.update(sse)
    if not isinstance(out['automatic'], bool):
        fail('serverSideExecution.automatic must be true or false.')
    require_int(
        out['automaticPauseBetweenExecutions'], 'serverSideExecution.automaticPauseBetweenExecutions', 0, 2147483647
    )
    if not isinstance(out['automaticMaintenanceWindows'], list):
        fail('serverSideExecution.automaticMaintenanceWindows must be a list of hh:mm-hh:mm strings.')
    for window in out['automaticMaintenanceWindows']:
        if not isinstance(window, str) or not _WINDOW.match(window):
            fail('Invalid maintenance window %r; use hh:mm-hh:mm, e.g. 22:00-04:00.' % (window,))
    return out


def _profile_from(inst, properties, raw):
    if raw is not True:
        fail('Only raw=true is supported.')
    props = copy.deepcopy(require_object(properties, 'properties'))
    for key in ('id', 'version'):
        if key in props:
            fail("properties must not contain '%s'." % key)
    require_str(props.get('name'), 'properties.name')
    owner = find_user(inst, props.get('owner') or 'admin', must_exist=False)
    if owner is None:
        fail("Profile owner '%s' does not exist in instance '%s'." % (props.get('owner'), inst['config']['instanceID']))
    props['owner'] = owner['userName']
    props.setdefault('type', None)
    props.setdefault('connector', None)
    props['details'] = require_object(props.get('details', {}), 'properties.details')
    props['serverSideExecution'] = _validate_sse(props.get('serverSideExecution', {}))
    hashes = {}
    _strip_secrets(props, hashes)
    return props, hashes


def profile_entry(profile):
    return {k: v for k, v in profile.items() if k != 'secretHashes'}


def find_profile(inst, profile_id):
    for profile in inst['profiles']:
        if profile['id'] == profile_id:
            return profile
    fail("Profile %s does not exist in instance '%s'." % (profile_id, inst['config']['instanceID']))
    return None


@command('CreateProfile', scope=INSTANCE, args=[arg('instanceID'), arg('properties', 'json'), arg('raw', 'bool')])
def create_profile(ctx, inst, properties, raw):
    props, hashes = _profile_from(inst, properties, raw)
    profile = {'id': inst['nextProfileId']}
    profile.update(props)
    profile['secretHashes'] = hashes
    inst['nextProfileId'] += 1
    inst['profiles'].append(profile)
    return profile_entry(profile)  # S47


@command('GetProfiles', scope=INSTANCE, args=[arg('instanceID'), arg('raw', 'bool')])
def get_profiles(ctx, inst, raw):
    if raw is not True:
        fail('Only raw=true is supported.')
    return [profile_entry(p) for p in inst['profiles']]


@command('DeleteProfile', scope=INSTANCE, args=[arg('instanceID'), arg('id', 'number')])
def delete_profile(ctx, inst, id_):
    inst['profiles'].remove(find_profile(inst, id_))


@command(
    'SetProfileServerSideExecution',
    scope=INSTANCE,
    args=[
        arg('instanceID'),
        arg('id', 'number'),
        arg('automatic', 'bool'),
        opt('automaticPauseBetweenExecutions', 'number'),
        opt('automaticMaintenanceWindows'),
    ],
)
def set_profile_server_side_execution(
    ctx, inst, id_, automatic, automaticPauseBetweenExecutions=None, automaticMaintenanceWindows=None
):
    profile = find_profile(inst, id_)
    if not automatic:
        if automaticPauseBetweenExecutions is not None or automaticMaintenanceWindows is not None:
            fail('With automatic=false no further arguments are accepted.')
        profile['serverSideExecution'] = {
            'automatic': False,
            'automaticPauseBetweenExecutions': 0,
            'automaticMaintenanceWindows': [],
        }
        return None
    if automaticPauseBetweenExecutions is None:
        fail('With automatic=true the argument automaticPauseBetweenExecutions is required.')
    pause = require_int(automaticPauseBetweenExecutions, 'automaticPauseBetweenExecutions', 0, 2147483647)
    # S38: several windows may be given comma-separated.
    windows = [w.strip() for w in (automaticMaintenanceWindows or '').split(',') if w.strip()]
    for window in windows:
        if not _WINDOW.match(window):
            fail("Invalid maintenance window '%s'; use hh:mm-hh:mm, e.g. 22:00-04:00." % window)
    profile['serverSideExecution'] = {
        'automatic': True,
        'automaticPauseBetweenExecutions': pause,
        'automaticMaintenanceWindows': windows,
    }
    return None


def archive(inst, profile_id, name, owner, started):
    """S39: one archiving run: a fixed number of messages of a fixed size land in the folder
    <owner>/<profile name>, the current store, the instance's live statistics and a worker
    result. Returns (the run's result, log lines)."""
    count, size = MESSAGES_PER_RUN, MESSAGES_PER_RUN * MESSAGE_SIZE
    folder = '%s%s%s' % (owner, SEP, name.replace(SEP, '-'))
    inst['folders'].setdefault(owner, {'count': 0, 'size': 0})
    entry = inst['folders'].setdefault(folder, {'count': 0, 'size': 0})
    entry['count'] += count
    entry['size'] += size
    store = current_store(inst)
    log = ['Archiving into folder %s.' % folder]
    if store is not None:
        store['count'] += count
        store['size'] += size
        log.append(
            "Stored %d messages (%d bytes) in archive store %d ('%s')." % (count, size, store['id'], store['name'])
        )
    live = inst.setdefault('liveStatistics', {'messagesArchived': 0, 'bytesArchived': 0})
    live['messagesArchived'] += count
    live['bytesArchived'] += size
    inst['workerResults'].append(
        {
            'id': inst['nextWorkerResultId'],
            'profileID': profile_id,
            'profileName': name,
            'userName': owner,
            'startTime': started,
            'completeTime': fmt(utc_now()),
            'result': 'succeeded',
            'messagesArchived': count,
        }
    )
    inst['nextWorkerResultId'] += 1
    return {'result': 'succeeded', 'messagesArchived': count}, log


@command('RunProfile', scope=INSTANCE, args=[arg('instanceID'), arg('id', 'number')], long_running=True)
def run_profile(ctx, inst, id_):
    profile = find_profile(inst, id_)
    pid, name, owner, started = profile['id'], profile['name'], profile['owner'], fmt(utc_now())

    def finish(ctx_, fresh):
        return Outcome(*archive(fresh, pid, name, owner, started))

    return LongRunning(
        "Running profile %d ('%s')" % (pid, name),
        finish,
        inst['config']['instanceID'],
        log=["Profile %d ('%s') of %s started." % (pid, name, owner)],
    )


@command(
    'RunTemporaryProfile',
    scope=INSTANCE,
    args=[arg('instanceID'), arg('properties', 'json'), arg('raw', 'bool')],
    long_running=True,
)
def run_temporary_profile(ctx, inst, properties, raw):
    props, _hashes = _profile_from(inst, properties, raw)
    name, owner, started = props['name'], props['owner'], fmt(utc_now())

    def finish(ctx_, fresh):
        return Outcome(*archive(fresh, None, name, owner, started))

    return LongRunning(
        "Running temporary profile '%s'" % name,
        finish,
        inst['config']['instanceID'],
        log=["Temporary profile '%s' of %s started." % (name, owner)],
    )


@command(
    'GetWorkerResults',
    scope=INSTANCE,
    args=[
        arg('instanceID'),
        arg('fromIncluding'),
        arg('toExcluding'),
        arg('timeZoneID'),
        opt('profileID', 'number'),
        opt('userName'),
    ],
)
def get_worker_results(ctx, inst, fromIncluding, toExcluding, timeZoneID, profileID=None, userName=None):
    tz = require_time_zone(timeZoneID, 'timeZoneID')
    start, end = time_range(fromIncluding, toExcluding, tz)
    out = []
    for row in inst['workerResults']:
        if profileID is not None and row['profileID'] != profileID:
            continue
        if userName and row['userName'].lower() != userName.lower():
            continue
        if in_range(row['startTime'], start, end):
            entry = dict(row)
            entry['startTime'] = to_zone(row['startTime'], tz)
            entry['completeTime'] = to_zone(row['completeTime'], tz)
            out.append(entry)
    return out
