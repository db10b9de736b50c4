# Copyright: contributors to mailstore.spe
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""spe_system_administrator against the simulator: MFA as the API shows it (pending counts as
asked for), the connection's own administrator protected with zero calls, passwords sent only
when asked, and the API password rotated only when asked, returned once, kept out of -vvv
output, stored in a vault as docs/platform.md shows, and usable by a connection that was
authenticating with the password it replaces."""

from __future__ import annotations

import json
import os
import re
import sys

import requests
from ansible.parsing.vault import VaultLib, VaultSecret

from ansible_collections.mailstore.spe.plugins.module_utils.connection import client_from_params
from ansible_collections.mailstore.spe.plugins.plugin_utils.in_process import run_task

REPO = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
BIN = os.path.dirname(sys.executable)  # where ansible-vault is
MODULE = 'spe_system_administrator'


def admin(spe, user_name):
    found = [a for a in spe.api('GetSystemAdministrators') if a['userName'].lower() == user_name.lower()]
    return found[0] if found else None


def run(spe, args, check_mode=False, connection=None):
    """One task in-process, as the action plugin runs it; a fresh client per task."""
    return run_task(
        MODULE,
        dict(args, **(connection or spe.connection)),
        check_mode=check_mode,
        diff_mode=True,
        client_factory=client_from_params,
    )


def authenticates(spe, user_name, password):
    response = requests.post(
        spe.url + '/api/invoke/Ping', auth=(user_name, password), data={}, verify=spe.verify, timeout=10
    )
    return response.status_code == 200


def test_mfa_is_initialized_reported_pending_and_deactivated(spe):
    wanted = {'user_name': 'ops-alice', 'full_name': 'Alice', 'admin_password': 'Alice-Pw-1!', 'mfa': 'active'}
    spe.reset_stats()
    plan = run(spe, wanted, check_mode=True)
    assert plan['commands'] == ['CreateSystemAdministrator', 'InitializeSystemAdministratorMFA']
    assert plan['system_administrator']['mfa_status'] == 'pending' and spe.stats()['writes'] == 0
    assert admin(spe, 'ops-alice') is None

    done = run(spe, wanted)
    assert done['changed'] and done['system_administrator'] == dict(plan['system_administrator'], email_address=None)
    assert admin(spe, 'ops-alice')['mfaStatus'] == 'pending'

    spe.reset_stats()  # pending is what was asked for: nothing more to do
    again = run(spe, wanted)
    assert again['changed'] is False and spe.stats()['writes'] == 0

    spe.hook('mfa', {'userName': 'ops-alice', 'status': 'active'})  # the console login completes it
    spe.reset_stats()
    again = run(spe, wanted)
    assert again['changed'] is False and again['system_administrator']['mfa_status'] == 'active'
    assert spe.stats()['writes'] == 0

    off = run(spe, {'user_name': 'OPS-ALICE', 'mfa': 'inactive'})
    assert off['commands'] == ['DeactivateSystemAdministratorMFA']
    assert off['diff']['before']['mfa_status'] == 'active' and off['diff']['after']['mfa_status'] == 'disabled'
    assert admin(spe, 'ops-alice')['mfaStatus'] == 'disabled'


def test_the_connections_own_administrator_is_protected_with_zero_calls(spe):
    for args, named in (
        ({'state': 'absent'}, 'state: absent'),
        ({'mfa': 'active'}, 'mfa: active'),
        ({'admin_password': 'New-Pw-1!', 'update_password': 'always'}, 'update_password: always'),
    ):
        for check_mode in (True, False):
            spe.reset_stats()
            result = run(spe, dict(args, user_name='Admin'), check_mode=check_mode)
            assert result['failed'] and named in result['msg'] and 'username' in result['msg'], result
            assert spe.stats()['calls'] == {} and result['changed'] is False
    assert authenticates(spe, 'admin', spe.password) and admin(spe, 'admin')['mfaStatus'] == 'disabled'


def test_a_new_administrator_needs_a_password_and_gets_none_changed_later_unless_always(spe):
    spe.reset_stats()
    missing = run(spe, {'user_name': 'ops-bob', 'full_name': 'Bob'})
    assert missing['failed'] and 'admin_password' in missing['msg'] and spe.stats()['writes'] == 0

    run(spe, {'user_name': 'ops-bob', 'admin_password': 'Bob-Pw-1!'})
    assert authenticates(spe, 'ops-bob', 'Bob-Pw-1!')
    spe.reset_stats()
    kept = run(spe, {'user_name': 'ops-bob', 'admin_password': 'Other-Pw-2!'})  # on_create: not sent
    assert kept['changed'] is False and spe.stats()['writes'] == 0
    changed = run(spe, {'user_name': 'ops-bob', 'admin_password': 'Other-Pw-2!', 'update_password': 'always'})
    assert changed['commands'] == ['SetSystemAdministratorPassword']
    assert changed['diff']['after']['admin_password'] == '********' and 'Other-Pw-2!' not in json.dumps(changed)
    assert authenticates(spe, 'ops-bob', 'Other-Pw-2!') and not authenticates(spe, 'ops-bob', 'Bob-Pw-1!')

    gone = run(spe, {'user_name': 'ops-bob', 'state': 'absent'})
    assert gone['commands'] == ['DeleteSystemAdministrator'] and admin(spe, 'ops-bob') is None


def test_api_password_is_created_only_when_asked_and_never_in_check_mode(spe):
    spe.reset_stats()
    plan = run(spe, {'user_name': 'admin', 'api_password': 'create'}, check_mode=True)
    assert plan['changed'] and plan['commands'] == ['CreateSystemAdministratorAPIPassword']
    assert 'api_password' not in plan and spe.stats()['writes'] == 0

    spe.reset_stats()
    kept = run(spe, {'user_name': 'admin', 'full_name': None})
    assert kept['changed'] is False and 'api_password' not in kept and spe.stats()['writes'] == 0

    first = run(spe, {'user_name': 'admin', 'api_password': 'create'})
    second = run(spe, {'user_name': 'admin', 'api_password': 'create'})
    assert first['api_password'] != second['api_password']
    assert authenticates(spe, 'admin', second['api_password']) and not authenticates(
        spe, 'admin', first['api_password']
    )


def test_rotating_the_api_password_the_connection_uses_under_mfa(spe):
    """With MFA active only the API password works; rotating it invalidates the connection's own
    password mid-task, and the module still reads back and returns the new one."""
    spe.api('CreateSystemAdministrator', config={'userName': 'automation'}, password='Automation-Pw-1!')
    old = requests.post(
        spe.url + '/api/invoke/CreateSystemAdministratorAPIPassword',
        auth=('automation', 'Automation-Pw-1!'),
        data={},
        verify=spe.verify,
        timeout=10,
    )
    old_api_password = json.loads(old.content.decode('utf-8-sig'))['result']
    spe.api('InitializeSystemAdministratorMFA', userName='automation')
    spe.hook('mfa', {'userName': 'automation', 'status': 'active'})
    assert not authenticates(spe, 'automation', 'Automation-Pw-1!')

    connection = dict(spe.connection, username='automation', password=old_api_password)
    result = run(spe, {'user_name': 'automation', 'api_password': 'create'}, connection=connection)
    assert not result.get('failed') and result['commands'] == ['CreateSystemAdministratorAPIPassword'], result
    assert result['system_administrator']['mfa_status'] == 'active'
    assert authenticates(spe, 'automation', result['api_password'])
    assert not authenticates(spe, 'automation', old_api_password)


def vault_procedure():
    with open(os.path.join(REPO, 'docs', 'platform.md'), encoding='utf-8') as handle:
        text = handle.read()
    return re.search(r'<!-- vault-procedure.*?```yaml\n(.*?)```\n<!-- end of vault-procedure -->', text, re.S).group(1)


def test_the_documented_vault_procedure_keeps_the_secret_out_of_vvv_output(spe):
    password_file = os.path.join(spe.workdir, 'vault-pass')
    with open(password_file, 'w') as handle:
        handle.write('vault-test-password\n')
    vault_file = os.path.join(spe.workdir, 'spe_api_password.yml')
    run = spe.playbook(
        vault_procedure(),
        verbosity=3,
        play_vars={'spe_username': 'admin', 'vault_password_file': password_file, 'spe_vault_file': vault_file},
        env={'PATH': BIN + os.pathsep + os.environ.get('PATH', '')},
    )
    assert run.rc == 0, run

    with open(vault_file, encoding='utf-8') as handle:
        stored = handle.read()
    assert stored.startswith('vault_spe_api_password: !vault |')
    ciphertext = '\n'.join(line.strip() for line in stored.splitlines()[1:]).strip()
    vault = VaultLib([('default', VaultSecret(b'vault-test-password'))])
    secret = vault.decrypt(ciphertext).decode('utf-8')

    assert authenticates(spe, 'admin', secret)  # the stored value is the new API password, whole
    assert secret not in run.output and spe.password not in run.output
    assert 'censored' in run.output  # no_log hid the results
