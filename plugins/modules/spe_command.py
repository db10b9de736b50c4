#!/usr/bin/python
# Copyright: contributors to mailstore.spe
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
from __future__ import absolute_import, division, print_function

__metaclass__ = type

DOCUMENTATION = r"""
module: spe_command
short_description: Send any command to the MailStore SPE Management API
description:
  - Invokes one command of the MailStore Service Provider Edition Management API
    (C(POST /api/invoke/<command>)) and returns its result.
  - When the server runs the command asynchronously, the module follows it with
    C(get-status) until it ends (O(wait=true)) or returns its token at once (O(wait=false)).
  - Commands whose name starts with C(Get), and C(Ping), are treated as read-only. They are
    sent in check mode too and never report a change. Every other command reports a change
    and is not sent in check mode.
  - Prefer the resource modules of this collection where one exists; they are idempotent,
    this module is not.
  - The task runs on the controller (the collection's action plugin of the same name).
author:
  - mailstore.spe contributors (@mailstore-spe)
version_added: 0.1.0
options:
  command:
    description:
      - Name of the API command, for example V(GetEnvironmentInfo) or V(VerifyStore).
      - The names and their arguments are listed in the vendor's Management API function reference.
    type: str
    required: true
  arguments:
    description:
      - The command's arguments, by their API names.
      - Booleans are sent as V(true)/V(false), numbers as decimal text, dictionaries as JSON
        text, lists as one comma-separated string; arguments set to V(null) are left out.
      - Arguments are not hidden from the output. Set C(no_log) on the task when they include
        a password.
    type: dict
    default: {}
  wait:
    description:
      - Whether to wait for a command the server runs asynchronously to end.
      - With V(false) the module returns the token of the running command in RV(token).
    type: bool
    default: true
  wait_timeout:
    description:
      - Seconds to wait for an asynchronous command to end before failing.
    type: int
    default: 300
  cancel_on_timeout:
    description:
      - Whether to ask the server to cancel the command (C(cancel-async)) when O(wait_timeout)
        passes. The server decides if and when it stops.
    type: bool
    default: false
extends_documentation_fragment:
  - mailstore.spe.connection
  - ansible.builtin.action_common_attributes
  - ansible.builtin.action_common_attributes.flow
attributes:
  check_mode:
    support: partial
    details:
      - Read-only commands are sent; other commands are not sent and reported as changed.
  diff_mode:
    support: none
  platform:
    platforms: all
    support: full
  action:
    support: full
  async:
    support: none
  bypass_host_loop:
    support: none
  action_group:
    description: Use C(group/mailstore.spe.spe) in C(module_defaults) to set the connection options once.
    support: full
    membership:
      - mailstore.spe.spe
seealso:
  - name: MailStore SPE Management API
    description: The vendor's description of the API and its commands.
    link: https://help.mailstore.com/en/spe/Management_API_-_Function_Reference
"""

EXAMPLES = r"""
- name: Ask the server who it is
  mailstore.spe.spe_command:
    server: spe.example.com
    username: admin
    password: "{{ spe_api_password }}"
    command: GetEnvironmentInfo
  register: env_info


- name: Verify an archive store and wait up to an hour
  mailstore.spe.spe_command:
    server: spe.example.com
    username: admin
    password: "{{ spe_api_password }}"
    command: VerifyStore
    arguments:
      instanceID: acme
      id: 3
    wait_timeout: 3600
    cancel_on_timeout: true


- name: Start a long-running command and do not wait for it
  mailstore.spe.spe_command:
    command: SyncUsersWithDirectoryServices
    arguments:
      instanceID: acme
      dryRun: false
    wait: false
  register: sync


- name: Set a user's password (hide the arguments)
  mailstore.spe.spe_command:
    command: SetUserPassword
    arguments:
      instanceID: acme
      userName: jdoe
      password: "{{ new_password }}"
  no_log: true
"""

RETURN = r"""
result:
  description: The command's C(result) as the server returned it (V(null) for commands that only change something).
  returned: when the command was sent and succeeded
  type: raw
  sample: {"version": "25.1.0.12345", "serverName": "spe01"}
log_output:
  description: Output lines of the command (C(logOutput)), mostly from long-running commands.
  returned: when the command was sent and succeeded
  type: str
  sample: "Verifying archive store..."
status:
  description: The final C(statusCode) (V(succeeded)), or V(running) when O(wait=false) and the command still runs.
  returned: when the command was sent and succeeded
  type: str
  sample: succeeded
token:
  description: The token of the running command, for C(get-status) or C(cancel-async); V(null) if it already ended.
  returned: when O(wait=false)
  type: str
  sample: "c0ffee42"
msg:
  description: What happened, in check mode or on failure.
  returned: in check mode for commands that are not sent, and on failure
  type: str
  sample: "check mode: CreateUser not sent"
error:
  description: The error, without any password.
  returned: on failure
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

from ansible_collections.mailstore.spe.plugins.module_utils.command import SPE_COMMAND
from ansible_collections.mailstore.spe.plugins.module_utils.runner import run_module


def main():
    run_module(SPE_COMMAND)


if __name__ == '__main__':
    main()
