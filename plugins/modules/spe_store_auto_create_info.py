#!/usr/bin/python
# Copyright: contributors to mailstore.spe
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
from __future__ import absolute_import, division, print_function

__metaclass__ = type

DOCUMENTATION = r"""
module: spe_store_auto_create_info
short_description: Read the automatic creation of archive stores of a MailStore SPE instance
description:
  - Reads when and where an instance creates new archive stores, in the option names of
    M(mailstore.spe.spe_store_auto_create). A null O(mailstore.spe.spe_store_auto_create#module:size_threshold) means off.
version_added: 1.0.0
author: mailstore.spe contributors (@mailstore-spe)
extends_documentation_fragment: [mailstore.spe.connection, mailstore.spe.common, mailstore.spe.instance, mailstore.spe.info]
seealso:
  - module: mailstore.spe.spe_store_auto_create
"""

EXAMPLES = r"""
- name: Read ACME Corp's store auto-creation
  mailstore.spe.spe_store_auto_create_info:
    instance_id: acme
  register: acme_auto_create

- name: Say whether stores are created automatically
  ansible.builtin.debug:
    msg: "Threshold: {{ acme_auto_create.store_auto_create.size_threshold | default('off', true) }}"
"""

RETURN = r"""
store_auto_create:
  description: The configuration.
  returned: success
  type: dict
  sample: {size_threshold: null, base_directory: "", content_base_directory: "", index_base_directory: ""}
failed_command: {description: The API command that failed., returned: when an API command failed, type: str}
error: {description: 'Without passwords: kind, command, message, details, http_status, token.', returned: when an API call failed, type: dict}
"""

from ansible_collections.mailstore.spe.plugins.module_utils.declarations.store_auto_create import STORE_AUTO_CREATE
from ansible_collections.mailstore.spe.plugins.module_utils.runner import run_module


def main():
    """spe_store_auto_create_info in a module process (MAILSTORE_SPE_EXECUTION=module); in-process, the action plugin runs the same spec."""
    run_module(STORE_AUTO_CREATE.info_spec())


if __name__ == '__main__':
    main()
