#!/usr/bin/python
# Copyright: contributors to mailstore.spe
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
from __future__ import absolute_import, division, print_function

__metaclass__ = type

DOCUMENTATION = r"""
module: spe_smtp
short_description: Manage the SMTP settings of a MailStore SPE instance or of the whole system
description:
  - Sets the SMTP settings a MailStore Service Provider Edition (SPE) system sends its e-mail notifications
    with. With O(instance_id), the settings of that instance; without it, the system-wide settings.
  - The settings always exist, so the module has no C(state) option.
  - With O(test=true) the module runs the server's SMTP test after a change and fails with the server's
    message when the test fails.
options:
  instance_id:
    description:
      - The ID of the instance whose settings are managed.
      - The instance must run and give the service provider archive admin access (see M(mailstore.spe.spe_instance)
        O(mailstore.spe.spe_instance#module:service_provider_access)).
      - Without it, the module manages the system-wide settings.
    type: str
  hostname:
    description:
      - Host name or IP address of the SMTP server.
    type: str
  smtp_port:
    description:
      - TCP port of the SMTP server, for example V(25), V(465) or V(587).
      - Not O(port), which is the port of the Management API connection.
    type: int
  protocol:
    description:
      - V(SMTP) - no encryption.
      - V(SMTP-TLS) - the connection is upgraded to TLS (STARTTLS).
      - V(SMTPS) - TLS from the start.
    type: str
    choices:
      - SMTP
      - SMTP-TLS
      - SMTPS
  ignore_ssl_policy_errors:
    description:
      - Whether errors in the SMTP server's TLS certificate are ignored.
    type: bool
  authentication_required:
    description:
      - Whether the SMTP server needs a user name and password (O(smtp_username), O(smtp_password)).
    type: bool
  smtp_username:
    description:
      - The user name to log on to the SMTP server with (C(username) in the API's settings).
      - Not to be confused with O(username), the user name of the API connection.
    type: str
  smtp_password:
    description:
      - The password to log on to the SMTP server with (C(password) in the API's settings).
      - Not to be confused with O(password), the password of the API connection.
      - Write-only; the API never returns it. When it is sent depends on O(update_password).
    type: str
  update_password:
    description:
      - V(on_change) - O(smtp_password) is sent whenever any other setting changes (the settings are always
        written together), and not otherwise.
      - V(always) - O(smtp_password) is sent on every run. As the module cannot know whether it differs
        from the current one, the task then reports a change on every run.
    type: str
    choices:
      - on_change
      - always
    default: on_change
  from_display_name:
    description:
      - The sender name of the notifications.
    type: str
  from_email_address:
    description:
      - The sender address of the notifications.
    type: str
  recipient_email_addresses:
    description:
      - The addresses that receive the instance's notifications, all of them. Compared as a set.
      - Only with O(instance_id).
    type: list
    elements: str
  recipient_system_administrators:
    description:
      - The user names of the SPE system administrators that receive the system-wide notifications, all
        of them. Compared as a set.
      - Only without O(instance_id).
    type: list
    elements: str
  test:
    description:
      - Whether to run the server's SMTP test (C(TestSmtpSettings) or C(TestSystemSmtpConfiguration))
        after the settings were changed.
      - When the test fails, the task fails with the server's message; the settings stay as they were
        written.
      - The test is not run when nothing changed.
    type: bool
    default: false
notes:
  - O(username) and O(password) are the options of the API connection, as in every module of this collection;
    the SMTP server's credentials are O(smtp_username) and O(smtp_password).
version_added: 1.0.0
author: mailstore.spe contributors (@mailstore-spe)
extends_documentation_fragment: [mailstore.spe.connection, mailstore.spe.common, mailstore.spe.resource]
seealso:
  - module: mailstore.spe.spe_smtp_info
"""

EXAMPLES = r"""
- name: Set the SMTP settings of ACME Corp and test them
  mailstore.spe.spe_smtp:
    instance_id: acme
    hostname: mail.acme.example
    smtp_port: 587
    protocol: SMTP-TLS
    authentication_required: true
    smtp_username: archive-notify@acme.example
    smtp_password: '{{ acme_smtp_password }}'
    from_display_name: ACME Archive
    from_email_address: archive-notify@acme.example
    recipient_email_addresses:
      - it@acme.example
    test: true

- name: Send the system-wide notifications to two SPE administrators
  mailstore.spe.spe_smtp:
    hostname: smtp.provider.example
    smtp_port: 25
    protocol: SMTP
    authentication_required: false
    from_display_name: MailStore SPE
    from_email_address: spe@provider.example
    recipient_system_administrators:
      - admin
      - jdoe

- name: Change only the recipients (the other settings stay as they are)
  mailstore.spe.spe_smtp:
    instance_id: acme
    recipient_email_addresses:
      - it@acme.example
      - compliance@acme.example
"""

RETURN = r"""
smtp:
  description:
    - The settings as they now are, in the module's option names (never the password). In check mode,
      as predicted.
  returned: success
  type: dict
  sample:
    hostname: mail.acme.example
    smtp_port: 587
    protocol: SMTP-TLS
    ignore_ssl_policy_errors: false
    authentication_required: true
    smtp_username: archive-notify@acme.example
    from_display_name: ACME Archive
    from_email_address: archive-notify@acme.example
    recipient_email_addresses:
      - it@acme.example
    recipient_system_administrators: null
commands: {description: API commands sent in order (check mode - would send; failure - applied then failing)., returned: always, type: list, elements: str}
commands_uncertain: {description: Sent without an answer - the server may have applied it; a re-run converges., returned: on failure, type: list, elements: str}
failed_command: {description: The API command that failed., returned: when an API command failed, type: str}
error: {description: 'Without passwords: kind, command, message, details, http_status, token.', returned: when an API call failed, type: dict}
"""

from ansible_collections.mailstore.spe.plugins.module_utils.declarations.smtp import SMTP
from ansible_collections.mailstore.spe.plugins.module_utils.runner import run_module


def main():
    """spe_smtp in a module process (MAILSTORE_SPE_EXECUTION=module); in-process, the action plugin runs the same spec."""
    run_module(SMTP.module_spec())


if __name__ == '__main__':
    main()
