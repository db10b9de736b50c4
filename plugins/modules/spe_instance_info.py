#!/usr/bin/python
# Copyright: contributors to mailstore.spe
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
from __future__ import absolute_import, division, print_function

__metaclass__ = type

DOCUMENTATION = r"""
module: spe_instance_info
short_description: Read the instances of a MailStore SPE system
description:
  - Lists instances of a MailStore Service Provider Edition (SPE) system with their running state and,
    by default, their configuration and service provider access.
options:
  instance_id:
    description:
      - The ID of the one instance to read, matched exactly (never as a filter). Returns an empty
        list when it does not exist.
      - Mutually exclusive with O(filter).
    type: str
  filter:
    description:
      - Which instances to read, in the SPE instance filter syntax. Without O(instance_id) and
        O(filter), every instance is read.
      - V(*) - all instances.
      - V(acme globex initech) - these instances.
      - V(*spe-host01) - all instances on the instance host C(spe-host01).
      - V(* .running) or V(* .stopped) - all running or all stopped instances.
      - Mutually exclusive with O(instance_id).
    type: str
    aliases:
      - instance_filter
  include_configuration:
    description:
      - Whether to read the whole configuration of each instance (one more API call per instance, and
        one more for O(mailstore.spe.spe_instance#module:service_provider_access) of each running instance).
      - Without it, only what the instance list holds is returned (ID, names, host, start mode, status).
    type: bool
    default: true
  statistics:
    description:
      - Whether to read the archive statistics (C(GetInstanceStatistics)) and the live statistics of the
        instance process (C(GetInstanceProcessLiveStatistics)) of each running instance, as C(statistics)
        and C(live_statistics) of each entry of RV(instances). Two more API calls per running instance.
      - Both need the instance running, with service provider access. For any other instance both are
        V(null); a running instance without service provider access also gets a warning.
    type: bool
    default: false
version_added: 1.0.0
author: mailstore.spe contributors (@mailstore-spe)
extends_documentation_fragment: [mailstore.spe.connection, mailstore.spe.common, mailstore.spe.info]
seealso:
  - module: mailstore.spe.spe_instance
"""

EXAMPLES = r"""
- name: Read one instance
  mailstore.spe.spe_instance_info:
    instance_id: acme
  register: acme_info

- name: Fail unless ACME Corp's instance runs
  ansible.builtin.assert:
    that:
      - acme_info.instances | length == 1
      - acme_info.instances[0].status == 'running'

- name: List the running instances, without their configuration
  mailstore.spe.spe_instance_info:
    filter: '* .running'
    include_configuration: false
  register: running

- name: How much ACME Corp has archived, and what its process has archived since it started
  mailstore.spe.spe_instance_info:
    instance_id: acme
    include_configuration: false
    statistics: true
  register: acme_statistics
"""

RETURN = r"""
instances:
  description:
    - The instances found, each with the option names of M(mailstore.spe.spe_instance) and every other
      key the API returns, in snake_case (for example C(status)).
    - C(service_provider_access) only for running instances, and only with O(include_configuration=true)
      or O(statistics=true).
    - C(statistics) and C(live_statistics) only with O(statistics=true), as described there.
  returned: success
  type: list
  elements: dict
  sample:
    - instance_id: acme
      display_name: ACME Corp
      alias: ''
      instance_host: spe-host01
      base_directory: D:\MailStore\Instances\acme
      start_mode: automatic
      debug_log_enabled: false
      imap_server_connection_log_enabled: false
      vss_writer_enabled: true
      vss_writer_exclude_indexes: false
      service_provider_access: true
      status: running
      start_stop_error: null
      process_id: 4242
      statistics: {archive_store_count: 2, user_count: 12, message_count: 120400, total_size: 8012345678}
      live_statistics: {process_id: 4242, messages_archived: 10, bytes_archived: 512000}
failed_command: {description: The API command that failed., returned: when an API command failed, type: str}
error: {description: 'Without passwords: kind, command, message, details, http_status, token.', returned: when an API call failed, type: dict}
"""

from ansible_collections.mailstore.spe.plugins.module_utils.declarations.instance import INSTANCE
from ansible_collections.mailstore.spe.plugins.module_utils.runner import run_module


def main():
    """spe_instance_info in a module process (MAILSTORE_SPE_EXECUTION=module); in-process, the action plugin runs the same spec."""
    run_module(INSTANCE.info_spec())


if __name__ == '__main__':
    main()
