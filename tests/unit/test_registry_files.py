# Copyright: contributors to mailstore.spe
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""plugins/modules/, plugins/action/, meta/runtime.yml, README.md and docs/modules.md agree with
the registry (`make generate` writes them)."""

from __future__ import annotations

import os
import sys

sys.path.insert(0, os.path.join(os.path.dirname(os.path.dirname(os.path.abspath(__file__))), 'tools'))

import registry_files  # noqa: E402


def test_everything_that_lists_the_modules_agrees_with_the_registry():
    assert registry_files.problems() == []


def test_every_module_but_spe_command_redirects_its_action_to_the_one_action_plugin():
    import yaml

    with open(os.path.join(registry_files.REPO, 'meta', 'runtime.yml'), encoding='utf-8') as handle:
        runtime = yaml.safe_load(handle)
    routed = runtime['plugin_routing']['action']
    assert sorted(routed) == sorted(set(runtime['action_groups']['spe']) - {'spe_command'})
    assert {entry['redirect'] for entry in routed.values()} == {'mailstore.spe.spe_command'}
    assert 'modules' not in runtime['plugin_routing']


def test_coverage_lists_every_reference_command_and_counts_those_with_a_module():
    import re

    from ansible_collections.mailstore.spe.plugins.module_utils import registry

    text = registry_files.coverage_md(registry.module_names())
    rows = re.findall(r'^\| `(\w+)` \| (.+?) \|', text, re.M)
    commands = registry_files.reference_commands()
    assert len(commands) == 109 and sorted({command for command, _module in rows}) == commands
    with_module = {c for c, module in rows if module != '`spe_command` only'}
    assert '**%d of the 109 commands**' % len(with_module) in text
    # A declaration's own spelling of a command is checked against the reference.
    assert {'GetInstances', 'FreezeInstances', 'SetUserFullName', 'GetComplianceConfiguration'} <= with_module
