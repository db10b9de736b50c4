#!/usr/bin/python
# Copyright: contributors to mailstore.spe
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
from __future__ import absolute_import, division, print_function

__metaclass__ = type

DOCUMENTATION = r"""
module: spe_store_maintenance
short_description: Run maintenance operations on the archive stores of a MailStore SPE instance
description:
  - Verifies, compacts, upgrades, recovers, repairs and merges archive stores, rebuilds their search
    indexes, refreshes their statistics, retries opening them and maintains the file system databases.
  - These are long-running operations. The module follows each one until it ends (O(wait=true)),
    showing a line per change of its progress while it waits, and returns the progress, the last
    status and the operation's log output. With O(wait=false) it returns the operation's RV(token)
    at once; a later task follows it (O(token)) or cancels it (O(token) and O(cancel=true)).
  - V(verify) and V(refresh_statistics) change nothing in the archive. They run in check mode too
    and report C(changed=false). Every other operation reports C(changed=true) when it runs, and
    is not sent in check mode.
  - Operations that have nothing to do are not sent and report C(changed=false) - V(upgrade) of a store
    that does not need an upgrade, V(retry_open) when no store is in error, V(rebuild_indexes) when
    no store is selected for a rebuild, and V(merge) when the source store is no longer there
    (merged earlier).
  - Works with C(async) and C(poll). An C(async) task runs as a module process in the background,
    whose progress is returned, not shown.
  - When the answer to an operation is lost (the task fails with RV(commands_uncertain)), the
    operation may still be running on the server. A task that starts it again while it runs meets
    it, and a V(merge) then fails because its source store was detached; once the first operation
    has ended, a re-run of a V(merge) finds the source gone and has nothing to do.
options:
  operation:
    description:
      - The operation to run.
      - V(verify) (C(VerifyStore), with O(all_stores) C(VerifyStores)) checks a store's consistency.
      - V(compact) (C(CompactStore)), V(upgrade) (C(UpgradeStore), for stores of MailStore Server 5
        or older), V(recover) (C(RecoverStore), a store that is disabled or in error, from its
        recovery records), V(recreate_recovery_records) (C(RecreateRecoveryRecords)),
        V(repair_database) (C(RepairStoreDatabase)) work on one store.
      - V(merge) (C(MergeStore)) moves the messages of the store O(source) or O(source_id) into
        the store named by O(name) or O(id); the source store is gone afterwards.
      - V(rebuild_indexes) (C(RebuildSelectedStoreIndexes)) rebuilds the search indexes of the stores
        selected for a rebuild; with O(all_stores=true), it selects all stores first
        (C(SelectAllStoreIndexesForRebuild)).
      - V(refresh_statistics) (C(RefreshAllStoreStatistics)), V(retry_open) (C(RetryOpenStores)) and
        V(maintain_file_system_databases) (C(MaintainFileSystemDatabases)) work on the whole instance.
      - Exactly one of O(operation) and O(token) is required.
    type: str
    choices:
      - compact
      - maintain_file_system_databases
      - merge
      - rebuild_indexes
      - recover
      - recreate_recovery_records
      - refresh_statistics
      - repair_database
      - retry_open
      - upgrade
      - verify
  name:
    description:
      - The name of the store to work on (for V(merge), the destination). Two stores with this name
        are an error; give O(id) instead.
    type: str
  id:
    description:
      - The ID of the store to work on (for V(merge), the destination).
    type: int
  all_stores:
    description:
      - Work on all stores, for the operations the API has a command for (V(verify), V(rebuild_indexes)).
    type: bool
    default: false
  source:
    description:
      - For V(merge), the name of the store whose messages move into the destination.
    type: str
  source_id:
    description:
      - For V(merge), the ID of the store whose messages move into the destination.
    type: int
  include_indexes:
    description:
      - For V(verify), whether to verify the search indexes as well.
    type: bool
  encryption_key:
    description:
      - For V(recover), the store's encryption key, when it cannot be read from the store's key file.
    type: str
  recover_deleted_messages:
    description:
      - For V(recover), whether to recover deleted messages that still have leftovers in the recovery records.
    type: bool
  token:
    description:
      - The token of an operation started earlier (RV(token) of a task with O(wait=false), or of a
        task whose wait failed). Without O(cancel), the module follows it until it ends, for up to
        O(wait_timeout) seconds; this changes nothing and runs in check mode too.
    type: str
  cancel:
    description:
      - With O(token), ask the server to cancel that operation (C(cancel-async)). The server
        decides if and when it stops; a cancelled operation changes nothing. Not sent in check mode.
    type: bool
    default: false
  wait:
    description:
      - Whether to wait for the operation to end. With V(false), RV(token) is returned at once.
    type: bool
    default: true
  wait_timeout:
    description:
      - Seconds to wait for the operation to end before failing (it goes on in the server, and
        RV(token) is returned to follow it).
    type: int
    default: 3600
  cancel_on_timeout:
    description:
      - Whether to ask the server to cancel the operation when O(wait_timeout) passes.
    type: bool
    default: false
attributes:
  check_mode:
    description: Can run in check mode and return changed status prediction without modifying the target.
    support: full
    details:
      - V(verify), V(refresh_statistics) and following a O(token) run; the other operations are
        predicted (RV(commands)) and not sent.
  diff_mode:
    description: Will return details on what has changed (or possibly needs changing in check mode), when in diff mode.
    support: none
  async:
    description: Supports being used with the C(async) keyword.
    support: full
    details:
      - The task then runs as a module process in the background; C(async_status) or C(poll) follow it.
notes:
  - Store operations do not need the service provider's archive admin access, but the instance must run.
version_added: 1.0.0
author: mailstore.spe contributors (@mailstore-spe)
extends_documentation_fragment: [mailstore.spe.connection, mailstore.spe.common, mailstore.spe.instance]
seealso:
  - module: mailstore.spe.spe_store
  - module: mailstore.spe.spe_store_info
"""

EXAMPLES = r"""
- name: Verify an archive store with its search indexes (changes nothing; runs in check mode too)
  mailstore.spe.spe_store_maintenance:
    instance_id: acme
    name: Messages 2024
    operation: verify
    include_indexes: true
  register: verification

- name: Verify all archive stores
  mailstore.spe.spe_store_maintenance:
    instance_id: acme
    operation: verify
    all_stores: true

- name: Start compacting a store and do not wait
  mailstore.spe.spe_store_maintenance:
    instance_id: acme
    name: Messages 2022
    operation: compact
    wait: false
  register: compaction

- name: Ask the server to cancel the compaction
  mailstore.spe.spe_store_maintenance:
    instance_id: acme
    token: "{{ compaction.token }}"
    cancel: true

- name: Merge an old store into another (nothing to do once the source is gone)
  mailstore.spe.spe_store_maintenance:
    instance_id: acme
    name: Messages 2022
    operation: merge
    source: Messages 2015

- name: Rebuild the search indexes of all stores, in the background
  mailstore.spe.spe_store_maintenance:
    instance_id: acme
    operation: rebuild_indexes
    all_stores: true
  async: 3600
  poll: 0
  register: rebuild

- name: Wait for the rebuild
  ansible.builtin.async_status:
    jid: "{{ rebuild.ansible_job_id }}"
  register: rebuild_status
  until: rebuild_status.finished
  retries: 60
  delay: 2

- name: Refresh the statistics of every store
  mailstore.spe.spe_store_maintenance:
    instance_id: acme
    operation: refresh_statistics
"""

RETURN = r"""
operation:
  description: The operation run.
  returned: when O(operation) was given
  type: str
  sample: verify
store:
  description: The store worked on (for V(merge), the destination).
  returned: when the operation works on one store
  type: dict
  sample: {"id": 3, "name": "Messages 2024"}
result:
  description: The operation's result as the server returned it (for V(verify), the stores and their errors).
  returned: when the operation was sent and waited for
  type: raw
  sample: {"stores": [{"id": 3, "name": "Messages 2024", "errors": 0}], "includeIndexes": true}
status:
  description: The operation's last status (V(succeeded), or V(running) with O(wait=false)).
  returned: when the operation was sent
  type: str
  sample: succeeded
percent_progress:
  description: The last progress in percent the server reported.
  returned: when the operation was sent
  type: int
  sample: 100
status_text:
  description: The last status text the server reported.
  returned: when the operation was sent
  type: str
  sample: Completed.
progress:
  description: Every change of progress seen while waiting, in order (each also shown as a line while the task waits).
  returned: when the operation was sent, or O(token) followed
  type: list
  elements: dict
  sample: [{"percent": 25, "status_text": "Verifying archive store 3 (25%)", "status": "running"}]
log_output:
  description: The operation's log output.
  returned: when the operation was sent
  type: str
  sample: "Verifying archive store 3 ('Messages 2024')"
token:
  description:
    - The token of the running operation, for O(token) in a later task.
  returned: with O(wait=false), with O(token), and on failure once the server accepted the operation
  type: str
  sample: 0f3c9a7e2b1d4c5a
msg:
  description: Why nothing was sent, or what check mode or O(cancel) did.
  returned: when nothing was sent, in check mode, after O(cancel), on failure
  type: str
commands: {description: API commands sent in order (check mode - would send; failure - applied then failing)., returned: always, type: list, elements: str}
commands_uncertain: {description: Sent without an answer - the server may have applied it; a re-run converges., returned: on failure, type: list, elements: str}
failed_command: {description: The API command that failed., returned: when an API command failed, type: str}
error: {description: 'Without passwords: kind, command, message, details, http_status, token.', returned: when an API call failed, type: dict}
"""

from ansible_collections.mailstore.spe.plugins.module_utils.declarations.store_maintenance import STORE_MAINTENANCE
from ansible_collections.mailstore.spe.plugins.module_utils.runner import run_module


def main():
    """spe_store_maintenance in a module process (MAILSTORE_SPE_EXECUTION=module); in-process, the action plugin runs the same spec."""
    run_module(STORE_MAINTENANCE.module_specs()[STORE_MAINTENANCE.module])


if __name__ == '__main__':
    main()
