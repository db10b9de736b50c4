# Copyright: contributors to mailstore.spe
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""The built collection holds what users need (plugins, roles, playbooks, docs, the simulator)
and none of the development-only folders that galaxy.yml's build_ignore names."""

from __future__ import annotations

import os
import subprocess
import sys
import tarfile

REPO = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
DEVELOPMENT_ONLY = (
    '.ci/',
    '.venv/',
    '.cache/',
    'extensions/molecule/',
    'tests/output/',
    'tests/tools/bench/',
    'Makefile',
    'requirements-dev.txt',
    'requirements-bench.txt',
)


def test_build_keeps_development_folders_out(tmp_path):
    galaxy = os.path.join(os.path.dirname(sys.executable), 'ansible-galaxy')
    subprocess.run(
        [galaxy, 'collection', 'build', '--output-path', str(tmp_path), REPO], check=True, capture_output=True
    )
    (tarball,) = tmp_path.glob('mailstore-spe-*.tar.gz')
    with tarfile.open(tarball) as archive:
        names = archive.getnames()
    leaked = [n for n in names if n.startswith(DEVELOPMENT_ONLY) or '.egg-info' in n]
    assert leaked == []
    for wanted in (
        'plugins/modules/spe_user.py',
        'plugins/action/spe_command.py',
        'roles/tenant_onboarding/tasks/main.yml',
        'playbooks/onboard.yml',
        'docs/modules.md',
        'simulator/spe_simulator/server.py',
        'meta/runtime.yml',
    ):
        assert wanted in names
