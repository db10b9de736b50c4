#!/usr/bin/python
# Copyright: contributors to mailstore.spe
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
from __future__ import absolute_import, division, print_function

__metaclass__ = type

DOCUMENTATION = r"""
module: spe_system_administrator
short_description: Manage the system administrators of MailStore SPE, their MFA and the API password
description:
  - Creates, changes and deletes the system administrators of a MailStore Service Provider Edition (SPE)
    system, who log on to the Management Console and the Management API.
  - Initializes or deactivates their multi-factor authentication (MFA). An administrator whose MFA was
    initialized completes the set-up at the next Management Console login; until then the API reports
    the MFA as V(pending), which counts as O(mfa=active).
  - Creates the API password of the administrator the connection uses (O(api_password=create)), which
    that administrator needs for the API once its MFA is active.
  - The administrator the connection uses (O(username)) is protected. The module refuses, before any API
    call, to delete it, to initialize its MFA (its password would then stop working for the API) and to
    change its password.
options:
  user_name:
    description:
      - The administrator's user name, which identifies the administrator. Compared without case.
    type: str
    required: true
  full_name:
    description:
      - The administrator's full name.
    type: str
  email_address:
    description:
      - The administrator's e-mail address.
    type: str
  admin_password:
    description:
      - The administrator's password for the Management Console (and for the API while MFA is inactive).
      - Needed to create an administrator. Not to be confused with O(password), the password of the API
        connection.
      - Write-only; the API never returns it. When it is sent depends on O(update_password).
    type: str
  update_password:
    description:
      - V(on_create) - O(admin_password) is sent only when the administrator is created.
      - V(always) - O(admin_password) is sent on every run, and the task reports a change on every run.
        Refused for the administrator the connection uses.
    type: str
    choices:
      - on_create
      - always
    default: on_create
  mfa:
    description:
      - V(active) - multi-factor authentication is on. When it is off, the module initializes it; the
        administrator completes it at the next Management Console login (until then C(mfa_status) in
        RV(system_administrator) is V(pending), and the module changes nothing more). Refused for the
        administrator the connection uses.
      - V(inactive) - multi-factor authentication is off; a pending or active MFA is deactivated.
      - Once MFA is active, the administrator's password no longer works for the API; only its API
        password does (O(api_password)).
    type: str
    choices:
      - active
      - inactive
  api_password:
    description:
      - V(keep) - the API password is left alone.
      - V(create) - creates a new API password for the administrator the connection uses (O(user_name)
        must be O(username)) and returns it once in RV(api_password). Any earlier API password stops
        working. Every run with V(create) makes a new one and reports a change, so ask for it only when
        you mean to rotate it, never in a playbook that converges.
      - In check mode the module reports that it would create one, and creates none.
      - Run the task with C(no_log=true) and register the result; see the examples for storing the
        password in a vault without it appearing in any output.
      - The module reads the administrator back with the new API password, so rotating the API password
        the connection itself uses works.
    type: str
    choices:
      - keep
      - create
    default: keep
notes:
  - O(password) is the password of the API connection, as in every module of this collection; the
    administrator's own password is O(admin_password).
  - Ansible cannot hide a single return value. A task with O(api_password=create) returns the new secret
    in RV(api_password) for all to see unless the task sets C(no_log=true).
version_added: 1.0.0
author: mailstore.spe contributors (@mailstore-spe)
extends_documentation_fragment: [mailstore.spe.connection, mailstore.spe.common, mailstore.spe.state, mailstore.spe.resource]
seealso:
  - module: mailstore.spe.spe_system_administrator_info
  - name: Storing the API password in a vault
    description: The whole procedure, with ansible-vault encrypt_string.
    link: https://github.com/mailstore-spe/mailstore.spe/blob/main/docs/platform.md
"""

EXAMPLES = r"""
- name: An administrator of the operations team, with MFA
  mailstore.spe.spe_system_administrator:
    user_name: ops-alice
    full_name: Alice Operator
    email_address: alice@provider.example
    admin_password: '{{ vault_ops_alice_password }}'
    mfa: active
  register: alice

- name: Tell Alice to complete the MFA set-up
  ansible.builtin.debug:
    msg: Alice completes the MFA set-up at her next Management Console login.
  when: alice.system_administrator.mfa_status == 'pending'

- name: Turn the MFA of an administrator off (a lost phone)
  mailstore.spe.spe_system_administrator:
    user_name: jdoe
    mfa: inactive

- name: Rotate the API password of the administrator the connection uses; the secret shows nowhere
  mailstore.spe.spe_system_administrator:
    user_name: admin
    api_password: create
  register: rotated
  no_log: true

- name: Keep it only as a file readable by the controller's user (docs/platform.md encrypts it into a vault)
  ansible.builtin.copy:
    content: '{{ rotated.api_password }}'
    dest: '{{ playbook_dir }}/spe-api-password.txt'
    mode: '0600'
  no_log: true

- name: Remove an administrator who left
  mailstore.spe.spe_system_administrator:
    user_name: jdoe
    state: absent
"""

RETURN = r"""
system_administrator:
  description:
    - The administrator as it now is, in the module's option names (never a password). In check mode, as
      predicted. An empty dictionary after O(state=absent).
    - C(mfa_status) is the status the API shows, V(disabled), V(pending) (initialized, to be completed at
      the next console login) or V(active); C(mfa) is V(active) for the last two.
  returned: success
  type: dict
  sample:
    user_name: ops-alice
    full_name: Alice Operator
    email_address: alice@provider.example
    mfa: active
    mfa_status: pending
api_password:
  description:
    - The new API password of the connection's administrator. Returned once, when O(api_password=create)
      made one (not in check mode). Register it in a task with C(no_log=true).
  returned: when an API password was created
  type: str
commands: {description: API commands sent in order (check mode - would send; failure - applied then failing)., returned: always, type: list, elements: str}
commands_uncertain: {description: Sent without an answer - the server may have applied it; a re-run converges., returned: on failure, type: list, elements: str}
failed_command: {description: The API command that failed., returned: when an API command failed, type: str}
error: {description: 'Without passwords: kind, command, message, details, http_status, token.', returned: when an API call failed, type: dict}
"""

from ansible_collections.mailstore.spe.plugins.module_utils.declarations.system_administrator import (
    SYSTEM_ADMINISTRATOR,
)
from ansible_collections.mailstore.spe.plugins.module_utils.runner import run_module


def main():
    """spe_system_administrator in a module process (MAILSTORE_SPE_EXECUTION=module); in-process, the action plugin runs the same spec."""
    run_module(SYSTEM_ADMINISTRATOR.module_spec())


if __name__ == '__main__':
    main()
