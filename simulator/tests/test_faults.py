# Copyright: contributors to mailstore.spe
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
#
# Fault phases (S42): `before` replaces the call, `after` lets it commit and then replaces the answer.

import time

import pytest
import requests
from _client import decode

STORE = {'name': 's', 'databasePath': 'D:\\s'}


def _eventually(read, attempts=100):
    """The operation behind a replaced answer has no token to poll: read until it shows."""
    for _attempt in range(attempts):
        value = read()
        if value:
            return value
        time.sleep(0.05)
    return read()


def _store_names(api, instance_id):
    return [s['name'] for s in api.ok('GetStores', instanceID=instance_id)]


@pytest.mark.parametrize('kind, status', [('failed', 200), ('http_500', 500), ('http_401', 401)])
def test_after_fault_answers_an_error_for_a_change_that_was_made(api, acme, kind, status):
    api.hook('POST', 'faults', {'command': 'CreateStore', 'kind': kind, 'phase': 'after', 'message': 'lost'})
    r = api.raw('CreateStore', instanceID=acme, **STORE)
    assert r.status_code == status and decode(r)['statusCode'] == 'failed'
    assert _store_names(api, acme) == ['s']


@pytest.mark.parametrize('kind', ['failed', 'http_500', 'http_401', 'drop'])
def test_before_fault_changes_nothing(api, acme, kind):
    api.hook('POST', 'faults', {'command': 'CreateStore', 'kind': kind, 'phase': 'before'})
    try:
        r = api.raw('CreateStore', instanceID=acme, **STORE)
        assert r.status_code != 200 or decode(r)['statusCode'] == 'failed'
    except requests.ConnectionError:
        assert kind == 'drop'
    assert _store_names(api, acme) == []


def test_after_drop_closes_the_connection_but_the_change_is_made(api, acme):
    api.hook('POST', 'faults', {'command': 'CreateStore', 'kind': 'drop', 'phase': 'after'})
    with pytest.raises(requests.ConnectionError):
        api.raw('CreateStore', instanceID=acme, **STORE)
    assert _store_names(api, acme) == ['s']


def test_after_delay_a_client_that_gives_up_still_finds_the_change(api, acme):
    api.hook('POST', 'faults', {'command': 'CreateStore', 'kind': 'delay', 'phase': 'after', 'delay_ms': 3000})
    with pytest.raises(requests.Timeout):
        api.session.post(
            api.sim.url + '/api/invoke/CreateStore',
            data={'instanceID': acme, 'name': 's', 'databasePath': 'D:\\s'},
            timeout=0.5,
        )
    assert _store_names(api, acme) == ['s']


def test_after_delay_answers_normally(api, acme):
    api.hook('POST', 'faults', {'command': 'CreateStore', 'kind': 'delay', 'phase': 'after', 'delay_ms': 50})
    assert api.ok('CreateStore', instanceID=acme, **STORE)['name'] == 's'


def test_http_401_fault_looks_like_bad_credentials(api, sim):
    bad = requests.post(sim.url + '/api/invoke/Ping', auth=('admin', 'wrong'), verify=sim.ca_path, timeout=30)
    api.hook('POST', 'faults', {'command': 'Ping', 'kind': 'http_401'})
    r = api.raw('Ping')
    assert r.status_code == bad.status_code == 401
    assert r.headers['WWW-Authenticate'] == bad.headers['WWW-Authenticate']
    assert decode(r) == decode(bad)
    assert api.ok('Ping') is None  # consumed


def test_pending_faults_are_listed_with_their_phase_until_consumed(api):
    api.hook('POST', 'faults', [{'command': 'Ping', 'kind': 'failed', 'times': 2}, {'command': '*', 'kind': 'drop'}])
    status, listed = api.hook('GET', 'faults')
    assert status == 200
    assert [(f['command'], f['kind'], f['phase'], f['times']) for f in listed['faults']] == [
        ('Ping', 'failed', 'before', 2),
        ('*', 'drop', 'before', 1),
    ]
    api.err('Ping')
    assert [f['times'] for f in api.hook('GET', 'faults')[1]['faults']] == [1, 1]
    api.err('Ping')
    assert [f['command'] for f in api.hook('GET', 'faults')[1]['faults']] == ['*']


def test_a_bad_phase_is_refused(api):
    status, body = api.hook('POST', 'faults', {'command': 'Ping', 'kind': 'failed', 'phase': 'during'})
    assert status == 400 and 'phase' in body['error']
    assert api.hook('GET', 'faults')[1] == {'faults': []}


def test_after_fault_on_a_long_running_command_still_starts_it(api, acme):
    api.hook('POST', 'faults', {'command': 'RunProfile', 'kind': 'http_500', 'phase': 'after'})
    profile = api.ok('CreateProfile', instanceID=acme, properties={'name': 'p'}, raw=True)
    assert api.raw('RunProfile', instanceID=acme, id=profile['id']).status_code == 500
    rows = _eventually(
        lambda: api.ok(
            'GetWorkerResults',
            instanceID=acme,
            fromIncluding='2000-01-01T00:00:00',
            toExcluding='2100-01-01T00:00:00',
            timeZoneID='UTC',
        )
    )
    assert [r['profileID'] for r in rows] == [profile['id']]


def test_skip_lets_the_first_matching_calls_through(api):
    api.hook('POST', 'faults', {'command': 'Ping', 'kind': 'failed', 'skip': 2})
    api.ok('Ping')
    api.ok('Ping')
    api.err('Ping')
    api.ok('Ping')
