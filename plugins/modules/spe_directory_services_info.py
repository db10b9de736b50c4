#!/usr/bin/python
# Copyright: contributors to mailstore.spe
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
from __future__ import absolute_import, division, print_function

__metaclass__ = type

DOCUMENTATION = r"""
module: spe_directory_services_info
short_description: Read the directory services configuration of a MailStore SPE instance
description:
  - Reads the directory services configuration of an instance in the option names of
    M(mailstore.spe.spe_directory_services); keys the module does not manage are returned in snake_case.
  - The bind password is never returned (the API serves it as null).
version_added: 1.0.0
author: mailstore.spe contributors (@mailstore-spe)
extends_documentation_fragment: [mailstore.spe.connection, mailstore.spe.common, mailstore.spe.instance, mailstore.spe.info]
seealso:
  - module: mailstore.spe.spe_directory_services
"""

EXAMPLES = r"""
- name: Read where ACME Corp's users come from
  mailstore.spe.spe_directory_services_info:
    instance_id: acme
  register: acme_directory

- name: Show the directory type
  ansible.builtin.debug:
    msg: "Directory: {{ acme_directory.directory_services.type }}"
"""

RETURN = r"""
directory_services:
  description: The directory services configuration, without the password.
  returned: success
  type: dict
  sample: {type: none}
failed_command: {description: The API command that failed., returned: when an API command failed, type: str}
error: {description: 'Without passwords: kind, command, message, details, http_status, token.', returned: when an API call failed, type: dict}
"""

from ansible_collections.mailstore.spe.plugins.module_utils.declarations.directory_services import DIRECTORY_SERVICES
from ansible_collections.mailstore.spe.plugins.module_utils.runner import run_module


def main():
    """spe_directory_services_info in a module process (MAILSTORE_SPE_EXECUTION=module); in-process, the action plugin runs the same spec."""
    run_module(DIRECTORY_SERVICES.info_spec())


if __name__ == '__main__':
    main()
