# Copyright: contributors to mailstore.spe
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
#
# Per-instance configuration objects: compliance, directory services, search index,
# archive store auto-creation, and service provider (archive admin) access.

import copy
import re
import secrets

from ..common import check_keys, fail, get_instance, require_bool, require_object, require_str
from ..operations import LongRunning, Outcome
from ..passwords import hash_secret
from ..registry import INSTANCE, arg, command, opt
from ..state import DEFAULT_CAS_NAME
from .users import BUILT_IN, SEP, find_user, new_user

# S31: the activities named in the reference's example are taken to be the complete list.
USER_ACTIVITIES = (
    'AdminRestored',
    'ComplianceChangeSettings',
    'FileGroupAttach',
    'FileGroupCreate',
    'FileGroupDetach',
    'FileGroupRename',
    'FileGroupSetProperties',
    'FileGroupSetRequestedState',
    'ProfileChangeUserName',
    'UserAdd',
    'UserDelete',
    'UserRename',
    'UserSetFolderAccess',
    'UserSetMappings',
    'UserUpdate',
)
COMPLIANCE_DEFAULTS = {'adminEmailPreviewEnabled': True, 'legalHoldEnabled': False, 'logSuccessfulUserActivities': []}
# S32: directory service types accepted in SetDirectoryServicesConfiguration.
DIRECTORY_TYPES = (
    'none',
    'activeDirectory',
    'genericLdap',
    'microsoft365',
    'googleWorkspace',
    'mdaemon',
    'iceWarp',
    'kerio',
    'applicationIntegration',
)
AUTO_CREATE_KEYS = ('sizeThreshold', 'baseDirectory', 'contentBaseDirectory', 'indexBaseDirectory')
_SIZE = re.compile(r'^[0-9]+(\.[0-9]+)? ?(B|KB|MB|GB|TB)?$', re.IGNORECASE)
_FILE_TYPE = re.compile(r'^\.?[A-Za-z0-9_+-]{1,16}$')


# -- compliance ---------------------------------------------------------------------------


@command('GetComplianceConfiguration', scope=INSTANCE, args=[arg('instanceID')])
def get_compliance_configuration(ctx, inst):
    return inst['compliance']


@command('SetComplianceConfiguration', scope=INSTANCE, args=[arg('instanceID'), arg('config', 'json')])
def set_compliance_configuration(ctx, inst, config):
    cfg = require_object(config, 'config')
    check_keys(cfg, tuple(COMPLIANCE_DEFAULTS), 'config')
    new = copy.deepcopy(COMPLIANCE_DEFAULTS)  # S31: absent keys fall back to the defaults
    for key in ('adminEmailPreviewEnabled', 'legalHoldEnabled'):
        if key in cfg:
            new[key] = require_bool(cfg[key], 'config.%s' % key)
    activities = cfg.get('logSuccessfulUserActivities', [])
    if not isinstance(activities, list):
        fail('config.logSuccessfulUserActivities must be a list.')
    for activity in activities:
        if activity not in USER_ACTIVITIES:
            fail("Unknown user activity '%s'; allowed values: %s." % (activity, ', '.join(USER_ACTIVITIES)))
    new['logSuccessfulUserActivities'] = [a for a in USER_ACTIVITIES if a in activities]
    inst['compliance'] = new


# -- directory services -------------------------------------------------------------------


def _hide_secrets(obj, hashes, path=''):
    if isinstance(obj, dict):
        for key, value in obj.items():
            where = '%s/%s' % (path, key)
            if ('password' in key.lower() or 'secret' in key.lower()) and isinstance(value, str):
                if value:
                    hashes[where] = hash_secret(value)
                obj[key] = None
            else:
                _hide_secrets(value, hashes, where)
    elif isinstance(obj, list):
        for i, item in enumerate(obj):
            _hide_secrets(item, hashes, '%s/%d' % (path, i))


@command('GetDirectoryServicesConfiguration', scope=INSTANCE, args=[arg('instanceID')])
def get_directory_services_configuration(ctx, inst):
    return {k: v for k, v in inst['directoryServices'].items() if k != 'secretHashes'}


@command('SetDirectoryServicesConfiguration', scope=INSTANCE, args=[arg('instanceID'), arg('config', 'json')])
def set_directory_services_configuration(ctx, inst, config):
    cfg = copy.deepcopy(require_object(config, 'config'))
    dtype = cfg.get('type', 'none')
    if dtype not in DIRECTORY_TYPES:
        fail("Invalid directory services type '%s'; allowed values: %s." % (dtype, ', '.join(DIRECTORY_TYPES)))
    cfg['type'] = dtype
    cfg.pop('secretHashes', None)
    hashes = {}
    _hide_secrets(cfg, hashes)  # S32: secrets are kept as hashes and returned as null
    old = inst['directoryServices'].get('secretHashes', {})
    for where, value in old.items():
        # a null secret in the new object keeps the stored one (same rule as SMTP passwords)
        hashes.setdefault(where, value)
    cfg['secretHashes'] = hashes
    inst['directoryServices'] = cfg


DIRECTORY_USER_KEYS = ('userName', 'fullName', 'emailAddresses', 'distinguishedName')
# S50: what a user added by a sync may do; the reference names no default.
SYNCED_USER_PRIVILEGES = ['login']


def _directory_user(entry):
    entry = require_object(entry, 'each user')
    check_keys(entry, DIRECTORY_USER_KEYS, 'a directory user')
    name = require_str(entry.get('userName'), 'userName')
    if SEP in name or name in BUILT_IN:
        fail("userName '%s' cannot come from a directory." % name)
    emails = entry.get('emailAddresses', [])
    if not isinstance(emails, list) or not all(isinstance(e, str) and '@' in e for e in emails):
        fail("emailAddresses of '%s' must be a list of e-mail addresses." % name)
    return {
        'userName': name,
        'fullName': require_str(entry.get('fullName'), 'fullName', allow_empty=True, nullable=True) or None,
        'distinguishedName': require_str(
            entry.get('distinguishedName'), 'distinguishedName', allow_empty=True, nullable=True
        )
        or None,
        'emailAddresses': list(emails),
    }


def directory_hook(state, spec):
    """POST /_simulator/directory {instanceID, users: [...]}: the users the simulated directory
    service holds for an instance (S50). It replaces the previous list."""
    spec = require_object(spec, 'The body')
    check_keys(spec, ('instanceID', 'users'), 'the body')
    inst = get_instance(state, spec.get('instanceID'))
    users = spec.get('users')
    if not isinstance(users, list):
        fail('users must be a list of {userName, fullName, emailAddresses, distinguishedName}.')
    entries = [_directory_user(u) for u in users]
    if len({e['userName'].lower() for e in entries}) != len(entries):
        fail('users names a user twice.')
    inst['simulatedDirectory'] = entries
    return {'instanceID': inst['config']['instanceID'], 'users': entries}


def _synced_fields(entry):
    fields = {k: entry[k] for k in ('fullName', 'distinguishedName', 'emailAddresses')}
    fields['authentication'] = 'directoryServices'
    return fields


def _sync_plan(inst):
    """(added, updated, deleted): lists of directory entries / users, by the rules of S50."""
    directory = inst.get('simulatedDirectory', [])
    names = {e['userName'].lower() for e in directory}
    added, updated = [], []
    for entry in directory:
        user = find_user(inst, entry['userName'], must_exist=False)
        if user is None:
            added.append(entry)
        elif any(user[k] != v for k, v in _synced_fields(entry).items()):
            updated.append((user, entry))
    deleted = []
    if inst['directoryServices'].get('deleteUsers') is True:
        deleted = [
            u
            for u in inst['users']
            if u['authentication'] == 'directoryServices'
            and u['userName'].lower() not in names
            and u['userName'] not in BUILT_IN
        ]
    return added, updated, deleted


def _apply_sync(inst, added, updated, deleted):
    for entry in added:
        user = new_user(
            inst,
            entry['userName'],
            list(SYNCED_USER_PRIVILEGES),
            entry['fullName'],
            entry['distinguishedName'],
            'directoryServices',
            None,
        )
        user['emailAddresses'] = list(entry['emailAddresses'])
    for user, entry in updated:
        user.update(copy.deepcopy(_synced_fields(entry)))
    for user in deleted:
        inst['users'].remove(user)  # S27: the archive folders stay


@command(
    'SyncUsersWithDirectoryServices', scope=INSTANCE, args=[arg('instanceID'), opt('dryRun', 'bool')], long_running=True
)
def sync_users_with_directory_services(ctx, inst, dryRun=False):
    dtype = inst['directoryServices'].get('type', 'none')
    if dtype == 'none':
        fail("Directory services are not configured for instance '%s' (type: none)." % inst['config']['instanceID'])

    def finish(ctx_, fresh):
        # S50: the plan is made when the sync completes; a dry run reports it and changes nothing.
        added, updated, deleted = _sync_plan(fresh)
        if not dryRun:
            _apply_sync(fresh, added, updated, deleted)
        result = {
            'dryRun': dryRun,
            'usersAdded': sorted((e['userName'] for e in added), key=str.lower),
            'usersUpdated': sorted((u['userName'] for u, _e in updated), key=str.lower),
            'usersDeleted': sorted((u['userName'] for u in deleted), key=str.lower),
        }
        prefix = 'Would have ' if dryRun else ''
        log = ['%s%s user %s' % (prefix, verb, name) for verb, key in SYNC_VERBS for name in result[key]]
        return Outcome(
            result, log + ['%d added, %d updated, %d deleted.' % tuple(len(result[k]) for _v, k in SYNC_VERBS)]
        )

    return LongRunning('Synchronizing users with directory services (%s)' % dtype, finish, inst['config']['instanceID'])


SYNC_VERBS = (('added', 'usersAdded'), ('updated', 'usersUpdated'), ('deleted', 'usersDeleted'))


# -- search index -------------------------------------------------------------------------


@command('GetIndexConfiguration', scope=INSTANCE, args=[arg('instanceID')], needs_sp_access=False)
def get_index_configuration(ctx, inst):
    return inst['index']


@command(
    'SetIndexConfiguration', scope=INSTANCE, args=[arg('instanceID'), arg('config', 'json')], needs_sp_access=False
)
def set_index_configuration(ctx, inst, config):
    cfg = require_object(config, 'config')
    check_keys(cfg, ('attachmentFileTypes',), 'config')
    types = cfg.get('attachmentFileTypes', [])
    if not isinstance(types, list):
        fail('config.attachmentFileTypes must be a list of file extensions.')
    out = []
    for item in types:
        if not isinstance(item, str) or not _FILE_TYPE.match(item):
            fail("Invalid attachment file type %r in config.attachmentFileTypes (e.g. 'pdf' or 'docx')." % (item,))
        if item not in out:
            out.append(item)
    inst['index'] = {'attachmentFileTypes': out}  # S33


# -- archive store auto-creation ------------------------------------------------------------


@command('GetStoreAutoCreateConfiguration', scope=INSTANCE, args=[arg('instanceID')], needs_sp_access=False)
def get_store_auto_create_configuration(ctx, inst):
    return inst['autoCreate']


@command(
    'SetStoreAutoCreateConfiguration',
    scope=INSTANCE,
    args=[arg('instanceID'), arg('config', 'json')],
    needs_sp_access=False,
)
def set_store_auto_create_configuration(ctx, inst, config):
    cfg = require_object(config, 'config')
    check_keys(cfg, AUTO_CREATE_KEYS, 'config')
    threshold = cfg.get('sizeThreshold')
    if threshold is not None:
        if not isinstance(threshold, str) or not _SIZE.match(threshold.strip()):
            fail(
                "config.sizeThreshold must be null or a size such as '50GB' or '51200 MB', got %r." % (threshold,)
            )  # S34
    new = {'sizeThreshold': threshold}
    for key in AUTO_CREATE_KEYS[1:]:
        new[key] = require_str(cfg.get(key, ''), 'config.%s' % key, allow_empty=True) or ''
    inst['autoCreate'] = new


# -- service provider (archive admin) access (S20) -------------------------------------------


@command('GetArchiveAdminEnabled', scope=INSTANCE, args=[arg('instanceID')], needs_sp_access=False)
def get_archive_admin_enabled(ctx, inst):
    return inst['archiveAdminEnabled']


@command(
    'SetArchiveAdminEnabled', scope=INSTANCE, args=[arg('instanceID'), arg('enabled', 'bool')], needs_sp_access=False
)
def set_archive_admin_enabled(ctx, inst, enabled):
    inst['archiveAdminEnabled'] = enabled


@command('CreateClientOneTimeUrlForArchiveAdmin', scope=INSTANCE, args=[arg('instanceID'), opt('instanceUrl')])
def create_client_one_time_url_for_archive_admin(ctx, inst, instanceUrl=None):
    base = instanceUrl or 'https://%s/%s' % (DEFAULT_CAS_NAME, inst['config']['instanceID'])
    if not base.lower().startswith(('https://', 'http://')):
        fail("instanceUrl must be an http(s) URL, got '%s'." % base)
    return '%s/?otp=%s' % (base.rstrip('/'), secrets.token_urlsafe(24))
