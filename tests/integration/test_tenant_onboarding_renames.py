# Copyright: contributors to mailstore.spe
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""A rename in the tenant definition renames the user and the job (their data and ids stay), through
the tenant_onboarding role; the second run changes nothing (issue 12)."""

from __future__ import annotations

import json

ROLE = """
- name: Onboard the tenant
  ansible.builtin.include_role:
    name: mailstore.spe.tenant_onboarding
  vars:
    tenant: %s
"""


def definition(user, job, renamed=False):
    users = [
        dict(
            {'user_name': user, 'full_name': 'John Doe', 'privileges': ['login']},
            **({'rename_from': 'jdoe'} if renamed else {}),
        )
    ]
    jobs = [
        dict(
            {'name': job, 'action': 'Ping', 'schedule': {'daily': '01:00'}},
            **({'rename_from': 'Nightly'} if renamed else {}),
        )
    ]
    return json.dumps({'instance_id': 'acme', 'instance_host': 'spe-host01', 'users': users, 'jobs': jobs})


def test_a_rename_in_the_definition_renames_and_a_second_run_changes_nothing(spe):
    run = spe.playbook(ROLE % definition('jdoe', 'Nightly'))
    assert run.rc == 0 and run.changed() >= 1, run
    job_id = [j['id'] for j in spe.api('GetJobs', instanceID='acme') if j['name'] == 'Nightly'][0]

    spe.reset_stats()
    run = spe.playbook(ROLE % definition('john', 'Nightly job', renamed=True))
    assert run.rc == 0 and run.changed() == 1, run
    assert spe.stats()['calls'].get('RenameUser') == 1 and spe.stats()['calls'].get('RenameJob') == 1
    users = [u['userName'] for u in spe.api('GetUsers', instanceID='acme')]
    assert 'john' in users and 'jdoe' not in users
    assert spe.api('GetUserInfo', instanceID='acme', userName='john')['fullName'] == 'John Doe'
    jobs = {j['name']: j['id'] for j in spe.api('GetJobs', instanceID='acme')}
    assert jobs == {'Nightly job': job_id}  # renamed in place: the same job, no duplicate

    spe.reset_stats()
    run = spe.playbook(ROLE % definition('john', 'Nightly job', renamed=True))
    assert run.rc == 0 and run.changed() == 0, run
    assert spe.stats()['writes'] == 0
