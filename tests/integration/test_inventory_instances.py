# Copyright: contributors to mailstore.spe
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""The mailstore.spe.instances inventory plugin against a real simulator on two instance hosts:
`ansible-inventory --graph` and `--list` show the instances grouped by host and status, with
their configuration as host variables; constructed groups and variables; with caching on, a
second call makes no API call."""

from __future__ import annotations

import json
import os
import subprocess
import sys

import yaml

BIN = os.path.dirname(sys.executable)
COLLECTIONS = [p for p in sys.path if os.path.isdir(os.path.join(p, 'ansible_collections', 'mailstore', 'spe'))][0]


def platform(spe):
    """acme and globex run on the first host, initech is stopped on the second, hooli frozen on the first."""
    first, second = spe.hosts
    for instance_id, host in (('acme', first), ('globex', first), ('hooli', first), ('initech', second)):
        spe.api('CreateInstance', config={'instanceID': instance_id, 'instanceHost': host})
    spe.api('StartInstances', instanceFilter='acme globex hooli')
    spe.api('FreezeInstances', instanceFilter='hooli')


def inventory(spe, config, *arguments, env=None, name='tenants.spe_instances.yml'):
    path = os.path.join(spe.workdir, name)
    with open(path, 'w') as handle:
        yaml.safe_dump(dict({'plugin': 'mailstore.spe.instances'}, **config), handle)
    environment = dict(os.environ, ANSIBLE_COLLECTIONS_PATH=COLLECTIONS, ANSIBLE_NOCOLOR='1', **spe.env)
    environment.update(env or {})
    process = subprocess.run(
        [os.path.join(BIN, 'ansible-inventory'), '-i', path, *arguments],
        capture_output=True,
        text=True,
        env=environment,
        cwd=spe.workdir,
        timeout=300,
        check=False,
    )
    assert process.returncode == 0, process.stdout + process.stderr
    return process.stdout


def plain(value):
    """ansible-inventory --list marks strings from an inventory source as unsafe (never templated)."""
    if isinstance(value, dict):
        if set(value) == {'__ansible_unsafe'}:
            return value['__ansible_unsafe']
        return {key: plain(item) for key, item in value.items()}
    if isinstance(value, list):
        return [plain(item) for item in value]
    return value


def test_graph_groups_the_instances_by_host_and_status(spe):
    platform(spe)
    graph = inventory(spe, {}, '--graph')
    groups = {}
    current = None
    for line in graph.splitlines():
        name = line.strip(' |-')
        if name.startswith('@'):
            current = groups.setdefault(name[1:].rstrip(':'), [])
        elif current is not None:
            current.append(name)
    assert sorted(groups['spe_host_spe_host01']) == ['acme', 'globex', 'hooli']
    assert groups['spe_host_spe_host02'] == ['initech']
    assert sorted(groups['spe_status_running']) == ['acme', 'globex']
    assert groups['spe_status_frozen'] == ['hooli'] and groups['spe_status_stopped'] == ['initech']
    assert sorted(groups['spe_instances']) == ['acme', 'globex', 'hooli', 'initech']


def test_list_holds_the_configuration_and_the_constructed_features(spe):
    platform(spe)
    spe.api('StopInstances', instanceFilter='acme')
    spe.api('SetInstanceConfiguration', config={'instanceID': 'acme', 'displayName': 'ACME Corp.'})
    config = {
        'filter': '*spe-host01',
        'compose': {'ansible_connection': "'local'", 'tenant_label': 'spe_instance_display_name | upper'},
        'groups': {'customers': 'spe_instance_display_name != spe_instance_instance_id'},
        'keyed_groups': [{'key': 'spe_instance_start_mode', 'prefix': 'start_mode'}],
        'strict': True,
    }
    listed = plain(json.loads(inventory(spe, config, '--list')))
    host_vars = listed['_meta']['hostvars']
    assert sorted(host_vars) == ['acme', 'globex', 'hooli']  # the filter: the first host only
    acme = host_vars['acme']
    assert acme['spe_instance_display_name'] == 'ACME Corp.' and acme['tenant_label'] == 'ACME CORP.'
    assert (
        acme['spe_instance_base_directory'] == spe.api('GetInstanceConfiguration', instanceID='acme')['baseDirectory']
    )
    assert acme['spe_instance_status'] == 'stopped' and acme['ansible_connection'] == 'local'
    assert listed['customers']['hosts'] == ['acme']
    assert sorted(listed['start_mode_automatic']['hosts']) == ['acme', 'globex', 'hooli']
    assert spe.password not in json.dumps(listed)


def test_api_values_are_never_templated(spe):
    spe.api('CreateInstance', config={'instanceID': 'acme', 'instanceHost': spe.hosts[0], 'displayName': '{{ 7 * 6 }}'})
    listed = json.loads(inventory(spe, {'include_configuration': False}, '--list'))
    assert listed['_meta']['hostvars']['acme']['spe_instance_display_name'] == {'__ansible_unsafe': '{{ 7 * 6 }}'}


def test_with_caching_a_second_call_makes_no_api_call(spe):
    platform(spe)
    config = {
        'cache': True,
        'cache_plugin': 'ansible.builtin.jsonfile',
        'cache_connection': os.path.join(spe.workdir, 'inventory-cache'),
        'cache_timeout': 3600,
        'include_configuration': False,
    }
    spe.reset_stats()
    first = json.loads(inventory(spe, config, '--list'))
    assert spe.stats()['calls'] == {'GetInstances': 1}
    spe.reset_stats()
    second = json.loads(inventory(spe, config, '--list'))
    assert spe.stats()['calls'] == {} and second == first
    cached = ''.join(
        open(os.path.join(root, f)).read() for root, _d, files in os.walk(config['cache_connection']) for f in files
    )
    assert 'acme' in cached and spe.password not in cached
    # --flush-cache reads the API again.
    inventory(spe, config, '--list', '--flush-cache')
    assert spe.stats()['calls'] == {'GetInstances': 1}


def test_connection_options_are_checked_before_any_call(spe):
    path = os.path.join(spe.workdir, 'bad.spe_instances.yml')
    with open(path, 'w') as handle:
        yaml.safe_dump({'plugin': 'mailstore.spe.instances', 'server': 'http://localhost'}, handle)
    environment = dict(os.environ, ANSIBLE_COLLECTIONS_PATH=COLLECTIONS, **spe.env)
    spe.reset_stats()
    process = subprocess.run(
        [os.path.join(BIN, 'ansible-inventory'), '-i', path, '--list'],
        capture_output=True,
        text=True,
        env=dict(environment, ANSIBLE_INVENTORY_UNPARSED_FAILED='1'),
        timeout=300,
        check=False,
    )
    assert process.returncode != 0 and 'only https:// is allowed' in process.stderr, process.stderr
    assert spe.stats()['calls'] == {}


def test_a_tenant_inventory_combines_the_plugin_with_git_held_host_vars(spe):
    """docs/inventory.md: one inventory directory holds the plugin's file, the tenants group and host_vars."""
    platform(spe)
    folder = os.path.join(spe.workdir, 'inventory')
    os.makedirs(os.path.join(folder, 'host_vars'))
    with open(os.path.join(folder, 'platform.spe_instances.yml'), 'w') as handle:
        yaml.safe_dump({'plugin': 'mailstore.spe.instances', 'include_configuration': False}, handle)
    with open(os.path.join(folder, 'tenants.yml'), 'w') as handle:
        yaml.safe_dump({'all': {'children': {'tenants': {'hosts': {'acme': None, 'globex': None}}}}}, handle)
    with open(os.path.join(folder, 'host_vars', 'acme.yml'), 'w') as handle:
        yaml.safe_dump({'tenant': {'instance_id': 'acme', 'display_name': 'ACME Corp'}}, handle)
    environment = dict(os.environ, ANSIBLE_COLLECTIONS_PATH=COLLECTIONS, **spe.env)
    listed = subprocess.run(
        [os.path.join(BIN, 'ansible-inventory'), '-i', folder, '--list'],
        capture_output=True,
        text=True,
        env=environment,
        timeout=300,
        check=True,
    ).stdout
    listed = plain(json.loads(listed))
    acme = listed['_meta']['hostvars']['acme']
    assert acme['tenant']['display_name'] == 'ACME Corp' and acme['spe_instance_status'] == 'running'
    assert sorted(listed['tenants']['hosts']) == ['acme', 'globex']
    # Instances no tenant definition describes: spe_instances minus tenants.
    assert sorted(set(listed['spe_instances']['hosts']) - set(listed['tenants']['hosts'])) == ['hooli', 'initech']
