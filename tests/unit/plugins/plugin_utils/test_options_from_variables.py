# Copyright: contributors to mailstore.spe
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""<option>_var (definition_var, purge_users_var, ...): the action reads the option's value from the
task's variables and templates it only when something in it may hold a template
(tests/integration/test_spe_tenant.py runs it in playbooks)."""

from __future__ import annotations

import datetime

import pytest

from ansible_collections.mailstore.spe.plugins.module_utils import registry
from ansible_collections.mailstore.spe.plugins.plugin_utils.in_process import (
    holds_template,
    options_from_variables,
)

TENANT = registry.spec('mailstore.spe.spe_tenant')
DEFINITION = {
    'instance_id': 'acme',
    'users': [{'user_name': 'jdoe', 'privileges': ['login'], 'user_password': 'Secret-1'}],
    'smtp': {'smtp_port': 587, 'authentication_required': True, 'smtp_username': None},
}


class Templar:
    """What the action uses of the task's templar: ansible-core's check for a possible template, and
    templating, recorded."""

    def __init__(self):
        self.templated = []

    @staticmethod
    def is_possibly_template(value):
        return '{{' in value or '{%' in value

    def template(self, value):
        self.templated.append(value)
        return {'rendered': True}


def test_a_definition_without_a_template_is_taken_as_the_variable_holds_it():
    templar = Templar()
    args, problem = options_from_variables(
        TENANT, {'definition_var': 'tenant', 'purge_users': True}, {'tenant': DEFINITION}, templar
    )
    assert problem is None and templar.templated == []
    assert args == {'definition': DEFINITION, 'purge_users': True}


@pytest.mark.parametrize(
    'where',
    [
        {'display_name': '{{ company }} Corp'},
        {'users': [{'user_name': 'jdoe', 'full_name': '{% if true %}John{% endif %}'}]},
        {'smtp': {'{{ key }}': 587}},  # a key counts too
        {'users': [{'user_name': 'jdoe', 'valid_until': datetime.date(2027, 1, 1)}]},  # not a plain type
    ],
)
def test_a_definition_with_a_template_anywhere_is_templated_whole(where):
    templar = Templar()
    definition = dict(DEFINITION, **where)
    args, problem = options_from_variables(TENANT, {'definition_var': 'tenant'}, {'tenant': definition}, templar)
    assert problem is None and templar.templated == [definition]
    assert args == {'definition': {'rendered': True}}


@pytest.mark.parametrize(
    'named, task_vars, option',
    [
        ({'definition_var': 'tenant'}, {'tenant': '{{ tenants.acme }}'}, 'definition'),
        ({'purge_stores_var': 'cleanup'}, {'cleanup': '{{ offboarding }}'}, 'purge_stores'),
    ],
)
def test_the_variable_itself_may_be_a_template(named, task_vars, option):
    templar = Templar()
    args, problem = options_from_variables(TENANT, named, task_vars, templar)
    assert problem is None and templar.templated == list(task_vars.values())
    assert args == {option: {'rendered': True}}


@pytest.mark.parametrize(
    'args, task_vars, message',
    [
        ({'definition_var': 'tenant'}, {}, "definition_var: no variable 'tenant' is defined for this host"),
        ({'definition_var': 'tenant', 'definition': DEFINITION}, {'tenant': DEFINITION}, 'mutually exclusive'),
        ({'purge_users_var': 'tenant_purge_users'}, {}, "purge_users_var: no variable 'tenant_purge_users'"),
        ({'purge_jobs_var': 'flag', 'purge_jobs': False}, {'flag': True}, 'purge_jobs and purge_jobs_var are mutually'),
    ],
)
def test_a_variable_that_cannot_be_read_is_a_problem_before_anything_is_sent(args, task_vars, message):
    resolved, problem = options_from_variables(TENANT, args, task_vars, Templar())
    assert message in problem and problem.endswith('nothing was sent.')
    assert resolved == args


def test_modules_without_a_definition_and_tasks_without_the_option_are_left_alone():
    user = registry.spec('mailstore.spe.spe_user')
    assert user.named_by_variable == []
    args = {'definition_var': 'tenant', 'user_name': 'jdoe'}
    assert options_from_variables(user, args, {'tenant': DEFINITION}, Templar()) == (args, None)
    assert options_from_variables(TENANT, {'definition': DEFINITION}, {}, Templar()) == (
        {'definition': DEFINITION},
        None,
    )


@pytest.mark.parametrize(
    'value, holds',
    [
        ({'a': ['b', 1, 0.5, True, None]}, False),
        ({'a': ['b', '{{ c }}']}, True),
        ({'a': ('b',)}, True),  # a tuple is no type a variable file gives: templating decides
    ],
)
def test_holds_template(value, holds):
    assert holds_template(value, Templar()) is holds


def test_the_tenant_options_a_task_may_name_by_variable():
    assert sorted(TENANT.named_by_variable) == [
        ('definition', 'definition_var'),
        ('purge_jobs', 'purge_jobs_var'),
        ('purge_stores', 'purge_stores_var'),
        ('purge_users', 'purge_users_var'),
    ]


@pytest.mark.parametrize('flag', [True, False, 'yes'])  # validation converts what the variable holds, as for the option
def test_a_purge_flag_is_taken_as_its_variable_holds_it(flag):
    templar = Templar()
    args, problem = options_from_variables(
        TENANT,
        {'definition_var': 'tenant', 'purge_users_var': 'tenant_purge_users', 'purge_jobs': True},
        {'tenant': DEFINITION, 'tenant_purge_users': flag},
        templar,
    )
    assert problem is None and templar.templated == []
    assert args == {'definition': DEFINITION, 'purge_users': flag, 'purge_jobs': True}
