# Copyright: contributors to mailstore.spe
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Integration fixtures: a real simulator process over verified TLS, real ansible-playbook runs,
and a direct line to the simulator to read outcomes back."""

from __future__ import annotations

import json
import os
import re
import secrets
import signal
import subprocess
import sys
import textwrap

import pytest
import requests
import yaml

REPO = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
COLLECTIONS = [p for p in sys.path if os.path.isdir(os.path.join(p, 'ansible_collections', 'mailstore', 'spe'))][0]
BIN = os.path.dirname(sys.executable)
RECAP = re.compile(r'^(\S+)\s+:\s+ok=(\d+)\s+changed=(\d+)\s+unreachable=(\d+)\s+failed=(\d+)\s+skipped=(\d+)', re.M)


SECOND_HOSTS = ['spe-host02']

# Appended to every test play: a task that registers `result` can be read back with spe.result().
SAVE_RESULT = {
    'name': 'Save the registered result for the test',
    'ansible.builtin.copy': {
        'content': '{{ result | to_json }}',
        'dest': '{{ playbook_dir }}/result.json',
        'mode': '0600',
    },
    'when': 'result is defined',
    'check_mode': False,
    'diff': False,
    'changed_when': False,
}


class PlaybookRun:
    def __init__(self, process, playbook):
        self.rc = process.returncode
        self.output = process.stdout + process.stderr
        self.playbook = playbook
        self.recap = dict(
            (m.group(1), dict(ok=int(m.group(2)), changed=int(m.group(3)), failed=int(m.group(5))))
            for m in RECAP.finditer(process.stdout)
        )

    def changed(self, host='localhost'):
        return self.recap[host]['changed']

    def __repr__(self):
        return 'PlaybookRun(rc=%s)\n%s' % (self.rc, self.output[-6000:])


class Simulator:
    """One simulator process; `api` reads outcomes back, `playbook` runs Ansible against it."""

    ASYNC_SECONDS = 0.2  # how long its long-running operations take

    def __init__(self, workdir):
        self.workdir = workdir
        self.password = 'sim-' + secrets.token_urlsafe(12)
        self.tls_dir = os.path.join(workdir, 'tls')
        self.process = subprocess.Popen(
            [
                sys.executable,
                '-m',
                'spe_simulator',
                '--bind',
                '127.0.0.1',
                '--port',
                '0',
                '--state-file',
                os.path.join(workdir, 'state.json'),
                '--tls-dir',
                self.tls_dir,
                '--admin-password',
                self.password,
                '--async-duration',
                str(self.ASYNC_SECONDS),
            ],
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            text=True,
            env=dict(os.environ, PYTHONPATH=os.path.join(REPO, 'simulator')),
        )
        line = self.process.stdout.readline()
        match = re.search(r'listening on https://[^:]+:(\d+)', line)
        if not match:
            self.process.kill()
            raise RuntimeError('simulator did not start: %r' % line)
        self.port = int(match.group(1))
        self.url = 'https://localhost:%d' % self.port
        self.session = requests.Session()
        self.session.auth = ('admin', self.password)
        # Passed on every request: a REQUESTS_CA_BUNDLE in the environment would win over session.verify.
        self.verify = os.path.join(self.tls_dir, 'ca.pem')
        # Every integration test runs on a platform with two instance hosts, as service providers run
        # SPE, so that no single-host assumption can come back unnoticed (issue 9.4).
        for host in SECOND_HOSTS:
            self.api(
                'CreateInstanceHost',
                config={'serverName': host, 'port': 8473, 'serverCertificate': {'thumbprint': 'AB' * 20}},
            )
        self.hosts = [h['serverName'] for h in self.api('GetInstanceHosts')]
        self.reset_stats()  # a test counts its own calls only

    @property
    def env(self):
        return {
            'MAILSTORE_SPE_SERVER': 'localhost',
            'MAILSTORE_SPE_PORT': str(self.port),
            'MAILSTORE_SPE_USERNAME': 'admin',
            'MAILSTORE_SPE_PASSWORD': self.password,
            'MAILSTORE_SPE_CA_PATH': os.path.join(self.tls_dir, 'ca.pem'),
        }

    @property
    def connection(self):
        """The connection options of a task against this simulator."""
        env = self.env
        return {
            'server': env['MAILSTORE_SPE_SERVER'],
            'port': self.port,
            'username': env['MAILSTORE_SPE_USERNAME'],
            'password': self.password,
            'ca_path': env['MAILSTORE_SPE_CA_PATH'],
        }

    def api(self, command, **arguments):
        """Call the API directly and return `result`, failing the test on a failed envelope."""
        envelope = self.invoke(command, **arguments)
        assert envelope['statusCode'] == 'succeeded', envelope
        return envelope['result']

    def invoke(self, command, **arguments):
        encoded = dict(
            (
                k,
                json.dumps(v)
                if isinstance(v, (dict, list)) and k in ('config', 'settings', 'properties')
                else ','.join(v)
                if isinstance(v, list)
                else str(v).lower()
                if isinstance(v, bool)
                else str(v),
            )
            for k, v in arguments.items()
        )
        response = self.session.post(self.url + '/api/invoke/' + command, data=encoded, verify=self.verify)
        return json.loads(response.content.decode('utf-8-sig'))

    def run_long(self, command, **arguments):
        """Call a long-running command directly and follow it with get-status to its end; the final envelope."""
        envelope = self.invoke(command, **arguments)
        while envelope['statusCode'] == 'running':
            response = self.session.post(
                self.url + '/api/get-status',
                data={
                    'token': envelope['token'],
                    'lastKnownStatusVersion': envelope['statusVersion'],
                    'millisecondsTimeout': 5000,
                },
                verify=self.verify,
            )
            envelope = json.loads(response.content.decode('utf-8-sig'))
        return envelope

    def hook(self, path, body):
        """POST a test hook (/_simulator/mfa, directory, store-condition: docs/simulator.md)."""
        response = self.session.post(self.url + '/_simulator/' + path, json=body, verify=self.verify)
        response.raise_for_status()
        return json.loads(response.content.decode('utf-8-sig') or 'null')

    def result(self):
        """What the last playbook registered as `result`."""
        with open(os.path.join(self.workdir, 'result.json')) as handle:
            return json.load(handle)

    def stats(self):
        return json.loads(
            self.session.get(self.url + '/_simulator/stats', verify=self.verify).content.decode('utf-8-sig')
        )

    def reset_stats(self):
        self.session.post(self.url + '/_simulator/stats/reset', verify=self.verify).raise_for_status()

    def fault(self, **rule):
        self.session.post(self.url + '/_simulator/faults', json=rule, verify=self.verify).raise_for_status()

    def faults_clear(self):
        self.session.delete(self.url + '/_simulator/faults', verify=self.verify).raise_for_status()

    def new_instance(self, instance_id='acme', sp_access=True):
        """An instance made through the API directly: a test's starting point, not its subject."""
        host = self.hosts[0]
        self.api('CreateInstance', config={'instanceID': instance_id, 'instanceHost': host})
        self.api('StartInstances', instanceFilter=instance_id)
        if sp_access:
            self.api('SetArchiveAdminEnabled', instanceID=instance_id, enabled=True)
        return instance_id

    def playbook(self, tasks, check=False, diff=False, verbosity=0, env=None, play_vars=None, name='test'):
        """Run `tasks` (YAML text) as one play on localhost; the connection comes from MAILSTORE_SPE_* variables."""
        play = {
            'name': name,
            'hosts': 'localhost',
            'gather_facts': False,
            'vars': play_vars or {},
            'tasks': yaml.safe_load(textwrap.dedent(tasks)) + [SAVE_RESULT],
        }
        path = os.path.join(self.workdir, '%s-%s.yml' % (name, secrets.token_hex(3)))
        with open(path, 'w') as handle:
            yaml.safe_dump([play], handle, sort_keys=False)
        return self.run(path, check=check, diff=diff, verbosity=verbosity, env=env)

    def run(self, playbook_path, check=False, diff=False, verbosity=0, env=None, inventory=None, extra_args=()):
        command = [
            os.path.join(BIN, 'ansible-playbook'),
            playbook_path,
            '-i',
            inventory or 'localhost,',
            '-c',
            'local',
            '-e',
            'ansible_python_interpreter=' + sys.executable,
        ]
        command += (
            ['--check'] * check + ['--diff'] * diff + (['-' + 'v' * verbosity] if verbosity else []) + list(extra_args)
        )
        environment = dict(
            os.environ,
            ANSIBLE_COLLECTIONS_PATH=COLLECTIONS,
            ANSIBLE_NOCOLOR='1',
            ANSIBLE_FORCE_COLOR='0',
            ANSIBLE_RETRY_FILES_ENABLED='0',
            ANSIBLE_LOCALHOST_WARNING='0',
            **self.env,
        )
        environment.update(env or {})
        process = subprocess.run(
            command, capture_output=True, text=True, env=environment, cwd=self.workdir, timeout=600, check=False
        )
        return PlaybookRun(process, playbook_path)

    def stop(self):
        self.process.send_signal(signal.SIGTERM)
        try:
            self.process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.process.kill()


@pytest.fixture
def spe(tmp_path):
    simulator = Simulator(str(tmp_path))
    yield simulator
    simulator.stop()
