#!/usr/bin/python
# Copyright: contributors to mailstore.spe
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
from __future__ import absolute_import, division, print_function

__metaclass__ = type

DOCUMENTATION = r"""
module: spe_compliance_info
short_description: Read the compliance settings of a MailStore SPE instance
description:
  - Reads the legal hold, preview and auditing settings of an instance, in the option names of
    M(mailstore.spe.spe_compliance).
version_added: 1.0.0
author: mailstore.spe contributors (@mailstore-spe)
extends_documentation_fragment: [mailstore.spe.connection, mailstore.spe.common, mailstore.spe.instance, mailstore.spe.info]
seealso:
  - module: mailstore.spe.spe_compliance
"""

EXAMPLES = r"""
- name: Read ACME Corp's compliance settings
  mailstore.spe.spe_compliance_info:
    instance_id: acme
  register: acme_compliance

- name: Say whether the archive is on legal hold
  ansible.builtin.debug:
    msg: "Legal hold: {{ acme_compliance.compliance.legal_hold_enabled }}"
"""

RETURN = r"""
compliance:
  description: The compliance settings.
  returned: success
  type: dict
  sample:
    legal_hold_enabled: false
    admin_email_preview_enabled: true
    log_successful_user_activities: []
failed_command: {description: The API command that failed., returned: when an API command failed, type: str}
error: {description: 'Without passwords: kind, command, message, details, http_status, token.', returned: when an API call failed, type: dict}
"""

from ansible_collections.mailstore.spe.plugins.module_utils.declarations.compliance import COMPLIANCE
from ansible_collections.mailstore.spe.plugins.module_utils.runner import run_module


def main():
    """spe_compliance_info in a module process (MAILSTORE_SPE_EXECUTION=module); in-process, the action plugin runs the same spec."""
    run_module(COMPLIANCE.info_spec())


if __name__ == '__main__':
    main()
