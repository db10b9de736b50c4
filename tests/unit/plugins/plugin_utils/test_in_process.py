# Copyright: contributors to mailstore.spe
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Task arguments reach validation as plain data, as a module process would receive them."""

from __future__ import annotations

import gc
import multiprocessing
import os
import types

import pytest

from ansible_collections.mailstore.spe.plugins.plugin_utils.in_process import plain_data

datatag = pytest.importorskip(
    'ansible.module_utils._internal._datatag', reason='tagged values exist from ansible-core 2.19'
)
tags = pytest.importorskip('ansible._internal._datatag._tags')


def tagged(value):
    return datatag.AnsibleTagHelper.tag(value, [tags.Origin(path='/inventory/host_vars/acme.yml', line_num=3)])


def test_tagged_values_become_the_built_in_types_with_the_same_values():
    args = {
        tagged('user_name'): tagged('alice'),
        'port': tagged(8474),
        'ratio': tagged(0.5),
        'enabled': True,
        'privileges': (tagged('login'), 'export'),
        'folder_access': [{'folder': tagged('alice')}],
        'none': None,
    }
    assert [type(args['port'])] != [int]  # the premise: ansible-core hands over subclasses

    plain = plain_data(args)

    assert plain == {
        'user_name': 'alice',
        'port': 8474,
        'ratio': 0.5,
        'enabled': True,
        'privileges': ['login', 'export'],
        'folder_access': [{'folder': 'alice'}],
        'none': None,
    }
    assert [type(key) for key in plain] == [str] * len(plain)
    assert (type(plain['user_name']), type(plain['port']), type(plain['ratio']), type(plain['enabled'])) == (
        str,
        int,
        float,
        bool,
    )
    assert [type(plain['privileges'][0]), type(plain['folder_access'][0]['folder'])] == [str, str]


def test_booleans_stay_booleans():
    assert plain_data([True, False]) == [True, False]
    assert [type(v) for v in plain_data([True, False, 1])] == [bool, bool, int]


# --- the in-process runner's use of ansible-core: public interfaces only, run on every supported version ----

from ansible_collections.mailstore.spe.plugins.module_utils import registry  # noqa: E402
from ansible_collections.mailstore.spe.plugins.module_utils.runner import ModuleSpec  # noqa: E402
from ansible_collections.mailstore.spe.plugins.plugin_utils import in_process  # noqa: E402

CONNECTION = dict(server='spe.example.com', username='admin', password='connection-secret')


class NoCalls:
    def call(self, command, **arguments):
        return []


@pytest.fixture
def shown(monkeypatch):
    """What reaches the user: the result's warnings/deprecations (ansible-core < 2.19 collects them for the
    result), or Display (ansible-core >= 2.19 shows them at once on the controller)."""
    from ansible.utils.display import Display

    seen = []
    monkeypatch.setattr(Display, 'warning', lambda self, msg, *args, **kwargs: seen.append(msg))
    monkeypatch.setattr(Display, 'deprecated', lambda self, msg, *args, **kwargs: seen.append(msg))

    def messages(result):
        found = list(seen) + list(result.get('warnings', []))
        return found + [d['msg'] for d in result.get('deprecations', [])]

    return messages


def test_alias_warnings_reach_the_user_as_from_a_module_process(shown):
    result = in_process.run_task(
        'spe_instance_info',
        dict(CONNECTION, filter='*', instance_filter='*', include_configuration=False),
        client_factory=lambda params: NoCalls(),
    )
    assert not result.get('failed'), result
    assert 'Both option filter and its alias instance_filter are set.' in shown(result)


def test_deprecations_reach_the_user(monkeypatch, shown):
    spec = ModuleSpec(
        {
            'name': dict(
                type='str',
                aliases=['old_name'],
                deprecated_aliases=[dict(name='old_name', version='2.0.0', collection_name='mailstore.spe')],
            )
        },
        lambda ctx: {'changed': False},
    )
    monkeypatch.setattr(registry, 'spec', lambda name: spec)
    result = in_process.run_task('spe_anything', dict(CONNECTION, old_name='x'), client_factory=lambda p: NoCalls())
    assert not result.get('failed'), result
    assert any('old_name' in message for message in shown(result))


def test_connection_fallbacks_read_the_tasks_environment_over_the_controllers(monkeypatch):
    monkeypatch.setenv('MAILSTORE_SPE_SERVER', 'controller.example.com')
    seen = {}

    def factory(params):
        seen.update(params)
        return NoCalls()

    args = {'username': 'admin', 'password': 'pw', 'instance_id': 'acme'}
    in_process.run_task(
        'spe_user_info', args, environ={'MAILSTORE_SPE_SERVER': 'task.example.com'}, client_factory=factory
    )
    assert seen['server'] == 'task.example.com'
    assert os.environ['MAILSTORE_SPE_SERVER'] == 'controller.example.com'  # put back after validation


def test_every_no_log_value_is_masked_in_the_whole_result():
    result = in_process.run_task(
        'spe_user',
        dict(CONNECTION, instance_id='acme', user_name='jdoe', user_password='User-Secret-9'),
        check_mode=True,
        client_factory=lambda p: NoCalls(),
    )
    text = repr(result)
    assert 'User-Secret-9' not in text and 'connection-secret' not in text


@pytest.mark.parametrize('secret', ['User-Secret-9', 'quote"and\\backslash', 'Größe-ünd-€', '12345'])
def test_a_secret_anywhere_in_a_result_is_masked_as_remove_values_masks_it(secret):
    from ansible.module_utils.common.parameters import remove_values

    result = {'msg': 'said %s once' % secret, 'object': {'note': [secret]}, 'count': 12345, 'ok': True}
    assert in_process.masked(result, {secret}) == remove_values(result, {secret})
    assert secret not in repr(in_process.masked(result, {secret}))


def test_a_result_without_a_secret_is_not_copied():
    result = {'msg': 'nothing to hide', 'objects': [{'changed': False}], 'invocation': {'module_args': {}}}
    assert in_process.masked(result, {'User-Secret-9'}) is result


def test_invocation_shows_every_no_log_option_as_remove_values_would_and_no_unset_suboption():
    spec = registry.spec('spe_tenant').argument_spec
    params = {
        'instance_id': 'acme',
        'display_name': None,
        'password': 'connection-secret',
        'users': [
            {'user_name': 'jdoe', 'user_password': 'User-Secret-9'},
            {'user_name': 'nopw', 'user_password': None},
        ],
        'smtp': {'hostname': 'mail', 'smtp_password': 'Smtp-Secret-1'},
    }
    shown = in_process.shown_arguments(spec, params)
    assert shown['password'] == shown['users'][0]['user_password'] == shown['smtp']['smtp_password']
    assert shown['password'] == 'VALUE_SPECIFIED_IN_NO_LOG_PARAMETER'
    assert shown['users'][1] == {'user_name': 'nopw'} and shown['smtp']['hostname'] == 'mail'
    assert shown['display_name'] is None  # a top-level option shows as a module process shows it
    assert params['users'][0]['user_password'] == 'User-Secret-9'  # the task's own params are not touched


def test_invocation_is_returned_only_when_asked_for_from_vvv_on():
    args = dict(CONNECTION, instance_id='acme', user_name='jdoe', user_password='User-Secret-9')
    shown = in_process.run_task('spe_user', args, check_mode=True, client_factory=lambda p: NoCalls())
    quiet = in_process.run_task(
        'spe_user', args, check_mode=True, client_factory=lambda p: NoCalls(), with_invocation=False
    )
    assert shown['invocation']['module_args']['user_password'] == 'VALUE_SPECIFIED_IN_NO_LOG_PARAMETER'
    assert 'invocation' not in quiet
    assert {k: v for k, v in shown.items() if k != 'invocation'} == quiet


def test_the_controller_loads_the_cas_of_the_environment_before_it_forks(monkeypatch, tmp_path):
    import trustme

    from ansible_collections.mailstore.spe.plugins.module_utils import client

    path = tmp_path / 'ca.pem'
    trustme.CA().cert_pem.write_to_path(str(path))
    monkeypatch.setattr(client, '_TLS_CONTEXTS', {})
    monkeypatch.setenv('MAILSTORE_SPE_CA_PATH', str(path))
    in_process.warm_tls_context()
    assert len(client._TLS_CONTEXTS) == 1
    loaded = next(iter(client._TLS_CONTEXTS.values()))
    assert client.tls_context(str(path)) is loaded  # what a worker's client then uses


def test_no_ca_is_loaded_when_the_environment_turns_verification_off(monkeypatch):
    from ansible_collections.mailstore.spe.plugins.module_utils import client

    monkeypatch.setattr(client, '_TLS_CONTEXTS', {})
    monkeypatch.delenv('MAILSTORE_SPE_CA_PATH', raising=False)
    monkeypatch.setenv('MAILSTORE_SPE_VALIDATE_CERTS', 'false')
    in_process.warm_tls_context()
    assert client._TLS_CONTEXTS == {}


def bare_action(args, **task_fields):
    """An InProcessAction on an spe_tenant task with ``args``: no connection or loader, which these
    tests do not need."""
    task = types.SimpleNamespace(
        args=args,
        resolved_action='mailstore.spe.spe_tenant',
        environment=None,
        check_mode=False,
        diff=False,
        **task_fields,
    )
    action = in_process.InProcessAction.__new__(in_process.InProcessAction)
    action._task = task
    return action, task


def test_the_task_hands_its_arguments_back_to_the_controller_as_plain_data(monkeypatch):
    """ansible-core sends the task's arguments back with the result; tagged, a tenant's definition
    cost milliseconds to pickle in the worker and to unpickle in the controller."""
    definition = {tagged('instance_id'): tagged('acme'), 'users': [{'name': tagged('jdoe'), 'port': tagged(8474)}]}
    action, task = bare_action({'definition': definition})
    seen = []
    monkeypatch.setattr(in_process, 'run_task', lambda name, args, **options: seen.append(args) or {})
    action._run_in_process()
    assert task.args == {'definition': {'instance_id': 'acme', 'users': [{'name': 'jdoe', 'port': 8474}]}}
    user = task.args['definition']['users'][0]
    assert (type(user['name']), type(user['port'])) == (str, int)
    assert {type(key) for key in task.args['definition']} == {str}
    assert seen == [task.args]  # the module sees the same values


def test_a_task_that_names_its_definition_gets_back_the_arguments_it_gave(monkeypatch):
    """The module sees the definition the variable holds; the controller, which keeps a task's returned
    arguments per host, gets back the task's own (``definition_var``), as plain data."""
    from ansible.plugins.action import ActionBase

    definition = {'instance_id': 'acme', 'users': [{'user_name': 'jdoe'}]}
    action, task = bare_action({'definition_var': tagged('tenant'), 'purge_users': tagged(False)}, async_val=0)
    seen = []
    monkeypatch.setattr(ActionBase, 'run', lambda self, tmp=None, task_vars=None: {})
    monkeypatch.setattr(in_process, 'run_task', lambda name, args, **options: seen.append(args) or {'changed': False})
    monkeypatch.delenv(in_process.EXECUTION_ENV, raising=False)
    action._templar = types.SimpleNamespace(is_possibly_template=lambda value: False)
    assert action.run(task_vars={'tenant': definition}) == {'changed': False}
    assert seen == [{'purge_users': False, 'definition': definition}]
    assert task.args == {'definition_var': 'tenant', 'purge_users': False}
    assert {type(value) for value in task.args.values()} == {str, bool}


def _frozen_in_a_child(connection):
    in_process.freeze_inherited_objects()
    connection.send(gc.get_freeze_count())
    connection.close()


def test_a_forked_worker_freezes_what_it_inherited_and_the_controller_does_not():
    """A full collection in a worker would walk the controller's whole heap; the controller's own
    collector must stay as it is."""
    frozen_before = gc.get_freeze_count()
    in_process.freeze_inherited_objects()  # here: the main process, as the controller is
    assert gc.get_freeze_count() == frozen_before

    receiving, sending = multiprocessing.Pipe(duplex=False)
    worker = multiprocessing.get_context('fork').Process(target=_frozen_in_a_child, args=(sending,))
    worker.start()
    frozen_in_worker = receiving.recv()
    worker.join()
    assert worker.exitcode == 0
    assert frozen_in_worker > frozen_before
