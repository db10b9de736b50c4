# Copyright: contributors to mailstore.spe
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""SpeClient against a small HTTPS stub server that records requests and plays scripted answers."""

from __future__ import annotations

import base64
import contextlib
import gzip
import importlib.util
import json
import os
import socket
import ssl
import threading
import time
import warnings
import zlib
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs

import pytest
import requests
import trustme

from ansible_collections.mailstore.spe.plugins.module_utils import client as client_mod
from ansible_collections.mailstore.spe.plugins.module_utils.client import SpeClient, SpeResponse
from ansible_collections.mailstore.spe.plugins.module_utils.errors import SpeApiError

USER = 'admin'
PASSWORD = 'Sup3r-S3cret!pw'
BOM = b'\xef\xbb\xbf'


def envelope(status='succeeded', result=None, token=None, version=None, error=None, percent=None, text=None, log=None):
    return {
        'error': error,
        'token': token,
        'statusVersion': version,
        'statusCode': status,
        'percentProgress': percent,
        'statusText': text,
        'result': result,
        'logOutput': log,
    }


class Answer:
    """One scripted answer: a JSON body (with BOM by default), a raw body, or a dropped connection."""

    def __init__(self, data=None, status=200, raw=None, bom=True, headers=None, drop=False, delay=0):
        self.data = data
        self.status = status
        self.raw = raw
        self.bom = bom
        self.headers = headers or {}
        self.drop = drop
        self.delay = delay  # seconds before answering: past the client's timeout, the answer never arrives

    def body(self):
        if self.raw is not None:
            return self.raw
        text = json.dumps(self.data).encode('utf-8')
        return BOM + text if self.bom else text


class Stub:
    """Answers come from ``answers`` (in order), then from ``fallback(request)``."""

    def __init__(self):
        self.requests = []
        self.answers = []
        self.fallback = None
        self.lock = threading.Lock()

    def next_answer(self, request):
        with self.lock:
            self.requests.append(request)
            if self.answers:
                return self.answers.pop(0)
        if self.fallback is not None:
            return self.fallback(request)
        return Answer(raw=b'no scripted answer', status=599)

    def paths(self):
        return [r['path'] for r in self.requests]


def make_handler(stub):
    class Handler(BaseHTTPRequestHandler):
        protocol_version = 'HTTP/1.1'

        def log_message(self, *args):
            pass

        def do_POST(self):
            length = int(self.headers.get('Content-Length') or 0)
            body = self.rfile.read(length) if length else b''
            request = {
                'path': self.path,
                'client_port': self.client_address[1],  # which connection carried it
                'headers': dict(self.headers.items()),
                'body': body,
                'form': {k: v[0] for k, v in parse_qs(body.decode('utf-8'), keep_blank_values=True).items()},
            }
            answer = stub.next_answer(request)
            if answer.drop:
                self.close_connection = True
                return
            if answer.delay:
                time.sleep(answer.delay)
            payload = answer.body()
            try:
                self.send_response(answer.status)
                self.send_header('Content-Type', 'application/json; charset=utf-8')
                self.send_header('Content-Length', str(len(payload)))
                for name, value in answer.headers.items():
                    self.send_header(name, value)
                self.end_headers()
                self.wfile.write(payload)
            except OSError:  # the client gave up waiting (a delayed answer)
                self.close_connection = True

    return Handler


@pytest.fixture(scope='module')
def ca():
    return trustme.CA()


@pytest.fixture(scope='module')
def ca_file(ca, tmp_path_factory):
    path = tmp_path_factory.mktemp('ca') / 'ca.pem'
    ca.cert_pem.write_to_path(str(path))
    return str(path)


@contextlib.contextmanager
def https_stub(ca, *names):
    """A Stub behind HTTPS, its certificate from ``ca`` for ``names``."""
    stub = Stub()
    server = ThreadingHTTPServer(('127.0.0.1', 0), make_handler(stub))
    server.daemon_threads = True
    context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
    ca.issue_cert(*names).configure_cert(context)
    server.socket = context.wrap_socket(server.socket, server_side=True)
    thread = threading.Thread(target=server.serve_forever, kwargs={'poll_interval': 0.05}, daemon=True)
    thread.start()
    stub.port = server.server_address[1]
    try:
        yield stub
    finally:
        server.shutdown()
        server.server_close()


@pytest.fixture
def stub(ca):
    with https_stub(ca, '127.0.0.1', 'localhost') as served:
        yield served


@pytest.fixture
def make_client(stub, ca_file):
    clients = []

    def factory(**kwargs):
        options = dict(
            server='127.0.0.1',
            port=stub.port,
            username=USER,
            password=PASSWORD,
            ca_path=ca_file,
            timeout=5,
            retries=2,
            backoff_factor=0,
        )
        options.update(kwargs)
        client = SpeClient(**options)
        clients.append(client)
        return client

    yield factory
    for client in clients:
        client.close()


def assert_no_password(*things):
    for thing in things:
        for text in (str(thing), repr(thing)):
            assert PASSWORD not in text
        if isinstance(thing, SpeApiError):
            assert PASSWORD not in json.dumps(thing.to_dict())


# --- requests on the wire ------------------------------------------------------------------


def test_arguments_are_form_encoded(stub, make_client):
    stub.answers.append(Answer(envelope(result=None)))
    client = make_client()
    response = client.invoke(
        'CreateStore',
        {
            'instanceID': 'acme',
            'name': 'Store Ä 2025',
            'requestedState': None,
            'id': 7,
            'enabled': False,
            'config': {'a': 1, 'b': [1, 2]},
            'privileges': ['login', 'changePassword'],
            'ratio': 0.25,
        },
    )
    assert response.status_code == 'succeeded'
    (request,) = stub.requests
    assert request['path'] == '/api/invoke/CreateStore'
    assert request['headers']['Content-Type'] == 'application/x-www-form-urlencoded'
    assert request['form'] == {
        'instanceID': 'acme',
        'name': 'Store Ä 2025',
        'id': '7',
        'enabled': 'false',
        'config': '{"a":1,"b":[1,2]}',
        'privileges': 'login,changePassword',
        'ratio': '0.25',
    }


def test_empty_body_still_sends_content_length_zero(stub, make_client):
    stub.answers.append(Answer(envelope()))
    make_client().call('Ping')
    (request,) = stub.requests
    assert request['headers']['Content-Length'] == '0'
    assert request['body'] == b''


def test_basic_auth_sent_on_the_first_request(stub, make_client):
    stub.answers.append(Answer(envelope(result={'version': '25.1'})))
    assert make_client().call('GetEnvironmentInfo') == {'version': '25.1'}
    expected = 'Basic ' + base64.b64encode(('%s:%s' % (USER, PASSWORD)).encode()).decode()
    assert stub.requests[0]['headers']['Authorization'] == expected


def test_non_ascii_credentials_are_sent_as_utf8(stub, make_client):
    stub.answers.append(Answer(envelope()))
    make_client(username='admin', password='pässwörd€').call('Ping')
    header = stub.requests[0]['headers']['Authorization']
    assert base64.b64decode(header.split()[1]) == 'admin:pässwörd€'.encode()


@pytest.mark.parametrize('bom', [True, False])
def test_bodies_with_and_without_bom_are_decoded(stub, make_client, bom):
    stub.answers.append(Answer(envelope(result=[{'userName': 'jdoe', 'fullName': 'Jürgen Doe'}]), bom=bom))
    assert make_client().call('GetUsers', instanceID='acme') == [{'userName': 'jdoe', 'fullName': 'Jürgen Doe'}]


def test_get_metadata_returns_the_bare_array(stub, make_client):
    commands = [{'name': 'CreateUser', 'args': [{'name': 'userName', 'type': 'string', 'nullable': False}]}]
    stub.answers.append(Answer(commands))
    client = make_client()
    assert client.get_metadata() == commands
    assert stub.paths() == ['/api/get-metadata']
    assert list(client.sent) == [{'command': 'get-metadata'}]


def test_sent_lists_commands_without_arguments(stub, make_client):
    stub.answers.extend([Answer(envelope()), Answer(envelope())])
    client = make_client()
    client.call('GetUsers', instanceID='acme')
    client.call('SetUserPassword', instanceID='acme', userName='jdoe', password=PASSWORD)
    assert list(client.sent) == [{'command': 'GetUsers'}, {'command': 'SetUserPassword'}]


def test_reads_and_writes_share_one_kept_alive_connection(stub, make_client):
    """One connection pool per client: a read after a write (and the other way round) reuses the TLS connection."""
    stub.fallback = lambda request: Answer(envelope(result=[]))
    client = make_client()
    client.call('GetUsers', instanceID='acme')
    client.call('CreateUser', instanceID='acme', userName='jdoe')
    client.call('GetUsers', instanceID='acme')
    client.call('SetUserPassword', instanceID='acme', userName='jdoe', password=PASSWORD)
    client.get_status('T1', 0, 0)
    client.cancel('T1')
    assert len(stub.requests) == 6
    assert len({request['client_port'] for request in stub.requests}) == 1


def test_close_ends_the_connection_and_a_later_call_opens_a_new_one(stub, make_client):
    stub.fallback = lambda request: Answer(envelope())
    client = make_client()
    client.call('Ping')
    client.close()
    client.call('Ping')
    first, second = stub.requests
    assert first['client_port'] != second['client_port']


def test_headers_name_the_collection_and_ask_for_compression(stub, make_client):
    stub.answers.append(Answer(envelope()))
    make_client().call('Ping')
    headers = stub.requests[0]['headers']
    assert 'mailstore.spe' in headers['User-Agent']
    assert headers['Accept-Encoding'] == 'gzip, deflate'


@pytest.mark.parametrize('encoding,compress', [('gzip', gzip.compress), ('deflate', zlib.compress)])
def test_compressed_answers_are_decoded(stub, make_client, encoding, compress):
    body = BOM + json.dumps(envelope(result=[{'userName': 'jdoe', 'fullName': 'Jürgen Doe'}])).encode('utf-8')
    stub.answers.append(Answer(raw=compress(body), headers={'Content-Encoding': encoding}))
    assert make_client().call('GetUsers', instanceID='acme') == [{'userName': 'jdoe', 'fullName': 'Jürgen Doe'}]


def test_a_compressed_error_answer_is_decoded_too(stub, make_client):
    body = json.dumps(envelope('failed', error={'message': 'Unknown API command NoSuch.', 'details': None}))
    stub.answers.append(
        Answer(raw=gzip.compress(body.encode('utf-8')), status=404, headers={'Content-Encoding': 'gzip'})
    )
    with pytest.raises(SpeApiError) as info:
        make_client().call('NoSuch')
    assert (info.value.http_status, info.value.message) == (404, 'Unknown API command NoSuch.')


# --- errors ----------------------------------------------------------------------------------


def test_401_is_an_auth_error_with_advice(stub, make_client):
    stub.answers.append(Answer(raw=b'', status=401, headers={'WWW-Authenticate': 'Basic realm="MailStore SPE"'}))
    with pytest.raises(SpeApiError) as info:
        make_client().call('GetEnvironmentInfo')
    error = info.value
    assert error.kind == 'auth'
    assert error.http_status == 401
    assert error.command == 'GetEnvironmentInfo'
    assert 'username and password' in error.message
    assert 'API password' in error.message
    assert_no_password(error)


def test_failed_envelope_raises_with_command_message_details(stub, make_client):
    stub.answers.append(
        Answer(envelope('failed', error={'message': 'Missing API argument userName.', 'details': 'at CreateUser'}))
    )
    with pytest.raises(SpeApiError) as info:
        make_client().call('CreateUser', instanceID='acme')
    error = info.value
    assert (error.kind, error.command, error.message, error.details) == (
        'failed',
        'CreateUser',
        'Missing API argument userName.',
        'at CreateUser',
    )
    assert error.to_dict() == {
        'kind': 'failed',
        'command': 'CreateUser',
        'message': 'Missing API argument userName.',
        'details': 'at CreateUser',
        'http_status': None,
    }
    assert 'CreateUser' in str(error) and 'Missing API argument userName.' in str(error)


def test_unknown_command_404_with_envelope(stub, make_client):
    stub.answers.append(
        Answer(envelope('failed', error={'message': 'Unknown API command NoSuch.', 'details': None}), status=404)
    )
    with pytest.raises(SpeApiError) as info:
        make_client().call('NoSuch')
    assert (info.value.kind, info.value.http_status, info.value.message) == ('http', 404, 'Unknown API command NoSuch.')


def test_non_json_answer_is_an_http_error(stub, make_client):
    stub.answers.append(Answer(raw=b'<html>proxy says hello</html>'))
    with pytest.raises(SpeApiError) as info:
        make_client().call('GetUsers')
    assert info.value.kind == 'http'
    assert 'proxy says hello' in info.value.details


def test_password_echoed_by_the_server_is_scrubbed(stub, make_client):
    stub.answers.append(
        Answer(
            envelope(
                'failed',
                error={'message': 'Password %s is too weak.' % PASSWORD, 'details': 'policy rejected %s' % PASSWORD},
            )
        )
    )
    client = make_client()
    with pytest.raises(SpeApiError) as info:
        client.call('SetUserPassword', userName='jdoe', password=PASSWORD)
    assert_no_password(info.value, client)
    assert '********' in info.value.message


def test_username_with_colon_is_refused_before_sending():
    with pytest.raises(SpeApiError) as info:
        SpeClient('127.0.0.1', username='a:b', password=PASSWORD)
    assert info.value.kind == 'auth'
    assert_no_password(info.value)


# --- retries ---------------------------------------------------------------------------------


def test_http_500_on_a_read_is_retried_then_succeeds(stub, make_client):
    stub.answers.extend([Answer(raw=b'oops', status=500), Answer(envelope(result=[]))])
    client = make_client()
    assert client.call('GetUsers', instanceID='acme') == []
    assert stub.paths() == ['/api/invoke/GetUsers'] * 2
    assert list(client.sent) == [{'command': 'GetUsers'}]


def test_http_503_on_a_read_gives_up_after_the_retries(stub, make_client):
    stub.fallback = lambda request: Answer(raw=b'busy', status=503)
    with pytest.raises(SpeApiError) as info:
        make_client(retries=2).call('GetStores', instanceID='acme')
    assert (info.value.kind, info.value.http_status) == ('http', 503)
    assert len(stub.requests) == 3


def test_http_500_on_a_write_is_not_retried(stub, make_client):
    stub.answers.extend([Answer(raw=b'oops', status=500), Answer(envelope())])
    with pytest.raises(SpeApiError) as info:
        make_client(retries=3).call('CreateUser', instanceID='acme', userName='jdoe')
    assert (info.value.kind, info.value.http_status) == ('http', 500)
    assert len(stub.requests) == 1


def test_dropped_connection_on_a_write_is_not_retried_and_uncertain(stub, make_client):
    stub.answers.extend([Answer(drop=True), Answer(envelope())])
    with pytest.raises(SpeApiError) as info:
        make_client(retries=3).call('DeleteUser', instanceID='acme', userName='jdoe')
    assert (info.value.kind, info.value.uncertain) == ('transport', True)
    assert 'the connection closed before an answer came' in info.value.message
    assert info.value.message.endswith('; the server may have applied it')
    assert info.value.to_dict()['uncertain'] is True
    assert len(stub.requests) == 1


@pytest.mark.timeout(30)
def test_write_without_an_answer_in_time_is_uncertain_and_not_resent(stub, make_client):
    stub.answers.extend([Answer(envelope(), delay=2), Answer(envelope())])
    with pytest.raises(SpeApiError) as info:
        make_client(retries=3, timeout=0.5).call('CreateUser', instanceID='acme', userName='jdoe')
    error = info.value
    assert (error.kind, error.command, error.uncertain) == ('transport', 'CreateUser', True)
    assert error.message.startswith('no answer within 0.5 s from https://127.0.0.1:')
    assert error.message.endswith('; the server may have applied it')
    assert 'broke' not in error.message
    assert len(stub.requests) == 1
    assert_no_password(error)


@pytest.mark.timeout(30)
def test_read_without_an_answer_in_time_is_retried(stub, make_client):
    stub.answers.extend([Answer(envelope(), delay=2), Answer(envelope(result=[]))])
    assert make_client(timeout=0.5).call('GetUsers', instanceID='acme') == []
    assert len(stub.requests) == 2


@pytest.mark.timeout(30)
def test_read_that_never_answers_fails_as_certain(stub, make_client):
    stub.fallback = lambda request: Answer(envelope(), delay=1.5)
    with pytest.raises(SpeApiError) as info:
        make_client(timeout=0.5, retries=1).call('GetUsers', instanceID='acme')
    assert (info.value.kind, info.value.uncertain) == ('transport', False)
    assert info.value.message == 'no answer within 0.5 s from https://127.0.0.1:%d' % stub.port
    assert 'uncertain' not in info.value.to_dict()


def test_dropped_connection_on_a_read_is_retried(stub, make_client):
    stub.answers.extend([Answer(drop=True), Answer(envelope(result={'ok': True}))])
    assert make_client().call('GetEnvironmentInfo') == {'ok': True}
    assert len(stub.requests) == 2


def test_retry_policies():
    client = SpeClient('spe.example.com', username=USER, password=PASSWORD, retries=4, backoff_factor=0.5)
    read, write = client._retries[True], client._retries[False]
    assert (read.connect, read.read, read.status, read.other) == (4, 4, 4, 0)
    assert set(read.status_forcelist) == {500, 502, 503, 504}
    assert 'POST' in read.allowed_methods
    assert (write.connect, write.read, write.status, write.other) == (4, 0, 0, 0)
    assert not write.status_forcelist
    assert read.backoff_factor == write.backoff_factor == 0.5
    client.close()


def without_proxy_variables(monkeypatch):
    """No variable of the environment that requests reads for a proxy (``*_proxy`` in any case)."""
    for name in [name for name in os.environ if name.lower().endswith('_proxy')]:
        monkeypatch.delenv(name)


def use_proxy(monkeypatch, url):
    """HTTPS_PROXY set to ``url``, and no NO_PROXY that could exempt the server."""
    monkeypatch.setenv('HTTPS_PROXY', url)
    monkeypatch.delenv('NO_PROXY', raising=False)
    monkeypatch.delenv('no_proxy', raising=False)


def free_port():
    sock = socket.socket()
    sock.bind(('127.0.0.1', 0))
    port = sock.getsockname()[1]
    sock.close()
    return port


@pytest.mark.parametrize('command', ['Ping', 'CreateUser'])
def test_connection_refused_is_a_transport_error(ca_file, command):
    client = SpeClient(
        '127.0.0.1',
        port=free_port(),
        username=USER,
        password=PASSWORD,
        ca_path=ca_file,
        timeout=2,
        retries=1,
        backoff_factor=0,
    )
    with pytest.raises(SpeApiError) as info:
        client.invoke(command)
    assert info.value.kind == 'transport'
    assert info.value.message.startswith('cannot connect to https://127.0.0.1:')
    assert info.value.command == command
    assert info.value.uncertain is False  # the request never left
    assert_no_password(info.value)
    assert list(client.sent) == [{'command': command}]


# --- long-running calls ----------------------------------------------------------------------


def test_long_running_call_is_followed_with_get_status(stub, make_client):
    stub.answers.extend(
        [
            Answer(envelope('running', token='T1', version=1, percent=0, text='starting')),
            Answer(envelope('running', token='T1', version=2, percent=50, text='half way')),
            Answer(envelope('succeeded', token='T1', version=3, percent=100, result={'errors': 0}, log='done\n')),
        ]
    )
    client = make_client()
    seen = []
    response = client.invoke('VerifyStores', {'instanceID': 'acme'}, on_progress=seen.append)
    assert response.result == {'errors': 0}
    assert response.log_output == 'done\n'
    assert [(r.status_version, r.percent_progress) for r in seen] == [(1, 0), (2, 50), (3, 100)]
    assert stub.paths() == ['/api/invoke/VerifyStores', '/api/get-status', '/api/get-status']
    polls = [r['form'] for r in stub.requests[1:]]
    assert [(p['token'], p['lastKnownStatusVersion']) for p in polls] == [('T1', '1'), ('T1', '2')]
    assert all(0 < int(p['millisecondsTimeout']) <= 5000 for p in polls)
    assert list(client.sent) == [{'command': 'VerifyStores'}, {'command': 'get-status'}, {'command': 'get-status'}]


def test_long_running_call_that_fails(stub, make_client):
    stub.answers.extend(
        [
            Answer(envelope('running', token='T2', version=1)),
            Answer(envelope('failed', token='T2', version=2, error={'message': 'Store is damaged.', 'details': 'x'})),
        ]
    )
    with pytest.raises(SpeApiError) as info:
        make_client().call('VerifyStore', instanceID='acme', id=1)
    assert (info.value.kind, info.value.command, info.value.message) == ('failed', 'VerifyStore', 'Store is damaged.')


def test_cancelled_call(stub, make_client):
    stub.answers.extend(
        [Answer(envelope('running', token='T3', version=1)), Answer(envelope('cancelled', token='T3', version=2))]
    )
    with pytest.raises(SpeApiError) as info:
        make_client().call('CompactStore', instanceID='acme', id=1)
    assert info.value.kind == 'cancelled'


def test_no_wait_returns_the_running_response(stub, make_client):
    stub.answers.append(Answer(envelope('running', token='T4', version=1, percent=5)))
    response = make_client().invoke('RebuildSelectedStoreIndexes', {'instanceID': 'acme'}, wait=False)
    assert isinstance(response, SpeResponse)
    assert (response.status_code, response.token) == ('running', 'T4')
    assert len(stub.requests) == 1


def running_forever(request):
    return Answer(envelope('running', token='T5', version=1, percent=10))


@pytest.mark.timeout(30)
def test_wait_timeout_with_cancel_async(stub, make_client):
    stub.answers.append(Answer(envelope('running', token='T5', version=1)))
    stub.fallback = lambda request: (
        Answer(envelope('succeeded')) if request['path'] == '/api/cancel-async' else running_forever(request)
    )
    with pytest.raises(SpeApiError) as info:
        make_client().invoke('RecoverStore', {'instanceID': 'acme', 'id': 1}, wait_timeout=1, cancel_on_timeout=True)
    error = info.value
    assert (error.kind, error.command, error.token) == ('timeout', 'RecoverStore', 'T5')
    assert 'cancel-async sent' in error.message
    assert stub.paths()[-1] == '/api/cancel-async'
    assert stub.requests[-1]['form'] == {'token': 'T5'}
    assert set(stub.paths()[1:-1]) == {'/api/get-status'}
    assert error.to_dict()['token'] == 'T5'


@pytest.mark.timeout(30)
def test_wait_timeout_without_cancel(stub, make_client):
    stub.answers.append(Answer(envelope('running', token='T5', version=1)))
    stub.fallback = running_forever
    with pytest.raises(SpeApiError) as info:
        make_client().invoke('RecoverStore', {'instanceID': 'acme', 'id': 1}, wait_timeout=0.5)
    assert info.value.kind == 'timeout'
    assert 'not cancelled' in info.value.message
    assert '/api/cancel-async' not in stub.paths()


def test_expired_token_while_waiting(stub, make_client):
    stub.answers.extend([Answer(envelope('running', token='T6', version=1)), Answer(raw=b'', status=404)])
    with pytest.raises(SpeApiError) as info:
        make_client().call('UpgradeStore', instanceID='acme', id=1)
    error = info.value
    assert (error.kind, error.http_status, error.command, error.token) == ('http', 404, 'UpgradeStore', 'T6')
    assert 'unknown or expired' in error.message


def test_get_status_and_cancel_directly(stub, make_client):
    stub.answers.extend([Answer(envelope('running', token='T7', version=4)), Answer(envelope('succeeded'))])
    client = make_client()
    status = client.get_status('T7', 3, 1000)
    assert (status.status_code, status.status_version) == ('running', 4)
    assert stub.requests[0]['form'] == {'token': 'T7', 'lastKnownStatusVersion': '3', 'millisecondsTimeout': '1000'}
    client.cancel('T7')
    assert stub.paths() == ['/api/get-status', '/api/cancel-async']


# --- TLS -------------------------------------------------------------------------------------


def test_tls_verified_with_ca_path(stub, make_client):
    stub.answers.append(Answer(envelope()))
    make_client().call('Ping')


def test_tls_fails_without_the_ca(stub, make_client, monkeypatch):
    monkeypatch.delenv('REQUESTS_CA_BUNDLE', raising=False)
    monkeypatch.delenv('CURL_CA_BUNDLE', raising=False)
    stub.answers.append(Answer(envelope()))
    with pytest.raises(SpeApiError) as info:
        make_client(ca_path=None).call('Ping')
    assert info.value.kind == 'transport'
    assert 'TLS' in info.value.message and 'ca_path' in info.value.message
    assert info.value.uncertain is False
    assert_no_password(info.value)


@pytest.mark.parametrize('variable', ['REQUESTS_CA_BUNDLE', 'CURL_CA_BUNDLE'])
def test_without_ca_path_the_ca_bundle_environment_verifies(stub, make_client, monkeypatch, ca_file, variable):
    """The default the ca_path documentation gives: the bundle the environment names, as requests did."""
    monkeypatch.delenv('REQUESTS_CA_BUNDLE', raising=False)
    monkeypatch.delenv('CURL_CA_BUNDLE', raising=False)
    monkeypatch.setenv(variable, ca_file)
    stub.answers.append(Answer(envelope()))
    make_client(ca_path=None).call('Ping')
    assert len(stub.requests) == 1


def test_tls_not_verified_when_asked(stub, make_client, recwarn):
    stub.answers.append(Answer(envelope()))
    make_client(ca_path=None, validate_certs=False).call('Ping')
    assert not [w for w in recwarn if 'Unverified HTTPS' in str(w.message)]


def test_ca_bundle_environment_does_not_override_ca_path(stub, make_client, monkeypatch, tmp_path):
    monkeypatch.setenv('REQUESTS_CA_BUNDLE', str(tmp_path / 'missing.pem'))
    stub.answers.append(Answer(envelope()))
    make_client().call('Ping')


def test_a_proxy_in_the_environment_is_used(stub, make_client, monkeypatch):
    """HTTPS_PROXY is read once, when the client is made: the calls go to the proxy (here a closed port)."""
    use_proxy(monkeypatch, 'http://127.0.0.1:%d' % free_port())
    client = make_client(retries=0)
    monkeypatch.delenv('HTTPS_PROXY')  # read at creation: what the environment says later does not matter
    with pytest.raises(SpeApiError) as failed:
        client.call('Ping')
    assert failed.value.kind == 'transport'
    assert stub.requests == []


def test_a_lowercase_proxy_variable_is_used_too(stub, make_client, monkeypatch):
    without_proxy_variables(monkeypatch)
    monkeypatch.setenv('all_proxy', 'http://127.0.0.1:%d' % free_port())
    with pytest.raises(SpeApiError) as failed:
        make_client(retries=0).call('Ping')
    assert failed.value.kind == 'transport'
    assert stub.requests == []


def test_without_proxy_variables_requests_proxy_rules_are_not_walked(stub, make_client, monkeypatch):
    """No *_proxy variable in any case: no proxy, found without requests' walks of the environment."""
    without_proxy_variables(monkeypatch)

    def walked(*args, **kwargs):
        raise AssertionError('requests.utils.get_environ_proxies was called')

    monkeypatch.setattr(requests.utils, 'get_environ_proxies', walked)
    stub.answers.append(Answer(envelope()))
    make_client().call('Ping')
    assert len(stub.requests) == 1


def test_no_proxy_in_the_environment_lets_the_server_be_reached_directly(stub, make_client, monkeypatch):
    monkeypatch.setenv('HTTPS_PROXY', 'http://127.0.0.1:%d' % free_port())
    monkeypatch.setenv('NO_PROXY', '127.0.0.1')
    stub.answers.append(Answer(envelope()))
    client = make_client()
    client.call('Ping')
    assert len(stub.requests) == 1


def test_not_verified_when_asked_warns_nothing_and_leaves_the_warning_filters_alone(stub, make_client):
    stub.answers.extend([Answer(envelope()), Answer(envelope())])
    client = make_client(ca_path=None, validate_certs=False)
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter('always')
        filters = list(warnings.filters)
        client.call('Ping')
        client.call('CreateUser', instanceID='acme', userName='jdoe')
        assert warnings.filters == filters
    assert [str(w.message) for w in caught] == []
    assert client.verify is False


class PlainListener:
    """A plain-HTTP port nobody should ever connect to: connections wait unaccepted in its backlog."""

    def __init__(self):
        self.socket = socket.socket()
        self.socket.bind(('127.0.0.1', 0))
        self.socket.listen(5)
        self.port = self.socket.getsockname()[1]

    def was_contacted(self):
        self.socket.setblocking(False)
        try:
            connection = self.socket.accept()[0]
        except BlockingIOError:
            return False
        connection.close()
        return True

    def close(self):
        self.socket.close()


class ProxyStub(PlainListener):
    """A plain-HTTP proxy that records what the client sends first (a CONNECT) and closes."""

    def __init__(self):
        super().__init__()
        self.received = []
        self.thread = threading.Thread(target=self.serve, daemon=True)
        self.thread.start()

    def serve(self):
        while True:
            try:
                connection = self.socket.accept()[0]
            except OSError:  # closed
                return
            with connection:
                connection.settimeout(5)
                data = b''
                while b'\r\n\r\n' not in data:
                    chunk = connection.recv(4096)
                    if not chunk:
                        break
                    data += chunk
                self.received.append(data.decode('latin-1'))


@pytest.fixture
def proxy_stub():
    proxy = ProxyStub()
    yield proxy
    proxy.close()


def test_proxy_credentials_go_to_the_proxy_in_proxy_authorization(stub, make_client, proxy_stub, monkeypatch):
    proxy_password = 'pr0xy:p@ss'
    use_proxy(monkeypatch, 'http://proxyuser:%s@127.0.0.1:%d' % ('pr0xy%3Ap%40ss', proxy_stub.port))
    client = make_client(retries=0)
    with pytest.raises(SpeApiError) as info:
        client.call('CreateUser', instanceID='acme', userName='jdoe')
    assert info.value.kind == 'transport'
    assert stub.requests == []
    (connect,) = proxy_stub.received
    lines = connect.split('\r\n')
    assert lines[0].startswith('CONNECT 127.0.0.1:%d HTTP/' % stub.port)  # http.client says HTTP/1.0
    expected = base64.b64encode(('proxyuser:%s' % proxy_password).encode('latin-1')).decode()
    assert 'proxy-authorization: basic %s' % expected.lower() in connect.lower()
    assert 'authorization: basic' not in connect.lower().replace('proxy-authorization', '')  # the API's stay inside TLS
    assert_no_password(info.value)
    assert proxy_password not in str(info.value) and proxy_password not in json.dumps(info.value.to_dict())


def test_a_proxy_without_credentials_gets_no_proxy_authorization(stub, make_client, proxy_stub, monkeypatch):
    use_proxy(monkeypatch, 'http://127.0.0.1:%d' % proxy_stub.port)
    with pytest.raises(SpeApiError):
        make_client(retries=0).call('Ping')
    (connect,) = proxy_stub.received
    assert connect.startswith('CONNECT 127.0.0.1:%d HTTP/' % stub.port)
    assert 'authorization' not in connect.lower()


@pytest.mark.skipif(importlib.util.find_spec('socks') is not None, reason='PySocks is installed')
def test_a_socks_proxy_without_pysocks_is_a_config_error(make_client, monkeypatch):
    use_proxy(monkeypatch, 'socks5://127.0.0.1:%d' % free_port())
    with pytest.raises(SpeApiError) as info:
        make_client()
    assert info.value.kind == 'config'
    assert 'PySocks' in info.value.message and 'nothing was sent' in info.value.message


@pytest.mark.parametrize('proxy', ['http://:3128', 'ftp://proxy.example.com:21', 'http://user:pw@[bad'])
def test_an_unusable_proxy_url_is_a_config_error_without_its_credentials(make_client, monkeypatch, proxy):
    use_proxy(monkeypatch, proxy)
    with pytest.raises(SpeApiError) as info:
        make_client()
    assert info.value.kind == 'config'
    assert 'not a usable proxy URL' in info.value.message and 'nothing was sent' in info.value.message
    assert 'pw' not in str(info.value)


# --- small pieces ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    'server,port,expected',
    [
        ('spe.example.com', 8474, 'https://spe.example.com:8474'),
        ('spe.example.com:9000', 8474, 'https://spe.example.com:9000'),
        ('https://spe.example.com/', 8474, 'https://spe.example.com:8474'),
        ('http://127.0.0.1:8080', 8474, 'http://127.0.0.1:8080'),
        ('::1', 8474, 'https://[::1]:8474'),
        ('[::1]', 8475, 'https://[::1]:8475'),
    ],
)
def test_base_url(server, port, expected):
    assert client_mod._base_url(server, port) == expected


def test_client_repr_and_error_repr_hold_no_password():
    client = SpeClient('spe.example.com', username=USER, password=PASSWORD)
    error = client._error('boom %s' % PASSWORD, command='X', details=ValueError(PASSWORD), kind='transport')
    assert_no_password(client, error)
    client.close()


def test_client_from_params(ca_file):
    from ansible_collections.mailstore.spe.plugins.module_utils.connection import client_from_params

    client = client_from_params(
        dict(
            server='spe.example.com',
            port=9000,
            username=USER,
            password=PASSWORD,
            validate_certs=False,
            ca_path=ca_file,
            timeout=12,
        )
    )
    assert client.base_url == 'https://spe.example.com:9000'
    assert client.verify == ca_file and client.timeout == 12
    client.close()


def test_connection_options_fall_back_to_the_environment(monkeypatch):
    from ansible.module_utils.common.arg_spec import ArgumentSpecValidator

    from ansible_collections.mailstore.spe.plugins.module_utils.connection import CONNECTION_ARGUMENT_SPEC

    env = dict(
        SERVER='spe.example.com',
        PORT='9000',
        USERNAME=USER,
        PASSWORD=PASSWORD,
        VALIDATE_CERTS='false',
        CA_PATH='/tmp/ca.pem',
        TIMEOUT='7',
    )
    for name, value in env.items():
        monkeypatch.setenv('MAILSTORE_SPE_' + name, value)
    result = ArgumentSpecValidator(CONNECTION_ARGUMENT_SPEC).validate({})
    assert result.error_messages == []
    assert result.validated_parameters == dict(
        server='spe.example.com',
        port=9000,
        username=USER,
        password=PASSWORD,
        validate_certs=False,
        ca_path='/tmp/ca.pem',
        timeout=7,
    )
    assert PASSWORD in result._no_log_values


# --- HTTPS only, no redirects ----------------------------------------------------------------


@pytest.mark.parametrize('scheme', ['http', 'HTTP', 'ftp', 'ws'])
def test_a_server_that_is_not_https_is_refused_before_connecting(stub, ca_file, scheme):
    with pytest.raises(SpeApiError) as info:
        SpeClient('%s://127.0.0.1:%d' % (scheme, stub.port), username=USER, password=PASSWORD, ca_path=ca_file)
    assert info.value.kind == 'config'
    assert 'only https:// is allowed' in info.value.message
    assert stub.requests == []
    assert_no_password(info.value)


@pytest.fixture
def plain_listener():
    listener = PlainListener()
    yield listener
    listener.close()


def test_plain_listener_notices_a_connection(plain_listener):
    socket.create_connection(('127.0.0.1', plain_listener.port)).close()
    assert plain_listener.was_contacted()


@pytest.mark.parametrize('status', [301, 302, 307, 308])
@pytest.mark.parametrize('command', ['SetUserPassword', 'GetUsers'])
def test_a_redirect_is_an_error_and_nothing_is_resent(stub, make_client, plain_listener, status, command):
    location = 'http://127.0.0.1:%d/api/invoke/%s' % (plain_listener.port, command)
    stub.fallback = lambda request: Answer(raw=b'', status=status, headers={'Location': location})
    client = make_client(retries=3)
    with pytest.raises(SpeApiError) as info:
        client.call(command, instanceID='acme', userName='jdoe', password=PASSWORD)
    error = info.value
    assert (error.kind, error.http_status, error.uncertain) == ('http', status, False)
    assert 'HTTP %d' % status in error.message and location in error.message
    assert 'nothing was re-sent' in error.message
    assert len(stub.requests) == 1  # neither followed nor retried
    assert not plain_listener.was_contacted()  # the password never left for the plain-HTTP address
    assert_no_password(error)


# --- long-running calls: after acceptance ----------------------------------------------------


def test_polling_failure_after_a_write_was_accepted_is_uncertain_and_keeps_the_token(stub, make_client):
    stub.answers.append(Answer(envelope('running', token='T8', version=1)))
    stub.fallback = lambda request: Answer(raw=b'down', status=503)
    with pytest.raises(SpeApiError) as info:
        make_client(retries=1).call('RecoverStore', instanceID='acme', id=1)
    error = info.value
    assert (error.command, error.token, error.uncertain, error.http_status) == ('RecoverStore', 'T8', True, 503)
    assert error.message.startswith('while waiting (get-status)')
    assert stub.paths() == ['/api/invoke/RecoverStore'] + ['/api/get-status'] * 2  # the poll retried, never the write


@pytest.mark.timeout(30)
def test_wait_timeout_of_a_write_is_uncertain(stub, make_client):
    stub.answers.append(Answer(envelope('running', token='T5', version=1)))
    stub.fallback = running_forever
    with pytest.raises(SpeApiError) as info:
        make_client().invoke('RecoverStore', {'instanceID': 'acme', 'id': 1}, wait_timeout=0.3)
    assert (info.value.kind, info.value.uncertain, info.value.token) == ('timeout', True, 'T5')


def test_wait_for_follows_a_token_from_its_current_status(stub, make_client):
    stub.answers.extend(
        [
            Answer(envelope('running', token='T9', version=2, percent=50, text='half way')),
            Answer(envelope('succeeded', token='T9', version=3, percent=100, result={'ok': 1}, log='done')),
        ]
    )
    seen = []
    response = make_client().wait_for('T9', wait_timeout=30, on_progress=seen.append)
    assert (response.status_code, response.result, response.log_output) == ('succeeded', {'ok': 1}, 'done')
    assert [(r.status_version, r.percent_progress) for r in seen] == [(2, 50), (3, 100)]
    assert stub.paths() == ['/api/get-status'] * 2
    assert stub.requests[0]['form'] == {'token': 'T9', 'lastKnownStatusVersion': '0', 'millisecondsTimeout': '0'}
    assert stub.requests[1]['form']['lastKnownStatusVersion'] == '2'


def test_wait_for_an_unknown_token(stub, make_client):
    stub.answers.append(Answer(envelope('failed', error={'message': 'Unknown token.', 'details': None}), status=404))
    with pytest.raises(SpeApiError) as info:
        make_client().wait_for('nope')
    assert (info.value.kind, info.value.http_status, info.value.command) == ('http', 404, 'get-status')


def test_wait_for_a_call_that_failed(stub, make_client):
    stub.answers.append(
        Answer(envelope('failed', token='TA', version=5, error={'message': 'Broken.', 'details': None}))
    )
    with pytest.raises(SpeApiError) as info:
        make_client().wait_for('TA')
    assert (info.value.kind, info.value.message, info.value.token, info.value.uncertain) == (
        'failed',
        'Broken.',
        'TA',
        False,
    )


# --- connection options ----------------------------------------------------------------------


def connection_params(**overrides):
    values = dict(
        server='spe.example.com',
        port=8474,
        username=USER,
        password=PASSWORD,
        validate_certs=True,
        ca_path=None,
        timeout=30,
    )
    values.update(overrides)
    return values


@pytest.mark.parametrize(
    'overrides,option,words',
    [
        (dict(server='http://spe.example.com'), 'server', 'only https:// is allowed'),
        (dict(server='HTTP://spe.example.com:8474'), 'server', 'only https:// is allowed'),
        (dict(server='ftp://spe.example.com'), 'server', 'only https:// is allowed'),
        (dict(server=''), 'server', 'must not be empty'),
        (dict(server='   '), 'server', 'must not be empty'),
        (dict(server='https://'), 'server', 'names no host'),
        (dict(server='spe.example.com:0'), 'server', 'from 1 to 65535'),
        (dict(server='spe.example.com:http'), 'server', 'from 1 to 65535'),
        (dict(port=0), 'port', 'outside 1-65535'),
        (dict(port=65536), 'port', 'outside 1-65535'),
        (dict(port=-1), 'port', 'outside 1-65535'),
        (dict(timeout=0), 'timeout', 'not more than 0'),
        (dict(timeout=-5), 'timeout', 'not more than 0'),
        (dict(ca_path='/nonexistent/ca.pem'), 'ca_path', 'neither an existing file nor a directory'),
        (dict(username='a:b'), 'username', "contains ':'"),
    ],
)
def test_check_connection_names_the_option(overrides, option, words):
    from ansible_collections.mailstore.spe.plugins.module_utils.connection import check_connection

    problems = check_connection(connection_params(**overrides))
    assert len(problems) == 1, problems
    assert problems[0].startswith(option + ': ') and words in problems[0]
    assert PASSWORD not in problems[0]


@pytest.mark.parametrize(
    'overrides',
    [
        {},
        dict(server='https://spe.example.com/'),
        dict(server='spe.example.com:9000'),
        dict(server='::1'),
        dict(server='[::1]:8474'),
        dict(port=1, timeout=1),
        dict(port=65535),
        dict(port=None, timeout=None),
    ],
)
def test_check_connection_accepts_usable_options(overrides, ca_file, tmp_path):
    from ansible_collections.mailstore.spe.plugins.module_utils.connection import check_connection

    assert check_connection(connection_params(**overrides)) == []
    assert check_connection(connection_params(ca_path=ca_file)) == []
    assert check_connection(connection_params(ca_path=str(tmp_path))) == []


@pytest.mark.parametrize('overrides', [dict(port=0), dict(timeout=0), dict(server='http://spe.example.com')])
def test_client_from_params_refuses_instead_of_replacing(overrides):
    from ansible_collections.mailstore.spe.plugins.module_utils.connection import client_from_params

    with pytest.raises(SpeApiError) as info:
        client_from_params(connection_params(**overrides))
    assert info.value.kind == 'config'
    assert info.value.message.startswith(next(iter(overrides)) + ': ')
    assert 'nothing was sent' in info.value.message


def test_the_record_of_sent_commands_is_bounded():
    """A client shared by the items of a long loop must not grow without bound."""
    from ansible_collections.mailstore.spe.plugins.module_utils.client import SENT_KEPT

    client = SpeClient('spe.example.com', username='admin', password='pw')
    for _number in range(SENT_KEPT * 3):
        client.sent.append({'command': 'GetUsers'})
    assert len(client.sent) == SENT_KEPT


@pytest.fixture
def stranger(ca):
    """An HTTPS server whose certificate, from the trusted CA, names another host."""
    with https_stub(ca, 'elsewhere.example') as served:
        yield served


def test_a_certificate_for_another_host_fails_although_its_ca_is_trusted(stranger, ca_file):
    stranger.answers.append(Answer(envelope()))
    client = SpeClient('127.0.0.1', port=stranger.port, username=USER, password=PASSWORD, ca_path=ca_file, retries=0)
    with pytest.raises(SpeApiError) as info:
        client.call('Ping')
    client.close()
    assert info.value.kind == 'transport' and 'TLS' in info.value.message
    assert stranger.requests == []


def test_one_tls_context_per_ca_file_and_a_new_one_when_the_file_changes(ca, tmp_path):
    path = tmp_path / 'ca.pem'
    ca.cert_pem.write_to_path(str(path))
    first = client_mod.tls_context(str(path))
    assert client_mod.tls_context(str(path)) is first  # loaded once: a bundle costs ~75 ms
    trustme.CA().cert_pem.write_to_path(str(path))  # replaced on disk: loaded again
    assert client_mod.tls_context(str(path)) is not first
    assert client_mod.tls_context(str(tmp_path / 'missing.pem')) is None  # urllib3 reports it at connect
