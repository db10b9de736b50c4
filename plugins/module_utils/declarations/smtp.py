# Copyright: contributors to mailstore.spe
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""SMTP settings of an instance, or the system-wide ones (``spe_smtp``, ``spe_smtp_info``)."""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

from ansible_collections.mailstore.spe.plugins.module_utils.errors import SpeModuleError
from ansible_collections.mailstore.spe.plugins.module_utils.fields import Field, as_set
from ansible_collections.mailstore.spe.plugins.module_utils.resource import INSTANCE_OR_SYSTEM, Settings, Step

# The reference shows only SMTP-TLS; the other two are assumed (docs/assumptions.md M7).
PROTOCOLS = ['SMTP', 'SMTP-TLS', 'SMTPS']

# scope -> (read, write, test, name of the settings argument)
COMMANDS = {
    'instance': ('GetSmtpSettings', 'SetSmtpSettings', 'TestSmtpSettings', 'settings'),
    'system': ('GetSystemSmtpConfiguration', 'SetSystemSmtpConfiguration', 'TestSystemSmtpConfiguration', 'config'),
}


class Smtp(Settings):
    module = 'spe_smtp'
    name = 'smtp'
    scope = INSTANCE_OR_SYSTEM  # instance_id left out: the system-wide settings
    fields = (
        Field('hostname', nonempty=True),
        Field('smtp_port', type='int', api='port', minimum=1, maximum=65535),
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
    options = {
        'update_password': dict(type='str', choices=['on_change', 'always'], default='on_change', no_log=False),
        'test': dict(type='bool', default=False),
    }
    constraints = dict(mutually_exclusive=[('instance_id', 'recipient_system_administrators')])
    reaches = {
        'GetSmtpSettings': 'reading the settings of an instance (instance_id)',
        'SetSmtpSettings': 'a setting of an instance changes',
        'TestSmtpSettings': 'test: true after a change of an instance',
        'GetSystemSmtpConfiguration': 'reading the system-wide settings (no instance_id)',
        'SetSystemSmtpConfiguration': 'a system-wide setting changes',
        'TestSystemSmtpConfiguration': 'test: true after a system-wide change',
    }

    @staticmethod
    def scope_of(change):
        return 'instance' if change.params.get('instance_id') else 'system'

    def commands(self, change):
        return COMMANDS[self.scope_of(change)][:2]

    def validate(self, change):
        if change.params.get('recipient_email_addresses') is not None and not change.params.get('instance_id'):
            raise SpeModuleError(
                'recipient_email_addresses applies to an instance (instance_id); the system-wide settings '
                'use recipient_system_administrators.',
                commands=[],
            )

    def settings_object(self, change):
        settings = super().settings_object(change)
        # Each scope has its own recipients key; the other one is not sent.
        settings.pop(
            'recipientSystemAdministrator' if change.params.get('instance_id') else 'recipientEmailAddresses', None
        )
        return settings

    def update_steps(self, change):
        steps = super().update_steps(change)
        if steps and change.params['test']:
            _read, _write, test, _argument = COMMANDS[self.scope_of(change)]
            steps.append(Step(test, self.scope_arguments(change), 'test: true'))
        return steps

    def argument_name(self, change):
        return COMMANDS[self.scope_of(change)][3]


SMTP = Smtp()
