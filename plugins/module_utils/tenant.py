# Copyright: contributors to mailstore.spe
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""One task per tenant (``spe_tenant``): the whole definition converged through the per-object
declarations and the one engine, phase by phase, so that a tenant behaves exactly as the
per-object modules run one after the other would.

1. Each object's options are built from the definition and validated with its own module's
   argument spec, then by its declaration (``Engine.validate``): bad input anywhere fails before
   the first API call, naming the object.
2. The instance first: read, plan, apply, read back. In check mode, an instance that would first
   be created, started, thawed or opened to the service provider cannot be read into: its
   contents are predicted as empty (as the per-object modules predict them, with a warning).
3. The reads of everything else (and the lists a purge needs) run concurrently on a small
   bounded pool, one client per worker thread: the client is not thread-safe.
4. The writes, in dependency order: creates and updates part by part (stores before users
   before jobs ...), then the deletes (``state: absent`` entries and purges) in reverse order.
   Each object is planned right before it is applied, and read back after, as its module does.
5. One result: an entry per object (kind, identity, changed, commands, the object as it now is
   or as predicted, ``diff``), the tenant's ``changed`` and commands, and a failure that names
   the object and command that failed and everything the tenant had applied before.
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import threading
import time
import traceback

from ansible.module_utils.common.arg_spec import ArgumentSpecValidator

from ansible_collections.mailstore.spe.plugins.module_utils.connection import (
    CONNECTION_ARGUMENT_SPEC,
    client_from_params,
)
from ansible_collections.mailstore.spe.plugins.module_utils.engine import Engine, Failure
from ansible_collections.mailstore.spe.plugins.module_utils.errors import SpeApiError, SpeModuleError
from ansible_collections.mailstore.spe.plugins.module_utils.runner import TaskContext

try:
    from concurrent.futures import ThreadPoolExecutor
except ImportError:  # pragma: no cover - Python 2 targets never run this collection's modules
    ThreadPoolExecutor = None

# After these instance commands, its contents can be read only once they were really sent.
OPENING_COMMANDS = ('CreateInstance', 'StartInstances', 'ThawInstances', 'SetArchiveAdminEnabled')
RESULT_KEYS_OF_THE_ENGINE = ('changed', 'commands', 'diff', 'failed', 'msg', 'warnings')
PARALLEL_READS_RANGE = (1, 16)


def without_unset(value):
    """The options as the task gave them: the tenant's validation fills every unset suboption with None."""
    if isinstance(value, dict):
        return {k: without_unset(v) for k, v in value.items() if v is not None}
    if isinstance(value, list):
        return [without_unset(item) for item in value]
    return value


class Part:
    """One key of the tenant definition converged by one declaration: a list of objects or one settings dict."""

    def __init__(self, key, declaration, many, kind, left_out=()):
        self.key = key
        self.declaration = declaration
        self.many = many
        self.kind = kind
        self.left_out = ('instance_id',) + tuple(left_out)
        self._validator = None

    def item_spec(self):
        return {k: v for k, v in self.declaration.argument_spec().items() if k not in self.left_out}

    def option_spec(self):
        """The definition key's argument spec: the module's options (not instance_id) and its constraints."""
        spec = dict(type='dict', options=self.item_spec())
        if self.many:
            spec.update(type='list', elements='dict')
        for name, groups in self.declaration.constraints.items():
            kept = [g for g in groups if not set(g) & set(self.left_out)]
            if kept:
                spec[name] = kept
        return spec

    def validator(self):
        """The part's own module's argument spec validator (built once)."""
        if self._validator is None:
            module_spec = self.declaration.module_spec()
            self._validator = ArgumentSpecValidator(module_spec.argument_spec, **module_spec.constraints)
        return self._validator

    def identity(self, params):
        """What names the object in the result: the store's name (or its id), the user's name ...; None for settings."""
        if not self.many:
            return None
        for option in self.declaration.identity + ('id',):
            if params.get(option) is not None:
                return params[option] if option != 'id' else 'id %s' % params[option]
        return None


class Purge:
    """Deleting the objects of a part the definition does not list (``purge_users`` ...)."""

    def __init__(self, key, flag, list_command, api_name, option, keep=(), fold_case=False, by_id=False):
        self.key = key
        self.flag = flag
        self.list_command = list_command
        self.api_name = api_name
        self.option = option
        self.keep = keep
        self.fold_case = fold_case
        self.by_id = by_id

    def name(self, value):
        return value.lower() if self.fold_case and value is not None else value

    def unlisted(self, entries, definition):
        """The listed entries that the definition does not name (nor, for stores, give the id of)."""
        kept = {self.name(item.get(self.option)) for item in definition} | {self.name(k) for k in self.keep}
        kept_ids = {item.get('id') for item in definition if item.get('id') is not None}
        return [
            e
            for e in entries
            if self.name(e.get(self.api_name)) not in kept and not (self.by_id and e['id'] in kept_ids)
        ]

    def delete_options(self, entry):
        if self.by_id:
            return {'id': entry['id'], 'state': 'absent'}
        return {self.option: entry[self.api_name], 'state': 'absent'}


class ObjectContext(TaskContext):
    """An object's task context inside the tenant's task: the tenant's modes, and the client of
    the thread it runs on (the tenant's own client, or a read worker's)."""

    def __init__(self, params, tenant_ctx):
        super().__init__(params, check_mode=tenant_ctx.check_mode, diff_mode=tenant_ctx.diff_mode, owns_client=False)
        self.tenant_ctx = tenant_ctx
        self.bound = None  # a read worker's client while the object is read on the pool

    @property
    def client(self):
        return self.bound or self.tenant_ctx.client


class UncheckedInside:
    """A declaration whose ``prepare`` reads inside an instance that, in check mode, does not exist yet."""

    def __init__(self, declaration):
        self.declaration = declaration

    def __getattr__(self, name):
        return getattr(self.declaration, name)

    def prepare(self, change):
        try:
            self.declaration.prepare(change)
        except SpeApiError as exc:
            change.warn('Not checked until the instance exists: %s' % exc)


class ObjectRun:
    """One object of the tenant and its engine run, phase by phase, with the engine's error boundary."""

    def __init__(self, part, identity, resource, params, tenant_ctx, purged=False):
        self.part = part
        self.kind = 'instance' if part is None else part.kind
        self.identity = identity
        self.purged = purged
        self.ctx = ObjectContext(params, tenant_ctx)
        self.engine = Engine(resource, self.ctx)
        self.result = None

    @property
    def label(self):
        return self.kind if self.identity is None else "%s '%s'" % (self.kind, self.identity)

    @property
    def planned(self):
        return [step.command for step in self.engine.steps]

    def guarded(self, phase):
        """Run one phase; None when it went through, else the failure result the module would return."""
        engine = self.engine
        try:
            phase()
            return None
        except Failure as exc:
            return engine.failed(exc.msg, **exc.result)
        except SpeModuleError as exc:
            return engine.failed(exc.msg, **exc.result)
        except SpeApiError as exc:
            return engine.api_failed(exc)
        except Exception as exc:  # the error boundary, as Engine.run draws it
            return engine.failed(
                'Unexpected error managing the %s: %r' % (engine.resource.name, exc), exception=traceback.format_exc()
            )

    def read_with(self, client):
        saved, self.ctx.bound = self.ctx.bound, client
        try:
            return self.guarded(self.engine.read)
        finally:
            self.ctx.bound = saved

    def predict_from_empty(self):
        """Check mode, the instance not there (or not open) yet: as the engine predicts without a parent.

        What ``prepare`` would check inside the instance (a job's time zone) cannot be read yet: it
        is left to the real run, with a warning, instead of failing the prediction."""
        change, resource = self.engine.change, self.engine.resource
        change.current_api = {} if resource.singleton else None
        change.current = None if change.current_api is None else resource.to_options(change.current_api)
        self.engine.resource = change.resource = UncheckedInside(resource)

    def converge(self):
        """Compare, plan, apply (not in check mode) and report; None on success, else the failure."""

        engine = self.engine

        def plan():
            engine.steps = engine.plan()

        def report():
            self.result = engine.result()

        for phase in (engine.compare, plan, lambda: engine.execute(engine.steps), report):
            failure = self.guarded(phase)
            if failure is not None:
                return failure
        return None

    def entry(self):
        """The object's line in the tenant's result."""
        result, name = self.result, self.engine.resource.name
        entry = dict(kind=self.kind, identity=self.identity, changed=result['changed'], commands=result['commands'])
        if result['changed']:
            # The state of what changed (in check mode, as predicted). An unchanged object is as its
            # definition says: repeating every one would make a fleet's results (and the controller,
            # which keeps each host's) several times larger than what changed.
            entry['object'] = result.get(name, {})
        entry.update((k, v) for k, v in result.items() if k not in RESULT_KEYS_OF_THE_ENGINE and k != name)
        if result['changed'] and 'diff' in result:
            entry['diff'] = result['diff']
        if self.purged:
            entry['purged'] = True
        return entry


class ReadPool:
    """A small bounded pool of read workers, each with its own kept-alive client (same options).

    The task's own client is idle while the pool reads (``map`` waits for every read): one worker
    borrows it, so a pool of N opens N - 1 new connections. The pool's threads live as long as the
    task, so a worker keeps its connection from one ``map`` to the next.

    A new connection costs a TLS handshake, a few milliseconds of CPU on both ends. Against a server
    that answers a read faster than ``SLOW_READ_SECONDS``, reading one object after the other on the
    connection already open costs less than the pool saves, so the reads start on the task's own
    client and the pool opens only once the reads so far took that long on average (a server far
    away, or busy)."""

    SLOW_READ_SECONDS = 0.01

    def __init__(self, size, params, clock=time.monotonic):
        self.size = size
        self.params = params
        self.clock = clock
        self.slow = False  # the reads took SLOW_READ_SECONDS or more on average: concurrency pays off from then on
        self.local = threading.local()
        self.lock = threading.Lock()
        self.clients = []
        self.lendable = None  # the task's client, until a worker has borrowed it
        self.lent = False
        self.executor = None

    def worker_client(self):
        client = getattr(self.local, 'client', None)
        if client is None:
            with self.lock:
                if not self.lent and self.lendable is not None:
                    client, self.lent = self.lendable, True
                else:
                    client = client_from_params(self.params)
                    self.clients.append(client)
            self.local.client = client
        return client

    def map(self, read, items, main_client):
        """``read(item, client)`` for every item, concurrently when it is worth it; results in order."""
        if self.size <= 1 or ThreadPoolExecutor is None:
            return [read(item, main_client) for item in items]
        results = []
        started = self.clock()
        while not self.slow and len(results) < len(items):
            results.append(read(items[len(results)], main_client))
            # on average, not one read: a single pause of a busy machine says nothing about the server
            self.slow = (self.clock() - started) / len(results) >= self.SLOW_READ_SECONDS
        done = len(results)
        rest = items[done:]
        if len(rest) <= 1:
            return results + [read(item, main_client) for item in rest]
        self.lendable = main_client
        if self.executor is None:
            self.executor = ThreadPoolExecutor(max_workers=self.size)
        return results + list(self.executor.map(lambda item: read(item, self.worker_client()), rest))

    def close(self):
        if self.executor is not None:
            self.executor.shutdown(wait=True)
        for client in self.clients:
            client.close()


class TenantRun:
    def __init__(self, tenant, ctx):
        self.tenant = tenant
        self.ctx = ctx
        self.params = ctx.params
        self.done = []  # objects converged, in order
        self.pool = ReadPool(self.params['parallel_reads'], self.connection())

    def connection(self):
        return {option: self.params.get(option) for option in CONNECTION_ARGUMENT_SPEC}

    # -- building the objects, and everything checked before the first API call ---------------
    def definition_params(self, options):
        """The options of one object of the definition as its own module gets them.

        The task's validation already validated them with that module's own argument spec: a part's
        suboptions ARE its module's options and constraints (``Part.option_spec``; a unit test holds
        them equal), defaults filled in, unset ones None, as a module's validation leaves them."""
        return dict(options, instance_id=self.params['instance_id'], **self.connection())

    def object_params(self, part, options, where):
        """The options of an object the run makes up (a purge's delete), validated with its module's spec."""
        params = dict(self.connection(), instance_id=self.params['instance_id'])
        params.update(without_unset(options))
        validation = part.validator().validate(params)
        if validation.error_messages:
            raise SpeModuleError('%s: %s; nothing was sent.' % (where, validation.errors.msg), commands=[])
        return validation.validated_parameters

    def instance_run(self):
        spec = self.tenant.instance.argument_spec()
        params = {k: self.params.get(k) for k in spec if k in self.params}
        params.update(self.connection(), state='started')
        return ObjectRun(None, self.params['instance_id'], self.tenant.instance, params, self.ctx)

    def part_runs(self, part):
        value = self.params.get(part.key)
        if value is None:
            return []
        items = value if part.many else [value]
        runs = []
        for item in items:
            params = self.definition_params(item)
            runs.append(ObjectRun(part, part.identity(params), part.declaration, params, self.ctx))
        self.check_unique(part, runs)
        return runs

    @staticmethod
    def check_unique(part, runs):
        seen = set()
        for run in runs:
            key = run.identity.lower() if part.key == 'users' and run.identity else run.identity
            if key is not None and key in seen:
                raise SpeModuleError(
                    '%s: %s is listed twice; each object is declared once.' % (part.key, run.label), commands=[]
                )
            seen.add(key)

    def check_options(self):
        low, high = PARALLEL_READS_RANGE
        if not low <= self.params['parallel_reads'] <= high:
            raise SpeModuleError(
                'parallel_reads must be %d to %d, not %s; nothing was sent.'
                % (low, high, self.params['parallel_reads']),
                commands=[],
            )

    # -- the run ----------------------------------------------------------------------------
    def run(self):
        try:
            return self._run()
        finally:
            self.pool.close()

    def _run(self):
        self.check_options()
        instance = self.instance_run()
        parts = [(part, self.part_runs(part)) for part in self.tenant.parts]
        for run in [instance] + [run for _part, runs in parts for run in runs]:
            failure = run.guarded(run.engine.validate)
            if failure is not None:
                return self.failed(run, failure)

        failure = run_instance(instance, self.ctx.check_mode)
        if failure is not None:
            return self.failed(instance, failure)
        self.done.append(instance)
        pending = self.ctx.check_mode and any(c in OPENING_COMMANDS for c in instance.planned)

        children = [run for _part, runs in parts for run in runs]
        purged = []
        if pending:
            self.ctx.warn(
                "Predicted the contents of instance '%s' without reading them: it does not exist, run or give the "
                'service provider access yet (this run only predicts creating, starting or opening it).'
                % self.params['instance_id']
            )
            for run in children:
                run.predict_from_empty()
        else:
            failure = self.read(children)
            if failure is not None:
                return failure
            purged, failure = self.purges(dict(parts))
            if failure is not None:
                return failure

        ordered = [run for run in children if run.engine.change.state != 'absent']
        deleted = {part.key: [r for r in runs if r.engine.change.state == 'absent'] for part, runs in parts}
        for purge in self.tenant.purges:
            ordered += deleted.pop(purge.key, []) + [r for r in purged if r.part.key == purge.key]
        for runs in deleted.values():
            ordered += runs
        for run in ordered:
            failure = run.converge()
            if failure is not None:
                return self.failed(run, failure)
            self.done.append(run)
        return self.result()

    def read(self, runs):
        """Every object's read, on the pool; the first failure in definition order stops the tenant."""
        failures = self.pool.map(lambda run, client: run.read_with(client), runs, self.ctx.client)
        for index, failure in enumerate(failures):
            if failure is not None:
                return self.failed(runs[index], failure)
        return None

    def purges(self, parts):
        """The delete runs of the purges asked for (their lists read on the pool), read in turn."""
        asked = [p for p in self.tenant.purges if self.params.get(p.flag)]
        if not asked:
            return [], None

        def listing(purge, client):
            try:
                return client.call(purge.list_command, instanceID=self.params['instance_id']), None
            except SpeApiError as exc:
                return None, exc

        runs = []
        listed = self.pool.map(listing, asked, self.ctx.client)
        for index, purge in enumerate(asked):
            entries, exc = listed[index]
            if exc is not None:
                return [], self.failed_listing(purge, exc)
            part = [p for p in self.tenant.parts if p.key == purge.key][0]
            definition = [r.engine.change.params for r in parts.get(part, [])]
            for entry in purge.unlisted(entries, definition):
                params = self.object_params(part, purge.delete_options(entry), '%s (%s)' % (purge.key, purge.flag))
                runs.append(ObjectRun(part, entry.get(purge.api_name), part.declaration, params, self.ctx, purged=True))
        return runs, self.read(runs)

    # -- results ----------------------------------------------------------------------------
    def applied(self):
        return [command for run in self.done for command in run.result['commands']]

    def result(self):
        entries = [run.entry() for run in self.done]
        result = dict(
            changed=any(e['changed'] for e in entries),
            commands=self.applied(),
            objects=entries,
            report=[report_line(entry) for entry in entries],
        )
        if self.ctx.diff_mode:
            result['diff'] = self.diff()
        self.pass_warnings()
        return result

    def diff(self):
        """The tenant's before and after in the shape of its definition, for the objects that change."""
        before, after = {}, {}
        for run in self.done:
            diff = run.result.get('diff')
            if not run.result['changed'] or not diff:
                continue
            if run.part is None:
                before.update(diff['before'])
                after.update(diff['after'])
            elif run.part.many:
                for side, view in ((before, diff['before']), (after, diff['after'])):
                    side.setdefault(run.part.key, [])
                    if view:
                        side[run.part.key].append(view)
            else:
                before[run.part.key], after[run.part.key] = diff['before'], diff['after']
        return dict(before=before, after=after)

    def pass_warnings(self):
        for run in self.done:
            for warning in run.ctx.warnings:
                self.ctx.warn('%s: %s' % (run.label, warning))

    def failed(self, run, failure):
        """The failure of one object, as the tenant reports it: what failed, and what had been applied before."""
        before = self.applied()
        if self.ctx.check_mode:
            told = 'Predicted before it: %s.' % (', '.join(before) or 'nothing')
        else:
            told = 'The tenant applied before it: %s.' % (', '.join(before) or 'nothing')
        entries = [r.entry() for r in self.done]
        entries.append(dict(kind=run.kind, identity=run.identity, changed=failure['changed'], failed=True))
        result = dict(failure)
        result.update(
            msg='%s: %s %s' % (run.label, failure['msg'], told),
            commands=before + failure.get('commands', []),
            changed=failure['changed'] or (not self.ctx.check_mode and any(r.result['changed'] for r in self.done)),
            failed_object=dict(kind=run.kind, identity=run.identity),
            objects=entries,
        )
        self.pass_warnings()
        for warning in run.ctx.warnings:
            self.ctx.warn('%s: %s' % (run.label, warning))
        return result

    def failed_listing(self, purge, exc):
        return self.failed(
            _Listing(purge),
            dict(
                changed=False,
                msg='Reading the %s to purge (%s) failed: %s' % (purge.key, purge.flag, exc),
                error=exc.to_dict(),
                failed_command=exc.command,
                commands=[],
            ),
        )


class _Listing:
    """Names a purge's list read in a failure."""

    def __init__(self, purge):
        self.kind = purge.key
        self.identity = None
        self.label = '%s (%s)' % (purge.key, purge.flag)
        self.ctx = TaskContext({})


def report_line(entry):
    """An object's line in the report people read (and ``tenant_onboarding_report``): which object,
    whether it changed, the commands, and why an instance change waits for ``allow_restart``."""
    label = entry['kind'] if entry['identity'] is None else '%s %s' % (entry['kind'], entry['identity'])
    if entry.get('purged'):
        label += ' (not in the definition: deleted)'
    line = dict(object=label, changed=entry['changed'], commands=entry['commands'])
    if entry.get('changed_fields'):
        line['note'] = '%s would change, which needs allow_restart: true' % ', '.join(entry['changed_fields'])
    return line


def run_instance(instance, check_mode):
    """The instance's own run. In check mode, a configuration change the definition does not allow
    a restart for is reported as a change to make (drift), not as a failure; a real run fails on it."""
    failure = instance.read_with(None) or instance.converge()
    if failure is None:
        return None
    if check_mode and 'changed_fields' in failure and failure.get('failed_command') is None:
        instance.ctx.warn(failure['msg'])
        instance.result = dict(
            changed=True,
            commands=[],
            changed_fields=failure['changed_fields'],
            msg=failure['msg'],
            instance=instance.engine.change.current or {},
        )
        instance.engine.steps = []
        return None
    return failure


def run_tenant(tenant, ctx):
    """``spe_tenant``'s run: the tenant's result, failures included."""
    return TenantRun(tenant, ctx).run()
