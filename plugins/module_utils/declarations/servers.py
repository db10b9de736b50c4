# Copyright: contributors to mailstore.spe
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""The servers of the platform the Management Server knows: instance hosts with the directories
they must have, and client access servers; both paired with the Management Server when their
certificate changes (``spe_instance_host``, ``spe_client_access_server`` and their info twins)."""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import re

from ansible_collections.mailstore.spe.plugins.module_utils.errors import SpeModuleError
from ansible_collections.mailstore.spe.plugins.module_utils.fields import Field, case_insensitive, windows_path
from ansible_collections.mailstore.spe.plugins.module_utils.resource import SYSTEM, Resource, Step

# An absolute path on a drive of the instance host: what GetDirectoriesOnInstanceHost can walk from its roots.
ABSOLUTE_PATH = re.compile(r'[A-Za-z]:([\\/][^\\/<>:"|?*\r\n\x00]+)*[\\/]?')
THUMBPRINT_SEPARATORS = re.compile(r'[\s:]')
THUMBPRINT = re.compile(r'[0-9A-F]{40}')


def thumbprint(value):
    """Thumbprints as certificate dialogs show them (spaces, colons, lower case) compare equal."""
    return THUMBPRINT_SEPARATORS.sub('', value).upper() if value else ''


def path_set(paths):
    return sorted({windows_path(p) for p in paths or []})


class PathList(Field):
    """A list of Windows paths: one path per API call, so a comma is an ordinary character."""

    def problems(self, value, identity=False):
        if value is None:
            return []
        bad = [p for p in value if len(p) > 1024 or not ABSOLUTE_PATH.fullmatch(p)]
        if bad:
            return ['%s: %r is not an absolute path on a drive of the host (X:\\...)' % (self.option, bad[0])]
        return []


class ServerRole(Resource):
    """A server the Management Server knows by name, port and certificate thumbprint."""

    scope = SYSTEM
    identity = ('server_name',)
    server_type = None  # PairWithManagementServer's serverType
    list_command = None
    create_command = None
    set_command = None
    delete_command = None
    list_arguments = {}
    config_fields = ('server_port', 'thumbprint')
    options = {'pair': dict(type='bool', default=False)}

    @staticmethod
    def role_fields():
        return (
            Field('server_name', required=True, compare=case_insensitive),  # M21: names compare without case
            # Not `port`: that option is the API connection's (doc fragment).
            Field('server_port', type='int', api='port', minimum=1, maximum=65535),
            Field('thumbprint', api='serverCertificate', compare=thumbprint),
        )

    def validate(self, change):
        value = change.params.get('thumbprint')
        if value is not None and not THUMBPRINT.fullmatch(thumbprint(value)):
            raise SpeModuleError(
                'thumbprint %r is not a certificate thumbprint: 40 hexadecimal digits (spaces and colons are '
                'ignored).' % value,
                commands=[],
            )

    # -- reading ------------------------------------------------------------------------
    def servers(self, client):
        return client.call(self.list_command, **self.list_arguments)

    def read(self, change):
        wanted = change.params['server_name'].lower()
        found = [s for s in self.servers(change.client) if s['serverName'].lower() == wanted]
        return found[0] if found else None

    def list(self, change):
        wanted = change.params.get('server_name')
        return [s for s in self.servers(change.client) if wanted is None or s['serverName'].lower() == wanted.lower()]

    def to_options(self, api_object):
        options = super().to_options(api_object)
        options['thumbprint'] = (api_object.get('serverCertificate') or {}).get('thumbprint')
        return options

    def predict(self, change):
        after = change.after
        if after.get('thumbprint'):
            after['thumbprint'] = thumbprint(after['thumbprint'])  # as the API spells it
        return after

    # -- plans --------------------------------------------------------------------------
    def config(self, change, server_name, fields):
        """The configuration object with ``fields`` as they will be."""
        after = change.after
        config = {'serverName': server_name}
        if 'server_port' in fields:
            config['port'] = after.get('server_port')
        if 'thumbprint' in fields:
            config['serverCertificate'] = {'thumbprint': thumbprint(after.get('thumbprint')) or None}
        if 'base_directory' in fields:
            config['baseDirectory'] = after.get('base_directory')
        return config

    def pairing(self, change, server_name):
        """PairWithManagementServer registers an unknown server and updates a known one's port and thumbprint (M23)."""
        after = change.after
        arguments = dict(
            serverType=self.server_type,
            serverName=server_name,
            port=after.get('server_port'),
            thumbprint=thumbprint(after.get('thumbprint')),
        )
        return Step('PairWithManagementServer', arguments, 'pair: the certificate is new')

    def create_steps(self, change):
        wanted = change.wanted
        missing = [option for option in ('server_port', 'thumbprint') if wanted.get(option) is None]
        if missing:
            raise SpeModuleError(
                "%s '%s' is not registered; to register it, give %s."
                % (self.name.replace('_', ' ').capitalize(), wanted['server_name'], ' and '.join(missing)),
                commands=[],
            )
        if change.params['pair']:
            return [self.pairing(change, wanted['server_name'])]
        return [Step(self.create_command, {'config': self.config(change, wanted['server_name'], self.config_fields)})]

    def update_steps(self, change):
        server_name = change.current_api['serverName']
        changed = [f for f in change.changed_fields if f in self.config_fields + ('base_directory',)]
        steps = []
        if change.params['pair'] and 'thumbprint' in changed:
            steps.append(self.pairing(change, server_name))
            changed = [f for f in changed if f not in ('thumbprint', 'server_port')]
        if changed:
            # The whole configuration: right whether the server replaces or merges it (M24).
            fields = self.config_fields + tuple(f for f in changed if f not in self.config_fields)
            steps.append(Step(self.set_command, {'config': self.config(change, server_name, fields)}, 'changed'))
        return steps

    def delete_steps(self, change):
        return [Step(self.delete_command, {'serverName': change.current_api['serverName']}, 'state: absent')]


class InstanceHost(ServerRole):
    module = 'spe_instance_host'
    name = 'instance_host'
    server_type = 'instanceHost'
    list_command = 'GetInstanceHosts'
    create_command = 'CreateInstanceHost'
    set_command = 'SetInstanceHostConfiguration'
    delete_command = 'DeleteInstanceHost'
    fields = ServerRole.role_fields() + (
        Field('base_directory', compare=windows_path, nonempty=True),
        PathList('directories', type='list', elements='str', compare=path_set),
    )
    reaches = {
        'GetInstanceHosts': 'reading the instance hosts',
        'CreateInstanceHost': 'a new instance host (state: present)',
        'SetInstanceHostConfiguration': 'server_port, thumbprint, base_directory',
        'DeleteInstanceHost': 'state: absent',
        'GetInstances': 'state: absent (refused while instances live on the host)',
        'PairWithManagementServer': 'pair: true and a new thumbprint',
        'GetDirectoriesOnInstanceHost': 'directories (checking which exist)',
        'CreateDirectoryOnInstanceHost': 'directories (those missing)',
    }

    def validate(self, change):
        super().validate(change)
        base = change.params.get('base_directory')
        if base and not ABSOLUTE_PATH.fullmatch(base):
            raise SpeModuleError(
                'base_directory %r is not an absolute path on a drive of the host (X:\\...).' % base, commands=[]
            )

    def read(self, change):
        host = super().read(change)
        if host is None:
            return None
        host = dict(host)
        if change.state == 'absent':
            change.facts['instances'] = self.instances_on(change.client, host['serverName'])
        elif change.params.get('directories'):
            host['directories'] = self.existing_directories(change, host['serverName'], change.params['directories'])
        return host

    @staticmethod
    def instances_on(client, server_name):
        return sorted(
            i['instanceID']
            for i in client.call('GetInstances', instanceFilter='*')
            if (i.get('instanceHost') or '').lower() == server_name.lower()
        )

    @staticmethod
    def existing_directories(change, server_name, paths):
        """Those of ``paths`` that exist on the host, as the host spells them; walked from the drives
        down, each directory listed once (GetDirectoriesOnInstanceHost lists one level: M22)."""
        listings = {}

        def children(parent):
            if parent not in listings:
                arguments = {'serverName': server_name}
                if parent is not None:
                    arguments['path'] = parent
                entries = change.client.call('GetDirectoriesOnInstanceHost', **arguments)
                listings[parent] = {windows_path(e['path']): e['path'] for e in entries}
            return listings[parent]

        found = []
        for path in paths:
            parts = windows_path(path).split('\\')
            spelled = None
            for depth in range(1, len(parts) + 1):
                spelled = children(spelled).get('\\'.join(parts[:depth]))
                if spelled is None:
                    break
            if spelled is not None:
                found.append(spelled)
        return found

    def to_options(self, api_object):
        options = super().to_options(api_object)
        if 'directories' not in api_object:
            options.pop('directories', None)  # not read: only the directories a task names are looked at
        return options

    def merge(self, change, field):
        if field.option == 'directories':  # the directories that must exist, with those that already do
            current = change.current.get('directories') or []
            present = set(path_set(current))
            return current + [p for p in change.wanted['directories'] if windows_path(p) not in present]
        return super().merge(change, field)

    def missing_directories(self, change):
        present = set(path_set((change.current or {}).get('directories')))
        missing, seen = [], set(present)
        for path in change.wanted.get('directories') or []:
            if windows_path(path) not in seen:
                seen.add(windows_path(path))
                missing.append(path)
        return missing

    def directory_steps(self, change, server_name):
        # One call per wanted directory that is missing: the server creates its missing parents (M22).
        return [
            Step('CreateDirectoryOnInstanceHost', {'serverName': server_name, 'path': path}, 'directories')
            for path in self.missing_directories(change)
        ]

    def create_steps(self, change):
        steps = super().create_steps(change)
        server_name = change.wanted['server_name']
        if change.wanted.get('base_directory') is not None:  # CreateInstanceHost takes no base directory
            steps.append(
                Step(
                    self.set_command,
                    {'config': {'serverName': server_name, 'baseDirectory': change.wanted['base_directory']}},
                    'base_directory',
                )
            )
        return steps + self.directory_steps(change, server_name)

    def update_steps(self, change):
        server_name = change.current_api['serverName']
        return super().update_steps(change) + self.directory_steps(change, server_name)

    def delete_steps(self, change):
        instances = change.facts.get('instances') or []
        if instances:
            raise SpeModuleError(
                "Instance host '%s' still hosts %d instance(s): %s. Move or delete them first."
                % (change.current_api['serverName'], len(instances), ', '.join(instances)),
                commands=[],
                instances=instances,
            )
        return super().delete_steps(change)


class ClientAccessServer(ServerRole):
    module = 'spe_client_access_server'
    name = 'client_access_server'
    server_type = 'clientAccessServer'
    list_command = 'GetClientAccessServers'
    list_arguments = {'withServiceStatus': False}
    create_command = 'CreateClientAccessServer'
    set_command = 'SetClientAccessServerConfiguration'
    delete_command = 'DeleteClientAccessServer'
    fields = ServerRole.role_fields()
    info_options = {'include_service_status': dict(type='bool', default=False)}
    reaches = {
        'GetClientAccessServers': 'reading the client access servers (include_service_status in the info module)',
        'CreateClientAccessServer': 'a new client access server (state: present)',
        'SetClientAccessServerConfiguration': 'server_port, thumbprint',
        'DeleteClientAccessServer': 'state: absent',
        'PairWithManagementServer': 'pair: true and a new thumbprint',
    }

    def list(self, change):
        with_status = bool(change.params.get('include_service_status'))
        wanted = change.params.get('server_name')
        found = change.client.call(self.list_command, withServiceStatus=with_status)
        return [s for s in found if wanted is None or s['serverName'].lower() == wanted.lower()]


INSTANCE_HOST = InstanceHost()
CLIENT_ACCESS_SERVER = ClientAccessServer()
