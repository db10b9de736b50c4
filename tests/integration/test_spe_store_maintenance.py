# Copyright: contributors to mailstore.spe
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""spe_store_maintenance against the simulator: progress shown while waiting, operations that
change nothing report no change, nothing to do costs reads only, check mode sends no writing
operation, wait: false + token to follow or cancel, and Ansible's async/poll."""

from __future__ import annotations

import json

import pytest


def store(spe, name, **condition):
    found = spe.api('CreateStore', instanceID='acme', name=name, databasePath='E:\\Archive\\' + name.replace(' ', '-'))
    if condition:
        spe.hook('store-condition', dict(condition, instanceID='acme', id=found['id']))
    return found


def stores(spe):
    return {s['name']: s for s in spe.api('GetStores', instanceID='acme')}


def task(options, extra=''):
    return """
- name: Maintenance
  mailstore.spe.spe_store_maintenance: %s
  register: result
%s""" % (json.dumps(dict(instance_id='acme', **options)), extra)


def run(spe, options, **kwargs):
    spe.reset_stats()
    outcome = spe.playbook(task(options), **kwargs)
    return outcome, spe.stats()


def test_verify_shows_progress_while_it_waits_changes_nothing_and_runs_in_check_mode(spe):
    spe.new_instance()
    store(spe, 'Messages 2024')
    for check in (True, False):
        outcome, stats = run(spe, dict(name='Messages 2024', operation='verify', include_indexes=True), check=check)
        assert outcome.rc == 0 and outcome.changed() == 0, outcome
        result = spe.result()
        assert result['commands'] == ['VerifyStore'] and result['status'] == 'succeeded'
        assert result['result']['stores'][0]['name'] == 'Messages 2024' and result['result']['includeIndexes'] is True
        assert stats['calls']['VerifyStore'] == 1 and set(stats['calls']) == {'GetStores', 'VerifyStore', 'get-status'}
        # One line per change of status, shown while waiting and returned.
        percents = [line['percent'] for line in result['progress']]
        assert percents == sorted(percents) and len(percents) >= 3 and percents[-1] == 100
        shown = [line for line in outcome.output.splitlines() if 'spe_store_maintenance verify (acme):' in line]
        assert len(shown) == len(result['progress']), outcome.output
        assert 'Verifying archive store' in result['log_output']


def test_compact_check_mode_sends_nothing_then_runs_and_reports_a_change(spe):
    spe.new_instance()
    store(spe, 'Messages 2022')
    outcome, stats = run(spe, dict(name='Messages 2022', operation='compact'), check=True)
    assert outcome.rc == 0 and outcome.changed() == 1
    assert spe.result()['commands'] == ['CompactStore'] and stats['writes'] == 0

    outcome, stats = run(spe, dict(name='Messages 2022', operation='compact'))
    assert outcome.rc == 0 and outcome.changed() == 1
    assert stats['calls']['CompactStore'] == 1 and 'Compacting' in spe.result()['log_output']


def test_operations_with_nothing_to_do_send_nothing(spe):
    spe.new_instance()
    old = store(spe, 'Old', needsUpgrade=True)
    store(spe, 'Target')
    store(spe, 'Source')
    cases = [
        dict(id=old['id'], operation='upgrade'),
        dict(name='Target', operation='merge', source='Source'),
        dict(operation='retry_open'),
    ]
    spe.hook('store-condition', dict(instanceID='acme', id=old['id'], error='Cannot open.'))
    for options in cases:
        outcome, stats = run(spe, options)
        assert outcome.rc == 0 and outcome.changed() == 1, (options, outcome)
        outcome, stats = run(spe, options)
        assert outcome.rc == 0 and outcome.changed() == 0, (options, outcome)
        assert stats['writes'] == 0 and spe.result()['commands'] == [], (options, stats)
        assert spe.result()['msg'].startswith('Nothing to do')
    after = stores(spe)
    assert 'Source' not in after and after['Old']['needsUpgrade'] is False and after['Old']['error'] is None


def test_rebuild_indexes_of_all_stores_selects_them_first(spe):
    spe.new_instance()
    store(spe, 'One')
    store(spe, 'Two')
    outcome, stats = run(spe, dict(operation='rebuild_indexes'))
    assert outcome.changed() == 0 and stats['writes'] == 0  # nothing selected: nothing to rebuild
    outcome, stats = run(spe, dict(operation='rebuild_indexes', all_stores=True))
    assert outcome.rc == 0 and outcome.changed() == 1
    result = spe.result()
    assert result['commands'] == ['SelectAllStoreIndexesForRebuild', 'RebuildSelectedStoreIndexes']
    assert sorted(result['result']['rebuiltStores']) == sorted(s['id'] for s in stores(spe).values())


def test_a_missing_store_fails_naming_it_with_no_write(spe):
    spe.new_instance()
    outcome, stats = run(spe, dict(name='Nope', operation='compact'))
    assert outcome.rc != 0 and "No archive store with name 'Nope'" in outcome.output
    assert stats['writes'] == 0


def test_wait_false_returns_a_token_that_a_later_task_cancels(spe):
    spe.new_instance()
    store(spe, 'Big')
    spe.hook('async-duration', {'seconds': 60})
    tasks = """
- name: Start compacting
  mailstore.spe.spe_store_maintenance: {instance_id: acme, name: Big, operation: compact, wait: false}
  register: started
- name: Cancel it
  mailstore.spe.spe_store_maintenance: {instance_id: acme, token: "{{ started.token }}", cancel: true}
- name: Follow it to its end
  mailstore.spe.spe_store_maintenance: {instance_id: acme, token: "{{ started.token }}", wait_timeout: 60}
  register: result
  ignore_errors: true
"""
    outcome = spe.playbook(tasks)
    assert outcome.rc == 0, outcome
    result = spe.result()
    assert result['failed'] is True and result['error']['kind'] == 'cancelled', result
    assert 'cancelled' in result['log_output']
    assert outcome.changed() == 2  # starting and cancelling; following changes nothing


@pytest.mark.parametrize('poll', [0, 1])
def test_async_runs_in_the_background_and_async_status_or_poll_follows_it(spe, poll):
    spe.new_instance()
    store(spe, 'Messages 2024')
    spe.hook('async-duration', {'seconds': 2})
    follow = """
- name: Wait for it
  ansible.builtin.async_status:
    jid: "{{ started.ansible_job_id }}"
  register: result
  until: result.finished
  retries: 60
  delay: 1
"""
    tasks = """
- name: Verify in the background
  mailstore.spe.spe_store_maintenance: {instance_id: acme, name: Messages 2024, operation: verify}
  async: 60
  poll: %d
  register: %s
%s""" % (poll, 'started' if poll == 0 else 'result', follow if poll == 0 else '')
    outcome = spe.playbook(tasks)
    assert outcome.rc == 0, outcome
    result = spe.result()
    assert result['finished'] in (1, True) and result['status'] == 'succeeded', result
    assert result['result']['stores'][0]['name'] == 'Messages 2024'
    assert [line['percent'] for line in result['progress']][-1] == 100
    assert spe.password not in outcome.output
