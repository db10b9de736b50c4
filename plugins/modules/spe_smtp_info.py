#!/usr/bin/python
# Copyright: contributors to mailstore.spe
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
from __future__ import absolute_import, division, print_function

__metaclass__ = type

DOCUMENTATION = r"""
module: spe_smtp_info
short_description: Read the SMTP settings of a MailStore SPE instance or of the whole system
description:
  - Reads the SMTP settings a MailStore Service Provider Edition (SPE) system sends its e-mail notifications
    with. With O(instance_id), the settings of that instance; without it, the system-wide settings.
  - The password is never returned. The SMTP user name is returned as C(smtp_username), the option name
    of M(mailstore.spe.spe_smtp), and as C(username), the API's name.
options:
  instance_id:
    description:
      - The ID of the instance whose settings are read. Without it, the system-wide settings.
      - The instance must run and give the service provider archive admin access (see M(mailstore.spe.spe_instance)
        O(mailstore.spe.spe_instance#module:service_provider_access)).
    type: str
version_added: 1.0.0
author: mailstore.spe contributors (@mailstore-spe)
extends_documentation_fragment: [mailstore.spe.connection, mailstore.spe.common, mailstore.spe.info]
seealso:
  - module: mailstore.spe.spe_smtp
"""

EXAMPLES = r"""
- name: Read the SMTP settings of ACME Corp
  mailstore.spe.spe_smtp_info:
    instance_id: acme
  register: acme_smtp

- name: Read the system-wide SMTP settings
  mailstore.spe.spe_smtp_info: {}
  register: system_smtp
"""

RETURN = r"""
smtp:
  description:
    - The settings, with the option names of M(mailstore.spe.spe_smtp) and every other key the API returns,
      in snake_case. Never the password.
  returned: success
  type: dict
  sample:
    hostname: mail.acme.example
    port: 587
    protocol: SMTP-TLS
    ignore_ssl_policy_errors: false
    authentication_required: true
    smtp_username: archive-notify@acme.example
    username: archive-notify@acme.example
    from_display_name: ACME Archive
    from_email_address: archive-notify@acme.example
    recipient_email_addresses:
      - it@acme.example
    recipient_system_administrators: null
failed_command: {description: The API command that failed., returned: when an API command failed, type: str}
error: {description: 'Without passwords: kind, command, message, details, http_status, token.', returned: when an API call failed, type: dict}
"""

from ansible_collections.mailstore.spe.plugins.module_utils.declarations.smtp import SMTP
from ansible_collections.mailstore.spe.plugins.module_utils.runner import run_module


def main():
    """spe_smtp_info in a module process (MAILSTORE_SPE_EXECUTION=module); in-process, the action plugin runs the same spec."""
    run_module(SMTP.info_spec())


if __name__ == '__main__':
    main()
