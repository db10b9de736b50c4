# Copyright: contributors to mailstore.spe
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""The defects found when the collection was attacked and tried as a new user would (issue 9),
each shown fixed against a real simulator on a two-host platform."""

from __future__ import annotations

import socket

import pytest


def instance(spe, instance_id='acme'):
    found = [i for i in spe.api('GetInstances', instanceFilter='*') if i['instanceID'] == instance_id]
    return found[0] if found else None


@pytest.mark.parametrize('execution', ['in_process', 'module'])
def test_the_tasks_environment_names_the_server_in_both_execution_paths(spe, execution):
    """9.3: a play's environment: wins over the controller's own, in-process as in a module process."""
    spe.new_instance()
    tasks = (
        """
- name: The task's environment names the simulator; the controller's names nothing reachable
  environment:
    MAILSTORE_SPE_SERVER: localhost
    MAILSTORE_SPE_PORT: "%d"
  mailstore.spe.spe_user_info:
    instance_id: acme
  register: result
"""
        % spe.port
    )
    run = spe.playbook(
        tasks,
        env={
            'MAILSTORE_SPE_SERVER': 'unreachable.invalid',
            'MAILSTORE_SPE_PORT': '1',
            'MAILSTORE_SPE_EXECUTION': execution,
        },
    )
    assert run.rc == 0, run
    expected = sorted(u['userName'] for u in spe.api('GetUsers', instanceID='acme'))
    assert sorted(u['user_name'] for u in spe.result()['users']) == expected


@pytest.mark.parametrize('execution', ['in_process', 'module'])
def test_a_proxy_in_the_tasks_environment_carries_the_calls_in_both_execution_paths(spe, execution):
    """The task's HTTPS_PROXY is used for the API calls in-process too, as a module process uses it
    (here a proxy that is not there: the call fails and never reaches the server)."""
    spe.new_instance()
    with socket.socket() as probe:
        probe.bind(('127.0.0.1', 0))
        dead_proxy = 'http://127.0.0.1:%d' % probe.getsockname()[1]
    task = (
        """
- environment:
    HTTPS_PROXY: %s
    NO_PROXY: ''
  mailstore.spe.spe_user_info:
    instance_id: acme
    timeout: 5
"""
        % dead_proxy
    )
    spe.reset_stats()
    run = spe.playbook(task, env={'MAILSTORE_SPE_EXECUTION': execution})
    assert run.rc != 0, run
    assert 'proxy' in run.output.lower() or 'connect' in run.output.lower(), run
    assert spe.stats()['reads'] == 0


def test_an_instance_goes_to_the_named_host_on_a_two_host_platform(spe):
    """9.4: creating with instance_host on a platform with several hosts works, in check mode too."""
    assert len(spe.hosts) == 2
    task = """
- mailstore.spe.spe_instance:
    instance_id: acme
    instance_host: %s
    state: started
  register: result
""" % spe.hosts[1]
    spe.reset_stats()
    check = spe.playbook(task, check=True)
    assert check.rc == 0 and check.changed() == 1, check
    assert spe.stats()['writes'] == 0
    assert spe.result()['instance']['instance_host'] == spe.hosts[1]
    run = spe.playbook(task)
    assert run.rc == 0 and run.changed() == 1, run
    assert instance(spe)['instanceHost'] == spe.hosts[1] and instance(spe)['status'] == 'running'


def test_placement_without_instance_host_takes_the_host_with_fewest_instances(spe):
    """11.6: the placement rule (M14), predicted exactly in check mode."""
    spe.api('CreateInstance', config={'instanceID': 'first', 'instanceHost': spe.hosts[0]})
    task = '- {mailstore.spe.spe_instance: {instance_id: second}, register: result}\n'
    check = spe.playbook(task, check=True)
    assert check.rc == 0 and spe.result()['instance']['instance_host'] == spe.hosts[1]
    run = spe.playbook(task)
    assert run.rc == 0, run
    assert instance(spe, 'second')['instanceHost'] == spe.hosts[1]


def test_an_instance_host_that_does_not_exist_fails_in_check_mode_as_in_a_real_run(spe):
    task = '- {mailstore.spe.spe_instance: {instance_id: acme, instance_host: nowhere}, register: result}\n'
    spe.reset_stats()
    for check in (True, False):
        run = spe.playbook(task, check=check)
        assert run.rc != 0 and "instance_host 'nowhere' is not an instance host" in run.output, run
    assert spe.stats()['writes'] == 0 and instance(spe) is None


def test_system_smtp_is_never_written_through_an_empty_instance_id(spe):
    """9.11: instance_id: '' is an error, not the system scope."""
    before = spe.api('GetSystemSmtpConfiguration')
    run = spe.playbook("- mailstore.spe.spe_smtp: {instance_id: '', hostname: evil.example.com}\n")
    assert run.rc != 0 and 'instance_id' in run.output
    assert spe.api('GetSystemSmtpConfiguration') == before


def test_instance_info_reads_the_exact_id_and_filters_only_with_filter(spe):
    """9.12: instance_id is exact; filter takes the API's syntax."""
    for name in ('acme', 'acme-two'):
        spe.new_instance(name)
    run = spe.playbook(
        """
- mailstore.spe.spe_instance_info: {instance_id: acme, include_configuration: false}
  register: exact
- mailstore.spe.spe_instance_info: {filter: '* .running', include_configuration: false}
  register: result
- ansible.builtin.assert:
    that: exact.instances | map(attribute='instance_id') | list == ['acme']
"""
    )
    assert run.rc == 0, run
    assert sorted(i['instance_id'] for i in spe.result()['instances']) == ['acme', 'acme-two']
    for bad in ("'*'", "''", "'a b'"):
        run = spe.playbook('- mailstore.spe.spe_instance_info: {instance_id: %s}\n' % bad)
        assert run.rc != 0 and 'instance_id' in run.output, bad


def test_values_spelled_as_the_reference_spells_them_are_accepted_and_compare_canonically(spe):
    """9.13: weekly day Sunday, requested state writeProtected, privilege changePassword."""
    spe.new_instance()
    tasks = """
- mailstore.spe.spe_job:
    instance_id: acme
    name: Weekly
    action: Ping
    schedule: {weekly: {day: Sunday, time: '02:00'}}
- mailstore.spe.spe_store:
    instance_id: acme
    name: Old
    database_path: 'D:\\\\Old'
    requested_state: writeProtected
- mailstore.spe.spe_user:
    instance_id: acme
    user_name: jdoe
    privileges: [LOGIN, changePassword]
"""
    run = spe.playbook(tasks)
    assert run.rc == 0 and run.changed() == 3, run
    assert [s['requestedState'] for s in spe.api('GetStores', instanceID='acme') if s['name'] == 'Old'] == [
        'writeProtected'
    ]
    assert sorted(spe.api('GetUserInfo', instanceID='acme', userName='jdoe')['privileges']) == [
        'changePassword',
        'login',
    ]
    spe.reset_stats()
    again = spe.playbook(tasks.replace('Sunday', 'sunday').replace('writeProtected', 'write_protected'))
    assert again.rc == 0 and again.changed() == 0 and spe.stats()['writes'] == 0, again


def test_a_user_name_differing_only_in_case_is_the_same_user(spe):
    """9.14 (M13): JDOE is jdoe: no change and no diff."""
    spe.new_instance()
    spe.api('CreateUser', instanceID='acme', userName='jdoe', privileges='login', fullName='John Doe')
    spe.reset_stats()
    run = spe.playbook(
        '- {mailstore.spe.spe_user: {instance_id: acme, user_name: JDOE, full_name: John Doe}, register: result}\n',
        diff=True,
    )
    assert run.rc == 0 and run.changed() == 0, run
    diff = spe.result()['diff']
    assert diff['before'] == diff['after']
    assert spe.stats()['writes'] == 0


def test_a_time_zone_that_does_not_exist_fails_in_check_mode_as_in_a_real_run(spe):
    """9.15: validated against GetTimeZones in both modes, before any write."""
    spe.new_instance()
    task = '- mailstore.spe.spe_job: {instance_id: acme, name: J, action: Ping, time_zone_id: Mars Standard Time}\n'
    spe.reset_stats()
    for check in (True, False):
        run = spe.playbook(task, check=check)
        assert run.rc != 0 and "time_zone_id 'Mars Standard Time' is not a time zone" in run.output, run
    assert spe.stats()['writes'] == 0 and spe.api('GetJobs', instanceID='acme') == []
    run = spe.playbook(task.replace('Mars Standard Time', 'W. Europe Standard Time'))
    assert run.rc == 0 and spe.api('GetJobs', instanceID='acme')[0]['timeZoneId'] == 'W. Europe Standard Time'


def test_a_failed_reconfiguration_starts_the_instance_again_and_a_rerun_converges(spe):
    """9.7: the instance the module stopped to apply a change is not left stopped."""
    spe.new_instance()
    task = (
        '- {mailstore.spe.spe_instance: {instance_id: acme, display_name: New name, allow_restart: true},'
        ' register: result, ignore_errors: true}\n'
    )
    spe.fault(command='SetInstanceConfiguration', kind='failed', message='Disk full.')
    run = spe.playbook(task)
    result = spe.result()
    assert result['failed'] is True, run
    assert result['changed'] is True and result['failed_command'] == 'SetInstanceConfiguration'
    assert result['commands_undone'] == ['StartInstances']
    assert instance(spe)['status'] == 'running'
    run = spe.playbook(task)
    assert run.rc == 0 and run.changed() == 1, run
    assert instance(spe)['status'] == 'running' and instance(spe)['displayName'] == 'New name'


def test_a_failed_path_change_restores_the_requested_state_and_a_rerun_converges(spe):
    """9.7: the store the module disabled to change a path gets its state back."""
    spe.new_instance()
    spe.api('CreateStore', instanceID='acme', name='S', databasePath='D:\\S', requestedState='current')
    task = (
        "- {mailstore.spe.spe_store: {instance_id: acme, name: S, database_path: 'E:\\S', allow_path_change: true}}\n"
    )
    spe.fault(command='SetStorePath', kind='failed', message='Path not found.')
    assert spe.playbook(task).rc != 0

    def store():
        return [s for s in spe.api('GetStores', instanceID='acme') if s['name'] == 'S'][0]

    assert store()['requestedState'] == 'current'
    run = spe.playbook(task)
    assert run.rc == 0 and run.changed() == 1, run
    assert store()['requestedState'] == 'current' and store()['databasePath'].lower() == 'e:\\s'
