# Copyright: contributors to mailstore.spe
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""`--quickstart DIR` and `--stop DIR`: the one command the README's quickstart starts the simulator with."""

import os
import shutil
import stat
import subprocess
import sys

from _client import SIM_DIR, Api


class _Sim:
    def __init__(self, url, ca_path):
        self.url = url
        self.ca_path = ca_path


def _cli(*args, env=None):
    env = dict(os.environ if env is None else env, PYTHONPATH=SIM_DIR)
    return subprocess.run(
        [sys.executable, '-m', 'spe_simulator', *args],
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


def _exports(directory):
    """The variables env.sh sets, as a shell that sources it sees them."""
    done = subprocess.run(
        ['bash', '-c', '. "$1" && env', '-', str(directory / 'env.sh')],
        env={'PATH': os.environ['PATH']},
        capture_output=True,
        text=True,
        check=True,
    )
    return dict(line.split('=', 1) for line in done.stdout.splitlines() if line.startswith('MAILSTORE_SPE_'))


def _api(exports):
    url = 'https://%s:%s' % (exports['MAILSTORE_SPE_SERVER'], exports['MAILSTORE_SPE_PORT'])
    sim = _Sim(url, exports['MAILSTORE_SPE_CA_PATH'])
    return Api(sim, exports['MAILSTORE_SPE_USERNAME'], exports['MAILSTORE_SPE_PASSWORD'])


def _pid(directory):
    return int((directory / 'pid').read_text().strip())


def _alive(pid):
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    with open('/proc/%d/stat' % pid, encoding='ascii') as f:
        return f.read().split(') ', 1)[1][0] != 'Z'


def test_quickstart_starts_in_the_background_writes_env_sh_and_stops(tmp_path):
    directory = tmp_path / 'spe'
    started = _cli('--quickstart', str(directory), '--async-duration', '0.1')
    try:
        assert started.returncode == 0, started.stderr
        pid = _pid(directory)
        assert 'running on https://localhost:' in started.stdout and '(pid %d)' % pid in started.stdout
        assert '. %s/env.sh' % directory in started.stdout and '--stop %s' % directory in started.stdout
        exports = _exports(directory)
        assert exports['MAILSTORE_SPE_USERNAME'] == 'admin'
        assert exports['MAILSTORE_SPE_CA_PATH'] == str(directory / 'tls' / 'ca.pem')
        assert stat.S_IMODE(os.stat(directory / 'env.sh').st_mode) == 0o600  # it holds the password
        with open('/proc/%d/cmdline' % pid, 'rb') as f:
            assert exports['MAILSTORE_SPE_PASSWORD'].encode() not in f.read()  # not shown by ps

        api = _api(exports)
        assert api.ok('GetEnvironmentInfo')['userName'] == 'admin'
        api.ok('CreateInstance', config={'instanceID': 'acme', 'instanceHost': 'spe-host01'})

        again = _cli('--quickstart', str(directory))
        assert again.returncode == 0, again.stderr
        assert again.stdout == started.stdout and _pid(directory) == pid  # the same simulator, unchanged
        assert _exports(directory) == exports
    finally:
        stopped = _cli('--stop', str(directory))
    assert stopped.returncode == 0, stopped.stderr
    assert stopped.stdout == 'spe-simulator (pid %d) stopped\n' % pid
    assert not _alive(pid) and not (directory / 'pid').exists()
    assert _cli('--stop', str(directory)).stdout == 'no spe-simulator running for %s\n' % directory

    # a new start continues the state, with a new password
    restarted = _cli('--quickstart', str(directory))
    try:
        assert restarted.returncode == 0, restarted.stderr
        renewed = _exports(directory)
        assert renewed['MAILSTORE_SPE_PASSWORD'] != exports['MAILSTORE_SPE_PASSWORD']
        assert [i['instanceID'] for i in _api(renewed).ok('GetInstances', instanceFilter='*')] == ['acme']
    finally:
        assert _cli('--stop', str(directory)).returncode == 0


def test_stop_leaves_a_process_alone_that_a_stale_pid_file_names(tmp_path):
    stranger = subprocess.Popen(['sleep', '60'])  # pylint: disable=consider-using-with
    try:
        (tmp_path / 'pid').write_text('%d\n' % stranger.pid)
        stopped = _cli('--stop', str(tmp_path))
        assert stopped.returncode == 0 and stopped.stdout.startswith('no spe-simulator running')
        assert stranger.poll() is None
    finally:
        stranger.kill()
        stranger.wait()


def test_quickstart_reports_a_simulator_that_cannot_start(tmp_path):
    (tmp_path / 'state.json').write_text('not json')
    done = _cli('--quickstart', str(tmp_path))
    assert done.returncode == 1
    assert done.stderr.startswith('spe-simulator: the simulator exited (1):') and 'state' in done.stderr
    assert not (tmp_path / 'pid').exists() and not (tmp_path / 'env.sh').exists()


def test_quickstart_and_stop_exclude_each_other_and_the_server_options_stay_required(tmp_path):
    both = _cli('--quickstart', str(tmp_path), '--stop', str(tmp_path))
    assert both.returncode == 2 and 'exclude each other' in both.stderr
    named = _cli('--quickstart', str(tmp_path), '--state-file', str(tmp_path / 'elsewhere.json'))
    assert named.returncode == 2 and 'no --state-file or --tls-dir' in named.stderr
    assert not (tmp_path / 'pid').exists()
    bare = _cli('--port', '0', env={k: v for k, v in os.environ.items() if k != 'SPE_SIMULATOR_ADMIN_PASSWORD'})
    assert bare.returncode == 2
    assert 'required: --state-file, --tls-dir, --admin-password' in bare.stderr


def test_quickstart_with_python_b_writes_nothing_where_the_package_lives(tmp_path):
    """As the README runs it from an installed collection: `python3 -B`, parent and child."""
    package = tmp_path / 'collection' / 'simulator'
    shutil.copytree(os.path.join(SIM_DIR, 'spe_simulator'), package / 'spe_simulator')
    env = {k: v for k, v in os.environ.items() if k != 'PYTHONDONTWRITEBYTECODE'}
    env['PYTHONPATH'] = str(package)
    directory = tmp_path / 'spe'

    def cli(*args):
        return subprocess.run(
            [sys.executable, '-B', '-m', 'spe_simulator', *args],
            env=env,
            capture_output=True,
            text=True,
            timeout=120,
            check=False,
        )

    started = cli('--quickstart', str(directory))
    try:
        assert started.returncode == 0, started.stderr
        assert ' -B -m spe_simulator --stop ' in started.stdout
        with open('/proc/%d/cmdline' % _pid(directory), 'rb') as f:
            assert f.read().split(b'\0')[1] == b'-B'
    finally:
        assert cli('--stop', str(directory)).returncode == 0
    assert [str(p) for p in package.rglob('__pycache__')] == []
