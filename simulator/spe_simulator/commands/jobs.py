# Copyright: contributors to mailstore.spe
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
#
# Jobs (scheduled Management API commands), their schedules and results, and time zones.
# S28: job ids are unique across the whole system because SetJobSchedule has no instanceID.

import re

from ..common import (
    TIME_ZONES,
    fail,
    fmt,
    from_zone,
    get_instance,
    in_range,
    parse_timestamp,
    require_choice,
    require_time_zone,
    time_range,
    to_zone,
    utc_now,
)
from ..operations import LongRunning, Outcome
from ..registry import INSTANCE, SYSTEM, ApiError, arg, command, opt
from .profiles import archive
from .users import find_user

# The CreateJob reference lists 240, the SetJobSchedule one 260 ("Every 4 hours"): 240 is taken
# to be right in both (S28).
INTERVALS = (5, 10, 15, 20, 30, 60, 120, 180, 240, 360, 720)
DAYS = ('Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday')
_TIME = re.compile(r'^([01][0-9]|2[0-3]):([0-5][0-9])(?::([0-5][0-9]))?$')
_DATE = re.compile(r'^[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}$')

SCHEDULE_ARGS = [opt('date'), opt('interval', 'number'), opt('time'), opt('dayOfWeek'), opt('dayOfMonth')]


def build_schedule(date=None, interval=None, time=None, dayOfWeek=None, dayOfMonth=None):
    schedule = {'type': 'none', 'date': None, 'interval': None, 'time': None, 'dayOfWeek': None, 'dayOfMonth': None}
    given = [n for n, v in (('date', date), ('interval', interval), ('time', time)) if v is not None]
    if len(given) > 1:
        fail('Give only one of date, interval or time (got %s).' % ', '.join(given))
    if (dayOfWeek is not None or dayOfMonth is not None) and time is None:
        fail('dayOfWeek and dayOfMonth need the parameter time as well.')
    if date is not None:
        if not _DATE.match(date):
            fail("date must be YYYY-MM-DDThh:mm:ss, got '%s'." % date)
        parse_timestamp(date, 'date')
        schedule.update(type='once', date=date)
    elif interval is not None:
        if interval not in INTERVALS:
            fail(
                'Invalid interval %s; allowed values (minutes): %s.' % (interval, ', '.join(str(i) for i in INTERVALS))
            )
        schedule.update(type='interval', interval=int(interval))
    elif time is not None:
        m = _TIME.match(time)
        if not m:
            fail("time must be hh:mm or hh:mm:ss, got '%s'." % time)
        schedule['time'] = '%s:%s:%s' % (m.group(1), m.group(2), m.group(3) or '00')
        if dayOfWeek is not None:
            require_choice(dayOfWeek, DAYS, 'dayOfWeek')
            schedule['dayOfWeek'] = dayOfWeek
        if dayOfMonth is not None:
            if dayOfMonth != 'Last' and not (dayOfMonth.isdigit() and 1 <= int(dayOfMonth) <= 31):
                fail("Invalid dayOfMonth '%s'; allowed values: 1 to 31 or Last." % dayOfMonth)
            schedule['dayOfMonth'] = dayOfMonth if dayOfMonth == 'Last' else str(int(dayOfMonth))
            schedule['type'] = 'monthly'
        elif dayOfWeek is not None:
            schedule['type'] = 'weekly'
        else:
            schedule['type'] = 'daily'
    return schedule


def find_job(state, job_id, inst=None):
    for instance_id, candidate in state['instances'].items():
        for job in candidate['jobs']:
            if job['id'] == job_id:
                if inst is not None and candidate is not inst:
                    break
                return instance_id, job
    if inst is not None:
        fail("Job %s does not exist in instance '%s'." % (job_id, inst['config']['instanceID']))
    fail('Job %s does not exist.' % job_id)
    return None


def _job_id(value, what='id'):
    if value is None:
        fail('Missing API argument %s.' % what)  # S28: optional in the reference, needed here
    if isinstance(value, str):
        if not value.strip().isdigit():
            fail("%s must be a job id (a whole number), got '%s'." % (what, value))
        return int(value)
    if int(value) != value:
        fail('%s must be a job id (a whole number), got %s.' % (what, value))
    return int(value)


def job_entry(inst, job):
    last = [r for r in inst['jobResults'] if r['jobId'] == job['id']]
    next_run = None
    if job['enabled'] and job['schedule']['type'] == 'once':
        if from_zone(parse_timestamp(job['schedule']['date'], 'date'), job['timeZoneId']) > utc_now():
            next_run = job['schedule']['date']  # S28: only computed for one-off schedules
    return {
        'id': job['id'],
        'name': job['name'],
        'action': job['action'],
        'owner': job['owner'],
        'timeZoneId': job['timeZoneId'],
        'enabled': job['enabled'],
        'schedule': dict(job['schedule']),
        'lastRun': to_zone(last[-1]['startTime'], job['timeZoneId']) if last else None,
        'nextRun': next_run,
    }


@command(
    'CreateJob',
    scope=INSTANCE,
    args=[arg('instanceID'), opt('name'), opt('action'), opt('owner'), opt('timeZoneId')] + SCHEDULE_ARGS,
)
def create_job(ctx, inst, name=None, action=None, owner=None, timeZoneId=None, **schedule):
    if not name or not name.strip():
        fail('A job needs a name (argument name).')
    if not action or not action.strip():
        fail('A job needs an action: the Management API command to run (argument action).')
    owner_user = find_user(inst, owner or 'admin', must_exist=False)
    if owner_user is None:
        fail("Job owner '%s' does not exist in instance '%s'." % (owner, inst['config']['instanceID']))
    if 'admin' not in owner_user['privileges']:
        fail("Job owner '%s' must be an administrator (privilege admin)." % owner_user['userName'])
    tz = require_time_zone(timeZoneId or '$Local')
    job = {
        'id': ctx.state['next_job_id'],
        'name': name,
        'action': action,
        'owner': owner_user['userName'],
        'timeZoneId': tz,
        'enabled': True,
        'schedule': build_schedule(**schedule),
    }
    ctx.state['next_job_id'] += 1
    inst['jobs'].append(job)
    return job_entry(inst, job)  # S47


@command('GetJobs', scope=INSTANCE, args=[arg('instanceID')])
def get_jobs(ctx, inst):
    return [job_entry(inst, j) for j in inst['jobs']]


@command(
    'SetJobSchedule', scope=SYSTEM, args=[arg('id', 'number'), arg('timeZoneId')] + SCHEDULE_ARGS, reports_changes=True
)
def set_job_schedule(ctx, id_, timeZoneId, **schedule):
    instance_id, job = find_job(ctx.state, _job_id(id_))
    inst = get_instance(ctx.state, instance_id)
    # S19: the job's instance must be usable, as for commands that name it.
    if inst['status'] != 'running':
        fail("Instance '%s' is not running (status: %s)." % (instance_id, inst['status']))
    if not inst['archiveAdminEnabled']:
        fail("Service provider access is disabled for instance '%s'." % instance_id)
    ctx.touch(instance_id)
    job['timeZoneId'] = require_time_zone(timeZoneId)
    job['schedule'] = build_schedule(**schedule)


@command('SetJobEnabled', scope=INSTANCE, args=[arg('instanceID'), opt('id', 'number'), opt('enabled', 'bool')])
def set_job_enabled(ctx, inst, id_=None, enabled=None):
    _owner_id, job = find_job(ctx.state, _job_id(id_), inst)
    if enabled is None:
        fail('Missing API argument enabled.')
    job['enabled'] = enabled


@command('RenameJob', scope=INSTANCE, args=[arg('instanceID'), opt('id', 'number'), opt('name')])
def rename_job(ctx, inst, id_=None, name=None):
    _owner_id, job = find_job(ctx.state, _job_id(id_), inst)
    if not name or not name.strip():
        fail('name must not be empty.')
    job['name'] = name


@command('DeleteJob', scope=INSTANCE, args=[arg('instanceID'), opt('id')])
def delete_job(ctx, inst, id_=None):
    _owner_id, job = find_job(ctx.state, _job_id(id_), inst)
    inst['jobs'].remove(job)


def _record(inst, job, started, result, output):
    inst['jobResults'].append(
        {
            'id': inst['nextJobResultId'],
            'jobId': job['id'],
            'jobName': job['name'],
            'action': job['action'],
            'owner': job['owner'],
            'startTime': started,
            'endTime': fmt(utc_now()),
            'result': result,
            'output': output,
        }
    )
    inst['nextJobResultId'] += 1


# S29: the one action the simulator carries out; the spe_job documentation's example spelling.
_RUN_PROFILE = re.compile(r'^\s*RunProfile\s+(?:--)?id[= ]\s*([0-9]+)\s*$', re.IGNORECASE)


def _carry_out(fresh, action, started):
    """(result, output, log lines) of a job's action, as far as the simulator carries it out."""
    m = _RUN_PROFILE.match(action)
    if m is None:
        return 'succeeded', 'Simulated run of: %s' % action, []
    profile_id = int(m.group(1))
    profile = next((p for p in fresh['profiles'] if p['id'] == profile_id), None)
    if profile is None:
        return 'failed', "Profile %d does not exist in instance '%s'." % (profile_id, fresh['config']['instanceID']), []
    run, log = archive(fresh, profile['id'], profile['name'], profile['owner'], started)
    return 'succeeded', '%d messages archived.' % run['messagesArchived'], log


@command('RunJobAsync', scope=INSTANCE, args=[arg('instanceID'), arg('id', 'number')], long_running=True)
def run_job_async(ctx, inst, id_):
    _owner_id, job = find_job(ctx.state, _job_id(id_), inst)
    job_id, action = job['id'], job['action']
    started = fmt(utc_now())

    def current(fresh):
        found = next((j for j in fresh['jobs'] if j['id'] == job_id), None)
        if found is None:
            raise ApiError('Job %d was deleted while it was running.' % job_id)
        return found

    def finish(ctx_, fresh):
        result, output, log = _carry_out(fresh, action, started)
        _record(fresh, current(fresh), started, result, output)
        return Outcome(None, log + ['Job %d: %s: %s' % (job_id, result, output)])

    def on_cancel(ctx_, fresh):
        _record(fresh, current(fresh), started, 'failed', 'Cancelled.')  # S29

    return LongRunning(
        "Running job %d ('%s')" % (job_id, job['name']),
        finish,
        inst['config']['instanceID'],
        log=['Action: %s' % action],
        on_cancel=on_cancel,
        tag=('job', job_id),
    )


@command('CancelJobAsync', scope=INSTANCE, args=[arg('instanceID'), arg('id', 'number')])
def cancel_job_async(ctx, inst, id_):
    _owner_id, job = find_job(ctx.state, _job_id(id_), inst)
    # S29: cancelling a job that is not running is a no-op.
    for op in ctx.sim.ops.running_for(lambda o: o.spec.tag == ('job', job['id'])):
        op.cancel_requested.set()


@command(
    'GetJobResults',
    scope=INSTANCE,
    args=[arg('instanceID'), arg('fromIncluding'), arg('toExcluding'), arg('timeZoneId'), opt('jobId', 'number')],
)
def get_job_results(ctx, inst, fromIncluding, toExcluding, timeZoneId, jobId=None):
    tz = require_time_zone(timeZoneId)
    start, end = time_range(fromIncluding, toExcluding, tz)
    out = []
    for row in inst['jobResults']:
        if (jobId is None or row['jobId'] == jobId) and in_range(row['startTime'], start, end):
            entry = dict(row)
            entry['startTime'] = to_zone(row['startTime'], tz)
            entry['endTime'] = to_zone(row['endTime'], tz)
            out.append(entry)
    return out


@command('GetTimeZones', scope=INSTANCE, args=[arg('instanceID')])
def get_time_zones(ctx, inst):
    return [{'id': tz_id, 'displayName': name} for tz_id, name, _offset in TIME_ZONES]
