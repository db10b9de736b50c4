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
        ],
    ),
    'spe_job_info': (
        {'instance_id': 'acme'},
        [
            ({'name': ''}, 'name'),
            ({'name': 'x\ny'}, 'name'),
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
        ],
    ),
    'spe_smtp_info': (
        {},
        [
            ({'instance_id': ''}, 'instance_id'),
            ({'instance_id': 'acme', 'hostname': 'x'}, 'hostname'),
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
