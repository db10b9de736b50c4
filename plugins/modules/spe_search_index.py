#!/usr/bin/python
# Copyright: contributors to mailstore.spe
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
from __future__ import absolute_import, division, print_function

__metaclass__ = type

DOCUMENTATION = r"""
module: spe_search_index
short_description: Manage the search index configuration of a MailStore SPE instance
description:
  - Sets which attachment file types an instance's full-text search index covers, and on request
    rebuilds the search indexes of all its archive stores after a change, so that archived mail is
    indexed by the new rules.
  - The configuration always exists; the module changes only the options the task sets.
options:
  attachment_file_types:
    description:
      - The file types whose attachments are indexed, all of them, such as V(pdf) or V(docx). Compared
        as a set of extensions, without case and without a leading dot.
      - V([]) indexes no attachment.
    type: list
    elements: str
  rebuild:
    description:
      - V(on_change) selects every store's index for a rebuild (SelectAllStoreIndexesForRebuild) and
        rebuilds them (RebuildSelectedStoreIndexes) after this task changed the configuration. The rebuild
        is a long-running operation; the task waits for it up to O(wait_timeout).
      - V(never) leaves the existing indexes as they are; new mail is indexed by the new rules.
    type: str
    choices: [never, on_change]
    default: never
  wait_timeout:
    description:
      - How many seconds the task waits for the rebuild before it fails (the rebuild goes on in the server).
    type: int
    default: 3600
version_added: 1.0.0
author: mailstore.spe contributors (@mailstore-spe)
extends_documentation_fragment: [mailstore.spe.connection, mailstore.spe.common, mailstore.spe.instance, mailstore.spe.resource]
seealso:
  - module: mailstore.spe.spe_search_index_info
"""

EXAMPLES = r"""
- name: Index ACME Corp's PDF, Office and text attachments, and rebuild the indexes when that changes
  mailstore.spe.spe_search_index:
    instance_id: acme
    attachment_file_types: [pdf, doc, docx, xls, xlsx, ppt, pptx, txt]
    rebuild: on_change
"""

RETURN = r"""
search_index:
  description: The search index configuration as it now is (in check mode, as predicted).
  returned: success
  type: dict
  sample:
    attachment_file_types: [pdf, docx, txt]
rebuilt_stores:
  description: The ids of the archive stores whose indexes were rebuilt.
  returned: when the indexes were rebuilt (O(rebuild=on_change) and a change, not in check mode)
  type: list
  elements: int
  sample: [1, 2]
commands: {description: API commands sent in order (check mode - would send; failure - applied then failing)., returned: always, type: list, elements: str}
commands_uncertain: {description: Sent without an answer - the server may have applied it; a re-run converges., returned: on failure, type: list, elements: str}
failed_command: {description: The API command that failed., returned: when an API command failed, type: str}
error: {description: 'Without passwords: kind, command, message, details, http_status, token.', returned: when an API call failed, type: dict}
"""

from ansible_collections.mailstore.spe.plugins.module_utils.declarations.search_index import SEARCH_INDEX
from ansible_collections.mailstore.spe.plugins.module_utils.runner import run_module


def main():
    """spe_search_index in a module process (MAILSTORE_SPE_EXECUTION=module); in-process, the action plugin runs the same spec."""
    run_module(SEARCH_INDEX.module_spec())


if __name__ == '__main__':
    main()
