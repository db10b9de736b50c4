# Copyright: contributors to mailstore.spe
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""The contract every resource module keeps, run against each of them from one table:
check mode predicts a create and writes nothing; create; a converged run writes nothing;
--diff shows before/after; an update sends exactly the calls for the fields that differ;
-vvv output never holds the connection password; module_defaults through the action group;
delete, and delete again without a write."""

from __future__ import annotations

import json

import pytest

from ansible_collections.mailstore.spe.plugins.module_utils import registry
from ansible_collections.mailstore.spe.plugins.module_utils.resource import Resource

# module: (options that create it, options that change one field, the calls that change costs,
#          how to read it back from the simulator, the field to see the change in)
CONTRACT = {
    'spe_instance': (
        {'instance_id': 'contract', 'display_name': 'Before', 'instance_host': 'spe-host01', 'state': 'stopped'},
        {'display_name': 'After'},
        ['SetInstanceConfiguration'],
        lambda spe: (spe.api('GetInstances', instanceFilter='contract') or [None])[0],
        'displayName',
    ),
    # The selection of a fleet operation: acme (running) frozen, then started again; 'state' holds each status.
    'spe_instance_power': (
        {'filter': 'acme', 'state': 'frozen'},
        {'state': 'started'},
        ['ThawInstances'],
        lambda spe: (spe.api('GetInstances', instanceFilter='acme') or [None])[0],
        'status',
    ),
    'spe_store': (
        {'instance_id': 'acme', 'name': 'Contract', 'database_path': 'D:\\Contract', 'requested_state': 'normal'},
        {'requested_state': 'disabled'},
        ['SetStoreRequestedState'],
        lambda spe: ([s for s in spe.api('GetStores', instanceID='acme') if s['name'] == 'Contract'] or [None])[0],
        'requestedState',
    ),
    'spe_user': (
        {'instance_id': 'acme', 'user_name': 'contract', 'full_name': 'Before', 'privileges': ['login']},
        {'full_name': 'After'},
        ['SetUserFullName'],
        lambda spe: ([u for u in spe.api('GetUsers', instanceID='acme') if u['userName'] == 'contract'] or [None])[0],
        'fullName',
    ),
    'spe_job': (
        {'instance_id': 'acme', 'name': 'Contract', 'action': 'Ping', 'schedule': {'daily': '01:00'}},
        {'schedule': {'interval': 30}},
        ['SetJobSchedule'],
        lambda spe: ([j for j in spe.api('GetJobs', instanceID='acme') if j['name'] == 'Contract'] or [None])[0],
        'schedule',
    ),
    'spe_compliance': (
        {'instance_id': 'acme', 'legal_hold_enabled': True, 'log_successful_user_activities': ['UserAdd']},
        {'legal_hold_enabled': False},
        ['SetComplianceConfiguration'],
        lambda spe: spe.api('GetComplianceConfiguration', instanceID='acme'),
        'legalHoldEnabled',
    ),
    'spe_directory_services': (
        {'instance_id': 'acme', 'type': 'active_directory', 'directory_server': 'dc1.acme.example'},
        {'directory_server': 'dc2.acme.example'},
        ['SetDirectoryServicesConfiguration'],
        lambda spe: spe.api('GetDirectoryServicesConfiguration', instanceID='acme'),
        'server',
    ),
    'spe_store_auto_create': (
        {'instance_id': 'acme', 'size_threshold': '50GB', 'base_directory': 'D:\\Stores'},
        {'base_directory': 'E:\\Stores'},
        ['SetStoreAutoCreateConfiguration'],
        lambda spe: spe.api('GetStoreAutoCreateConfiguration', instanceID='acme'),
        'baseDirectory',
    ),
    'spe_search_index': (
        {'instance_id': 'acme', 'attachment_file_types': ['pdf', 'docx']},
        {'attachment_file_types': ['pdf']},
        ['SetIndexConfiguration'],
        lambda spe: spe.api('GetIndexConfiguration', instanceID='acme'),
        'attachmentFileTypes',
    ),
    'spe_profile': (
        {'instance_id': 'acme', 'name': 'Contract', 'properties': {'type': 'archive', 'details': {'server': 'a'}}},
        {'automatic': True},
        ['SetProfileServerSideExecution'],
        lambda spe: (
            [p for p in spe.api('GetProfiles', instanceID='acme', raw=True) if p['name'] == 'Contract'] or [None]
        )[0],
        'serverSideExecution',
    ),
    'spe_smtp': (
        {'instance_id': 'acme', 'hostname': 'before.example.com', 'smtp_port': 25, 'protocol': 'SMTP'},
        {'hostname': 'after.example.com'},
        ['SetSmtpSettings'],
        lambda spe: spe.api('GetSmtpSettings', instanceID='acme'),
        'hostname',
    ),
    'spe_tenant': (
        {
            'instance_id': 'contract',
            'instance_host': 'spe-host01',
            'users': [{'user_name': 'contract', 'privileges': ['login']}],
            'smtp': {'hostname': 'before.example.com'},
        },
        {'smtp': {'hostname': 'after.example.com'}},
        ['SetSmtpSettings'],
        lambda spe: (
            {'smtp': spe.api('GetSmtpSettings', instanceID='contract')['hostname']}
            if spe.api('GetInstances', instanceFilter='contract')
            else None
        ),
        'smtp',
    ),
    'spe_system_administrator': (
        {'user_name': 'contract', 'full_name': 'Before', 'admin_password': 'Contract-Admin-1!', 'mfa': 'inactive'},
        {'full_name': 'After'},
        ['SetSystemAdministratorConfiguration'],
        lambda spe: ([a for a in spe.api('GetSystemAdministrators') if a['userName'] == 'contract'] or [None])[0],
        'fullName',
    ),
    'spe_instance_host': (
        {'server_name': 'spe-host09', 'server_port': 8473, 'thumbprint': '0A' * 20, 'base_directory': 'D:\\Inst'},
        {'server_port': 9473},
        ['SetInstanceHostConfiguration'],
        lambda spe: (spe.api('GetInstanceHosts', serverNameFilter='spe-host09') or [None])[0],
        'port',
    ),
    'spe_client_access_server': (
        {'server_name': 'spe-cas09', 'server_port': 8472, 'thumbprint': '0B' * 20},
        {'server_port': 9472},
        ['SetClientAccessServerConfiguration'],
        lambda spe: (
            spe.api('GetClientAccessServers', serverNameFilter='spe-cas09', withServiceStatus=False) or [None]
        )[0],
        'port',
    ),
}


def task(module, options):
    return """
- name: Contract
  mailstore.spe.%s: %s
  register: result
""" % (module, json.dumps(options))


def converge(spe, module, options, **kwargs):
    spe.reset_stats()
    run = spe.playbook(task(module, options), **kwargs)
    assert run.rc == 0, run
    return run, spe.stats()


def test_every_resource_module_of_the_registry_has_a_contract_row():
    # Operation modules (spe_command, spe_store_maintenance) declare no Resource: they have their own tests.
    resource_modules = [
        m for m in registry.module_names() if not m.endswith('_info') and isinstance(registry.declaration(m), Resource)
    ]
    assert set(resource_modules) <= set(CONTRACT) <= set(registry.module_names())  # spe_tenant has a row too


@pytest.mark.parametrize('module', sorted(CONTRACT))
def test_module_contract(spe, module):
    create, change, change_calls, read_back, field = CONTRACT[module]
    spe.new_instance()
    before = read_back(spe)

    run, stats = converge(spe, module, create, check=True)
    assert run.changed() == 1 and stats['writes'] == 0
    assert read_back(spe) == before

    run, stats = converge(spe, module, create, verbosity=3)
    assert run.changed() == 1 and stats['writes'] >= 1
    assert read_back(spe) is not None and read_back(spe) != before
    assert spe.password not in run.output

    run, stats = converge(spe, module, create)
    assert run.changed() == 0 and stats['writes'] == 0, stats

    updated = dict(create, **change)
    run, stats = converge(spe, module, updated, check=True, diff=True)
    assert run.changed() == 1 and stats['writes'] == 0
    diff = spe.result()['diff']
    changed_option = list(change)[0]
    assert diff['before'][changed_option] != diff['after'][changed_option]
    assert [key for key in diff['after'] if diff['after'][key] != diff['before'].get(key)] == [changed_option]

    value_before = read_back(spe)[field]
    run, stats = converge(spe, module, updated, diff=True, verbosity=3)
    assert run.changed() == 1 and spe.result()['commands'] == change_calls
    assert stats['writes'] == len(change_calls)
    assert read_back(spe)[field] != value_before
    assert spe.password not in run.output

    if 'absent' not in (registry.spec(module).argument_spec.get('state') or {}).get('choices', []):
        return  # spe_smtp: settings always exist; spe_instance_power: a fleet operation deletes nothing
    identity = ('instance_id', 'name', 'user_name', 'server_name')
    absent = {key: value for key, value in create.items() if key in identity}
    absent['state'] = 'absent'
    run, stats = converge(spe, module, absent)
    assert run.changed() == 1 and read_back(spe) is None
    run, stats = converge(spe, module, absent)
    assert run.changed() == 0 and stats['writes'] == 0


@pytest.mark.parametrize('module', sorted(CONTRACT))
def test_module_defaults_group_supplies_the_connection(spe, module):
    spe.new_instance()
    create = CONTRACT[module][0]
    tasks = """
- module_defaults:
    group/mailstore.spe.spe:
      server: localhost
      port: %d
      username: admin
      password: "%s"
      ca_path: "%s"
  block:
    - mailstore.spe.%s: %s
""" % (spe.port, spe.password, spe.env['MAILSTORE_SPE_CA_PATH'], module, json.dumps(create))
    run = spe.playbook(
        tasks,
        env={
            'MAILSTORE_SPE_SERVER': 'unreachable.invalid',
            'MAILSTORE_SPE_PORT': '1',
            'MAILSTORE_SPE_PASSWORD': 'wrong',
        },
    )
    assert run.rc == 0 and run.changed() == 1, run
    assert CONTRACT[module][3](spe) is not None
