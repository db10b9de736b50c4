#!/usr/bin/python
# Copyright: contributors to mailstore.spe
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
from __future__ import absolute_import, division, print_function

__metaclass__ = type

DOCUMENTATION = r"""
module: spe_profile
short_description: Manage the archiving and export profiles of a MailStore SPE instance
description:
  - Creates and deletes archiving and export profiles of an instance, sets their server-side execution
    (whether the server runs them automatically, the pause between runs, the maintenance windows), and
    runs them.
  - A profile is found by its O(name). Two profiles with that name in the instance are an error that
    says so; rename or delete the extra one first.
  - O(properties) is the profile as the API's raw form has it (GetProfiles with C(raw=true)); create a
    profile of the wanted kind in the MailStore client and read it with M(mailstore.spe.spe_profile_info)
    to learn its keys. Only the keys the task gives are managed, nested objects key by key.
  - The API cannot change a profile. A profile whose O(properties) differ is deleted and created again
    with O(allow_recreate=true), and gets a new id (RV(recreated), RV(previous_id), RV(msg)); without it
    the task fails and names the properties that differ.
  - Passwords in a profile are write-only. They are given in O(profile_passwords) (never in O(properties)),
    sent when the profile is created or re-created, never compared, and shown as a mask.
options:
  name:
    description:
      - The profile's name, which identifies it.
    type: str
    required: true
  properties:
    description:
      - The profile's raw properties, without C(id), C(version), C(name) and C(serverSideExecution)
        (those are the server's or have their own options) and without passwords (O(profile_passwords)).
      - Required to create a profile.
    type: dict
  profile_passwords:
    description:
      - Passwords of the profile, each at the key of O(properties) where the API takes it.
      - Sent only when the profile is created or re-created; re-creating a profile that has a password
        needs it here again, since the API never returns it.
    type: list
    elements: dict
    suboptions:
      key:
        description:
          - Where the password goes in O(properties), nested keys joined with dots, such as V(password)
            or V(details.password). The last key must contain C(password).
        type: str
        required: true
      value:
        description:
          - The password.
        type: str
        required: true
  automatic:
    description:
      - Whether the server runs the profile automatically (SetProfileServerSideExecution).
      - V(false) also resets O(pause_between_executions) and O(maintenance_windows), as the API does.
    type: bool
  pause_between_executions:
    description:
      - With O(automatic=true), the seconds to pause between two runs, 0 to 2147483647.
    type: int
  maintenance_windows:
    description:
      - With O(automatic=true), the time windows C(hh:mm-hh:mm) in which the profile does not run, such
        as V(22:00-04:00). Compared as a set.
    type: list
    elements: str
  allow_recreate:
    description:
      - Whether a profile whose O(properties) differ may be deleted and created again (with a new id).
    type: bool
    default: false
  run:
    description:
      - Run the profile (RunProfile) after it is converged, and wait for the run to end (O(wait_timeout)).
        A run always reports a change. RV(run) holds its result.
      - Only profiles that the server executes can be run this way (see the reference's RunProfile).
    type: bool
    default: false
  wait_timeout:
    description:
      - How many seconds the task waits for a run before it fails (the run goes on in the server).
    type: int
    default: 3600
version_added: 1.0.0
author: mailstore.spe contributors (@mailstore-spe)
extends_documentation_fragment: [mailstore.spe.connection, mailstore.spe.common, mailstore.spe.instance, mailstore.spe.state, mailstore.spe.resource]
seealso:
  - module: mailstore.spe.spe_profile_info
"""

EXAMPLES = r"""
- name: Archive ACME Corp's shared IMAP mailbox every hour, outside the nightly maintenance
  mailstore.spe.spe_profile:
    instance_id: acme
    name: Shared mailbox
    properties:
      type: archive
      connector: imap
      owner: admin
      details:
        server: imap.acme.example
        userName: shared@acme.example
    profile_passwords:
      - key: details.password
        value: "{{ acme_imap_password | default('Imap-Secret-1') }}"
    automatic: true
    pause_between_executions: 3600
    maintenance_windows: ["22:00-04:00"]

- name: Export ACME Corp's archive now, and wait for the export
  mailstore.spe.spe_profile:
    instance_id: acme
    name: Handover export
    properties:
      type: export
      connector: directory
      details:
        path: E:\Handover\acme
    run: true
  register: export

- name: Say how many messages the export wrote
  ansible.builtin.debug:
    msg: "{{ export.run.messagesArchived }} messages"

- name: Change a profile's server, which the API can only do by re-creating it
  mailstore.spe.spe_profile:
    instance_id: acme
    name: Shared mailbox
    properties:
      details:
        server: imap2.acme.example
    profile_passwords:
      - key: details.password
        value: "{{ acme_imap_password | default('Imap-Secret-1') }}"
    allow_recreate: true

- name: Delete a profile
  mailstore.spe.spe_profile:
    instance_id: acme
    name: Handover export
    state: absent
"""

RETURN = r"""
profile:
  description:
    - The profile as it now is (in check mode, as predicted); passwords shown as a mask.
    - Its C(id) is null in check mode when the profile would be created or re-created.
  returned: success
  type: dict
  sample:
    name: Shared mailbox
    id: 3
    properties: {type: archive, connector: imap, owner: admin, details: {server: imap.acme.example, userName: shared@acme.example, password: "********"}}
    automatic: true
    pause_between_executions: 3600
    maintenance_windows: ["22:00-04:00"]
recreated:
  description: Whether the profile was deleted and created again because its properties changed (in check mode, whether it would be).
  returned: success
  type: bool
  sample: false
previous_id:
  description: The id the profile had before it was re-created.
  returned: when the profile was re-created
  type: int
  sample: 2
msg:
  description: What re-creating the profile changed.
  returned: when the profile was re-created
  type: str
run:
  description: The result of the run (RunProfile), as the API returns it.
  returned: when O(run=true), not in check mode
  type: dict
  sample: {result: succeeded, messagesArchived: 10}
commands: {description: API commands sent in order (check mode - would send; failure - applied then failing)., returned: always, type: list, elements: str}
commands_uncertain: {description: Sent without an answer - the server may have applied it; a re-run converges., returned: on failure, type: list, elements: str}
failed_command: {description: The API command that failed., returned: when an API command failed, type: str}
error: {description: 'Without passwords: kind, command, message, details, http_status, token.', returned: when an API call failed, type: dict}
"""

from ansible_collections.mailstore.spe.plugins.module_utils.declarations.profile import PROFILE
from ansible_collections.mailstore.spe.plugins.module_utils.runner import run_module


def main():
    """spe_profile in a module process (MAILSTORE_SPE_EXECUTION=module); in-process, the action plugin runs the same spec."""
    run_module(PROFILE.module_spec())


if __name__ == '__main__':
    main()
