# Copyright: contributors to mailstore.spe
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""What a declaration is: ``Resource`` (an object with create/update/delete) and ``Settings``
(a configuration object with a Get and a Set command), with every hook's default.

Every hook takes one argument, the ``Change`` (``engine.py``): the params, what the task wants,
the object as it is and as it will be. ``read`` and ``prepare`` are the only hooks that call
the API; the ``*_steps`` hooks return the API calls to make, which the engine runs (or, in
check mode, only reports). ``docs/developing.md`` walks through adding a module.
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import copy

from ansible_collections.mailstore.spe.plugins.module_utils.engine import Change, Step, run_engine
from ansible_collections.mailstore.spe.plugins.module_utils.errors import SpeApiError, SpeModuleError
from ansible_collections.mailstore.spe.plugins.module_utils.fields import Field, check_instance_id, snake
from ansible_collections.mailstore.spe.plugins.module_utils.runner import ModuleSpec

INSTANCE = 'instance'  # lives inside one instance: a required instance_id option
SYSTEM = 'system'  # belongs to the Management Server
INSTANCE_OR_SYSTEM = 'instance_or_system'  # an instance's, or with instance_id left out the system's


class Resource:
    """Base of every resource declaration; a subclass sets the class attributes and overrides
    the hooks whose defaults do not fit."""

    module = None  # the module's name: 'spe_user'; its info twin is module + '_info' (see ``info``)
    name = None  # result key and wording: 'user'
    plural = None  # the info module's result key (default: name + 's')
    scope = INSTANCE
    fields = ()  # Field objects: the managed options
    identity = ()  # options that find the object (always shown in --diff, never "changed")
    options = {}  # behaviour options that are not fields: argument spec entries
    states = ('present', 'absent')
    constraints = {}  # mutually_exclusive, required_if, ... for the argument spec
    shown = ()  # read-only keys shown in --diff besides the fields (e.g. status)
    singleton = False  # always exists (settings): no create, no delete
    info = True  # has an info twin
    info_options = {}  # options of the info twin beyond scope and identity
    # API commands the module sends beyond its fields' setters (and a Settings' Get/Set), each with how a task
    # reaches it: {'CreateUser': 'a new user (state: present)'}. docs/coverage.md is written from it.
    reaches = {}

    # -- the module's interface, derived --------------------------------------------------
    def field(self, option):
        for field in self.fields:
            if field.option == option:
                return field
        raise KeyError(option)

    def argument_spec(self):
        spec = self.scope_spec(required=True)
        spec.update(copy.deepcopy(self.options))
        for field in self.fields:
            spec[field.option] = field.argument_spec()
        if self.states:
            spec['state'] = dict(type='str', choices=list(self.states), default=self.states[0])
        return spec

    def scope_spec(self, required):
        if self.scope == INSTANCE:
            return {'instance_id': dict(type='str', required=required)}
        if self.scope == INSTANCE_OR_SYSTEM:
            return {'instance_id': dict(type='str')}
        return {}

    def module_spec(self):
        return ModuleSpec(self.argument_spec(), lambda ctx: run_engine(self, ctx), **self.constraints)

    @property
    def info_module(self):
        return self.module + '_info' if self.info else None

    def info_spec(self):
        spec = self.scope_spec(required=True)
        for option in self.identity:
            if option not in spec:
                spec[option] = dict(type=self.field(option).type)
        spec.update(copy.deepcopy(self.info_options))
        return ModuleSpec(spec, self.run_info)

    def module_specs(self):
        """Every module this declaration makes: {name: ModuleSpec} (the registry reads it)."""
        specs = {self.module: self.module_spec()}
        if self.info:
            specs[self.info_module] = self.info_spec()
        return specs

    def commands_reached(self):
        """{API command: how a task of this module reaches it}: setters, ``reaches`` and, for settings, Get/Set."""
        found = {f.setter: 'option %s' % f.option for f in self.fields if f.setter}
        found.update(self.reaches)
        return found

    # -- input checks, before any API call ------------------------------------------------
    def check_input(self, change):
        self.check_fields(change.params, self.fields)
        self.validate(change)

    def check_fields(self, params, fields):
        """The instanceID rule and each field's own rules (``Field.problems``); no API call."""
        if params.get('instance_id') is not None or self.scope == INSTANCE:
            check_instance_id(params.get('instance_id'))
        problems = []
        for field in fields:
            if field.option in params:
                problems += field.problems(params[field.option], identity=field.option in self.identity)
        if problems:
            raise SpeModuleError('Invalid input: %s.' % '; '.join(problems), commands=[])

    def instance_of(self, change):
        """The instance the object lives in (a failing read is explained by probing it)."""
        return change.params.get('instance_id') if self.scope != SYSTEM else None

    # -- hooks a declaration provides ---------------------------------------------------
    def validate(self, change):
        """Cross-field rules the argument spec cannot express; raise SpeModuleError. No API calls."""

    def read(self, change):
        """The current object as the API returns it, or None when it does not exist."""
        raise NotImplementedError

    def prepare(self, change):
        """Reads the plan needs beyond the object, into ``change.facts``; runs only when the object
        is to be created or updated (a converged object costs ``read`` alone)."""

    def to_options(self, api_object):
        """API object -> option space, for every declared field."""
        return {f.option: f.from_api(api_object.get(f.api)) for f in self.fields if not f.secret}

    def merge(self, change, field):
        """The value ``field`` will have after this run; by default simply the wanted one."""
        return change.wanted[field.option]

    def locator(self, change):
        """The API arguments that address the existing object (instanceID, id, userName...)."""
        raise NotImplementedError

    def create_steps(self, change):
        raise NotImplementedError

    def update_steps(self, change):
        """By default one setter call per changed field (see ``Field.setter``)."""
        return self.setter_steps(change)

    def setter_steps(self, change):
        return [
            Step(f.setter, dict(self.locator(change), **{f.api: f.to_api(change.after[f.option])}), 'set %s' % f.option)
            for f in self.fields
            if f.option in change.changed_fields and f.setter
        ]

    def delete_steps(self, change):
        raise NotImplementedError

    def secrets_to_send(self, change):
        """Write-only options this update sends; they count as changes (see ``update_password``)."""
        return []

    def predict(self, change):
        """The object as it will be, in option names (``change.after`` by default)."""
        return change.after

    def result_extras(self, change):
        """Keys the result carries besides changed, commands, the object and diff."""
        return {}

    # -- the info twin --------------------------------------------------------------------
    def list(self, change):
        """The API objects the info module returns (default: the one ``read`` finds, if any)."""
        found = self.read(change)
        return [found] if found is not None else []

    def describe(self, api_object):
        """Every key the API returned, in snake_case, with the fields mapped as the module maps them."""
        mapped = {field.api for field in self.fields}
        described = {snake(key): value for key, value in api_object.items() if key not in mapped}
        described.update(self.to_options(api_object))
        return described

    def run_info(self, ctx):
        change = Change(self, ctx)
        self.check_fields(ctx.params, [self.field(option) for option in self.identity if option != 'instance_id'])
        try:
            found = [self.describe(o) for o in self.list(change)]
        except SpeApiError as exc:
            raise SpeModuleError(
                'Reading %s failed: %s' % (self.plural or self.name + 's', exc),
                error=exc.to_dict(),
                failed_command=exc.command,
            ) from None
        if self.singleton:
            return {self.name: found[0] if found else {}, 'changed': False}
        return {self.plural or self.name + 's': found, 'changed': False}


class Settings(Resource):
    """A configuration object with a Get and a Set command and no create or delete: its field
    table and the two command names make a module (``spe_compliance``, ``spe_smtp``...).

    The Set command gets the whole object: the current one with the changed fields replaced
    (right whether the server merges or replaces). A secret field is sent only when it changes
    (``secrets_to_send``); otherwise it is left out and the server keeps it (M8).
    """

    states = ()
    singleton = True
    read_command = None  # 'GetComplianceConfiguration'
    write_command = None  # 'SetComplianceConfiguration'
    argument = 'config'  # the Set command's argument that carries the object

    def commands_reached(self):
        found = {self.read_command: 'reading the settings', self.write_command: 'any option that changes'}
        found.update(super().commands_reached())
        return found

    def commands(self, change):
        """(read, write) for this task; SMTP picks the instance's or the system's."""
        return self.read_command, self.write_command

    def argument_name(self, change):
        return self.argument

    def scope_arguments(self, change):
        instance_id = change.params.get('instance_id')
        return {'instanceID': instance_id} if instance_id else {}

    def read(self, change):
        return change.client.call(self.commands(change)[0], **self.scope_arguments(change))

    def secrets_to_send(self, change):
        secrets = [f.option for f in self.fields if f.secret and f.option in change.wanted]
        if not secrets:
            return []
        if change.params.get('update_password') == 'always' or change.changed_fields:
            return secrets
        return []

    def settings_object(self, change):
        """The object the Set command gets."""
        settings = dict(change.current_api)
        settings.update((f.api, f.to_api(change.after[f.option])) for f in self.fields if f.option in change.after)
        for field in self.fields:
            if field.secret and field.option not in change.secrets_sent:
                settings.pop(field.api, None)
        return settings

    def update_steps(self, change):
        if not change.changed_fields and not change.secrets_sent:
            return []
        arguments = dict(self.scope_arguments(change), **{self.argument_name(change): self.settings_object(change)})
        return [Step(self.commands(change)[1], arguments, 'changed: %s' % ', '.join(change.changed_fields))]


__all__ = ['Field', 'Resource', 'Settings', 'Step', 'INSTANCE', 'SYSTEM', 'INSTANCE_OR_SYSTEM']
