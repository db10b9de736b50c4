# Copyright: contributors to mailstore.spe
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""spe_server_info and spe_instance_info statistics against a real simulator on two instance
hosts: what they return is what the simulator holds, and reading never writes."""

from __future__ import annotations

CAS = {'serverName': 'spe-cas02', 'port': 443, 'serverCertificate': {'thumbprint': 'CD' * 20}}


def test_server_info_reads_the_platform_and_writes_nothing(spe):
    spe.api('CreateClientAccessServer', config=CAS)
    spe.reset_stats()
    for check in (False, True):
        run = spe.playbook(
            '- mailstore.spe.spe_server_info: {include_license_request: true}\n  register: result\n', check=check
        )
        assert run.rc == 0 and run.changed() == 0, run
    assert spe.stats()['writes'] == 0
    calls = spe.stats()['calls']
    assert calls['Ping'] == 2 and calls['CreateLicenseRequest'] == 2

    result = spe.result()
    assert result['ping'] is True and result['changed'] is False
    assert result['environment']['version'] == spe.api('GetEnvironmentInfo')['version']
    hosts = {h['server_name']: h for h in result['instance_hosts']}
    assert sorted(hosts) == sorted(spe.hosts) and len(hosts) == 2
    assert {h['service_status']['status'] for h in hosts.values()} == {'running'}
    servers = [c['serverName'] for c in spe.api('GetClientAccessServers', withServiceStatus=False)]
    assert [c['server_name'] for c in result['client_access_servers']] == servers and 'spe-cas02' in servers
    assert result['client_access_servers'][0]['service_status']['status'] == 'running'
    assert result['service_status']['management_server']['status'] == 'running'
    assert result['license_request'] == spe.api('CreateLicenseRequest')


def test_without_the_license_request_it_is_not_asked_for(spe):
    spe.reset_stats()
    run = spe.playbook('- mailstore.spe.spe_server_info:\n  register: result\n')
    assert run.rc == 0 and 'license_request' not in spe.result()
    assert 'CreateLicenseRequest' not in spe.stats()['calls']


def test_instance_statistics_change_as_data_is_archived(spe):
    spe.new_instance('acme')
    spe.new_instance('globex', sp_access=False)
    spe.api('CreateInstance', config={'instanceID': 'initech', 'instanceHost': spe.hosts[1]})
    spe.api('CreateStore', instanceID='acme', name='S', databasePath='D:\\S', requestedState='current')
    task = (
        '- mailstore.spe.spe_instance_info: {filter: "*", include_configuration: false, statistics: true}\n'
        '  register: result\n'
    )

    def statistics():
        spe.reset_stats()
        run = spe.playbook(task)
        assert run.rc == 0 and run.changed() == 0 and spe.stats()['writes'] == 0, run
        return run, {i['instance_id']: i for i in spe.result()['instances']}

    run, before = statistics()
    assert before['acme']['statistics']['message_count'] == 0
    assert before['initech']['statistics'] is None and before['initech']['live_statistics'] is None
    assert before['globex']['statistics'] is None and 'globex' in run.output  # the warning names it

    final = spe.run_long('RunTemporaryProfile', instanceID='acme', raw=True, properties={'name': 'once'})
    assert final['statusCode'] == 'succeeded', final
    _run, after = statistics()
    archived = spe.api('GetInstanceStatistics', instanceID='acme')
    assert after['acme']['statistics']['total_size'] == archived['totalSize'] > 0
    assert after['acme']['statistics']['message_count'] == 10
    assert after['acme']['live_statistics']['messages_archived'] == 10
