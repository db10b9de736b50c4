# Copyright: contributors to mailstore.spe
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""MailStore instances: configuration, running state, service provider access (``spe_instance``, ``spe_instance_info``)."""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

from ansible_collections.mailstore.spe.plugins.module_utils.declarations.server import snake_keys
from ansible_collections.mailstore.spe.plugins.module_utils.errors import SpeModuleError
from ansible_collections.mailstore.spe.plugins.module_utils.fields import Field
from ansible_collections.mailstore.spe.plugins.module_utils.resource import SYSTEM, Resource, Step

START_MODES = ['automatic', 'manual', 'disabled']
# GetInstances entries carry these configuration fields too (docs/assumptions.md M1);
# the others need GetInstanceConfiguration.
LISTED_FIELDS = ('display_name', 'alias', 'instance_host', 'start_mode')
CONFIG_FIELDS = LISTED_FIELDS + (
    'base_directory',
    'debug_log_enabled',
    'imap_server_connection_log_enabled',
    'vss_writer_enabled',
    'vss_writer_exclude_indexes',
)
SP_ACCESS = 'service_provider_access'

# state option -> the status it asks for (None: leave the running state alone).
TARGET_STATUS = {
    'present': None,
    'started': 'running',
    'restarted': 'running',
    'stopped': 'stopped',
    'frozen': 'frozen',
    'absent': 'stopped',
}
# How to get from one status to another, in API commands (all take an instanceFilter). docs/assumptions.md M4
TRANSITIONS = {
    ('stopped', 'running'): ('StartInstances',),
    ('stopped', 'frozen'): ('StartInstances', 'FreezeInstances'),
    ('running', 'stopped'): ('StopInstances',),
    ('running', 'frozen'): ('FreezeInstances',),
    ('frozen', 'running'): ('ThawInstances',),
    ('frozen', 'stopped'): ('StopInstances',),
}


class Instance(Resource):
    module = 'spe_instance'
    name = 'instance'
    scope = SYSTEM
    identity = ('instance_id',)
    states = ('present', 'started', 'stopped', 'restarted', 'frozen', 'absent')
    shown = ('status',)
    fields = (
        Field('instance_id', api='instanceID', required=True),
        Field('display_name'),
        Field('alias'),
        Field('instance_host', nonempty=True),
        Field('base_directory', nonempty=True),
        Field('start_mode', choices=START_MODES),
        Field('debug_log_enabled', type='bool'),
        Field('imap_server_connection_log_enabled', type='bool'),
        Field('vss_writer_enabled', type='bool'),
        Field('vss_writer_exclude_indexes', type='bool'),
        Field(SP_ACCESS, type='bool', api='serviceProviderAccess'),
    )
    options = {'allow_restart': dict(type='bool', default=False)}
    reaches = {
        'GetInstances': 'reading the instance (and, in spe_instance_info, the instances a filter selects)',
        'GetInstanceConfiguration': 'reading the configuration fields GetInstances does not list; spe_instance_info',
        'GetArchiveAdminEnabled': 'service_provider_access of a running instance',
        'SetArchiveAdminEnabled': 'service_provider_access changes',
        'GetInstanceHosts': 'placing a new instance (instance_host checked or chosen, M14)',
        'CreateInstance': 'a new instance (any state but absent)',
        'SetInstanceConfiguration': 'a configuration option changes (display_name, base_directory, ...)',
        'StartInstances': 'state: started (or a change that stopped it with allow_restart)',
        'StopInstances': 'state: stopped or absent, or a configuration change with allow_restart',
        'RestartInstances': 'state: restarted',
        'FreezeInstances': 'state: frozen',
        'ThawInstances': 'state: started or restarted of a frozen instance',
        'DeleteInstances': 'state: absent',
        'GetInstanceStatistics': 'spe_instance_info statistics: true, for each running instance',
        'GetInstanceProcessLiveStatistics': 'spe_instance_info statistics: true, for each running instance',
    }
    info_options = {
        'filter': dict(type='str', aliases=['instance_filter']),
        'include_configuration': dict(type='bool', default=True),
        'statistics': dict(type='bool', default=False),
    }

    @staticmethod
    def filter(change):
        return {'instanceFilter': change.params['instance_id']}

    def read(self, change):
        params, client = change.params, change.client
        found = [
            i for i in client.call('GetInstances', **self.filter(change)) if i['instanceID'] == params['instance_id']
        ]
        if not found:
            return None
        current = dict(found[0])
        unlisted = [f for f in CONFIG_FIELDS if f not in LISTED_FIELDS and params.get(f) is not None]
        if change.state == 'absent' or unlisted:
            current.update(client.call('GetInstanceConfiguration', instanceID=params['instance_id']))
        if params.get(SP_ACCESS) is not None and current['status'] == 'running':
            current['serviceProviderAccess'] = client.call('GetArchiveAdminEnabled', instanceID=params['instance_id'])
        return current

    def prepare(self, change):
        """Reads the plan needs: where a new instance goes; the whole configuration before a change."""
        client = change.client
        if not change.exists:
            change.facts['instance_host'] = self.placement(change)
        elif any(f in CONFIG_FIELDS for f in change.changed_fields) and any(
            self.field(f).api not in change.current_api for f in CONFIG_FIELDS
        ):
            change.current_api.update(client.call('GetInstanceConfiguration', instanceID=change.params['instance_id']))

    def placement(self, change):
        """The instance host of a new instance: the one named, or by the placement rule (M14):
        the only host there is, else the host with the fewest instances (ties: by name)."""
        hosts = sorted(h['serverName'] for h in change.client.call('GetInstanceHosts'))
        wanted = change.wanted.get('instance_host')
        if wanted is not None:
            if wanted.lower() not in [h.lower() for h in hosts]:
                raise SpeModuleError(
                    "instance_host '%s' is not an instance host of this Management Server (it has: %s)."
                    % (wanted, ', '.join(hosts) or 'none'),
                    commands=[],
                )
            return wanted
        if not hosts:
            raise SpeModuleError(
                "Cannot create instance '%s': the Management Server has no instance host."
                % change.params['instance_id'],
                commands=[],
            )
        if len(hosts) == 1:
            return hosts[0]
        load = {host: 0 for host in hosts}
        for instance in change.client.call('GetInstances', instanceFilter='*'):
            if instance.get('instanceHost') in load:
                load[instance['instanceHost']] += 1
        return min(hosts, key=lambda host: (load[host], host))

    def to_options(self, api_object):
        options = super().to_options(api_object)
        options['status'] = api_object.get('status')
        return options

    def predict(self, change):
        after = change.after
        if not change.exists and 'instance_host' not in after:
            after['instance_host'] = change.facts.get('instance_host')
        target = TARGET_STATUS[change.state]
        if target:
            after['status'] = target
        elif 'status' not in after:
            after['status'] = 'stopped'  # a new instance is created stopped (M3)
        return after

    # -- plans --------------------------------------------------------------------------
    def transition(self, change, status, target, undo=False):
        """The steps from ``status`` to ``target``; with ``undo``, each knows how to go back."""
        if status == target:
            return []
        if (status, target) not in TRANSITIONS:
            raise SpeModuleError(
                "Instance '%s' is %s; the module cannot take it to %s. Try again once it has settled."
                % (change.params['instance_id'], status, target),
                commands=[],
            )
        back = TRANSITIONS.get((target, status), ()) if undo else ()
        steps = [
            Step(command, self.filter(change), '%s -> %s' % (status, target))
            for command in TRANSITIONS[(status, target)]
        ]
        if back and len(steps) == 1 and len(back) == 1:
            steps[0].undo = Step(back[0], self.filter(change), 'back to %s' % status)
        return steps

    def final_steps(self, change, status, original_status, sp_known, sp_current):
        """From ``status`` to the wanted running state, then service provider access (changeable only while running: M5)."""
        params, state = change.params, change.state
        target = TARGET_STATUS[state] or original_status
        steps = []
        if state == 'restarted' and status == original_status == 'running':
            steps.append(Step('RestartInstances', self.filter(change), 'state: restarted'))
        elif state == 'restarted' and status == 'frozen':
            steps += self.transition(change, status, 'running') + [Step('RestartInstances', self.filter(change))]
        else:
            steps += self.transition(change, status, target)
        wanted_sp = params.get(SP_ACCESS)
        if wanted_sp is not None and (not sp_known or wanted_sp != sp_current):
            if target != 'running':
                raise SpeModuleError(
                    "service_provider_access can only be changed while instance '%s' runs; use state: started."
                    % params['instance_id'],
                    commands=[],
                )
            steps.append(Step('SetArchiveAdminEnabled', dict(instanceID=params['instance_id'], enabled=wanted_sp)))
        return steps

    def create_steps(self, change):
        wanted = change.wanted
        config = {f.api: wanted[f.option] for f in self.fields if f.option in wanted and f.option != SP_ACCESS}
        config['instanceHost'] = wanted.get('instance_host') or change.facts['instance_host']
        return [Step('CreateInstance', {'config': config})] + self.final_steps(
            change, 'stopped', 'stopped', False, None
        )

    def update_steps(self, change):
        params, current_api = change.params, change.current_api
        status = original = current_api['status']
        config_changes = [f for f in change.changed_fields if f in CONFIG_FIELDS]
        steps = []
        if config_changes:
            keep_stopped = TARGET_STATUS[change.state] == 'stopped'
            if status != 'stopped' and not params['allow_restart'] and not keep_stopped:
                raise SpeModuleError(
                    "Changing %s of instance '%s' needs it stopped (it is %s). Set allow_restart: true to let the "
                    'module stop it, apply the change and bring it back, or use state: stopped.'
                    % (', '.join(config_changes), params['instance_id'], status),
                    commands=[],
                    changed_fields=config_changes,
                )
            # Stopped only to apply the change: a failure after the stop starts it again (undo).
            steps += self.transition(change, status, 'stopped', undo=not keep_stopped)
            status = 'stopped'
            # The whole configuration is sent: right whether the server replaces or merges it (M2).
            config = {self.field(f).api: current_api.get(self.field(f).api) for f in CONFIG_FIELDS}
            config.update((self.field(f).api, change.after[f]) for f in config_changes)
            config['instanceID'] = params['instance_id']
            steps.append(
                Step('SetInstanceConfiguration', {'config': config}, 'changed: %s' % ', '.join(config_changes))
            )
        sp_known = 'serviceProviderAccess' in current_api
        may_not_run = TARGET_STATUS[change.state] in (None, 'stopped') and original != 'running'
        if params.get(SP_ACCESS) is not None and not sp_known and may_not_run:
            change.warn(
                "service_provider_access of instance '%s' was not checked: the instance is not running."
                % params['instance_id']
            )
            change.params = dict(params, **{SP_ACCESS: None})
        return steps + self.final_steps(change, status, original, sp_known, current_api.get('serviceProviderAccess'))

    def delete_steps(self, change):
        return self.transition(change, change.current_api['status'], 'stopped') + [
            Step('DeleteInstances', self.filter(change))
        ]

    def result_extras(self, change):
        if change.state == 'absent' and change.exists:
            return {'data_retained_at': change.current_api.get('baseDirectory')}
        return {}

    # -- the info twin --------------------------------------------------------------------
    def list(self, change):
        params, client = change.params, change.client
        exact = params.get('instance_id')
        found = client.call('GetInstances', instanceFilter=exact or params.get('filter') or '*')
        if exact:
            found = [i for i in found if i['instanceID'] == exact]  # the id is exact, never a filter
        described = []
        for entry in found:
            api_object = dict(entry)
            if params['include_configuration']:
                api_object.update(client.call('GetInstanceConfiguration', instanceID=entry['instanceID']))
                if entry.get('status') == 'running':
                    api_object['serviceProviderAccess'] = client.call(
                        'GetArchiveAdminEnabled', instanceID=entry['instanceID']
                    )
            if params['statistics']:
                self.add_statistics(change, api_object)
            described.append(api_object)
        return described

    @staticmethod
    def add_statistics(change, api_object):
        """Archive and process statistics of a running instance with service provider access (the
        commands need both, S19); otherwise ``None``, and a warning that says why."""
        instance_id, client = api_object['instanceID'], change.client
        api_object['statistics'] = api_object['liveStatistics'] = None
        if api_object.get('status') != 'running':
            return  # a stopped or frozen instance has no process to ask: nothing to warn about
        if 'serviceProviderAccess' not in api_object:
            api_object['serviceProviderAccess'] = client.call('GetArchiveAdminEnabled', instanceID=instance_id)
        if not api_object['serviceProviderAccess']:
            change.warn(
                "No statistics for instance '%s': service provider access is off (spe_instance "
                'service_provider_access: true).' % instance_id
            )
            return
        api_object['statistics'] = snake_keys(client.call('GetInstanceStatistics', instanceID=instance_id))
        api_object['liveStatistics'] = snake_keys(
            client.call('GetInstanceProcessLiveStatistics', instanceID=instance_id)
        )

    def info_spec(self):
        spec = super().info_spec()
        spec.constraints['mutually_exclusive'] = [('instance_id', 'filter')]
        return spec


INSTANCE = Instance()
