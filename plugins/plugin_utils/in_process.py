# Copyright: contributors to mailstore.spe
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Run a mailstore.spe module inside the controller's worker process.

A module task costs a Python start and a module payload (~0.24 s on a 2-core machine); the
same work done here costs ~0.015 s. Every module has an action plugin of its name
(``plugins/action/<module>.py``, generated) that is this runner, which finds the task's
``ModuleSpec`` in the registry. Found by the module's name when the controller plans the task,
the runner (with ``requests`` and the declarations) is loaded once and the forked workers
inherit it. The module file runs the very same spec, so both paths validate, predict and report
identically.

What a module process would do for us, done here with ansible-core's public pieces:
argument validation (``ModuleArgumentSpecValidator``, env fallbacks reading the task's
``environment:`` as a module process would see it), alias warnings and deprecations,
``module_defaults`` (applied to the task's args by ansible-core before the action runs),
check and diff mode, and ``no_log``: every no_log value is masked in the whole result,
``invocation`` included, as ``AnsibleModule`` masks it. ``invocation`` itself is returned from
``-vvv`` on, where Ansible shows it (a registered result never keeps it): for a tenant it is the
whole definition, which the controller would otherwise copy twice per task for nothing.

``MAILSTORE_SPE_EXECUTION=module`` hands the task to an ordinary module process instead
(for comparison, or for a setup that must run the API call on the target host). A task with
``async`` always runs as a module process: Ansible's async wrapper runs a module in the
background and ``async_status`` (or ``poll``) follows it; an action cannot be backgrounded.

Progress lines a long wait reports (``TaskContext.progress``) are shown on the controller's
display as they come when the task runs here; a module process has no channel for them.
"""

from __future__ import annotations

import contextlib
import gc
import json
import multiprocessing
import os

from ansible.errors import AnsibleError
from ansible.module_utils.common import warnings as module_warnings
from ansible.module_utils.common.arg_spec import ModuleArgumentSpecValidator
from ansible.module_utils.common.parameters import remove_values
from ansible.module_utils.common.validation import check_type_bool, check_type_path
from ansible.module_utils.errors import UnsupportedError
from ansible.plugins.action import ActionBase
from ansible.utils.display import Display

from ansible_collections.mailstore.spe.plugins.module_utils import registry
from ansible_collections.mailstore.spe.plugins.module_utils.client import HAS_REQUESTS, tls_context
from ansible_collections.mailstore.spe.plugins.module_utils.connection import (
    CONNECTION_ARGUMENT_SPEC,
    ENV_PREFIX,
    client_from_params,
)
from ansible_collections.mailstore.spe.plugins.module_utils.runner import TaskContext

registry.load()  # here, in the controller: the workers forked per task inherit the declarations


def warm_tls_context():
    """Load the CAs the environment's connection options trust (``MAILSTORE_SPE_CA_PATH``, or
    requests' bundle), here in the controller: each worker forked per task then starts with them
    loaded, where it would load them for its one connection (~75 ms for the bundle). A task that
    names another ``ca_path`` loads that one itself, as before."""
    if not HAS_REQUESTS:
        return
    ca_path = os.environ.get(ENV_PREFIX + 'CA_PATH')
    try:  # the options' own conversions (type path, type bool), as validation will do them
        if ca_path:
            tls_context(check_type_path(ca_path))
        elif check_type_bool(os.environ.get(ENV_PREFIX + 'VALIDATE_CERTS', 'true')):
            tls_context(True)
    except TypeError:  # not a boolean: the task's validation says so
        pass


warm_tls_context()


MAIN_PROCESS = 'MainProcess'  # multiprocessing's name for a process it did not start


def freeze_inherited_objects():
    """In a worker forked for the task, move what it inherited from the controller out of the
    garbage collector's reach (``gc.freeze``), as Python's documentation advises for a child of
    ``fork``. The controller's heap grows with the inventory (about 0.3 MB per tenant of the bench's
    workload); a full collection in a worker walks all of it and copies every page it touches. At
    500 tenants that cost 2.9 ms of CPU per task on average, about 100 ms each time. The worker ends
    with the task, so nothing frozen here lives longer than it would have; the controller's own
    collector is left alone."""
    if multiprocessing.current_process().name != MAIN_PROCESS:
        gc.freeze()


# One client per connection settings for the life of this worker process: the items of a loop
# run in the same worker, so every item after the first reuses the kept-alive TLS connection
# (a new connection costs a handshake, ~5 ms; a call on a kept-alive one ~1 ms).
_CLIENTS = {}

EXECUTION_ENV = 'MAILSTORE_SPE_EXECUTION'
INVOCATION_VERBOSITY = 3  # -vvv: where ansible-core's default callback starts to show a module's invocation
EXECUTION_MODES = ('in_process', 'module')


def shared_client(params):
    key = tuple(params.get(option) for option in sorted(CONNECTION_ARGUMENT_SPEC))
    if key not in _CLIENTS:
        _CLIENTS[key] = client_from_params(params)
    return _CLIENTS[key]


def execution_mode():
    mode = os.environ.get(EXECUTION_ENV, 'in_process').strip().lower() or 'in_process'
    if mode not in EXECUTION_MODES:
        raise ValueError('%s must be one of %s, not %r' % (EXECUTION_ENV, ', '.join(EXECUTION_MODES), mode))
    return mode


PLAIN_SCALARS = (str, bool, int, float)  # bool before int: True stays True, not 1


def plain_data(value):
    """``value`` with every str, int and float as the built-in type, as a module process gets it.

    Task arguments carry Ansible's tags (origin, trust: subclasses of str, int, ...). Argument
    validation deep-copies its input, and tagged values copy slowly: validating a user's
    arguments takes 0.43 ms tagged and 0.09 ms plain (docs/performance.md). A JSON round trip is
    what a module process gets, and does it at C speed (a tenant's definition: ~1 ms instead of ~10);
    a value JSON cannot carry (a date YAML read unquoted) falls back to the walk below.
    """
    try:
        return json.loads(json.dumps(value))
    except (TypeError, ValueError):
        return plain_walk(value)


def plain_walk(value):
    if isinstance(value, dict):
        return {plain_walk(key): plain_walk(item) for key, item in value.items()}
    if isinstance(value, (list, tuple)):
        return [plain_walk(item) for item in value]
    for plain_type in PLAIN_SCALARS:
        if isinstance(value, plain_type):
            return plain_type(value)
    return value


def holds_template(value, templar):
    """Whether templating ``value`` could give anything but ``value``: a string somewhere in it that
    may hold a template, or a value of another than the plain types (a vaulted string, a date)."""
    if isinstance(value, dict):
        return any(holds_template(key, templar) or holds_template(item, templar) for key, item in value.items())
    if isinstance(value, list):
        return any(holds_template(item, templar) for item in value)
    if isinstance(value, str):
        return templar.is_possibly_template(value)
    return not (value is None or isinstance(value, (bool, int, float)))


def options_from_variables(spec, args, task_vars, templar):
    """``args`` with each ``<option>_var`` the task gives (``definition_var``, ``purge_users_var``)
    replaced by ``<option>`` and the value of the variable it names, and the problem (or None).

    A template in a task's arguments costs every task: ``definition: "{{ tenant }}"`` has ansible-core
    template and copy every value of the definition (~20 ms of CPU for a tenant of 27 objects), and
    ``purge_users: "{{ tenant_purge_users }}"`` has each worker set up Jinja (~8 ms), though most
    values hold no template at all (docs/performance.md). Read from the task's variables, a value in
    which something may hold a template is templated whole, by the task's own templar, as the
    template would have been; one without is taken as it is, which is what templating would return.
    """
    resolved = args
    for option, named in spec.named_by_variable:
        name = args.get(named)
        if name is None:
            continue
        if args.get(option) is not None:
            return args, '%s and %s are mutually exclusive; nothing was sent.' % (option, named)
        if not isinstance(name, str) or name not in task_vars:
            return args, '%s: no variable %r is defined for this host; nothing was sent.' % (named, name)
        value = task_vars[name]
        if holds_template(value, templar):
            value = templar.template(value)
        resolved = {key: item for key, item in resolved.items() if key != named}
        resolved[option] = value
    return resolved, None


def no_log_values(argument_spec, params):
    """Every value of a ``no_log`` option, suboptions included: what the result must not show."""
    found = set()
    for option, spec in argument_spec.items():
        value = params.get(option) if isinstance(params, dict) else None
        if value is None:
            continue
        if spec.get('no_log'):
            found.update(
                str(item) for item in (value if isinstance(value, list) else [value]) if item not in ('', None)
            )
        if spec.get('options'):
            for item in value if isinstance(value, list) else [value]:
                found |= no_log_values(spec['options'], item)
    return found


NO_LOG_PLACEHOLDER = 'VALUE_SPECIFIED_IN_NO_LOG_PARAMETER'  # what remove_values puts for a no_log value


def shown_arguments(argument_spec, params, nested=False):
    """``params`` as ``invocation`` shows them: the value of every ``no_log`` option (suboptions
    included) replaced as ``remove_values`` replaces it, and the suboptions the task left unset
    left out (a tenant's 20 users would otherwise show 200 nulls)."""
    shown = {}
    for option, value in params.items():
        spec = argument_spec.get(option) or {}
        if value is None and nested:
            continue
        if spec.get('no_log') and isinstance(value, str):
            value = NO_LOG_PLACEHOLDER
        elif spec.get('options') and isinstance(value, dict):
            value = shown_arguments(spec['options'], value, nested=True)
        elif spec.get('options') and isinstance(value, list):
            value = [
                shown_arguments(spec['options'], item, nested=True) if isinstance(item, dict) else item
                for item in value
            ]
        shown[option] = value
    return shown


def masked(result, secrets):
    """``remove_values(result, secrets)``, as a module masks its result, without its walk over the whole
    result when no secret is in it. Most results hold none by now (the engine shows ******** in diffs,
    ``invocation`` is masked by its spec): a search of the JSON text, at C speed, finds that out."""
    if not secrets:
        return result
    try:
        text = json.dumps(result, ensure_ascii=False)
    except (TypeError, ValueError):
        return remove_values(result, secrets)
    if any(json.dumps(secret, ensure_ascii=False)[1:-1] in text for secret in secrets):
        return remove_values(result, secrets)
    return result


@contextlib.contextmanager
def environment(overlay):
    """``os.environ`` with the task's ``environment:`` on top, as a module process would see it.

    A worker process runs one task; the original environment is back when the block ends."""
    saved = {name: os.environ.get(name) for name in overlay}
    os.environ.update(overlay)
    try:
        yield
    finally:
        for name, value in saved.items():
            if value is None:
                os.environ.pop(name, None)
            else:
                os.environ[name] = value


class InProcessAction(ActionBase):
    """The action plugin of every mailstore.spe module."""

    TRANSFERS_FILES = False
    _supports_check_mode = True
    _supports_async = True

    def run(self, tmp=None, task_vars=None):
        freeze_inherited_objects()
        result = super().run(tmp, task_vars)
        try:
            mode = execution_mode()
        except ValueError as exc:
            return dict(result, failed=True, msg=str(exc))
        spec = registry.spec(self._task.resolved_action)
        args, problem = options_from_variables(spec, self._task.args, task_vars or {}, self._templar)
        if problem:
            return dict(result, failed=True, changed=False, msg=problem)
        named = self._task.args
        self._task.args = args
        try:
            if mode == 'module' or self._task.async_val:
                return dict(result, **self._run_as_module(task_vars))
            return dict(result, **self._run_in_process())
        finally:
            if args is not named:
                # The task named its definition (or a flag): the controller gets back the arguments as
                # the task gave them, not the values read for it. ansible-core keeps a task's returned
                # arguments per host: the definition was ~36 KB of the controller's memory per tenant.
                self._task.args = plain_data(named)

    def _run_as_module(self, task_vars):
        """The module file in a module process; with ``async``, wrapped by Ansible's async wrapper
        (it returns at once with ``ansible_job_id``; ``poll`` or ``async_status`` follow it)."""
        wrap_async = bool(self._task.async_val) and not self._connection.has_native_async
        return self._execute_module(
            module_name=self._task.resolved_action,
            module_args=self._task.args,
            task_vars=task_vars,
            wrap_async=wrap_async,
        )

    def task_environment(self):
        """The task's ``environment:`` (play, block and task levels merged, templated), as ansible-core
        builds it for a module process."""
        merged = {}
        environments = self._task.environment or []
        for item in environments if isinstance(environments, list) else [environments]:
            if not item:
                continue
            templated = self._templar.template(item)
            if not isinstance(templated, dict):
                raise AnsibleError('environment must be a dictionary, received %s (%s)' % (templated, type(templated)))
            merged.update({str(k): str(v) for k, v in templated.items()})
        return merged

    def _run_in_process(self):
        # ansible-core sends the task's templated arguments back to the controller with the
        # result (the task's fields), each value tagged with where it came from. For a tenant's
        # definition that costs ~6 ms to pickle here and ~4 ms to unpickle in the controller's
        # one process; as the plain data the module sees, 0.1 ms. The values do not change. This is
        # the one conversion: run_task validates plain data (plain_data says why).
        self._task.args = plain_data(self._task.args)
        return run_task(
            self._task.resolved_action,
            self._task.args,
            environ=self.task_environment(),
            check_mode=bool(self._task.check_mode),
            diff_mode=bool(self._task.diff),
            on_progress=show_progress,
            # Ansible shows a module's invocation from -vvv on, and never keeps it in a registered
            # result; below that, the controller would only copy it (a tenant's: its whole definition).
            with_invocation=Display().verbosity >= INVOCATION_VERBOSITY,
        )


def show_progress(message):
    """A progress line of a long wait, on the controller's display while the task runs."""
    Display().display(message)


def run_task(
    name,
    args,
    environ=None,
    check_mode=False,
    diff_mode=False,
    client_factory=shared_client,
    on_progress=None,
    with_invocation=True,
):
    """One task of module ``name`` with ``args`` (plain data, as ``plain_data`` makes the task's), as a
    module process would run it: validation (env fallbacks see ``environ`` over the controller's
    environment), then the module's run.
    ``on_progress(line)`` gets the progress lines of a long wait. Returns the result, failures
    included, with every no_log value masked, and ``invocation`` when ``with_invocation``."""
    spec = registry.spec(name)
    args, problem = spec.prepare(dict(args))
    if problem:
        return dict(failed=True, changed=False, msg=problem)
    seen_warnings = len(module_warnings.get_warning_messages())
    seen_deprecations = len(module_warnings.get_deprecation_messages())
    with environment(environ or {}):
        validation = ModuleArgumentSpecValidator(spec.argument_spec, **spec.constraints).validate(args)
    secrets = no_log_values(spec.argument_spec, validation.validated_parameters)
    reports = {}
    new_warnings = list(module_warnings.get_warning_messages()[seen_warnings:])
    new_deprecations = [dict(d) for d in module_warnings.get_deprecation_messages()[seen_deprecations:]]
    if new_deprecations:
        reports['deprecations'] = new_deprecations
    if validation.error_messages:
        msg = validation.errors.msg
        if isinstance(validation.errors[0], UnsupportedError):
            msg = 'Unsupported parameters for (%s) module: %s' % (name, msg)
        return remove_values(dict(reports, failed=True, changed=False, msg=msg), secrets)
    if not HAS_REQUESTS:
        return dict(
            failed=True, changed=False, msg='The Python library requests is required on the controller for %s.' % name
        )

    params = validation.validated_parameters
    ctx = TaskContext(
        params,
        check_mode=check_mode,
        diff_mode=diff_mode,
        client_factory=client_factory,
        owns_client=False,
        on_progress=on_progress and (lambda line: on_progress(remove_values(line, secrets))),
    )
    with environment(environ or {}):  # HTTPS_PROXY and NO_PROXY of the task's environment, as a module process has them
        result = spec.execute(ctx)
    if new_warnings:
        result['warnings'] = new_warnings + result.get('warnings', [])
    result.update(reports)
    if with_invocation:
        result['invocation'] = {'module_args': shown_arguments(spec.argument_spec, params)}
    return masked(result, secrets)
