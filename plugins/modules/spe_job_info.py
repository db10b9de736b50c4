#!/usr/bin/python
# Copyright: contributors to mailstore.spe
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
from __future__ import absolute_import, division, print_function

__metaclass__ = type

DOCUMENTATION = r"""
module: spe_job_info
short_description: Read the scheduled jobs of a MailStore SPE instance
description:
  - Lists the jobs of an instance of a MailStore Service Provider Edition (SPE) system, with their action,
    owner, schedule and whether they are enabled.
options:
  name:
    description:
      - Only the jobs with this name.
    type: str
version_added: 0.1.0
author: mailstore.spe contributors (@mailstore-spe)
extends_documentation_fragment: [mailstore.spe.connection, mailstore.spe.instance, mailstore.spe.info]
seealso:
  - module: mailstore.spe.spe_job
"""

EXAMPLES = r"""
- name: Read the jobs of ACME Corp
  mailstore.spe.spe_job_info:
    instance_id: acme
  register: acme_jobs

- name: Show the disabled jobs
  ansible.builtin.debug:
    msg: '{{ acme_jobs.jobs | rejectattr(''enabled'') | map(attribute=''name'') | list }}'

- name: Read one job
  mailstore.spe.spe_job_info:
    instance_id: acme
    name: Nightly directory sync
  register: sync_job
"""

RETURN = r"""
jobs:
  description:
    - The jobs found, each with the option names of M(mailstore.spe.spe_job) (C(schedule) in its form),
      its C(id), and every other key the API returns, in snake_case.
  returned: success
  type: list
  elements: dict
  sample:
    - id: 12
      name: Nightly directory sync
      action: SyncUsersWithDirectoryServices
      owner: admin
      time_zone_id: W. Europe Standard Time
      schedule:
        daily: 02:30:00
      enabled: true
      last_run: '2025-03-02T02:30:00'
      next_run: null
failed_command: {description: The API command that failed., returned: when an API command failed, type: str}
error: {description: 'Without passwords: kind, command, message, details, http_status, token.', returned: when an API call failed, type: dict}
"""

from ansible_collections.mailstore.spe.plugins.module_utils.declarations.job import JOB
from ansible_collections.mailstore.spe.plugins.module_utils.runner import run_module


def main():
    """spe_job_info in a module process (MAILSTORE_SPE_EXECUTION=module); in-process, the action plugin runs the same spec."""
    run_module(JOB.info_spec())


if __name__ == '__main__':
    main()
