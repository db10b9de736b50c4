#!/usr/bin/python
# Copyright: contributors to mailstore.spe
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
from __future__ import absolute_import, division, print_function

__metaclass__ = type

DOCUMENTATION = r"""
module: spe_instance_host
short_description: Manage the instance hosts of MailStore SPE, their directories and their pairing
description:
  - Registers, changes and removes the instance hosts of a MailStore Service Provider Edition (SPE) system,
    the servers that run the MailStore instances.
  - Makes sure directories exist on an instance host (O(directories)), for example the folders that will
    hold the instances' archive stores.
  - Pairs an instance host with the Management Server when its certificate changed (O(pair)).
  - O(state=absent) refuses, before any change, while instances still live on the host, and names them.
options:
  server_name:
    description:
      - The instance host's server name, which identifies it. Compared without case.
    type: str
    required: true
  server_port:
    description:
      - The TCP port on which the instance host accepts the Management Server's connections.
      - Needed to register a new instance host.
      - Not to be confused with O(port), the port of the API connection.
    type: int
  thumbprint:
    description:
      - The SHA-1 thumbprint of the instance host's TLS certificate, 40 hexadecimal digits. Spaces, colons
        and case do not matter (V(8c 20 36 ...) as a certificate dialog shows it is fine).
      - Needed to register a new instance host.
    type: str
  base_directory:
    description:
      - The directory under which new instances of this host get their data, an absolute path such as
        V(D:\\MailStore\\Instances). Compared as a Windows path (case, C(/) or C(\\), a trailing separator
        do not matter).
    type: str
  directories:
    description:
      - Directories that must exist on the instance host, absolute paths such as V(E:\\Archive\\acme).
        Missing ones are created, with their parents; existing ones are left alone, and directories not
        listed are never removed.
      - Compared as Windows paths (case, C(/) or C(\\), a trailing separator do not matter).
    type: list
    elements: str
  pair:
    description:
      - Whether a new certificate is taken over by pairing the instance host with the Management Server.
      - V(true) - when the instance host is new, or O(thumbprint) differs from the registered one, the
        module sends C(PairWithManagementServer) with the host's name, port and new thumbprint, as pairing
        in the Management Console does, instead of only registering the new thumbprint. Use it after the
        host's certificate was renewed.
      - V(false) - the thumbprint is registered with C(CreateInstanceHost) or
        C(SetInstanceHostConfiguration), without pairing.
      - A host whose thumbprint is the registered one is never paired again.
    type: bool
    default: false
notes:
  - Checking O(directories) costs one C(GetDirectoriesOnInstanceHost) call per directory level on the way
    down from the drive, each level listed once per task.
version_added: 1.0.0
author: mailstore.spe contributors (@mailstore-spe)
extends_documentation_fragment: [mailstore.spe.connection, mailstore.spe.common, mailstore.spe.state, mailstore.spe.resource]
seealso:
  - module: mailstore.spe.spe_instance_host_info
  - module: mailstore.spe.spe_instance
"""

EXAMPLES = r"""
- name: A second instance host, with the folders the archive stores will live in
  mailstore.spe.spe_instance_host:
    server_name: spe-host03
    server_port: 8473
    thumbprint: 3F 2A 91 C4 7E 0B 55 D2 18 6A F0 9C 4B E7 21 83 D5 60 AA 17
    base_directory: D:\MailStore\Instances
    directories:
      - E:\Archive
      - E:\Archive\acme

- name: The host's certificate was renewed; pair it again with the Management Server
  mailstore.spe.spe_instance_host:
    server_name: spe-host03
    thumbprint: 0D5B7E21A9C44F18B3E6027D95A1C8F4E3B7260A
    pair: true

- name: Make sure the folder for a new tenant's stores exists on the first host
  mailstore.spe.spe_instance_host:
    server_name: spe-host01
    directories:
      - E:\Archive\globex

- name: Retire a host that no longer runs instances
  mailstore.spe.spe_instance_host:
    server_name: spe-host03
    state: absent
"""

RETURN = r"""
instance_host:
  description:
    - The instance host as it now is, in the module's option names. In check mode, as predicted. An empty
      dictionary after O(state=absent).
    - C(directories) are those of O(directories) that exist, as the host spells them; present only when the
      task gives O(directories).
  returned: success
  type: dict
  sample:
    server_name: spe-host03
    server_port: 8473
    thumbprint: 3F2A91C47E0B55D2186AF09C4BE72183D560AA17
    base_directory: D:\MailStore\Instances
    directories:
      - E:\Archive
      - E:\Archive\acme
instances:
  description: With O(state=absent), the instances that still live on the host and keep it from being removed.
  returned: when removing the host failed for that reason
  type: list
  elements: str
commands: {description: API commands sent in order (check mode - would send; failure - applied then failing)., returned: always, type: list, elements: str}
commands_uncertain: {description: Sent without an answer - the server may have applied it; a re-run converges., returned: on failure, type: list, elements: str}
failed_command: {description: The API command that failed., returned: when an API command failed, type: str}
error: {description: 'Without passwords: kind, command, message, details, http_status, token.', returned: when an API call failed, type: dict}
"""

from ansible_collections.mailstore.spe.plugins.module_utils.declarations.servers import INSTANCE_HOST
from ansible_collections.mailstore.spe.plugins.module_utils.runner import run_module


def main():
    """spe_instance_host in a module process (MAILSTORE_SPE_EXECUTION=module); in-process, the action plugin runs the same spec."""
    run_module(INSTANCE_HOST.module_spec())


if __name__ == '__main__':
    main()
