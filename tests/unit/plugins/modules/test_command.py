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
    def __init__(self, response=None, error=None):
        self.response = response or SpeResponse(status_code='succeeded', result={'ok': True}, log_output='line\n')
        self.error = error
        self.invoked = []
        self.closed = False

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
        if self.error:
            raise self.error
        return self.response

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
    assert spec['command'] == dict(type='str', required=True)
    assert spec['arguments'] == dict(type='dict', default={})
    assert spec['wait'] == dict(type='bool', default=True)
    assert spec['wait_timeout'] == dict(type='int', default=300)
    assert spec['cancel_on_timeout'] == dict(type='bool', default=False)


def test_read_is_sent_and_not_changed():
    fake = FakeClient()
    result = run(fake, command='GetUsers', arguments={'instanceID': 'acme'})
    assert result == dict(changed=False, result={'ok': True}, log_output='line\n', status='succeeded')
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
    class Refusing(FakeClient):
        def invoke(self, *args, **kwargs):
            raise ValueError('list item contains a comma')

    result = run(Refusing(), command='SetUserEmailAddresses')
    assert result['failed'] is True
    assert 'not sent' in result['msg']
