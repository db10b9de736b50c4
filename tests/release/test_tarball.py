# Copyright: contributors to mailstore.spe
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""The tarball is whole: every file it ships is in a known place and works where it is
installed (the shipped unit tests pass there), the simulator installs from the installed
collection without writing into it, and the development-only files stay out (build_ignore)."""

from __future__ import annotations

import fnmatch
import os
import subprocess
import sys
import tarfile
import zipfile

from _release import BIN, REPO, run

# Where each shipped file may be. fnmatch's `*` also matches `/`.
ALLOWED = (
    'COPYING',
    'README.md',
    'CHANGELOG.rst',
    'FILES.json',
    'MANIFEST.json',
    'requirements.txt',
    'changelogs/changelog.yaml',
    'changelogs/config.yaml',
    'changelogs/fragments/*.yml',
    'docs/*.md',
    'docs/*.png',
    'docs/docsite/*.yml',
    'docs/docsite/rst/*.rst',
    'docs/examples/*.yml',
    'meta/runtime.yml',
    'meta/execution-environment.yml',
    'playbooks/*.yml',
    'playbooks/inventory/*.yml',
    'plugins/*.py',
    'roles/*/README.md',
    'roles/*/defaults/main.yml',
    'roles/*/meta/*.yml',
    'roles/*/tasks/*.yml',
    'roles/*/vars/main.yml',
    'simulator/COPYING',
    'simulator/README.md',
    'simulator/pyproject.toml',
    'simulator/spe_simulator/*.py',
    'tests/config.yml',
    'tests/conftest.py',
    'tests/tools/simulator.sh',
    'tests/unit/plugins/*.py',
)
REQUIRED = (
    'CHANGELOG.rst',
    'changelogs/changelog.yaml',
    'requirements.txt',
    'meta/execution-environment.yml',
    'meta/runtime.yml',
    'plugins/modules/spe_user.py',
    'plugins/action/spe_command.py',
    'roles/tenant_onboarding/tasks/main.yml',
    'playbooks/onboard.yml',
    'playbooks/inventory/hosts.yml',
    'docs/modules.md',
    'docs/docsite/extra-docs.yml',
    'docs/docsite/links.yml',
    'simulator/pyproject.toml',
    'simulator/spe_simulator/server.py',
    'tests/config.yml',
    'tests/tools/simulator.sh',
)


def shipped_files(tarball):
    with tarfile.open(tarball) as archive:
        return sorted(m.name for m in archive.getmembers() if not m.isdir())


def tree(root):
    """Every path under root, to see that running something there wrote nothing into it."""
    return sorted(os.path.relpath(os.path.join(d, n), root) for d, dirs, files in os.walk(root) for n in dirs + files)


def test_every_shipped_file_is_in_the_allowed_layout(tarball):
    files = shipped_files(tarball)
    unexpected = [name for name in files if not any(fnmatch.fnmatchcase(name, p) for p in ALLOWED)]
    assert unexpected == []
    assert [name for name in REQUIRED if name not in files] == []
    assert not [name for name in files if '__pycache__' in name or name.endswith('.pyc')]


def test_shipped_unit_tests_pass_in_the_installed_collection(installed):
    root = installed[1]
    before = tree(root)
    done = subprocess.run(
        [sys.executable, '-m', 'pytest', '-q', '-p', 'no:cacheprovider', '-n', '2', 'tests/unit'],
        cwd=root,
        env=dict(os.environ, PYTHONDONTWRITEBYTECODE='1', PATH=BIN + os.pathsep + os.environ['PATH']),
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 0, done.stdout[-4000:] + done.stderr[-2000:]
    assert ' passed' in done.stdout.splitlines()[-1]
    assert tree(root) == before


def test_simulator_installs_from_the_installed_collection_without_writing_into_it(installed, tmp_path):
    root = installed[1]
    before = tree(root)
    wheels = tmp_path / 'wheels'
    built = run(sys.executable, '-m', 'pip', 'wheel', '-v', '--no-deps', '-w', str(wheels), str(root / 'simulator'))
    output = built.stdout + built.stderr
    assert 'deprecat' not in output.lower()
    assert tree(root) == before

    (wheel,) = wheels.glob('spe_simulator-*.whl')
    with zipfile.ZipFile(wheel) as archive:
        metadata = archive.read(next(n for n in archive.namelist() if n.endswith('.dist-info/METADATA'))).decode()
        licence = archive.read(next(n for n in archive.namelist() if n.endswith('.dist-info/licenses/COPYING')))
        assert 'spe_simulator/commands/users.py' in archive.namelist()
    assert 'License-Expression: GPL-3.0-or-later' in metadata.splitlines()
    with open(os.path.join(REPO, 'COPYING'), 'rb') as f:
        assert licence == f.read()

    site = tmp_path / 'site'
    run(sys.executable, '-m', 'pip', 'install', '--no-deps', '--target', str(site), str(wheel))
    started = run(sys.executable, '-m', 'spe_simulator', '--help', env={'PYTHONPATH': str(site)}, cwd=tmp_path)
    assert '--state-file' in started.stdout
