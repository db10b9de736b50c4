# Copyright: contributors to mailstore.spe
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
#
# Several instance hosts (S12, S13, S36), client access servers, pairing and service status.

import pytest
from _client import ADMIN, PASSWORD, Api

from spe_simulator.server import start

THUMB = 'AB' * 20


@pytest.fixture
def multi(tmp_path, tls_dir):
    server = start(
        '127.0.0.1',
        0,
        str(tmp_path / 'state.json'),
        tls_dir,
        ADMIN,
        PASSWORD,
        async_duration=0.2,
        instance_hosts=['host01', 'host02', 'host03'],
    )
    client = Api(server)
    yield client
    client.session.close()
    server.stop()


def _make(api, instance_id, host, running):
    api.ok('CreateInstance', config={'instanceID': instance_id, 'instanceHost': host})
    if running:
        api.ok('StartInstances', instanceFilter=instance_id)


@pytest.fixture
def spread(multi):
    # alpha, bravo on host01 (alpha running); charlie on host02 (running); delta on host03.
    _make(multi, 'alpha', 'host01', True)
    _make(multi, 'bravo', 'host01', False)
    _make(multi, 'charlie', 'host02', True)
    _make(multi, 'delta', 'host03', False)
    return multi


def _ids(api, instance_filter):
    return [i['instanceID'] for i in api.ok('GetInstances', instanceFilter=instance_filter)]


def test_fresh_state_has_every_named_host_with_its_own_thumbprint_and_directories(multi):
    hosts = multi.ok('GetInstanceHosts')
    assert [h['serverName'] for h in hosts] == ['host01', 'host02', 'host03']
    assert len({h['serverCertificate']['thumbprint'] for h in hosts}) == 3
    multi.ok('CreateDirectoryOnInstanceHost', serverName='host02', path='E:\\Archive')
    assert multi.ok('GetDirectoriesOnInstanceHost', serverName='host02') == [
        {'name': 'C:\\', 'path': 'C:\\'},
        {'name': 'E:\\', 'path': 'E:\\'},
    ]
    assert multi.ok('GetDirectoriesOnInstanceHost', serverName='host01') == [{'name': 'C:\\', 'path': 'C:\\'}]


def test_the_single_instance_host_argument_still_works(tmp_path, tls_dir):
    server = start('127.0.0.1', 0, str(tmp_path / 's.json'), tls_dir, ADMIN, PASSWORD, instance_host='only01')
    try:
        assert [h['serverName'] for h in Api(server).ok('GetInstanceHosts')] == ['only01']
    finally:
        server.stop()


@pytest.mark.parametrize(
    'instance_filter, expected',
    [
        ('*host01 *host02', ['alpha', 'bravo', 'charlie']),
        ('*host03', ['delta']),
        ('*', ['alpha', 'bravo', 'charlie', 'delta']),
        ('* .running', ['alpha', 'charlie']),
        ('* .stopped', ['bravo', 'delta']),
        ('*host01 .stopped', ['bravo']),
        ('alpha charlie delta', ['alpha', 'charlie', 'delta']),
        ('*nohost', []),
    ],
)
def test_instance_filters_across_hosts(spread, instance_filter, expected):
    assert _ids(spread, instance_filter) == expected


def test_actions_follow_host_filters(spread):
    spread.ok('StopInstances', instanceFilter='*host01 *host02')
    assert _ids(spread, '* .running') == []
    spread.ok('StartInstances', instanceFilter='*host02')
    assert _ids(spread, '* .running') == ['charlie']


def test_delete_instance_host_refuses_while_instances_live_on_it_and_names_them(spread):
    message = spread.err('DeleteInstanceHost', serverName='host01')
    assert 'alpha' in message and 'bravo' in message and 'charlie' not in message
    spread.ok('DeleteInstances', instanceFilter='delta')
    spread.ok('DeleteInstanceHost', serverName='host03')
    assert [h['serverName'] for h in spread.ok('GetInstanceHosts')] == ['host01', 'host02']


@pytest.mark.parametrize(
    'server_type, read',
    [('instanceHost', 'GetInstanceHosts'), ('clientAccessServer', 'GetClientAccessServers')],
)
def test_pairing_registers_then_updates_port_and_thumbprint(multi, server_type, read):
    def listed():
        args = {'withServiceStatus': False} if read == 'GetClientAccessServers' else {}
        return {h['serverName']: h for h in multi.ok(read, **args)}

    multi.ok('PairWithManagementServer', serverType=server_type, serverName='new01', port=9000, thumbprint=THUMB)
    assert listed()['new01']['port'] == 9000
    multi.ok('PairWithManagementServer', serverType=server_type, serverName='new01', port=9001, thumbprint='CD' * 20)
    entry = listed()['new01']
    assert (entry['port'], entry['serverCertificate']['thumbprint']) == (9001, 'CD' * 20)
    assert list(listed()).count('new01') == 1
    assert 'serverType' in multi.err(
        'PairWithManagementServer', serverType='archive', serverName='x', port=1, thumbprint=THUMB
    )


def test_client_access_servers_with_and_without_service_status(multi):
    plain = multi.ok('GetClientAccessServers', withServiceStatus=False)
    assert [c['serverName'] for c in plain] == ['spe-cas01'] and 'serviceStatus' not in plain[0]
    status = multi.ok('GetClientAccessServers', withServiceStatus=True)
    assert status[0]['serviceStatus'] == {'status': 'running', 'error': None}
    assert multi.ok('GetClientAccessServers', withServiceStatus=False, serverNameFilter='SPE-CAS01') == []


def test_service_status_lists_every_host(multi):
    status = multi.ok('GetServiceStatus')
    assert [h['serverName'] for h in status['instanceHosts']] == ['host01', 'host02', 'host03']
    assert [c['serverName'] for c in status['clientAccessServers']] == ['spe-cas01']
