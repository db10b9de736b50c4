#!/usr/bin/python
# Copyright: contributors to mailstore.spe
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
from __future__ import absolute_import, division, print_function

__metaclass__ = type

DOCUMENTATION = r"""
module: spe_store_info
short_description: Read the archive stores of a MailStore SPE instance
description:
  - Lists the archive stores of an instance of a MailStore Service Provider Edition (SPE) system, with
    their requested state, paths and, optionally, their size.
options:
  name:
    description:
      - Only the stores with this name.
    type: str
  id:
    description:
      - Only the store with this ID.
    type: int
  include_size:
    description:
      - Whether the server computes the size and message count of each store (C(statistics_size), C(statistics_count)),
        which takes longer.
    type: bool
    default: false
version_added: 1.0.0
author: mailstore.spe contributors (@mailstore-spe)
extends_documentation_fragment: [mailstore.spe.connection, mailstore.spe.common, mailstore.spe.instance, mailstore.spe.info]
seealso:
  - module: mailstore.spe.spe_store
"""

EXAMPLES = r"""
- name: Read the stores of ACME Corp with their sizes
  mailstore.spe.spe_store_info:
    instance_id: acme
    include_size: true
  register: acme_stores

- name: Show the current store
  ansible.builtin.debug:
    msg: '{{ acme_stores.stores | selectattr(''requested_state'', ''eq'', ''current'') | map(attribute=''name'')
      | first }}'

- name: Read one store by its name
  mailstore.spe.spe_store_info:
    instance_id: acme
    name: Messages 2024
  register: store_2024
"""

RETURN = r"""
stores:
  description:
    - The stores found, each with the option names of M(mailstore.spe.spe_store) and every other key the
      API returns, in snake_case.
  returned: success
  type: list
  elements: dict
  sample:
    - id: 4
      name: Messages 2025
      requested_state: current
      database_path: E:\Archive\acme\Messages-2025
      content_path: E:\Archive\acme\Messages-2025
      index_path: E:\Archive\acme\Messages-2025
      error: null
      search_indexes_need_rebuild: false
      needs_upgrade: false
      statistics_size: 1073741824
      statistics_count: 52340
failed_command: {description: The API command that failed., returned: when an API command failed, type: str}
error: {description: 'Without passwords: kind, command, message, details, http_status, token.', returned: when an API call failed, type: dict}
"""

from ansible_collections.mailstore.spe.plugins.module_utils.declarations.store import STORE
from ansible_collections.mailstore.spe.plugins.module_utils.runner import run_module


def main():
    """spe_store_info in a module process (MAILSTORE_SPE_EXECUTION=module); in-process, the action plugin runs the same spec."""
    run_module(STORE.info_spec())


if __name__ == '__main__':
    main()
