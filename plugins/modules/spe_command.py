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
    A later task resumes waiting for it with O(token), or cancels it with O(token) and O(cancel=true).
  - Commands whose name starts with C(Get), and C(Ping), are treated as read-only. They are
    sent in check mode too and never report a change. Every other command reports a change
    and is not sent in check mode.
  - A command that was sent but whose answer never came (no answer within O(timeout), or the
    connection closed after sending) is never sent again. When it is not read-only, the task
    fails with C(changed=true) and the command in RV(commands_uncertain), because the server may
    have applied it. The same holds when the server accepted a long-running command (a token came
    back) and waiting for its end failed or timed out; RV(token) is returned so that the wait
    can be resumed.
  - Prefer the resource modules of this collection where one exists; they are idempotent,
    this module is not.
  - The task runs on the controller (the collection's action plugin of the same name).
author:
  - mailstore.spe contributors (@mailstore-spe)
version_added: 1.0.0
options:
  command:
    description:
      - Name of the API command, for example V(GetEnvironmentInfo) or V(VerifyStore).
      - The names and their arguments are listed in the vendor's Management API function reference.
      - The three low-level calls V(get-status), V(cancel-async) and V(get-metadata) are sent as
        the reference describes them (C(POST /api/<call>)), with their own O(arguments)
        (C(token), C(lastKnownStatusVersion), C(millisecondsTimeout)). V(get-status) returns the
        status of the call its token names as it is, without waiting for its end and without
        failing when that call failed.
      - An empty name is refused.
      - Exactly one of O(command) and O(token) is required.
    type: str
  token:
    description:
      - The token of a long-running command accepted earlier, as returned in RV(token) by a task
        with O(wait=false) or by one whose wait failed.
      - Without O(cancel), the module follows it with C(get-status) until it ends, for up to
        O(wait_timeout) seconds, and returns its outcome. This changes nothing and runs in check
        mode too.
      - Exactly one of O(command) and O(token) is required.
    type: str
  cancel:
    description:
      - With O(token), ask the server to cancel that command (C(cancel-async)) instead of
        waiting for it. The server decides if and when it stops. Not sent in check mode.
    type: bool
    default: false
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
      - Seconds to wait for an asynchronous command (or the one O(token) names) to end before failing.
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
  - mailstore.spe.common
attributes:
  check_mode:
    description: Can run in check mode and return changed status prediction without modifying the target.
    support: partial
    details:
      - Read-only commands, and waiting for a O(token), are sent; other commands (and O(cancel))
        are not sent and reported as changed.
  diff_mode:
    description: Will return details on what has changed (or possibly needs changing in check mode), when in diff mode.
    support: none
  async:
    description: Supports being used with the C(async) keyword.
    support: full
    details:
      - The task then runs as a module process in the background; C(async_status) or C(poll) follow it.
seealso:
  - name: MailStore SPE Management API
    description: The vendor's description of the API and its commands.
    link: https://help.mailstore.com/en/spe/Management_API_-_Function_Reference
"""

EXAMPLES = r"""
- name: Ask the server who it is
  mailstore.spe.spe_command:
    command: GetEnvironmentInfo
  register: env_info

- name: Verify an archive store with its search indexes and wait up to an hour
  mailstore.spe.spe_command:
    command: VerifyStore
    arguments:
      instanceID: acme
      id: 3
      includeIndexes: true
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

- name: Later, wait for it to end
  mailstore.spe.spe_command:
    token: "{{ sync.token }}"
    wait_timeout: 600
  register: sync_result

- name: Start compacting a store in the background
  mailstore.spe.spe_command:
    command: CompactStore
    arguments:
      instanceID: acme
      id: 3
    wait: false
  register: compaction

- name: Ask the server to cancel it
  mailstore.spe.spe_command:
    token: "{{ compaction.token }}"
    cancel: true

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
  description:
    - Output lines of the command (C(logOutput)), mostly from long-running commands.
    - On failure, the last output seen while waiting.
  returned: when the command was sent
  type: str
  sample: "Verifying archive store..."
status:
  description:
    - The final C(statusCode) (V(succeeded)), or V(running) when O(wait=false) and the command still runs.
    - For O(command=get-status), the status of the call its token names, whatever it is.
  returned: when the command was sent and succeeded
  type: str
  sample: succeeded
percent_progress:
  description: The last C(percentProgress) the server reported for a long-running command, also on failure.
  returned: when the command was sent
  type: int
  sample: 100
status_text:
  description: The last C(statusText) the server reported for a long-running command, also on failure.
  returned: when the command was sent
  type: str
  sample: "Completed."
status_version:
  description: The C(statusVersion) of the answer, for the next C(lastKnownStatusVersion).
  returned: for O(command=get-status)
  type: int
  sample: 3
token:
  description:
    - The token of a long-running command, for O(token) in a later task (to wait for it or
      cancel it), or for C(get-status) / C(cancel-async); V(null) if the command already ended.
  returned: when O(wait=false), when O(token) was given, and on failure once the server accepted a long-running command
  type: str
  sample: "c0ffee42"
commands_uncertain:
  description:
    - The command, when it was sent and may have been applied although the task failed (no
      answer came, or waiting for an accepted long-running command failed). The task then
      reports C(changed=true). Read the state back before repeating it.
  returned: on failure, when the outcome is unknown
  type: list
  elements: str
  sample: ["CreateUser"]
msg:
  description: What happened, in check mode, after O(cancel), or on failure.
  returned: in check mode for commands that are not sent, after O(cancel), and on failure
  type: str
  sample: "check mode: CreateUser not sent"
error:
  description: The error, without any password.
  returned: on failure
  type: dict
  contains:
    kind:
      description: V(failed), V(http), V(transport), V(timeout), V(cancelled), V(auth) or V(config).
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
      description: The token of the command, once the server accepted it as a long-running command.
      type: str
      returned: when known
    uncertain:
      description: V(true) when the command was sent and the server may have applied it.
      type: bool
      returned: when true
"""

from ansible_collections.mailstore.spe.plugins.module_utils.command import SPE_COMMAND
from ansible_collections.mailstore.spe.plugins.module_utils.runner import run_module


def main():
    """spe_command in a module process (MAILSTORE_SPE_EXECUTION=module); in-process, the action plugin runs the same spec."""
    run_module(SPE_COMMAND)


if __name__ == '__main__':
    main()
