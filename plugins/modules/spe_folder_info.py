#!/usr/bin/python
# Copyright: contributors to mailstore.spe
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
from __future__ import absolute_import, division, print_function

__metaclass__ = type

DOCUMENTATION = r"""
module: spe_folder_info
short_description: Read the archive folder tree of a MailStore SPE instance
description:
  - Lists the child folders of a folder (C(GetChildFolders)), or the root folders (the users' archives),
    and on request their message counts and sizes (C(GetFolderStatistics)).
options:
  folder:
    description:
      - The folder whose children are listed, as a path of names separated by V(/). Without it, the root folders.
    type: str
  max_levels:
    description:
      - How many levels of child folders to list; V(0) lists all levels.
    type: int
    default: 1
  statistics:
    description:
      - Also return the number of messages and the size of O(folder) and of each folder listed, in RV(statistics).
    type: bool
    default: false
version_added: 1.0.0
author: mailstore.spe contributors (@mailstore-spe)
extends_documentation_fragment: [mailstore.spe.connection, mailstore.spe.common, mailstore.spe.instance, mailstore.spe.info]
seealso:
  - module: mailstore.spe.spe_folder
"""

EXAMPLES = r"""
- name: The users' archives of ACME Corp
  mailstore.spe.spe_folder_info:
    instance_id: acme
  register: archives

- name: Every folder in the archive of jdoe, with counts and sizes
  mailstore.spe.spe_folder_info:
    instance_id: acme
    folder: jdoe
    max_levels: 0
    statistics: true
  register: jdoe_folders
"""

RETURN = r"""
folders:
  description: The folders found, each with its path (C(folder)) and its own C(name).
  returned: success
  type: list
  elements: dict
  sample: [{"folder": "jdoe/Inbox", "name": "Inbox"}]
statistics:
  description: The message C(count) and C(size) (bytes) of O(folder) and of each folder in RV(folders), in the folder's own messages.
  returned: with O(statistics=true)
  type: list
  elements: dict
  sample: [{"folder": "jdoe/Inbox", "count": 1200, "size": 73400320}]
failed_command: {description: The API command that failed., returned: when an API command failed, type: str}
error: {description: 'Without passwords: kind, command, message, details, http_status, token.', returned: when an API call failed, type: dict}
"""

from ansible_collections.mailstore.spe.plugins.module_utils.declarations.folder import FOLDER
from ansible_collections.mailstore.spe.plugins.module_utils.runner import run_module


def main():
    """spe_folder_info in a module process (MAILSTORE_SPE_EXECUTION=module); in-process, the action plugin runs the same spec."""
    run_module(FOLDER.module_specs()[FOLDER.module + '_info'])


if __name__ == '__main__':
    main()
