# Copyright: contributors to mailstore.spe
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""spe_tenant against the per-object modules: for the same definition, the same end state, the
same ``changed`` and the same commands, whether creating, converging with nothing to do,
repairing drift, deleting, predicting an empty server in check mode, or failing midway.

Two tenants of one simulator take the two paths: ``acme`` through the per-object modules run
one after the other in the tenant's order, ``beta`` through one spe_tenant task, both run as the
in-process action plugin runs them (``run_task``). Their end states are read back from the
simulator and compared with the ids (which the server draws) left out."""

from __future__ import annotations

import copy
import json
import os

import pytest

from ansible_collections.mailstore.spe.plugins.module_utils.connection import client_from_params
from ansible_collections.mailstore.spe.plugins.plugin_utils.in_process import run_task

SECRET = 'initial-Secret-7'
SMTP_SECRET = 'smtp-Secret-9'

DEFINITION = {
    'display_name': 'Tenant Corp',
    'start_mode': 'automatic',
    'stores': [
        {'name': 'Archive 2025', 'database_path': 'E:\\Archive\\2025', 'requested_state': 'write_protected'},
        {'name': 'Archive 2026', 'database_path': 'E:\\Archive\\2026', 'requested_state': 'current'},
    ],
    'users': [
        {
            'user_name': 'jdoe',
            'full_name': 'John Doe',
            'email_addresses': ['jdoe@tenant.example'],
            'privileges': ['login', 'change_password'],
            'user_password': SECRET,
            'folder_access': [{'folder': 'jdoe', 'privileges': ['read', 'write']}],
        },
        {'user_name': 'asmith', 'full_name': 'Anna Smith', 'privileges': ['login'], 'user_password': SECRET},
        {'user_name': 'it-admin', 'privileges': ['admin']},
    ],
    'jobs': [
        {
            'name': 'Verify',
            'action': 'VerifyStores --includeIndexes=false',
            'owner': 'it-admin',
            'schedule': {'daily': '02:30'},
        },
        {'name': 'Statistics', 'action': 'RefreshAllStoreStatistics', 'schedule': {'interval': 60}, 'enabled': False},
    ],
    'smtp': {
        'hostname': 'mail.tenant.example',
        'smtp_port': 587,
        'protocol': 'SMTP-TLS',
        'authentication_required': True,
        'smtp_username': 'notify@tenant.example',
        'smtp_password': SMTP_SECRET,
        'recipient_email_addresses': ['it@tenant.example'],
    },
    'compliance': {'legal_hold_enabled': True, 'log_successful_user_activities': ['UserAdd', 'UserDelete']},
}
INSTANCE_OPTIONS = ('display_name', 'start_mode', 'instance_host', 'alias', 'allow_restart')
# The order spe_tenant documents: instance, stores, users, jobs, settings; then deletes, jobs before users before stores.
LISTS = ('stores', 'users', 'jobs')
SETTINGS = (('smtp', 'spe_smtp'), ('compliance', 'spe_compliance'))
MODULES = {'stores': 'spe_store', 'users': 'spe_user', 'jobs': 'spe_job'}
PURGES = (('jobs', 'purge_jobs'), ('users', 'purge_users'))


class Paths:
    """The two paths against one simulator, with the counts of what each wrote."""

    def __init__(self, spe):
        self.spe = spe
        self.host = spe.hosts[0]

    def run(self, module, args, check_mode=False, diff_mode=False):
        clients = []

        def factory(params):
            clients.append(client_from_params(params))
            return clients[-1]

        try:
            return run_task(
                module,
                dict(args, **self.spe.connection),
                check_mode=check_mode,
                diff_mode=diff_mode,
                client_factory=factory,
            )
        finally:
            for client in clients:
                client.close()

    def per_object(self, definition, instance_id, check_mode=False):
        """The definition through the per-object modules: [(module, identity, result)] and the stats."""
        self.spe.reset_stats()
        runs = []

        def task(module, identity, args):
            result = self.run(module, dict(args, instance_id=instance_id), check_mode=check_mode)
            runs.append((module, identity, result))
            return not result.get('failed')

        instance = {k: definition[k] for k in INSTANCE_OPTIONS if k in definition}
        instance.update(instance_host=self.host, service_provider_access=True, state='started')
        if not task('spe_instance', instance_id, instance):
            return runs, self.spe.stats()
        deletes = {key: [] for key in LISTS}
        for key in LISTS:
            for item in definition.get(key, []):
                if item.get('state') == 'absent':
                    deletes[key].append(item)
                elif not task(MODULES[key], identity(item), item):
                    return runs, self.spe.stats()
        for key, module in SETTINGS:
            if key in definition and not task(module, None, definition[key]):
                return runs, self.spe.stats()
        for key in ('jobs', 'users', 'stores'):
            for item in deletes[key]:
                if not task(MODULES[key], identity(item), item):
                    return runs, self.spe.stats()
            purge = dict(PURGES).get(key)
            if purge and definition.get(purge) and not check_mode:
                for name in self.unlisted(instance_id, key, definition):
                    option = 'user_name' if key == 'users' else 'name'
                    if not task(MODULES[key], name, {option: name, 'state': 'absent'}):
                        return runs, self.spe.stats()
        return runs, self.spe.stats()

    def unlisted(self, instance_id, key, definition):
        listed = {identity(item).lower() for item in definition.get(key, [])} | {'admin', '$archiveadmin'}
        if key == 'users':
            return [
                u['userName']
                for u in self.spe.api('GetUsers', instanceID=instance_id)
                if u['userName'].lower() not in listed
            ]
        return [j['name'] for j in self.spe.api('GetJobs', instanceID=instance_id) if j['name'].lower() not in listed]

    def tenant(self, definition, instance_id, check_mode=False, diff_mode=False, **options):
        self.spe.reset_stats()
        args = dict(copy.deepcopy(definition), instance_id=instance_id, instance_host=self.host, **options)
        result = self.run('spe_tenant', args, check_mode=check_mode, diff_mode=diff_mode)
        return result, self.spe.stats()


def identity(item):
    return item.get('user_name') or item.get('name') or 'id %s' % item.get('id')


def commands_of(runs):
    return [command for _module, _identity, result in runs for command in result.get('commands', [])]


def changed_of(runs):
    return [
        ('the instance' if module == 'spe_instance' else identity, bool(result['changed']))
        for module, identity, result in runs
    ]


def tenant_changed(result):
    return [
        ('the instance' if entry['kind'] == 'instance' else entry['identity'], entry['changed'])
        for entry in result['objects']
    ]


def snapshot(spe, instance_id):
    """The tenant as the simulator holds it, without the ids and names the server draws or the test chose."""
    instance = spe.api('GetInstances', instanceFilter=instance_id)[0]
    stores = sorted(
        (s['name'], s['requestedState'], s['databasePath'].lower())
        for s in spe.api('GetStores', instanceID=instance_id)
    )
    users = sorted(
        json.dumps(spe.api('GetUserInfo', instanceID=instance_id, userName=u['userName']), sort_keys=True)
        for u in spe.api('GetUsers', instanceID=instance_id)
    )
    jobs = sorted(
        json.dumps({k: v for k, v in j.items() if k not in ('id', 'instanceID')}, sort_keys=True)
        for j in spe.api('GetJobs', instanceID=instance_id)
    )
    smtp = spe.api('GetSmtpSettings', instanceID=instance_id)
    compliance = spe.api('GetComplianceConfiguration', instanceID=instance_id)
    return dict(
        instance=(instance['displayName'], instance['status'], instance.get('startMode')),
        stores=stores,
        users=users,
        jobs=jobs,
        smtp=smtp,
        compliance=compliance,
    )


def same_outcome(paths, definition, check_mode=False, **options):
    """Both paths over ``definition``: the same changed, commands and end state; returns the tenant's result."""
    per_object = dict(definition, **options)
    runs, object_stats = paths.per_object(per_object, 'acme', check_mode=check_mode)
    result, tenant_stats = paths.tenant(definition, 'beta', check_mode=check_mode, **options)
    assert not result.get('failed'), result
    assert all(not r.get('failed') for _m, _i, r in runs), runs
    assert result['commands'] == commands_of(runs)
    assert tenant_changed(result) == changed_of(runs)
    assert result['changed'] is any(r['changed'] for _m, _i, r in runs)
    assert tenant_stats['writes'] == object_stats['writes']
    if not check_mode:
        assert snapshot(paths.spe, 'beta') == snapshot(paths.spe, 'acme')
    return result, tenant_stats


@pytest.fixture
def paths(spe):
    return Paths(spe)


def test_create_then_no_change_then_drift(paths, spe):
    result, stats = same_outcome(paths, DEFINITION)
    assert result['changed'] and stats['writes'] > 10
    assert [e['kind'] for e in result['objects']][:2] == ['instance', 'store']
    assert len(spe.api('GetUsers', instanceID='beta')) == 2 + 3  # admin, $archiveadmin and the three

    # Converged: zero writes, and reads within one per declared object plus one per tenant.
    result, stats = same_outcome(paths, DEFINITION)
    assert not result['changed'] and stats['writes'] == 0
    declared = 1 + 2 + 3 + 2 + 2
    assert stats['reads'] <= declared + 1, stats

    # Drift made behind the definition's back, alike on both tenants: repaired alike.
    for instance_id in ('acme', 'beta'):
        spe.api('SetUserFullName', instanceID=instance_id, userName='asmith', fullName='Somebody Else')
        store = [s for s in spe.api('GetStores', instanceID=instance_id) if s['name'] == 'Archive 2025'][0]
        spe.api('SetStoreRequestedState', instanceID=instance_id, id=store['id'], requestedState='normal')
        job = [j for j in spe.api('GetJobs', instanceID=instance_id) if j['name'] == 'Statistics'][0]
        spe.api('DeleteJob', instanceID=instance_id, id=job['id'])
        spe.api('SetComplianceConfiguration', instanceID=instance_id, config={'legalHoldEnabled': False})
    result, _stats = same_outcome(paths, DEFINITION, check_mode=True)
    result, _stats = same_outcome(paths, DEFINITION)
    assert result['commands'] == [
        'SetStoreRequestedState',
        'SetUserFullName',
        'CreateJob',
        'SetJobEnabled',
        'SetComplianceConfiguration',
    ]


def test_delete_entries_and_purges_run_after_the_creates(paths, spe):
    same_outcome(paths, DEFINITION)
    for instance_id in ('acme', 'beta'):
        spe.api('CreateUser', instanceID=instance_id, userName='stranger', privileges='login')
        spe.api('CreateJob', instanceID=instance_id, name='Foreign', action='Ping', time='01:00:00')
    changed = copy.deepcopy(DEFINITION)
    changed['users'][1] = {'user_name': 'asmith', 'state': 'absent'}
    changed['users'].append({'user_name': 'newcomer', 'privileges': ['login']})
    changed['stores'][0] = {'name': 'Archive 2025', 'state': 'absent'}
    result, stats = same_outcome(paths, changed, purge_users=True, purge_jobs=True)
    assert result['commands'] == ['CreateUser', 'DeleteJob', 'DeleteUser', 'DeleteUser', 'DetachStore']
    purged = [(e['kind'], e['identity']) for e in result['objects'] if e.get('purged')]
    assert purged == [('job', 'Foreign'), ('user', 'stranger')]
    assert {u['userName'] for u in spe.api('GetUsers', instanceID='beta')} == {
        'admin',
        '$archiveadmin',
        'jdoe',
        'it-admin',
        'newcomer',
    }
    result, stats = paths.tenant(changed, 'beta', purge_users=True, purge_jobs=True)
    assert not result['changed'] and stats['writes'] == 0, result


def test_check_mode_on_an_empty_server_predicts_the_whole_tenant_with_zero_writes(paths, spe):
    result, stats = same_outcome(paths, DEFINITION, check_mode=True)
    assert stats['writes'] == 0
    assert spe.api('GetInstances', instanceFilter='beta') == []
    assert result['commands'][:3] == ['CreateInstance', 'StartInstances', 'SetArchiveAdminEnabled']
    assert 'CreateStore' in result['commands'] and 'SetComplianceConfiguration' in result['commands']
    assert any('Predicted the contents' in w for w in result['warnings'])
    # The prediction is what a real run then does.
    real, _stats = paths.tenant(DEFINITION, 'beta')
    assert real['commands'] == result['commands']


def test_a_failure_midway_names_the_object_and_everything_applied_and_a_rerun_converges(paths, spe):
    spe.fault(command='SetUserPrivilegesOnFolder', kind='failed', message='Injected failure.')
    result, stats = paths.tenant(DEFINITION, 'beta')
    assert result['failed'] and result['changed'] is True, result
    assert result['failed_object'] == {'kind': 'user', 'identity': 'jdoe'}
    assert result['failed_command'] == 'SetUserPrivilegesOnFolder'
    opened = ['CreateInstance', 'StartInstances', 'SetArchiveAdminEnabled']
    user = ['CreateUser', 'SetUserEmailAddresses', 'SetUserPrivilegesOnFolder']
    assert result['commands'] == opened + ['CreateStore', 'CreateStore'] + user
    assert "user 'jdoe'" in result['msg'] and 'SetArchiveAdminEnabled, CreateStore, CreateStore.' in result['msg']
    assert [e['identity'] for e in result['objects']] == ['beta', 'Archive 2025', 'Archive 2026', 'jdoe']
    assert stats['writes'] == 8  # the failed call counts as received; nothing after it was sent
    assert spe.api('GetJobs', instanceID='beta') == []

    spe.faults_clear()
    again, _stats = paths.tenant(DEFINITION, 'beta')
    assert not again.get('failed') and again['changed']
    third, stats = paths.tenant(DEFINITION, 'beta')
    assert not third['changed'] and stats['writes'] == 0


def test_diff_has_the_shape_of_the_definition_and_masks_secrets(paths, spe):
    paths.tenant(DEFINITION, 'beta')
    changed = copy.deepcopy(DEFINITION)
    changed['users'][0]['full_name'] = 'John Q. Doe'
    changed['users'][1]['update_password'] = 'always'
    result, _stats = paths.tenant(changed, 'beta', check_mode=True, diff_mode=True)
    diff = result['diff']
    assert set(diff['before']) == set(diff['after']) == {'users'}  # nothing else changes
    before, after = diff['before']['users'][0], diff['after']['users'][0]
    assert (before['full_name'], after['full_name']) == ('John Doe', 'John Q. Doe')
    assert [k for k in after if after[k] != before.get(k)] == ['full_name']
    assert diff['after']['users'][1]['user_password'] == '********'
    assert SECRET not in json.dumps(result) and SMTP_SECRET not in json.dumps(result)
    assert [e['identity'] for e in result['objects'] if e['changed']] == ['jdoe', 'asmith']


def test_reads_give_the_same_result_on_one_connection_and_on_the_pool(paths, spe):
    paths.tenant(DEFINITION, 'beta')
    spe.api('SetUserFullName', instanceID='beta', userName='asmith', fullName='Drifted')
    pooled, _stats = paths.tenant(DEFINITION, 'beta', check_mode=True, parallel_reads=4)
    serial, _stats = paths.tenant(DEFINITION, 'beta', check_mode=True, parallel_reads=1)
    assert pooled['objects'] == serial['objects'] and pooled['commands'] == ['SetUserFullName']


def test_the_task_through_ansible_playbook_masks_secrets_in_verbose_output(spe):
    task = {'mailstore.spe.spe_tenant': dict(copy.deepcopy(DEFINITION), instance_id='beta'), 'register': 'result'}
    import yaml

    run = spe.playbook(yaml.safe_dump([task]), verbosity=3, diff=True)
    assert run.rc == 0, run
    assert run.changed() == 1
    for secret in (SECRET, SMTP_SECRET, spe.password):
        assert secret not in run.output
    again = spe.playbook(yaml.safe_dump([task]))
    assert again.rc == 0 and again.changed() == 0, again


def test_check_mode_predicts_a_new_tenant_whose_job_names_a_time_zone(paths, spe):
    """A job's time zone is checked inside the instance (GetTimeZones), which does not exist yet: the
    tenant is still predicted whole, and the check is left to the real run, with a warning."""
    job = {'name': 'Zoned', 'action': 'Ping', 'time_zone_id': 'W. Europe Standard Time', 'schedule': {'daily': '01:00'}}
    result, stats = paths.tenant({'jobs': [job]}, 'beta', check_mode=True)
    assert not result.get('failed'), result
    assert result['commands'] == ['CreateInstance', 'StartInstances', 'SetArchiveAdminEnabled', 'CreateJob']
    assert stats['writes'] == 0 and any('Not checked until the instance exists' in w for w in result['warnings'])
    real, _stats = paths.tenant({'jobs': [job]}, 'beta')
    assert real['commands'] == result['commands']


def test_a_definition_given_whole_converges_as_the_same_options_do(paths, spe):
    as_options, _stats = paths.tenant(DEFINITION, 'beta')
    whole = dict(copy.deepcopy(DEFINITION), instance_id='beta', instance_host=paths.host)
    spe.api('SetUserFullName', instanceID='beta', userName='asmith', fullName='Drifted')
    result = paths.run('spe_tenant', {'definition': whole})
    assert not result.get('failed'), result
    assert result['commands'] == ['SetUserFullName']
    assert spe.api('GetUserInfo', instanceID='beta', userName='asmith')['fullName'] == 'Anna Smith'
    assert [e['identity'] for e in result['objects']] == [e['identity'] for e in as_options['objects']]
    # the state of what changed; an unchanged object is as its definition says
    assert [(e['identity'], e['object']['full_name']) for e in result['objects'] if 'object' in e] == [
        ('asmith', 'Anna Smith')
    ]
    assert SECRET not in json.dumps(result) and SMTP_SECRET not in json.dumps(result)


# The two ways a task gives a definition kept in a variable: one template, or the variable's name.
FROM_A_VARIABLE = {'template': {'definition': '{{ tenant }}'}, 'name': {'definition_var': 'tenant'}}


@pytest.mark.parametrize('given', sorted(FROM_A_VARIABLE))
@pytest.mark.parametrize('execution', ['in_process', 'module'])
def test_a_definition_from_a_variable_in_both_execution_paths(spe, execution, given):
    """What the role does (it names the variable): a module process spreads the definition the same
    way, masks its secrets in -vvv output and refuses a key it does not know before any API call."""
    import yaml

    tenant = dict(copy.deepcopy(DEFINITION), instance_id='%s-%s' % (given, execution.replace('_', '-')))
    task = {'mailstore.spe.spe_tenant': dict(FROM_A_VARIABLE[given], purge_users=False), 'register': 'result'}
    env = {'MAILSTORE_SPE_EXECUTION': execution}
    run = spe.playbook(yaml.safe_dump([task]), verbosity=3, env=env, play_vars={'tenant': tenant})
    assert run.rc == 0, run
    assert run.changed() == 1 and ('AnsiballZ_spe_tenant' in run.output) is (execution == 'module')
    for secret in (SECRET, SMTP_SECRET, spe.password):
        assert secret not in run.output
    assert '"module_args"' in run.output and 'VALUE_SPECIFIED_IN_NO_LOG_PARAMETER' in run.output  # -vvv shows it
    users = {u['userName'] for u in spe.api('GetUsers', instanceID=tenant['instance_id'])}
    assert {'jdoe', 'asmith', 'it-admin'} <= users
    again = spe.playbook(yaml.safe_dump([task]), env=env, play_vars={'tenant': tenant})
    assert again.rc == 0 and again.changed() == 0, again

    spe.reset_stats()
    typo = dict(tenant, diplay_name='Typo')
    bad = spe.playbook(yaml.safe_dump([task]), env=env, play_vars={'tenant': typo})
    assert bad.rc != 0 and 'definition takes no key diplay_name' in bad.output, bad
    assert spe.stats()['reads'] == 0 and spe.stats()['writes'] == 0


def test_a_definition_named_by_its_variable_is_templated_where_it_holds_a_template(spe):
    """definition_var: the action reads the variable; a value with a template in it is rendered with the
    task's variables, a loop's item included, as ``definition: "{{ tenant }}"`` renders it."""
    import yaml

    templated = dict(copy.deepcopy(DEFINITION), instance_id='named-{{ suffix }}', display_name='{{ company }} Corp')
    plain = dict(copy.deepcopy(DEFINITION), instance_id='named-plain', users=[], jobs=[])
    tasks = [
        {'mailstore.spe.spe_tenant': {'definition_var': 'templated'}},  # the variable itself holds templates
        {'mailstore.spe.spe_tenant': {'definition_var': 'item'}, 'loop': ['{{ plain }}'], 'register': 'result'},
    ]
    play_vars = {'templated': templated, 'plain': plain, 'suffix': 'loop', 'company': 'Initech'}
    run = spe.playbook(yaml.safe_dump(tasks), play_vars=play_vars)
    assert run.rc == 0, run
    names = {i: spe.api('GetInstanceConfiguration', instanceID=i)['displayName'] for i in ('named-loop', 'named-plain')}
    assert names == {'named-loop': 'Initech Corp', 'named-plain': 'Tenant Corp'}
    assert {u['userName'] for u in spe.api('GetUsers', instanceID='named-loop')} >= {'jdoe', 'asmith', 'it-admin'}


def test_purge_flags_named_by_their_variables_purge_as_the_flags_do(spe):
    """What the role does for its purge flags (purge_users_var: tenant_purge_users): a variable that says
    true purges, one that says false keeps, and a flag that holds a template is rendered first."""
    import yaml

    instance_id = 'purge-vars'
    tenant = dict(copy.deepcopy(DEFINITION), instance_id=instance_id)
    created = spe.playbook(yaml.safe_dump([{'mailstore.spe.spe_tenant': {'definition': tenant}}]))
    assert created.rc == 0, created
    spe.api('CreateUser', instanceID=instance_id, userName='leaver', privileges='login')
    names = {'definition_var': 'tenant', 'purge_users_var': 'tenant_purge_users', 'purge_jobs_var': 'tenant_purge_jobs'}
    task = {'mailstore.spe.spe_tenant': names, 'register': 'result'}

    kept = spe.playbook(
        yaml.safe_dump([task]), play_vars={'tenant': tenant, 'tenant_purge_users': False, 'tenant_purge_jobs': False}
    )
    assert kept.rc == 0 and kept.changed() == 0, kept
    assert 'leaver' in {u['userName'] for u in spe.api('GetUsers', instanceID=instance_id)}

    offboarding = {
        'tenant': tenant,
        'tenant_purge_users': '{{ leaving | bool }}',
        'leaving': 'yes',
        'tenant_purge_jobs': False,
    }
    purged = spe.playbook(yaml.safe_dump([task]), play_vars=offboarding)
    assert purged.rc == 0 and purged.changed() == 1, purged
    users = {u['userName'] for u in spe.api('GetUsers', instanceID=instance_id)}
    assert 'leaver' not in users and {'jdoe', 'asmith', 'it-admin'} <= users
    assert [(o['identity'], o['commands']) for o in spe.result()['objects'] if o['changed']] == [
        ('leaver', ['DeleteUser'])
    ]


@pytest.mark.parametrize(
    'options, message',
    [
        ({'definition_var': 'no_such_tenant'}, "definition_var: no variable 'no_such_tenant' is defined for this host"),
        (
            {'definition_var': 'tenant', 'definition': '{{ tenant }}'},
            'definition and definition_var are mutually exclusive',
        ),
        (
            {'definition_var': 'tenant', 'purge_users_var': 'no_such_flag'},
            "purge_users_var: no variable 'no_such_flag' is defined for this host",
        ),
    ],
)
def test_a_definition_variable_that_cannot_be_read_fails_before_any_call(spe, options, message):
    import yaml

    spe.reset_stats()
    task = {'mailstore.spe.spe_tenant': options, 'register': 'result'}
    run = spe.playbook(yaml.safe_dump([task]), play_vars={'tenant': dict(DEFINITION, instance_id='never')})
    assert run.rc != 0 and message in run.output, run
    assert spe.stats()['reads'] == 0 and spe.stats()['writes'] == 0


@pytest.mark.parametrize('given', sorted(FROM_A_VARIABLE))
def test_a_retried_task_converges_with_its_whole_definition_each_attempt(spe, given):
    """The runner hands the task's arguments back to ansible-core as plain data: a retry (until) runs
    the same task again, and must still find the whole definition there."""
    import yaml

    instance_id = 'retried-' + given
    tenant = dict(copy.deepcopy(DEFINITION), instance_id=instance_id)
    task = {
        'mailstore.spe.spe_tenant': FROM_A_VARIABLE[given],
        'register': 'result',
        'until': 'result.attempts >= 2',
        'retries': 1,
        'delay': 0,
    }
    run = spe.playbook(yaml.safe_dump([task]), play_vars={'tenant': tenant})
    assert run.rc == 0, run
    assert 'FAILED - RETRYING' in run.output
    second = spe.result()  # the last attempt's result: the tenant as converged by the first
    assert second['attempts'] == 2 and not second.get('failed'), second
    assert {e['identity'] for e in second['objects'] if e['kind'] == 'user'} == {'jdoe', 'asmith', 'it-admin'}
    assert second['commands'] == []
    users = {u['userName'] for u in spe.api('GetUsers', instanceID=instance_id)}
    assert {'jdoe', 'asmith', 'it-admin'} <= users


def test_a_vaulted_value_in_a_named_definition_is_decrypted(spe):
    """A vaulted value in a definition named by definition_var reaches the API decrypted, as with
    ``definition: "{{ tenant }}"``."""
    from ansible.parsing.vault import VaultLib, VaultSecret

    password_file = os.path.join(spe.workdir, 'vault-password')
    with open(password_file, 'w') as handle:
        handle.write('vault-Secret-3\n')
    vaulted = VaultLib([('default', VaultSecret(b'vault-Secret-3'))]).encrypt('Vaulted Corp').decode('ascii')
    playbook = os.path.join(spe.workdir, 'vaulted.yml')
    with open(playbook, 'w') as handle:
        handle.write(
            '- hosts: localhost\n'
            '  gather_facts: false\n'
            '  vars:\n'
            '    tenant:\n'
            '      instance_id: vaulted\n'
            '      display_name: !vault |\n'
            + ''.join('        %s\n' % line for line in vaulted.splitlines())
            + '  tasks:\n'
            '    - mailstore.spe.spe_tenant:\n'
            '        definition_var: tenant\n'
        )
    run = spe.run(playbook, extra_args=['--vault-password-file', password_file])
    assert run.rc == 0, run
    assert spe.api('GetInstanceConfiguration', instanceID='vaulted')['displayName'] == 'Vaulted Corp'
