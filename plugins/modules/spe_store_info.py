#!/usr/bin/python
# Copyright: contributors to mailstore.spe
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
from __future__ import absolute_import, division, print_function

__metaclass__ = type

DOCUMENTATION = r"""
module: spe_store_info
short_description: Read the archive stores of a MailStore SPE instance
description:
  - Lists the archive stores of an instance of a MailStore Service Provider Edition (SPE)
    system, with their requested state, paths and, optionally, their size.
  - Read-only. Reports C(changed=false), and reads in check mode too.
  - The output uses the option names of M(mailstore.spe.spe_store) for what that module manages, so
    it can be fed back into it, plus every other key the API returns, in snake_case.
  - A failing API call fails the task with the server's message (RV(msg), RV(error)).
version_added: 0.1.0
author:
  - mailstore.spe contributors (@mailstore-spe)
options:
  instance_id:
    description:
      - The ID of the instance.
      - The instance must run and give the service provider archive admin access (see
        M(mailstore.spe.spe_instance) O(mailstore.spe.spe_instance#module:service_provider_access)).
    type: str
    required: true
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
      - Whether the server computes the size and message count of each store
        (C(statistics_size), C(statistics_count)), which takes longer.
    type: bool
    default: false
extends_documentation_fragment:
  - mailstore.spe.connection
  - ansible.builtin.action_common_attributes
  - ansible.builtin.action_common_attributes.flow
  - mailstore.spe.attributes
attributes:
  check_mode:
    support: full
    details:
      - Reads in check mode too.
  diff_mode:
    support: none
seealso:
  - module: mailstore.spe.spe_store
  - name: MailStore SPE Management API
    description: The vendor's description of the API and its commands.
    link: https://help.mailstore.com/en/spe/Management_API_-_Function_Reference
"""

EXAMPLES = r"""
- name: Read archive stores
  module_defaults:
    group/mailstore.spe.spe:
      server: spe.example.com
      username: admin
      password: "{{ spe_api_password }}"
  block:
    - name: Read the stores of ACME Corp with their sizes
      mailstore.spe.spe_store_info:
        instance_id: acme
        include_size: true
      register: acme_stores

    - name: Show the current store
      ansible.builtin.debug:
        msg: "{{ acme_stores.stores | selectattr('requested_state', 'eq', 'current') | map(attribute='name') | first }}"

    - name: Read one store by its name
      mailstore.spe.spe_store_info:
        instance_id: acme
        name: Messages 2024
      register: store_2024
"""

RETURN = r"""
stores:
  description:
    - The stores found, each with the option names of M(mailstore.spe.spe_store) and every
      other key the API returns, in snake_case.
  returned: success
  type: list
  elements: dict
  sample:
    - id: 4
      name: Messages 2025
      requested_state: current
      database_path: 'E:\Archive\acme\Messages-2025'
      content_path: 'E:\Archive\acme\Messages-2025'
      index_path: 'E:\Archive\acme\Messages-2025'
      error: null
      search_indexes_need_rebuild: false
      needs_upgrade: false
      statistics_size: 1073741824
      statistics_count: 52340
msg:
  description: What went wrong.
  returned: on failure
  type: str
  sample: "Reading archive stores failed: GetStores: Instance not found."
error:
  description: The error of the failing API call, without any password.
  returned: when an API call failed
  type: dict
  contains:
    kind:
      description: V(failed), V(http), V(transport), V(timeout), V(cancelled) or V(auth).
      type: str
      returned: always
    command:
      description: The command that failed.
      type: str
      returned: always
    message:
      description: The server's error message, or the client's.
      type: str
      returned: always
    details:
      description: The server's error details, or the underlying exception.
      type: str
      returned: always
    http_status:
      description: The HTTP status, when the server answered.
      type: int
      returned: always
    token:
      description: The token of the command, for timeouts of asynchronous commands.
      type: str
      returned: when known
"""

from ansible_collections.mailstore.spe.plugins.module_utils.info import STORE_INFO
from ansible_collections.mailstore.spe.plugins.module_utils.runner import run_module


def main():
    run_module(STORE_INFO)


if __name__ == '__main__':
    main()
