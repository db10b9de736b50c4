# Copyright: contributors to mailstore.spe
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""plugins/modules/, plugins/action/, meta/runtime.yml, README.md and docs/modules.md agree with
the registry (`make generate` writes them)."""

from __future__ import annotations

import importlib
import os
import sys

sys.path.insert(0, os.path.join(os.path.dirname(os.path.dirname(os.path.abspath(__file__))), 'tools'))

import registry_files  # noqa: E402


def test_everything_that_lists_the_modules_agrees_with_the_registry():
    assert registry_files.problems() == []


def test_every_module_has_an_action_of_its_name_that_is_the_one_runner():
    from ansible_collections.mailstore.spe.plugins.module_utils import registry
    from ansible_collections.mailstore.spe.plugins.plugin_utils.in_process import InProcessAction

    for name in registry.module_names():
        action = importlib.import_module('ansible_collections.mailstore.spe.plugins.action.%s' % name)
        assert action.ActionModule is InProcessAction, name


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
