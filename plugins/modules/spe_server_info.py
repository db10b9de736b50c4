#!/usr/bin/python
# Copyright: contributors to mailstore.spe
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
from __future__ import absolute_import, division, print_function

__metaclass__ = type

DOCUMENTATION = r"""
module: spe_server_info
short_description: Read the environment, service status and servers of a MailStore SPE system
description:
  - Reads what a MailStore Service Provider Edition (SPE) system is made of and whether it is well.
    The Management Server's environment (version, licensee), the status of every SPE service, the
    instance hosts and the client access servers, each with its service status, and whether the
    Management Server answers (C(Ping)).
  - With O(include_license_request=true), also the data of a license request. Creating it changes
    nothing on the server, so the task still reports no change.
options:
  include_license_request:
    description:
      - Whether to return the license request data (RV(license_request)), for example to send it to the
        vendor when the license is renewed or extended.
    type: bool
    default: false
version_added: 1.0.0
author: mailstore.spe contributors (@mailstore-spe)
extends_documentation_fragment: [mailstore.spe.connection, mailstore.spe.common, mailstore.spe.info]
seealso:
  - module: mailstore.spe.spe_instance_info
"""

EXAMPLES = r"""
- name: Read the platform
  mailstore.spe.spe_server_info:
  register: platform

- name: Fail unless every instance host's service runs
  ansible.builtin.assert:
    that:
      - not_running | length == 0
    fail_msg: "Not running: {{ not_running | join(', ') }}"
  vars:
    not_running: >-
      {{ platform.instance_hosts | rejectattr('service_status.status', 'equalto', 'running')
         | map(attribute='server_name') | list }}

- name: Read the license request data as well
  mailstore.spe.spe_server_info:
    include_license_request: true
  register: license
"""

RETURN = r"""
ping:
  description: The Management Server answered C(Ping).
  returned: success
  type: bool
  sample: true
environment:
  description: The Management Server's environment (C(GetEnvironmentInfo)), with keys in snake_case.
  returned: success
  type: dict
  sample:
    version: 25.1.0.0
    licensee_name: Example Hosting Ltd.
    licensee_id: 100000
    server_name: spe-ms01
    user_name: admin
service_status:
  description: The status of every SPE service (C(GetServiceStatus)), with keys in snake_case.
  returned: success
  type: dict
  sample:
    management_server: {server_name: spe-ms01, status: running, version: 25.1.0.0}
    instance_hosts: [{server_name: spe-host01, status: running, version: 25.1.0.0}]
    client_access_servers: [{server_name: spe-cas01, status: running, version: 25.1.0.0}]
instance_hosts:
  description:
    - The instance hosts (C(GetInstanceHosts)), each with C(service_status), its entry of RV(service_status)
      (V(null) when the service status does not list it).
  returned: success
  type: list
  elements: dict
  sample:
    - server_name: spe-host01
      port: 8474
      server_certificate: {thumbprint: 0123456789ABCDEF0123456789ABCDEF01234567}
      base_directory: D:\MailStore\Instances
      service_status: {server_name: spe-host01, status: running, version: 25.1.0.0}
client_access_servers:
  description: The client access servers (C(GetClientAccessServers)), each with its C(service_status).
  returned: success
  type: list
  elements: dict
  sample:
    - server_name: spe-cas01
      port: 443
      server_certificate: {thumbprint: 0123456789ABCDEF0123456789ABCDEF01234567}
      service_status: {status: running, error: null}
license_request:
  description: The license request data (C(CreateLicenseRequest)), as the API returns it.
  returned: when O(include_license_request=true)
  type: str
failed_command: {description: The API command that failed., returned: when an API command failed, type: str}
error: {description: 'Without passwords: kind, command, message, details, http_status, token.', returned: when an API call failed, type: dict}
"""

from ansible_collections.mailstore.spe.plugins.module_utils.declarations.server import SERVER_INFO
from ansible_collections.mailstore.spe.plugins.module_utils.runner import run_module


def main():
    """spe_server_info in a module process (MAILSTORE_SPE_EXECUTION=module); in-process, the action plugin runs the same spec."""
    run_module(SERVER_INFO.module_spec())


if __name__ == '__main__':
    main()
