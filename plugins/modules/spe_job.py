#!/usr/bin/python
# Copyright: contributors to mailstore.spe
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
from __future__ import absolute_import, division, print_function

__metaclass__ = type

DOCUMENTATION = r"""
module: spe_job
short_description: Manage the scheduled jobs of a MailStore SPE instance
description:
  - Creates, changes, enables, disables and deletes jobs of an instance of a MailStore Service Provider
    Edition (SPE) system. A job runs a Management API command on a schedule.
  - A job is found by its O(name). Two jobs with that name in the instance are an error that says so;
    rename or delete the extra one first.
  - The API cannot change the O(action) or the O(owner) of a job. Changing either deletes the job and
    creates it again, with a new ID; the result says so (RV(recreated), C(msg)).
options:
  name:
    description:
      - The job's name, which identifies it.
    type: str
    required: true
  action:
    description:
      - The Management API command line the job runs, for example V(SyncUsersWithDirectoryServices) or
        V(RunProfile --id=3).
      - Required to create a job.
      - Changing it deletes the job and creates it again (with a new ID).
    type: str
  owner:
    description:
      - The user the job runs as; must be a user of the instance with the V(admin) privilege.
      - When not given to a new job, the server chooses the owner.
      - Changing it deletes the job and creates it again (with a new ID).
    type: str
  time_zone_id:
    description:
      - The time zone the schedule's dates and times are in, as the server names it, for example V($Local)
        (the time zone of the server's operating system) or V(W. Europe Standard Time).
      - The C(GetTimeZones) command of the API lists the names (see M(mailstore.spe.spe_command)).
    type: str
  schedule:
    description:
      - When the job runs. Exactly one of its options.
      - Compared by meaning, for example V(02:30) and V(02:30:00) are the same time.
      - Changing it, or O(time_zone_id), sends the whole schedule again.
    type: dict
    suboptions:
      once:
        description:
          - Run once, at this date and time (V(YYYY-MM-DDThh:mm:ss)).
        type: str
      interval:
        description:
          - Run every this many minutes.
        type: int
        choices:
          - 5
          - 10
          - 15
          - 20
          - 30
          - 60
          - 120
          - 180
          - 240
          - 360
          - 720
      daily:
        description:
          - Run every day at this time (V(hh:mm) or V(hh:mm:ss)).
        type: str
      weekly:
        description:
          - Run every week on this day, at this time.
        type: dict
        suboptions:
          day:
            description: The day of the week.
            type: str
            required: true
            choices:
              - sunday
              - monday
              - tuesday
              - wednesday
              - thursday
              - friday
              - saturday
          time:
            description: The time of day (V(hh:mm) or V(hh:mm:ss)).
            type: str
            required: true
      monthly:
        description:
          - Run every month on this day, at this time.
        type: dict
        suboptions:
          day:
            description: The day of the month, V(1) to V(31), or V(last) for the last day of the month.
            type: str
            required: true
          time:
            description: The time of day (V(hh:mm) or V(hh:mm:ss)).
            type: str
            required: true
          weekday:
            description: A day of the week that further defines the day (passed to the API as C(dayOfWeek)
              with C(dayOfMonth)).
            type: str
            choices:
              - sunday
              - monday
              - tuesday
              - wednesday
              - thursday
              - friday
              - saturday
  enabled:
    description:
      - Whether the job runs on its schedule. A new job without O(enabled) is enabled.
    type: bool
  rename_from:
    description:
      - The job's name before a rename in the definition.
      - When a job of this name exists and none named O(name), it is renamed (C(RenameJob)) to O(name)
        and converged in the same run; RV(renamed_from) says so. When a job named O(name) exists, there
        is nothing to rename. When both exist, the task fails without a change. When neither exists,
        the job O(name) is created.
      - Only with O(state=present).
    type: str
  run:
    description:
      - After converging the job, run it now (C(RunJobAsync)), also when it is disabled. Reports a change.
      - With O(wait=true) the module follows the run to its end, showing a line per change of its
        progress, and returns it in RV(run); with O(wait=false) it returns the run's token at once.
      - Not sent in check mode.
    type: bool
    default: false
  cancel:
    description:
      - After converging the job, cancel its running runs (C(CancelJobAsync)). Always reports a change, as the
        API does not tell whether the job was running (on a job that is not running it does nothing).
      - Not sent in check mode.
    type: bool
    default: false
  wait:
    description:
      - With O(run), whether to wait for the run to end.
    type: bool
    default: true
  wait_timeout:
    description:
      - With O(run) and O(wait), seconds to wait for the run to end before failing (the run goes on in the
        server; RV(run.token) is returned).
    type: int
    default: 3600
version_added: 1.0.0
author: mailstore.spe contributors (@mailstore-spe)
extends_documentation_fragment: [mailstore.spe.connection, mailstore.spe.common, mailstore.spe.instance, mailstore.spe.state, mailstore.spe.resource]
seealso:
  - module: mailstore.spe.spe_job_info
"""

EXAMPLES = r"""
- name: Synchronize the users with the directory every night
  mailstore.spe.spe_job:
    instance_id: acme
    name: Nightly directory sync
    action: SyncUsersWithDirectoryServices
    owner: admin
    time_zone_id: W. Europe Standard Time
    schedule:
      daily: 02:30

- name: Run archiving profile 3 every 15 minutes
  mailstore.spe.spe_job:
    instance_id: acme
    name: Archive journal mailbox
    action: RunProfile --id=3
    owner: admin
    time_zone_id: $Local
    schedule:
      interval: 15

- name: Weekly job, Sunday night
  mailstore.spe.spe_job:
    instance_id: acme
    name: Weekly cleanup
    action: DeleteEmptyFolders
    owner: admin
    schedule:
      weekly:
        day: sunday
        time: '23:00'

- name: On the last day of every month
  mailstore.spe.spe_job:
    instance_id: acme
    name: Month-end export
    action: RunProfile --id=7
    owner: admin
    schedule:
      monthly:
        day: last
        time: '22:00'

- name: Pause the directory sync
  mailstore.spe.spe_job:
    instance_id: acme
    name: Nightly directory sync
    enabled: false

- name: The job renamed in the definition keeps its schedule and history
  mailstore.spe.spe_job:
    instance_id: acme
    name: Directory sync
    rename_from: Nightly directory sync
    action: SyncUsersWithDirectoryServices

- name: Run the sync now and wait for it, showing its progress
  mailstore.spe.spe_job:
    instance_id: acme
    name: Directory sync
    run: true
  register: sync_run

- name: Start the weekly cleanup now without waiting
  mailstore.spe.spe_job:
    instance_id: acme
    name: Weekly cleanup
    run: true
    wait: false

- name: Cancel it
  mailstore.spe.spe_job:
    instance_id: acme
    name: Weekly cleanup
    cancel: true

- name: Delete a job that is no longer needed
  mailstore.spe.spe_job:
    instance_id: acme
    name: Archive journal mailbox
    state: absent
"""

RETURN = r"""
job:
  description:
    - The job as it now is, in the module's option names, with its C(id). In check mode, as predicted
      (a job still to be created has no C(id) yet).
    - An empty dictionary after O(state=absent).
  returned: success
  type: dict
  sample:
    id: 12
    name: Nightly directory sync
    action: SyncUsersWithDirectoryServices
    owner: admin
    time_zone_id: W. Europe Standard Time
    schedule:
      daily: 02:30:00
    enabled: true
recreated:
  description: Whether the job was deleted and created again because its O(action) or O(owner) changed
    (in check mode, whether it would be).
  returned: success
  type: bool
  sample: false
renamed_from:
  description: The job's old name, when this run renamed it (in check mode, would rename it).
  returned: when renamed
  type: str
  sample: Nightly directory sync
run:
  description: The run started with O(run=true), as the server reported it.
  returned: when O(run=true) and the run was sent
  type: dict
  contains:
    status:
      description: V(succeeded) when the run ended, V(running) with O(wait=false).
      type: str
      returned: always
    result:
      description: The run's result as the server returned it.
      type: raw
      returned: always
    log_output:
      description: The run's log output.
      type: str
      returned: always
    percent_progress:
      description: The last progress in percent.
      type: int
      returned: always
    status_text:
      description: The last status text.
      type: str
      returned: always
    progress:
      description: Every change of progress seen while waiting (percent, status_text, status).
      type: list
      elements: dict
      returned: always
    token:
      description: The run's token, for M(mailstore.spe.spe_command) O(mailstore.spe.spe_command#module:token), while it runs.
      type: str
      returned: with O(wait=false), and on failure once the server accepted the run
commands: {description: API commands sent in order (check mode - would send; failure - applied then failing)., returned: always, type: list, elements: str}
commands_uncertain: {description: Sent without an answer - the server may have applied it; a re-run converges., returned: on failure, type: list, elements: str}
failed_command: {description: The API command that failed., returned: when an API command failed, type: str}
error: {description: 'Without passwords: kind, command, message, details, http_status, token.', returned: when an API call failed, type: dict}
"""

from ansible_collections.mailstore.spe.plugins.module_utils.declarations.job import JOB
from ansible_collections.mailstore.spe.plugins.module_utils.runner import run_module


def main():
    """spe_job in a module process (MAILSTORE_SPE_EXECUTION=module); in-process, the action plugin runs the same spec."""
    run_module(JOB.module_spec())


if __name__ == '__main__':
    main()
