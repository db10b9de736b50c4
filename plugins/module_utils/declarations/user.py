# Copyright: contributors to mailstore.spe
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Users of an instance, their privileges and folder access (``spe_user``, ``spe_user_info``)."""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

from ansible_collections.mailstore.spe.plugins.module_utils.errors import SpeApiError, SpeModuleError
from ansible_collections.mailstore.spe.plugins.module_utils.fields import Field, as_set, case_insensitive
from ansible_collections.mailstore.spe.plugins.module_utils.rename import (
    check_rename,
    renamed_extras,
    renamed_or_current,
)
from ansible_collections.mailstore.spe.plugins.module_utils.resource import Resource, Step

# option value -> API value; `none` and `admin` are only valid alone (reference).
PRIVILEGES = {
    'none': 'none',
    'admin': 'admin',
    'login': 'login',
    'change_password': 'changePassword',
    'archive': 'archive',
    'modify_archive_profiles': 'modifyArchiveProfiles',
    'export': 'export',
    'modify_export_profiles': 'modifyExportProfiles',
    'delete': 'delete',
}
FOLDER_PRIVILEGES = ['none', 'read', 'write', 'delete']
EXCLUSIVE = ('none', 'admin')
AUTHENTICATION = {'integrated': 'integrated', 'directory_services': 'directoryServices'}


def privilege_set(privileges):
    """``[]`` and ``[none]`` both mean "no privileges"."""
    return as_set(p for p in privileges if p != 'none')


def folder_map(entries):
    """Folder access as {folder: sorted privileges}; a folder with none (or no privileges) is absent."""
    result = {}
    for entry in entries or []:
        privileges = privilege_set(entry.get('privileges') or [])
        if privileges:
            result[entry['folder']] = privileges
    return result


def folder_list(mapping):
    return [{'folder': folder, 'privileges': mapping[folder]} for folder in sorted(mapping)]


def check_exclusive(option, values):
    for value in EXCLUSIVE:
        if value in values and len(set(values)) > 1:
            raise SpeModuleError(
                "%s: '%s' must be the only value when given (got %s)." % (option, value, ', '.join(values)), commands=[]
            )


class User(Resource):
    module = 'spe_user'
    name = 'user'
    identity = ('user_name',)
    fields = (
        Field('user_name', required=True, compare=case_insensitive),  # M13: jdoe and JDOE are one user
        Field('full_name', setter='SetUserFullName'),
        Field('distinguished_name', setter='SetUserDistinguishedName'),
        Field('authentication', values=AUTHENTICATION, setter='SetUserAuthentication'),
        Field('email_addresses', type='list', elements='str', compare=as_set, setter='SetUserEmailAddresses'),
        Field(
            'pop3_user_names',
            type='list',
            elements='str',
            compare=as_set,
            api='pop3UserNames',
            setter='SetUserPop3UserNames',
        ),
        Field('privileges', type='list', elements='str', values=PRIVILEGES, compare=privilege_set),
        Field(
            'folder_access',
            type='list',
            elements='dict',
            api='privilegesOnFolders',
            compare=folder_map,
            options=dict(
                folder=dict(type='str', required=True),
                privileges=dict(type='list', elements='str', required=True, choices=FOLDER_PRIVILEGES),
            ),
        ),
        # Not `password`: that option is the API connection's (doc fragment).
        Field('user_password', api='password', secret=True),
    )
    reaches = {
        'GetUserInfo': 'reading the user',
        'GetUsers': 'telling a missing user from a failing read (M6); spe_user_info without user_name',
        'CreateUser': 'a new user (state: present)',
        'SetUserPrivileges': 'privileges change',
        'SetUserPrivilegesOnFolder': 'folder_access changes (one call per folder that differs)',
        'SetUserPassword': 'user_password with update_password: always',
        'DeleteUser': 'state: absent',
        'RenameUser': 'rename_from naming an existing user, user_name a new one',
    }
    options = {
        'rename_from': dict(type='str'),
        'purge_folder_access': dict(type='bool', default=False),
        'update_password': dict(type='str', choices=['on_create', 'always'], default='on_create', no_log=False),
    }

    def validate(self, change):
        params = change.params
        check_rename(params, 'user_name', same=lambda a, b: a.lower() == b.lower())
        check_exclusive('privileges', params.get('privileges') or [])
        for entry in params.get('folder_access') or []:
            if not entry['folder'].strip():
                raise SpeModuleError('folder_access: folder must not be empty.', commands=[])
            check_exclusive("folder_access privileges of '%s'" % entry['folder'], entry['privileges'])

    def read(self, change):
        current = self.read_user(change, change.params['user_name'])
        old_name = change.params.get('rename_from')
        if not old_name:
            return current
        old = self.read_user(change, old_name)
        return renamed_or_current(change, 'user', current, old, old and old['userName'])

    def read_user(self, change, user_name):
        instance = change.params['instance_id']
        try:
            return change.client.call('GetUserInfo', instanceID=instance, userName=user_name)
        except SpeApiError:
            # One read when the user exists; only when GetUserInfo fails do we ask whether
            # the user is there at all (the API has no "not found" code to rely on: M6, M13).
            users = change.client.call('GetUsers', instanceID=instance)
            if any(u['userName'].lower() == user_name.lower() for u in users):
                raise
            return None

    def list(self, change):
        params = change.params
        if params.get('user_name'):
            found = self.read(change)
            return [found] if found is not None else []
        users = change.client.call('GetUsers', instanceID=params['instance_id'])
        return [
            change.client.call('GetUserInfo', instanceID=params['instance_id'], userName=u['userName']) for u in users
        ]

    def to_options(self, api_object):
        options = super().to_options(api_object)
        options['folder_access'] = folder_list(folder_map(options.get('folder_access')))
        return options

    def merge(self, change, field):
        wanted = change.wanted[field.option]
        if field.option != 'folder_access':
            return wanted
        merged = {} if change.params['purge_folder_access'] else folder_map(change.current.get('folder_access'))
        for entry in wanted:
            merged.pop(entry['folder'], None)
        merged.update(folder_map(wanted))
        return folder_list(merged)

    def locator(self, change):
        # After RenameUser (the first step), the user has the new name.
        user_name = change.params['user_name'] if change.facts.get('rename_from') else change.current_api['userName']
        return {'instanceID': change.params['instance_id'], 'userName': user_name}

    def rename_steps(self, change):
        old = change.facts.get('rename_from')
        if not old:
            return []
        arguments = dict(
            instanceID=change.params['instance_id'], oldUserName=old, newUserName=change.params['user_name']
        )
        return [Step('RenameUser', arguments, 'rename_from')]

    def result_extras(self, change):
        return renamed_extras(change)

    def secrets_to_send(self, change):
        if 'user_password' in change.wanted and change.params['update_password'] == 'always':
            return ['user_password']
        return []

    def create_steps(self, change):
        wanted = change.wanted
        api = {f.option: f.to_api(wanted.get(f.option)) for f in self.fields}
        locator = {'instanceID': change.params['instance_id'], 'userName': wanted['user_name']}
        create = dict(
            locator,
            privileges=api['privileges'] or ['none'],
            fullName=api['full_name'],
            distinguishedName=api['distinguished_name'],
            authentication=api['authentication'],
            password=api['user_password'],
        )
        steps = [Step('CreateUser', create)]
        for option in ('email_addresses', 'pop3_user_names'):
            if wanted.get(option):
                steps.append(Step(self.field(option).setter, dict(locator, **{self.field(option).api: wanted[option]})))
        steps += [
            Step('SetUserPrivilegesOnFolder', dict(locator, folder=folder, privileges=privileges))
            for folder, privileges in sorted(folder_map(wanted.get('folder_access')).items())
        ]
        return steps

    def update_steps(self, change):
        after, changed = change.after, change.changed_fields
        steps = self.rename_steps(change) + self.setter_steps(change)
        locator = self.locator(change)
        if 'privileges' in changed:  # the API spells "no privileges" as `none`, never empty
            privileges = self.field('privileges').to_api(after['privileges']) or ['none']
            steps.append(Step('SetUserPrivileges', dict(locator, privileges=privileges)))
        if 'folder_access' in changed:
            before, wanted = folder_map(change.current['folder_access']), folder_map(after['folder_access'])
            steps += [
                Step(
                    'SetUserPrivilegesOnFolder', dict(locator, folder=folder, privileges=wanted.get(folder) or ['none'])
                )
                for folder in sorted(set(before) | set(wanted))
                if before.get(folder) != wanted.get(folder)
            ]
        if 'user_password' in change.secrets_sent:
            steps.append(
                Step('SetUserPassword', dict(locator, password=after['user_password']), 'update_password: always')
            )
        return steps

    def delete_steps(self, change):
        return [Step('DeleteUser', self.locator(change))]


USER = User()
