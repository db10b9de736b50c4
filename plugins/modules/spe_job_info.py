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
      - Only the jobs with this name (and, with O(results_from), only their results in RV(job_results)).
    type: str
  results_from:
    description:
      - With O(results_to), also return the results of the job runs (C(GetJobResults)) and of the
        profile runs (C(GetWorkerResults)) that started in [O(results_from), O(results_to)), as
        V(YYYY-MM-DD) or V(YYYY-MM-DDThh:mm:ss) in O(time_zone_id).
    type: str
  results_to:
    description:
      - The end (excluded) of the time range of O(results_from).
    type: str
  time_zone_id:
    description:
      - The time zone of O(results_from), O(results_to) and of the times in the results.
      - Defaults to V($Local), the time zone of the server's operating system.
    type: str
  time_zones:
    description:
      - Also return the time zones the server knows (C(GetTimeZones)) in RV(time_zones).
    type: bool
    default: false
version_added: 1.0.0
author: mailstore.spe contributors (@mailstore-spe)
extends_documentation_fragment: [mailstore.spe.connection, mailstore.spe.common, mailstore.spe.instance, mailstore.spe.info]
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

- name: Read what the jobs and profiles did in March 2025, in Central European time
  mailstore.spe.spe_job_info:
    instance_id: acme
    results_from: '2025-03-01'
    results_to: '2025-04-01'
    time_zone_id: W. Europe Standard Time
  register: march

- name: Which time zones does the server know?
  mailstore.spe.spe_job_info:
    instance_id: acme
    time_zones: true
  register: zones
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
job_results:
  description: The job runs that started in the time range, each with every key the API returns, in snake_case.
  returned: with O(results_from)
  type: list
  elements: dict
  sample:
    - {id: 4, job_id: 12, job_name: Nightly directory sync, action: SyncUsersWithDirectoryServices, owner: admin,
       start_time: '2025-03-02T02:30:00', end_time: '2025-03-02T02:31:05', result: succeeded, output: ''}
worker_results:
  description: The profile runs that started in the time range, each with every key the API returns, in snake_case.
  returned: with O(results_from)
  type: list
  elements: dict
time_zones:
  description: The time zones the server knows, with C(id) and C(display_name).
  returned: with O(time_zones=true)
  type: list
  elements: dict
  sample: [{id: W. Europe Standard Time, display_name: '(UTC+01:00) Amsterdam, Berlin, Bern, Rome, Stockholm, Vienna'}]
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
