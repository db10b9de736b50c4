# Copyright: contributors to mailstore.spe
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
#
# Instances: creation, listing with instance filters, life cycle, configuration.

from ..common import (
    INSTANCE_ID,
    check_keys,
    fail,
    find_host,
    get_instance,
    next_process_id,
    require_bool,
    require_choice,
    require_object,
    require_str,
    same_path,
)
from ..registry import INSTANCE, SYSTEM, arg, command, opt
from .hosts import add_directory
from .users import new_user

START_MODES = ('automatic', 'manual', 'disabled')
CONFIG_KEYS = (
    'instanceID',
    'alias',
    'displayName',
    'instanceHost',
    'startMode',
    'baseDirectory',
    'debugLogEnabled',
    'imapServerConnectionLogEnabled',
    'vssWriterEnabled',
    'vssWriterExcludeIndexes',
)
BOOL_KEYS = ('debugLogEnabled', 'imapServerConnectionLogEnabled', 'vssWriterEnabled', 'vssWriterExcludeIndexes')
STATUS_TOKENS = {'.running': 'running', '.stopped': 'stopped', '.frozen': 'frozen'}

DEFAULT_INDEX_FILE_TYPES = [
    'doc',
    'docx',
    'xls',
    'xlsx',
    'ppt',
    'pptx',
    'odt',
    'ods',
    'odp',
    'rtf',
    'txt',
    'htm',
    'html',
    'pdf',
]  # S33


def default_smtp(system=False):
    settings = {
        'hostname': None,
        'port': None,
        'protocol': None,
        'ignoreSslPolicyErrors': None,
        'authenticationRequired': None,
        'username': None,
        'passwordHash': None,
        'fromDisplayName': None,
        'fromEmailAddress': None,
    }
    settings['recipientSystemAdministrator' if system else 'recipientEmailAddresses'] = None
    return settings


def new_instance(config):
    inst = {
        'config': config,
        'status': 'stopped',
        'processID': None,
        'startStopError': None,
        'safeMode': False,
        'archiveAdminEnabled': False,
        'stores': [],
        'nextStoreId': 1,
        'detachedStores': [],
        'users': [],
        'folders': {},
        'jobs': [],
        'jobResults': [],
        'nextJobResultId': 1,
        'profiles': [],
        'nextProfileId': 1,
        'workerResults': [],
        'nextWorkerResultId': 1,
        'smtp': default_smtp(),
        'compliance': {'adminEmailPreviewEnabled': True, 'legalHoldEnabled': False, 'logSuccessfulUserActivities': []},
        'directoryServices': {'type': 'none'},
        'index': {'attachmentFileTypes': list(DEFAULT_INDEX_FILE_TYPES)},
        'autoCreate': {
            'sizeThreshold': None,
            'baseDirectory': '',
            'contentBaseDirectory': '',
            'indexBaseDirectory': '',
        },
    }
    # Built-in users of every instance.
    new_user(inst, 'admin', ['admin'], None, None, 'integrated', None)
    new_user(inst, '$archiveadmin', ['admin'], None, None, 'integrated', None)
    return inst


def _validate_config_values(state, cfg):
    for key in ('alias', 'displayName', 'baseDirectory'):
        if key in cfg:
            require_str(cfg[key], 'config.%s' % key, allow_empty=(key != 'baseDirectory'))
    for key in BOOL_KEYS:
        if key in cfg:
            require_bool(cfg[key], 'config.%s' % key)
    if 'startMode' in cfg:
        require_choice(cfg['startMode'], START_MODES, 'startMode')
    if 'instanceHost' in cfg:
        require_str(cfg['instanceHost'], 'config.instanceHost')
        if find_host(state, cfg['instanceHost']) is None:
            fail("Instance host '%s' does not exist." % cfg['instanceHost'])


def _check_base_directory(state, instance_id, base):
    # S17: two instances may not share a base directory.
    for other_id, other in state['instances'].items():
        if other_id != instance_id and same_path(other['config']['baseDirectory'], base):
            fail("Base directory '%s' is already used by instance '%s'." % (base, other_id))


@command('CreateInstance', scope=SYSTEM, args=[arg('config', 'json')], reports_changes=True)
def create_instance(ctx, config):
    state = ctx.state
    cfg = require_object(config, 'config')
    check_keys(cfg, CONFIG_KEYS, 'config')
    instance_id = cfg.get('instanceID')
    if instance_id is None:
        fail('config.instanceID is required.')
    require_str(instance_id, 'config.instanceID')
    if not INSTANCE_ID.match(instance_id):
        fail(
            "Invalid instanceID '%s': use 3 to 32 characters a-z, 0-9 and '-', starting with a lower-case letter."
            % instance_id
        )
    if instance_id in state['instances']:
        fail("Instance '%s' already exists." % instance_id)
    if cfg.get('instanceHost') is None:
        fail('config.instanceHost is required.')
    _validate_config_values(state, cfg)
    host = find_host(state, cfg['instanceHost'])
    full = {
        'instanceID': instance_id,
        'alias': cfg.get('alias', ''),
        'displayName': cfg.get('displayName', instance_id),
        'instanceHost': host['serverName'],
        'startMode': cfg.get('startMode', 'automatic'),
        'baseDirectory': cfg.get('baseDirectory') or '%s\\%s' % (host['baseDirectory'].rstrip('\\'), instance_id),
    }
    for key in BOOL_KEYS:
        full[key] = cfg.get(key, False)
    _check_base_directory(state, instance_id, full['baseDirectory'])
    ctx.touch(instance_id)
    state['instances'][instance_id] = new_instance(full)
    add_directory(host, full['baseDirectory'])
    return None


def select_instances(state, instance_filter, explicit_must_exist):
    """S13: returns (matching instance ids, explicitly named ids).

    Grammar: tokens separated by blanks; `*` = all; `*host` = all on that instance host;
    any other word = that instance id; `.running` / `.stopped` / `.frozen` narrow the selection
    (several status tokens are OR-ed; status tokens alone select from all instances).
    """
    if not isinstance(instance_filter, str) or not instance_filter.strip():
        fail("instanceFilter must not be empty; use '*' for all instances.")
    selected = set()
    named = []
    statuses = set()
    any_selector = False
    for token in instance_filter.split():
        if token.startswith('.'):
            if token not in STATUS_TOKENS:
                fail("Unknown status '%s' in instanceFilter; allowed: %s." % (token, ', '.join(STATUS_TOKENS)))
            statuses.add(STATUS_TOKENS[token])
            continue
        any_selector = True
        if token == '*':
            selected.update(state['instances'])
        elif token.startswith('*'):
            host = token[1:].lower()
            selected.update(
                i for i, inst in state['instances'].items() if inst['config']['instanceHost'].lower() == host
            )
        else:
            if token not in state['instances']:
                if explicit_must_exist:
                    fail("Instance '%s' does not exist." % token)
                continue
            selected.add(token)
            named.append(token)
    if not any_selector:
        selected.update(state['instances'])
    if statuses:
        selected = {i for i in selected if state['instances'][i]['status'] in statuses}
        named = [i for i in named if i in selected]
    return sorted(selected), named


def instance_entry(inst):
    cfg = inst['config']
    return {
        'instanceID': cfg['instanceID'],
        'alias': cfg['alias'],
        'displayName': cfg['displayName'],
        'instanceHost': cfg['instanceHost'],
        'startMode': cfg['startMode'],
        'status': inst['status'],
        'startStopError': inst['startStopError'],
        'processID': inst['processID'] if inst['status'] == 'running' else None,  # S15
    }


@command('GetInstances', scope=SYSTEM, args=[arg('instanceFilter')])
def get_instances(ctx, instanceFilter):
    ids, _named = select_instances(ctx.state, instanceFilter, explicit_must_exist=False)
    return [instance_entry(ctx.state['instances'][i]) for i in ids]


def _start(state, inst, safe_mode=False):
    inst['status'] = 'running'
    inst['processID'] = next_process_id(state)
    inst['startStopError'] = None
    inst['safeMode'] = bool(safe_mode)
    inst['liveStatistics'] = {'messagesArchived': 0, 'bytesArchived': 0}  # S40: per process


def _stop(inst):
    inst['status'] = 'stopped'
    inst['processID'] = None
    inst['safeMode'] = False


@command('StartInstances', scope=SYSTEM, args=[arg('instanceFilter'), opt('safeMode', 'bool')], reports_changes=True)
def start_instances(ctx, instanceFilter, safeMode=False):
    state = ctx.state
    ids, named = select_instances(state, instanceFilter, explicit_must_exist=True)
    for instance_id in named:
        if state['instances'][instance_id]['config']['startMode'] == 'disabled':
            # S14: naming a disabled instance is an error; a wildcard just skips it.
            fail("Instance '%s' cannot be started because its startMode is 'disabled'." % instance_id)
    for instance_id in ids:
        inst = state['instances'][instance_id]
        if inst['status'] == 'stopped' and inst['config']['startMode'] != 'disabled':
            ctx.touch(instance_id)
            _start(state, inst, safeMode)
    return None


@command('StopInstances', scope=SYSTEM, args=[arg('instanceFilter')], reports_changes=True)
def stop_instances(ctx, instanceFilter):
    ids, _named = select_instances(ctx.state, instanceFilter, explicit_must_exist=True)
    for instance_id in ids:
        inst = ctx.state['instances'][instance_id]
        if inst['status'] in ('running', 'frozen'):
            ctx.touch(instance_id)
            _stop(inst)
    return None


@command('RestartInstances', scope=SYSTEM, args=[arg('instanceFilter')], reports_changes=True)
def restart_instances(ctx, instanceFilter):
    ids, _named = select_instances(ctx.state, instanceFilter, explicit_must_exist=True)
    for instance_id in ids:
        inst = ctx.state['instances'][instance_id]
        if inst['status'] == 'running':
            ctx.touch(instance_id)
            _stop(inst)
            _start(ctx.state, inst)
    return None


@command('FreezeInstances', scope=SYSTEM, args=[arg('instanceFilter')], reports_changes=True)
def freeze_instances(ctx, instanceFilter):
    ids, _named = select_instances(ctx.state, instanceFilter, explicit_must_exist=True)
    for instance_id in ids:
        inst = ctx.state['instances'][instance_id]
        if inst['status'] == 'running':
            ctx.touch(instance_id)
            inst['status'] = 'frozen'
    return None


@command('ThawInstances', scope=SYSTEM, args=[arg('instanceFilter')], reports_changes=True)
def thaw_instances(ctx, instanceFilter):
    ids, _named = select_instances(ctx.state, instanceFilter, explicit_must_exist=True)
    for instance_id in ids:
        inst = ctx.state['instances'][instance_id]
        if inst['status'] == 'frozen':
            ctx.touch(instance_id)
            inst['status'] = 'running'
    return None


@command('DeleteInstances', scope=SYSTEM, args=[arg('instanceFilter')], reports_changes=True)
def delete_instances(ctx, instanceFilter):
    state = ctx.state
    ids, named = select_instances(state, instanceFilter, explicit_must_exist=True)
    for instance_id in named:
        status = state['instances'][instance_id]['status']
        if status != 'stopped':
            fail("Instance '%s' must be stopped before it can be deleted (status: %s)." % (instance_id, status))
    deleted, retained = [], []
    for instance_id in ids:
        inst = state['instances'][instance_id]
        if inst['status'] != 'stopped':
            continue  # S16: a wildcard skips instances that are not stopped
        base = inst['config']['baseDirectory']
        ctx.touch(instance_id)
        del state['instances'][instance_id]
        deleted.append(instance_id)
        retained.append(base)
        if not any(same_path(base, d) for d in state['retained_directories']):
            state['retained_directories'].append(base)
    return {'deleted': deleted, 'retainedDirectories': retained}


@command(
    'GetInstanceConfiguration', scope=INSTANCE, args=[arg('instanceID')], needs_running=False, needs_sp_access=False
)
def get_instance_configuration(ctx, inst):
    return dict(inst['config'])


@command('SetInstanceConfiguration', scope=SYSTEM, args=[arg('config', 'json')], reports_changes=True)
def set_instance_configuration(ctx, config):
    state = ctx.state
    cfg = require_object(config, 'config')
    check_keys(cfg, CONFIG_KEYS, 'config')
    if cfg.get('instanceID') is None:
        fail('config.instanceID is required: it names the instance to change.')
    inst = get_instance(state, cfg['instanceID'])
    instance_id = inst['config']['instanceID']
    if inst['status'] != 'stopped':
        # S18
        fail(
            "Instance '%s' must be stopped to change its configuration." % instance_id,
            'Current status: %s.' % inst['status'],
        )
    _validate_config_values(state, cfg)
    changes = {k: v for k, v in cfg.items() if k != 'instanceID'}
    if 'instanceHost' in changes:
        changes['instanceHost'] = find_host(state, changes['instanceHost'])['serverName']
    if 'baseDirectory' in changes:
        _check_base_directory(state, instance_id, changes['baseDirectory'])
    ctx.touch(instance_id)
    inst['config'].update(changes)
    if 'baseDirectory' in changes or 'instanceHost' in changes:
        add_directory(find_host(state, inst['config']['instanceHost']), inst['config']['baseDirectory'])
    return None
