#!/usr/bin/python
# Copyright: contributors to mailstore.spe
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
from __future__ import absolute_import, division, print_function

__metaclass__ = type

DOCUMENTATION = r"""
module: spe_system_administrator_info
short_description: Read the system administrators of MailStore SPE and their MFA status
description:
  - Lists the system administrators of a MailStore Service Provider Edition (SPE) system with their full
    name, e-mail address and multi-factor authentication status.
options:
  user_name:
    description:
      - Only the administrator with this user name (compared without case).
    type: str
version_added: 1.0.0
author: mailstore.spe contributors (@mailstore-spe)
extends_documentation_fragment: [mailstore.spe.connection, mailstore.spe.common, mailstore.spe.info]
seealso:
  - module: mailstore.spe.spe_system_administrator
"""

EXAMPLES = r"""
- name: Read every system administrator
  mailstore.spe.spe_system_administrator_info:
  register: admins

- name: Administrators who have not completed their MFA set-up
  ansible.builtin.debug:
    msg: "{{ admins.system_administrators | selectattr('mfa_status', 'eq', 'pending') | map(attribute='user_name') }}"

- name: Read one administrator
  mailstore.spe.spe_system_administrator_info:
    user_name: jdoe
  register: jdoe
"""

RETURN = r"""
system_administrators:
  description:
    - The administrators found, with the option names of M(mailstore.spe.spe_system_administrator).
    - C(mfa_status) is the status the API shows (V(disabled), V(pending), V(active)); C(mfa) is V(inactive)
      for V(disabled), V(active) otherwise.
  returned: success
  type: list
  elements: dict
  sample:
    - user_name: admin
      full_name: null
      email_address: null
      mfa: inactive
      mfa_status: disabled
    - user_name: ops-alice
      full_name: Alice Operator
      email_address: alice@provider.example
      mfa: active
      mfa_status: pending
failed_command: {description: The API command that failed., returned: when an API command failed, type: str}
error: {description: 'Without passwords: kind, command, message, details, http_status, token.', returned: when an API call failed, type: dict}
"""

from ansible_collections.mailstore.spe.plugins.module_utils.declarations.system_administrator import (
    SYSTEM_ADMINISTRATOR,
)
from ansible_collections.mailstore.spe.plugins.module_utils.runner import run_module


def main():
    """spe_system_administrator_info in a module process (MAILSTORE_SPE_EXECUTION=module); in-process, the action plugin runs the same spec."""
    run_module(SYSTEM_ADMINISTRATOR.info_spec())


if __name__ == '__main__':
    main()
