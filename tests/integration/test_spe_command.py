# Copyright: contributors to mailstore.spe
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""spe_command and the client against a real simulator: reads, writes, check mode, long-running
calls, and retries only where they are safe."""

from __future__ import annotations


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
