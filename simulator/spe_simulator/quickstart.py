# Copyright: contributors to mailstore.spe
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""`spe-simulator --quickstart DIR` and `--stop DIR`: a simulator in the background with one command.

--quickstart starts the simulator as a detached process with its state, TLS files and log in DIR,
on a free port, with a generated administrator password, and returns once it listens. It writes
DIR/env.sh with the MAILSTORE_SPE_* variables the collection reads and DIR/pid. Run again while
that simulator runs, it changes nothing and prints the same. --stop DIR ends it.
"""

import os
import re
import secrets
import shlex
import signal
import subprocess
import sys
import time

READY = re.compile(r'^spe-simulator listening on https://[^ ]*:(\d+)$', re.MULTILINE)
PASSWORD_VARIABLE = 'SPE_SIMULATOR_ADMIN_PASSWORD'
START_TIMEOUT = 60.0
STOP_TIMEOUT = 30.0
PACKAGE_PARENT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def _python():
    """This interpreter, with -B when it runs with -B: run from an installed collection, the
    simulator then writes no __pycache__ into it (ansible-galaxy collection verify stays clean)."""
    return [sys.executable] + (['-B'] if sys.dont_write_bytecode else [])


class QuickstartError(Exception):
    pass


def _files(directory):
    d = os.path.abspath(directory)
    return {
        'dir': d,
        'state': os.path.join(d, 'state.json'),
        'tls': os.path.join(d, 'tls'),
        'log': os.path.join(d, 'simulator.log'),
        'pid': os.path.join(d, 'pid'),
        'env': os.path.join(d, 'env.sh'),
    }


def _is_simulator(pid):
    """Whether pid is a live simulator: a stale pid file must not make us signal a stranger."""
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return False
    cmdline = '/proc/%d/cmdline' % pid
    if os.path.exists(cmdline):
        with open(cmdline, 'rb') as f:
            return b'spe_simulator' in f.read()
    return True


def _running_pid(files):
    try:
        with open(files['pid'], encoding='ascii') as f:
            pid = int(f.read().strip())
    except (OSError, ValueError):
        return None
    return pid if _is_simulator(pid) else None


def _write_private(path, text):
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(fd, 'w', encoding='utf-8') as f:
        f.write(text)


def _env_file(port, user, password, ca_path):
    values = (
        ('MAILSTORE_SPE_SERVER', 'localhost'),
        ('MAILSTORE_SPE_PORT', str(port)),
        ('MAILSTORE_SPE_USERNAME', user),
        ('MAILSTORE_SPE_PASSWORD', password),
        ('MAILSTORE_SPE_CA_PATH', ca_path),
    )
    return ''.join('export %s=%s\n' % (name, shlex.quote(value)) for name, value in values)


def _wait_until_listening(process, log_path):
    deadline = time.monotonic() + START_TIMEOUT
    while time.monotonic() < deadline:
        with open(log_path, encoding='utf-8', errors='replace') as f:
            log = f.read()
        match = READY.search(log)
        if match:
            return int(match.group(1))
        if process.poll() is not None:
            raise QuickstartError('the simulator exited (%d):\n%s' % (process.returncode, log))
        time.sleep(0.1)
    process.terminate()
    raise QuickstartError('the simulator did not listen within %d s; see %s' % (START_TIMEOUT, log_path))


def _stop_command(files):
    """The command that stops it, runnable as printed wherever the package lives."""
    return 'PYTHONPATH=%s %s -m spe_simulator --stop %s' % (
        shlex.quote(PACKAGE_PARENT),
        shlex.join(_python()),
        shlex.quote(files['dir']),
    )


def _report(files):
    with open(files['env'], encoding='utf-8') as f:
        port = re.search(r'^export MAILSTORE_SPE_PORT=(\d+)$', f.read(), re.MULTILINE).group(1)
    return ('spe-simulator running on https://localhost:%s (pid %s)\nconnection settings: . %s\nstop it: %s\n') % (
        port,
        _running_pid(files),
        shlex.quote(files['env']),
        _stop_command(files),
    )


def start_background(directory, server_args, admin_user):
    """Start (or find running) the simulator of directory; returns what to tell the user."""
    files = _files(directory)
    os.makedirs(files['dir'], exist_ok=True)
    if _running_pid(files) and os.path.exists(files['env']):
        return _report(files)
    password = secrets.token_urlsafe(18)
    # The child finds this package where the parent did; the password travels in its
    # environment, not on a command line that `ps` shows.
    python_path = os.pathsep.join(p for p in (PACKAGE_PARENT, os.environ.get('PYTHONPATH')) if p)
    env = dict(os.environ, PYTHONPATH=python_path, **{PASSWORD_VARIABLE: password})
    command = [*_python(), '-m', 'spe_simulator', '--state-file', files['state'], '--tls-dir', files['tls']]
    command += ['--admin-user', admin_user, *server_args]
    with open(files['log'], 'w', encoding='utf-8') as log:
        process = subprocess.Popen(  # pylint: disable=consider-using-with
            command, stdin=subprocess.DEVNULL, stdout=log, stderr=log, env=env, start_new_session=True
        )
    port = _wait_until_listening(process, files['log'])
    with open(files['pid'], 'w', encoding='ascii') as f:
        f.write('%d\n' % process.pid)
    _write_private(files['env'], _env_file(port, admin_user, password, os.path.join(files['tls'], 'ca.pem')))
    return _report(files)


def stop_background(directory):
    """Stop the simulator of directory, if one runs; returns what to tell the user."""
    files = _files(directory)
    pid = _running_pid(files)
    if pid is None:
        return 'no spe-simulator running for %s\n' % files['dir']
    os.kill(pid, signal.SIGTERM)
    deadline = time.monotonic() + STOP_TIMEOUT
    while _is_simulator(pid):
        if time.monotonic() > deadline:
            raise QuickstartError('spe-simulator (pid %s) did not stop within %d s' % (pid, STOP_TIMEOUT))
        time.sleep(0.1)
    os.remove(files['pid'])
    return 'spe-simulator (pid %s) stopped\n' % pid
