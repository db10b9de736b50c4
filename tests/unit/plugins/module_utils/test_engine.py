# Copyright: contributors to mailstore.spe
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""The engine's rules, against a scripted client: unset vs empty, sets, camelCase and enum
mapping, check mode, diff and redaction, and failure reports."""

from __future__ import annotations

import copy

import pytest
from ansible.module_utils.common.arg_spec import ArgumentSpecValidator

from ansible_collections.mailstore.spe.plugins.module_utils.declarations.smtp import SMTP
from ansible_collections.mailstore.spe.plugins.module_utils.declarations.store import STORE
from ansible_collections.mailstore.spe.plugins.module_utils.declarations.user import USER
from ansible_collections.mailstore.spe.plugins.module_utils.errors import SpeApiError
from ansible_collections.mailstore.spe.plugins.module_utils.fields import Field, as_set, camel, windows_path
from ansible_collections.mailstore.spe.plugins.module_utils.runner import TaskContext

CONNECTION = dict(server='spe.example.com', username='admin', password='connection-secret')


class ScriptedClient:
    """Answers reads from a table; records writes; can fail a chosen command."""

    def __init__(self, reads, fail=None):
        self.reads = reads
        self.fail = fail or {}
        self.sent = []

    def call(self, command, **arguments):
        self.sent.append((command, arguments))
        if command in self.fail:
            raise SpeApiError(self.fail[command], command=command)
        if command in self.reads:
            answer = self.reads[command]
            return copy.deepcopy(answer(arguments) if callable(answer) else answer)
        return None

    def writes(self):
        return [command for command, arguments in self.sent if not command.startswith('Get')]

    def close(self):
        pass


def run(resource, client, check_mode=False, diff_mode=True, **options):
    spec = resource.module_spec()
    validation = ArgumentSpecValidator(spec.argument_spec, **spec.constraints).validate(dict(CONNECTION, **options))
    assert not validation.error_messages, validation.error_messages
    ctx = TaskContext(
        validation.validated_parameters, check_mode=check_mode, diff_mode=diff_mode, client_factory=lambda p: client
    )
    return spec.execute(ctx)


JDOE = {
    'userName': 'jdoe',
    'fullName': 'John Doe',
    'distinguishedName': None,
    'authentication': 'integrated',
    'emailAddresses': ['jdoe@example.com', 'john@example.com'],
    'pop3UserNames': [],
    'privileges': ['login', 'changePassword'],
    'privilegesOnFolders': [
        {'folder': 'jdoe', 'privileges': ['read', 'write']},
        {'folder': 'shared', 'privileges': ['read']},
    ],
}


def user_client(**kwargs):
    return ScriptedClient({'GetUserInfo': JDOE, 'GetUsers': [{'userName': 'jdoe'}]}, **kwargs)


def test_camel_case_mapping():
    assert camel('imap_server_connection_log_enabled') == 'imapServerConnectionLogEnabled'
    assert camel('instance_id') == 'instanceId'
    assert Field('pop3_user_names', api='pop3UserNames').api == 'pop3UserNames'


def test_canonical_forms():
    assert as_set(['b', 'a', 'b']) == ['a', 'b']
    assert windows_path('D:/Archive/Store1\\') == windows_path('d:\\archive\\store1')
    assert Field('full_name').canonical(None) == Field('full_name').canonical('')
    assert Field('email_addresses', type='list', compare=as_set).canonical(None) == []


def test_unset_options_are_not_managed():
    client = user_client()
    result = run(USER, client, instance_id='acme', user_name='jdoe')
    assert result['changed'] is False
    assert client.writes() == []
    assert [command for command, arguments in client.sent] == ['GetUserInfo']


def test_empty_value_means_make_it_empty():
    client = user_client()
    result = run(USER, client, instance_id='acme', user_name='jdoe', full_name='', email_addresses=[])
    assert result['changed'] is True
    assert client.writes() == ['SetUserFullName', 'SetUserEmailAddresses']
    assert dict(client.sent)['SetUserEmailAddresses']['emailAddresses'] == []
    assert result['diff']['before']['full_name'] == 'John Doe' and result['diff']['after']['full_name'] == ''


def test_lists_compare_as_sets_and_enums_map_to_api_spelling():
    client = user_client()
    result = run(
        USER,
        client,
        instance_id='acme',
        user_name='jdoe',
        email_addresses=['john@example.com', 'jdoe@example.com'],
        privileges=['change_password', 'login'],
    )
    assert result['changed'] is False and client.writes() == []

    client = user_client()
    run(USER, client, instance_id='acme', user_name='jdoe', privileges=['login', 'modify_export_profiles'])
    assert dict(client.sent)['SetUserPrivileges']['privileges'] == ['login', 'modifyExportProfiles']


def test_folder_access_listed_folders_exactly_and_purge():
    client = user_client()
    result = run(
        USER,
        client,
        instance_id='acme',
        user_name='jdoe',
        folder_access=[{'folder': 'jdoe', 'privileges': ['write', 'read']}],
    )
    assert result['changed'] is False

    client = user_client()
    run(USER, client, instance_id='acme', user_name='jdoe', folder_access=[{'folder': 'jdoe', 'privileges': ['read']}])
    assert [(c, a['folder'], a['privileges']) for c, a in client.sent if c == 'SetUserPrivilegesOnFolder'] == [
        ('SetUserPrivilegesOnFolder', 'jdoe', ['read'])
    ]

    client = user_client()
    run(
        USER,
        client,
        instance_id='acme',
        user_name='jdoe',
        purge_folder_access=True,
        folder_access=[{'folder': 'jdoe', 'privileges': ['read', 'write']}],
    )
    assert [(a['folder'], a['privileges']) for c, a in client.sent if c == 'SetUserPrivilegesOnFolder'] == [
        ('shared', ['none'])
    ]


def test_check_mode_predicts_and_sends_no_write():
    client = user_client()
    result = run(USER, client, check_mode=True, instance_id='acme', user_name='jdoe', full_name='Jane Doe')
    assert result['changed'] is True
    assert result['commands'] == ['SetUserFullName']
    assert client.writes() == []
    assert result['user']['full_name'] == 'Jane Doe'


def test_check_mode_on_an_instance_that_does_not_exist_yet_predicts():
    client = ScriptedClient(
        {'GetInstances': []}, fail={'GetUserInfo': "Instance 'new' does not exist.", 'GetUsers': 'x'}
    )
    result = run(USER, client, check_mode=True, instance_id='new', user_name='jdoe', user_password='pw-123')
    assert result['changed'] is True and result['commands'] == ['CreateUser']
    assert 'does not exist' in result['warnings'][0]
    assert client.writes() == []


def test_real_run_on_a_missing_instance_fails_clearly():
    client = ScriptedClient(
        {'GetInstances': []}, fail={'GetUserInfo': "Instance 'new' does not exist.", 'GetUsers': 'x'}
    )
    result = run(USER, client, instance_id='new', user_name='jdoe')
    assert result['failed'] is True
    assert "instance 'new' does not exist" in result['msg']
    assert client.writes() == []


def test_password_is_never_in_the_result_and_masked_in_the_diff():
    client = ScriptedClient({'GetUserInfo': None, 'GetUsers': []}, fail={'GetUserInfo': 'User does not exist.'})
    result = run(USER, client, instance_id='acme', user_name='new', user_password='S3cret-pw!')
    assert result['diff']['after']['user_password'] == '********'
    assert 'S3cret-pw!' not in repr(result)
    assert dict(client.sent)['CreateUser']['password'] == 'S3cret-pw!'


def test_update_password_always_reports_a_change_every_run():
    client = user_client()
    result = run(USER, client, instance_id='acme', user_name='jdoe', user_password='pw', update_password='always')
    assert result['changed'] is True and client.writes() == ['SetUserPassword']
    client = user_client()
    assert run(USER, client, instance_id='acme', user_name='jdoe', user_password='pw')['changed'] is False


def test_bad_input_fails_before_any_call():
    client = user_client()
    result = run(USER, client, instance_id='acme', user_name='jdoe', privileges=['admin', 'login'])
    assert result['failed'] and "'admin' must be the only value" in result['msg']
    assert client.sent == []


def test_failure_names_command_server_message_and_what_was_applied():
    client = ScriptedClient(
        {'GetUsers': []}, fail={'GetUserInfo': 'nope', 'SetUserEmailAddresses': 'Invalid e-mail address.'}
    )
    result = run(USER, client, instance_id='acme', user_name='new', email_addresses=['bad'])
    assert result['failed'] is True
    assert result['failed_command'] == 'SetUserEmailAddresses'
    assert 'Invalid e-mail address.' in result['msg'] and 'Already applied: CreateUser' in result['msg']
    assert result['changed'] is True


STORES = [
    {
        'id': 1,
        'name': 'Archive 2026',
        'requestedState': 'current',
        'databasePath': 'D:\\Stores\\2026',
        'contentPath': 'D:\\Stores\\2026',
        'indexPath': 'D:\\Stores\\2026',
    }
]


def test_store_path_change_needs_permission_then_disables_and_restores():
    client = ScriptedClient({'GetStores': STORES})
    result = run(STORE, client, instance_id='acme', name='Archive 2026', database_path='E:\\Stores\\2026')
    assert result['failed'] and 'allow_path_change' in result['msg'] and client.writes() == []

    client = ScriptedClient({'GetStores': STORES})
    result = run(
        STORE, client, instance_id='acme', name='Archive 2026', database_path='E:\\Stores\\2026', allow_path_change=True
    )
    assert result['commands'] == ['SetStoreRequestedState', 'SetStorePath', 'SetStoreRequestedState']
    assert [a.get('requestedState') for c, a in client.sent if c == 'SetStoreRequestedState'] == ['disabled', 'current']


def test_store_enum_snake_case_option_maps_to_camel_case_api_value():
    client = ScriptedClient({'GetStores': STORES})
    run(STORE, client, instance_id='acme', name='Archive 2026', requested_state='write_protected')
    assert dict(client.sent)['SetStoreRequestedState']['requestedState'] == 'writeProtected'


SMTP_SETTINGS = {
    'hostname': 'smtp.example.com',
    'port': 587,
    'protocol': 'SMTP-TLS',
    'ignoreSslPolicyErrors': False,
    'authenticationRequired': True,
    'username': 'archive',
    'password': None,
    'fromDisplayName': 'Archive',
    'fromEmailAddress': 'archive@example.com',
    'recipientEmailAddresses': ['ops@example.com'],
}


@pytest.mark.parametrize(
    'policy, other_change, sent', [('on_change', False, False), ('on_change', True, True), ('always', False, True)]
)
def test_smtp_password_policy(policy, other_change, sent):
    client = ScriptedClient({'GetSmtpSettings': SMTP_SETTINGS})
    result = run(
        SMTP,
        client,
        instance_id='acme',
        smtp_password='smtp-pw',
        update_password=policy,
        smtp_port=465 if other_change else 587,
    )
    assert result['changed'] is sent
    settings = [a for c, a in client.sent if c == 'SetSmtpSettings']
    assert bool(settings) is sent
    if sent:
        assert settings[0]['settings']['password'] == 'smtp-pw'
        assert result['diff']['after']['smtp_password'] == '********'
