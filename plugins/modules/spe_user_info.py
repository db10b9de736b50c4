#!/usr/bin/python
# Copyright: contributors to mailstore.spe
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
from __future__ import absolute_import, division, print_function

__metaclass__ = type

DOCUMENTATION = r"""
module: spe_user_info
short_description: Read the users of a MailStore SPE instance
description:
  - Reads users of an instance of a MailStore Service Provider Edition (SPE) system with all their details,
    privileges and folder access included.
  - Passwords are never returned (the API does not return them).
options:
  user_name:
    description:
      - The one user to read. The task fails when the user does not exist.
      - Without it, every user of the instance is read (one API call per user).
    type: str
version_added: 1.0.0
author: mailstore.spe contributors (@mailstore-spe)
extends_documentation_fragment: [mailstore.spe.connection, mailstore.spe.common, mailstore.spe.instance, mailstore.spe.info]
seealso:
  - module: mailstore.spe.spe_user
"""

EXAMPLES = r"""
- name: Read every user of ACME Corp
  mailstore.spe.spe_user_info:
    instance_id: acme
  register: acme_users

- name: List the administrators
  ansible.builtin.debug:
    msg: '{{ acme_users.users | selectattr(''privileges'', ''contains'', ''admin'') | map(attribute=''user_name'')
      | list }}'

- name: Read jdoe
  mailstore.spe.spe_user_info:
    instance_id: acme
    user_name: jdoe
  register: jdoe_info
"""

RETURN = r"""
users:
  description:
    - The users, each with the option names of M(mailstore.spe.spe_user) and every other key the API returns,
      in snake_case.
  returned: success
  type: list
  elements: dict
  sample:
    - user_name: jdoe
      full_name: John Doe
      distinguished_name: null
      authentication: integrated
      email_addresses:
        - john.doe@acme.example
      pop3_user_names: []
      privileges:
        - login
        - change_password
        - export
      folder_access:
        - folder: jdoe
          privileges:
            - read
            - write
      privileges_on_folders:
        - folder: jdoe
          privileges:
            - read
            - write
failed_command: {description: The API command that failed., returned: when an API command failed, type: str}
error: {description: 'Without passwords: kind, command, message, details, http_status, token.', returned: when an API call failed, type: dict}
"""

from ansible_collections.mailstore.spe.plugins.module_utils.declarations.user import USER
from ansible_collections.mailstore.spe.plugins.module_utils.runner import run_module


def main():
    """spe_user_info in a module process (MAILSTORE_SPE_EXECUTION=module); in-process, the action plugin runs the same spec."""
    run_module(USER.info_spec())


if __name__ == '__main__':
    main()
