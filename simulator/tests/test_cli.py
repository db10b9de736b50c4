# Copyright: contributors to mailstore.spe
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)

import json
import os
import re
import signal
import subprocess
import sys
import threading
import time

from _client import ADMIN, PASSWORD, SIM_DIR, Api


class _Sim:
    def __init__(self, url, ca_path):
        self.url = url
        self.ca_path = ca_path


def _launch(tmp_path, *extra_args):
    cmd = [
        sys.executable,
        '-m',
        'spe_simulator',
        '--bind',
        '127.0.0.1',
        '--port',
        '0',
        '--state-file',
        str(tmp_path / 'state.json'),
        '--tls-dir',
        str(tmp_path / 'tls'),
        '--admin-password',
        PASSWORD,
        '--async-duration',
        '0.1',
        *extra_args,
    ]
    env = dict(os.environ, PYTHONPATH=SIM_DIR)
    proc = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=env, text=True)
    line = proc.stdout.readline()
    m = re.match(r'^spe-simulator listening on (https://127\.0\.0\.1:(\d+))\n$', line)
    assert m, (line, proc.stderr.read() if proc.poll() is not None else '')
    return proc, Api(_Sim(m.group(1), str(tmp_path / 'tls' / 'ca.pem')), ADMIN, PASSWORD)


def test_cli_sigterm_kill9_and_restart(tmp_path):
    proc, api = _launch(tmp_path)
    try:
        api.ok('CreateInstance', config={'instanceID': 'acme', 'instanceHost': 'spe-host01'})
        api.ok('StartInstances', instanceFilter='acme')
        api.ok('SetArchiveAdminEnabled', instanceID='acme', enabled=True)
        proc.send_signal(signal.SIGTERM)
        assert proc.wait(10) == 0
    finally:
        if proc.poll() is None:
            proc.kill()

    # restart with the same files; then kill -9 while writes are in flight
    proc, api = _launch(tmp_path)
    done = []

    def writer():
        n = 0
        try:
            while True:
                api.call('CreateUser', instanceID='acme', userName='user%d' % n, privileges='login')
                done.append(n)
                n += 1
        except Exception:  # pylint: disable=broad-except
            return

    t = threading.Thread(target=writer)
    t.start()
    deadline = time.monotonic() + 10
    while len(done) < 100 and time.monotonic() < deadline:
        time.sleep(0.01)
    os.kill(proc.pid, signal.SIGKILL)
    proc.wait(10)
    t.join(10)
    assert len(done) >= 100

    with open(tmp_path / 'state.json', encoding='utf-8') as f:
        json.load(f)  # complete and loadable
    proc, api = _launch(tmp_path)
    try:
        users = {u['userName'] for u in api.ok('GetUsers', instanceID='acme')}
        # every acknowledged write survived; at most the one in flight may or may not be there
        assert {'user%d' % n for n in done} <= users
        assert api.ok('GetInstances', instanceFilter='acme')[0]['status'] == 'running'
        proc.send_signal(signal.SIGINT)
        assert proc.wait(10) == 0
    finally:
        if proc.poll() is None:
            proc.kill()


def test_cli_instance_host_may_be_repeated(tmp_path):
    proc, api = _launch(tmp_path, '--instance-host', 'host01', '--instance-host', 'host02')
    try:
        assert [h['serverName'] for h in api.ok('GetInstanceHosts')] == ['host01', 'host02']
        assert api.ok('GetEnvironmentInfo')['serverName'] == 'host01'
    finally:
        proc.terminate()
        proc.wait(10)


def test_cli_refuses_an_empty_instance_host(tmp_path):
    env = dict(os.environ, PYTHONPATH=SIM_DIR)
    args = ['--state-file', str(tmp_path / 's.json'), '--tls-dir', str(tmp_path / 'tls'), '--admin-password', 'x']
    done = subprocess.run(
        [sys.executable, '-m', 'spe_simulator', '--port', '0', '--instance-host', ' ', *args],
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert done.returncode == 1 and 'instance host' in done.stderr
