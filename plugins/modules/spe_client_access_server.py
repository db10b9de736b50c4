#!/usr/bin/python
# Copyright: contributors to mailstore.spe
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
from __future__ import absolute_import, division, print_function

__metaclass__ = type

DOCUMENTATION = r"""
module: spe_client_access_server
short_description: Manage the client access servers of MailStore SPE and their pairing
description:
  - Registers, changes and removes the client access servers of a MailStore Service Provider Edition (SPE)
    system, the servers through which users and e-mail clients reach the instances.
  - Pairs a client access server with the Management Server when its certificate changed (O(pair)).
options:
  server_name:
    description:
      - The client access server's server name, which identifies it. Compared without case.
    type: str
    required: true
  server_port:
    description:
      - The TCP port on which the client access server accepts the Management Server's connections.
      - Needed to register a new client access server.
      - Not to be confused with O(port), the port of the API connection.
    type: int
  thumbprint:
    description:
      - The SHA-1 thumbprint of the client access server's TLS certificate, 40 hexadecimal digits. Spaces,
        colons and case do not matter.
      - Needed to register a new client access server.
    type: str
  pair:
    description:
      - Whether a new certificate is taken over by pairing the client access server with the Management
        Server.
      - V(true) - when the server is new, or O(thumbprint) differs from the registered one, the module sends
        C(PairWithManagementServer) with the server's name, port and new thumbprint, as pairing in the
        Management Console does, instead of only registering the new thumbprint. Use it after the server's
        certificate was renewed.
      - V(false) - the thumbprint is registered with C(CreateClientAccessServer) or
        C(SetClientAccessServerConfiguration), without pairing.
      - A server whose thumbprint is the registered one is never paired again.
    type: bool
    default: false
version_added: 1.0.0
author: mailstore.spe contributors (@mailstore-spe)
extends_documentation_fragment: [mailstore.spe.connection, mailstore.spe.common, mailstore.spe.state, mailstore.spe.resource]
seealso:
  - module: mailstore.spe.spe_client_access_server_info
"""

EXAMPLES = r"""
- name: A second client access server
  mailstore.spe.spe_client_access_server:
    server_name: spe-cas02
    server_port: 8472
    thumbprint: 5E0C1D7A44B29F83E61C07A9D2B5F4183C6E90AB

- name: Its certificate was renewed; pair it again
  mailstore.spe.spe_client_access_server:
    server_name: spe-cas02
    thumbprint: 9A1F3C5E7B2D4F6A8C0E1B3D5F7A9C2E4B6D8F01
    pair: true

- name: Retire it
  mailstore.spe.spe_client_access_server:
    server_name: spe-cas02
    state: absent
"""

RETURN = r"""
client_access_server:
  description:
    - The client access server as it now is, in the module's option names. In check mode, as predicted. An
      empty dictionary after O(state=absent).
  returned: success
  type: dict
  sample:
    server_name: spe-cas02
    server_port: 8472
    thumbprint: 5E0C1D7A44B29F83E61C07A9D2B5F4183C6E90AB
commands: {description: API commands sent in order (check mode - would send; failure - applied then failing)., returned: always, type: list, elements: str}
commands_uncertain: {description: Sent without an answer - the server may have applied it; a re-run converges., returned: on failure, type: list, elements: str}
failed_command: {description: The API command that failed., returned: when an API command failed, type: str}
error: {description: 'Without passwords: kind, command, message, details, http_status, token.', returned: when an API call failed, type: dict}
"""

from ansible_collections.mailstore.spe.plugins.module_utils.declarations.servers import CLIENT_ACCESS_SERVER
from ansible_collections.mailstore.spe.plugins.module_utils.runner import run_module


def main():
    """spe_client_access_server in a module process (MAILSTORE_SPE_EXECUTION=module); in-process, the action plugin runs the same spec."""
    run_module(CLIENT_ACCESS_SERVER.module_spec())


if __name__ == '__main__':
    main()
