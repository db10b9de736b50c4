#!/usr/bin/python
# Copyright: contributors to mailstore.spe
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
from __future__ import absolute_import, division, print_function

__metaclass__ = type

DOCUMENTATION = r"""
module: spe_job
short_description: Manage the scheduled jobs of a MailStore SPE instance
description:
  - Creates, changes, enables, disables and deletes jobs of an instance of a MailStore Service
    Provider Edition (SPE) system. A job runs a Management API command on a schedule.
  - A job is found by its O(name). Two jobs with that name in the instance are an error that
    says so; rename or delete the extra one first.
  - The API cannot change the O(action) or the O(owner) of a job. Changing either deletes the
    job and creates it again, with a new ID; the result says so (RV(recreated), RV(msg)).
  - An option left unset is not managed.
  - Check mode predicts exactly what would be sent and writes nothing. When the instance does
    not exist or does not run yet (an earlier task in check mode only predicted creating or
    starting it), check mode predicts as for an empty instance and warns, instead of failing.
  - With C(--diff) the task shows the options it sets, and the job's O(name), before and after.
  - A failing API call fails the task with the command, the server's message and the commands
    already applied (RV(failed_command), RV(error), RV(commands)). Invalid input (for example
    two kinds of schedule, or a time that is not V(hh:mm)) fails before any API call.
version_added: 0.1.0
author:
  - mailstore.spe contributors (@mailstore-spe)
options:
  instance_id:
    description:
      - The ID of the instance the job belongs to.
      - The instance must run and give the service provider archive admin access (see
        M(mailstore.spe.spe_instance) O(mailstore.spe.spe_instance#module:service_provider_access)).
    type: str
    required: true
  name:
    description:
      - The job's name, which identifies it.
    type: str
    required: true
  action:
    description:
      - The Management API command line the job runs, for example
        V(SyncUsersWithDirectoryServices) or V(RunProfile --id=3).
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
      - The time zone the schedule's dates and times are in, as the server names it, for
        example V($Local) (the time zone of the server's operating system) or
        V(W. Europe Standard Time).
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
        choices: [5, 10, 15, 20, 30, 60, 120, 180, 240, 360, 720]
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
            choices: [sunday, monday, tuesday, wednesday, thursday, friday, saturday]
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
            description: A day of the week that further defines the day (passed to the API as C(dayOfWeek) with C(dayOfMonth)).
            type: str
            choices: [sunday, monday, tuesday, wednesday, thursday, friday, saturday]
  enabled:
    description:
      - Whether the job runs on its schedule. A new job without O(enabled) is enabled.
    type: bool
  state:
    description:
      - V(present) - the job exists.
      - V(absent) - the job is deleted.
    type: str
    choices: [present, absent]
    default: present
extends_documentation_fragment:
  - mailstore.spe.connection
  - ansible.builtin.action_common_attributes
  - ansible.builtin.action_common_attributes.flow
  - mailstore.spe.attributes
attributes:
  check_mode:
    support: full
    details:
      - Predicts exactly the commands that would be sent and the job as it would be.
      - When the instance does not exist or does not run, predicts as for an empty instance and warns.
  diff_mode:
    support: full
    details:
      - Before and after of the options the task sets.
notes:
  - The module does not run jobs; use the API command C(RunJobAsync) through
    M(mailstore.spe.spe_command) for that.
seealso:
  - module: mailstore.spe.spe_job_info
  - name: MailStore SPE Management API
    description: The vendor's description of the API and its commands.
    link: https://help.mailstore.com/en/spe/Management_API_-_Function_Reference
"""

EXAMPLES = r"""
- name: Manage the jobs of ACME Corp
  module_defaults:
    group/mailstore.spe.spe:
      server: spe.example.com
      username: admin
      password: "{{ spe_api_password }}"
  block:
    - name: Synchronize the users with the directory every night
      mailstore.spe.spe_job:
        instance_id: acme
        name: Nightly directory sync
        action: SyncUsersWithDirectoryServices
        owner: admin
        time_zone_id: W. Europe Standard Time
        schedule:
          daily: "02:30"

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
            time: "23:00"

    - name: On the last day of every month
      mailstore.spe.spe_job:
        instance_id: acme
        name: Month-end export
        action: RunProfile --id=7
        owner: admin
        schedule:
          monthly:
            day: last
            time: "22:00"

    - name: Pause the directory sync
      mailstore.spe.spe_job:
        instance_id: acme
        name: Nightly directory sync
        enabled: false

    - name: Delete a job that is no longer needed
      mailstore.spe.spe_job:
        instance_id: acme
        name: Archive journal mailbox
        state: absent
"""

RETURN = r"""
commands:
  description:
    - The names of the API commands sent, in order. In check mode, those that would be sent.
    - On failure, the commands applied before the failing one, followed by the failing one.
  returned: always
  type: list
  elements: str
  sample: ["CreateJob", "SetJobEnabled"]
job:
  description:
    - The job as it now is, in the module's option names, with its C(id). In check mode, as
      predicted (a job still to be created has no C(id) yet).
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
      daily: "02:30:00"
    enabled: true
recreated:
  description: Whether the job was deleted and created again because its O(action) or O(owner) changed (in check mode, whether it would be).
  returned: success
  type: bool
  sample: false
msg:
  description:
    - When the job was recreated, says so and gives the old ID.
    - On failure, what went wrong.
  returned: when the job was recreated, and on failure
  type: str
  sample: "The API cannot change action of a job in place: job 12 was deleted and created again (it gets a new id)."
failed_command:
  description: The API command that failed.
  returned: when an API command failed
  type: str
  sample: CreateJob
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

from ansible_collections.mailstore.spe.plugins.module_utils.resource_job import JOB
from ansible_collections.mailstore.spe.plugins.module_utils.runner import run_module


def main():
    run_module(JOB.module_spec())


if __name__ == '__main__':
    main()
