# Copyright: contributors to mailstore.spe
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""The plans of the instance and job declarations, table-driven: for a current object and a task,
exactly which commands the engine sends (in check mode, which it predicts)."""

from __future__ import annotations

import pytest

from ansible_collections.mailstore.spe.plugins.plugin_utils.in_process import run_task

CONNECTION = dict(server='spe.example.com', username='admin', password='connection-secret')


class ScriptedClient:
    """Answers reads from a table, records writes, fails what it is told to."""

    def __init__(self, reads, fail=(), crash=()):
        self.reads = reads
        self.fail = fail
        self.crash = crash
        self.writes = []

    def call(self, command, **arguments):
        if command in self.crash:
            raise RuntimeError('a bug in the middle of %s' % command)
        if command.startswith('Get'):
            answer = self.reads.get(command)
            return answer(arguments) if callable(answer) else answer
        if command in self.fail:
            from ansible_collections.mailstore.spe.plugins.module_utils.errors import SpeApiError

            raise SpeApiError('refused', command=command)
        self.writes.append(command)
        return None


def instance_reads(status, hosts=('spe-host01', 'spe-host02'), others=()):
    listed = [] if status is None else [{'instanceID': 'acme', 'status': status, 'instanceHost': 'spe-host01'}]

    def instances(arguments):
        return listed + list(others) if arguments['instanceFilter'] == '*' else listed

    return {
        'GetInstances': instances,
        'GetInstanceHosts': [{'serverName': h} for h in hosts],
        'GetInstanceConfiguration': {'instanceID': 'acme', 'baseDirectory': 'D:\\acme', 'displayName': 'Old'},
        'GetArchiveAdminEnabled': True,
    }


# (current status or None, task options, commands)
INSTANCE_PLANS = [
    (None, {'state': 'present'}, ['CreateInstance']),
    (None, {'state': 'started'}, ['CreateInstance', 'StartInstances']),
    (None, {'state': 'frozen'}, ['CreateInstance', 'StartInstances', 'FreezeInstances']),
    (
        None,
        {'state': 'started', 'service_provider_access': True},
        ['CreateInstance', 'StartInstances', 'SetArchiveAdminEnabled'],
    ),
    (None, {'state': 'absent'}, []),
    ('stopped', {'state': 'started'}, ['StartInstances']),
    ('running', {'state': 'started'}, []),
    ('running', {'state': 'stopped'}, ['StopInstances']),
    ('running', {'state': 'frozen'}, ['FreezeInstances']),
    ('frozen', {'state': 'started'}, ['ThawInstances']),
    ('frozen', {'state': 'stopped'}, ['StopInstances']),
    ('running', {'state': 'restarted'}, ['RestartInstances']),
    ('frozen', {'state': 'restarted'}, ['ThawInstances', 'RestartInstances']),
    ('stopped', {'state': 'restarted'}, ['StartInstances']),
    ('running', {'state': 'absent'}, ['StopInstances', 'DeleteInstances']),
    ('stopped', {'state': 'absent'}, ['DeleteInstances']),
    ('stopped', {'display_name': 'New'}, ['SetInstanceConfiguration']),
    (
        'running',
        {'display_name': 'New', 'allow_restart': True},
        ['StopInstances', 'SetInstanceConfiguration', 'StartInstances'],
    ),
    ('running', {'display_name': 'New', 'state': 'stopped'}, ['StopInstances', 'SetInstanceConfiguration']),
    (
        'frozen',
        {'display_name': 'New', 'allow_restart': True},
        ['StopInstances', 'SetInstanceConfiguration', 'StartInstances', 'FreezeInstances'],
    ),
    ('running', {'service_provider_access': False}, ['SetArchiveAdminEnabled']),
]


@pytest.mark.parametrize('check_mode', [True, False], ids=['check', 'run'])
@pytest.mark.parametrize('status, options, commands', INSTANCE_PLANS)
def test_instance_plans(status, options, commands, check_mode):
    client = ScriptedClient(instance_reads(status))
    result = run_task(
        'spe_instance',
        dict(CONNECTION, instance_id='acme', **options),
        check_mode=check_mode,
        client_factory=lambda params: client,
    )
    assert not result.get('failed'), result
    assert result['commands'] == commands
    assert result['changed'] is bool(commands)
    assert client.writes == ([] if check_mode else commands)


def test_a_configuration_change_of_a_running_instance_needs_allow_restart():
    client = ScriptedClient(instance_reads('running'))
    result = run_task(
        'spe_instance', dict(CONNECTION, instance_id='acme', display_name='New'), client_factory=lambda p: client
    )
    assert result['failed'] and 'allow_restart' in result['msg'] and client.writes == []


@pytest.mark.parametrize(
    'others, host',
    [
        ([], 'spe-host01'),
        ([{'instanceID': 'x', 'status': 'running', 'instanceHost': 'spe-host01'}], 'spe-host02'),
        ([{'instanceID': 'x', 'status': 'running', 'instanceHost': 'spe-host02'}], 'spe-host01'),
    ],
)
def test_placement_takes_the_host_with_fewest_instances(others, host):
    client = ScriptedClient(instance_reads(None, others=others))
    result = run_task(
        'spe_instance', dict(CONNECTION, instance_id='acme'), check_mode=True, client_factory=lambda p: client
    )
    assert result['instance']['instance_host'] == host


def test_an_unexpected_exception_midway_is_a_clean_failure_that_keeps_changed():
    client = ScriptedClient(instance_reads('running'), crash=('SetInstanceConfiguration',))
    result = run_task(
        'spe_instance',
        dict(CONNECTION, instance_id='acme', display_name='New', allow_restart=True),
        client_factory=lambda params: client,
    )
    assert result['failed'] is True and result['changed'] is True
    assert 'a bug in the middle of SetInstanceConfiguration' in result['msg']
    assert 'Traceback' in result['exception']


JOB = {
    'id': 7,
    'name': 'J',
    'action': 'Ping',
    'owner': 'admin',
    'timeZoneId': '$Local',
    'enabled': True,
    'schedule': {'type': 'daily', 'time': '01:00:00'},
}
ZONES = [{'id': '$Local'}, {'id': 'UTC'}]

# (current job or None, task options, commands)
JOB_PLANS = [
    (None, {'action': 'Ping'}, ['CreateJob']),
    (None, {'action': 'Ping', 'enabled': False}, ['CreateJob', 'SetJobEnabled']),
    (JOB, {'action': 'Ping'}, []),
    (JOB, {'schedule': {'daily': '01:00'}}, []),
    (JOB, {'schedule': {'daily': '02:00'}}, ['SetJobSchedule']),
    (JOB, {'time_zone_id': 'UTC'}, ['SetJobSchedule']),
    (JOB, {'enabled': False}, ['SetJobEnabled']),
    (JOB, {'action': 'GetUsers --instanceID=acme'}, ['DeleteJob', 'CreateJob']),
    (JOB, {'owner': 'other'}, ['DeleteJob', 'CreateJob']),
    (dict(JOB, enabled=False), {'owner': 'other'}, ['DeleteJob', 'CreateJob', 'SetJobEnabled']),
    (JOB, {'state': 'absent'}, ['DeleteJob']),
    (None, {'state': 'absent'}, []),
]


@pytest.mark.parametrize('current, options, commands', JOB_PLANS)
def test_job_plans(current, options, commands):
    client = ScriptedClient({'GetJobs': [current] if current else [], 'GetTimeZones': ZONES})
    result = run_task(
        'spe_job',
        dict(CONNECTION, instance_id='acme', name='J', **options),
        check_mode=True,
        client_factory=lambda params: client,
    )
    assert not result.get('failed'), result
    assert result['commands'] == commands
    recreated = commands[:2] == ['DeleteJob', 'CreateJob']
    assert result['recreated'] is recreated
    assert ('id' in result.get('msg', '')) is recreated
