# Copyright: contributors to mailstore.spe
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""The SPE system as a whole, read only (``spe_server_info``): environment, service status, the
instance hosts and client access servers with their status, the license request data, Ping.

Not a resource: there is nothing to converge, so it is a ``ModuleSpec`` with its own run
function, and it never reports a change (reading the license request data changes nothing).
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

from ansible_collections.mailstore.spe.plugins.module_utils.fields import snake
from ansible_collections.mailstore.spe.plugins.module_utils.runner import ModuleSpec


def snake_keys(value):
    """API objects in snake_case, nested ones included (the values are kept as they are)."""
    if isinstance(value, dict):
        return {snake(key): snake_keys(item) for key, item in value.items()}
    if isinstance(value, list):
        return [snake_keys(item) for item in value]
    return value


def service_status_of(status, server_name, kind):
    """The status GetServiceStatus reports for one server (names compare case-insensitively)."""
    for entry in status.get(kind) or []:
        if str(entry.get('serverName', '')).lower() == server_name.lower():
            return entry
    return None


class ServerInfo:
    module = 'spe_server_info'
    reaches = {
        'Ping': 'always: the Management Server answers (ping: true)',
        'GetEnvironmentInfo': 'always: version, licensee, server name (environment)',
        'GetServiceStatus': 'always: the status of every SPE service (service_status)',
        'GetInstanceHosts': 'always: the instance hosts, each with its service status',
        'GetClientAccessServers': 'always: the client access servers, each with its service status',
        'CreateLicenseRequest': 'include_license_request: true (a read: it changes nothing)',
    }
    options = {'include_license_request': dict(type='bool', default=False)}

    def commands_reached(self):
        return dict(self.reaches)

    def module_specs(self):
        return {self.module: self.module_spec()}

    def module_spec(self):
        return ModuleSpec(dict(self.options), self.run)

    @staticmethod
    def run(ctx):
        client = ctx.client
        client.call('Ping')
        status = client.call('GetServiceStatus') or {}
        hosts = []
        for host in client.call('GetInstanceHosts'):
            entry = dict(host, serviceStatus=service_status_of(status, host['serverName'], 'instanceHosts'))
            hosts.append(entry)
        servers = client.call('GetClientAccessServers', withServiceStatus=True)
        result = {
            'changed': False,
            'ping': True,
            'environment': snake_keys(client.call('GetEnvironmentInfo')),
            'service_status': snake_keys(status),
            'instance_hosts': snake_keys(hosts),
            'client_access_servers': snake_keys(servers),
        }
        if ctx.params['include_license_request']:
            result['license_request'] = client.call('CreateLicenseRequest')
        return result


SERVER_INFO = ServerInfo()
