# Copyright: contributors to mailstore.spe
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""The fault-injection matrix (issue 9): for every resource module (and spe_folder, an operation
module with no read-back), a fault on its read, on each planned write and on the read-back, of
every kind (HTTP 500, dropped connection, timeout, failed envelope, 401), against the real
simulator over TLS. Asserted each time:

- reads are retried where retrying is safe; writes are never repeated;
- ``changed`` is true exactly when the server changed, or may have (``commands_uncertain``);
- the applied, failed and uncertain commands are named;
- a re-run converges, read back from the simulator, and a third run writes nothing.

The tasks run as the in-process runner runs them (``run_task``), without an ansible-playbook
process per case, so the whole matrix stays within a few minutes.
"""

from __future__ import annotations

import time

import pytest

from ansible_collections.mailstore.spe.plugins.module_utils.connection import client_from_params
from ansible_collections.mailstore.spe.plugins.plugin_utils.in_process import run_task

KINDS = ('http_500', 'drop', 'delay', 'failed', 'http_401')
RETRIED = ('http_500', 'drop', 'delay')  # a read that meets these is sent again, and then succeeds
TIMEOUT = 1  # seconds the client waits for an answer; a `delay` fault holds the answer longer
DELAY_MS = 1600


class Scenario:
    def __init__(self, setup, args, read, writes, outcome, converged, read_back=True, long_running=False):
        self.setup = setup  # the state before: made through the API directly
        self.args = args  # the task
        self.read = read  # the command the module reads the object with (first and read-back)
        self.writes = writes  # the writes the plan makes, in order (asserted in check mode)
        self.outcome = outcome  # what to read back from the simulator
        self.converged = converged  # the outcome once the task has converged
        self.read_back = read_back  # False: an operation module, which reports its write's answer
        # A long-running operation goes on on the server once started: a re-run after a lost answer
        # waits for it to end, as a user's would (one started while it runs meets it, and fails).
        self.long_running = long_running


def user_setup(spe):
    spe.new_instance()
    spe.api('CreateUser', instanceID='acme', userName='jdoe', privileges='login', fullName='Old')


def store_setup(spe):
    spe.new_instance()
    spe.api('CreateStore', instanceID='acme', name='S', databasePath='D:\\S', requestedState='current')


def job_setup(spe):
    spe.new_instance()
    spe.api('CreateJob', instanceID='acme', name='J', action='Ping', time='01:00:00')


def power_setup(spe):
    for instance_id in ('alpha', 'beta', 'gamma'):
        spe.api('CreateInstance', config={'instanceID': instance_id, 'instanceHost': spe.hosts[0]})
    spe.api('StartInstances', instanceFilter='alpha beta')
    spe.api('FreezeInstances', instanceFilter='beta')


def profile_setup(spe):
    spe.new_instance()
    spe.api('CreateProfile', instanceID='acme', properties={'name': 'P', 'type': 'archive'}, raw=True)


def profile_outcome(spe):
    sse = [p for p in spe.api('GetProfiles', instanceID='acme', raw=True) if p['name'] == 'P'][0]['serverSideExecution']
    return sse['automatic'], sse['automaticPauseBetweenExecutions']


def store_outcome(spe):
    store = [s for s in spe.api('GetStores', instanceID='acme') if s['name'] == 'S'][0]
    return store['requestedState'], store['databasePath'].lower()


def job_outcome(spe):
    job = spe.api('GetJobs', instanceID='acme')[0]
    return job['schedule']['type'], job['enabled']


def merge_setup(spe):
    spe.new_instance()
    for name in ('Target', 'Source'):
        spe.api('CreateStore', instanceID='acme', name=name, databasePath='E:\\' + name)


def store_names(spe):
    return sorted(s['name'] for s in spe.api('GetStores', instanceID='acme'))


def folder_setup(spe):
    spe.new_instance()
    spe.api('CreateUser', instanceID='acme', userName='jdoe', privileges='login')
    spe.hook('folder', {'instanceID': 'acme', 'folder': 'jdoe/Old', 'count': 3, 'size': 300})


def folder_outcome(spe):
    return sorted(f['folder'] for f in spe.api('GetChildFolders', instanceID='acme', folder='jdoe', maxLevels=0))


def user_outcome(spe):
    user = spe.api('GetUserInfo', instanceID='acme', userName='jdoe')
    return user['fullName'], user['emailAddresses']


def smtp_outcome(spe):
    settings = spe.api('GetSmtpSettings', instanceID='acme')
    return settings['hostname'], settings['port']


def instance_outcome(spe):
    instance = spe.api('GetInstances', instanceFilter='acme')[0]
    return instance['displayName'], instance['status']


def admin_setup(spe):
    spe.api('CreateSystemAdministrator', config={'userName': 'ops', 'fullName': 'Old'}, password='Ops-Password-1!')


def admin_outcome(spe):
    admin = [a for a in spe.api('GetSystemAdministrators') if a['userName'] == 'ops'][0]
    return admin['fullName'], admin['mfaStatus']


def host_outcome(spe):
    host = spe.api('GetInstanceHosts', serverNameFilter='spe-host02')[0]
    listing = spe.invoke('GetDirectoriesOnInstanceHost', serverName='spe-host02', path='D:\\Fault')
    names = sorted(d['name'] for d in listing['result']) if listing['statusCode'] == 'succeeded' else []
    return host['port'], names


def cas_outcome(spe):
    cas = spe.api('GetClientAccessServers', serverNameFilter='spe-cas01', withServiceStatus=False)[0]
    return cas['port'], cas['serverCertificate']['thumbprint']


SCENARIOS = {
    'spe_system_administrator': Scenario(
        admin_setup,
        {'user_name': 'ops', 'full_name': 'New', 'mfa': 'active'},
        'GetSystemAdministrators',
        ['SetSystemAdministratorConfiguration', 'InitializeSystemAdministratorMFA'],
        admin_outcome,
        ('New', 'pending'),
    ),
    'spe_instance_host': Scenario(
        lambda spe: None,
        {'server_name': 'spe-host02', 'server_port': 9473, 'directories': ['D:\\Fault\\A', 'D:\\Fault\\B']},
        'GetInstanceHosts',
        ['SetInstanceHostConfiguration', 'CreateDirectoryOnInstanceHost', 'CreateDirectoryOnInstanceHost'],
        host_outcome,
        (9473, ['A', 'B']),
    ),
    'spe_client_access_server': Scenario(
        lambda spe: None,
        # A renewed certificate, paired: one call carries the new port and thumbprint.
        {'server_name': 'spe-cas01', 'server_port': 9472, 'thumbprint': '1C' * 20, 'pair': True},
        'GetClientAccessServers',
        ['PairWithManagementServer'],
        cas_outcome,
        (9472, '1C' * 20),
    ),
    'spe_user': Scenario(
        user_setup,
        {'instance_id': 'acme', 'user_name': 'jdoe', 'full_name': 'New', 'email_addresses': ['jdoe@acme.example']},
        'GetUserInfo',
        ['SetUserFullName', 'SetUserEmailAddresses'],
        user_outcome,
        ('New', ['jdoe@acme.example']),
    ),
    'spe_store': Scenario(
        store_setup,
        # The tenant definition declares the requested state: a re-run converges to it whatever a failure left.
        {
            'instance_id': 'acme',
            'name': 'S',
            'database_path': 'E:\\S',
            'requested_state': 'current',
            'allow_path_change': True,
        },
        'GetStores',
        ['SetStoreRequestedState', 'SetStorePath', 'SetStoreRequestedState'],
        store_outcome,
        ('current', 'e:\\s'),
    ),
    'spe_job': Scenario(
        job_setup,
        {'instance_id': 'acme', 'name': 'J', 'schedule': {'interval': 30}, 'enabled': False},
        'GetJobs',
        ['SetJobSchedule', 'SetJobEnabled'],
        job_outcome,
        ('interval', False),
    ),
    'spe_instance': Scenario(
        lambda spe: spe.new_instance(),
        {'instance_id': 'acme', 'display_name': 'New', 'allow_restart': True, 'state': 'started'},
        'GetInstances',
        ['StopInstances', 'SetInstanceConfiguration', 'StartInstances'],
        instance_outcome,
        ('New', 'running'),
    ),
    # One call for all the instances of a command: beta is thawed and gamma started, alpha already runs.
    'spe_instance_power': Scenario(
        power_setup,
        {'filter': 'alpha beta gamma', 'state': 'started'},
        'GetInstances',
        ['ThawInstances', 'StartInstances'],
        lambda spe: [i['status'] for i in spe.api('GetInstances', instanceFilter='alpha beta gamma')],
        ['running', 'running', 'running'],
    ),
    'spe_smtp': Scenario(
        lambda spe: spe.new_instance(),
        {'instance_id': 'acme', 'hostname': 'mail.acme.example', 'smtp_port': 587},
        'GetSmtpSettings',
        ['SetSmtpSettings'],
        smtp_outcome,
        ('mail.acme.example', 587),
    ),
    'spe_compliance': Scenario(
        lambda spe: spe.new_instance(),
        {'instance_id': 'acme', 'legal_hold_enabled': True},
        'GetComplianceConfiguration',
        ['SetComplianceConfiguration'],
        lambda spe: spe.api('GetComplianceConfiguration', instanceID='acme')['legalHoldEnabled'],
        True,
    ),
    # A whole tenant: the read of its last object, the writes of two objects in order, the read-back of the last.
    'spe_tenant': Scenario(
        user_setup,
        {
            'instance_id': 'acme',
            'users': [{'user_name': 'jdoe', 'full_name': 'New'}],
            'smtp': {'hostname': 'mail.acme.example', 'smtp_port': 587},
        },
        'GetSmtpSettings',
        ['SetUserFullName', 'SetSmtpSettings'],
        lambda spe: (
            spe.api('GetUserInfo', instanceID='acme', userName='jdoe')['fullName'],
            spe.api('GetSmtpSettings', instanceID='acme')['hostname'],
        ),
        ('New', 'mail.acme.example'),
    ),
    'spe_directory_services': Scenario(
        lambda spe: spe.new_instance(),
        {'instance_id': 'acme', 'type': 'generic_ldap', 'directory_server': 'ldap.acme.example'},
        'GetDirectoryServicesConfiguration',
        ['SetDirectoryServicesConfiguration'],
        lambda spe: spe.api('GetDirectoryServicesConfiguration', instanceID='acme').get('server'),
        'ldap.acme.example',
    ),
    'spe_store_auto_create': Scenario(
        lambda spe: spe.new_instance(),
        {'instance_id': 'acme', 'size_threshold': '10GB', 'base_directory': 'D:\\Auto'},
        'GetStoreAutoCreateConfiguration',
        ['SetStoreAutoCreateConfiguration'],
        lambda spe: spe.api('GetStoreAutoCreateConfiguration', instanceID='acme')['sizeThreshold'],
        '10GB',
    ),
    'spe_search_index': Scenario(
        store_setup,
        {'instance_id': 'acme', 'attachment_file_types': ['pdf', 'txt'], 'rebuild': 'on_change'},
        'GetIndexConfiguration',
        ['SetIndexConfiguration', 'SelectAllStoreIndexesForRebuild', 'RebuildSelectedStoreIndexes'],
        lambda spe: spe.api('GetIndexConfiguration', instanceID='acme')['attachmentFileTypes'],
        ['pdf', 'txt'],
    ),
    # An operation module: one read decides, one write does it, and a re-run finds it done.
    'spe_folder': Scenario(
        folder_setup,
        {'instance_id': 'acme', 'folder': 'jdoe/Old', 'move_to': 'jdoe/Archive'},
        'GetFolderStatistics',
        ['MoveFolder'],
        folder_outcome,
        ['jdoe/Archive'],
        read_back=False,
    ),
    # A long-running operation: the merge is followed to its end, and a re-run finds the source gone.
    'spe_store_maintenance': Scenario(
        merge_setup,
        {'instance_id': 'acme', 'name': 'Target', 'operation': 'merge', 'source': 'Source'},
        'GetStores',
        ['MergeStore'],
        store_names,
        ['Target'],
        read_back=False,
        long_running=True,
    ),
    'spe_profile': Scenario(
        profile_setup,
        {'instance_id': 'acme', 'name': 'P', 'automatic': True, 'pause_between_executions': 60},
        'GetProfiles',
        ['SetProfileServerSideExecution'],
        profile_outcome,
        (True, 60),
    ),
}


def cases():
    for module, scenario in sorted(SCENARIOS.items()):
        for kind in KINDS:
            yield pytest.param(module, 'read', None, kind, 'before', id='%s-read-%s' % (module, kind))
            if scenario.read_back:
                yield pytest.param(module, 'read-back', None, kind, 'before', id='%s-read-back-%s' % (module, kind))
            for index, command in enumerate(scenario.writes):
                yield pytest.param(
                    module, 'write', index, kind, 'before', id='%s-%s%d-%s' % (module, command, index, kind)
                )
        for index, command in enumerate(scenario.writes):
            for kind in ('drop', 'delay'):  # the change is made and the answer is lost
                yield pytest.param(
                    module, 'write', index, kind, 'after', id='%s-%s%d-%s-after' % (module, command, index, kind)
                )


def run(spe, module, args, check_mode=False):
    connection = dict(spe.connection, timeout=TIMEOUT)
    clients = []

    def factory(params):
        clients.append(client_from_params(params))
        return clients[-1]

    try:
        return run_task(module, dict(args, **connection), check_mode=check_mode, client_factory=factory)
    finally:
        for client in clients:
            client.close()


def occurrence(spe, module, scenario, point, index):
    """(command, calls of it to let through) that hit the chosen point of the plan."""
    if point == 'write':
        command = scenario.writes[index]
        return command, scenario.writes[:index].count(command)
    if point == 'read':
        return scenario.read, 0
    spe.reset_stats()  # read-back: after the reads the plan makes, which a check-mode run counts
    run(spe, module, scenario.args, check_mode=True)
    return scenario.read, spe.stats()['calls'].get(scenario.read, 0)


@pytest.mark.parametrize('module, point, index, kind, phase', list(cases()))
def test_fault(spe, module, point, index, kind, phase):
    scenario = SCENARIOS[module]
    scenario.setup(spe)
    before = scenario.outcome(spe)

    plan = run(spe, module, scenario.args, check_mode=True)
    assert plan['commands'] == scenario.writes, plan

    command, skip = occurrence(spe, module, scenario, point, index)
    spe.reset_stats()
    spe.fault(command=command, kind=kind, phase=phase, skip=skip, delay_ms=DELAY_MS, message='Injected failure.')
    result = run(spe, module, scenario.args)
    if kind == 'delay':
        time.sleep(DELAY_MS / 1000.0 + 0.3)  # the held call completes on the server
    if scenario.long_running:
        time.sleep(2 * spe.ASYNC_SECONDS)
    calls = spe.stats()['calls']

    if point != 'write':
        retried = kind in RETRIED
        if retried:  # sent again after the fault (later reads of the same command may follow)
            assert calls[command] >= skip + 2, calls
        else:  # not retried: the task stops at the first answer
            assert calls[command] == skip + 1, calls
        if retried:
            assert not result.get('failed'), result
            assert result['changed'] is True and scenario.outcome(spe) == scenario.converged
        elif point == 'read':
            assert result['failed'] and result['changed'] is False and spe.stats()['writes'] == 0, result
            assert result['failed_command'] == command and result['error']['kind'] in ('failed', 'auth')
            assert scenario.outcome(spe) == before
        else:  # the writes were made; only reading them back failed
            assert result['failed'] and result['changed'] is True, result
            assert result['failed_command'] == command and result['commands'] == scenario.writes
            assert scenario.outcome(spe) == scenario.converged
    else:
        assert calls[command] == skip + 1, calls  # a write is never repeated
        applied = scenario.writes[:index]
        uncertain = kind in ('drop', 'delay')
        assert result['failed'] is True, result
        assert result['failed_command'] == command
        assert result['commands'] == applied + [command]
        assert result['changed'] is bool(applied or uncertain)
        assert result.get('commands_uncertain', []) == ([command] if uncertain else [])
        if not uncertain and not applied:
            assert scenario.outcome(spe) == before  # the server did not change, and says so

    spe.faults_clear()
    again = run(spe, module, scenario.args)
    assert not again.get('failed'), again
    assert scenario.outcome(spe) == scenario.converged
    spe.reset_stats()
    third = run(spe, module, scenario.args)
    assert third['changed'] is False and spe.stats()['writes'] == 0, third
