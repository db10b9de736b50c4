# Copyright: contributors to mailstore.spe
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""spe_profile against a real simulator: passwords write-only and never shown, re-creation only when
allowed (with a new id), server-side execution by the reference's rules, and runs (S38, S39)."""

from __future__ import annotations

IMAP_PASSWORD = 'Imap-Secret-0815!'
PROFILE = """
- name: Profile
  mailstore.spe.spe_profile:
    instance_id: acme
    name: Shared mailbox
    properties:
      type: archive
      connector: imap
      details: {server: %s, userName: shared@acme.example}
    profile_passwords: [{key: details.password, value: "%s"}]
    automatic: true
    pause_between_executions: 600
    maintenance_windows: ["22:00-04:00", "12:00-13:00"]
%s  register: result
"""
RANGE = {'fromIncluding': '2000-01-01T00:00:00', 'toExcluding': '2100-01-01T00:00:00', 'timeZoneID': '$Local'}


def profile(spe, name='Shared mailbox'):
    found = [p for p in spe.api('GetProfiles', instanceID='acme', raw=True) if p['name'] == name]
    return found[0] if found else None


def task(server='imap.acme.example', extra='', password=IMAP_PASSWORD):
    return PROFILE % (server, password, extra)


def test_create_converge_and_never_show_the_password(spe):
    spe.new_instance()
    spe.reset_stats()
    run = spe.playbook(task(), check=True, diff=True)
    assert run.changed() == 1 and spe.stats()['writes'] == 0 and profile(spe) is None
    assert spe.result()['commands'] == ['CreateProfile', 'SetProfileServerSideExecution']

    run = spe.playbook(task(), diff=True, verbosity=3)
    assert run.rc == 0 and run.changed() == 1, run
    assert IMAP_PASSWORD not in run.output and spe.password not in run.output
    created = profile(spe)
    assert created['details'] == {'server': 'imap.acme.example', 'userName': 'shared@acme.example', 'password': None}
    assert created['serverSideExecution'] == {
        'automatic': True,
        'automaticPauseBetweenExecutions': 600,
        'automaticMaintenanceWindows': ['22:00-04:00', '12:00-13:00'],
    }
    assert spe.result()['profile']['id'] == created['id'] and spe.result()['recreated'] is False

    spe.reset_stats()
    assert spe.playbook(task()).changed() == 0 and spe.stats()['writes'] == 0

    off = (
        '- {mailstore.spe.spe_profile: {instance_id: acme, name: Shared mailbox, automatic: false}, register: result}\n'
    )
    assert spe.playbook(off).changed() == 1 and spe.result()['commands'] == ['SetProfileServerSideExecution']
    assert profile(spe)['serverSideExecution']['automaticMaintenanceWindows'] == []
    assert spe.result()['profile']['pause_between_executions'] == 0


def test_changed_properties_recreate_only_when_allowed(spe):
    spe.new_instance()
    spe.playbook(task())
    old_id = profile(spe)['id']

    spe.reset_stats()
    refused = spe.playbook(task(server='imap2.acme.example'))
    assert refused.rc != 0 and 'details.server' in refused.output and 'allow_recreate' in refused.output
    assert spe.stats()['writes'] == 0 and profile(spe)['id'] == old_id

    no_password = """
- mailstore.spe.spe_profile:
    instance_id: acme
    name: Shared mailbox
    properties: {details: {server: imap2.acme.example}}
    allow_recreate: true
"""
    spe.reset_stats()
    lost = spe.playbook(no_password)
    assert lost.rc != 0 and 'details.password' in lost.output and spe.stats()['writes'] == 0

    run = spe.playbook(task(server='imap2.acme.example', extra='    allow_recreate: true\n'), verbosity=3)
    assert run.rc == 0 and run.changed() == 1, run
    assert IMAP_PASSWORD not in run.output
    result, now = spe.result(), profile(spe)
    assert result['commands'] == ['DeleteProfile', 'CreateProfile', 'SetProfileServerSideExecution']
    assert result['recreated'] is True and result['previous_id'] == old_id and 'new id' in result['msg']
    assert now['id'] != old_id and result['profile']['id'] == now['id']
    assert now['details']['server'] == 'imap2.acme.example' and now['serverSideExecution']['automatic'] is True

    spe.reset_stats()
    assert spe.playbook(task(server='imap2.acme.example')).changed() == 0 and spe.stats()['writes'] == 0


def test_run_waits_and_reports_the_worker_result(spe):
    spe.new_instance()
    spe.api('CreateStore', instanceID='acme', name='S', databasePath='D:\\S', requestedState='current')
    run_task = """
- mailstore.spe.spe_profile:
    instance_id: acme
    name: Handover export
    properties: {type: export, connector: directory, details: {path: 'E:\\\\Handover\\\\acme'}}
    run: true
  register: result
"""
    spe.playbook(run_task.replace('run: true', 'run: false'))
    profile_id = profile(spe, 'Handover export')['id']

    assert spe.playbook(run_task, check=True).changed() == 1 and spe.result()['commands'] == ['RunProfile']
    assert spe.api('GetWorkerResults', instanceID='acme', **RANGE) == []

    run = spe.playbook(run_task)
    assert run.rc == 0 and run.changed() == 1, run
    assert spe.result()['run'] == {'result': 'succeeded', 'messagesArchived': 10}
    rows = spe.api('GetWorkerResults', instanceID='acme', **RANGE)
    assert [(r['profileID'], r['result']) for r in rows] == [(profile_id, 'succeeded')]

    info = '- {mailstore.spe.spe_profile_info: {instance_id: acme, name: Handover export}, register: result}\n'
    assert spe.playbook(info).rc == 0
    assert [p['id'] for p in spe.result()['profiles']] == [profile_id]
