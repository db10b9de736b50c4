#!/usr/bin/python
# Copyright: contributors to mailstore.spe
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
from __future__ import absolute_import, division, print_function

__metaclass__ = type

DOCUMENTATION = r"""
module: spe_user_info
short_description: Read the users of a MailStore SPE instance
description:
  - Reads users of an instance of a MailStore Service Provider Edition (SPE) system with all
    their details, privileges and folder access included.
  - Read-only. Reports C(changed=false), and reads in check mode too.
  - The output uses the option names of M(mailstore.spe.spe_user) for what that module manages, so
    it can be fed back into it, plus every other key the API returns, in snake_case.
  - A failing API call fails the task with the server's message (RV(msg), RV(error)).
  - Passwords are never returned (the API does not return them).
version_added: 0.1.0
author:
  - mailstore.spe contributors (@mailstore-spe)
options:
  instance_id:
    description:
      - The ID of the instance.
      - The instance must run and give the service provider archive admin access (see
        M(mailstore.spe.spe_instance) O(mailstore.spe.spe_instance#module:service_provider_access)).
    type: str
    required: true
  user_name:
    description:
      - The one user to read. The task fails when the user does not exist.
      - Without it, every user of the instance is read (one API call per user).
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
  - module: mailstore.spe.spe_user
  - name: MailStore SPE Management API
    description: The vendor's description of the API and its commands.
    link: https://help.mailstore.com/en/spe/Management_API_-_Function_Reference
"""

EXAMPLES = r"""
- name: Read users
  module_defaults:
    group/mailstore.spe.spe:
      server: spe.example.com
      username: admin
      password: "{{ spe_api_password }}"
  block:
    - name: Read every user of ACME Corp
      mailstore.spe.spe_user_info:
        instance_id: acme
      register: acme_users

    - name: List the administrators
      ansible.builtin.debug:
        msg: "{{ acme_users.users | selectattr('privileges', 'contains', 'admin') | map(attribute='user_name') | list }}"

    - name: Read jdoe
      mailstore.spe.spe_user_info:
        instance_id: acme
        user_name: jdoe
      register: jdoe_info
"""

RETURN = r"""
users:
  description:
    - The users, each with the option names of M(mailstore.spe.spe_user) and every other key
      the API returns, in snake_case.
  returned: success
  type: list
  elements: dict
  sample:
    - user_name: jdoe
      full_name: John Doe
      distinguished_name: null
      authentication: integrated
      email_addresses: ["john.doe@acme.example"]
      pop3_user_names: []
      privileges: ["login", "change_password", "export"]
      folder_access:
        - folder: jdoe
          privileges: ["read", "write"]
      privileges_on_folders:
        - folder: jdoe
          privileges: ["read", "write"]
msg:
  description: What went wrong.
  returned: on failure
  type: str
  sample: "Reading users failed: GetUserInfo: User not found."
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

from ansible_collections.mailstore.spe.plugins.module_utils.info import USER_INFO
from ansible_collections.mailstore.spe.plugins.module_utils.runner import run_module


def main():
    run_module(USER_INFO)


if __name__ == '__main__':
    main()
