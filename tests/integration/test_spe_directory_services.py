# Copyright: contributors to mailstore.spe
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""spe_directory_services against a real simulator: the bind password is write-only and never shown,
and the user sync runs after a change or always, as a dry run in check mode (S50)."""

from __future__ import annotations

BIND_PASSWORD = 'Bind-Secret-4711!'
CONFIG = """
- name: Directory services
  mailstore.spe.spe_directory_services:
    instance_id: acme
    type: generic_ldap
    directory_server: ldap.acme.example
    directory_port: 636
    encryption: ssl
    base_dn: DC=acme,DC=example
    bind_user: CN=svc,DC=acme,DC=example
    bind_password: "%s"
    user_filter: (objectClass=person)
    group: Archive
    delete_users: true
    sync: %s
  register: result
"""


def directory(spe, *names):
    users = [{'userName': n, 'fullName': n.title(), 'emailAddresses': ['%s@acme.example' % n]} for n in names]
    spe.hook('directory', {'instanceID': 'acme', 'users': users})


def user_names(spe):
    return sorted(u['userName'] for u in spe.api('GetUsers', instanceID='acme'))


def test_the_bind_password_is_write_only_and_never_shown(spe):
    spe.new_instance()
    run = spe.playbook(CONFIG % (BIND_PASSWORD, 'never'), diff=True, verbosity=3)
    assert run.rc == 0 and run.changed() == 1, run
    stored = spe.api('GetDirectoryServicesConfiguration', instanceID='acme')
    assert stored['type'] == 'genericLdap' and stored['server'] == 'ldap.acme.example' and stored['baseDN']
    assert stored['port'] == 636 and stored['deleteUsers'] is True and stored['bindPassword'] is None
    assert BIND_PASSWORD not in run.output and spe.password not in run.output
    assert spe.result()['diff']['after']['bind_password'] == '********'
    assert 'bind_password' not in spe.result()['directory_services']

    spe.reset_stats()  # converged: the password is not sent again
    assert spe.playbook(CONFIG % (BIND_PASSWORD, 'never')).changed() == 0 and spe.stats()['writes'] == 0

    always = (CONFIG % (BIND_PASSWORD, 'never')).replace('  register:', '    update_password: always\n  register:')
    spe.reset_stats()
    run = spe.playbook(always, verbosity=3)
    assert run.changed() == 1 and spe.stats()['calls'].get('SetDirectoryServicesConfiguration') == 1
    assert BIND_PASSWORD not in run.output


def test_sync_on_change_creates_the_directory_users_and_reports_them(spe):
    spe.new_instance()
    directory(spe, 'alice', 'bob')
    run = spe.playbook(CONFIG % (BIND_PASSWORD, 'on_change'))
    assert run.rc == 0, run
    result = spe.result()
    assert result['commands'] == ['SetDirectoryServicesConfiguration', 'SyncUsersWithDirectoryServices']
    assert result['sync'] == {
        'dry_run': False,
        'users_added': ['alice', 'bob'],
        'users_updated': [],
        'users_deleted': [],
    }
    assert {'alice', 'bob'} <= set(user_names(spe))
    assert spe.api('GetUserInfo', instanceID='acme', userName='alice')['authentication'] == 'directoryServices'

    directory(spe, 'alice', 'carol')  # no change of the configuration: on_change does not sync
    spe.reset_stats()
    assert spe.playbook(CONFIG % (BIND_PASSWORD, 'on_change')).changed() == 0 and spe.stats()['writes'] == 0
    assert 'carol' not in user_names(spe)


def test_sync_always_predicts_with_a_dry_run_and_converges(spe):
    spe.new_instance()
    spe.playbook(CONFIG % (BIND_PASSWORD, 'never'))
    directory(spe, 'dave')
    sync = '- {mailstore.spe.spe_directory_services: {instance_id: acme, sync: always}, register: result}\n'

    spe.reset_stats()
    run = spe.playbook(sync, check=True)
    assert run.rc == 0 and run.changed() == 1, run
    assert spe.stats()['writes'] == 0 and 'dave' not in user_names(spe)
    assert spe.result()['sync']['dry_run'] is True and spe.result()['sync']['users_added'] == ['dave']
    assert spe.result()['commands'] == ['SyncUsersWithDirectoryServices']

    run = spe.playbook(sync)
    assert run.changed() == 1 and 'dave' in user_names(spe)
    assert spe.result()['sync'] == {'dry_run': False, 'users_added': ['dave'], 'users_updated': [], 'users_deleted': []}

    directory(spe)  # dave leaves the directory; delete_users is on
    run = spe.playbook(sync)
    assert run.changed() == 1 and spe.result()['sync']['users_deleted'] == ['dave'] and 'dave' not in user_names(spe)

    spe.reset_stats()  # nothing left to do: the dry run says so, and no sync is sent
    run = spe.playbook(sync)
    assert run.changed() == 0 and spe.stats()['writes'] == 0, spe.stats()
    assert spe.result()['sync']['users_added'] == [] and spe.result()['commands'] == []


def test_check_mode_warns_when_the_sync_cannot_be_predicted(spe):
    spe.new_instance()  # type none: a dry run fails, check mode warns and still predicts the sync
    run = spe.playbook(CONFIG % (BIND_PASSWORD, 'on_change'), check=True)
    assert run.rc == 0 and run.changed() == 1, run
    assert 'could not be predicted' in run.output
    assert spe.result()['commands'] == ['SetDirectoryServicesConfiguration', 'SyncUsersWithDirectoryServices']
    assert spe.api('GetDirectoryServicesConfiguration', instanceID='acme') == {'type': 'none'}
