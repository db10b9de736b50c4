# Copyright: contributors to mailstore.spe
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""The logic of spe_command (module_utils/command.py) with a fake client."""

from __future__ import annotations

import pytest

from ansible_collections.mailstore.spe.plugins.module_utils.client import SpeResponse
from ansible_collections.mailstore.spe.plugins.module_utils.command import SPE_COMMAND
from ansible_collections.mailstore.spe.plugins.module_utils.connection import CONNECTION_ARGUMENT_SPEC
from ansible_collections.mailstore.spe.plugins.module_utils.errors import SpeApiError
from ansible_collections.mailstore.spe.plugins.module_utils.runner import TaskContext


class FakeClient:
    """Plays ``responses`` (the progress reports of one call, the last one returned) or raises ``error``."""

    def __init__(self, response=None, error=None, progress=()):
        self.response = response or SpeResponse(status_code='succeeded', result={'ok': True}, log_output='line\n')
        self.error = error
        self.progress = list(progress)
        self.invoked = []
        self.calls = []
        self.closed = False

    def _play(self, on_progress):
        for report in self.progress:
            if on_progress:
                on_progress(report)
        if self.error:
            raise self.error
        return self.response

    def invoke(self, command, arguments=None, wait=True, wait_timeout=300, cancel_on_timeout=False, on_progress=None):
        self.invoked.append(
            dict(
                command=command,
                arguments=arguments,
                wait=wait,
                wait_timeout=wait_timeout,
                cancel_on_timeout=cancel_on_timeout,
            )
        )
        return self._play(on_progress)

    def wait_for(self, token, wait_timeout=300, cancel_on_timeout=False, on_progress=None):
        self.calls.append(('wait_for', token, wait_timeout, cancel_on_timeout))
        return self._play(on_progress)

    def cancel(self, token):
        self.calls.append(('cancel', token))
        if self.error:
            raise self.error
        return SpeResponse(status_code='succeeded')

    def get_status(self, token, last_version, milliseconds_timeout=5000):
        self.calls.append(('get_status', token, last_version, milliseconds_timeout))
        return self._play(None)

    def get_metadata(self):
        self.calls.append(('get_metadata',))
        return [{'name': 'Ping', 'args': []}]

    def close(self):
        self.closed = True


def params(**overrides):
    values = dict(
        server='spe.example.com',
        port=8474,
        username='admin',
        password='pw',
        validate_certs=True,
        ca_path=None,
        timeout=30,
        command=None,
        token=None,
        cancel=False,
        arguments={},
        wait=True,
        wait_timeout=300,
        cancel_on_timeout=False,
    )
    values.update(overrides)
    return values


def run(fake, check_mode=False, **overrides):
    ctx = TaskContext(params(**overrides), check_mode=check_mode, client_factory=lambda p: fake)
    return SPE_COMMAND.execute(ctx)


def test_argument_spec_adds_the_connection_options():
    spec = SPE_COMMAND.argument_spec
    assert set(CONNECTION_ARGUMENT_SPEC) <= set(spec)
    assert spec['command'] == dict(type='str')
    assert spec['token'] == dict(type='str', no_log=False)
    assert spec['cancel'] == dict(type='bool', default=False)
    assert spec['arguments'] == dict(type='dict', default={})
    assert SPE_COMMAND.constraints['mutually_exclusive'] == [['command', 'token']]
    assert SPE_COMMAND.constraints['required_one_of'] == [['command', 'token']]
    assert spec['wait'] == dict(type='bool', default=True)
    assert spec['wait_timeout'] == dict(type='int', default=300)
    assert spec['cancel_on_timeout'] == dict(type='bool', default=False)


def test_read_is_sent_and_not_changed():
    fake = FakeClient()
    result = run(fake, command='GetUsers', arguments={'instanceID': 'acme'})
    assert result == dict(
        changed=False,
        result={'ok': True},
        log_output='line\n',
        status='succeeded',
        percent_progress=None,
        status_text=None,
    )
    assert fake.invoked == [
        dict(command='GetUsers', arguments={'instanceID': 'acme'}, wait=True, wait_timeout=300, cancel_on_timeout=False)
    ]
    assert fake.closed


def test_write_is_sent_and_changed():
    fake = FakeClient(SpeResponse(status_code='succeeded', result=None))
    result = run(
        fake,
        command='CreateUser',
        arguments={'instanceID': 'acme', 'userName': 'jdoe'},
        wait_timeout=60,
        cancel_on_timeout=True,
    )
    assert result['changed'] is True
    assert result['status'] == 'succeeded'
    assert fake.invoked[0]['wait_timeout'] == 60 and fake.invoked[0]['cancel_on_timeout'] is True


@pytest.mark.parametrize('command', ['GetInstances', 'Ping'])
def test_check_mode_sends_reads(command):
    fake = FakeClient()
    result = run(fake, check_mode=True, command=command)
    assert result['changed'] is False
    assert [i['command'] for i in fake.invoked] == [command]


@pytest.mark.parametrize('command', ['CreateUser', 'DeleteInstances', 'VerifyStore'])
def test_check_mode_does_not_send_writes(command):
    fake = FakeClient()
    result = run(fake, check_mode=True, command=command)
    assert result == dict(changed=True, msg='check mode: %s not sent' % command)
    assert fake.invoked == []


def test_no_wait_returns_the_token():
    fake = FakeClient(SpeResponse(status_code='running', token='T1', status_version=1))
    result = run(fake, command='RunProfile', arguments={'instanceID': 'acme', 'id': 3}, wait=False)
    assert (result['status'], result['token'], result['changed']) == ('running', 'T1', True)
    assert fake.invoked[0]['wait'] is False


def test_token_not_returned_when_waiting():
    result = run(FakeClient(), command='GetUsers')
    assert 'token' not in result


def test_api_error_fails_with_the_error_dict():
    error = SpeApiError('Missing API argument userName.', command='CreateUser', details='d', kind='failed')
    result = run(FakeClient(error=error), command='CreateUser')
    assert result['failed'] is True
    assert result['changed'] is False
    assert 'CreateUser' in result['msg'] and 'Missing API argument userName.' in result['msg']
    assert result['error'] == error.to_dict()


def test_timeout_of_a_write_reports_changed():
    error = SpeApiError('still running', command='RecoverStore', kind='timeout', token='T9')
    result = run(FakeClient(error=error), command='RecoverStore')
    assert result['failed'] is True and result['changed'] is True
    assert result['error']['token'] == 'T9'


def test_unencodable_argument_fails_without_sending():
    fake = FakeClient()
    result = run(fake, command='SetUserEmailAddresses', arguments={'emailAddresses': ['a,b@x.org']})
    assert result['failed'] is True and result['changed'] is False
    assert result['msg'].startswith('arguments: ') and 'nothing was sent' in result['msg']
    assert fake.invoked == [] and fake.calls == []


# --- refused before any call -----------------------------------------------------------------


@pytest.mark.parametrize(
    'overrides,words',
    [
        (dict(command=''), 'command: must not be empty'),
        (dict(command='   '), 'command: must not be empty'),
        (dict(token=''), 'token: must not be empty'),
        (dict(command='GetUsers', cancel=True), 'cancel: needs token'),
        (dict(command='GetUsers', wait_timeout=-1), 'wait_timeout: -1 is negative'),
        (dict(command='get-status'), 'arguments: get-status needs token'),
        (dict(command='cancel-async', arguments={'token': ''}), 'arguments: cancel-async needs token'),
        (dict(command='GetUsers', server='http://spe.example.com'), 'server: '),
        (dict(command='GetUsers', port=0), 'port: 0 is outside 1-65535'),
        (dict(command='GetUsers', timeout=0), 'timeout: 0 seconds'),
    ],
)
def test_bad_input_is_refused_without_a_call(overrides, words):
    fake = FakeClient()
    result = run(fake, **overrides)
    assert result['failed'] is True and result['changed'] is False
    assert words in result['msg'] and result['msg'].endswith('nothing was sent')
    assert fake.invoked == [] and fake.calls == []


# --- the truth about writes ------------------------------------------------------------------


def test_a_write_without_an_answer_is_changed_and_uncertain():
    error = SpeApiError(
        'no answer within 30 s from https://spe.example.com:8474; the server may have applied it',
        command='CreateUser',
        kind='transport',
        uncertain=True,
    )
    result = run(FakeClient(error=error), command='CreateUser', arguments={'instanceID': 'acme', 'userName': 'x'})
    assert (result['failed'], result['changed'], result['commands_uncertain']) == (True, True, ['CreateUser'])
    assert 'outcome is unknown' in result['msg'] and 'no answer within 30 s' in result['msg']
    assert result['error']['uncertain'] is True
    assert 'token' not in result


def test_a_read_without_an_answer_changed_nothing():
    error = SpeApiError('no answer within 30 s', command='GetUsers', kind='transport')
    result = run(FakeClient(error=error), command='GetUsers')
    assert (result['failed'], result['changed']) == (True, False)
    assert 'commands_uncertain' not in result


def running(version, percent, text, log=None, token='T1'):
    return SpeResponse(
        status_code='running',
        token=token,
        status_version=version,
        percent_progress=percent,
        status_text=text,
        log_output=log,
    )


def test_polling_failure_after_acceptance_says_accepted_and_changed():
    error = SpeApiError(
        'while waiting (get-status): HTTP 503', command='RecoverStore', kind='http', http_status=503, token='T1'
    )
    fake = FakeClient(error=error, progress=[running(1, 0, 'Recovering'), running(2, 50, 'Recovering (50%)', 'step 1')])
    result = run(fake, command='RecoverStore', arguments={'instanceID': 'acme', 'id': 1})
    assert (result['failed'], result['changed'], result['token']) == (True, True, 'T1')
    assert result['commands_uncertain'] == ['RecoverStore']
    assert 'RecoverStore was accepted by the server (token T1)' in result['msg']
    assert 'follow it with token: T1' in result['msg'] and 'failed: RecoverStore' not in result['msg']
    assert (result['percent_progress'], result['status_text'], result['log_output']) == (
        50,
        'Recovering (50%)',
        'step 1',
    )


def test_a_long_running_call_the_server_says_failed_is_not_uncertain():
    error = SpeApiError('Store is damaged.', command='VerifyStore', kind='failed', token='T1')
    fake = FakeClient(error=error, progress=[running(1, 0, 'Verifying')])
    result = run(fake, command='VerifyStore', arguments={'instanceID': 'acme', 'id': 1, 'includeIndexes': True})
    assert (result['failed'], result['changed'], result['token']) == (True, False, 'T1')
    assert result['msg'] == 'VerifyStore failed: Store is damaged.'
    assert 'commands_uncertain' not in result


def test_progress_is_kept_and_returned():
    final = SpeResponse(status_code='succeeded', token='T1', status_version=4, percent_progress=100, status_text='Done')
    fake = FakeClient(final, progress=[running(1, 0, 'Starting'), running(2, 50, 'Half', 'line 1\nline 2'), final])
    result = run(fake, command='VerifyStores', arguments={'instanceID': 'acme', 'includeIndexes': False})
    assert (result['status'], result['percent_progress'], result['status_text']) == ('succeeded', 100, 'Done')
    assert result['log_output'] == 'line 1\nline 2'  # the final answer came without the log


# --- tokens: resume, cancel --------------------------------------------------------------------


@pytest.mark.parametrize('check_mode', [False, True])
def test_token_resumes_waiting(check_mode):
    final = SpeResponse(status_code='succeeded', token='T1', result={'errors': 0}, log_output='done')
    fake = FakeClient(final)
    result = run(fake, check_mode=check_mode, token='T1', wait_timeout=60, cancel_on_timeout=True)
    assert (result['changed'], result['status'], result['result'], result['token']) == (
        False,
        'succeeded',
        {'errors': 0},
        'T1',
    )
    assert fake.calls == [('wait_for', 'T1', 60, not check_mode)]  # check mode never sends cancel-async


def test_resuming_an_unknown_token_fails_naming_it():
    error = SpeApiError('token T1 is unknown or expired', command='get-status', kind='http', http_status=404)
    result = run(FakeClient(error=error), token='T1')
    assert (result['failed'], result['changed'], result['token']) == (True, False, 'T1')
    assert result['msg'].startswith('the call with token T1: token T1 is unknown or expired')


def test_cancel_a_token():
    fake = FakeClient()
    result = run(fake, token='T1', cancel=True)
    assert (result['changed'], result['token']) == (True, 'T1')
    assert 'cancel-async sent' in result['msg']
    assert fake.calls == [('cancel', 'T1')]


def test_cancel_is_not_sent_in_check_mode():
    fake = FakeClient()
    result = run(fake, check_mode=True, token='T1', cancel=True)
    assert result['changed'] is True and fake.calls == []


# --- the low-level calls -------------------------------------------------------------------------


def test_get_status_as_a_command():
    fake = FakeClient(running(3, 75, 'Working', token='T1'))
    result = run(fake, command='get-status', arguments={'token': 'T1', 'lastKnownStatusVersion': 2})
    assert fake.calls == [('get_status', 'T1', 2, 0)]
    assert (result['changed'], result['status'], result['status_version'], result['percent_progress']) == (
        False,
        'running',
        3,
        75,
    )
    assert fake.invoked == []


def test_cancel_async_as_a_command():
    fake = FakeClient()
    assert run(fake, check_mode=True, command='cancel-async', arguments={'token': 'T1'})['changed'] is True
    assert fake.calls == []
    result = run(fake, command='cancel-async', arguments={'token': 'T1'})
    assert (result['changed'], result['status']) == (True, 'succeeded')
    assert fake.calls == [('cancel', 'T1')] and fake.invoked == []


def test_get_metadata_as_a_command():
    fake = FakeClient()
    result = run(fake, check_mode=True, command='get-metadata')
    assert (result['changed'], result['result']) == (False, [{'name': 'Ping', 'args': []}])
