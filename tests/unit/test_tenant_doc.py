# Copyright: contributors to mailstore.spe
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""spe_tenant's documentation is the per-object modules' (tests/tools/tenant_doc.py writes it), and its
argument spec is made of theirs: neither can drift from the modules a tenant is made of."""

from __future__ import annotations

import json
import os
import sys

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), '..', 'tools'))
import tenant_doc  # noqa: E402

from ansible_collections.mailstore.spe.plugins.module_utils.declarations.tenant import PARTS, TENANT  # noqa: E402


def test_the_documentation_is_what_the_tool_writes():
    assert tenant_doc.main(['--check']) == 0


def test_every_part_takes_its_modules_options_but_instance_id():
    spec = TENANT.argument_spec()
    for part in PARTS:
        own = part.declaration.argument_spec()
        assert set(spec[part.key]['options']) == set(own) - set(part.left_out), part.key
        for option, option_spec in spec[part.key]['options'].items():
            assert option_spec == own[option], (part.key, option)


def test_secrets_of_every_part_stay_no_log():
    spec = TENANT.argument_spec()
    assert spec['users']['options']['user_password']['no_log'] is True
    assert spec['smtp']['options']['smtp_password']['no_log'] is True


def test_the_role_names_the_variables_of_the_definition_and_the_purge_flags_and_holds_no_template():
    import yaml

    path = os.path.join(tenant_doc.REPO, 'roles', 'tenant_onboarding', 'tasks', 'main.yml')
    with open(path, encoding='utf-8') as handle:
        tasks = yaml.safe_load(handle)
    assert len(tasks) == 1  # a task costs every tenant a worker process
    converge = tasks[0]['mailstore.spe.spe_tenant']
    assert converge == {
        'definition_var': 'tenant',
        'purge_users_var': 'tenant_purge_users',
        'purge_jobs_var': 'tenant_purge_jobs',
        'purge_stores_var': 'tenant_purge_stores',
    }
    assert '{{' not in json.dumps(converge)  # a template sets up Jinja in every tenant's worker


def test_a_definition_takes_every_tenant_option_and_nothing_else():
    spec = TENANT.argument_spec()
    keys = set(TENANT.definition_keys())
    assert keys == set(spec) - {
        'purge_users',
        'purge_jobs',
        'purge_stores',
        'parallel_reads',
        'definition',
        'definition_var',
        'purge_users_var',
        'purge_jobs_var',
        'purge_stores_var',
    }
    assert {'instance_id', 'display_name', 'stores', 'users', 'jobs', 'smtp', 'compliance'} <= keys
