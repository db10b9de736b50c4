# Copyright: contributors to mailstore.spe
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""``spe_store_maintenance``: the maintenance operations of archive stores, as one operation
module (not a resource: it declares what to run, not how something should be).

Each operation is a row of ``OPERATIONS``: the command for one store and for all stores, whether
it changes anything (verify and refresh_statistics do not: they run in check mode too and report
``changed: false``) and when there is nothing to do (an upgrade of a store that needs none, a
merge whose source is gone). The operations are long-running: the module follows them with the
client's wait, shows a progress line per change of status, and returns the token when it does
not wait (or the wait failed), which a later task follows or cancels with ``token``.
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

from ansible_collections.mailstore.spe.plugins.module_utils import spe_api
from ansible_collections.mailstore.spe.plugins.module_utils.command import Progress, failure, response_fields
from ansible_collections.mailstore.spe.plugins.module_utils.errors import SpeApiError, SpeModuleError
from ansible_collections.mailstore.spe.plugins.module_utils.fields import check_instance_id
from ansible_collections.mailstore.spe.plugins.module_utils.progress import ProgressLines
from ansible_collections.mailstore.spe.plugins.module_utils.runner import ModuleSpec

STORE, ALL, INSTANCE_WIDE = 'store', 'all', 'instance'


class Operation:
    """One value of ``operation``: the commands, what it targets, whether it changes anything."""

    def __init__(self, store=None, all_stores=None, instance=None, changes=True, pending=None, extra=()):
        self.store = store  # command for one store (id)
        self.all_stores = all_stores  # commands for all stores (a list: rebuild selects first)
        self.instance = instance  # command for the instance as a whole (no store)
        self.changes = changes
        self.pending = pending  # (store or stores) -> bool: is there anything to do? None: always
        self.extra = extra  # options only this operation takes

    def commands(self):
        return [c for c in [self.store] + list(self.all_stores or []) + [self.instance] if c]


def needs_upgrade(stores):
    return any(s.get('needsUpgrade') for s in stores)


def in_error(stores):
    return any(s.get('error') for s in stores)


def needs_index_rebuild(stores):
    return any(s.get('searchIndexesNeedRebuild') for s in stores)


OPERATIONS = {
    'verify': Operation(store='VerifyStore', all_stores=['VerifyStores'], changes=False, extra=('include_indexes',)),
    'compact': Operation(store='CompactStore'),
    'upgrade': Operation(store='UpgradeStore', pending=needs_upgrade),
    'recover': Operation(store='RecoverStore', extra=('encryption_key', 'recover_deleted_messages')),
    'recreate_recovery_records': Operation(store='RecreateRecoveryRecords'),
    'repair_database': Operation(store='RepairStoreDatabase'),
    'rebuild_indexes': Operation(
        instance='RebuildSelectedStoreIndexes',
        all_stores=['SelectAllStoreIndexesForRebuild', 'RebuildSelectedStoreIndexes'],
        pending=needs_index_rebuild,
    ),
    'merge': Operation(store='MergeStore', extra=('source', 'source_id')),
    'refresh_statistics': Operation(instance='RefreshAllStoreStatistics', changes=False),
    'retry_open': Operation(instance='RetryOpenStores', pending=in_error),
    'maintain_file_system_databases': Operation(instance='MaintainFileSystemDatabases'),
}
EXTRA_OPTIONS = ('include_indexes', 'encryption_key', 'recover_deleted_messages', 'source', 'source_id')

ARGUMENT_SPEC = dict(
    instance_id=dict(type='str', required=True),
    operation=dict(type='str', choices=sorted(OPERATIONS)),
    name=dict(type='str'),
    id=dict(type='int'),
    all_stores=dict(type='bool', default=False),
    source=dict(type='str'),
    source_id=dict(type='int'),
    include_indexes=dict(type='bool'),
    encryption_key=dict(type='str', no_log=True),
    recover_deleted_messages=dict(type='bool'),
    token=dict(type='str', no_log=False),
    cancel=dict(type='bool', default=False),
    wait=dict(type='bool', default=True),
    wait_timeout=dict(type='int', default=3600),
    cancel_on_timeout=dict(type='bool', default=False),
)
CONSTRAINTS = dict(
    mutually_exclusive=[['name', 'id', 'all_stores'], ['source', 'source_id'], ['operation', 'token']],
    required_one_of=[['operation', 'token']],
)


# --- validation: before any API call -----------------------------------------------------------


def problems(params):
    """Every reason the task cannot run, each naming its option; [] when it can."""
    found = []
    if params.get('token') is not None:
        if not params['token'].strip():
            found.append('token: must not be empty')
        given = [o for o in ('name', 'id', 'all_stores') + EXTRA_OPTIONS if params.get(o) not in (None, False)]
        if given:
            found.append('%s: not used with token (it names a running operation)' % ', '.join(given))
    else:
        operation = OPERATIONS[params['operation']]
        found += target_problems(params, operation)
        for option in EXTRA_OPTIONS:
            if params.get(option) is not None and option not in operation.extra:
                found.append('%s: only for operation %s' % (option, ' or '.join(extra_users(option))))
        if params['operation'] == 'merge' and params.get('source') is None and params.get('source_id') is None:
            found.append('source: merge needs source or source_id (the store merged into the named one)')
    if params.get('cancel') and params.get('token') is None:
        found.append('cancel: needs token (the token of the operation to cancel)')
    if params.get('wait_timeout') is not None and params['wait_timeout'] < 0:
        found.append('wait_timeout: %s is negative' % params['wait_timeout'])
    for option in ('name', 'source'):
        value = params.get(option)
        if value is not None and (not value.strip() or '\n' in value or '\r' in value):
            found.append('%s: must be a store name (not empty, one line)' % option)
    for option in ('id', 'source_id'):
        if params.get(option) is not None and params[option] < 1:
            found.append('%s: a store id is a positive number, not %s' % (option, params[option]))
    return found


def extra_users(option):
    return sorted(name for name, operation in OPERATIONS.items() if option in operation.extra)


def target_problems(params, operation):
    operation_name = params['operation']
    one_store = params.get('name') is not None or params.get('id') is not None
    if params.get('all_stores') and not operation.all_stores:
        return ['all_stores: operation %s has no command for all stores; name one store' % operation_name]
    if one_store and not operation.store:
        return ['name: operation %s works on the whole instance; leave out name and id' % operation_name]
    if operation.store and not one_store and not (params.get('all_stores') and operation.all_stores):
        wanted = 'name or id' + (' (or all_stores: true)' if operation.all_stores else '')
        return ['name: operation %s needs a store: %s' % (operation_name, wanted)]
    return []


# --- running -----------------------------------------------------------------------------------


class Maintenance:
    """One task: find the store(s), decide if there is anything to do, run, follow, report."""

    def __init__(self, ctx):
        self.ctx = ctx
        self.params = ctx.params
        self.instance_id = ctx.params['instance_id']
        self.sent = []
        self.progress = self.new_progress()

    def new_progress(self, token=None):
        label = 'spe_store_maintenance %s (%s)' % (self.params.get('operation') or 'token', self.instance_id)
        return ProgressLines(self.ctx, label, token)

    # -- reading ----------------------------------------------------------------------------
    def stores(self):
        try:
            return self.ctx.client.call('GetStores', instanceID=self.instance_id, includeSize=False)
        except SpeApiError as exc:
            raise SpeModuleError(
                "Reading the archive stores of instance '%s' failed: %s" % (self.instance_id, exc),
                error=exc.to_dict(),
                failed_command=exc.command,
                commands=[],
            ) from None

    @staticmethod
    def find(stores, name=None, store_id=None, option='name'):
        if store_id is not None:
            return next((s for s in stores if s['id'] == store_id), None)
        matches = [s for s in stores if s['name'] == name]
        if len(matches) > 1:
            raise SpeModuleError(
                "%s: %d archive stores are named '%s' (ids %s); give the id instead"
                % (option, len(matches), name, ', '.join(str(s['id']) for s in matches)),
                commands=[],
            )
        return matches[0] if matches else None

    def target(self, stores):
        """The store the task names; a missing one is an error (merge: see ``plan``)."""
        params = self.params
        store = self.find(stores, params.get('name'), params.get('id'))
        if store is None:
            what = 'id %s' % params['id'] if params.get('id') is not None else "name '%s'" % params['name']
            raise SpeModuleError(
                "No archive store with %s in instance '%s'." % (what, self.instance_id), commands=[], changed=False
            )
        return store

    # -- planning ---------------------------------------------------------------------------
    def plan(self):
        """([(command, arguments)], the store or None, why nothing is to do or None)."""
        params, operation = self.params, OPERATIONS[self.params['operation']]
        base = {'instanceID': self.instance_id}
        if operation.store and not params.get('all_stores'):
            stores = self.stores()
            store = self.target(stores)
            arguments = dict(base, id=store['id'])
            if params['operation'] == 'merge':
                source = self.find(stores, params.get('source'), params.get('source_id'), option='source')
                if source is None:
                    return [], store, 'the source store is not there (already merged)'
                if source['id'] == store['id']:
                    raise SpeModuleError('source: a store cannot be merged into itself', commands=[])
                arguments['sourceId'] = source['id']
            if operation.pending and not operation.pending([store]):
                return [], store, 'archive store %s needs no %s' % (store['id'], params['operation'])
            return [(operation.store, self.with_options(arguments))], store, None
        commands = operation.all_stores if params.get('all_stores') else [operation.instance]
        if operation.pending and not params.get('all_stores'):
            if not operation.pending(self.stores()):
                return [], None, 'no archive store needs %s' % params['operation']
        return [(command, self.with_options(dict(base))) for command in commands], None, None

    def with_options(self, arguments):
        params = self.params
        if params['operation'] == 'verify':
            arguments['includeIndexes'] = bool(params.get('include_indexes'))
        if params['operation'] == 'recover':
            arguments['encryptionKey'] = params.get('encryption_key')
            arguments['recoverDeletedMessages'] = params.get('recover_deleted_messages')
        return {k: v for k, v in arguments.items() if v is not None}

    # -- acting -----------------------------------------------------------------------------
    def run(self):
        params, operation = self.params, OPERATIONS[self.params['operation']]
        calls, store, nothing = self.plan()
        result = dict(operation=params['operation'], commands=[command for command, _arguments in calls], changed=False)
        if store is not None:
            result['store'] = {'id': store['id'], 'name': store['name']}
        if nothing:
            return dict(result, msg='Nothing to do: %s.' % nothing)
        if self.ctx.check_mode and operation.changes:
            return dict(result, changed=True, msg='check mode: %s not sent' % ', '.join(result['commands']))
        response = None
        for command, arguments in calls:
            response = self.invoke(command, arguments, operation.changes)
        result.update(response_fields(response))
        result['log_output'] = response.log_output or self.progress.log_output
        result['progress'] = self.progress.lines
        result['changed'] = operation.changes
        if not params['wait'] and response.running:
            result['token'] = response.token
        return result

    def invoke(self, command, arguments, changes):
        params = self.params
        self.progress = self.new_progress()
        try:
            response = self.ctx.client.invoke(
                command,
                arguments,
                wait=params['wait'],
                wait_timeout=params['wait_timeout'],
                cancel_on_timeout=params['cancel_on_timeout'],
                on_progress=self.progress,
            )
        except SpeApiError as exc:
            error = failure(command, exc, self.progress, read=not changes)
            error.result.setdefault('commands', self.sent + [command])
            error.result['failed_command'] = command
            error.result['changed'] = error.result.get('changed') or (changes and bool(self.sent))
            error.result['progress'] = self.progress.lines
            raise error from exc
        self.sent.append(command)
        return response

    def follow(self):
        """Wait for an operation started earlier; changes nothing by itself (check mode too)."""
        params, token = self.params, self.params['token']
        self.progress = self.new_progress(token)
        try:
            response = self.ctx.client.wait_for(
                token,
                wait_timeout=params['wait_timeout'],
                cancel_on_timeout=params['cancel_on_timeout'] and not self.ctx.check_mode,
                on_progress=self.progress,
            )
        except SpeApiError as exc:
            extra = dict(error=exc.to_dict(), token=token, progress=self.progress.lines, **self.progress.fields())
            raise SpeModuleError(
                'the operation with token %s: %s' % (token, exc.describe(with_command=False)), **extra
            ) from exc
        result = dict(changed=False, token=token, progress=self.progress.lines, **response_fields(response))
        result['log_output'] = response.log_output or self.progress.log_output
        return result

    def cancel(self):
        token = self.params['token']
        if self.ctx.check_mode:
            return dict(changed=True, token=token, msg='check mode: cancel-async not sent for token %s' % token)
        try:
            self.ctx.client.cancel(token)
        except SpeApiError as exc:
            raise failure(spe_api.CANCEL_ASYNC, exc, Progress(), read=False) from exc
        return dict(
            changed=True,
            token=token,
            commands=[spe_api.CANCEL_ASYNC],
            msg='cancel-async sent for token %s; the server decides if and when the operation stops' % token,
        )


def run(ctx):
    check_instance_id(ctx.params['instance_id'])
    found = problems(ctx.params)
    if found:
        raise SpeModuleError('Invalid input: %s; nothing was sent.' % '; '.join(found), commands=[])
    task = Maintenance(ctx)
    if ctx.params.get('token') is not None:
        return task.cancel() if ctx.params['cancel'] else task.follow()
    return task.run()


class StoreMaintenance:
    """The declaration the registry finds: one operation module, no info twin."""

    module = 'spe_store_maintenance'

    def module_specs(self):
        return {self.module: ModuleSpec(ARGUMENT_SPEC, run, **CONSTRAINTS)}

    def commands_reached(self):
        found = {'GetStores': 'finding the store by name or id, and whether anything is to do'}
        for name, operation in sorted(OPERATIONS.items()):
            for command in operation.commands():
                found.setdefault(command, 'operation: %s' % name)
        found[spe_api.CANCEL_ASYNC] = 'token with cancel: true'
        return found


STORE_MAINTENANCE = StoreMaintenance()
