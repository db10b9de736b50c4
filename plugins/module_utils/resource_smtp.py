# Copyright: contributors to mailstore.spe
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""SMTP settings of an instance, or the system-wide ones (``mailstore.spe.spe_smtp``)."""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

from ansible_collections.mailstore.spe.plugins.module_utils.engine import Field, Resource, Step, as_set
from ansible_collections.mailstore.spe.plugins.module_utils.errors import SpeModuleError

# The reference shows only SMTP-TLS; the other two are assumed (docs/assumptions.md M7).
PROTOCOLS = ['SMTP', 'SMTP-TLS', 'SMTPS']

# (read, write, test, name of the settings argument) for each scope.
INSTANCE_COMMANDS = ('GetSmtpSettings', 'SetSmtpSettings', 'TestSmtpSettings', 'settings')
SYSTEM_COMMANDS = ('GetSystemSmtpConfiguration', 'SetSystemSmtpConfiguration', 'TestSystemSmtpConfiguration', 'config')


class Smtp(Resource):
    name = 'smtp'
    states = ()
    parent_scoped = False
    fields = (
        Field('hostname'),
        Field('smtp_port', type='int', api='port'),
        Field('protocol', choices=PROTOCOLS),
        Field('ignore_ssl_policy_errors', type='bool'),
        Field('authentication_required', type='bool'),
        # Not `port`, `username`, `password`: those options are the API connection's (doc fragment).
        Field('smtp_username', api='username'),
        Field('smtp_password', api='password', secret=True),
        Field('from_display_name'),
        Field('from_email_address'),
        Field('recipient_email_addresses', type='list', elements='str', compare=as_set),
        Field(
            'recipient_system_administrators',
            type='list',
            elements='str',
            compare=as_set,
            api='recipientSystemAdministrator',
        ),
    )
    extra_options = {
        'instance_id': dict(type='str'),
        'update_password': dict(type='str', choices=['on_change', 'always'], default='on_change', no_log=False),
        'test': dict(type='bool', default=False),
    }
    constraints = dict(mutually_exclusive=[('instance_id', 'recipient_system_administrators')])

    @staticmethod
    def commands(params):
        return INSTANCE_COMMANDS if params.get('instance_id') else SYSTEM_COMMANDS

    def instance_of(self, params):
        return params.get('instance_id')

    def validate(self, params):
        if params.get('recipient_email_addresses') is not None and not params.get('instance_id'):
            raise SpeModuleError(
                'recipient_email_addresses applies to an instance (instance_id); the system-wide settings '
                'use recipient_system_administrators.',
                commands=[],
            )

    def scope_arguments(self, params):
        return {'instanceID': params['instance_id']} if params.get('instance_id') else {}

    def read(self, ctx, params):
        return ctx.client.call(self.commands(params)[0], **self.scope_arguments(params))

    def secret_changes(self, ctx, wanted, current, changed_fields):
        if 'smtp_password' not in wanted:
            return []
        if ctx.params['update_password'] == 'always' or changed_fields:
            return ['smtp_password']
        return []

    def create_steps(self, ctx, wanted):
        # Settings always exist; this is reached only in check mode, when the instance could not be read.
        return self.update_steps(ctx, wanted, {}, list(wanted))

    def update_steps(self, ctx, after, current_api, changed_fields):
        if not changed_fields:
            return []
        _read, write, test, argument = self.commands(ctx.params)
        settings = dict(current_api)
        settings.update((f.api, f.to_api(after[f.option])) for f in self.fields if f.option in after)
        if 'smtp_password' not in changed_fields:
            settings.pop('password', None)  # left out: the server keeps the password it has (M8)
        if ctx.params.get('instance_id'):
            settings.pop('recipientSystemAdministrator', None)
        else:
            settings.pop('recipientEmailAddresses', None)
        steps = [Step(write, dict(self.scope_arguments(ctx.params), **{argument: settings}))]
        if ctx.params['test']:
            steps.append(Step(test, self.scope_arguments(ctx.params), 'test: true'))
        return steps


SMTP = Smtp()
