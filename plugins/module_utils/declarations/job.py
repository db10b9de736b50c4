# Copyright: contributors to mailstore.spe
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Scheduled jobs of an instance (``spe_job``, ``spe_job_info``)."""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import datetime
import re

from ansible_collections.mailstore.spe.plugins.module_utils.errors import SpeModuleError
from ansible_collections.mailstore.spe.plugins.module_utils.fields import Field
from ansible_collections.mailstore.spe.plugins.module_utils.resource import Resource, Step

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
    reaches = {
        'GetJobs': 'reading the job',
        'GetTimeZones': 'time_zone_id checked before it is sent',
        'CreateJob': 'a new job, or one whose action or owner changes (recreated)',
        'SetJobSchedule': 'schedule or time_zone_id changes',
        'DeleteJob': 'state: absent, or a job recreated',
    }

    def validate(self, change):
        if change.params.get('schedule') is not None:
            schedule_arguments(change.params['schedule'])

    def jobs(self, change):
        return change.client.call('GetJobs', instanceID=change.params['instance_id'])

    def read(self, change):
        params = change.params
        jobs = [j for j in self.jobs(change) if j['name'] == params['name']]
        if len(jobs) > 1:
            raise SpeModuleError(
                "%d jobs are named '%s' in instance '%s' (ids %s): names must be unique for this module; "
                'rename or delete the extra ones.'
                % (len(jobs), params['name'], params['instance_id'], ', '.join(str(j['id']) for j in jobs)),
                commands=[],
            )
        return jobs[0] if jobs else None

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
        extras = {'recreated': bool(recreated)}
        if recreated:
            extras['msg'] = (
                'The API cannot change %s of a job in place: job %s %s deleted and created again (it gets a new id).'
                % (' or '.join(recreated), change.current_api['id'], 'would be' if change.check_mode else 'was')
            )
        return extras


JOB = Job()
