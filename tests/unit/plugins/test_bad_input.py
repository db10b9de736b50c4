# Copyright: contributors to mailstore.spe
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Bad input gets a clear error and touches nothing: for every module, malformed inputs (wrong
types, unknown choices, conflicts, empty and invalid ids, line breaks, out-of-range numbers,
absurd lengths) each fail with a message naming the option, and no API call is made.

Runs each task as the in-process runner does (``run_task``: the same validation and engine)."""

from __future__ import annotations

import pytest

from ansible_collections.mailstore.spe.plugins.module_utils import registry
from ansible_collections.mailstore.spe.plugins.plugin_utils.in_process import run_task

CONNECTION = dict(server='spe.example.com', username='admin', password='connection-secret')
LONG = 'x' * 5000

# Cases every module with a required or optional instance_id gets.
INSTANCE_ID_CASES = [
    ({'instance_id': ''}, 'instance_id'),
    ({'instance_id': 'Acme'}, 'instance_id'),
    ({'instance_id': 'ac'}, 'instance_id'),
    ({'instance_id': 'acme\n'}, 'instance_id'),
    ({'instance_id': 'a' * 33}, 'instance_id'),
    ({'instance_id': '1acme'}, 'instance_id'),
    ({'instance_id': 'ac me'}, 'instance_id'),
    ({'instance_id': '*'}, 'instance_id'),
]
COMMON_CASES = [
    ({'colour': 'blue'}, 'colour'),
    ({'server': 'http://spe.example.com'}, 'server'),
    ({'port': 0}, 'port'),
    ({'timeout': 0}, 'timeout'),
    ({'ca_path': '/nonexistent/ca.pem'}, 'ca_path'),
]

# module: (valid options, [(options that make it invalid, the option the message must name)])
TABLE = {
    'spe_instance': (
        {'instance_id': 'acme'},
        [
            ({'instance_id': ''}, 'instance_id'),
            ({'state': 'running'}, 'state'),
            ({'start_mode': 'sometimes'}, 'start_mode'),
            ({'debug_log_enabled': 'maybe'}, 'debug_log_enabled'),
            ({'alias': 'x\ny'}, 'alias'),
            ({'display_name': 'two\nlines'}, 'display_name'),
            ({'instance_host': ''}, 'instance_host'),
            ({'base_directory': LONG}, 'base_directory'),
        ],
    ),
    'spe_instance_info': (
        {},
        [
            ({'instance_id': ''}, 'instance_id'),
            ({'instance_id': 'acme', 'filter': '*'}, 'filter'),
            ({'include_configuration': 'perhaps'}, 'include_configuration'),
            ({'statistics': 'lots'}, 'statistics'),
        ],
    ),
    'spe_instance_power': (
        {'filter': 'acme', 'state': 'started'},
        [
            ({'filter': ''}, 'filter'),
            ({'filter': '   '}, 'filter'),
            ({'filter': 'acme\nglobex'}, 'filter'),
            ({'filter': 'Acme'}, 'filter'),
            ({'filter': '* .paused'}, 'filter'),
            ({'filter': 'acme,globex'}, 'filter'),
            ({'filter': '**'}, 'filter'),
            ({'filter': LONG}, 'filter'),
            ({'state': 'running'}, 'state'),
            ({'state': 'absent'}, 'state'),
            ({'instance_id': 'acme'}, 'instance_id'),
        ],
    ),
    'spe_server_info': (
        {},
        [
            ({'include_license_request': 'perhaps'}, 'include_license_request'),
            ({'include_license_request': [True]}, 'include_license_request'),
            ({'instance_id': 'acme'}, 'instance_id'),
            ({'filter': '*'}, 'filter'),
            ({'server': ''}, 'server'),
            ({'server': 'spe.example.com:99999'}, 'server'),
            ({'username': 'ad:min'}, 'username'),
        ],
    ),
    'spe_store': (
        {'instance_id': 'acme', 'name': 'Messages', 'database_path': 'D:\\Archive'},
        [
            ({'name': ''}, 'name'),
            ({'name': 'x\ny'}, 'name'),
            ({'name': LONG}, 'name'),
            ({'id': 0}, 'id'),
            ({'id': 'first'}, 'id'),
            ({'requested_state': 'archived'}, 'requested_state'),
            ({'database_path': ''}, 'database_path'),
            ({'allow_path_change': 'sure'}, 'allow_path_change'),
        ],
    ),
    'spe_store_info': (
        {'instance_id': 'acme'},
        [
            ({'name': ''}, 'name'),
            ({'id': 'one'}, 'id'),
            ({'include_size': 'lots'}, 'include_size'),
        ],
    ),
    'spe_user': (
        {'instance_id': 'acme', 'user_name': 'jdoe'},
        [
            ({'user_name': ''}, 'user_name'),
            ({'user_name': 'jdoe\n'}, 'user_name'),
            ({'user_name': LONG}, 'user_name'),
            ({'privileges': ['superuser']}, 'privileges'),
            ({'privileges': ['admin', 'login']}, 'privileges'),
            ({'email_addresses': ['a,b@example.com']}, 'email_addresses'),
            ({'email_addresses': ['']}, 'email_addresses'),
            ({'authentication': 'kerberos'}, 'authentication'),
            ({'folder_access': [{'folder': 'jdoe', 'privileges': ['none', 'read']}]}, 'folder_access'),
            ({'folder_access': [{'folder': '', 'privileges': ['read']}]}, 'folder'),
            ({'update_password': 'sometimes'}, 'update_password'),
            ({'rename_from': ''}, 'rename_from'),
            ({'rename_from': 'JDOE'}, 'rename_from'),
            ({'rename_from': 'old\nname'}, 'rename_from'),
            ({'rename_from': 'old', 'state': 'absent'}, 'rename_from'),
        ],
    ),
    'spe_user_info': (
        {'instance_id': 'acme'},
        [
            ({'user_name': ''}, 'user_name'),
            ({'user_name': 'a\nb'}, 'user_name'),
        ],
    ),
    'spe_job': (
        {'instance_id': 'acme', 'name': 'Nightly', 'action': 'Ping'},
        [
            ({'name': ''}, 'name'),
            ({'name': 'x\ny'}, 'name'),
            ({'action': ''}, 'action'),
            ({'schedule': {'interval': 7}}, 'interval'),
            ({'schedule': {'once': '2030-13-45T25:61:00'}}, 'schedule.once'),
            ({'schedule': {'daily': '25:00'}}, '25:00'),
            ({'schedule': {'weekly': {'day': 'someday', 'time': '01:00'}}}, 'day'),
            ({'schedule': {'monthly': {'day': '32', 'time': '01:00'}}}, 'schedule.monthly.day'),
            ({'schedule': {'daily': '01:00', 'interval': 30}}, 'schedule'),
            ({'enabled': 'often'}, 'enabled'),
            ({'time_zone_id': ''}, 'time_zone_id'),
            ({'rename_from': 'Nightly'}, 'rename_from'),
            ({'rename_from': ''}, 'rename_from'),
            ({'rename_from': 'Old', 'state': 'absent'}, 'rename_from'),
            ({'run': True, 'cancel': True}, 'run'),
            ({'run': True, 'state': 'absent'}, 'run'),
            ({'cancel': True, 'state': 'absent'}, 'cancel'),
            ({'run': True, 'wait_timeout': -1}, 'wait_timeout'),
            ({'run': 'now'}, 'run'),
        ],
    ),
    'spe_job_info': (
        {'instance_id': 'acme'},
        [
            ({'name': ''}, 'name'),
            ({'name': 'x\ny'}, 'name'),
            ({'results_from': '2025-03-01'}, 'results_from'),
            ({'results_to': '2025-03-01'}, 'results_to'),
            ({'results_from': 'March', 'results_to': '2025-04-01'}, 'results_from'),
            ({'results_from': '2025-03-01', 'results_to': '2025-02-30'}, 'results_to'),
            ({'results_from': '2025-04-01', 'results_to': '2025-03-01'}, 'results_to'),
            ({'time_zone_id': '$Local'}, 'time_zone_id'),
            ({'results_from': '2025-03-01', 'results_to': '2025-04-01', 'time_zone_id': ' '}, 'time_zone_id'),
            ({'time_zones': 'all'}, 'time_zones'),
        ],
    ),
    'spe_folder': (
        {'instance_id': 'acme', 'folder': 'jdoe/Projects', 'move_to': 'asmith/Projects'},
        [
            ({'folder': None}, 'folder'),
            ({'folder': ''}, 'folder'),
            ({'folder': '/jdoe'}, 'folder'),
            ({'folder': 'jdoe/'}, 'folder'),
            ({'move_to': 'a\nb'}, 'move_to'),
            ({'move_to': ''}, 'move_to'),
            ({'delete_empty': True}, 'delete_empty'),
            ({'clear_privileges_of': 'jdoe'}, 'clear_privileges_of'),
            ({'move_to': None, 'delete_empty': 'yes please'}, 'delete_empty'),
            ({'move_to': None, 'clear_privileges_of': ''}, 'clear_privileges_of'),
            ({'folder': 'jdoe\r/x'}, 'folder'),
        ],
    ),
    'spe_folder_info': (
        {'instance_id': 'acme'},
        [
            ({'folder': ''}, 'folder'),
            ({'folder': 'jdoe\n'}, 'folder'),
            ({'max_levels': -1}, 'max_levels'),
            ({'max_levels': 'deep'}, 'max_levels'),
            ({'statistics': 'some'}, 'statistics'),
        ],
    ),
    'spe_store_maintenance': (
        {'instance_id': 'acme', 'operation': 'compact', 'name': 'Messages 2024'},
        [
            ({'operation': 'defragment'}, 'operation'),
            ({'name': None}, 'name'),
            ({'name': ''}, 'name'),
            ({'name': 'a\nb'}, 'name'),
            ({'id': 0}, 'id'),
            ({'id': 3}, 'id'),
            ({'all_stores': True}, 'all_stores'),
            ({'operation': 'refresh_statistics'}, 'name'),
            ({'operation': 'merge'}, 'source'),
            ({'operation': 'merge', 'source': 'x', 'source_id': 2}, 'source'),
            ({'operation': 'merge', 'source_id': -1}, 'source_id'),
            ({'include_indexes': True}, 'include_indexes'),
            ({'encryption_key': 'Store-Key-1'}, 'encryption_key'),
            ({'cancel': True}, 'cancel'),
            ({'token': 'abc'}, 'token'),
            ({'wait_timeout': -5}, 'wait_timeout'),
            ({'wait': 'later'}, 'wait'),
        ],
    ),
    'spe_smtp': (
        {'instance_id': 'acme'},
        [
            ({'instance_id': ''}, 'instance_id'),
            ({'smtp_port': 0}, 'smtp_port'),
            ({'smtp_port': 70000}, 'smtp_port'),
            ({'smtp_port': 'twenty-five'}, 'smtp_port'),
            ({'protocol': 'POP3'}, 'protocol'),
            ({'hostname': ''}, 'hostname'),
            ({'recipient_system_administrators': ['admin']}, 'recipient_system_administrators'),
            ({'recipient_email_addresses': ['a,b@example.com']}, 'recipient_email_addresses'),
            ({'update_password': 'weekly'}, 'update_password'),
        ],
    ),
    'spe_compliance': (
        {'instance_id': 'acme'},
        [
            ({'legal_hold_enabled': 'soon'}, 'legal_hold_enabled'),
            ({'log_successful_user_activities': ['UserLogin']}, 'log_successful_user_activities'),
            ({'admin_email_preview_enabled': [1]}, 'admin_email_preview_enabled'),
        ],
    ),
    'spe_compliance_info': ({'instance_id': 'acme'}, [({'legal_hold_enabled': True}, 'legal_hold_enabled')]),
    'spe_directory_services': (
        {'instance_id': 'acme'},
        [
            ({'type': 'novell'}, 'type'),
            ({'directory_port': 0}, 'directory_port'),
            ({'directory_port': 70000}, 'directory_port'),
            ({'encryption': 'tls13'}, 'encryption'),
            ({'base_dn': 'DC=a\nDC=b'}, 'base_dn'),
            ({'bind_user': LONG}, 'bind_user'),
            ({'delete_users': 'sometimes'}, 'delete_users'),
            ({'sync': 'yes'}, 'sync'),
            ({'update_password': 'never'}, 'update_password'),
            ({'wait_timeout': 0}, 'wait_timeout'),
        ],
    ),
    'spe_directory_services_info': ({'instance_id': 'acme'}, [({'sync': 'always'}, 'sync')]),
    'spe_store_auto_create': (
        {'instance_id': 'acme'},
        [
            ({'size_threshold': 'big'}, 'size_threshold'),
            ({'size_threshold': '50 PB'}, 'size_threshold'),
            ({'size_threshold': '-5GB'}, 'size_threshold'),
            ({'base_directory': LONG}, 'base_directory'),
            ({'content_base_directory': 'D:\\a\nb'}, 'content_base_directory'),
            ({'index_base_directory': 'E:\\x\x00'}, 'index_base_directory'),
        ],
    ),
    'spe_store_auto_create_info': ({'instance_id': 'acme'}, [({'size_threshold': '1GB'}, 'size_threshold')]),
    'spe_search_index': (
        {'instance_id': 'acme'},
        [
            ({'attachment_file_types': ['p df']}, 'attachment_file_types'),
            ({'attachment_file_types': ['pdf,docx']}, 'attachment_file_types'),
            ({'attachment_file_types': ['averyveryverylongextension']}, 'attachment_file_types'),
            ({'attachment_file_types': ['.']}, 'attachment_file_types'),
            ({'rebuild': 'always'}, 'rebuild'),
            ({'wait_timeout': -1}, 'wait_timeout'),
        ],
    ),
    'spe_search_index_info': ({'instance_id': 'acme'}, [({'rebuild': 'on_change'}, 'rebuild')]),
    'spe_profile': (
        {'instance_id': 'acme', 'name': 'Archive'},
        [
            ({'name': ''}, 'name'),
            ({'name': 'two\nlines'}, 'name'),
            ({'properties': 42}, 'properties'),
            ({'properties': {'id': 3}}, 'properties'),
            ({'properties': {'details': {'password': 'plain'}}}, 'properties'),
            ({'profile_passwords': [{'key': 'details.server', 'value': 'x'}]}, 'profile_passwords'),
            ({'profile_passwords': [{'key': 'password'}]}, 'value'),
            ({'pause_between_executions': -1}, 'pause_between_executions'),
            ({'maintenance_windows': ['22:00-25:00']}, 'maintenance_windows'),
            ({'automatic': False, 'pause_between_executions': 60}, 'pause_between_executions'),
            ({'state': 'absent', 'run': True}, 'run'),
            ({'wait_timeout': 0}, 'wait_timeout'),
        ],
    ),
    'spe_profile_info': ({'instance_id': 'acme'}, [({'name': ''}, 'name'), ({'run': True}, 'run')]),
    'spe_tenant': (
        {'instance_id': 'acme'},
        [
            ({'users': [{'full_name': 'Nobody'}]}, 'user_name'),
            ({'users': [{'user_name': 'jdoe'}, {'user_name': 'JDOE'}]}, 'users'),
            ({'users': [{'user_name': 'jdoe', 'privileges': ['none', 'admin']}]}, 'privileges'),
            ({'stores': [{'name': 'S', 'requested_state': 'sometimes'}]}, 'requested_state'),
            ({'stores': [{'database_path': 'D:\\S'}]}, 'name'),
            ({'jobs': [{'name': 'J', 'schedule': {'daily': '01:00', 'interval': 5}}]}, 'schedule'),
            ({'smtp': {'smtp_port': 70000}}, 'smtp_port'),
            ({'smtp': {'recipient_system_administrators': ['a@example.com']}}, 'recipient_system_administrators'),
            ({'compliance': {'legal_hold_enabled': 'soon'}}, 'legal_hold_enabled'),
            ({'parallel_reads': 0}, 'parallel_reads'),
            ({'purge_users': 'sometimes'}, 'purge_users'),
            ({'display_name': 'two\nlines'}, 'display_name'),
            # the definition given whole: the same checks, and what it cannot hold
            ({'definition': {'diplay_name': 'Typo'}}, 'diplay_name'),
            ({'definition': {'instance_id': 'other'}}, 'instance_id'),
            ({'definition': {'users': [{'user_name': 'jdoe', 'fullname': 'Typo'}]}}, 'fullname'),
            ({'definition': {'smtp': {'smtp_port': 'submission'}}}, 'smtp_port'),
            ({'definition': {'purge_users': True}}, 'purge_users'),
            ({'definition': {'password': 'not here'}}, 'password'),
            ({'definition': ['not', 'a', 'dict']}, 'definition'),
            ({'definition_var': 'tenant'}, 'definition_var'),  # only the action has variables to read
            ({'purge_users_var': 'tenant_purge_users'}, 'purge_users_var'),
        ],
    ),
    'spe_smtp_info': (
        {},
        [
            ({'instance_id': ''}, 'instance_id'),
            ({'instance_id': 'acme', 'hostname': 'x'}, 'hostname'),
        ],
    ),
    'spe_system_administrator': (
        {'user_name': 'ops-alice'},
        [
            ({'user_name': ''}, 'user_name'),
            ({'user_name': 'ops\nalice'}, 'user_name'),
            ({'user_name': LONG}, 'user_name'),
            ({'full_name': 'two\nlines'}, 'full_name'),
            ({'email_address': LONG}, 'email_address'),
            ({'mfa': 'on'}, 'mfa'),
            ({'update_password': 'sometimes'}, 'update_password'),
            ({'api_password': 'rotate'}, 'api_password'),
            ({'api_password': 'create'}, 'api_password'),  # only for the connection's own administrator
            ({'user_name': 'admin', 'state': 'absent'}, 'state'),  # the connection's own administrator
            ({'user_name': 'ADMIN', 'mfa': 'active'}, 'mfa'),
            ({'user_name': 'admin', 'admin_password': 'x', 'update_password': 'always'}, 'update_password'),
            ({'user_name': 'admin', 'api_password': 'create', 'state': 'absent'}, 'state'),
        ],
    ),
    'spe_system_administrator_info': (
        {},
        [
            ({'user_name': ''}, 'user_name'),
            ({'user_name': 'a\nb'}, 'user_name'),
            ({'user_name': LONG}, 'user_name'),
            ({'mfa': 'active'}, 'mfa'),
            ({'admin_password': 'x'}, 'admin_password'),
        ],
    ),
    'spe_instance_host': (
        {'server_name': 'spe-host03'},
        [
            ({'server_name': ''}, 'server_name'),
            ({'server_name': 'host\n03'}, 'server_name'),
            ({'server_port': 0}, 'server_port'),
            ({'server_port': 70000}, 'server_port'),
            ({'server_port': 'eighty'}, 'server_port'),
            ({'thumbprint': 'not-a-thumbprint'}, 'thumbprint'),
            ({'thumbprint': 'AB' * 19}, 'thumbprint'),
            ({'base_directory': 'Instances'}, 'base_directory'),
            ({'base_directory': ''}, 'base_directory'),
            ({'directories': ['relative\\path']}, 'directories'),
            ({'directories': ['D:\\a|b']}, 'directories'),
            ({'directories': ['\\\\server\\share']}, 'directories'),
            ({'pair': 'maybe'}, 'pair'),
            ({'state': 'gone'}, 'state'),
        ],
    ),
    'spe_instance_host_info': (
        {},
        [
            ({'server_name': ''}, 'server_name'),
            ({'server_name': 'a\nb'}, 'server_name'),
            ({'server_name': LONG}, 'server_name'),
            ({'directories': ['C:\\']}, 'directories'),
            ({'pair': True}, 'pair'),
        ],
    ),
    'spe_client_access_server': (
        {'server_name': 'spe-cas02'},
        [
            ({'server_name': ''}, 'server_name'),
            ({'server_name': 'cas\n02'}, 'server_name'),
            ({'server_port': 0}, 'server_port'),
            ({'server_port': 65536}, 'server_port'),
            ({'thumbprint': 'xyz'}, 'thumbprint'),
            ({'thumbprint': 'AB' * 21}, 'thumbprint'),
            ({'pair': 'perhaps'}, 'pair'),
            ({'state': 'running'}, 'state'),
            ({'base_directory': 'D:\\x'}, 'base_directory'),
        ],
    ),
    'spe_client_access_server_info': (
        {},
        [
            ({'server_name': ''}, 'server_name'),
            ({'server_name': 'a\nb'}, 'server_name'),
            ({'include_service_status': 'often'}, 'include_service_status'),
            ({'thumbprint': 'AB' * 20}, 'thumbprint'),
            ({'server_name': LONG}, 'server_name'),
        ],
    ),
}


def cases():
    return list(_cases())


def _cases():
    for module in registry.module_names():
        if module not in TABLE:
            continue
        valid, bad = TABLE[module]
        spec = registry.spec(module)
        extra = INSTANCE_ID_CASES if 'instance_id' in spec.argument_spec else []
        for options, option in bad + extra + COMMON_CASES:
            yield pytest.param(module, dict(valid, **options), option, id='%s-%s' % (module, sorted(options)[0]))


class RecordingClient:
    def __init__(self):
        self.calls = []

    def call(self, command, **arguments):
        self.calls.append(command)
        raise AssertionError('no API call may be made for bad input, but %s was' % command)

    invoke = call


def test_every_module_has_at_least_ten_bad_inputs():
    for module in registry.module_names():
        if module == 'spe_command':
            continue  # its own table: tests/unit/plugins/modules/test_command.py
        valid, bad = TABLE[module]
        extra = INSTANCE_ID_CASES if 'instance_id' in registry.spec(module).argument_spec else []
        assert len(bad + extra + COMMON_CASES) >= 10, module


@pytest.mark.parametrize('module, options, option', cases())
@pytest.mark.parametrize('check_mode', [False, True], ids=['run', 'check'])
def test_bad_input_fails_naming_the_option_with_zero_api_calls(module, options, option, check_mode):
    client = RecordingClient()
    result = run_task(module, dict(CONNECTION, **options), check_mode=check_mode, client_factory=lambda params: client)
    assert result.get('failed') is True, result
    assert option in result['msg'], result['msg']
    assert client.calls == []
    assert result['changed'] is False
