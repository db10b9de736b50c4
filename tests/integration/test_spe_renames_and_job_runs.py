# Copyright: contributors to mailstore.spe
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""rename_from of spe_user and spe_job (rename and converge in one run, exact check mode, a
second run without writes, both names an error), and job runs: run with progress, run without
waiting and cancel, and spe_job_info's results and time zones."""

from __future__ import annotations

import json

import pytest


def task(module, options, extra=''):
    return """
- name: Task
  mailstore.spe.%s: %s
  register: result
%s""" % (module, json.dumps(dict(instance_id='acme', **options)), extra)


def run(spe, module, options, **kwargs):
    spe.reset_stats()
    outcome = spe.playbook(task(module, options), **kwargs)
    return outcome, spe.stats()


def users(spe):
    return {u['userName']: u for u in spe.api('GetUsers', instanceID='acme')}


def jobs(spe):
    return {j['name']: j for j in spe.api('GetJobs', instanceID='acme')}


def test_a_user_renamed_in_the_definition_is_renamed_and_converged_in_one_run(spe):
    spe.new_instance()
    spe.api('CreateUser', instanceID='acme', userName='asmith', privileges='login', fullName='Alice Smith')
    spe.api('SetUserPrivilegesOnFolder', instanceID='acme', userName='asmith', folder='asmith', privileges='read')
    wanted = dict(user_name='ajones', rename_from='asmith', full_name='Alice Jones')

    outcome, stats = run(spe, 'spe_user', wanted, check=True, diff=True)
    assert outcome.rc == 0 and outcome.changed() == 1 and stats['writes'] == 0, outcome
    result = spe.result()
    assert result['commands'] == ['RenameUser', 'SetUserFullName'] and result['renamed_from'] == 'asmith'
    assert result['diff']['before']['user_name'] == 'asmith' and result['diff']['after']['user_name'] == 'ajones'
    assert 'asmith' in users(spe)

    outcome, stats = run(spe, 'spe_user', wanted)
    assert outcome.rc == 0 and outcome.changed() == 1, outcome
    assert spe.result()['commands'] == ['RenameUser', 'SetUserFullName'] and stats['writes'] == 2
    now = users(spe)
    assert 'asmith' not in now and now['ajones']['fullName'] == 'Alice Jones'
    info = spe.api('GetUserInfo', instanceID='acme', userName='ajones')
    assert info['privilegesOnFolders'] == [{'folder': 'ajones', 'privileges': ['read']}]  # the archive moved along

    outcome, stats = run(spe, 'spe_user', wanted)
    assert outcome.rc == 0 and outcome.changed() == 0 and stats['writes'] == 0, stats
    assert 'renamed_from' not in spe.result()


def test_both_names_existing_is_an_error_that_changes_nothing(spe):
    spe.new_instance()
    for name in ('asmith', 'ajones'):
        spe.api('CreateUser', instanceID='acme', userName=name, privileges='login')
    outcome, stats = run(spe, 'spe_user', dict(user_name='ajones', rename_from='asmith'))
    assert outcome.rc != 0 and "both the user 'asmith' and 'ajones' exist" in outcome.output
    assert stats['writes'] == 0 and set(users(spe)) >= {'asmith', 'ajones'}


def test_a_job_renamed_in_the_definition_keeps_its_id_and_converges(spe):
    spe.new_instance()
    old = spe.api('CreateJob', instanceID='acme', name='Nightly sync', action='Ping', time='02:00')
    wanted = dict(name='Directory sync', rename_from='Nightly sync', action='Ping', schedule={'interval': 30})

    outcome, stats = run(spe, 'spe_job', wanted, check=True)
    assert outcome.rc == 0 and outcome.changed() == 1 and stats['writes'] == 0, outcome
    assert spe.result()['commands'] == ['RenameJob', 'SetJobSchedule']

    outcome, stats = run(spe, 'spe_job', wanted)
    assert outcome.rc == 0 and outcome.changed() == 1, outcome
    now = jobs(spe)
    assert 'Nightly sync' not in now and now['Directory sync']['id'] == old['id']
    assert now['Directory sync']['schedule']['interval'] == 30 and spe.result()['renamed_from'] == 'Nightly sync'

    outcome, stats = run(spe, 'spe_job', wanted)
    assert outcome.rc == 0 and outcome.changed() == 0 and stats['writes'] == 0


def test_run_shows_progress_records_a_result_and_info_returns_it(spe):
    spe.new_instance()
    wanted = dict(name='Nightly', action='Ping', run=True)

    outcome, stats = run(spe, 'spe_job', wanted, check=True)
    assert outcome.rc == 0 and outcome.changed() == 1 and stats['writes'] == 0
    assert spe.result()['commands'] == ['CreateJob', 'RunJobAsync']

    outcome, stats = run(spe, 'spe_job', wanted)
    assert outcome.rc == 0 and outcome.changed() == 1, outcome
    result = spe.result()
    assert result['commands'] == ['CreateJob', 'RunJobAsync'] and result['run']['status'] == 'succeeded'
    assert [line['percent'] for line in result['run']['progress']][-1] == 100
    assert 'Simulated run of: Ping' in result['run']['log_output']
    shown = [line for line in outcome.output.splitlines() if 'spe_job Nightly (acme):' in line]
    assert len(shown) == len(result['run']['progress']) >= 3

    span = dict(name='Nightly', results_from='2000-01-01', results_to='2100-01-01', time_zones=True)
    outcome, stats = run(spe, 'spe_job_info', span)
    assert outcome.rc == 0 and stats['writes'] == 0
    info = spe.result()
    assert [(r['job_name'], r['result']) for r in info['job_results']] == [('Nightly', 'succeeded')]
    assert info['worker_results'] == [] and '$Local' in [z['id'] for z in info['time_zones']]

    outcome, stats = run(spe, 'spe_job_info', dict(span, results_to='2000-01-02'))
    assert spe.result()['job_results'] == []


def test_a_run_started_without_waiting_is_cancelled(spe):
    spe.new_instance()
    spe.api('CreateJob', instanceID='acme', name='Long', action='Ping')
    spe.hook('async-duration', {'seconds': 60})
    outcome, stats = run(spe, 'spe_job', dict(name='Long', run=True, wait=False))
    assert outcome.rc == 0 and outcome.changed() == 1, outcome
    token = spe.result()['run']['token']
    assert spe.result()['run']['status'] == 'running' and token

    outcome, stats = run(spe, 'spe_job', dict(name='Long', cancel=True))
    assert outcome.rc == 0 and outcome.changed() == 1 and spe.result()['commands'] == ['CancelJobAsync']
    final = follow(spe, token)
    assert final['statusCode'] == 'cancelled'
    rows = spe.api(
        'GetJobResults',
        instanceID='acme',
        fromIncluding='2000-01-01T00:00:00',
        toExcluding='2100-01-01T00:00:00',
        timeZoneId='$Local',
    )
    assert [(r['jobName'], r['result'], r['output']) for r in rows] == [('Long', 'failed', 'Cancelled.')]


def follow(spe, token):
    """get-status long polls until the call ends; the final envelope."""
    version = 0
    while True:
        response = spe.session.post(
            spe.url + '/api/get-status',
            data={'token': token, 'lastKnownStatusVersion': version, 'millisecondsTimeout': 5000},
            verify=spe.verify,
        )
        envelope = json.loads(response.content.decode('utf-8-sig'))
        if envelope['statusCode'] != 'running':
            return envelope
        version = envelope['statusVersion']


@pytest.mark.parametrize('module', ['spe_user', 'spe_job'])
def test_neither_name_existing_creates_the_new_one(spe, module):
    spe.new_instance()
    options = (
        dict(user_name='newbie', rename_from='ghost')
        if module == 'spe_user'
        else dict(name='New', rename_from='Ghost', action='Ping')
    )
    outcome, stats = run(spe, module, options)
    assert outcome.rc == 0 and outcome.changed() == 1
    assert spe.result()['commands'] == ['CreateUser' if module == 'spe_user' else 'CreateJob']
    assert 'renamed_from' not in spe.result()
