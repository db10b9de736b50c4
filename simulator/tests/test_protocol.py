# Copyright: contributors to mailstore.spe
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)

import base64
import http.client
import json
import socket
import ssl

import pytest
import requests
from _client import ADMIN, PASSWORD, Api, decode

ENVELOPE_KEYS = {
    'error',
    'token',
    'statusVersion',
    'statusCode',
    'percentProgress',
    'statusText',
    'result',
    'logOutput',
}


def _conn(sim):
    ctx = ssl.create_default_context(cafile=sim.ca_path)
    return http.client.HTTPSConnection('127.0.0.1', sim.port, context=ctx, timeout=10)


def _auth(user=ADMIN, password=PASSWORD):
    return 'Basic ' + base64.b64encode(('%s:%s' % (user, password)).encode()).decode()


@pytest.mark.parametrize('auth', [None, ('admin', 'wrong'), ('nobody', PASSWORD)])
def test_401_with_basic_challenge(sim, auth):
    s = requests.Session()
    s.trust_env = False
    r = s.post(sim.url + '/api/invoke/Ping', auth=auth, verify=sim.ca_path)
    assert r.status_code == 401
    assert r.headers['WWW-Authenticate'] == 'Basic realm="MailStore SPE Management API"'
    body = decode(r)
    assert body['statusCode'] == 'failed'


def test_headers_bom_and_envelope(api):
    r = api.raw('Ping')
    assert r.status_code == 200
    assert r.headers['Content-Type'] == 'application/json; charset=utf-8'
    assert r.headers['Cache-Control'] == 'no-cache, no-store'
    assert int(r.headers['Content-Length']) == len(r.content)
    env = decode(r)
    assert set(env) == ENVELOPE_KEYS
    assert env['statusCode'] == 'succeeded' and env['result'] is None and env['token'] is None and env['error'] is None


def test_double_slashes_are_collapsed(api):
    assert decode(api.post('//api//invoke//Ping'))['statusCode'] == 'succeeded'
    meta = decode(api.post('/api//get-metadata'))
    assert isinstance(meta, list) and len(meta) == 109


def test_unknown_command_is_404_with_failed_envelope(api):
    r = api.raw('NoSuchCommand')
    assert r.status_code == 404
    env = decode(r)
    assert set(env) == ENVELOPE_KEYS and env['statusCode'] == 'failed' and 'NoSuchCommand' in env['error']['message']


@pytest.mark.parametrize('path', ['/api/get-status', '/api/cancel-async'])
def test_unknown_token_is_404(api, path):
    r = api.post(
        path,
        data={'token': 'deadbeef', 'lastKnownStatusVersion': '0', 'millisecondsTimeout': '10'}
        if 'status' in path
        else {'token': 'x'},
    )
    assert r.status_code == 404
    assert decode(r)['statusCode'] == 'failed'


def test_unknown_path_and_method(api):
    assert api.post('/nothing/here').status_code == 404
    r = api.session.get(api.sim.url + '/api/invoke/Ping')
    assert r.status_code == 405


def test_missing_argument_message(api):
    assert api.err('GetUserInfo', instanceID='acme') == 'Missing API argument userName.'
    assert api.err('CreateInstance') == 'Missing API argument config.'


def test_unknown_argument_is_named(api):
    msg = api.err('Ping', bogus='1')
    assert 'bogus' in msg


@pytest.mark.parametrize(
    'command,args,needle',
    [
        ('StartInstances', {'instanceFilter': '*', 'safeMode': 'yes'}, 'safeMode'),
        ('StartInstances', {'instanceFilter': '*', 'safeMode': 'True'}, 'safeMode'),
        ('GetStores', {'instanceID': 'acme', 'includeSize': '1'}, 'includeSize'),
        ('CompactStore', {'instanceID': 'acme', 'id': 'seven'}, 'id'),
        ('CreateInstance', {'config': '{not json'}, 'config'),
    ],
)
def test_argument_type_conversion(api, command, args, needle):
    r = api.post('/api/invoke/' + command, data=args)
    env = decode(r)
    assert env['statusCode'] == 'failed' and needle in env['error']['message']


def test_number_accepts_decimal_text(api, acme):
    store = api.ok('CreateStore', instanceID=acme, name='s', databasePath='D:\\s')
    assert api.ok('RenameStore', instanceID=acme, id='%d' % store['id'], name='t') is None


def test_post_without_body_and_keep_alive(sim):
    conn = _conn(sim)
    for _attempt in range(3):  # three requests over one kept-alive connection
        conn.request('POST', '/api/invoke/Ping', body=b'', headers={'Authorization': _auth(), 'Content-Length': '0'})
        r = conn.getresponse()
        body = r.read()
        assert r.status == 200 and r.getheader('Connection') != 'close'
        assert json.loads(body.decode('utf-8-sig'))['statusCode'] == 'succeeded'
    conn.close()


def test_form_encoded_utf8(api, acme):
    api.ok('CreateUser', instanceID=acme, userName='jürgen', privileges='login', fullName='Jürgen Müller')
    info = api.ok('GetUserInfo', instanceID=acme, userName='JÜRGEN'.lower())
    assert info['fullName'] == 'Jürgen Müller'


def test_tls_verifies_with_ca_and_fails_without(sim):
    for host in ('localhost', '127.0.0.1'):
        ctx = ssl.create_default_context(cafile=sim.ca_path)
        with socket.create_connection(('127.0.0.1', sim.port), timeout=5) as raw:
            with ctx.wrap_socket(raw, server_hostname=host) as tls:
                assert tls.version() in ('TLSv1.2', 'TLSv1.3')
    with pytest.raises(ssl.SSLError):  # the system trust store does not know the simulator's CA
        with socket.create_connection(('127.0.0.1', sim.port), timeout=5) as raw:
            with ssl.create_default_context().wrap_socket(raw, server_hostname='localhost'):
                pass


def test_api_password_and_mfa(api, sim):
    api.ok(
        'CreateSystemAdministrator',
        config={'userName': 'ops', 'fullName': 'Ops', 'emailAddress': 'ops@example.com'},
        password='ops-pw-1',
    )
    ops = Api(sim, 'ops', 'ops-pw-1')
    assert ops.ok('Ping') is None
    api_password = ops.ok('CreateSystemAdministratorAPIPassword')
    assert isinstance(api_password, str) and len(api_password) >= 16
    assert Api(sim, 'ops', api_password).ok('Ping') is None  # the API password works without MFA too
    api.ok('InitializeSystemAdministratorMFA', userName='ops')
    assert ops.raw('Ping').status_code == 401  # with MFA, only the API password
    assert Api(sim, 'ops', api_password).ok('Ping') is None
    admins = {a['userName']: a for a in api.ok('GetSystemAdministrators')}
    assert admins['ops']['mfaStatus'] == 'pending' and 'passwordHash' not in admins['ops']
    api.ok('DeactivateSystemAdministratorMFA', userName='ops')
    assert ops.ok('Ping') is None
    assert ':' in api.err('CreateSystemAdministrator', config={'userName': 'a:b'}, password='x')
    assert 'own' in api.err('DeleteSystemAdministrator', userName='admin')
