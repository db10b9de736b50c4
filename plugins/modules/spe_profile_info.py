#!/usr/bin/python
# Copyright: contributors to mailstore.spe
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
from __future__ import absolute_import, division, print_function

__metaclass__ = type

DOCUMENTATION = r"""
module: spe_profile_info
short_description: Read the archiving and export profiles of a MailStore SPE instance
description:
  - Reads the profiles of an instance (GetProfiles with C(raw=true)), or the one named O(name), in the
    option names of M(mailstore.spe.spe_profile). Passwords are never returned.
options:
  name:
    description:
      - Only the profile with this name.
    type: str
version_added: 1.0.0
author: mailstore.spe contributors (@mailstore-spe)
extends_documentation_fragment: [mailstore.spe.connection, mailstore.spe.common, mailstore.spe.instance, mailstore.spe.info]
seealso:
  - module: mailstore.spe.spe_profile
"""

EXAMPLES = r"""
- name: Read ACME Corp's profiles
  mailstore.spe.spe_profile_info:
    instance_id: acme
  register: acme_profiles

- name: List their names and ids
  ansible.builtin.debug:
    msg: "{{ acme_profiles.profiles | items2dict(key_name='name', value_name='id') }}"
"""

RETURN = r"""
profiles:
  description: The profiles.
  returned: success
  type: list
  elements: dict
  sample:
    - name: Shared mailbox
      id: 3
      properties: {type: archive, connector: imap, owner: admin, details: {server: imap.acme.example}}
      automatic: false
      pause_between_executions: 0
      maintenance_windows: []
failed_command: {description: The API command that failed., returned: when an API command failed, type: str}
error: {description: 'Without passwords: kind, command, message, details, http_status, token.', returned: when an API call failed, type: dict}
"""

from ansible_collections.mailstore.spe.plugins.module_utils.declarations.profile import PROFILE
from ansible_collections.mailstore.spe.plugins.module_utils.runner import run_module


def main():
    """spe_profile_info in a module process (MAILSTORE_SPE_EXECUTION=module); in-process, the action plugin runs the same spec."""
    run_module(PROFILE.info_spec())


if __name__ == '__main__':
    main()
