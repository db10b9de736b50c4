# Copyright: contributors to mailstore.spe
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""What the release tests share: where the checkout and the venv's tools are, and `run`."""

from __future__ import annotations

import contextlib
import os
import shlex
import subprocess
import sys

REPO = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
BIN = os.path.dirname(sys.executable)


def run(*args, **kwargs):
    """Run a command with the venv's tools first on PATH; fail with its output when it fails.
    The outer ANSIBLE_COLLECTIONS_PATH (make's, which holds this checkout) is dropped: a release
    test sees the collection only where it installed the tarball, and says so in `env`."""
    env = {k: v for k, v in os.environ.items() if k != 'ANSIBLE_COLLECTIONS_PATH'}
    env.update(PATH=BIN + os.pathsep + os.environ['PATH'], ANSIBLE_NOCOLOR='1', **kwargs.pop('env', {}))
    done = subprocess.run(args, env=env, capture_output=True, text=True, check=False, **kwargs)
    assert done.returncode == 0, '%s failed (%d):\n%s\n%s' % (
        shlex.join(args),
        done.returncode,
        done.stdout,
        done.stderr,
    )
    return done


@contextlib.contextmanager
def simulator(directory):
    """A simulator started by tests/tools/simulator.sh in directory: its MAILSTORE_SPE_* variables."""
    script = os.path.join(REPO, 'tests', 'tools', 'simulator.sh')
    env = {'PYTHON': sys.executable}
    run(script, 'start', str(directory), env=env)
    try:
        exported = run('bash', '-c', '. "$1" && env', '-', os.path.join(str(directory), 'env.sh')).stdout
        yield dict(line.split('=', 1) for line in exported.splitlines() if line.startswith('MAILSTORE_SPE_'))
    finally:
        run(script, 'stop', str(directory), env=env)
