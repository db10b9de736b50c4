#!/usr/bin/python
# Copyright: contributors to mailstore.spe
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
from __future__ import absolute_import, division, print_function

__metaclass__ = type

DOCUMENTATION = r"""
module: spe_instance_host_info
short_description: Read the instance hosts of MailStore SPE
description:
  - Lists the instance hosts of a MailStore Service Provider Edition (SPE) system with their port,
    certificate thumbprint and base directory.
options:
  server_name:
    description:
      - Only the instance host with this server name (compared without case).
    type: str
version_added: 1.0.0
author: mailstore.spe contributors (@mailstore-spe)
extends_documentation_fragment: [mailstore.spe.connection, mailstore.spe.common, mailstore.spe.info]
seealso:
  - module: mailstore.spe.spe_instance_host
"""

EXAMPLES = r"""
- name: Read every instance host
  mailstore.spe.spe_instance_host_info:
  register: hosts

- name: Their names
  ansible.builtin.debug:
    msg: "{{ hosts.instance_hosts | map(attribute='server_name') }}"

- name: Read one instance host
  mailstore.spe.spe_instance_host_info:
    server_name: spe-host01
  register: host01
"""

RETURN = r"""
instance_hosts:
  description:
    - The instance hosts found, with the option names of M(mailstore.spe.spe_instance_host).
  returned: success
  type: list
  elements: dict
  sample:
    - server_name: spe-host01
      server_port: 8473
      thumbprint: 8C2036A099692DDA2E11C1F1D922C9127C89CECC
      base_directory: C:\MailStore SPE\Instances
failed_command: {description: The API command that failed., returned: when an API command failed, type: str}
error: {description: 'Without passwords: kind, command, message, details, http_status, token.', returned: when an API call failed, type: dict}
"""

from ansible_collections.mailstore.spe.plugins.module_utils.declarations.servers import INSTANCE_HOST
from ansible_collections.mailstore.spe.plugins.module_utils.runner import run_module


def main():
    """spe_instance_host_info in a module process (MAILSTORE_SPE_EXECUTION=module); in-process, the action plugin runs the same spec."""
    run_module(INSTANCE_HOST.info_spec())


if __name__ == '__main__':
    main()
