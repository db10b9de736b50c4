# Copyright: contributors to mailstore.spe
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Documentation written once: the shared RETURN entries are copies of one canonical text
(ansible-core < 2.20 has no RETURN fragments), and the module docs agree with the specs."""

from __future__ import annotations

import ast
import os

import pytest
import yaml

from ansible_collections.mailstore.spe.plugins.doc_fragments.results import ModuleDocFragment
from ansible_collections.mailstore.spe.plugins.module_utils import registry

MODULES = os.path.join(os.path.dirname(registry.__file__), '..', 'modules')
CANONICAL = ModuleDocFragment.RETURN.strip('\n').split('\n')
INFO_KEYS = ('failed_command', 'error')


def doc_strings(module):
    with open(os.path.join(MODULES, module + '.py'), encoding='utf-8') as handle:
        tree = ast.parse(handle.read())
    return {
        node.targets[0].id: node.value.value
        for node in tree.body
        if isinstance(node, ast.Assign) and getattr(node.targets[0], 'id', None) in ('DOCUMENTATION', 'RETURN')
    }


def expected_lines(module):
    if module.endswith('_info'):
        return [line for line in CANONICAL if line.startswith(INFO_KEYS)]
    return CANONICAL


@pytest.mark.parametrize('module', [m for m in registry.module_names() if m != 'spe_command'])
def test_shared_return_entries_are_the_canonical_text(module):
    lines = doc_strings(module)['RETURN'].split('\n')
    missing = [line for line in expected_lines(module) if line not in lines]
    assert not missing, '%s: RETURN must hold these lines of plugins/doc_fragments/results.py as they are: %s' % (
        module,
        missing,
    )


def test_the_canonical_text_is_valid_return_documentation():
    entries = yaml.safe_load(ModuleDocFragment.RETURN)
    assert set(entries) == {'commands', 'commands_uncertain', 'failed_command', 'error'}
    for entry in entries.values():
        assert entry['description'] and entry['returned'] and entry['type']


@pytest.mark.parametrize('module', registry.module_names())
def test_documented_options_are_the_spec_options(module):
    """ansible-test checks this too; here it fails fast, and names the fragment a module lacks."""
    doc = yaml.safe_load(doc_strings(module)['DOCUMENTATION'])
    documented = set(doc.get('options', {}))
    fragments = doc.get('extends_documentation_fragment', [])
    for fragment in fragments:
        if fragment.startswith('mailstore.spe.'):
            name = fragment.split('.')[-1]
            module_path = 'ansible_collections.mailstore.spe.plugins.doc_fragments.' + name
            text = __import__(module_path, fromlist=['ModuleDocFragment']).ModuleDocFragment.DOCUMENTATION
            documented |= set((yaml.safe_load(text) or {}).get('options', {}))
    spec = registry.spec(module).argument_spec
    assert documented == set(spec), (sorted(documented ^ set(spec)), fragments)
