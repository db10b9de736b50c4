# Copyright: contributors to mailstore.spe
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""playbooks/platform.yml with the example definition (playbooks/inventory/group_vars/platform)
against the simulator's two-host platform: check mode writes nothing, a converge makes the
platform what the definition says (read back), keeps the administrators' passwords out of -vvv
output, and a second run changes nothing with zero writes."""

from __future__ import annotations

import os

import yaml

REPO = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
PLAYBOOK = os.path.join(REPO, 'playbooks', 'platform.yml')
INVENTORY = os.path.join(REPO, 'playbooks', 'inventory')
GROUP_VARS = os.path.join(INVENTORY, 'group_vars', 'platform')


def definition():
    with open(os.path.join(GROUP_VARS, 'main.yml'), encoding='utf-8') as handle:
        return yaml.safe_load(handle)['spe_platform']


def vault_passwords():
    with open(os.path.join(GROUP_VARS, 'vault.yml'), encoding='utf-8') as handle:
        return list(yaml.safe_load(handle).values())


def children(spe, server_name, path):
    envelope = spe.invoke('GetDirectoriesOnInstanceHost', serverName=server_name, path=path)
    return sorted(d['path'].lower() for d in envelope['result']) if envelope['statusCode'] == 'succeeded' else []


def parent(path):
    head = path.rsplit('\\', 1)[0]
    return head + '\\' if head.endswith(':') else head  # the parent of E:\\Archive is the drive E:\\


def directories_present(spe, host):
    return all(path.lower() in children(spe, host['server_name'], parent(path)) for path in host['directories'])


def test_platform_playbook_converges_and_a_second_run_changes_nothing(spe):
    platform = definition()
    assert sorted(h['server_name'] for h in platform['instance_hosts']) == sorted(spe.hosts)

    spe.reset_stats()
    check = spe.run(PLAYBOOK, inventory=INVENTORY, check=True, diff=True)
    assert check.rc == 0 and check.changed('spe-management') >= 1, check
    assert spe.stats()['writes'] == 0

    first = spe.run(PLAYBOOK, inventory=INVENTORY, verbosity=3)
    assert first.rc == 0 and first.changed('spe-management') >= 1, first
    for secret in vault_passwords() + [spe.password]:
        assert secret not in first.output

    hosts = {h['serverName']: h for h in spe.api('GetInstanceHosts')}
    for wanted in platform['instance_hosts']:
        registered = hosts[wanted['server_name']]
        assert registered['serverCertificate']['thumbprint'] == wanted['thumbprint']
        assert registered['baseDirectory'].lower() == wanted['base_directory'].lower()
        assert directories_present(spe, wanted), wanted
    admins = {a['userName']: a for a in spe.api('GetSystemAdministrators')}
    for wanted in platform['system_administrators']:
        assert admins[wanted['user_name']]['fullName'] == wanted['full_name']
        assert admins[wanted['user_name']]['mfaStatus'] == {'active': 'pending', 'inactive': 'disabled'}[wanted['mfa']]
    cas = spe.api('GetClientAccessServers', withServiceStatus=False)
    assert [(c['serverName'], c['port']) for c in cas] == [
        (c['server_name'], c['server_port']) for c in platform['client_access_servers']
    ]

    spe.reset_stats()
    second = spe.run(PLAYBOOK, inventory=INVENTORY)
    assert second.rc == 0 and second.changed('spe-management') == 0, second
    assert spe.stats()['writes'] == 0
