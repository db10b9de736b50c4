#!/usr/bin/python
# Copyright: contributors to mailstore.spe
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
from __future__ import absolute_import, division, print_function

__metaclass__ = type

DOCUMENTATION = r"""
module: spe_search_index_info
short_description: Read the search index configuration of a MailStore SPE instance
description:
  - Reads which attachment file types an instance's search index covers, in the option names of
    M(mailstore.spe.spe_search_index).
version_added: 1.0.0
author: mailstore.spe contributors (@mailstore-spe)
extends_documentation_fragment: [mailstore.spe.connection, mailstore.spe.common, mailstore.spe.instance, mailstore.spe.info]
seealso:
  - module: mailstore.spe.spe_search_index
"""

EXAMPLES = r"""
- name: Read ACME Corp's search index configuration
  mailstore.spe.spe_search_index_info:
    instance_id: acme
  register: acme_index

- name: Say whether PDF attachments are indexed
  ansible.builtin.debug:
    msg: "PDF indexed: {{ 'pdf' in acme_index.search_index.attachment_file_types }}"
"""

RETURN = r"""
search_index:
  description: The search index configuration.
  returned: success
  type: dict
  sample: {attachment_file_types: [doc, docx, pdf, txt]}
failed_command: {description: The API command that failed., returned: when an API command failed, type: str}
error: {description: 'Without passwords: kind, command, message, details, http_status, token.', returned: when an API call failed, type: dict}
"""

from ansible_collections.mailstore.spe.plugins.module_utils.declarations.search_index import SEARCH_INDEX
from ansible_collections.mailstore.spe.plugins.module_utils.runner import run_module


def main():
    """spe_search_index_info in a module process (MAILSTORE_SPE_EXECUTION=module); in-process, the action plugin runs the same spec."""
    run_module(SEARCH_INDEX.info_spec())


if __name__ == '__main__':
    main()
