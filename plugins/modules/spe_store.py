#!/usr/bin/python
# Copyright: contributors to mailstore.spe
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
from __future__ import absolute_import, division, print_function

__metaclass__ = type

DOCUMENTATION = r"""
module: spe_store
short_description: Manage the archive stores of a MailStore SPE instance
description:
  - Creates, attaches, renames and detaches archive stores of an instance of a MailStore Service Provider
    Edition (SPE) system, sets their requested state and changes their paths.
  - A store is found by its O(name), or by its O(id) (then O(name) renames it).
  - Paths compare the way Windows (where SPE runs) compares them, without regard to case, V(/) or V(\\)
    as separator, and trailing separators.
options:
  name:
    description:
      - The store's name, which identifies it when O(id) is not given.
      - Two stores with that name in the instance are an error; give O(id) to choose one.
      - With O(id), the name the store gets (renaming it).
      - One of O(name) and O(id) is required. A new store needs O(name).
    type: str
  id:
    description:
      - The store's ID, which identifies an existing store.
      - A store with this ID must exist (except with O(state=absent)); an ID cannot be given to a new
        store.
    type: int
  requested_state:
    description:
      - V(current) - like V(normal), and new messages are archived into this store. Only one store of
        an instance is current.
      - V(normal) - the content is available to users and can be changed by those allowed to.
      - V(write_protected) - the content is available to users but cannot be changed (no deleting or moving
        of messages, no renaming or moving of folders).
      - V(disabled) - the store is not in use; the instance still knows it, but its content is not available
        to users.
      - A new store without it gets the server's default.
    type: str
    choices:
      - current
      - normal
      - write_protected
      - disabled
  database_path:
    description:
      - The directory of the store's database (for an existing store to attach, the directory that holds
        its C(MailStoreFileGroup.fdb)).
      - Required to create or attach a store.
      - Changing it on an existing store needs O(allow_path_change=true).
    type: str
  content_path:
    description:
      - The directory of the store's content, if it is kept apart from the database.
      - When not given to a new store, the server derives it from O(database_path).
      - Changing it on an existing store needs O(allow_path_change=true). When only O(database_path) changes,
        the store keeps its current content path.
    type: str
  index_path:
    description:
      - The directory of the store's search indexes, if they are kept apart from the database.
      - When not given to a new store, the server derives it from O(database_path).
      - Changing it on an existing store needs O(allow_path_change=true). When only O(database_path) changes,
        the store keeps its current index path.
    type: str
  attach:
    description:
      - When the store does not exist, attach the existing store found at O(database_path) (C(AttachStore))
        instead of creating a new one (C(CreateStore)).
      - Has no effect on a store that is already part of the instance.
    type: bool
    default: false
  allow_path_change:
    description:
      - Whether the module may change the paths of an existing store.
      - The module does not move any data. Move the data to the new location first; the module then disables
        the store, sets the new paths and restores the requested state.
      - Without it, a path change fails and names the paths that would change.
    type: bool
    default: false
notes:
  - Detaching a store does not delete its data. It can be attached again with O(attach=true).
version_added: 1.0.0
author: mailstore.spe contributors (@mailstore-spe)
extends_documentation_fragment: [mailstore.spe.connection, mailstore.spe.common, mailstore.spe.instance, mailstore.spe.state, mailstore.spe.resource]
seealso:
  - module: mailstore.spe.spe_store_info
  - module: mailstore.spe.spe_instance
"""

EXAMPLES = r"""
- name: Create the store for 2025 and archive into it
  mailstore.spe.spe_store:
    instance_id: acme
    name: Messages 2025
    database_path: E:\Archive\acme\Messages-2025
    requested_state: current

- name: Protect the store of 2024 against changes
  mailstore.spe.spe_store:
    instance_id: acme
    name: Messages 2024
    requested_state: write_protected

- name: Rename the store with ID 3
  mailstore.spe.spe_store:
    instance_id: acme
    id: 3
    name: Messages 2023

- name: Point a store at its new location (the data was moved there beforehand)
  mailstore.spe.spe_store:
    instance_id: acme
    name: Messages 2022
    database_path: F:\Archive\acme\Messages-2022
    content_path: F:\Archive\acme\Messages-2022
    index_path: F:\Archive\acme\Messages-2022
    allow_path_change: true

- name: Attach a store brought over from another system
  mailstore.spe.spe_store:
    instance_id: acme
    name: Imported 2019
    database_path: E:\Import\acme\2019
    attach: true
    requested_state: write_protected

- name: Detach an old store (its data stays on disk)
  mailstore.spe.spe_store:
    instance_id: acme
    name: Messages 2015
    state: absent
  register: detached

- name: Show where the data was left
  ansible.builtin.debug:
    var: detached.data_retained_at
"""

RETURN = r"""
store:
  description:
    - The store as it now is, in the module's option names. In check mode, as predicted.
    - An empty dictionary after O(state=absent).
  returned: success
  type: dict
  sample:
    id: 4
    name: Messages 2025
    requested_state: current
    database_path: E:\Archive\acme\Messages-2025
    content_path: E:\Archive\acme\Messages-2025
    index_path: E:\Archive\acme\Messages-2025
data_retained_at:
  description: The paths of the store's data, which stays on disk after the store was detached.
  returned: when O(state=absent) and the store existed
  type: dict
  contains:
    database_path:
      description: The directory of the store's database.
      type: str
      returned: always
    content_path:
      description: The directory of the store's content.
      type: str
      returned: always
    index_path:
      description: The directory of the store's search indexes.
      type: str
      returned: always
  sample:
    database_path: E:\Archive\acme\Messages-2015
    content_path: E:\Archive\acme\Messages-2015
    index_path: E:\Archive\acme\Messages-2015
changed_fields:
  description: The paths that would change, when a path change is asked for without O(allow_path_change).
  returned: on that failure
  type: list
  elements: str
  sample:
    - database_path
commands: {description: API commands sent in order (check mode - would send; failure - applied then failing)., returned: always, type: list, elements: str}
commands_uncertain: {description: Sent without an answer - the server may have applied it; a re-run converges., returned: on failure, type: list, elements: str}
commands_undone: {description: Sent on failure to put back what the run had changed., returned: when something was undone, type: list, elements: str}
failed_command: {description: The API command that failed., returned: when an API command failed, type: str}
error: {description: 'Without passwords: kind, command, message, details, http_status, token.', returned: when an API call failed, type: dict}
"""

from ansible_collections.mailstore.spe.plugins.module_utils.declarations.store import STORE
from ansible_collections.mailstore.spe.plugins.module_utils.runner import run_module


def main():
    """spe_store in a module process (MAILSTORE_SPE_EXECUTION=module); in-process, the action plugin runs the same spec."""
    run_module(STORE.module_spec())


if __name__ == '__main__':
    main()
