#!/usr/bin/python
# Copyright: contributors to mailstore.spe
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
from __future__ import absolute_import, division, print_function

__metaclass__ = type

DOCUMENTATION = r"""
module: spe_client_access_server_info
short_description: Read the client access servers of MailStore SPE, with their service status
description:
  - Lists the client access servers of a MailStore Service Provider Edition (SPE) system with their port and
    certificate thumbprint and, optionally, the status of their service.
options:
  server_name:
    description:
      - Only the client access server with this server name (compared without case).
    type: str
  include_service_status:
    description:
      - Whether the Management Server asks each client access server for the status of its service
        (C(service_status)), which takes longer.
    type: bool
    default: false
version_added: 1.0.0
author: mailstore.spe contributors (@mailstore-spe)
extends_documentation_fragment: [mailstore.spe.connection, mailstore.spe.common, mailstore.spe.info]
seealso:
  - module: mailstore.spe.spe_client_access_server
"""

EXAMPLES = r"""
- name: Read the client access servers with the status of their service
  mailstore.spe.spe_client_access_server_info:
    include_service_status: true
  register: cas

- name: Fail when one of them does not run
  ansible.builtin.assert:
    that: cas.client_access_servers | rejectattr('service_status.status', 'eq', 'running') | list | length == 0
    fail_msg: A client access server does not run.
"""

RETURN = r"""
client_access_servers:
  description:
    - The client access servers found, with the option names of M(mailstore.spe.spe_client_access_server);
      with O(include_service_status=true), C(service_status) as the API returns it.
  returned: success
  type: list
  elements: dict
  sample:
    - server_name: spe-cas01
      server_port: 8472
      thumbprint: E192B6D6292F612128A40B7E4B1F63AEE62F7916
      service_status:
        status: running
        error: null
failed_command: {description: The API command that failed., returned: when an API command failed, type: str}
error: {description: 'Without passwords: kind, command, message, details, http_status, token.', returned: when an API call failed, type: dict}
"""

from ansible_collections.mailstore.spe.plugins.module_utils.declarations.servers import CLIENT_ACCESS_SERVER
from ansible_collections.mailstore.spe.plugins.module_utils.runner import run_module


def main():
    """spe_client_access_server_info in a module process (MAILSTORE_SPE_EXECUTION=module); in-process, the action plugin runs the same spec."""
    run_module(CLIENT_ACCESS_SERVER.info_spec())


if __name__ == '__main__':
    main()
