# Copyright: contributors to mailstore.spe
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Scheduled jobs of an instance (``spe_job``, ``spe_job_info``)."""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import datetime
import re

from ansible_collections.mailstore.spe.plugins.module_utils.command import failure, response_fields
from ansible_collections.mailstore.spe.plugins.module_utils.engine import run_engine
from ansible_collections.mailstore.spe.plugins.module_utils.errors import SpeApiError, SpeModuleError
from ansible_collections.mailstore.spe.plugins.module_utils.fields import Field, snake
from ansible_collections.mailstore.spe.plugins.module_utils.progress import ProgressLines
from ansible_collections.mailstore.spe.plugins.module_utils.rename import (
    check_rename,
    renamed_extras,
    renamed_or_current,
)
from ansible_collections.mailstore.spe.plugins.module_utils.resource import Resource, Step
from ansible_collections.mailstore.spe.plugins.module_utils.runner import ModuleSpec

# The reference's intervals, in minutes. (Its SetJobSchedule table says 260 where CreateJob says
# 240 for "every 4 hours": we take 240, docs/assumptions.md M9.)
INTERVALS = [5, 10, 15, 20, 30, 60, 120, 180, 240, 360, 720]
WEEKDAYS = ['sunday', 'monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday']
SCHEDULE_KINDS = ('once', 'interval', 'daily', 'weekly', 'monthly')
TIME_RE = re.compile(r'([01]?\d|2[0-3]):([0-5]\d)(?::([0-5]\d))?')
DATETIME_FORMATS = ('%Y-%m-%dT%H:%M:%S', '%Y-%m-%dT%H:%M')
# Fields of a job the API cannot change in place: a change deletes and re-creates the job.
RECREATE_FIELDS = ('action', 'owner')

SCHEDULE_OPTIONS = dict(
    once=dict(type='str'),
    interval=dict(type='int', choices=INTERVALS),
    daily=dict(type='str'),
    weekly=dict(
        type='dict',
        options=dict(day=dict(type='str', required=True, choices=WEEKDAYS), time=dict(type='str', required=True)),
    ),
    monthly=dict(
        type='dict',
        options=dict(
            day=dict(type='str', required=True),
            time=dict(type='str', required=True),
            weekday=dict(type='str', choices=WEEKDAYS),
        ),
    ),
)


def time_of_day(value):
    match = TIME_RE.fullmatch(str(value))
    if not match:
        raise SpeModuleError("'%s' is not a time of day (hh:mm or hh:mm:ss)." % value, commands=[])
    return '%02d:%s:%s' % (int(match.group(1)), match.group(2), match.group(3) or '00')


def date_time(value):
    """``2030-01-31T08:00`` -> ``2030-01-31T08:00:00``; a date that does not exist is refused."""
    for form in DATETIME_FORMATS:
        try:
            return datetime.datetime.strptime(value, form).strftime(DATETIME_FORMATS[0])
        except ValueError:
            continue
    raise SpeModuleError(
        "schedule.once must be a real date and time as YYYY-MM-DDThh:mm:ss, not '%s'." % value, commands=[]
    )


def month_day(value):
    text = str(value).strip().lower()
    if text == 'last':
        return 'Last'
    if text.isdigit() and 1 <= int(text) <= 31:
        return str(int(text))
    raise SpeModuleError("schedule.monthly.day must be 1 to 31 or 'last', not '%s'." % value, commands=[])


def schedule_arguments(schedule):
    """A ``schedule`` option -> the API's schedule arguments (date, interval, time, dayOfWeek, dayOfMonth)."""
    kinds = [k for k in SCHEDULE_KINDS if (schedule or {}).get(k) is not None]
    if len(kinds) != 1:
        raise SpeModuleError(
            'schedule needs exactly one of %s (got %s).' % (', '.join(SCHEDULE_KINDS), ', '.join(kinds) or 'none'),
            commands=[],
        )
    kind, value = kinds[0], schedule[kinds[0]]
    if kind == 'once':
        return {'date': date_time(value)}
    if kind == 'interval':
        return {'interval': value}
    if kind == 'daily':
        return {'time': time_of_day(value)}
    if kind == 'weekly':
        return {'time': time_of_day(value['time']), 'dayOfWeek': value['day'].capitalize()}
    arguments = {'time': time_of_day(value['time']), 'dayOfMonth': month_day(value['day'])}
    if value.get('weekday'):
        arguments['dayOfWeek'] = value['weekday'].capitalize()
    return arguments


def schedule_from_api(api_schedule):
    """The API's schedule object -> the ``schedule`` option's form (None when the job has none); shape: M10."""
    s = api_schedule or {}
    kind = s.get('type')
    if kind == 'once':
        return {'once': s['date']}
    if kind == 'interval':
        return {'interval': s['interval']}
    if kind == 'daily':
        return {'daily': s['time']}
    if kind == 'weekly':
        return {'weekly': {'day': s['dayOfWeek'].lower(), 'time': s['time']}}
    if kind == 'monthly':
        monthly = {'day': str(s['dayOfMonth']).lower(), 'time': s['time']}
        if s.get('dayOfWeek'):
            monthly['weekday'] = s['dayOfWeek'].lower()
        return {'monthly': monthly}
    return None


def schedule_canonical(schedule):
    return sorted(schedule_arguments(schedule).items()) if schedule else []


class Job(Resource):
    module = 'spe_job'
    name = 'job'
    identity = ('name',)
    fields = (
        Field('name', required=True),
        Field('action', nonempty=True),
        Field('owner', nonempty=True),
        Field('time_zone_id', nonempty=True),
        Field('schedule', type='dict', options=SCHEDULE_OPTIONS, compare=schedule_canonical),
        Field('enabled', type='bool', setter='SetJobEnabled'),
    )
    options = {
        'rename_from': dict(type='str'),
        'run': dict(type='bool', default=False),
        'cancel': dict(type='bool', default=False),
        'wait': dict(type='bool', default=True),
        'wait_timeout': dict(type='int', default=3600),
    }
    constraints = {'mutually_exclusive': [['run', 'cancel']]}
    info_options = {
        'results_from': dict(type='str'),
        'results_to': dict(type='str'),
        'time_zone_id': dict(type='str'),
        'time_zones': dict(type='bool', default=False),
    }
    reaches = {
        'GetJobs': 'reading the job',
        'CreateJob': 'a new job (state: present), or one whose action or owner changes (re-created)',
        'DeleteJob': 'state: absent, or a job whose action or owner changes (re-created)',
        'SetJobSchedule': 'option schedule or time_zone_id',
        'GetTimeZones': 'a time_zone_id to send (checked first); spe_job_info time_zones: true',
        'RenameJob': 'rename_from naming an existing job, name a new one',
        'RunJobAsync': 'run: true',
        'CancelJobAsync': 'cancel: true',
        'GetJobResults': 'spe_job_info results_from and results_to',
        'GetWorkerResults': 'spe_job_info results_from and results_to',
    }

    # -- the module: converge the job, then run or cancel it -----------------------------
    def module_spec(self):
        return ModuleSpec(self.argument_spec(), self.run_task, **self.constraints)

    def run_task(self, ctx):
        result = run_engine(self, ctx)
        if result.get('failed') or not (ctx.params['run'] or ctx.params['cancel']):
            return result
        return run_or_cancel(ctx, result)

    def validate(self, change):
        params = change.params
        # spe_tenant's jobs have no run, cancel or wait options: running a job is spe_job's action.
        if (params.get('run') or params.get('cancel')) and change.state == 'absent':
            raise SpeModuleError('%s: only with state present.' % ('run' if params['run'] else 'cancel'), commands=[])
        if params.get('wait_timeout', 0) < 0:
            raise SpeModuleError('wait_timeout: %s is negative.' % params['wait_timeout'], commands=[])
        check_rename(params, 'name', same=lambda a, b: a == b)
        if change.params.get('schedule') is not None:
            schedule_arguments(change.params['schedule'])

    def jobs(self, change):
        return change.client.call('GetJobs', instanceID=change.params['instance_id'])

    def read(self, change):
        params = change.params
        jobs = self.jobs(change)
        current = self.named(jobs, params['name'], params['instance_id'])
        if not params.get('rename_from'):
            return current
        old = self.named(jobs, params['rename_from'], params['instance_id'])
        return renamed_or_current(change, 'job', current, old, params['rename_from'])

    @staticmethod
    def named(jobs, name, instance_id):
        found = [j for j in jobs if j['name'] == name]
        if len(found) > 1:
            raise SpeModuleError(
                "%d jobs are named '%s' in instance '%s' (ids %s): names must be unique for this module; "
                'rename or delete the extra ones.'
                % (len(found), name, instance_id, ', '.join(str(j['id']) for j in found)),
                commands=[],
            )
        return found[0] if found else None

    def list(self, change):
        return [j for j in self.jobs(change) if change.params['name'] in (None, j['name'])]

    def prepare(self, change):
        """A time zone that will be sent must exist (one GetTimeZones per task, in check mode too)."""
        zone = change.wanted.get('time_zone_id')
        if zone is None or (change.exists and 'time_zone_id' not in change.changed_fields):
            return
        zones = [z['id'] for z in change.client.call('GetTimeZones', instanceID=change.params['instance_id'])]
        if zone not in zones:
            raise SpeModuleError(
                "time_zone_id '%s' is not a time zone of this server; GetTimeZones offers: %s."
                % (zone, ', '.join(zones)),
                commands=[],
            )

    def to_options(self, api_object):
        options = super().to_options(api_object)
        options['schedule'] = schedule_from_api(api_object.get('schedule'))
        options['id'] = api_object['id']
        return options

    def locator(self, change):
        return {'instanceID': change.params['instance_id'], 'id': change.current_api['id']}

    def recreated_fields(self, change):
        """Fields of the job the API cannot change in place."""
        return [f for f in RECREATE_FIELDS if f in change.changed_fields] if change.exists else []

    def create_steps(self, change, wanted=None):
        wanted = change.wanted if wanted is None else wanted
        if not wanted.get('action'):
            raise SpeModuleError("action is required to create job '%s'." % wanted['name'], commands=[])
        arguments = dict(
            instanceID=change.params['instance_id'],
            name=wanted['name'],
            action=wanted['action'],
            owner=wanted.get('owner'),
            timeZoneId=wanted.get('time_zone_id'),
        )
        if wanted.get('schedule'):
            arguments.update(schedule_arguments(wanted['schedule']))
        steps = [Step('CreateJob', arguments)]
        if wanted.get('enabled') is False:
            # New jobs start enabled; the new job's id is known only once it exists.
            steps.append(
                Step(
                    'SetJobEnabled',
                    dict(instanceID=change.params['instance_id'], enabled=False, id=lambda c: self.read(c)['id']),
                )
            )
        return steps

    def update_steps(self, change):
        after, changed = change.after, change.changed_fields
        if self.recreated_fields(change):
            recreated = {k: v for k, v in after.items() if v is not None}
            return self.delete_steps(change) + self.create_steps(change, recreated)
        steps = []
        if change.facts.get('rename_from'):
            steps.append(Step('RenameJob', dict(self.locator(change), name=after['name']), 'rename_from'))
        if 'schedule' in changed or 'time_zone_id' in changed:
            # SetJobSchedule takes no instanceID in the reference: job ids are system-wide (M11).
            current = change.current_api
            arguments = dict(id=current['id'], timeZoneId=after.get('time_zone_id') or current.get('timeZoneId'))
            arguments.update(schedule_arguments(after['schedule']) if after.get('schedule') else {})
            steps.append(Step('SetJobSchedule', arguments))
        return steps + self.setter_steps(change)

    def delete_steps(self, change):
        return [Step('DeleteJob', self.locator(change))]

    def result_extras(self, change):
        if change.state == 'absent':
            return {'recreated': False}
        recreated = self.recreated_fields(change)
        extras = dict(renamed_extras(change), recreated=bool(recreated))
        if recreated:
            extras['msg'] = (
                'The API cannot change %s of a job in place: job %s %s deleted and created again (it gets a new id).'
                % (' or '.join(recreated), change.current_api['id'], 'would be' if change.check_mode else 'was')
            )
        return extras

    # -- the info twin: jobs, and on request their results and the time zones -------------
    def run_info(self, ctx):
        span = result_span(ctx.params)
        result = super().run_info(ctx)
        params, client = ctx.params, ctx.client
        try:
            if span:
                ids = {job['id'] for job in result['jobs']}
                rows = client.call('GetJobResults', timeZoneId=span['zone'], **span['arguments'])
                result['job_results'] = [described(r) for r in rows if not params.get('name') or r['jobId'] in ids]
                rows = client.call('GetWorkerResults', timeZoneID=span['zone'], **span['arguments'])
                result['worker_results'] = [described(r) for r in rows]
            if params['time_zones']:
                zones = client.call('GetTimeZones', instanceID=params['instance_id'])
                result['time_zones'] = [described(z) for z in zones]
        except SpeApiError as exc:
            raise SpeModuleError(
                'Reading job results failed: %s' % exc, error=exc.to_dict(), failed_command=exc.command
            ) from None
        return result


def described(row):
    return {snake(key): value for key, value in row.items()}


def result_span(params):
    """The GetJobResults / GetWorkerResults arguments for results_from/results_to; None without them. No API call."""
    given = [o for o in ('results_from', 'results_to') if params.get(o) is not None]
    if not given:
        if params.get('time_zone_id') is not None:
            raise SpeModuleError('time_zone_id: only with results_from and results_to.', commands=[])
        return None
    if len(given) == 1:
        raise SpeModuleError('%s: results_from and results_to go together.' % given[0], commands=[])
    zone = params.get('time_zone_id') or '$Local'
    if not zone.strip() or '\n' in zone:
        raise SpeModuleError('time_zone_id: must be a time zone id (see time_zones: true).', commands=[])
    arguments = {'instanceID': params['instance_id']}
    for option, api in (('results_from', 'fromIncluding'), ('results_to', 'toExcluding')):
        arguments[api] = timestamp(params[option], option)
    if arguments['fromIncluding'] >= arguments['toExcluding']:
        raise SpeModuleError('results_to: must be after results_from.', commands=[])
    return {'zone': zone, 'arguments': arguments}


def timestamp(value, option):
    for form in DATETIME_FORMATS + ('%Y-%m-%d',):
        try:
            return datetime.datetime.strptime(value, form).strftime(DATETIME_FORMATS[0])
        except ValueError:
            continue
    raise SpeModuleError(
        "%s: '%s' is not a date and time (YYYY-MM-DD or YYYY-MM-DDThh:mm:ss)." % (option, value), commands=[]
    )


def run_or_cancel(ctx, result):
    """After the job converged: RunJobAsync (following it with progress, or not) or CancelJobAsync."""
    params = ctx.params
    command = 'RunJobAsync' if params['run'] else 'CancelJobAsync'
    result = dict(result, commands=result['commands'] + [command], changed=True)
    if ctx.check_mode:
        return dict(result, msg='check mode: %s not sent' % command)
    arguments = dict(instanceID=params['instance_id'], id=result['job']['id'])
    progress = ProgressLines(ctx, 'spe_job %s (%s)' % (params['name'], params['instance_id']))
    try:
        if params['cancel']:
            ctx.client.call(command, **arguments)
            return dict(
                result, msg='CancelJobAsync sent for job %s; the server stops a running run of it' % arguments['id']
            )
        response = ctx.client.invoke(
            command, arguments, wait=params['wait'], wait_timeout=params['wait_timeout'], on_progress=progress
        )
    except SpeApiError as exc:
        error = failure(command, exc, progress, read=False)
        error.result.update(
            commands=result['commands'],
            changed=bool(error.result.get('changed') or len(result['commands']) > 1),
            job=result['job'],
            run=dict(progress.fields(), progress=progress.lines, token=error.result.get('token')),
        )
        raise error from exc
    run = dict(response_fields(response), progress=progress.lines)
    run['log_output'] = response.log_output or progress.log_output
    if response.running:
        run['token'] = response.token
    return dict(result, run=run)


JOB = Job()
