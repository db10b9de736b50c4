# Copyright: contributors to mailstore.spe
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""spe_command and the client against a real simulator: reads, writes, check mode, long-running
calls, and retries only where they are safe."""

from __future__ import annotations

import time

import pytest
import yaml


def test_read_command_reports_no_change_and_runs_in_check_mode(spe):
    for check in (False, True):
        run = spe.playbook(
            """
- mailstore.spe.spe_command: {command: GetInstanceHosts}
  register: result
""",
            check=check,
        )
        assert run.rc == 0 and run.changed() == 0, run
        assert spe.result()['result'][0]['serverName'] == spe.api('GetInstanceHosts')[0]['serverName']
        assert spe.result()['status'] == 'succeeded'


def test_write_command_changes_and_is_not_sent_in_check_mode(spe):
    host = spe.api('GetInstanceHosts')[0]['serverName']
    create = (
        """
- mailstore.spe.spe_command:
    command: CreateInstance
    arguments:
      config: {instanceID: viacmd, instanceHost: %s, displayName: Via Command}
  register: result
"""
        % host
    )
    spe.reset_stats()
    check = spe.playbook(create, check=True)
    assert check.rc == 0 and check.changed() == 1, check
    assert spe.stats()['writes'] == 0 and spe.api('GetInstances', instanceFilter='viacmd') == []

    run = spe.playbook(create)
    assert run.rc == 0 and run.changed() == 1, run
    assert spe.api('GetInstances', instanceFilter='viacmd')[0]['displayName'] == 'Via Command'


def test_failed_command_names_the_command_and_the_server_message(spe):
    run = spe.playbook('- mailstore.spe.spe_command: {command: GetUsers, arguments: {instanceID: nosuch}}\n')
    assert run.rc != 0
    assert 'GetUsers failed' in run.output and 'nosuch' in run.output


def test_long_running_command_is_followed_to_the_end(spe):
    spe.new_instance()
    spe.api('CreateStore', instanceID='acme', name='S1', databasePath='D:\\S1')
    run = spe.playbook("""
- mailstore.spe.spe_command:
    command: VerifyStores
    arguments: {instanceID: acme, includeIndexes: false}
    wait_timeout: 30
  register: result
""")
    assert run.rc == 0, run
    assert spe.result()['status'] == 'succeeded' and spe.result()['log_output']
    assert spe.stats()['calls'].get('get-status', 0) >= 1


def test_reads_are_retried_on_server_errors_writes_never(spe):
    spe.new_instance()
    spe.fault(command='GetUsers', times=2, kind='http_500')
    read = spe.playbook('- mailstore.spe.spe_command: {command: GetUsers, arguments: {instanceID: acme}}\n')
    assert read.rc == 0, read
    assert spe.stats()['calls']['GetUsers'] == 3

    spe.reset_stats()
    spe.fault(command='CreateUser', times=1, kind='http_500')
    write = spe.playbook(
        '- mailstore.spe.spe_command: {command: CreateUser, arguments: {instanceID: acme, userName: once, privileges: login}}\n'
    )
    assert write.rc != 0 and 'CreateUser' in write.output
    assert spe.stats()['calls']['CreateUser'] == 1  # never blindly repeated
    assert 'once' not in [u['userName'] for u in spe.api('GetUsers', instanceID='acme')]

    spe.fault(command='GetUsers', times=1, kind='drop')
    dropped = spe.playbook('- mailstore.spe.spe_command: {command: GetUsers, arguments: {instanceID: acme}}\n')
    assert dropped.rc == 0, dropped


def test_wrong_password_is_a_clear_error_without_the_password(spe):
    run = spe.playbook(
        '- mailstore.spe.spe_command: {command: Ping}\n',
        env={'MAILSTORE_SPE_PASSWORD': 'not-the-Password-42'},
        verbosity=3,
    )
    assert run.rc != 0
    assert '401' in run.output or 'authentic' in run.output.lower()
    assert 'not-the-Password-42' not in run.output


# --- every documented example runs -------------------------------------------------------------

CONNECTION_OPTIONS = ('server', 'port', 'username', 'password')


def documented_examples():
    """spe_command's EXAMPLES, with the placeholder connection removed: the simulator's comes from the environment."""
    from ansible_collections.mailstore.spe.plugins.modules import spe_command

    tasks = yaml.safe_load(spe_command.EXAMPLES)
    for task in tasks:
        for option in CONNECTION_OPTIONS:
            task['mailstore.spe.spe_command'].pop(option, None)
    return tasks


def test_every_example_runs_against_the_simulator(spe):
    spe.new_instance('acme')
    for number in (1, 2, 3):  # the examples name store 3
        spe.api('CreateStore', instanceID='acme', name='S%d' % number, databasePath='D:\\S%d' % number)
    spe.api('SetDirectoryServicesConfiguration', instanceID='acme', config={'type': 'activeDirectory'})
    spe.api('CreateUser', instanceID='acme', userName='jdoe', privileges='login')
    tasks = documented_examples()
    assert [t['mailstore.spe.spe_command'].get('command') for t in tasks] == [
        'GetEnvironmentInfo',
        'VerifyStore',
        'SyncUsersWithDirectoryServices',
        None,  # resume waiting on the sync's token
        'CompactStore',
        None,  # cancel the compaction
        'SetUserPassword',
    ]
    spe.reset_stats()
    new_password = 'Example-New-Pass-7'
    run = spe.playbook(
        yaml.safe_dump(tasks, sort_keys=False),
        play_vars={'spe_api_password': 'unused', 'new_password': new_password},
    )
    assert run.rc == 0, run
    assert run.recap['localhost']['ok'] == len(tasks)  # each example ran (saving a result is skipped: none)
    calls = spe.stats()['calls']
    for command in ('GetEnvironmentInfo', 'VerifyStore', 'SyncUsersWithDirectoryServices', 'CompactStore'):
        assert calls[command] == 1, calls
    assert calls['cancel-async'] == 1 and calls['get-status'] >= 2
    assert calls['SetUserPassword'] == 1
    assert new_password not in run.output
    assert spe.invoke('GetUserInfo', instanceID='acme', userName='jdoe')['statusCode'] == 'succeeded'


# --- HTTPS only, connection options checked before any call ----------------------------------


@pytest.mark.parametrize(
    'server_env,task_options,expected',
    [
        ('http://localhost:{port}', {}, 'server: '),
        ('HTTP://localhost:{port}', {}, 'only https:// is allowed'),
        ('localhost', {'port': 0}, 'port: 0 is outside 1-65535'),
        ('localhost', {'timeout': 0}, 'timeout: 0 seconds is not more than 0'),
        ('localhost', {'ca_path': '/nonexistent/ca.pem'}, 'ca_path: /nonexistent/ca.pem is neither'),
    ],
)
def test_unusable_connection_options_fail_before_any_call(spe, server_env, task_options, expected):
    spe.reset_stats()
    task = dict({'command': 'Ping'}, **task_options)
    run = spe.playbook(
        yaml.safe_dump(
            [{'mailstore.spe.spe_command': task, 'register': 'result', 'ignore_errors': True}], sort_keys=False
        ),
        env={'MAILSTORE_SPE_SERVER': server_env.format(port=spe.port)},
    )
    assert run.rc == 0, run
    result = spe.result()
    assert result['failed'] is True and result['changed'] is False
    assert expected in result['msg'] and 'nothing was sent' in result['msg']
    assert spe.stats()['calls'] == {}
    assert spe.password not in run.output


# --- the truth about writes ------------------------------------------------------------------


def user_names(spe):
    return [u['userName'] for u in spe.api('GetUsers', instanceID='acme')]


CREATE_ONCE = """
- mailstore.spe.spe_command:
    command: CreateUser
    arguments: {instanceID: acme, userName: once, privileges: login}
    timeout: 2
  register: result
  ignore_errors: true
"""


def test_a_write_the_server_applied_without_answering_in_time_is_changed_and_uncertain(spe):
    spe.new_instance()
    spe.reset_stats()
    spe.fault(command='CreateUser', kind='delay', delay_ms=4000)  # applied, but after the client gave up
    run = spe.playbook(CREATE_ONCE)
    assert run.rc == 0, run
    result = spe.result()
    assert (result['failed'], result['changed'], result['commands_uncertain']) == (True, True, ['CreateUser'])
    assert 'no answer within 2 s' in result['msg'] and 'outcome is unknown' in result['msg']
    assert 'connection broke' not in result['msg']
    assert spe.stats()['calls']['CreateUser'] == 1  # never re-sent
    deadline = time.monotonic() + 30  # the simulator finishes the delayed call in its own thread
    while 'once' not in user_names(spe) and time.monotonic() < deadline:
        time.sleep(0.2)
    assert 'once' in user_names(spe)


def test_a_write_whose_connection_closed_is_changed_and_uncertain(spe):
    spe.new_instance()
    spe.reset_stats()
    spe.fault(command='CreateUser', kind='drop')
    run = spe.playbook(CREATE_ONCE)
    assert run.rc == 0, run
    result = spe.result()
    assert (result['failed'], result['changed'], result['commands_uncertain']) == (True, True, ['CreateUser'])
    assert 'the connection closed before an answer came' in result['msg']
    assert spe.stats()['calls']['CreateUser'] == 1
    assert 'once' not in user_names(spe)  # this simulator drops before applying; the module cannot know that


def test_polling_failure_after_acceptance_returns_the_token_and_the_wait_resumes(spe):
    spe.new_instance()
    spe.api('CreateStore', instanceID='acme', name='S1', databasePath='D:\\S1')
    spe.reset_stats()
    spe.fault(command='get-status', kind='http_500', times=4)  # the first poll and its 3 retries
    run = spe.playbook("""
- mailstore.spe.spe_command:
    command: VerifyStores
    arguments: {instanceID: acme, includeIndexes: true}
  register: result
  ignore_errors: true
""")
    assert run.rc == 0, run
    failed = spe.result()
    assert (failed['failed'], failed['changed'], failed['commands_uncertain']) == (True, True, ['VerifyStores'])
    assert failed['token'] and 'VerifyStores was accepted by the server (token %s)' % failed['token'] in failed['msg']
    assert spe.stats()['calls']['VerifyStores'] == 1

    resumed = spe.playbook(
        """
- mailstore.spe.spe_command: {token: '{{ token }}', wait_timeout: 30}
  register: result
""",
        play_vars={'token': failed['token']},
    )
    assert resumed.rc == 0 and resumed.changed() == 0, resumed
    result = spe.result()
    assert (result['status'], result['percent_progress'], result['token']) == ('succeeded', 100, failed['token'])
    assert result['result']['stores'][0]['name'] == 'S1' and result['result']['includeIndexes'] is True
    assert 'VerifyStores: completed.' in result['log_output']
    assert spe.stats()['calls']['VerifyStores'] == 1  # resuming never re-sends the command


def test_low_level_calls_and_cancel(spe):
    spe.new_instance()
    spe.api('CreateStore', instanceID='acme', name='S1', databasePath='D:\\S1')
    started = spe.playbook("""
- mailstore.spe.spe_command:
    command: CompactStore
    arguments: {instanceID: acme, id: 1}
    wait: false
  register: result
""")
    assert started.rc == 0, started
    token = spe.result()['token']
    assert spe.result()['status'] == 'running' and token

    status = spe.playbook(
        """
- mailstore.spe.spe_command:
    command: get-status
    arguments: {token: '{{ token }}', lastKnownStatusVersion: 0, millisecondsTimeout: 0}
  register: result
""",
        play_vars={'token': token},
        check=True,
    )
    assert status.rc == 0 and status.changed() == 0, status
    assert spe.result()['status'] in ('running', 'succeeded') and spe.result()['status_version'] >= 1

    spe.reset_stats()
    cancel = spe.playbook(
        """
- mailstore.spe.spe_command: {token: '{{ token }}', cancel: true}
- mailstore.spe.spe_command: {command: cancel-async, arguments: {token: '{{ token }}'}}
- mailstore.spe.spe_command: {command: get-metadata}
  register: result
""",
        play_vars={'token': token},
    )
    assert cancel.rc == 0 and cancel.changed() == 2, cancel
    assert spe.stats()['calls']['cancel-async'] == 2
    assert 'CreateUser' in [entry['name'] for entry in spe.result()['result']]

    unknown = spe.playbook("""
- mailstore.spe.spe_command: {token: no-such-token, cancel: true}
  register: result
  ignore_errors: true
""")
    assert unknown.rc == 0, unknown
    assert spe.result()['changed'] is False and spe.result()['error']['http_status'] == 404
    assert spe.result()['msg'].startswith('cancel-async failed: ') and 'no-such-token' in spe.result()['msg']


def test_empty_command_is_refused(spe):
    spe.reset_stats()
    run = spe.playbook("""
- mailstore.spe.spe_command: {command: ''}
  register: result
  ignore_errors: true
""")
    assert run.rc == 0, run
    assert 'command: must not be empty' in spe.result()['msg']
    assert spe.stats()['calls'] == {}
