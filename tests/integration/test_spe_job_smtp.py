# Copyright: contributors to mailstore.spe
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""spe_job and spe_smtp against a real simulator."""

from __future__ import annotations

JOB = """
- name: Converge the job
  mailstore.spe.spe_job:
    instance_id: acme
    name: Nightly verify
    action: VerifyStores --includeIndexes=false
    time_zone_id: W. Europe Standard Time
    schedule:
      weekly: {day: sunday, time: "03:00"}
    enabled: true
  register: result
"""


def jobs(spe):
    return {j['name']: j for j in spe.api('GetJobs', instanceID='acme')}


def test_job_lifecycle(spe):
    spe.new_instance()
    assert spe.playbook(JOB).changed() == 1
    job = jobs(spe)['Nightly verify']
    assert job['schedule']['dayOfWeek'] == 'Sunday' and job['schedule']['time'] == '03:00:00' and job['enabled'] is True

    spe.reset_stats()
    assert spe.playbook(JOB).changed() == 0 and spe.stats()['writes'] == 0 and spe.stats()['reads'] == 1

    daily = spe.playbook(
        JOB.replace('weekly: {day: sunday, time: "03:00"}', 'daily: "02:30"').replace('enabled: true', 'enabled: false')
    )
    assert daily.rc == 0, daily
    assert spe.result()['commands'] == ['SetJobSchedule', 'SetJobEnabled'] and spe.result()['recreated'] is False
    job = jobs(spe)['Nightly verify']
    assert job['schedule']['type'] == 'daily' and job['enabled'] is False

    recreate = spe.playbook(JOB.replace('--includeIndexes=false', '--includeIndexes=true'))
    assert recreate.rc == 0 and spe.result()['recreated'] is True and 'new id' in spe.result()['msg']
    assert jobs(spe)['Nightly verify']['id'] != job['id'] and jobs(spe)['Nightly verify']['action'].endswith('true')

    absent = '- mailstore.spe.spe_job: {instance_id: acme, name: Nightly verify, state: absent}\n'
    assert spe.playbook(absent).changed() == 1 and 'Nightly verify' not in jobs(spe)
    assert spe.playbook(absent).changed() == 0


def test_job_duplicate_names_and_bad_schedules(spe):
    spe.new_instance()
    spe.api('CreateJob', instanceID='acme', name='Twin', action='Ping')
    spe.api('CreateJob', instanceID='acme', name='Twin', action='Ping')
    twin = spe.playbook('- mailstore.spe.spe_job: {instance_id: acme, name: Twin, action: Ping}\n')
    assert twin.rc != 0 and "2 jobs are named 'Twin'" in twin.output
    spe.reset_stats()
    for schedule in (
        '{interval: 7}',
        '{daily: "25:00"}',
        '{daily: "02:00", interval: 60}',
        '{monthly: {day: 32, time: "01:00"}}',
    ):
        bad = spe.playbook(
            '- mailstore.spe.spe_job: {instance_id: acme, name: x, action: Ping, schedule: %s}\n' % schedule
        )
        assert bad.rc != 0, schedule
    assert spe.stats()['reads'] == 0 and spe.stats()['writes'] == 0


SMTP = """
- mailstore.spe.spe_smtp:
    instance_id: acme
    hostname: smtp.example.com
    smtp_port: 587
    protocol: SMTP-TLS
    authentication_required: true
    smtp_username: archive@example.com
    smtp_password: "{{ smtp_secret }}"
    from_email_address: archive@example.com
    recipient_email_addresses: [ops@example.com]
    test: true
  register: result
"""
SMTP_SECRET = 'smtp-Pa55-word'


def test_smtp_instance_settings(spe):
    spe.new_instance()
    first = spe.playbook(SMTP, play_vars={'smtp_secret': SMTP_SECRET}, verbosity=3, diff=True)
    assert first.rc == 0 and first.changed() == 1, first
    assert SMTP_SECRET not in first.output
    settings = spe.api('GetSmtpSettings', instanceID='acme')
    assert settings['hostname'] == 'smtp.example.com' and settings['password'] is None
    assert spe.result()['commands'] == ['SetSmtpSettings', 'TestSmtpSettings']

    spe.reset_stats()
    again = spe.playbook(SMTP, play_vars={'smtp_secret': SMTP_SECRET})
    assert again.changed() == 0 and spe.stats()['writes'] == 0  # on_change: password sent only with a change

    failing = spe.playbook(
        SMTP.replace('smtp.example.com', 'smtp.example.invalid'), play_vars={'smtp_secret': SMTP_SECRET}
    )
    assert (
        failing.rc != 0
        and 'TestSmtpSettings failed' in failing.output
        and 'Already applied: SetSmtpSettings' in failing.output
    )


def test_smtp_system_settings(spe):
    run = spe.playbook("""
- mailstore.spe.spe_smtp:
    hostname: smtp.provider.example
    smtp_port: 465
    protocol: SMTPS
    recipient_system_administrators: [admin]
""")
    assert run.rc == 0 and run.changed() == 1, run
    config = spe.api('GetSystemSmtpConfiguration')
    assert config['port'] == 465 and config['recipientSystemAdministrator'] == ['admin']
