#!/usr/bin/python
# Copyright: contributors to mailstore.spe
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
from __future__ import absolute_import, division, print_function

__metaclass__ = type

DOCUMENTATION = r"""
module: spe_folder
short_description: Move archive folders, delete empty ones, clear a user's folder access in a MailStore SPE instance
description:
  - Works on the archive folder tree of an instance. Folders are made by archiving; this module moves
    them (O(move_to)), deletes the empty ones (O(delete_empty)) and clears the access a user has to
    folders (O(clear_privileges_of)). Exactly one of the three per task.
  - Each is idempotent. A folder whose target exists while the folder itself does not was moved
    already - nothing to do. When no folder is empty, or the user has no folder access, nothing is sent.
options:
  folder:
    description:
      - The folder to move (with O(move_to)), as a path of names separated by V(/), for example V(jdoe/Inbox).
      - With O(delete_empty), the entry point - only folders below it are deleted. Without it, folders
        below every root folder; root folders (the users' archives) are never deleted.
    type: str
  move_to:
    description:
      - Move O(folder), with its subfolders, to this path (C(MoveFolder)). The parent of the path must exist.
      - When both O(folder) and O(move_to) exist, or neither, the task fails without a change.
    type: str
  delete_empty:
    description:
      - Delete the folders whose subtree holds no messages (C(DeleteEmptyFolders)). The folders deleted
        (in check mode, those that would be) are returned in RV(deleted_folders).
    type: bool
    default: false
  clear_privileges_of:
    description:
      - Remove all access of this user to archive folders (C(ClearUserPrivilegesOnFolders)). The access
        removed is returned in RV(cleared).
    type: str
attributes:
  check_mode:
    description: Can run in check mode and return changed status prediction without modifying the target.
    support: full
    details:
      - Predicts the command (RV(commands)) and, for O(delete_empty), the folders deleted; writes nothing.
  diff_mode:
    description: Will return details on what has changed (or possibly needs changing in check mode), when in diff mode.
    support: full
    details:
      - The folder's path before and after a move, the empty folders, the user's folder access.
  async:
    description: Supports being used with the C(async) keyword.
    support: none
version_added: 1.0.0
author: mailstore.spe contributors (@mailstore-spe)
extends_documentation_fragment: [mailstore.spe.connection, mailstore.spe.common, mailstore.spe.instance]
seealso:
  - module: mailstore.spe.spe_folder_info
  - module: mailstore.spe.spe_user
"""

EXAMPLES = r"""
- name: Move the projects folder of jdoe into the archive of asmith (nothing to do once moved)
  mailstore.spe.spe_folder:
    instance_id: acme
    folder: jdoe/Projects
    move_to: asmith/Projects from jdoe

- name: Delete the empty folders in the archive of asmith
  mailstore.spe.spe_folder:
    instance_id: acme
    folder: asmith
    delete_empty: true
  register: cleanup

- name: Delete the empty folders of every archive
  mailstore.spe.spe_folder:
    instance_id: acme
    delete_empty: true

- name: Take away all folder access of a user who changed departments
  mailstore.spe.spe_folder:
    instance_id: acme
    clear_privileges_of: bsmith
"""

RETURN = r"""
deleted_folders:
  description: With O(delete_empty), the folders deleted (in check mode, that would be).
  returned: when O(delete_empty) deleted folders
  type: list
  elements: str
  sample: ["asmith/Old", "asmith/Old/2019"]
cleared:
  description: With O(clear_privileges_of), the folder access the user had.
  returned: when access was cleared
  type: list
  elements: dict
  sample: [{"folder": "jdoe", "privileges": ["read"]}]
commands: {description: API commands sent in order (check mode - would send; failure - applied then failing)., returned: always, type: list, elements: str}
commands_uncertain: {description: Sent without an answer - the server may have applied it; a re-run converges., returned: on failure, type: list, elements: str}
failed_command: {description: The API command that failed., returned: when an API command failed, type: str}
error: {description: 'Without passwords: kind, command, message, details, http_status, token.', returned: when an API call failed, type: dict}
"""

from ansible_collections.mailstore.spe.plugins.module_utils.declarations.folder import FOLDER
from ansible_collections.mailstore.spe.plugins.module_utils.runner import run_module


def main():
    """spe_folder in a module process (MAILSTORE_SPE_EXECUTION=module); in-process, the action plugin runs the same spec."""
    run_module(FOLDER.module_specs()[FOLDER.module])


if __name__ == '__main__':
    main()
