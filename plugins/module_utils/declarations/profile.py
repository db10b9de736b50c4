# Copyright: contributors to mailstore.spe
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Archiving and export profiles of an instance, their server-side execution and runs
(``spe_profile``, ``spe_profile_info``).

The API has no command that changes a profile's properties: a profile whose properties differ
is deleted and created again (``allow_recreate``), and gets a new id. Passwords in a profile
are write-only: the API serves them as null, so they are never compared; a task gives them in
``profile_passwords`` (no_log) and they are sent when the profile is created.
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import copy
import re

from ansible_collections.mailstore.spe.plugins.module_utils.engine import SECRET_MASK
from ansible_collections.mailstore.spe.plugins.module_utils.errors import SpeModuleError
from ansible_collections.mailstore.spe.plugins.module_utils.fields import Field, as_set
from ansible_collections.mailstore.spe.plugins.module_utils.resource import Resource, Step

WINDOW = re.compile(r'([01][0-9]|2[0-3]):[0-5][0-9]-([01][0-9]|2[0-3]):[0-5][0-9]')
# Keys of a raw profile that the module's own options manage, or the server owns.
RESERVED = ('id', 'version', 'name', 'serverSideExecution')
SSE = 'SetProfileServerSideExecution'
MAX_PAUSE = 2147483647
DEFAULT_WAIT = 3600


def is_password_key(key):
    # [seen] the reference: "the password field must be filled properly"; the API serves it as null (S38).
    return 'password' in str(key).lower()


def without_passwords(value):
    """The properties as they compare: password keys are write-only, never read back."""
    if isinstance(value, dict):
        return {k: without_passwords(v) for k, v in value.items() if not is_password_key(k)}
    if isinstance(value, list):
        return [without_passwords(v) for v in value]
    return value


def masked(value):
    """The properties as a result shows them: a password that is set is a mask."""
    if isinstance(value, dict):
        return {
            k: (SECRET_MASK if v not in (None, '') else v) if is_password_key(k) else masked(v)
            for k, v in value.items()
        }
    if isinstance(value, list):
        return [masked(v) for v in value]
    return value


def deep_merge(current, wanted):
    """``current`` with the keys the task sets replaced: keys a task leaves out are not managed."""
    if not isinstance(current, dict) or not isinstance(wanted, dict):
        return copy.deepcopy(wanted)
    merged = copy.deepcopy(current)
    for key, value in wanted.items():
        merged[key] = deep_merge(current.get(key), value)
    return merged


def differences(before, after, path=''):
    """The property paths whose values differ: what a re-creation would change."""
    if isinstance(before, dict) and isinstance(after, dict):
        found = []
        for key in sorted(set(before) | set(after), key=str):
            found += differences(before.get(key), after.get(key), '%s.%s' % (path, key) if path else key)
        return found
    return [] if before == after else [path]


def put_password(properties, path, value):
    keys = path.split('.')
    target = properties
    for key in keys[:-1]:
        target = target.setdefault(key, {})
        if not isinstance(target, dict):
            raise SpeModuleError("profile_passwords: '%s' does not lead to an object in properties." % path)
    target[keys[-1]] = value


def null_passwords(value, path=''):
    """Paths of password keys that hold no password (what a re-creation would lose)."""
    found = []
    if isinstance(value, dict):
        for key, item in value.items():
            where = '%s.%s' % (path, key) if path else key
            if is_password_key(key) and item in (None, '', SECRET_MASK):
                found.append(where)
            else:
                found += null_passwords(item, where)
    return found


class Profile(Resource):
    module = 'spe_profile'
    name = 'profile'
    identity = ('name',)
    shown = ('id',)
    fields = (
        Field('name', required=True),
        Field('properties', type='dict', compare=without_passwords),
        Field('automatic', type='bool'),
        Field('pause_between_executions', type='int', minimum=0, maximum=MAX_PAUSE),
        Field('maintenance_windows', type='list', elements='str', compare=as_set),
    )
    options = {
        'profile_passwords': dict(
            type='list',
            elements='dict',
            no_log=False,
            options=dict(
                key=dict(type='str', required=True, no_log=False),
                value=dict(type='str', required=True, no_log=True),
            ),
        ),
        'allow_recreate': dict(type='bool', default=False),
        'run': dict(type='bool', default=False),
        'wait_timeout': dict(type='int', default=DEFAULT_WAIT),
    }
    reaches = {
        'GetProfiles': 'reading the profile (raw); spe_profile_info',
        'CreateProfile': 'a new profile, or one re-created (allow_recreate: true)',
        'DeleteProfile': 'state: absent, or a profile re-created (allow_recreate: true)',
        SSE: 'automatic, pause_between_executions, maintenance_windows',
        'RunProfile': 'run: true (waited for, wait_timeout)',
    }

    # -- input ---------------------------------------------------------------------------
    def validate(self, change):
        params = change.params
        properties = params.get('properties')
        if properties is not None:
            reserved = [key for key in RESERVED if key in properties]
            if reserved:
                raise SpeModuleError(
                    'properties must not contain %s: the name is the option name, server-side execution has '
                    'its own options, and the server sets id and version.' % ', '.join(reserved),
                    commands=[],
                )
            given = [path for path in self.password_paths(properties) if path]
            if given:
                raise SpeModuleError(
                    'properties must not hold passwords (%s): give them in profile_passwords, which keeps them '
                    'out of logs and results.' % ', '.join(given),
                    commands=[],
                )
        for entry in params.get('profile_passwords') or []:
            if not entry['key'].strip() or not is_password_key(entry['key'].split('.')[-1]):
                raise SpeModuleError(
                    "profile_passwords: key %r must name a password key of the properties, such as 'password' "
                    "or 'details.password'." % entry['key'],
                    commands=[],
                )
        bad = [w for w in params.get('maintenance_windows') or [] if not WINDOW.fullmatch(w)]
        if bad:
            raise SpeModuleError(
                'maintenance_windows: %r is not a time window hh:mm-hh:mm (such as 22:00-04:00).' % bad[0], commands=[]
            )
        if params.get('automatic') is False and (
            params.get('pause_between_executions') is not None or params.get('maintenance_windows')
        ):
            raise SpeModuleError(
                'pause_between_executions and maintenance_windows apply to automatic: true only '
                '(the API takes no further argument with automatic=false).',
                commands=[],
            )
        if params['wait_timeout'] < 1:
            raise SpeModuleError('wait_timeout must be at least 1 second.', commands=[])
        if params.get('state') == 'absent' and params['run']:
            raise SpeModuleError('run: true cannot be combined with state: absent.', commands=[])

    @staticmethod
    def password_paths(value, path=''):
        found = []
        if isinstance(value, dict):
            for key, item in value.items():
                where = '%s.%s' % (path, key) if path else key
                if is_password_key(key) and item not in (None, ''):
                    found.append(where)
                else:
                    found += Profile.password_paths(item, where)
        return found

    # -- reading -------------------------------------------------------------------------
    def profiles(self, change):
        return change.client.call('GetProfiles', instanceID=change.params['instance_id'], raw=True)

    def read(self, change):
        name = change.params['name']
        found = [p for p in self.profiles(change) if p.get('name') == name]
        if len(found) > 1:
            raise SpeModuleError(
                "%d profiles are named '%s' in instance '%s' (ids %s): names must be unique for this module; "
                'rename or delete the extra ones.'
                % (len(found), name, change.params['instance_id'], ', '.join(str(p['id']) for p in found)),
                commands=[],
            )
        return found[0] if found else None

    def list(self, change):
        return [p for p in self.profiles(change) if change.params.get('name') in (None, p.get('name'))]

    def to_options(self, api_object):
        sse = api_object.get('serverSideExecution') or {}
        return {
            'name': api_object.get('name'),
            'id': api_object.get('id'),
            'properties': masked({k: v for k, v in api_object.items() if k not in RESERVED}),
            'automatic': sse.get('automatic', False),
            'pause_between_executions': sse.get('automaticPauseBetweenExecutions', 0),
            'maintenance_windows': list(sse.get('automaticMaintenanceWindows') or []),
        }

    def describe(self, api_object):
        return self.to_options(api_object)

    def merge(self, change, field):
        wanted = change.wanted[field.option]
        if field.option == 'properties':
            return deep_merge(change.current.get('properties') or {}, wanted)
        return wanted

    def predict(self, change):
        after = dict(change.after)
        if after.get('automatic') is False:  # S38: automatic=false clears the pause and the windows
            after.update(pause_between_executions=0, maintenance_windows=[])
        if self.recreated(change) or not change.exists:
            after['id'] = None  # a new id, known once created
        return after

    # -- planning ------------------------------------------------------------------------
    def locator(self, change):
        return {'instanceID': change.params['instance_id'], 'id': change.current_api['id']}

    def recreated(self, change):
        return change.exists and 'properties' in change.changed_fields

    def sse_changed(self, change):
        return any(f in change.changed_fields for f in ('automatic', 'pause_between_executions', 'maintenance_windows'))

    def new_id(self, change):
        return self.read(change)['id']

    def create_properties(self, change, properties):
        sent = copy.deepcopy(properties)
        for entry in change.params.get('profile_passwords') or []:
            put_password(sent, entry['key'], entry['value'])
        lost = null_passwords(sent)
        if lost:
            raise SpeModuleError(
                'Re-creating profile %r would lose its password(s) %s (the API never serves them): give them in '
                'profile_passwords.' % (change.params['name'], ', '.join(lost)),
                commands=[],
            )
        sent['name'] = change.params['name']
        return sent

    def sse_step(self, change, profile_id):
        after = change.after
        arguments = {
            'instanceID': change.params['instance_id'],
            'id': profile_id,
            'automatic': bool(after['automatic']),
        }
        if after['automatic']:
            arguments['automaticPauseBetweenExecutions'] = after.get('pause_between_executions') or 0
            arguments['automaticMaintenanceWindows'] = ','.join(after.get('maintenance_windows') or []) or None
        return Step(SSE, arguments, 'server-side execution')

    def create_steps(self, change):
        if change.wanted.get('properties') is None:
            raise SpeModuleError("properties is required to create profile '%s'." % change.params['name'], commands=[])
        if change.wanted.get('automatic') is not True and (
            change.wanted.get('pause_between_executions') is not None or change.wanted.get('maintenance_windows')
        ):
            raise SpeModuleError('pause_between_executions and maintenance_windows need automatic: true.', commands=[])
        properties = self.create_properties(change, change.after['properties'])
        steps = [Step('CreateProfile', dict(instanceID=change.params['instance_id'], properties=properties, raw=True))]
        if change.after.get('automatic'):
            steps.append(self.sse_step(change, self.new_id))
        return steps + self.run_steps(change, self.new_id)

    def update_steps(self, change):
        if self.recreated(change):
            return self.recreate_steps(change)
        after = change.after
        timing = {'pause_between_executions', 'maintenance_windows'} & set(change.changed_fields)
        if self.sse_changed(change) and timing and not after.get('automatic'):
            raise SpeModuleError('pause_between_executions and maintenance_windows need automatic: true.', commands=[])
        steps = [self.sse_step(change, change.current_api['id'])] if self.sse_changed(change) else []
        return steps + self.run_steps(change, change.current_api['id'])

    def recreate_steps(self, change):
        changed = differences(
            without_passwords(change.current['properties']), without_passwords(change.after['properties'])
        )
        if not change.params['allow_recreate']:
            raise SpeModuleError(
                "Profile '%s' (id %s) differs in properties %s. The API cannot change a profile: set "
                'allow_recreate: true to delete it and create it again (it gets a new id).'
                % (change.params['name'], change.current_api['id'], ', '.join(changed)),
                commands=[],
            )
        change.facts['recreated'] = changed
        # the current raw profile minus what the server owns, with the task's changes
        properties = self.create_properties(change, change.after['properties'])
        steps = self.delete_steps(change)
        steps.append(
            Step('CreateProfile', dict(instanceID=change.params['instance_id'], properties=properties, raw=True))
        )
        if change.after.get('automatic'):
            steps.append(self.sse_step(change, self.new_id))
        return steps + self.run_steps(change, self.new_id)

    def run_steps(self, change, profile_id):
        if not change.params['run']:
            return []
        step = Step(
            'RunProfile',
            {'instanceID': change.params['instance_id'], 'id': profile_id},
            'run: true',
            wait_timeout=change.params['wait_timeout'],
        )
        change.facts['run_step'] = step
        return [step]

    def delete_steps(self, change):
        return [Step('DeleteProfile', self.locator(change))]

    def result_extras(self, change):
        extras = {}
        recreated = change.facts.get('recreated')
        if recreated:
            extras['previous_id'] = change.current_api['id']
            extras['msg'] = (
                'The API cannot change a profile: profile %s %s deleted and created again with the new properties '
                '(%s); it gets a new id.'
                % (change.current_api['id'], 'would be' if change.check_mode else 'was', ', '.join(recreated))
            )
        extras['recreated'] = bool(recreated)
        step = change.facts.get('run_step')
        if step is not None and not change.check_mode:
            extras['run'] = step.answer
        return extras


PROFILE = Profile()
