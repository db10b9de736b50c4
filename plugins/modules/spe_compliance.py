#!/usr/bin/python
# Copyright: contributors to mailstore.spe
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
from __future__ import absolute_import, division, print_function

__metaclass__ = type

DOCUMENTATION = r"""
module: spe_compliance
short_description: Manage the compliance settings of a MailStore SPE instance
description:
  - Sets the legal hold, the administrators' preview of e-mails, and which successful user activities
    the instance's auditing logs.
  - The settings always exist; the module changes only those the task sets.
options:
  legal_hold_enabled:
    description:
      - Whether legal hold is on. While it is on, nothing can be deleted from the archive, by users or
        by retention policies.
    type: bool
  admin_email_preview_enabled:
    description:
      - Whether administrators may preview the content of archived e-mails.
    type: bool
  log_successful_user_activities:
    description:
      - The successful user activities the auditing log records, all of them. Compared as a set.
      - V([]) logs none.
    type: list
    elements: str
    choices:
      - AdminRestored
      - ComplianceChangeSettings
      - FileGroupAttach
      - FileGroupCreate
      - FileGroupDetach
      - FileGroupRename
      - FileGroupSetProperties
      - FileGroupSetRequestedState
      - ProfileChangeUserName
      - UserAdd
      - UserDelete
      - UserRename
      - UserSetFolderAccess
      - UserSetMappings
      - UserUpdate
version_added: 1.0.0
author: mailstore.spe contributors (@mailstore-spe)
extends_documentation_fragment: [mailstore.spe.connection, mailstore.spe.common, mailstore.spe.instance, mailstore.spe.resource]
seealso:
  - module: mailstore.spe.spe_compliance_info
"""

EXAMPLES = r"""
- name: Put ACME Corp's archive on legal hold and audit changes to users and stores
  mailstore.spe.spe_compliance:
    instance_id: acme
    legal_hold_enabled: true
    admin_email_preview_enabled: false
    log_successful_user_activities: [UserAdd, UserDelete, UserRename, FileGroupCreate, FileGroupDetach]

- name: Lift the legal hold, leaving the other settings as they are
  mailstore.spe.spe_compliance:
    instance_id: acme
    legal_hold_enabled: false
"""

RETURN = r"""
compliance:
  description: The compliance settings as they now are (in check mode, as predicted).
  returned: success
  type: dict
  sample:
    legal_hold_enabled: true
    admin_email_preview_enabled: false
    log_successful_user_activities: [FileGroupCreate, UserAdd]
commands: {description: API commands sent in order (check mode - would send; failure - applied then failing)., returned: always, type: list, elements: str}
commands_uncertain: {description: Sent without an answer - the server may have applied it; a re-run converges., returned: on failure, type: list, elements: str}
failed_command: {description: The API command that failed., returned: when an API command failed, type: str}
error: {description: 'Without passwords: kind, command, message, details, http_status, token.', returned: when an API call failed, type: dict}
"""

from ansible_collections.mailstore.spe.plugins.module_utils.declarations.compliance import COMPLIANCE
from ansible_collections.mailstore.spe.plugins.module_utils.runner import run_module


def main():
    """spe_compliance in a module process (MAILSTORE_SPE_EXECUTION=module); in-process, the action plugin runs the same spec."""
    run_module(COMPLIANCE.module_spec())


if __name__ == '__main__':
    main()
