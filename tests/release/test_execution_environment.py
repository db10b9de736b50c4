# Copyright: contributors to mailstore.spe
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""An execution environment built from the collection gets what its modules import on the
controller: ansible-builder finds requirements.txt through meta/execution-environment.yml."""

from __future__ import annotations

import os
import sys

import yaml
from _release import BIN, REPO, run

EXAMPLE = os.path.join(REPO, 'docs', 'examples', 'execution-environment.yml')


def declared_requirements():
    with open(os.path.join(REPO, 'requirements.txt')) as f:
        return [line.strip() for line in f if line.strip() and not line.startswith('#')]


def requirement_names(lines):
    return [line.split('#')[0].strip() for line in lines if line.strip()]


def test_introspect_lists_requests_from_the_installed_collection(installed):
    collections = installed[0]
    out = run(os.path.join(BIN, 'ansible-builder'), 'introspect', str(collections)).stdout
    found = yaml.safe_load(out[out.index('---') :])
    assert requirement_names(found['python']) == declared_requirements()
    assert any(name.startswith('requests>=') for name in requirement_names(found['python']))
    assert found['system'] == []


def test_example_definition_builds_a_context_whose_introspection_finds_requests(installed, tmp_path):
    """`ansible-builder create` on the example, then the introspection step of the image build
    (the context's own scripts/introspect.py) on the installed collection, as the builder
    stage runs it after installing the collections."""
    collections = installed[0]
    context = tmp_path / 'context'
    run(os.path.join(BIN, 'ansible-builder'), 'create', '-f', EXAMPLE, '-c', str(context))
    with open(context / '_build' / 'requirements.yml') as f:
        assert [c['name'] for c in yaml.safe_load(f)['collections']] == ['mailstore.spe']
    (containerfile,) = [p for p in context.iterdir() if p.name in ('Containerfile', 'Dockerfile')]
    assert 'introspect.py introspect' in containerfile.read_text()

    pip_file = tmp_path / 'requirements.txt'
    script = context / '_build' / 'scripts' / 'introspect.py'
    run(sys.executable, str(script), 'introspect', str(collections), '--write-pip', str(pip_file))
    assert requirement_names(pip_file.read_text().splitlines()) == declared_requirements()
