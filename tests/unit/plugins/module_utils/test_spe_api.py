# Copyright: contributors to mailstore.spe
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
from __future__ import annotations

import json

import pytest

from ansible_collections.mailstore.spe.plugins.module_utils import spe_api
from ansible_collections.mailstore.spe.plugins.module_utils.spe_api import (
    decode_json,
    encode_arguments,
    is_read_command,
)


@pytest.mark.parametrize(
    'value,text',
    [
        (True, 'true'),
        (False, 'false'),
        (0, '0'),
        (-12, '-12'),
        (2.0, '2'),
        (0.25, '0.25'),
        ('text', 'text'),
        ('', ''),
        (
            {'instanceID': 'acme', 'port': 8472, 'on': True, 'none': None},
            '{"instanceID":"acme","port":8472,"on":true,"none":null}',
        ),
        ({'name': 'Jürgen'}, '{"name":"Jürgen"}'),
        (['login', 'changePassword'], 'login,changePassword'),
        (('a@example.com', 'b@example.com'), 'a@example.com,b@example.com'),
        ({'b', 'a', 'c'}, 'a,b,c'),
        ([], ''),
        ([1, True], '1,true'),
    ],
)
def test_encode_one_value(value, text):
    assert encode_arguments({'x': value}) == {'x': text}


def test_none_is_left_out():
    assert encode_arguments({'a': None, 'b': 'x'}) == {'b': 'x'}
    assert encode_arguments(None) == {}
    assert encode_arguments({}) == {}


def test_dict_is_compact_json_that_round_trips():
    config = {'instanceID': 'acme', 'serverName': 'host1', 'nested': {'a': [1, 2]}}
    text = encode_arguments({'config': config})['config']
    assert ' ' not in text
    assert json.loads(text) == config


def test_list_item_with_a_comma_is_refused():
    with pytest.raises(ValueError):
        encode_arguments({'emailAddresses': ['a,b@example.com']})


@pytest.mark.parametrize('value', [float('nan'), float('inf')])
def test_non_finite_numbers_are_refused(value):
    with pytest.raises(ValueError):
        encode_arguments({'x': value})


@pytest.mark.parametrize(
    'body',
    [
        b'\xef\xbb\xbf{"statusCode": "succeeded", "result": "\xc3\xa4"}',
        b'{"statusCode": "succeeded", "result": "\xc3\xa4"}',
        '\ufeff{"statusCode": "succeeded", "result": "\u00e4"}',
        '{"statusCode": "succeeded", "result": "\u00e4"}',
    ],
)
def test_decode_json_tolerates_a_bom(body):
    assert decode_json(body) == {'statusCode': 'succeeded', 'result': '\u00e4'}


def test_decode_json_rejects_garbage():
    with pytest.raises(ValueError):
        decode_json(b'<html></html>')


@pytest.mark.parametrize(
    'name', ['GetUsers', 'GetEnvironmentInfo', 'GetInstanceProcessLiveStatistics', 'Ping', 'get-status', 'get-metadata']
)
def test_reads(name):
    assert is_read_command(name)


@pytest.mark.parametrize(
    'name',
    [
        'CreateUser',
        'SetUserPassword',
        'TestSmtpSettings',
        'RunProfile',
        'cancel-async',
        'VerifyStore',
        'getUsers',
        'PingPong',
        '',
        None,
    ],
)
def test_writes(name):
    assert not is_read_command(name)


def test_paths_and_constants():
    assert spe_api.DEFAULT_PORT == 8474
    assert spe_api.invoke_path('GetUsers') == '/api/invoke/GetUsers'
    assert spe_api.invoke_path('get-status') == '/api/get-status'
    assert spe_api.invoke_path('cancel-async') == '/api/cancel-async'
    assert spe_api.invoke_path('get-metadata') == '/api/get-metadata'
    assert spe_api.FINAL_STATUSES == {'succeeded', 'failed', 'cancelled'}
    assert spe_api.POLL_CHUNK_MS == 5000
    assert set(spe_api.ENVELOPE_KEYS) == {
        'error',
        'token',
        'statusVersion',
        'statusCode',
        'percentProgress',
        'statusText',
        'result',
        'logOutput',
    }
