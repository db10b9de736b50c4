# Copyright: contributors to mailstore.spe
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""spe_instance_power against a real simulator on two instance hosts: one call per command for all
the instances that need it, exact prediction in check mode, zero writes once converged, the
statuses read back from the simulator."""

from __future__ import annotations

import json


def fleet(spe):
    """alpha runs and beta is frozen on the first host; gamma is stopped and delta stopped with
    startMode disabled on the second."""
    first, second = spe.hosts[0], spe.hosts[1]
    for instance_id, host in (('alpha', first), ('beta', first), ('gamma', second), ('delta', second)):
        spe.api('CreateInstance', config={'instanceID': instance_id, 'instanceHost': host})
    spe.api('SetInstanceConfiguration', config={'instanceID': 'delta', 'startMode': 'disabled'})
    spe.api('StartInstances', instanceFilter='alpha beta')
    spe.api('FreezeInstances', instanceFilter='beta')


def statuses(spe):
    return {i['instanceID']: i['status'] for i in spe.api('GetInstances', instanceFilter='*')}


def power(spe, options, ignore_errors=False, **kwargs):
    spe.reset_stats()
    task = '- name: Power\n  mailstore.spe.spe_instance_power: %s\n  register: result\n' % json.dumps(options)
    run = spe.playbook(task + '  ignore_errors: true\n' * ignore_errors, **kwargs)
    return run, spe.stats()


def test_started_thaws_and_starts_with_one_call_each_and_predicts_exactly(spe):
    fleet(spe)
    before = statuses(spe)
    check, stats = power(spe, {'filter': '*', 'state': 'started'}, check=True, diff=True)
    assert check.rc == 0 and check.changed() == 1, check
    assert stats['writes'] == 0 and statuses(spe) == before
    predicted = spe.result()
    assert predicted['commands'] == ['ThawInstances', 'StartInstances']
    assert predicted['changed_instances'] == ['beta', 'gamma']
    assert [s['instance_id'] for s in predicted['left_alone']] == ['delta']
    assert predicted['diff']['before']['state'] == before
    assert 'delta' in ' '.join(predicted['warnings'])

    run, stats = power(spe, {'filter': '*', 'state': 'started'})
    assert run.rc == 0 and run.changed() == 1, run
    assert stats['calls'].get('ThawInstances') == 1 and stats['calls'].get('StartInstances') == 1
    assert stats['writes'] == 2
    assert statuses(spe) == {'alpha': 'running', 'beta': 'running', 'gamma': 'running', 'delta': 'stopped'}
    result = spe.result()
    assert result['selection']['state'] == predicted['selection']['state'] == statuses(spe)
    assert {i['instance_id']: (i['status_before'], i['status']) for i in result['instances']}['beta'] == (
        'frozen',
        'running',
    )

    again, stats = power(spe, {'filter': '*', 'state': 'started'})
    assert again.rc == 0 and again.changed() == 0 and stats['writes'] == 0, again
    assert stats['calls'] == {'GetInstances': 1}


def test_frozen_leaves_stopped_instances_at_rest_and_thawed_brings_back_only_the_frozen(spe):
    fleet(spe)
    spe.api('ThawInstances', instanceFilter='beta')
    run, stats = power(spe, {'filter': '*spe-host01 gamma', 'state': 'frozen'})
    assert run.rc == 0 and run.changed() == 1, run
    assert spe.result()['commands'] == ['FreezeInstances'] and stats['writes'] == 1
    assert statuses(spe) == {'alpha': 'frozen', 'beta': 'frozen', 'gamma': 'stopped', 'delta': 'stopped'}
    assert [(s['instance_id'], s['status']) for s in spe.result()['left_alone']] == [('gamma', 'stopped')]

    run, stats = power(spe, {'filter': '*spe-host01 gamma', 'state': 'frozen'})
    assert run.changed() == 0 and stats['writes'] == 0

    run, stats = power(spe, {'instance_filter': '* .frozen', 'state': 'thawed'}, diff=True)
    assert run.rc == 0 and run.changed() == 1 and stats['writes'] == 1, run
    assert statuses(spe) == {'alpha': 'running', 'beta': 'running', 'gamma': 'stopped', 'delta': 'stopped'}
    result = spe.result()
    # The read-back follows the instances acted on, not the status token (they are no longer frozen).
    assert result['selection']['state'] == {'alpha': 'running', 'beta': 'running'}
    assert result['diff']['before']['state'] == {'alpha': 'frozen', 'beta': 'frozen'}
    assert result['diff']['after']['state'] == {'alpha': 'running', 'beta': 'running'}


def test_restarted_always_acts_and_says_so(spe):
    fleet(spe)
    process_before = {i['instanceID']: i['processID'] for i in spe.api('GetInstances', instanceFilter='alpha')}
    for _attempt in range(2):
        run, stats = power(spe, {'filter': 'alpha beta', 'state': 'restarted'})
        assert run.rc == 0 and run.changed() == 1, run
        assert 'restarted' in spe.result()['msg']
    assert stats['calls'].get('RestartInstances') == 1 and stats['writes'] == 1  # beta was thawed the first time
    process_after = spe.api('GetInstances', instanceFilter='alpha')[0]['processID']
    assert process_after != process_before['alpha']
    assert statuses(spe)['beta'] == 'running'


def test_stopped_by_host_and_a_missing_instance_refused_before_any_write(spe):
    fleet(spe)
    run, stats = power(spe, {'filter': 'alpha nosuch', 'state': 'stopped'}, ignore_errors=True)
    assert spe.result()['failed'] and stats['writes'] == 0
    assert 'nosuch' in spe.result()['msg'] and statuses(spe)['alpha'] == 'running'

    # A named instance merely not in the status token's status is not "missing".
    run, stats = power(spe, {'filter': 'gamma .running', 'state': 'stopped'})
    assert run.rc == 0 and run.changed() == 0 and stats['writes'] == 0, run

    run, stats = power(spe, {'filter': '*spe-host01', 'state': 'stopped'})
    assert run.rc == 0 and spe.result()['commands'] == ['StopInstances'] and stats['writes'] == 1
    assert statuses(spe) == {'alpha': 'stopped', 'beta': 'stopped', 'gamma': 'stopped', 'delta': 'stopped'}


def test_an_empty_selection_is_no_change(spe):
    run, stats = power(spe, {'filter': '*', 'state': 'stopped'})
    assert run.rc == 0 and run.changed() == 0 and stats['writes'] == 0, run
    assert spe.result()['selection'] == {'filter': '*', 'state': {}}
