# Copyright: contributors to mailstore.spe
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""The reconcile engine: one implementation of diff, changed, check mode, --diff, redaction,
results and error reporting for every declared resource (``resource.py``, ``declarations/``).

One run of one resource:

1. validate the input (field rules, the instanceID rule, the resource's own rules): a clear
   error and zero API calls;
2. read the current object (``Resource.read``), turning "the instance this lives in does not
   exist or does not run" into a clear failure or, in check mode, into a prediction;
3. compare wanted and current in option space (``Field``): an option left unset is not
   managed; an empty value (``""``, ``[]``) means "make it empty";
4. when something is to change, read what the plan needs beyond the object (``prepare``),
   then ask the resource for the steps (API calls) and run them unless in check mode;
5. report ``changed``, the object as it now is (as predicted in check mode), ``diff`` and
   ``commands``.

The run is one error boundary: whatever fails, the result says what was applied, what failed
and what may have been applied (``commands_uncertain``); ``changed`` is true as soon as the
server may have changed; an unexpected exception becomes a clean failure with its traceback.
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import traceback

from ansible_collections.mailstore.spe.plugins.module_utils.errors import SpeApiError, SpeModuleError

SECRET_MASK = '********'


class Step:
    """One API call of a plan, with the reason it is made.

    An argument may be a function of the ``Change``, resolved just before the call, for values
    that exist only once an earlier step ran (the id of a job just created). ``undo`` is the
    call that puts back what this one changed, run when a later step fails (an instance the
    module stopped is started again), so that a failure midway leaves nothing half-done.
    ``wait_timeout``: how long a long-running command may run (the client's default when None).
    Once sent, ``answer`` holds the command's result, for ``result_extras`` (what a sync did).
    """

    def __init__(self, command, arguments=None, why='', undo=None, wait_timeout=None):
        self.command = command
        self.arguments = {k: v for k, v in (arguments or {}).items() if v is not None}
        self.why = why
        self.undo = undo
        self.wait_timeout = wait_timeout
        self.answer = None

    def send(self, client, change):
        """Sends the call (following a long-running one to its end) and keeps its result."""
        arguments = self.resolved_arguments(change)
        if self.wait_timeout is None:
            self.answer = client.call(self.command, **arguments)
        else:
            self.answer = client.invoke(self.command, arguments, wait_timeout=self.wait_timeout).result
        return self.answer

    def resolved_arguments(self, change):
        return {k: v(change) if callable(v) else v for k, v in self.arguments.items()}

    def __repr__(self):
        return 'Step(%s)' % self.command


class Change:
    """What every hook of a declaration is given: the task and the object, before and after.

    ``params``: the validated options; ``wanted``: the managed options the task sets;
    ``current_api`` / ``current``: the object as the API returns it and in option names (None
    when it does not exist); ``after``: the object as it will be (option names);
    ``changed_fields``: the options whose value changes; ``secrets_sent``: write-only options
    this run sends; ``facts``: what ``read``/``prepare`` found beyond the object.
    """

    def __init__(self, resource, ctx):
        self.resource = resource
        self.ctx = ctx
        self.params = ctx.params
        self.state = ctx.params.get('state') or (resource.states[0] if resource.states else 'present')
        self.wanted = {f.option: ctx.params[f.option] for f in resource.fields if ctx.params.get(f.option) is not None}
        self.current_api = None
        self.current = None
        self.after = None
        self.changed_fields = []
        self.secrets_sent = []
        self.facts = {}

    @property
    def client(self):
        return self.ctx.client

    @property
    def check_mode(self):
        return self.ctx.check_mode

    @property
    def exists(self):
        return self.current_api is not None

    def warn(self, msg):
        self.ctx.warn(msg)


def probe_instance(client, instance_id):
    """Why the instance cannot serve a read: None when it is fine (docs/assumptions.md M6)."""
    instances = [i for i in client.call('GetInstances', instanceFilter=instance_id) if i['instanceID'] == instance_id]
    if not instances:
        return "instance '%s' does not exist" % instance_id
    status = instances[0].get('status')
    if status != 'running':
        return "instance '%s' is not running (status: %s)" % (instance_id, status)
    if not client.call('GetArchiveAdminEnabled', instanceID=instance_id):
        return (
            "service provider access is disabled for instance '%s' "
            '(enable it with mailstore.spe.spe_instance service_provider_access: true)' % instance_id
        )
    return None


class Failure(Exception):
    """Internal: a failure with the phase it happened in, raised inside ``Engine.run``."""

    def __init__(self, msg, result):
        super().__init__(msg)
        self.msg = msg
        self.result = result


class Engine:
    """One reconcile run of one resource."""

    def __init__(self, resource, ctx):
        self.resource = resource
        self.ctx = ctx
        self.change = Change(resource, ctx)
        self.steps = []
        self.applied = []
        self.uncertain = []
        self.without_parent = False  # check mode predicting inside an instance that is not there yet

    def run(self):
        try:
            return self._run()
        except Failure as exc:  # raised by a phase that wrote its own report
            return self.failed(exc.msg, **exc.result)
        except SpeModuleError as exc:
            return self.failed(exc.msg, **exc.result)
        except SpeApiError as exc:
            return self.api_failed(exc)
        except Exception as exc:  # the error boundary: never a traceback instead of a result
            return self.failed(
                'Unexpected error managing the %s: %r' % (self.resource.name, exc), exception=traceback.format_exc()
            )

    def _run(self):
        self.validate()
        self.read()
        self.compare()
        self.steps = self.plan()
        self.execute(self.steps)
        return self.result()

    # -- 1. validating ------------------------------------------------------------------
    def validate(self):
        self.resource.check_input(self.change)

    # -- 2. reading ---------------------------------------------------------------------
    def read(self):
        change, resource = self.change, self.resource
        try:
            change.current_api = resource.read(change)
        except SpeApiError as exc:
            change.current_api = self.parent_unavailable(exc)
        if change.current_api is None and resource.singleton:
            change.current_api = {}  # settings always exist: in check mode without a parent, predict from empty ones
        change.current = None if change.current_api is None else resource.to_options(change.current_api)

    def parent_unavailable(self, exc):
        """Check mode predicts from an empty instance (an earlier task may only have predicted
        creating or starting it); a real run cannot go on."""
        instance_id = self.resource.instance_of(self.change)
        reason = None
        if instance_id:
            try:
                reason = probe_instance(self.change.client, instance_id)
            except SpeApiError:
                reason = None  # the probe failed too: report the original error
        if not reason:
            raise SpeModuleError(
                'Reading the %s failed: %s' % (self.resource.name, exc),
                error=exc.to_dict(),
                failed_command=exc.command,
                commands=[],
            )
        if self.ctx.check_mode:
            self.without_parent = True
            self.ctx.warn(
                'Predicted without reading the %s: %s. An earlier task in check mode may '
                'only have predicted creating or starting it.' % (self.resource.name, reason)
            )
            return None
        raise SpeModuleError('Cannot manage the %s: %s.' % (self.resource.name, reason), commands=[])

    # -- 3. comparing -------------------------------------------------------------------
    def compare(self):
        change, resource = self.change, self.resource
        if change.state == 'absent' or (change.current is None and not resource.singleton):
            change.after = None if change.state == 'absent' else dict(change.wanted)
            change.changed_fields = [] if change.state == 'absent' else sorted(change.wanted)
            if change.state != 'absent':
                change.secrets_sent = [f.option for f in resource.fields if f.secret and f.option in change.wanted]
            return
        after = dict(change.current)
        after.update((f.option, resource.merge(change, f)) for f in resource.fields if f.option in change.wanted)
        change.after = after
        change.changed_fields = [f.option for f in resource.fields if self.differs(f)]
        change.secrets_sent = resource.secrets_to_send(change)

    def differs(self, field):
        """The task sets ``field`` (not a write-only secret) to a value other than the current one."""
        change = self.change
        if field.option not in change.wanted or field.secret:
            return False
        return field.canonical(change.after[field.option]) != field.canonical(change.current.get(field.option))

    # -- 4. planning and acting ---------------------------------------------------------
    def plan(self):
        change, resource = self.change, self.resource
        if change.state == 'absent':
            return resource.delete_steps(change) if change.exists else []
        if not self.without_parent:  # its reads would fail the same way: predict without them
            resource.prepare(change)
        steps = resource.update_steps(change) if change.exists else resource.create_steps(change)
        change.after = resource.predict(change)
        return steps

    def execute(self, steps):
        if self.ctx.check_mode:
            return
        for step in steps:
            try:
                step.send(self.ctx.client, self.change)
            except SpeApiError as exc:
                # Only a write that got no answer may have been applied; an HTTP error status says it was not (M16).
                if exc.uncertain:
                    self.uncertain.append(step)
                raise Failure(*self.step_failed(step, exc)) from None
            except ValueError as exc:  # an argument that cannot be encoded: nothing was sent
                raise Failure(*self.step_failed(step, None, '%s not sent: %s' % (step.command, exc))) from None
            self.applied.append(step)

    def step_failed(self, step, exc, message=None):
        undone = self.undo(step)
        done = ', '.join(s.command for s in self.applied) or 'nothing'
        parts = [
            message or '%s failed: %s' % (step.command, exc.describe(with_command=False)),
            'Already applied: %s.' % done,
        ]
        if self.uncertain:
            parts.append('No answer came for %s: the server may have applied it.' % step.command)
        if undone:
            parts.append('Undone: %s.' % ', '.join(undone))
        if self.applied or self.uncertain:
            parts.append('A re-run converges.')
        result = dict(failed_command=step.command, commands=[s.command for s in self.applied + [step]])
        if exc is not None:
            result['error'] = exc.to_dict()
        if undone:
            result['commands_undone'] = undone
        return ' '.join(parts), result

    def undo(self, failed):
        """Best effort: put back what applied steps changed and a failure would otherwise leave behind.

        An undo that is the very call that just failed is not sent: that would be sending it again."""
        undone = []
        failed_call = (failed.command, failed.resolved_arguments(self.change))
        for step in reversed(self.applied):
            if step.undo is None or (step.undo.command, step.undo.resolved_arguments(self.change)) == failed_call:
                continue
            try:
                self.ctx.client.call(step.undo.command, **step.undo.resolved_arguments(self.change))
            except (SpeApiError, ValueError) as exc:
                self.ctx.warn('Could not undo %s with %s: %s' % (step.command, step.undo.command, exc))
            else:
                undone.append(step.undo.command)
        return undone

    # -- 5. reporting -------------------------------------------------------------------
    def result(self):
        change, resource = self.change, self.resource
        changed = bool(self.steps)
        result = dict(changed=changed, commands=[step.command for step in self.steps])
        try:
            result[resource.name] = self.final_state(changed)
        except SpeApiError as exc:
            raise Failure(
                'Applied %s, then reading the %s back failed: %s'
                % (', '.join(s.command for s in self.applied), resource.name, exc),
                dict(error=exc.to_dict(), failed_command=exc.command, commands=result['commands']),
            ) from None
        result.update(resource.result_extras(change))
        if self.ctx.diff_mode:
            result['diff'] = self.diff()
        return result

    def final_state(self, changed):
        """The object as it now is: read back after a real change, predicted in check mode."""
        change, resource = self.change, self.resource
        if change.state == 'absent':
            return {}
        if changed and not self.ctx.check_mode:
            fresh = resource.read(change)
            return {} if fresh is None else resource.to_options(fresh)
        if change.exists and not changed:
            return dict(change.current)
        secrets = {f.option for f in resource.fields if f.secret}
        return {k: v for k, v in (change.after or {}).items() if k not in secrets}

    def diff(self):
        """Before/after of the managed fields, as the user and the server spell them; a field
        whose values compare equal shows the same on both sides; a secret that is sent shows
        as a mask."""
        change, resource = self.change, self.resource
        before, after = change.current, change.after
        managed = [
            f for f in resource.fields if not f.secret and (f.option in change.wanted or f.option in resource.identity)
        ]

        def view(state):
            if state is None:
                return {}
            shown = {f.option: state.get(f.option) for f in managed}
            shown.update((key, state.get(key)) for key in resource.shown if key in state)
            return shown

        before_view, after_view = view(before), view(after)
        if before is not None and after is not None:
            after_view.update(
                (f.option, before_view[f.option])
                for f in managed
                if f.canonical(before.get(f.option)) == f.canonical(after.get(f.option))
            )
        if after is not None:
            after_view.update((option, SECRET_MASK) for option in change.secrets_sent)
        return dict(before=before_view, after=after_view)

    # -- failures -----------------------------------------------------------------------
    def failed(self, msg, **result):
        """The failure result: never loses ``changed`` or what was applied."""
        applied = [s.command for s in self.applied]
        result.setdefault('commands', applied + [s.command for s in self.uncertain])
        result['changed'] = bool(self.applied or self.uncertain)
        if self.uncertain:
            result['commands_uncertain'] = [s.command for s in self.uncertain]
        return dict(result, failed=True, msg=msg)

    def api_failed(self, exc):
        return self.failed(
            'The %s could not be managed: %s' % (self.resource.name, exc),
            error=exc.to_dict(),
            failed_command=exc.command,
        )


def run_engine(resource, ctx):
    """A resource module's ``run``: the engine's result, failures included."""
    return Engine(resource, ctx).run()
