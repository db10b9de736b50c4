# Copyright: contributors to mailstore.spe
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""MailStore instances: configuration, running state, service provider access (``mailstore.spe.spe_instance``)."""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import re

from ansible_collections.mailstore.spe.plugins.module_utils.engine import Field, Resource, Step
from ansible_collections.mailstore.spe.plugins.module_utils.errors import SpeModuleError

INSTANCE_ID_RE = re.compile(r'^[a-z][a-z0-9-]{2,31}$')  # the reference's rule for instanceID
START_MODES = ['automatic', 'manual', 'disabled']
# GetInstances entries carry these configuration fields too (docs/assumptions.md M1); the others need GetInstanceConfiguration.
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
    name = 'instance'
    identity = ('instance_id',)
    parent_scoped = False
    states = ('present', 'started', 'stopped', 'restarted', 'frozen', 'absent')
    shown = ('status',)
    fields = (
        Field('instance_id', api='instanceID'),
        Field('display_name'),
        Field('alias'),
        Field('instance_host'),
        Field('base_directory'),
        Field('start_mode', choices=START_MODES),
        Field('debug_log_enabled', type='bool'),
        Field('imap_server_connection_log_enabled', type='bool'),
        Field('vss_writer_enabled', type='bool'),
        Field('vss_writer_exclude_indexes', type='bool'),
        Field(SP_ACCESS, type='bool', api='serviceProviderAccess'),
    )
    extra_options = {'allow_restart': dict(type='bool', default=False)}

    def argument_spec(self):
        spec = super().argument_spec()
        spec['instance_id']['required'] = True
        return spec

    def validate(self, params):
        if not INSTANCE_ID_RE.match(params['instance_id']):
            raise SpeModuleError(
                "instance_id '%s' is not valid: 3 to 32 characters, lower-case letters, digits and '-', "
                'starting with a letter.' % params['instance_id'],
                commands=[],
            )

    def filter(self, params):
        return {'instanceFilter': params['instance_id']}

    def read(self, ctx, params):
        found = [
            i
            for i in ctx.client.call('GetInstances', **self.filter(params))
            if i['instanceID'] == params['instance_id']
        ]
        if not found:
            return None
        current = dict(found[0])
        needs_config = params['state'] == 'absent' or any(
            params.get(f) is not None for f in CONFIG_FIELDS if f not in LISTED_FIELDS
        )
        if needs_config:
            current.update(ctx.client.call('GetInstanceConfiguration', instanceID=params['instance_id']))
        if params.get(SP_ACCESS) is not None and current['status'] == 'running':
            current['serviceProviderAccess'] = ctx.client.call(
                'GetArchiveAdminEnabled', instanceID=params['instance_id']
            )
        return current

    def to_options(self, api_object):
        options = super().to_options(api_object)
        options['status'] = api_object.get('status')
        return options

    def predict(self, after, params):
        target = TARGET_STATUS[params['state']]
        if target:
            after['status'] = target
        elif 'status' not in after:
            after['status'] = 'stopped'  # a new instance is created stopped (M3)
        return after

    # -- plans --------------------------------------------------------------------------
    def transition(self, params, status, target):
        if status == target:
            return []
        if (status, target) not in TRANSITIONS:
            raise SpeModuleError(
                "Instance '%s' is %s; the module cannot take it to %s. Try again once it has settled."
                % (params['instance_id'], status, target),
                commands=[],
            )
        return [
            Step(command, self.filter(params), '%s -> %s' % (status, target))
            for command in TRANSITIONS[(status, target)]
        ]

    def final_steps(self, params, status, original_status, sp_known, sp_current):
        """From ``status`` to the wanted running state, then service provider access (changeable only while running: M5)."""
        target = TARGET_STATUS[params['state']] or original_status
        steps = []
        if params['state'] == 'restarted' and status == original_status == 'running':
            steps.append(Step('RestartInstances', self.filter(params), 'state: restarted'))
        elif params['state'] == 'restarted' and status == 'frozen':
            steps += self.transition(params, status, 'running') + [Step('RestartInstances', self.filter(params))]
        else:
            steps += self.transition(params, status, target)
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

    def create_steps(self, ctx, wanted):
        params = ctx.params
        config = dict((f.api, wanted[f.option]) for f in self.fields if f.option in wanted and f.option != SP_ACCESS)
        config.setdefault('instanceHost', self.only_instance_host(ctx))
        return [Step('CreateInstance', {'config': config})] + self.final_steps(
            params, 'stopped', 'stopped', False, None
        )

    @staticmethod
    def only_instance_host(ctx):
        """Where a new instance goes when the task does not say: the one instance host there is."""
        hosts = [h['serverName'] for h in ctx.client.call('GetInstanceHosts')]
        if len(hosts) != 1:
            raise SpeModuleError(
                "instance_host is required to create instance '%s': the Management Server has %s."
                % (ctx.params['instance_id'], ('instance hosts ' + ', '.join(hosts)) if hosts else 'no instance host'),
                commands=[],
            )
        return hosts[0]

    def update_steps(self, ctx, after, current_api, changed_fields):
        params = ctx.params
        status = original = current_api['status']
        config_changes = [f for f in changed_fields if f in CONFIG_FIELDS]
        steps = []
        if config_changes:
            if status != 'stopped' and not params['allow_restart'] and TARGET_STATUS[params['state']] != 'stopped':
                raise SpeModuleError(
                    "Changing %s of instance '%s' needs it stopped (it is %s). Set allow_restart: true to let the module stop it, "
                    'apply the change and bring it back, or use state: stopped.'
                    % (', '.join(config_changes), params['instance_id'], status),
                    commands=[],
                    changed_fields=config_changes,
                )
            steps += self.transition(params, status, 'stopped')
            status = 'stopped'
            config = dict(current_api)
            if any(self.field(f).api not in config for f in CONFIG_FIELDS):
                config.update(ctx.client.call('GetInstanceConfiguration', instanceID=params['instance_id']))
            # The whole configuration is sent: right whether the server replaces or merges it (M2).
            config = dict((self.field(f).api, config.get(self.field(f).api)) for f in CONFIG_FIELDS)
            config.update((self.field(f).api, after[f]) for f in config_changes)
            config['instanceID'] = params['instance_id']
            steps.append(
                Step('SetInstanceConfiguration', {'config': config}, 'changed: %s' % ', '.join(config_changes))
            )
        sp_known = 'serviceProviderAccess' in current_api
        if (
            params.get(SP_ACCESS) is not None
            and not sp_known
            and TARGET_STATUS[params['state']] in (None, 'stopped')
            and original != 'running'
        ):
            ctx.warn(
                "service_provider_access of instance '%s' was not checked: the instance is not running."
                % params['instance_id']
            )
            params = dict(params, **{SP_ACCESS: None})
        return steps + self.final_steps(params, status, original, sp_known, current_api.get('serviceProviderAccess'))

    def delete_steps(self, ctx, current_api):
        params = ctx.params
        return self.transition(params, current_api['status'], 'stopped') + [
            Step('DeleteInstances', self.filter(params))
        ]

    def result_extras(self, ctx, wanted, current_api):
        if ctx.params['state'] == 'absent' and current_api is not None:
            return {'data_retained_at': current_api.get('baseDirectory')}
        return {}


INSTANCE = Instance()
