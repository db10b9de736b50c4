# Copyright: contributors to mailstore.spe
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""A whole tenant through the modules: the read budget of a converged run, and the info modules."""

from __future__ import annotations

import json

TENANT = r"""
- mailstore.spe.spe_instance:
    instance_id: acme
    display_name: ACME Corp.
    instance_host: "{{ host }}"
    start_mode: automatic
    service_provider_access: true
    state: started
- mailstore.spe.spe_store:
    instance_id: acme
    name: "{{ item }}"
    database_path: 'D:\Stores\acme\{{ item }}'
    requested_state: "{{ 'current' if item == 'Archive 2026' else 'normal' }}"
  loop: [Archive 2025, Archive 2026]
- mailstore.spe.spe_user:
    instance_id: acme
    user_name: "user{{ item }}"
    full_name: "User {{ item }}"
    email_addresses: ["user{{ item }}@acme.example"]
    privileges: [login]
    folder_access: [{folder: "user{{ item }}", privileges: [read]}]
  loop: "{{ range(1, 21) | list }}"
- mailstore.spe.spe_job:
    instance_id: acme
    name: "{{ item.name }}"
    action: "{{ item.action }}"
    schedule: "{{ item.schedule }}"
  loop:
    - {name: Verify, action: VerifyStores --includeIndexes=false, schedule: {weekly: {day: sunday, time: "03:00"}}}
    - {name: Statistics, action: RefreshAllStoreStatistics, schedule: {interval: 60}}
    - {name: Maintenance, action: MaintainFileSystemDatabases, schedule: {monthly: {day: last, time: "01:00"}}}
- mailstore.spe.spe_smtp:
    instance_id: acme
    hostname: smtp.acme.example
    smtp_port: 587
    protocol: SMTP-TLS
    from_email_address: archive@acme.example
    recipient_email_addresses: [it@acme.example]
"""
DECLARED_OBJECTS = 1 + 2 + 20 + 3 + 1


def test_converged_tenant_costs_reads_only_within_budget(spe):
    play_vars = {'host': spe.api('GetInstanceHosts')[0]['serverName']}
    first = spe.playbook(TENANT, play_vars=play_vars)
    assert first.rc == 0, first
    assert len(spe.api('GetUsers', instanceID='acme')) == 22

    spe.reset_stats()
    second = spe.playbook(TENANT, play_vars=play_vars)
    assert second.rc == 0 and second.changed() == 0, second
    stats = spe.stats()
    assert stats['writes'] == 0
    assert stats['reads'] <= DECLARED_OBJECTS + 1, stats

    spe.reset_stats()
    check = spe.playbook(TENANT, play_vars=play_vars, check=True)
    assert check.changed() == 0 and spe.stats()['writes'] == 0


def test_info_modules_speak_the_resource_vocabulary_and_never_change(spe):
    play_vars = {'host': spe.api('GetInstanceHosts')[0]['serverName']}
    assert spe.playbook(TENANT, play_vars=play_vars).rc == 0
    spe.reset_stats()
    run = spe.playbook(
        """
- mailstore.spe.spe_instance_info: {instance_id: acme}
  register: instances
- mailstore.spe.spe_store_info: {instance_id: acme}
  register: stores
- mailstore.spe.spe_user_info: {instance_id: acme, user_name: user7}
  register: users
- mailstore.spe.spe_job_info: {instance_id: acme}
  register: jobs
- mailstore.spe.spe_smtp_info: {instance_id: acme}
  register: smtp
- ansible.builtin.copy:
    content: "{{ {'instances': instances, 'stores': stores, 'users': users, 'jobs': jobs, 'smtp': smtp} | to_json }}"
    dest: "{{ playbook_dir }}/info.json"
    mode: "0600"
  check_mode: false
  changed_when: false
""",
        check=True,
    )
    assert run.rc == 0 and run.changed() == 0, run
    assert spe.stats()['writes'] == 0
    with open(spe.workdir + '/info.json') as handle:
        info = json.load(handle)
    instance = info['instances']['instances'][0]
    assert (
        instance['instance_id'] == 'acme'
        and instance['status'] == 'running'
        and instance['service_provider_access'] is True
    )
    assert sorted(s['name'] for s in info['stores']['stores']) == ['Archive 2025', 'Archive 2026']
    assert {s['name']: s['requested_state'] for s in info['stores']['stores']}['Archive 2026'] == 'current'
    user = info['users']['users'][0]
    assert user['user_name'] == 'user7' and user['folder_access'] == [{'folder': 'user7', 'privileges': ['read']}]
    assert {j['name']: j['schedule'] for j in info['jobs']['jobs']}['Statistics'] == {'interval': 60}
    assert info['smtp']['smtp']['hostname'] == 'smtp.acme.example' and 'password' not in info['smtp']['smtp']
