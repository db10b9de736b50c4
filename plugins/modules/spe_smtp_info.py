#!/usr/bin/python
# Copyright: contributors to mailstore.spe
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
from __future__ import absolute_import, division, print_function

__metaclass__ = type

DOCUMENTATION = r"""
module: spe_smtp_info
short_description: Read the SMTP settings of a MailStore SPE instance or of the whole system
description:
  - Reads the SMTP settings a MailStore Service Provider Edition (SPE) system sends its e-mail
    notifications with. With O(instance_id), the settings of that instance; without it, the
    system-wide settings.
  - Read-only. Reports C(changed=false), and reads in check mode too.
  - The output uses the option names of M(mailstore.spe.spe_smtp) for what that module manages, so
    it can be fed back into it, plus every other key the API returns, in snake_case.
  - A failing API call fails the task with the server's message (RV(msg), RV(error)).
  - The password is never returned. The SMTP user name is returned as C(smtp_username),
    the option name of M(mailstore.spe.spe_smtp), and as C(username), the API's name.
version_added: 0.1.0
author:
  - mailstore.spe contributors (@mailstore-spe)
options:
  instance_id:
    description:
      - The ID of the instance whose settings are read. Without it, the system-wide settings.
      - The instance must run and give the service provider archive admin access (see
        M(mailstore.spe.spe_instance) O(mailstore.spe.spe_instance#module:service_provider_access)).
    type: str
extends_documentation_fragment:
  - mailstore.spe.connection
  - ansible.builtin.action_common_attributes
  - ansible.builtin.action_common_attributes.flow
  - mailstore.spe.attributes
attributes:
  check_mode:
    support: full
    details:
      - Reads in check mode too.
  diff_mode:
    support: none
seealso:
  - module: mailstore.spe.spe_smtp
  - name: MailStore SPE Management API
    description: The vendor's description of the API and its commands.
    link: https://help.mailstore.com/en/spe/Management_API_-_Function_Reference
"""

EXAMPLES = r"""
- name: Read SMTP settings
  module_defaults:
    group/mailstore.spe.spe:
      server: spe.example.com
      username: admin
      password: "{{ spe_api_password }}"
  block:
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
    - The settings, with the option names of M(mailstore.spe.spe_smtp) and every other key the
      API returns, in snake_case. Never the password.
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
    recipient_email_addresses: ["it@acme.example"]
    recipient_system_administrators: null
msg:
  description: What went wrong.
  returned: on failure
  type: str
  sample: "Reading SMTP settings failed: GetSmtpSettings: Instance not found."
error:
  description: The error of the failing API call, without any password.
  returned: when an API call failed
  type: dict
  contains:
    kind:
      description: V(failed), V(http), V(transport), V(timeout), V(cancelled) or V(auth).
      type: str
      returned: always
    command:
      description: The command that failed.
      type: str
      returned: always
    message:
      description: The server's error message, or the client's.
      type: str
      returned: always
    details:
      description: The server's error details, or the underlying exception.
      type: str
      returned: always
    http_status:
      description: The HTTP status, when the server answered.
      type: int
      returned: always
    token:
      description: The token of the command, for timeouts of asynchronous commands.
      type: str
      returned: when known
"""

from ansible_collections.mailstore.spe.plugins.module_utils.info import SMTP_INFO
from ansible_collections.mailstore.spe.plugins.module_utils.runner import run_module


def main():
    run_module(SMTP_INFO)


if __name__ == '__main__':
    main()
