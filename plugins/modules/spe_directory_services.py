#!/usr/bin/python
# Copyright: contributors to mailstore.spe
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
from __future__ import absolute_import, division, print_function

__metaclass__ = type

DOCUMENTATION = r"""
module: spe_directory_services
short_description: Manage the directory services configuration of a MailStore SPE instance
description:
  - Sets where an instance's users come from (Active Directory, an LDAP server, Microsoft 365, ...)
    and, on request, synchronizes the instance's users with that directory (SyncUsersWithDirectoryServices).
  - The configuration always exists; the module changes only the options the task sets and sends the
    whole object, so keys it does not know are kept as the server serves them.
  - The reference documents no keys of the configuration ("use GetDirectoryServicesConfiguration to
    receive supported values"). The options below are the keys this collection documents
    (docs/tenant-configuration.md); the server keeps what it is given.
  - O(bind_password) is write-only. The API never returns it, so it is sent when another option changes
    or with O(update_password=always), never compared, and shown as a mask in results and C(--diff).
options:
  type:
    description:
      - The kind of directory. V(none) means the users are managed in the instance alone; a sync then fails.
      - The reference's spellings (V(activeDirectory), V(genericLdap), ...) are accepted too.
    type: str
    choices: [none, active_directory, generic_ldap, microsoft_365, google_workspace, mdaemon, ice_warp, kerio, application_integration]
  directory_server:
    description:
      - The host name or address of the directory server (the API key C(server)).
    type: str
  directory_port:
    description:
      - The port of the directory server (the API key C(port)), 1 to 65535.
    type: int
  encryption:
    description:
      - How the connection to the directory server is protected.
    type: str
    choices: [none, ssl, starttls]
  base_dn:
    description:
      - The distinguished name below which users and groups are searched (the API key C(baseDN)).
    type: str
  bind_user:
    description:
      - The account the instance binds to the directory with.
    type: str
  bind_password:
    description:
      - The password of O(bind_user). Write-only; see O(update_password).
    type: str
  user_filter:
    description:
      - An LDAP filter that selects the users to synchronize.
    type: str
  group:
    description:
      - Synchronize only the members of this group. V("") synchronizes every user the filter selects.
    type: str
  delete_users:
    description:
      - Whether a sync deletes the instance's directory users that the directory no longer holds.
        Their archives stay.
    type: bool
  update_password:
    description:
      - V(on_change) sends O(bind_password) only when another option changes (the API cannot say whether
        the stored password differs).
      - V(always) sends it on every run, which then always reports a change.
    type: str
    choices: [on_change, always]
    default: on_change
  sync:
    description:
      - When to synchronize the users with the directory (SyncUsersWithDirectoryServices), after the
        configuration is set.
      - V(never) does not synchronize. V(on_change) synchronizes when this task changed the configuration.
        V(always) synchronizes on every run, but a run whose sync would add, update and delete no user
        (its dry run says so) sends no sync and reports no change.
      - In check mode the sync runs as the API's dry run (C(dryRun=true)), which changes nothing, and
        RV(sync) reports what it would do. When the task also changes the configuration, the dry run can
        only use the stored configuration; a warning says so.
      - The sync is a long-running operation; the task waits for it up to O(wait_timeout).
    type: str
    choices: [never, on_change, always]
    default: never
  wait_timeout:
    description:
      - How many seconds the task waits for the sync before it fails (the sync goes on in the server).
    type: int
    default: 600
version_added: 1.0.0
author: mailstore.spe contributors (@mailstore-spe)
extends_documentation_fragment: [mailstore.spe.connection, mailstore.spe.common, mailstore.spe.instance, mailstore.spe.resource]
seealso:
  - module: mailstore.spe.spe_directory_services_info
  - module: mailstore.spe.spe_user
"""

EXAMPLES = r"""
- name: Take ACME Corp's users from its Active Directory, and synchronize them when the settings change
  mailstore.spe.spe_directory_services:
    instance_id: acme
    type: active_directory
    directory_server: dc01.acme.example
    directory_port: 636
    encryption: ssl
    base_dn: DC=acme,DC=example
    bind_user: CN=svc-mailstore,OU=Service,DC=acme,DC=example
    bind_password: "{{ acme_ldap_bind_password | default('Bind-Secret-1') }}"
    group: MailStore Users
    delete_users: false
    sync: on_change

- name: Synchronize ACME Corp's users now (a no-op when the directory holds nothing new)
  mailstore.spe.spe_directory_services:
    instance_id: acme
    sync: always
  register: acme_sync

- name: Say what the sync did
  ansible.builtin.debug:
    msg: "Added {{ acme_sync.sync.users_added | length }} user(s)"
"""

RETURN = r"""
directory_services:
  description: The directory services configuration as it now is (in check mode, as predicted), without the password.
  returned: success
  type: dict
  sample:
    type: active_directory
    directory_server: dc01.acme.example
    directory_port: 636
    encryption: ssl
    base_dn: DC=acme,DC=example
    bind_user: CN=svc-mailstore,OU=Service,DC=acme,DC=example
    user_filter: null
    group: MailStore Users
    delete_users: false
sync:
  description:
    - What the sync did, or in check mode what its dry run says it would do (O(sync)).
    - Absent when no sync was wanted.
  returned: when O(sync) is not V(never) and a sync or its dry run ran
  type: dict
  contains:
    dry_run: {description: "Whether this is the dry run's report (nothing was changed).", type: bool, returned: always}
    users_added: {description: 'The users created from the directory.', type: list, elements: str, returned: always}
    users_updated: {description: 'The users whose name, addresses or authentication were updated.', type: list, elements: str, returned: always}
    users_deleted: {description: 'The users deleted because the directory no longer holds them (O(delete_users)).', type: list, elements: str, returned: always}
  sample: {dry_run: false, users_added: [alice, bob], users_updated: [], users_deleted: []}
commands: {description: API commands sent in order (check mode - would send; failure - applied then failing)., returned: always, type: list, elements: str}
commands_uncertain: {description: Sent without an answer - the server may have applied it; a re-run converges., returned: on failure, type: list, elements: str}
failed_command: {description: The API command that failed., returned: when an API command failed, type: str}
error: {description: 'Without passwords: kind, command, message, details, http_status, token.', returned: when an API call failed, type: dict}
"""

from ansible_collections.mailstore.spe.plugins.module_utils.declarations.directory_services import DIRECTORY_SERVICES
from ansible_collections.mailstore.spe.plugins.module_utils.runner import run_module


def main():
    """spe_directory_services in a module process (MAILSTORE_SPE_EXECUTION=module); in-process, the action plugin runs the same spec."""
    run_module(DIRECTORY_SERVICES.module_spec())


if __name__ == '__main__':
    main()
