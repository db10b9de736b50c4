# Copyright: contributors to mailstore.spe
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""SPE system administrators, their MFA and the connection's API password
(``spe_system_administrator``, ``spe_system_administrator_info``).

The administrator the connection authenticates as is protected: the module never deletes it,
never initializes its MFA (with MFA its login password stops working for the API) and never
changes its password; each is refused before the first API call.
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

from ansible_collections.mailstore.spe.plugins.module_utils.connection import client_from_params
from ansible_collections.mailstore.spe.plugins.module_utils.errors import SpeApiError, SpeModuleError
from ansible_collections.mailstore.spe.plugins.module_utils.fields import Field, case_insensitive
from ansible_collections.mailstore.spe.plugins.module_utils.resource import SYSTEM, Resource, Step

# The API's mfaStatus -> the mfa option: a pending set-up (completed at the next console login) is what was asked for.
# The three statuses: docs/assumptions.md M19.
MFA_OF_STATUS = {'disabled': 'inactive', 'pending': 'active', 'active': 'active'}
CONFIG_KEYS = ('userName', 'fullName', 'emailAddress')
ROTATE = 'CreateSystemAdministratorAPIPassword'


def is_connection_user(params):
    return (params.get('user_name') or '').lower() == (params.get('username') or '').lower()


class SystemAdministrator(Resource):
    module = 'spe_system_administrator'
    name = 'system_administrator'
    scope = SYSTEM
    identity = ('user_name',)
    shown = ('mfa_status',)
    fields = (
        Field('user_name', required=True, compare=case_insensitive),  # M21: names compare without case
        Field('full_name'),
        Field('email_address'),
        Field('mfa', choices=['active', 'inactive']),
        # Not `password`: that option is the API connection's (doc fragment).
        Field('admin_password', api='password', secret=True),
    )
    options = {
        'update_password': dict(type='str', choices=['on_create', 'always'], default='on_create', no_log=False),
        'api_password': dict(type='str', choices=['keep', 'create'], default='keep', no_log=False),
    }
    reaches = {
        'GetSystemAdministrators': 'reading the administrators',
        'CreateSystemAdministrator': 'a new administrator (state: present)',
        'SetSystemAdministratorConfiguration': 'full_name, email_address',
        'SetSystemAdministratorPassword': 'admin_password with update_password: always',
        'DeleteSystemAdministrator': 'state: absent',
        'InitializeSystemAdministratorMFA': 'mfa: active',
        'DeactivateSystemAdministratorMFA': 'mfa: inactive',
        ROTATE: "api_password: create (the connection's own administrator)",
    }

    # -- input rules: the connection's own administrator -------------------------------
    def validate(self, change):
        params = change.params
        own = is_connection_user(params)
        refusals = []
        if own and change.state == 'absent':
            refusals.append('state: absent would delete it')
        if own and params.get('mfa') == 'active':
            refusals.append('mfa: active would stop its password from working for the API (leave mfa unset)')
        if own and params.get('admin_password') is not None and params['update_password'] == 'always':
            refusals.append('admin_password with update_password: always would change its password')
        if refusals:
            raise SpeModuleError(
                "user_name '%s' is the administrator this connection uses (username): %s. Manage it from "
                'another administrator.' % (params['user_name'], '; '.join(refusals)),
                commands=[],
            )
        if params['api_password'] == 'create':
            if not own:
                raise SpeModuleError(
                    "api_password: create makes the API password of the connection's own administrator "
                    "(username '%s'), not of user_name '%s'." % (params.get('username'), params['user_name']),
                    commands=[],
                )
            if change.state == 'absent':
                raise SpeModuleError('api_password: create needs state: present.', commands=[])

    # -- reading ------------------------------------------------------------------------
    def read(self, change):
        # After a rotation, read back with the new API password: it works whether MFA is on or off (M20).
        rotated = self.rotated_client(change)
        if rotated is None:
            return self.find(change.client, change.params['user_name'])
        try:
            return self.find(rotated, change.params['user_name'])
        except SpeApiError as exc:
            # The new API password must reach the user whatever happens: report the prediction instead.
            change.warn('Reading the administrator back after creating the API password failed: %s' % exc)
            after = change.after
            return {
                'userName': change.current_api['userName'],
                'fullName': after.get('full_name'),
                'emailAddress': after.get('email_address'),
                'mfaStatus': after.get('mfa_status'),
            }

    @staticmethod
    def find(client, user_name):
        found = [a for a in client.call('GetSystemAdministrators') if a['userName'].lower() == user_name.lower()]
        return found[0] if found else None

    def rotated_client(self, change):
        """After the API password was rotated, the connection's old API password no longer works:
        the read-back authenticates with the new one."""
        secret = self.new_api_password(change)
        if secret is None:
            return None
        if 'rotated_client' not in change.facts:
            change.facts['rotated_client'] = client_from_params(dict(change.params, password=secret))
        return change.facts['rotated_client']

    @staticmethod
    def new_api_password(change):
        step = change.facts.get('rotation')
        return step.answer if step is not None else None

    def list(self, change):
        wanted = change.params.get('user_name')
        if wanted is not None:
            found = self.find(change.client, wanted)
            return [found] if found is not None else []
        return change.client.call('GetSystemAdministrators')

    def to_options(self, api_object):
        options = super().to_options(api_object)
        status = api_object.get('mfaStatus')
        options['mfa'] = MFA_OF_STATUS.get(status, status)
        options['mfa_status'] = status
        return options

    def predict(self, change):
        after = change.after
        if 'mfa' in change.changed_fields or (not change.exists and after.get('mfa') == 'active'):
            after['mfa_status'] = 'pending' if after['mfa'] == 'active' else 'disabled'
        elif 'mfa_status' not in after:
            after['mfa_status'] = 'disabled'  # a new administrator has no MFA
        after.setdefault('mfa', MFA_OF_STATUS[after['mfa_status']])
        return after

    # -- plans --------------------------------------------------------------------------
    def locator(self, change):
        return {'userName': change.current_api['userName']}

    def secrets_to_send(self, change):
        if 'admin_password' in change.wanted and change.params['update_password'] == 'always':
            return ['admin_password']
        return []

    def config(self, change, user_name):
        return {
            'userName': user_name,
            'fullName': change.after.get('full_name'),
            'emailAddress': change.after.get('email_address'),
        }

    def create_steps(self, change):
        wanted = change.wanted
        if wanted.get('admin_password') is None:
            raise SpeModuleError(
                "System administrator '%s' does not exist; admin_password is needed to create it."
                % wanted['user_name'],
                commands=[],
            )
        steps = [
            Step(
                'CreateSystemAdministrator',
                dict(config=self.config(change, wanted['user_name']), password=wanted['admin_password']),
                'a new administrator',
            )
        ]
        if wanted.get('mfa') == 'active':
            steps.append(Step('InitializeSystemAdministratorMFA', {'userName': wanted['user_name']}, 'mfa: active'))
        return steps

    def update_steps(self, change):
        changed, locator = change.changed_fields, self.locator(change)
        steps = []
        if 'full_name' in changed or 'email_address' in changed:
            config = self.config(change, locator['userName'])
            steps.append(Step('SetSystemAdministratorConfiguration', {'config': config}, 'changed configuration'))
        if 'admin_password' in change.secrets_sent:
            steps.append(
                Step(
                    'SetSystemAdministratorPassword',
                    dict(locator, password=change.after['admin_password']),
                    'update_password: always',
                )
            )
        if 'mfa' in changed:
            command = 'InitializeSystemAdministratorMFA' if change.after['mfa'] == 'active' else None
            steps.append(Step(command or 'DeactivateSystemAdministratorMFA', locator, 'mfa: %s' % change.after['mfa']))
        if change.params['api_password'] == 'create':
            # Last: the connection may be authenticating with the API password this replaces.
            change.facts['rotation'] = Step(ROTATE, {}, 'api_password: create')
            steps.append(change.facts['rotation'])
        return steps

    def delete_steps(self, change):
        return [Step('DeleteSystemAdministrator', self.locator(change), 'state: absent')]

    def result_extras(self, change):
        secret = self.new_api_password(change)
        client = change.facts.pop('rotated_client', None)
        if client is not None:
            client.close()
        return {'api_password': secret} if secret is not None else {}


SYSTEM_ADMINISTRATOR = SystemAdministrator()
