# Copyright: contributors to mailstore.spe
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)

import threading
import time

import pytest
import requests
from _client import Api, decode, make_instance


def test_stats_count_and_reset(api, acme):
    assert api.hook('POST', 'stats/reset') == (200, {'calls': {}, 'reads': 0, 'writes': 0})
    api.ok('GetStores', instanceID=acme)
    api.err('GetStores', instanceID='nope')  # failed calls count too
    api.ok('CreateStore', instanceID=acme, name='s', databasePath='D:\\s')
    api.post('/api/get-metadata')
    api.raw('NoSuchCommand')  # never reached the table
    env = api.call('MaintainFileSystemDatabases', instanceID=acme)
    api.post('/api/get-status', data={'token': env['token'], 'lastKnownStatusVersion': '0', 'millisecondsTimeout': '0'})
    api.post('/api/cancel-async', data={'token': env['token']})
    api.hook('GET', 'faults')  # hooks are not counted
    status, stats = api.hook('GET', 'stats')
    assert status == 200
    assert stats == {
        'calls': {
            'CreateStore': 1,
            'GetStores': 2,
            'MaintainFileSystemDatabases': 1,
            'cancel-async': 1,
            'get-metadata': 1,
            'get-status': 1,
        },
        'reads': 4,
        'writes': 3,
    }
    api.hook('POST', 'stats/reset')
    assert api.hook('GET', 'stats')[1] == {'calls': {}, 'reads': 0, 'writes': 0}


def test_a_dry_run_counts_as_a_read(api, acme):
    # S41: SyncUsersWithDirectoryServices with dryRun=true changes nothing, so a module may send it in check mode
    api.ok('SetDirectoryServicesConfiguration', instanceID=acme, config={'type': 'activeDirectory'})
    api.hook('POST', 'stats/reset')
    api.done('SyncUsersWithDirectoryServices', instanceID=acme, dryRun=True)
    assert api.hook('GET', 'stats')[1]['writes'] == 0
    api.done('SyncUsersWithDirectoryServices', instanceID=acme, dryRun=False)
    assert api.hook('GET', 'stats')[1]['writes'] == 1


def test_hooks_need_the_admin(api, sim):
    api.ok('CreateSystemAdministrator', config={'userName': 'ops'}, password='ops-pw')
    s = requests.Session()
    s.trust_env = False
    assert s.get(sim.url + '/_simulator/stats', verify=sim.ca_path).status_code == 401
    assert s.get(sim.url + '/_simulator/stats', verify=sim.ca_path, auth=('ops', 'ops-pw')).status_code == 403
    assert api.hook('POST', 'faults', {'command': 'Ping', 'kind': 'explode'})[0] == 400


def test_fault_failed_and_http_500_change_nothing(api, acme):
    api.hook('POST', 'faults', {'command': 'CreateStore', 'kind': 'failed', 'message': 'disk on fire'})
    api.hook('POST', 'faults', {'command': 'CreateStore', 'kind': 'http_500'})
    assert api.err('CreateStore', instanceID=acme, name='s', databasePath='D:\\s') == 'disk on fire'
    r = api.raw('CreateStore', instanceID=acme, name='s', databasePath='D:\\s')
    assert r.status_code == 500 and decode(r)['statusCode'] == 'failed'
    assert api.ok('GetStores', instanceID=acme) == []
    assert api.ok('CreateStore', instanceID=acme, name='s', databasePath='D:\\s')['id'] == 1  # faults are consumed


def test_fault_times_and_clear(api):
    api.hook('POST', 'faults', {'command': 'Ping', 'kind': 'failed', 'times': 2})
    api.err('Ping')
    api.err('Ping')
    assert api.ok('Ping') is None
    api.hook('POST', 'faults', {'command': 'Ping', 'kind': 'failed', 'times': 5})
    assert api.hook('DELETE', 'faults') == (200, {'faults': []})
    assert api.ok('Ping') is None


def test_fault_drop_closes_without_answer(api):
    api.hook('POST', 'faults', {'command': 'Ping', 'kind': 'drop'})
    with pytest.raises(requests.ConnectionError):
        api.raw('Ping')
    assert api.ok('Ping') is None


def test_fault_delay(api):
    api.hook('POST', 'faults', {'command': 'get-metadata', 'kind': 'delay', 'delay_ms': 300})
    started = time.monotonic()
    r = api.post('/api/get-metadata')
    assert r.status_code == 200 and time.monotonic() - started >= 0.3
    assert len(decode(r)) == 109


def test_parallel_writes_to_different_instances(api, sim):
    ids = ['inst-%d' % i for i in range(4)]
    for instance_id in ids:
        make_instance(api, instance_id)
    errors = []

    def worker(instance_id):
        client = Api(sim)
        try:
            for n in range(12):
                env = client.call('CreateUser', instanceID=instance_id, userName='u%02d' % n, privileges='login')
                if env['statusCode'] != 'succeeded':
                    errors.append(env)
                client.call(
                    'CreateStore', instanceID=instance_id, name='s%d' % n, databasePath='D:\\%s\\%d' % (instance_id, n)
                )
        except Exception as e:  # pylint: disable=broad-except
            errors.append(repr(e))

    threads = [threading.Thread(target=worker, args=(i,)) for i in ids]
    for t in threads:
        t.start()
    for t in threads:
        t.join(60)
    assert not errors
    on_disk = sim.sim.store.read_disk()
    for instance_id in ids:
        assert len(api.ok('GetUsers', instanceID=instance_id)) == 14
        assert [s['id'] for s in api.ok('GetStores', instanceID=instance_id)] == list(range(1, 13))
        assert len(on_disk['instances'][instance_id]['users']) == 14
