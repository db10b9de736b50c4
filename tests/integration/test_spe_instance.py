# Copyright: contributors to mailstore.spe
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""spe_instance against a real simulator: configuration, running states, allow_restart."""

from __future__ import annotations

import pytest

INSTANCE = """
- name: Converge the instance
  mailstore.spe.spe_instance:
    instance_id: acme
    display_name: ACME Corp.
    instance_host: "{{ host }}"
    start_mode: automatic
    service_provider_access: true
    state: %s
  register: result
"""


def host(spe):
    return {'host': spe.api('GetInstanceHosts')[0]['serverName']}


def instance(spe):
    found = spe.api('GetInstances', instanceFilter='acme')
    return found[0] if found else None


def test_create_started_converge_check_and_state_changes(spe):
    play_vars = host(spe)
    spe.reset_stats()
    check = spe.playbook(INSTANCE % 'started', play_vars=play_vars, check=True, diff=True)
    assert check.rc == 0 and check.changed() == 1, check
    assert instance(spe) is None and spe.stats()['writes'] == 0
    assert spe.result()['commands'] == ['CreateInstance', 'StartInstances', 'SetArchiveAdminEnabled']

    run = spe.playbook(INSTANCE % 'started', play_vars=play_vars)
    assert run.rc == 0 and run.changed() == 1, run
    assert instance(spe)['status'] == 'running' and instance(spe)['displayName'] == 'ACME Corp.'
    assert spe.api('GetArchiveAdminEnabled', instanceID='acme') is True
    assert spe.result()['instance']['status'] == 'running'

    spe.reset_stats()
    again = spe.playbook(INSTANCE % 'started', play_vars=play_vars)
    assert again.changed() == 0 and spe.stats()['writes'] == 0
    assert spe.stats()['reads'] == 2, spe.stats()  # GetInstances + GetArchiveAdminEnabled

    for state, status in (('frozen', 'frozen'), ('started', 'running'), ('stopped', 'stopped'), ('present', 'stopped')):
        run = spe.playbook(INSTANCE.replace('service_provider_access: true', '') % state, play_vars=play_vars)
        assert run.rc == 0, run
        assert instance(spe)['status'] == status, state


def test_restarted_always_changes(spe):
    spe.new_instance()
    for attempt in range(2):
        run = spe.playbook('- mailstore.spe.spe_instance: {instance_id: acme, state: restarted}\n')
        assert run.rc == 0 and run.changed() == 1, attempt
        assert instance(spe)['status'] == 'running'


def test_configuration_change_needs_stopped_instance_or_allow_restart(spe):
    spe.new_instance()
    change = '- mailstore.spe.spe_instance: {instance_id: acme, display_name: New Name, debug_log_enabled: true%s}\n'
    spe.reset_stats()
    refused = spe.playbook(change % '')
    assert refused.rc != 0 and 'display_name, debug_log_enabled' in refused.output and 'allow_restart' in refused.output
    assert spe.stats()['writes'] == 0
    allowed = spe.playbook(change % ', allow_restart: true')
    assert allowed.rc == 0 and allowed.changed() == 1, allowed
    assert instance(spe)['status'] == 'running'  # brought back to the state it was in
    config = spe.api('GetInstanceConfiguration', instanceID='acme')
    assert config['displayName'] == 'New Name' and config['debugLogEnabled'] is True


def test_absent_stops_deletes_and_reports_retained_data(spe):
    spe.new_instance()
    absent = INSTANCE.replace('display_name: ACME Corp.', '').replace('service_provider_access: true', '') % 'absent'
    run = spe.playbook(absent, play_vars=host(spe))
    assert run.rc == 0 and run.changed() == 1, run
    assert instance(spe) is None
    assert spe.result()['commands'] == ['StopInstances', 'DeleteInstances']
    assert 'acme' in spe.result()['data_retained_at']
    spe.reset_stats()
    assert spe.playbook(absent, play_vars=host(spe)).changed() == 0 and spe.stats()['writes'] == 0


@pytest.mark.parametrize(
    'options, message',
    [
        ('instance_id: ACME', "instance_id 'ACME' is not valid"),
        ('instance_id: ab', "instance_id 'ab' is not valid"),
        ('instance_id: acme, start_mode: sometimes', 'value of start_mode must be one of'),
        ('instance_id: acme, state: paused', 'value of state must be one of'),
    ],
)
def test_bad_input_touches_nothing(spe, options, message):
    run = spe.playbook('- mailstore.spe.spe_instance: {%s}\n' % options)
    assert run.rc != 0 and message in run.output, run
    assert spe.stats()['reads'] == 0 and spe.stats()['writes'] == 0
