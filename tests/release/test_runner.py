# Copyright: contributors to mailstore.spe
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""A job run as AWX runs it: ansible-runner, the collection installed from its tarball, the
example inventory in the runner's private data dir, the connection in the job's environment."""

from __future__ import annotations

import glob
import json
import os
import shutil

import requests
import yaml
from _release import BIN, REPO, run, simulator

VAULT = os.path.join(REPO, 'playbooks', 'inventory', 'group_vars', 'tenants', 'vault.yml')
TENANTS = ['acme', 'globex', 'initech']


def private_data_dir(tmp_path, installed, simulator_env, name='runner'):
    collections, root = installed
    data = tmp_path / name
    shutil.copytree(root / 'playbooks' / 'inventory', data / 'inventory')
    (data / 'env').mkdir(parents=True)
    (data / 'project').mkdir()
    # What a custom credential type injects, and where the EE has the collection.
    envvars = dict(simulator_env, ANSIBLE_COLLECTIONS_PATH=str(collections), ANSIBLE_NOCOLOR='1')
    (data / 'env' / 'envvars').write_text(yaml.safe_dump(envvars))
    return data


def run_job(data, ident, limit=None):
    limit_args = ['--limit', limit] if limit else []
    run(
        os.path.join(BIN, 'ansible-runner'),
        'run',
        str(data),
        '-p',
        'mailstore.spe.onboard',
        '--ident',
        ident,
        *limit_args,
    )
    artifacts = data / 'artifacts' / ident
    assert (artifacts / 'status').read_text() == 'successful'
    events = [json.loads(p.read_text()) for p in sorted((artifacts / 'job_events').glob('*.json'))]
    (stats,) = [e['event_data'] for e in events if e['event'] == 'playbook_on_stats']
    return stats


def secrets(simulator_env):
    with open(VAULT) as f:
        return [simulator_env['MAILSTORE_SPE_PASSWORD']] + list(yaml.safe_load(f).values())


def api(simulator_env, command, **arguments):
    """A command's `result`, read back from the simulator directly."""
    answer = requests.post(
        'https://%s:%s/api/invoke/%s'
        % (simulator_env['MAILSTORE_SPE_SERVER'], simulator_env['MAILSTORE_SPE_PORT'], command),
        data=arguments,
        auth=(simulator_env['MAILSTORE_SPE_USERNAME'], simulator_env['MAILSTORE_SPE_PASSWORD']),
        verify=simulator_env['MAILSTORE_SPE_CA_PATH'],
        timeout=30,
    )
    envelope = json.loads(answer.content.decode('utf-8-sig'))
    assert envelope['statusCode'] == 'succeeded', envelope
    return envelope['result']


def declared_users(tenant):
    with open(os.path.join(REPO, 'playbooks', 'inventory', 'host_vars', tenant + '.yml')) as f:
        return sorted(u['user_name'] for u in yaml.safe_load(f)['tenant']['users'])


def test_runner_job_converges_then_changes_nothing_and_leaks_no_secret(tmp_path, installed, simulator_env):
    data = private_data_dir(tmp_path, installed, simulator_env)

    first = run_job(data, 'first')
    assert sorted(first['ok']) == TENANTS
    assert first['failures'] == {} and sorted(first['changed']) == TENANTS
    assert sorted(i['instanceID'] for i in api(simulator_env, 'GetInstances', instanceFilter='*')) == TENANTS
    for tenant in TENANTS:
        users = sorted(u['userName'] for u in api(simulator_env, 'GetUsers', instanceID=tenant))
        assert set(declared_users(tenant)) <= set(users)

    second = run_job(data, 'second')
    assert sorted(second['ok']) == TENANTS
    assert second['changed'] == {} and second['failures'] == {}

    for secret in secrets(simulator_env):
        for path in glob.glob(str(data / 'artifacts' / '*' / 'job_events' / '*.json')):
            with open(path) as f:
                assert secret not in f.read(), '%s appears in %s' % (secret, path)


def tenant_view(simulator_env):
    """What onboarding manages, per tenant, as the server reports it."""
    return {
        tenant: {
            'users': api(simulator_env, 'GetUsers', instanceID=tenant),
            'stores': sorted(s['name'] for s in api(simulator_env, 'GetStores', instanceID=tenant)),
            'jobs': sorted(j['name'] for j in api(simulator_env, 'GetJobs', instanceID=tenant)),
        }
        for tenant in sorted(i['instanceID'] for i in api(simulator_env, 'GetInstances', instanceFilter='*'))
    }


def test_job_slices_converge_independently_and_together_equal_the_whole(tmp_path, installed):
    """AWX job slicing runs the template once per slice of the inventory's hosts."""
    slices = ['acme,initech', 'globex']
    with simulator(tmp_path / 'whole-sim') as whole_env, simulator(tmp_path / 'sliced-sim') as sliced_env:
        run_job(private_data_dir(tmp_path, installed, whole_env, 'whole'), 'whole')
        sliced = private_data_dir(tmp_path, installed, sliced_env, 'sliced')
        for number, hosts in enumerate(slices):
            stats = run_job(sliced, 'slice%d' % number, limit=hosts)
            assert sorted(stats['changed']) == sorted(hosts.split(','))
            assert sorted(tenant_view(sliced_env)) == sorted(','.join(slices[: number + 1]).split(','))

        assert tenant_view(sliced_env) == tenant_view(whole_env)
        for number, hosts in enumerate(slices):
            assert run_job(sliced, 'again%d' % number, limit=hosts)['changed'] == {}
