#!/usr/bin/python
# Copyright: contributors to mailstore.spe
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
from __future__ import absolute_import, division, print_function

__metaclass__ = type

DOCUMENTATION = r"""
module: spe_instance
short_description: Manage MailStore SPE instances, their running state and service provider access
description:
  - Creates, configures, starts, stops, restarts, freezes and deletes an instance of a MailStore Service
    Provider Edition (SPE) system through the Management API.
  - Manages the instance's configuration (O(display_name), O(alias), O(instance_host), O(base_directory),
    O(start_mode), the log and VSS writer switches) and whether the service provider has archive admin
    access to it (O(service_provider_access)).
  - The configuration of an instance can only be changed while it is stopped. Without O(allow_restart=true)
    a task that changes the configuration of a running or frozen instance fails and names the fields that
    would change. With O(allow_restart=true) the module stops the instance, applies the change and brings
    it back to the state it was in (or to the one O(state) asks for).
options:
  instance_id:
    description:
      - The instance's ID, which identifies it.
      - 3 to 32 characters, lower-case letters V(a-z), digits and V(-), starting with a letter.
    type: str
    required: true
  display_name:
    description:
      - The name shown for the instance, for example the customer's name.
    type: str
  alias:
    description:
      - The instance's alias.
    type: str
  instance_host:
    description:
      - The instance host (server name) the instance runs on.
      - When a new instance is created without it, the module places it on the Management Server's only
        instance host, or, when there are several, on the one with the fewest instances (ties - by name);
        it fails when there is none. A host that is named must exist. Check mode predicts the same host.
    type: str
  base_directory:
    description:
      - The directory on the instance host that holds the instance's data.
      - Changing it does not move the data; move the data there first (for example after moving the instance
        to another instance host).
    type: str
  start_mode:
    description:
      - V(automatic) instances start with their instance host, V(manual) instances only when asked to
        (for example with O(state=started)), V(disabled) instances cannot be started.
    type: str
    choices:
      - automatic
      - manual
      - disabled
  debug_log_enabled:
    description:
      - Whether the instance writes a debug log.
    type: bool
  imap_server_connection_log_enabled:
    description:
      - Whether the instance's IMAP server logs its connections.
    type: bool
  vss_writer_enabled:
    description:
      - Whether the instance takes part in Volume Shadow Copy Service (VSS) backups.
    type: bool
  vss_writer_exclude_indexes:
    description:
      - Whether VSS backups leave out the instance's search indexes.
    type: bool
  service_provider_access:
    description:
      - Whether the service provider has archive admin access to the instance.
      - Most instance-level commands (stores, users, jobs, SMTP settings) need it, so the other resource
        modules of this collection need it too.
      - Can only be changed while the instance runs, so on a running instance the task leaves running,
        or with O(state=started) or O(state=restarted). Otherwise the task fails, except on an existing
        instance that does not run with O(state=present) or O(state=stopped), where it is not checked
        and the task warns.
    type: bool
  allow_restart:
    description:
      - Whether the module may stop a running or frozen instance to change its configuration.
      - It brings the instance back to the state it was in afterwards (or to the one O(state) asks for).
      - Without it, such a change fails and names the fields. Not needed with O(state=stopped).
    type: bool
    default: false
  state:
    description:
      - V(present) - the instance exists; its running state is not changed. A new instance is created
        stopped.
      - V(started) - the instance exists and runs. A frozen instance is thawed.
      - V(stopped) - the instance exists and is stopped.
      - V(restarted) - the instance exists and is restarted (or started when it was stopped). Always reports
        a change.
      - V(frozen) - the instance is frozen, for example for a backup snapshot of its data. A stopped instance
        is started first. Use V(started) to thaw it.
      - V(absent) - the instance is stopped and its configuration deleted. Its data stays on disk, at
        the directory returned in RV(data_retained_at).
    type: str
    choices:
      - present
      - started
      - stopped
      - restarted
      - frozen
      - absent
    default: present
notes:
  - Deleting an instance does not delete its data. Remove the directory in RV(data_retained_at) yourself
    when it is no longer needed.
version_added: 1.0.0
author: mailstore.spe contributors (@mailstore-spe)
extends_documentation_fragment: [mailstore.spe.connection, mailstore.spe.common, mailstore.spe.resource]
seealso:
  - module: mailstore.spe.spe_instance_info
"""

EXAMPLES = r"""
- name: Create the instance of ACME Corp and start it
  mailstore.spe.spe_instance:
    instance_id: acme
    display_name: ACME Corp
    instance_host: spe-host01
    base_directory: D:\MailStore\Instances\acme
    start_mode: automatic
    service_provider_access: true
    state: started

- name: Turn on the debug log (stops and restarts the running instance)
  mailstore.spe.spe_instance:
    instance_id: acme
    debug_log_enabled: true
    allow_restart: true

- name: Freeze the instance for a backup snapshot
  mailstore.spe.spe_instance:
    instance_id: acme
    state: frozen

- name: Thaw it again
  mailstore.spe.spe_instance:
    instance_id: acme
    state: started

- name: Delete the instance of a former customer (the data stays on disk)
  mailstore.spe.spe_instance:
    instance_id: globex
    state: absent
  register: removed

- name: Show where the data was left
  ansible.builtin.debug:
    msg: Data of globex remains in {{ removed.data_retained_at }}
  when: removed.data_retained_at is defined
"""

RETURN = r"""
instance:
  description:
    - The instance as it now is, in the module's option names, with its C(status) (for example V(running),
      V(stopped), V(frozen)).
    - In check mode, the instance as predicted.
    - Options the API does not list without reading the whole configuration are V(null) unless the task
      manages one of them.
    - An empty dictionary after O(state=absent).
  returned: success
  type: dict
  sample:
    instance_id: acme
    display_name: ACME Corp
    alias: null
    instance_host: spe-host01
    base_directory: D:\MailStore\Instances\acme
    start_mode: automatic
    debug_log_enabled: true
    imap_server_connection_log_enabled: false
    vss_writer_enabled: true
    vss_writer_exclude_indexes: false
    service_provider_access: true
    status: running
data_retained_at:
  description: The instance's base directory, where its data stays after the instance was deleted.
  returned: when O(state=absent) and the instance existed
  type: str
  sample: D:\MailStore\Instances\globex
changed_fields:
  description: The configuration options that would change, when the change needs a stopped instance and
    O(allow_restart) is not set.
  returned: on that failure
  type: list
  elements: str
  sample:
    - debug_log_enabled
commands: {description: API commands sent in order (check mode - would send; failure - applied then failing)., returned: always, type: list, elements: str}
commands_uncertain: {description: Sent without an answer - the server may have applied it; a re-run converges., returned: on failure, type: list, elements: str}
commands_undone: {description: Sent on failure to put back what the run had changed., returned: when something was undone, type: list, elements: str}
failed_command: {description: The API command that failed., returned: when an API command failed, type: str}
error: {description: 'Without passwords: kind, command, message, details, http_status, token.', returned: when an API call failed, type: dict}
"""

from ansible_collections.mailstore.spe.plugins.module_utils.declarations.instance import INSTANCE
from ansible_collections.mailstore.spe.plugins.module_utils.runner import run_module


def main():
    """spe_instance in a module process (MAILSTORE_SPE_EXECUTION=module); in-process, the action plugin runs the same spec."""
    run_module(INSTANCE.module_spec())


if __name__ == '__main__':
    main()
