#!/usr/bin/python
# Copyright: contributors to mailstore.spe
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
from __future__ import absolute_import, division, print_function

__metaclass__ = type

DOCUMENTATION = r"""
module: spe_instance_info
short_description: Read the instances of a MailStore SPE system
description:
  - Lists instances of a MailStore Service Provider Edition (SPE) system with their running
    state and, by default, their configuration and service provider access.
  - Read-only. Reports C(changed=false), and reads in check mode too.
  - The output uses the option names of M(mailstore.spe.spe_instance) for what that module manages, so
    it can be fed back into it, plus every other key the API returns, in snake_case.
  - A failing API call fails the task with the server's message (RV(msg), RV(error)).
version_added: 0.1.0
author:
  - mailstore.spe contributors (@mailstore-spe)
options:
  instance_id:
    description:
      - The ID of the one instance to read. Returns an empty list when it does not exist.
      - Mutually exclusive with O(instance_filter).
    type: str
  instance_filter:
    description:
      - Which instances to read, in the SPE instance filter syntax.
      - V(*) - all instances.
      - V(acme globex initech) - these instances.
      - V(*spe-host01) - all instances on the instance host C(spe-host01).
      - V(* .running) or V(* .stopped) - all running or all stopped instances.
      - Mutually exclusive with O(instance_id).
    type: str
    default: '*'
  include_configuration:
    description:
      - Whether to read the whole configuration of each instance (one more API call per
        instance, and one more for O(mailstore.spe.spe_instance#module:service_provider_access) of each
        running instance).
      - Without it, only what the instance list holds is returned (ID, names, host, start mode,
        status).
    type: bool
    default: true
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
  - module: mailstore.spe.spe_instance
  - name: MailStore SPE Management API
    description: The vendor's description of the API and its commands.
    link: https://help.mailstore.com/en/spe/Management_API_-_Function_Reference
"""

EXAMPLES = r"""
- name: Read instances
  module_defaults:
    group/mailstore.spe.spe:
      server: spe.example.com
      username: admin
      password: "{{ spe_api_password }}"
  block:
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
        instance_filter: "* .running"
        include_configuration: false
      register: running
"""

RETURN = r"""
instances:
  description:
    - The instances found, each with the option names of M(mailstore.spe.spe_instance) and
      every other key the API returns, in snake_case (for example C(status)).
    - C(service_provider_access) only for running instances, and only with O(include_configuration=true).
  returned: success
  type: list
  elements: dict
  sample:
    - instance_id: acme
      display_name: ACME Corp
      alias: ''
      instance_host: spe-host01
      base_directory: 'D:\MailStore\Instances\acme'
      start_mode: automatic
      debug_log_enabled: false
      imap_server_connection_log_enabled: false
      vss_writer_enabled: true
      vss_writer_exclude_indexes: false
      service_provider_access: true
      status: running
      start_stop_error: null
      process_id: 4242
msg:
  description: What went wrong.
  returned: on failure
  type: str
  sample: "Reading instances failed: GetInstances: Invalid instance filter."
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

from ansible_collections.mailstore.spe.plugins.module_utils.info import INSTANCE_INFO
from ansible_collections.mailstore.spe.plugins.module_utils.runner import run_module


def main():
    run_module(INSTANCE_INFO)


if __name__ == '__main__':
    main()
