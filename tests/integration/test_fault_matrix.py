# Copyright: contributors to mailstore.spe
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""The fault-injection matrix (issue 9): for every resource module, a fault on its read, on each
planned write and on the read-back, of every kind (HTTP 500, dropped connection, timeout, failed
envelope, 401), against the real simulator over TLS. Asserted each time:

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
    def __init__(self, setup, args, read, writes, outcome, converged):
        self.setup = setup  # the state before: made through the API directly
        self.args = args  # the task
        self.read = read  # the command the module reads the object with (first and read-back)
        self.writes = writes  # the writes the plan makes, in order (asserted in check mode)
        self.outcome = outcome  # what to read back from the simulator
        self.converged = converged  # the outcome once the task has converged


def user_setup(spe):
    spe.new_instance()
    spe.api('CreateUser', instanceID='acme', userName='jdoe', privileges='login', fullName='Old')


def store_setup(spe):
    spe.new_instance()
    spe.api('CreateStore', instanceID='acme', name='S', databasePath='D:\\S', requestedState='current')


def job_setup(spe):
    spe.new_instance()
    spe.api('CreateJob', instanceID='acme', name='J', action='Ping', time='01:00:00')


def store_outcome(spe):
    store = [s for s in spe.api('GetStores', instanceID='acme') if s['name'] == 'S'][0]
    return store['requestedState'], store['databasePath'].lower()


def job_outcome(spe):
    job = spe.api('GetJobs', instanceID='acme')[0]
    return job['schedule']['type'], job['enabled']


def user_outcome(spe):
    user = spe.api('GetUserInfo', instanceID='acme', userName='jdoe')
    return user['fullName'], user['emailAddresses']


def smtp_outcome(spe):
    settings = spe.api('GetSmtpSettings', instanceID='acme')
    return settings['hostname'], settings['port']


def instance_outcome(spe):
    instance = spe.api('GetInstances', instanceFilter='acme')[0]
    return instance['displayName'], instance['status']


SCENARIOS = {
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
}


def cases():
    for module, scenario in sorted(SCENARIOS.items()):
        for kind in KINDS:
            yield pytest.param(module, 'read', None, kind, 'before', id='%s-read-%s' % (module, kind))
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
