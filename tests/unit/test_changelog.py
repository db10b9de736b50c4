# Copyright: contributors to mailstore.spe
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""The changelog is releasable: the fragments and changelog.yaml pass antsibull-changelog's lint,
galaxy.yml's version has a release entry with a summary, and CHANGELOG.rst is what
changelog.yaml generates (docs/developing.md, "Cutting a release")."""

from __future__ import annotations

import os
import subprocess
import sys

import yaml

REPO = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
ANTSIBULL_CHANGELOG = os.path.join(os.path.dirname(sys.executable), 'antsibull-changelog')


def _antsibull_changelog(*args):
    done = subprocess.run(
        [ANTSIBULL_CHANGELOG, *args], cwd=REPO, capture_output=True, text=True, timeout=120, check=False
    )
    assert done.returncode == 0, done.stdout + done.stderr
    return done.stdout + done.stderr


def _load(*path):
    with open(os.path.join(REPO, *path), encoding='utf-8') as f:
        return yaml.safe_load(f)


def test_fragments_and_changelog_yaml_pass_the_lint():
    assert _antsibull_changelog('lint') == ''
    assert _antsibull_changelog('lint-changelog-yaml', os.path.join('changelogs', 'changelog.yaml')) == ''


def test_the_galaxy_version_is_released_with_a_summary():
    version = _load('galaxy.yml')['version']
    release = _load('changelogs', 'changelog.yaml')['releases'].get(version)
    assert release, 'changelogs/changelog.yaml has no release %s: run antsibull-changelog release' % version
    assert release['release_date']
    assert release['changes']['release_summary']


def test_changelog_rst_is_generated_from_changelog_yaml(tmp_path):
    generated = tmp_path / 'CHANGELOG.rst'
    _antsibull_changelog('generate', '--output', str(generated))
    with open(os.path.join(REPO, 'CHANGELOG.rst'), encoding='utf-8') as f:
        assert f.read() == generated.read_text(encoding='utf-8')
