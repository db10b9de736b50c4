# Copyright: contributors to mailstore.spe
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
#
# Helpers for the simulator tests: a plain requests-based client and a few shortcuts.

import json
import os
import sys

import requests

REPO_ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), '..', '..'))
SIM_DIR = os.path.join(REPO_ROOT, 'simulator')
if SIM_DIR not in sys.path:
    sys.path.insert(0, SIM_DIR)

ADMIN = 'admin'
PASSWORD = 'Secr3t-admin-pw'


def encode(value):
    if isinstance(value, bool):
        return 'true' if value else 'false'
    if isinstance(value, (dict, list)) or value is None:
        return json.dumps(value)
    return str(value)


def decode(response):
    assert response.content.startswith(b'\xef\xbb\xbf'), response.content[:20]
    return json.loads(response.content.decode('utf-8-sig'))


class Api:
    """A plain HTTP client for the simulator (not the collection's client)."""

    def __init__(self, sim, user=ADMIN, password=PASSWORD):
        self.sim = sim
        self.session = requests.Session()
        self.session.trust_env = False  # the environment's CA bundle must not replace ca.pem
        self.session.verify = sim.ca_path
        self.session.auth = (user, password)

    def post(self, path, data=None, **kwargs):
        return self.session.post(self.sim.url + path, data=data, timeout=30, **kwargs)

    def raw(self, command, **args):
        return self.post('/api/invoke/' + command, data={k: encode(v) for k, v in args.items()})

    def call(self, command, **args):
        r = self.raw(command, **args)
        assert r.status_code == 200, (r.status_code, r.content)
        return decode(r)

    def ok(self, command, **args):
        env = self.call(command, **args)
        assert env['statusCode'] == 'succeeded', env
        return env['result']

    def err(self, command, **args):
        env = self.call(command, **args)
        assert env['statusCode'] == 'failed', env
        assert env['error']['message']
        return env['error']['message']

    def run(self, command, **args):
        """Calls a long-running command and follows it to its end; returns the final envelope."""
        env = self.call(command, **args)
        assert env['statusCode'] == 'running' and env['token'], env
        return wait_done(self, env)[0]

    def done(self, command, **args):
        """run() that must succeed; returns the result."""
        env = self.run(command, **args)
        assert env['statusCode'] == 'succeeded', env
        return env['result']

    def hook(self, method, path, body=None):
        r = self.session.request(
            method, self.sim.url + '/_simulator/' + path, data=None if body is None else json.dumps(body), timeout=30
        )
        return r.status_code, decode(r)


def make_instance(api, instance_id='acme', start=True, sp_access=True):
    api.ok('CreateInstance', config={'instanceID': instance_id, 'instanceHost': 'spe-host01'})
    if start:
        api.ok('StartInstances', instanceFilter=instance_id)
        if sp_access:
            api.ok('SetArchiveAdminEnabled', instanceID=instance_id, enabled=True)
    return instance_id


def wait_done(api, env, timeout_ms=5000):
    """Polls get-status until the operation finishes; returns (final envelope, all envelopes)."""
    seen = [env]
    while env['statusCode'] == 'running':
        r = api.post(
            '/api/get-status',
            data={
                'token': env['token'],
                'lastKnownStatusVersion': str(env['statusVersion']),
                'millisecondsTimeout': str(timeout_ms),
            },
        )
        assert r.status_code == 200, r.content
        env = decode(r)
        seen.append(env)
    return env, seen
