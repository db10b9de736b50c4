# Copyright: contributors to mailstore.spe
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Every EXAMPLES task of every module runs against the simulator (issue 9.16): documentation
that a user copies must work. Each module's examples run as one play on a platform set up with
what they refer to (ACME Corp's instance, its stores and users)."""

from __future__ import annotations

import ast
import os
import re

import pytest
import yaml

from ansible_collections.mailstore.spe.plugins.module_utils import registry

MODULES = os.path.join(os.path.dirname(registry.__file__), '..', 'modules')
VARIABLE = re.compile(r'\{\{\s*(\w+)')


def examples(module):
    with open(os.path.join(MODULES, module + '.py'), encoding='utf-8') as handle:
        tree = ast.parse(handle.read())
    for node in tree.body:
        if isinstance(node, ast.Assign) and getattr(node.targets[0], 'id', None) == 'EXAMPLES':
            return node.value.value
    raise AssertionError('%s has no EXAMPLES' % module)


def secrets_for(text):
    """A value for every variable the examples use but do not register themselves."""
    registered = set(re.findall(r'register:\s*(\w+)', text))
    return {name: 'Example-Secret-%d!' % i for i, name in enumerate(sorted(set(VARIABLE.findall(text)) - registered))}


def platform(spe, module):
    """What the examples refer to: acme (running, service provider access; spe_instance's examples
    create it) with stores and users, globex, a detached store to attach again, a second
    system administrator."""
    spe.new_instance('acme')
    spe.new_instance('globex')
    spe.api('CreateSystemAdministrator', config={'userName': 'jdoe'}, password='Admin-Password-1!')
    for name, path, state in (
        ('Messages 2024', 'E:\\Archive\\acme\\Messages-2024', 'normal'),
        ('Messages 2022', 'E:\\Archive\\acme\\Messages-2022', 'current'),
        ('Messages 2015', 'E:\\Archive\\acme\\Messages-2015', 'normal'),
        ('Imported 2019', 'E:\\Import\\acme\\2019', 'normal'),
    ):
        spe.api('CreateStore', instanceID='acme', name=name, databasePath=path, requestedState=state)
    imported = [s['id'] for s in spe.api('GetStores', instanceID='acme') if s['name'] == 'Imported 2019'][0]
    spe.api('DetachStore', instanceID='acme', id=imported)
    for user in ('jdoe', 'asmith', 'bsmith', 'compliance', 'svc-journal'):
        spe.api('CreateUser', instanceID='acme', userName=user, privileges='login')
    spe.api('SetDirectoryServicesConfiguration', instanceID='acme', config={'type': 'activeDirectory'})
    # Archived folders (S53) for spe_folder's examples: jdoe's projects, an empty folder of asmith.
    spe.hook('folder', {'instanceID': 'acme', 'folder': 'jdoe/Projects', 'count': 5, 'size': 500})
    spe.hook('folder', {'instanceID': 'acme', 'folder': 'asmith/Drafts'})
    if module == 'spe_instance':
        spe.api('StopInstances', instanceFilter='acme')
        spe.api('DeleteInstances', instanceFilter='acme')


@pytest.mark.parametrize('module', registry.module_names())
def test_every_example_runs(spe, module):
    text = examples(module)
    platform(spe, module)
    run = spe.playbook(text, play_vars=secrets_for(text), name=module)
    assert run.rc == 0, run
    assert run.recap['localhost']['failed'] == 0
    assert run.recap['localhost']['ok'] >= len(yaml.safe_load(text))
