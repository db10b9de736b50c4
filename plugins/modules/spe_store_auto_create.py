#!/usr/bin/python
# Copyright: contributors to mailstore.spe
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
from __future__ import absolute_import, division, print_function

__metaclass__ = type

DOCUMENTATION = r"""
module: spe_store_auto_create
short_description: Manage the automatic creation of archive stores of a MailStore SPE instance
description:
  - Sets when an instance creates a new archive store by itself (the current store reached a size) and
    where it puts it.
  - The configuration always exists; the module changes only the options the task sets.
  - Directories are Windows paths and compare as M(mailstore.spe.spe_store) compares them, without case,
    C(/) and C(\) alike, without a trailing separator.
options:
  size_threshold:
    description:
      - The size of the current store at which a new one is created, a number with an optional unit
        (B, KB, MB, GB, TB), such as V(50GB) or V(51200 MB). Sizes compare by value (V(50GB) is V(51200 MB)).
      - V("") turns the automatic creation off (the API's null).
    type: str
  base_directory:
    description:
      - The directory in which new stores are created.
    type: str
  content_base_directory:
    description:
      - The directory for the content of new stores, when it is not the O(base_directory).
    type: str
  index_base_directory:
    description:
      - The directory for the search indexes of new stores, when it is not the O(base_directory).
    type: str
version_added: 1.0.0
author: mailstore.spe contributors (@mailstore-spe)
extends_documentation_fragment: [mailstore.spe.connection, mailstore.spe.common, mailstore.spe.instance, mailstore.spe.resource]
seealso:
  - module: mailstore.spe.spe_store_auto_create_info
  - module: mailstore.spe.spe_store
"""

EXAMPLES = r"""
- name: Have ACME Corp's instance start a new archive store at 50 GB, on its archive drive
  mailstore.spe.spe_store_auto_create:
    instance_id: acme
    size_threshold: 50GB
    base_directory: D:\MailStore\acme\Stores
    content_base_directory: ""
    index_base_directory: E:\MailStore\acme\Indexes

- name: Turn the automatic creation off
  mailstore.spe.spe_store_auto_create:
    instance_id: acme
    size_threshold: ""
"""

RETURN = r"""
store_auto_create:
  description: The configuration as it now is (in check mode, as predicted).
  returned: success
  type: dict
  sample:
    size_threshold: 50GB
    base_directory: D:\MailStore\acme\Stores
    content_base_directory: ""
    index_base_directory: E:\MailStore\acme\Indexes
commands: {description: API commands sent in order (check mode - would send; failure - applied then failing)., returned: always, type: list, elements: str}
commands_uncertain: {description: Sent without an answer - the server may have applied it; a re-run converges., returned: on failure, type: list, elements: str}
failed_command: {description: The API command that failed., returned: when an API command failed, type: str}
error: {description: 'Without passwords: kind, command, message, details, http_status, token.', returned: when an API call failed, type: dict}
"""

from ansible_collections.mailstore.spe.plugins.module_utils.declarations.store_auto_create import STORE_AUTO_CREATE
from ansible_collections.mailstore.spe.plugins.module_utils.runner import run_module


def main():
    """spe_store_auto_create in a module process (MAILSTORE_SPE_EXECUTION=module); in-process, the action plugin runs the same spec."""
    run_module(STORE_AUTO_CREATE.module_spec())


if __name__ == '__main__':
    main()
