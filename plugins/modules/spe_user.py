#!/usr/bin/python
# Copyright: contributors to mailstore.spe
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
from __future__ import absolute_import, division, print_function

__metaclass__ = type

DOCUMENTATION = r"""
module: spe_user
short_description: Manage the users of a MailStore SPE instance, their privileges and folder access
description:
  - Creates, changes and deletes users of an instance of a MailStore Service Provider Edition (SPE) system,
    with their global privileges, their access to archive folders, their e-mail addresses and POP3 user
    names, and their password.
  - O(email_addresses), O(pop3_user_names) and O(privileges) compare as sets; their order does not matter.
options:
  user_name:
    description:
      - The user's name, which identifies the user.
    type: str
    required: true
  full_name:
    description:
      - The user's full name.
    type: str
  distinguished_name:
    description:
      - The user's LDAP distinguished name, for users synchronized with a directory service.
    type: str
  authentication:
    description:
      - How the user's password is checked.
      - V(integrated) - by MailStore, against the password set with O(user_password).
      - V(directory_services) - by the instance's directory service.
    type: str
    choices:
      - integrated
      - directory_services
  email_addresses:
    description:
      - The user's e-mail addresses, all of them. Compared as a set.
      - V([]) removes every address.
    type: list
    elements: str
  pop3_user_names:
    description:
      - The user's POP3 user names, all of them. Compared as a set.
      - V([]) removes every name.
    type: list
    elements: str
  privileges:
    description:
      - The user's global privileges, all of them. Compared as a set.
      - V(none) - no global privileges; the same as V([]). Only alone.
      - V(admin) - administrator privileges. Only alone.
      - V(login) - may log on to the instance.
      - V(change_password) - may change the own password (for O(authentication=integrated)).
      - V(archive) - may run archiving profiles.
      - V(modify_archive_profiles) - may create, change and delete archiving profiles.
      - V(export) - may run export profiles.
      - V(modify_export_profiles) - may create, change and delete export profiles.
      - V(delete) - may delete messages (in folders with delete access; compliance settings may still
        prevent it).
      - A new user without O(privileges) gets V(none).
    type: list
    elements: str
    choices:
      - none
      - admin
      - login
      - change_password
      - archive
      - modify_archive_profiles
      - export
      - modify_export_profiles
      - delete
  folder_access:
    description:
      - The user's access to archive folders.
      - Each folder listed gets exactly the privileges listed for it. V(none) or V([]) removes the user's
        access to that folder.
      - Folders not listed keep their access, unless O(purge_folder_access=true). So O(folder_access=[])
        changes nothing unless O(purge_folder_access=true).
    type: list
    elements: dict
    suboptions:
      folder:
        description:
          - The folder's name, for example the user's own archive folder V(jdoe).
        type: str
        required: true
      privileges:
        description:
          - V(read), V(write) (messages may be moved within the archive), V(delete), or V(none) alone
            for no access.
        type: list
        elements: str
        required: true
        choices:
          - none
          - read
          - write
          - delete
  purge_folder_access:
    description:
      - Whether the user loses the access to every folder not listed in O(folder_access).
      - Only used with O(folder_access). O(folder_access=[]) and O(purge_folder_access=true) remove the
        user's access to every folder.
    type: bool
    default: false
  user_password:
    description:
      - The user's password, for O(authentication=integrated).
      - Not to be confused with O(password), the password of the API connection.
      - Write-only; the API never returns it. When it is sent depends on O(update_password).
    type: str
  update_password:
    description:
      - V(on_create) - O(user_password) is sent only when the user is created.
      - V(always) - O(user_password) is sent on every run. As the module cannot know whether it differs
        from the current one, the task then reports a change on every run.
    type: str
    choices:
      - on_create
      - always
    default: on_create
  rename_from:
    description:
      - The user's name before a rename in the definition.
      - When a user of this name exists and none named O(user_name), it is renamed (C(RenameUser), which
        also renames the user's archive folder and keeps its folder access) to O(user_name) and
        converged in the same run; RV(renamed_from) says so. When a user named O(user_name) exists,
        there is nothing to rename. When both exist, the task fails without a change. When neither
        exists, the user O(user_name) is created.
      - Names are compared case-insensitively, as the server does. Only with O(state=present).
    type: str
notes:
  - O(password) is the password of the API connection, as in every module of this collection; the user's
    own password is O(user_password).
  - A new user has no access to any folder, not even to an archive folder of its own. Grant it with O(folder_access).
version_added: 1.0.0
author: mailstore.spe contributors (@mailstore-spe)
extends_documentation_fragment: [mailstore.spe.connection, mailstore.spe.common, mailstore.spe.instance, mailstore.spe.state, mailstore.spe.resource]
seealso:
  - module: mailstore.spe.spe_user_info
"""

EXAMPLES = r"""
- name: Create jdoe with an initial password and access to the own archive
  mailstore.spe.spe_user:
    instance_id: acme
    user_name: jdoe
    full_name: John Doe
    authentication: integrated
    user_password: '{{ jdoe_initial_password }}'
    email_addresses:
      - john.doe@acme.example
      - j.doe@acme.example
    privileges:
      - login
      - change_password
      - export
    folder_access:
      - folder: jdoe
        privileges:
          - read
          - write

- name: Give the compliance officer read access to two archives, and only to those
  mailstore.spe.spe_user:
    instance_id: acme
    user_name: compliance
    privileges:
      - login
    folder_access:
      - folder: jdoe
        privileges:
          - read
      - folder: asmith
        privileges:
          - read
    purge_folder_access: true

- name: Take away jdoe's access to the archive of asmith
  mailstore.spe.spe_user:
    instance_id: acme
    user_name: jdoe
    folder_access:
      - folder: asmith
        privileges:
          - none

- name: Reset the password of a service account on every run
  mailstore.spe.spe_user:
    instance_id: acme
    user_name: svc-journal
    user_password: '{{ svc_journal_password }}'
    update_password: always

- name: asmith married and is now ajones; her archive, access and settings move with her
  mailstore.spe.spe_user:
    instance_id: acme
    user_name: ajones
    rename_from: asmith
    full_name: Alice Jones

- name: Delete a user who left
  mailstore.spe.spe_user:
    instance_id: acme
    user_name: bsmith
    state: absent
"""

RETURN = r"""
user:
  description:
    - The user as it now is, in the module's option names (never the password). In check mode, as predicted.
    - An empty dictionary after O(state=absent).
  returned: success
  type: dict
  sample:
    user_name: jdoe
    full_name: John Doe
    distinguished_name: null
    authentication: integrated
    email_addresses:
      - john.doe@acme.example
      - j.doe@acme.example
    pop3_user_names: []
    privileges:
      - login
      - change_password
      - export
    folder_access:
      - folder: jdoe
        privileges:
          - read
          - write
renamed_from:
  description: The user's old name, when this run renamed the user (in check mode, would rename).
  returned: when renamed
  type: str
  sample: asmith
commands: {description: API commands sent in order (check mode - would send; failure - applied then failing)., returned: always, type: list, elements: str}
commands_uncertain: {description: Sent without an answer - the server may have applied it; a re-run converges., returned: on failure, type: list, elements: str}
failed_command: {description: The API command that failed., returned: when an API command failed, type: str}
error: {description: 'Without passwords: kind, command, message, details, http_status, token.', returned: when an API call failed, type: dict}
"""

from ansible_collections.mailstore.spe.plugins.module_utils.declarations.user import USER
from ansible_collections.mailstore.spe.plugins.module_utils.runner import run_module


def main():
    """spe_user in a module process (MAILSTORE_SPE_EXECUTION=module); in-process, the action plugin runs the same spec."""
    run_module(USER.module_spec())


if __name__ == '__main__':
    main()
