# Copyright: contributors to mailstore.spe
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Fleet operations: start, stop, restart, freeze and thaw every instance an instance filter
selects (``spe_instance_power``).

The "object" is the selection: the instances the filter matches and the status of each. The
plan acts only on the instances not already in the wanted state, with one API call per command
for all of them (the command's instanceFilter is the space-separated list of their ids), so a
converged fleet costs one ``GetInstances``.
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

from ansible_collections.mailstore.spe.plugins.module_utils.errors import SpeModuleError
from ansible_collections.mailstore.spe.plugins.module_utils.fields import INSTANCE_ID_RE, Field
from ansible_collections.mailstore.spe.plugins.module_utils.resource import SYSTEM, Resource, Step

STATUS_TOKENS = ('.running', '.stopped', '.frozen')
HOST_TOKEN_MAX = 255

# state -> {current status: the commands that take an instance of that status there, in order}.
# A status not listed is already where the state wants it. docs/assumptions.md M4, M17.
PLANS = {
    'started': {'stopped': ('StartInstances',), 'frozen': ('ThawInstances',)},
    'stopped': {'running': ('StopInstances',), 'frozen': ('StopInstances',)},
    'restarted': {
        'stopped': ('StartInstances',),
        'running': ('RestartInstances',),
        'frozen': ('ThawInstances', 'RestartInstances'),
    },
    'frozen': {'running': ('FreezeInstances',)},
    'thawed': {'frozen': ('ThawInstances',)},
}
# The order the commands are sent in when several are needed (a frozen instance is thawed before
# the restart that also restarts the running ones).
COMMAND_ORDER = ('ThawInstances', 'StartInstances', 'RestartInstances', 'FreezeInstances', 'StopInstances')
# The status each command leaves an instance in.
RESULTING_STATUS = {
    'StartInstances': 'running',
    'ThawInstances': 'running',
    'RestartInstances': 'running',
    'FreezeInstances': 'frozen',
    'StopInstances': 'stopped',
}
KNOWN_STATUSES = ('running', 'stopped', 'frozen')


def filter_problems(text):
    """What is wrong with an instance filter (S13 grammar, api-protocol.md), before any API call."""
    tokens = (text or '').split()
    if not tokens:
        return ["filter must not be empty; use '*' for every instance"]
    problems = []
    for token in tokens:
        if token.startswith('.'):
            if token not in STATUS_TOKENS:
                problems.append('filter: unknown status %r (allowed: %s)' % (token, ', '.join(STATUS_TOKENS)))
        elif token.startswith('*'):
            if len(token) > HOST_TOKEN_MAX or '*' in token[1:]:
                problems.append('filter: %r is not * or an instance host token (*hostname)' % token[:40])
        elif not INSTANCE_ID_RE.fullmatch(token):
            problems.append('filter: %r is not an instance id' % token[:40])
    return problems


def named_ids(text):
    """The instance ids the filter names explicitly (not a wildcard, host or status token)."""
    return [t for t in text.split() if not t.startswith(('*', '.'))]


class InstancePower(Resource):
    module = 'spe_instance_power'
    name = 'selection'
    scope = SYSTEM
    info = False
    identity = ('filter',)
    states = ('started', 'stopped', 'restarted', 'frozen', 'thawed')
    fields = (Field('filter', required=True),)
    shown = ('state',)
    reaches = {
        'GetInstances': 'reading the instances the filter selects',
        'StartInstances': 'state: started or restarted, for the stopped instances',
        'StopInstances': 'state: stopped, for the running and frozen instances',
        'RestartInstances': 'state: restarted, for the running (and thawed) instances',
        'FreezeInstances': 'state: frozen, for the running instances',
        'ThawInstances': 'state: thawed, started or restarted, for the frozen instances',
    }

    def argument_spec(self):
        spec = super().argument_spec()
        spec['state'] = dict(type='str', choices=list(self.states), required=True)  # no default: say what to do
        spec['filter']['aliases'] = ['instance_filter']
        return spec

    def validate(self, change):
        problems = filter_problems(change.params['filter'])
        if problems:
            raise SpeModuleError('Invalid input: %s.' % '; '.join(problems), commands=[])

    # -- reading --------------------------------------------------------------------------
    def read(self, change):
        """The selection: on the first read the filter's instances; on the read-back the same ids
        (a status token in the filter would otherwise select other instances after the change)."""
        client, text = change.client, change.params['filter']
        if change.current_api is not None:
            ids = [entry['instanceID'] for entry in change.current_api['instances']]
            found = client.call('GetInstances', instanceFilter=' '.join(ids)) if ids else []
            change.facts['read_back'] = {'filter': text, 'instances': found}
            return change.facts['read_back']
        found = client.call('GetInstances', instanceFilter=text)
        self.check_named(change, found)
        return {'filter': text, 'instances': found}

    @staticmethod
    def check_named(change, found):
        """An instance the filter names must exist (the action commands would fail on it); with a
        status token it may just not be in that status, which one more read tells apart."""
        listed = {entry['instanceID'] for entry in found}
        missing = [i for i in named_ids(change.params['filter']) if i not in listed]
        if missing and any(t.startswith('.') for t in change.params['filter'].split()):
            there = {e['instanceID'] for e in change.client.call('GetInstances', instanceFilter=' '.join(missing))}
            missing = [i for i in missing if i not in there]
        if missing:
            raise SpeModuleError(
                'The filter names instances that do not exist: %s. Nothing was changed.' % ', '.join(missing),
                commands=[],
            )

    def to_options(self, api_object):
        return {
            'filter': api_object['filter'],
            'state': {entry['instanceID']: entry.get('status') for entry in api_object['instances']},
        }

    # -- planning -------------------------------------------------------------------------
    def classify(self, change):
        """{command: [instance ids]} to send, and [(id, status, reason)] left alone."""
        plan = PLANS[change.state]
        by_command, skipped, unsettled = {}, [], []
        for entry in change.current_api['instances']:
            instance_id, status = entry['instanceID'], entry.get('status')
            if status not in KNOWN_STATUSES:
                unsettled.append('%s (%s)' % (instance_id, status))
                continue
            commands = plan.get(status, ())
            reason = self.skip_reason(change.state, status, entry)
            if reason:
                skipped.append({'instance_id': instance_id, 'status': status, 'reason': reason})
                continue
            for command in commands:
                by_command.setdefault(command, []).append(instance_id)
        if unsettled:
            raise SpeModuleError(
                'Instances in a status the module cannot act on: %s. Nothing was changed; try again once they '
                'have settled, or narrow the filter.' % ', '.join(unsettled),
                commands=[],
            )
        return by_command, skipped

    @staticmethod
    def skip_reason(state, status, entry):
        """Why an instance not in the wanted state is left alone (None: it is acted on, or needs nothing)."""
        if state == 'frozen' and status == 'stopped':
            # M17: freezing would mean starting it first, and thawing would then leave it running.
            return 'stopped: its data is at rest already; it is not started to be frozen'
        if state in ('started', 'restarted') and status == 'stopped' and entry.get('startMode') == 'disabled':
            return "stopped with startMode 'disabled': it cannot be started (S14)"  # left alone, not failed: M18
        return None

    def update_steps(self, change):
        by_command, skipped = self.classify(change)
        change.facts['left_alone'] = skipped
        change.facts['acted_on'] = by_command
        for item in skipped:
            if item['reason'].startswith('stopped with'):
                change.warn('Instance %s was not started: %s.' % (item['instance_id'], item['reason']))
        return [
            Step(command, {'instanceFilter': ' '.join(by_command[command])}, ', '.join(by_command[command]))
            for command in COMMAND_ORDER
            if command in by_command
        ]

    def predict(self, change):
        after = dict(change.after, state=dict(change.current['state']))
        for command in COMMAND_ORDER:
            for instance_id in change.facts.get('acted_on', {}).get(command, ()):
                after['state'][instance_id] = RESULTING_STATUS[command]
        return after

    def result_extras(self, change):
        acted_on = change.facts.get('acted_on', {})
        changed = sorted({i for ids in acted_on.values() for i in ids})
        before = change.current['state'] if change.current else {}
        read_back = change.facts.get('read_back')
        after = self.to_options(read_back)['state'] if read_back else (change.after or {}).get('state', before)
        instances = [
            {
                'instance_id': instance_id,
                'status_before': status,
                'status': after.get(instance_id),
                'changed': instance_id in changed,
            }
            for instance_id, status in sorted(before.items())
        ]
        extras = {
            'changed_instances': changed,
            'left_alone': change.facts.get('left_alone', []),
            'instances': instances,
        }
        if change.state == 'restarted' and changed:
            extras['msg'] = 'state: restarted always acts: %s %s restarted (or started).' % (
                ', '.join(changed),
                'would be' if change.check_mode else 'were',
            )
        return extras


INSTANCE_POWER = InstancePower()
