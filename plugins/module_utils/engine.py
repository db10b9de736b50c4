# Copyright: contributors to mailstore.spe
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""The reconcile engine: one implementation of diff, changed, check mode, --diff, redaction,
results and error reporting for every declared resource.

A resource (``resource_*.py``) declares its fields and says how to read it and which API
calls create, update and delete it. The engine:

1. reads the current object (``Resource.read``), turning "the instance this lives in does not
   exist or does not run" into a clear failure, or, in check mode, into a prediction (an
   earlier task may only have predicted creating or starting it);
2. compares the wanted fields with the current ones in option space (see ``Field``): an
   option left unset is not managed; an empty value (``""``, ``[]``) means "make it empty";
3. asks the resource for the steps (API calls) that close the gap, and runs them unless in
   check mode;
4. reports ``changed``, the object as it now is (as predicted in check mode), ``diff``
   (before/after of the managed fields, secrets masked) and ``commands`` (the API commands
   sent, or in check mode those that would be sent). A failing call names the command, the
   server's message, and what had already been applied.
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import copy

from ansible_collections.mailstore.spe.plugins.module_utils.errors import SpeApiError, SpeModuleError
from ansible_collections.mailstore.spe.plugins.module_utils.runner import ModuleSpec

SECRET_MASK = '********'


def camel(option):
    """``debug_log_enabled`` -> ``debugLogEnabled``: the API spells fields in camelCase."""
    head, _sep, tail = option.partition('_')
    return head + ''.join(part[:1].upper() + part[1:] for part in tail.split('_') if part)


class Field:
    """One managed option and its API counterpart.

    ``api``: the key in the API's objects (default: the option in camelCase).
    ``values``: option value -> API value, where the two spell enumerations differently
    (``write_protected`` -> ``writeProtected``); its keys are the option's choices.
    ``compare``: a function that puts a value into canonical form before comparing
    (``as_set`` for lists whose order has no meaning); ``None`` on the server side and the
    empty value of the type are the same thing.
    ``secret``: no_log, never read back, masked in diffs.
    ``setter``: the API command that sets this field alone (its argument is ``api``).
    """

    def __init__(
        self,
        option,
        type='str',
        api=None,
        values=None,
        choices=None,
        elements=None,
        options=None,
        compare=None,
        secret=False,
        setter=None,
        required=False,
    ):
        self.option = option
        self.required = required
        self.setter = setter
        self.type = type
        self.api = api or camel(option)
        self.values = values
        self.choices = list(values) if values else choices
        self.elements = elements
        self.options = options
        self.compare = compare
        self.secret = secret

    def argument_spec(self):
        spec = dict(type=self.type)
        for key in ('choices', 'elements', 'options'):
            if getattr(self, key) is not None:
                spec[key] = getattr(self, key)
        if self.secret:
            spec['no_log'] = True
        if self.required:
            spec['required'] = True
        return spec

    def to_api(self, value):
        if self.values and value is not None:
            if isinstance(value, list):
                return [self.values.get(v, v) for v in value]
            return self.values.get(value, value)
        return value

    def from_api(self, value):
        if self.values and value is not None:
            reverse = dict((api, option) for option, api in self.values.items())
            if isinstance(value, list):
                return [reverse.get(v, v) for v in value]
            return reverse.get(value, value)
        return value

    def canonical(self, value):
        if value is None:
            value = EMPTY.get(self.type)
        if self.compare is not None and value is not None:
            value = self.compare(value)
        return value


EMPTY = {'str': '', 'list': [], 'bool': False, 'dict': {}}


def as_set(values):
    """Lists whose order has no meaning compare as sets."""
    return sorted(set(values or []), key=str)


def windows_path(path):
    """SPE runs on Windows: paths compare case-insensitively, without trailing separators (M12)."""
    return path.replace('/', '\\').rstrip('\\').lower() if path else ''


class Step:
    """One API call of a plan, with the reason it is made.

    An argument may be a function of the task context, resolved just before the call, for
    values that exist only once an earlier step ran (the id of a job just created).
    """

    def __init__(self, command, arguments=None, why=''):
        self.command = command
        self.arguments = dict((k, v) for k, v in (arguments or {}).items() if v is not None)
        self.why = why

    def __repr__(self):
        return 'Step(%s)' % self.command


class Resource:
    """Base of every resource declaration; subclasses set the class attributes and may
    override the plan methods for behaviour a field table cannot express."""

    name = None  # result key and wording: 'store', 'user', ...
    fields = ()  # Field objects: the managed options
    identity = ()  # options that find the object (always sent, never "changed")
    extra_options = {}  # behaviour options: argument spec entries
    states = ('present', 'absent')
    constraints = {}  # mutually_exclusive, required_if, ... for the argument spec
    parent_scoped = True  # lives inside an instance (instance_id option)
    shown = ()  # read-only keys shown in --diff besides the fields (e.g. status)

    # -- declaration helpers ------------------------------------------------------------
    def instance_of(self, params):
        """The instance the object lives in (its failures are probed for a clear message)."""
        return params.get('instance_id') if self.parent_scoped else None

    def field(self, option):
        for field in self.fields:
            if field.option == option:
                return field
        raise KeyError(option)

    def argument_spec(self):
        spec = {}
        if self.parent_scoped:
            spec['instance_id'] = dict(type='str', required=True)
        spec.update(copy.deepcopy(self.extra_options))
        for field in self.fields:
            spec[field.option] = field.argument_spec()
        if self.states:
            spec['state'] = dict(type='str', choices=list(self.states), default=self.states[0])
        return spec

    def module_spec(self):
        return ModuleSpec(self.argument_spec(), self.reconcile, **self.constraints)

    def reconcile(self, ctx):
        return Engine(self, ctx).run()

    # -- what a declaration provides ------------------------------------------------------
    def validate(self, params):
        """Cross-field rules the argument spec cannot express; raise SpeModuleError."""

    def read(self, ctx, params):
        """The current object as the API returns it, or None when it does not exist."""
        raise NotImplementedError

    def to_options(self, api_object):
        """API object -> option space, for every declared field."""
        return dict((f.option, f.from_api(api_object.get(f.api))) for f in self.fields if not f.secret)

    def merge(self, field, wanted_value, current_value, params):
        """The value a field will have after this run; by default simply the wanted one."""
        return wanted_value

    def locator(self, ctx, current_api):
        """The API arguments that address the existing object (instanceID, id, userName...)."""
        raise NotImplementedError

    def create_steps(self, ctx, wanted):
        raise NotImplementedError

    def update_steps(self, ctx, after, current_api, changed_fields):
        """By default one setter call per changed field (see ``Field.setter``)."""
        return self.setter_steps(ctx, after, current_api, changed_fields)

    def setter_steps(self, ctx, after, current_api, changed_fields):
        return [
            Step(
                f.setter,
                dict(self.locator(ctx, current_api), **{f.api: f.to_api(after[f.option])}),
                'set %s' % f.option,
            )
            for f in self.fields
            if f.option in changed_fields and f.setter
        ]

    def delete_steps(self, ctx, current_api):
        raise NotImplementedError

    def secret_changes(self, ctx, wanted, current, changed_fields):
        """Secret (write-only) options that this run will send; they count as changes."""
        return []

    def predict(self, after, params):
        """Adjust the predicted object (e.g. a status a state option drives)."""
        return after

    def result_extras(self, ctx, wanted, current_api):
        return {}


def probe_instance(ctx, instance_id):
    """Why the instance cannot serve a read: None when it is fine (docs/assumptions.md M6)."""
    client = ctx.client
    instances = client.call('GetInstances', instanceFilter=instance_id)
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


class Engine:
    """One reconcile run of one resource."""

    def __init__(self, resource, ctx):
        self.resource = resource
        self.ctx = ctx
        self.params = ctx.params
        self.applied = []

    def run(self):
        resource, params = self.resource, self.params
        resource.validate(params)
        current_api = self.read()
        current = None if current_api is None else resource.to_options(current_api)
        wanted = self.wanted()
        state = params.get('state', 'present')

        secrets_sent = []
        if state == 'absent':
            steps = [] if current_api is None else resource.delete_steps(self.ctx, current_api)
            after = None
        elif current_api is None:
            steps = resource.create_steps(self.ctx, wanted)
            secrets_sent = [f.option for f in resource.fields if f.secret and f.option in wanted]
            after = dict(wanted)
        else:
            after = dict(current)
            after.update(
                (f.option, resource.merge(f, wanted[f.option], current.get(f.option), params))
                for f in resource.fields
                if f.option in wanted
            )
            changed_fields = self.changed_fields(after, current, wanted)
            secrets_sent = resource.secret_changes(self.ctx, wanted, current, changed_fields)
            steps = resource.update_steps(self.ctx, after, current_api, changed_fields + secrets_sent)
        after = None if after is None else resource.predict(after, params)

        self.execute(steps)
        changed = bool(steps)
        result = dict(changed=changed, commands=[step.command for step in steps])
        result[resource.name] = self.final_state(changed, after, current_api)
        result.update(resource.result_extras(self.ctx, wanted, current_api))
        if self.ctx.diff_mode:
            result['diff'] = self.diff(current, after, wanted, secrets_sent)
        return result

    # -- reading ----------------------------------------------------------------------
    def read(self):
        try:
            return self.resource.read(self.ctx, self.params)
        except SpeApiError as exc:
            instance_id = self.resource.instance_of(self.params)
            if instance_id:
                try:
                    reason = probe_instance(self.ctx, instance_id)
                except SpeApiError:
                    reason = None  # the probe failed too: report the original error
                if reason:
                    return self.parent_unavailable(reason)
            raise SpeModuleError(
                'Reading the %s failed: %s' % (self.resource.name, exc), error=exc.to_dict(), commands=[]
            ) from None

    def parent_unavailable(self, reason):
        """Check mode predicts from an empty instance (an earlier task may only have
        predicted creating or starting it); a real run cannot go on."""
        if self.ctx.check_mode:
            self.ctx.warn(
                'Predicted without reading the %s: %s. An earlier task in check mode may '
                'only have predicted creating or starting it.' % (self.resource.name, reason)
            )
            return None
        raise SpeModuleError('Cannot manage the %s: %s.' % (self.resource.name, reason), commands=[])

    # -- comparing --------------------------------------------------------------------
    def wanted(self):
        return dict(
            (f.option, self.params[f.option]) for f in self.resource.fields if self.params.get(f.option) is not None
        )

    def changed_fields(self, after, current, wanted):
        return [
            f.option
            for f in self.resource.fields
            if f.option in wanted
            and not f.secret
            and f.canonical(after[f.option]) != f.canonical(current.get(f.option))
        ]

    def diff(self, before, after, wanted, secrets_sent):
        """Before/after of the managed fields, as the user and the server spell them; a field
        whose values compare equal shows the same on both sides; a secret that is sent shows
        as a mask."""
        managed = [
            f
            for f in self.resource.fields
            if not f.secret and (f.option in wanted or f.option in self.resource.identity)
        ]

        def view(state):
            if state is None:
                return {}
            shown = dict((f.option, state.get(f.option)) for f in managed)
            shown.update((key, state.get(key)) for key in self.resource.shown if key in state)
            return shown

        before_view, after_view = view(before), view(after)
        if before is not None and after is not None:
            after_view.update(
                (f.option, before_view[f.option])
                for f in managed
                if f.canonical(before.get(f.option)) == f.canonical(after.get(f.option))
            )
        if after is not None:
            after_view.update((option, SECRET_MASK) for option in secrets_sent)
        return dict(before=before_view, after=after_view)

    # -- acting -----------------------------------------------------------------------
    def execute(self, steps):
        if self.ctx.check_mode:
            return
        for step in steps:
            try:
                arguments = dict((k, v(self.ctx) if callable(v) else v) for k, v in step.arguments.items())
                self.ctx.client.call(step.command, **arguments)
            except SpeApiError as exc:
                done = ', '.join(s.command for s in self.applied) or 'nothing'
                raise SpeModuleError(
                    '%s failed: %s Already applied: %s.' % (step.command, exc.message, done),
                    changed=bool(self.applied),
                    error=exc.to_dict(),
                    failed_command=step.command,
                    commands=[s.command for s in self.applied + [step]],
                ) from exc
            self.applied.append(step)

    def final_state(self, changed, predicted, current_api):
        """The object as it now is: read back after a real change, predicted in check mode."""
        if self.params.get('state') == 'absent':
            return {}
        if changed and not self.ctx.check_mode:
            fresh = self.resource.read(self.ctx, self.params)
            return {} if fresh is None else self.resource.to_options(fresh)
        if current_api is not None and not changed:
            return self.resource.to_options(current_api)
        secrets = set(f.option for f in self.resource.fields if f.secret)
        return dict((k, v) for k, v in (predicted or {}).items() if k not in secrets)
