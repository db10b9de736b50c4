# Copyright: contributors to mailstore.spe
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""spe_user against a real simulator: every promise of the module, read back from the server."""

from __future__ import annotations

import json

import pytest

JDOE = """
- name: Converge jdoe
  mailstore.spe.spe_user:
    instance_id: acme
    user_name: jdoe
    full_name: John Doe
    email_addresses: [jdoe@example.com, john.doe@example.com]
    privileges: [login, change_password]
    folder_access:
      - {folder: jdoe, privileges: [read, write]}
      - {folder: admin, privileges: [read]}
    user_password: "{{ user_secret }}"
  register: result
"""
SECRET = 'Tr0ub4dor-and-3'
VARS = {'user_secret': SECRET}


def test_create_then_converged_run_writes_nothing(spe):
    spe.new_instance()
    run = spe.playbook(JDOE, play_vars=VARS)
    assert run.rc == 0, run
    assert run.changed() == 1
    info = spe.api('GetUserInfo', instanceID='acme', userName='jdoe')
    assert info['fullName'] == 'John Doe'
    assert sorted(info['emailAddresses']) == ['jdoe@example.com', 'john.doe@example.com']
    assert sorted(info['privileges']) == ['changePassword', 'login']
    assert {f['folder']: sorted(f['privileges']) for f in info['privilegesOnFolders']} == {
        'jdoe': ['read', 'write'],
        'admin': ['read'],
    }
    assert spe.result()['commands'][0] == 'CreateUser'

    spe.reset_stats()
    again = spe.playbook(JDOE, play_vars=VARS)
    assert again.rc == 0 and again.changed() == 0, again
    stats = spe.stats()
    assert stats['writes'] == 0
    assert stats['reads'] == 1, stats  # one GetUserInfo for one declared user
    assert spe.result()['commands'] == []


def test_update_changes_exactly_the_fields_that_differ(spe):
    spe.new_instance()
    assert spe.playbook(JDOE, play_vars=VARS).rc == 0
    spe.reset_stats()
    run = spe.playbook(
        JDOE.replace('John Doe', 'Johnny Doe').replace(
            '{folder: admin, privileges: [read]}', '{folder: admin, privileges: [none]}'
        ),
        play_vars=VARS,
    )
    assert run.rc == 0, run
    assert spe.result()['commands'] == ['SetUserFullName', 'SetUserPrivilegesOnFolder']
    assert spe.stats()['writes'] == 2
    info = spe.api('GetUserInfo', instanceID='acme', userName='jdoe')
    assert info['fullName'] == 'Johnny Doe'
    assert [f['folder'] for f in info['privilegesOnFolders']] == ['jdoe']


def test_empty_value_empties_and_unset_leaves_alone(spe):
    spe.new_instance()
    assert spe.playbook(JDOE, play_vars=VARS).rc == 0
    run = spe.playbook("""
- mailstore.spe.spe_user:
    instance_id: acme
    user_name: jdoe
    email_addresses: []
""")
    assert run.rc == 0 and run.changed() == 1, run
    info = spe.api('GetUserInfo', instanceID='acme', userName='jdoe')
    assert info['emailAddresses'] == []
    assert info['fullName'] == 'John Doe'  # unset: not managed


def test_check_mode_predicts_and_writes_nothing(spe):
    spe.new_instance()
    spe.reset_stats()
    run = spe.playbook(JDOE, play_vars=VARS, check=True)
    assert run.rc == 0 and run.changed() == 1, run
    assert spe.stats()['writes'] == 0
    assert sorted(u['userName'] for u in spe.api('GetUsers', instanceID='acme')) == ['$archiveadmin', 'admin']
    result = spe.result()
    assert result['commands'][0] == 'CreateUser' and result['user']['full_name'] == 'John Doe'

    assert spe.playbook(JDOE, play_vars=VARS).rc == 0
    spe.reset_stats()
    run = spe.playbook(JDOE, play_vars=VARS, check=True)
    assert run.changed() == 0 and spe.stats()['writes'] == 0


def test_check_mode_before_the_instance_exists_predicts_instead_of_failing(spe):
    spe.reset_stats()
    run = spe.playbook(JDOE, play_vars=VARS, check=True)
    assert run.rc == 0 and run.changed() == 1, run
    assert 'does not exist' in run.output
    assert spe.stats()['writes'] == 0


def test_diff_shows_before_and_after_and_masks_the_password(spe):
    spe.new_instance()
    assert spe.playbook(JDOE, play_vars=VARS).rc == 0
    run = spe.playbook(JDOE.replace('John Doe', 'Johnny Doe'), play_vars=VARS, diff=True)
    assert run.rc == 0
    diff = spe.result()['diff']
    assert diff['before']['full_name'] == 'John Doe' and diff['after']['full_name'] == 'Johnny Doe'
    assert '-    "full_name": "John Doe"' in run.output and '+    "full_name": "Johnny Doe"' in run.output


def test_password_never_appears_in_verbose_output(spe):
    spe.new_instance()
    tasks = JDOE.replace('user_name: jdoe', 'user_name: jdoe\n    update_password: always')
    for check in (True, False):
        run = spe.playbook(tasks, play_vars=VARS, verbosity=3, diff=True, check=check)
        assert run.rc == 0, run
        assert SECRET not in run.output
        assert spe.password not in run.output
        assert 'user_password' in run.output  # the option is there, its value masked
    # The password did reach the server: the user can authenticate... the simulator stores only a hash.
    assert spe.result()['changed'] is True  # update_password: always changes every run


def test_delete_and_delete_again(spe):
    spe.new_instance()
    assert spe.playbook(JDOE, play_vars=VARS).rc == 0
    absent = """
- mailstore.spe.spe_user:
    instance_id: acme
    user_name: jdoe
    state: absent
"""
    first = spe.playbook(absent)
    assert first.rc == 0 and first.changed() == 1, first
    assert 'jdoe' not in [u['userName'] for u in spe.api('GetUsers', instanceID='acme')]
    spe.reset_stats()
    second = spe.playbook(absent)
    assert second.rc == 0 and second.changed() == 0
    assert spe.stats()['writes'] == 0


@pytest.mark.parametrize(
    'options, message',
    [
        ('privileges: [admin, login]', "'admin' must be the only value"),
        ('privileges: [superuser]', 'value of privileges must be one or more of'),
        ('folder_access: [{folder: x, privileges: [none, read]}]', "'none' must be the only value"),
        ('colour: blue', 'Unsupported parameters'),
    ],
)
def test_bad_input_fails_before_any_api_call(spe, options, message):
    spe.new_instance()
    spe.reset_stats()
    run = spe.playbook(
        """
- mailstore.spe.spe_user:
    instance_id: acme
    user_name: jdoe
    %s
"""
        % options
    )
    assert run.rc != 0 and message in run.output, run
    assert spe.stats()['reads'] == 0 and spe.stats()['writes'] == 0


def test_in_process_and_module_process_give_the_same_results(spe):
    spe.new_instance()
    results = {}
    for mode in ('in_process', 'module'):
        name = 'user-' + mode.replace('_', '-')
        tasks = JDOE.replace('jdoe', name)
        first = spe.playbook(tasks, play_vars=VARS, diff=True, env={'MAILSTORE_SPE_EXECUTION': mode})
        assert first.rc == 0, first
        created = spe.result()
        again = spe.playbook(tasks, play_vars=VARS, env={'MAILSTORE_SPE_EXECUTION': mode})
        assert again.changed() == 0
        results[mode] = created
        assert SECRET not in json.dumps(created)
    module, in_process = results['module'], results['in_process']
    for key in ('changed', 'commands', 'diff'):
        assert json.dumps(module[key], sort_keys=True).replace('user-module', 'X') == json.dumps(
            in_process[key], sort_keys=True
        ).replace('user-in-process', 'X'), key
    assert set(module['user']) == set(in_process['user'])
