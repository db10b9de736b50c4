# Copyright: contributors to mailstore.spe
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Release fixtures: the collection as users get it, a tarball built from this checkout and
installed with ansible-galaxy into a fresh collections path, and a simulator to run it against."""

from __future__ import annotations

import os

import pytest
from _release import BIN, REPO, run, simulator


@pytest.fixture(scope='session')
def tarball(tmp_path_factory):
    out = tmp_path_factory.mktemp('build')
    run(os.path.join(BIN, 'ansible-galaxy'), 'collection', 'build', '--output-path', str(out), REPO)
    (built,) = out.glob('mailstore-spe-*.tar.gz')
    return built


@pytest.fixture(scope='session')
def installed(tarball, tmp_path_factory):
    """(collections path, collection root) of the tarball installed as a user installs it."""
    collections = tmp_path_factory.mktemp('collections')
    run(os.path.join(BIN, 'ansible-galaxy'), 'collection', 'install', '--force', '-p', str(collections), str(tarball))
    root = collections / 'ansible_collections' / 'mailstore' / 'spe'
    assert (root / 'MANIFEST.json').is_file()
    return collections, root


@pytest.fixture
def simulator_env(tmp_path):
    with simulator(tmp_path / 'simulator') as env:
        yield env
