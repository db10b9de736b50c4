# Copyright: contributors to mailstore.spe
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Run a mailstore.spe module inside the controller's worker process.

A module task costs a Python start and a module payload (~0.24 s on a 2-core machine); the
same work done here costs ~0.015 s. Every action plugin of this collection is a subclass of
``InProcessAction`` naming its ``ModuleSpec``; the module file runs the very same spec, so both
paths validate, predict and report identically.

What a module process would do for us, done here with Ansible's own pieces:
argument validation (``ArgumentSpecValidator`` with the module's spec, env fallbacks
included), ``module_defaults`` (applied to the task's args by ansible-core >= 2.19, by us
before), check and diff mode, and ``no_log``: every no_log value is masked in the whole
result, ``invocation`` included, exactly as ``AnsibleModule`` masks it.

``MAILSTORE_SPE_EXECUTION=module`` hands the task to an ordinary module process instead
(for comparison, or for a setup that must run the API call on the target host).
"""

from __future__ import annotations

import os

from ansible.module_utils.common.arg_spec import ArgumentSpecValidator
from ansible.module_utils.common.parameters import remove_values
from ansible.module_utils.errors import UnsupportedError
from ansible.plugins.action import ActionBase

from ansible_collections.mailstore.spe.plugins.module_utils.client import HAS_REQUESTS
from ansible_collections.mailstore.spe.plugins.module_utils.connection import (
    CONNECTION_ARGUMENT_SPEC,
    client_from_params,
)
from ansible_collections.mailstore.spe.plugins.module_utils.runner import TaskContext

try:  # ansible-core < 2.19 applies module_defaults only when a module is executed
    from ansible.executor.module_common import get_action_args_with_defaults
except ImportError:  # ansible-core >= 2.19 has already applied them to the task's args
    get_action_args_with_defaults = None

# One client per connection settings for the life of this worker process: the items of a loop
# run in the same worker, so every item after the first reuses the kept-alive TLS connection
# (a new connection costs a handshake, ~5 ms; a call on a kept-alive one ~1 ms).
_CLIENTS = {}

EXECUTION_ENV = 'MAILSTORE_SPE_EXECUTION'
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
    arguments takes 0.43 ms tagged and 0.09 ms plain (docs/performance.md).
    """
    if isinstance(value, dict):
        return dict((plain_data(key), plain_data(item)) for key, item in value.items())
    if isinstance(value, (list, tuple)):
        return [plain_data(item) for item in value]
    for plain_type in PLAIN_SCALARS:
        if isinstance(value, plain_type):
            return plain_type(value)
    return value


class InProcessAction(ActionBase):
    """Base of every mailstore.spe action plugin: subclasses set ``MODULE`` (a ``ModuleSpec``)."""

    MODULE = None
    TRANSFERS_FILES = False
    _supports_check_mode = True
    _supports_async = False

    def run(self, tmp=None, task_vars=None):
        result = super().run(tmp, task_vars)
        try:
            mode = execution_mode()
        except ValueError as exc:
            return dict(result, failed=True, msg=str(exc))
        if mode == 'module':
            return dict(
                result,
                **self._execute_module(
                    module_name=self._task.resolved_action, module_args=self._task.args, task_vars=task_vars
                ),
            )
        return dict(result, **self._run_in_process())

    def _module_args(self):
        args = dict(self._task.args)
        if get_action_args_with_defaults is not None:
            args = get_action_args_with_defaults(
                self._task.resolved_action,
                args,
                self._task.module_defaults,
                self._templar,
                action_groups=self._task._parent._play._action_groups,
            )
        return plain_data(args)

    def _run_in_process(self):
        spec = self.MODULE
        validation = ArgumentSpecValidator(spec.argument_spec, **spec.constraints).validate(self._module_args())
        no_log_values = validation._no_log_values
        if validation.error_messages:
            msg = validation.errors.msg
            if isinstance(validation.errors[0], UnsupportedError):
                msg = 'Unsupported parameters for (%s) module: %s' % (self._task.resolved_action, msg)
            return remove_values(dict(failed=True, changed=False, msg=msg), no_log_values)
        if not HAS_REQUESTS:
            return dict(
                failed=True,
                changed=False,
                msg='The Python library requests is required on the controller for %s.' % self._task.resolved_action,
            )

        params = validation.validated_parameters
        ctx = TaskContext(
            params,
            check_mode=bool(self._task.check_mode),
            diff_mode=bool(self._task.diff),
            client_factory=shared_client,
            owns_client=False,
        )
        result = spec.execute(ctx)
        alias_warnings = ['Both option %(option)s and its alias %(alias)s are set.' % w for w in validation._warnings]
        if alias_warnings:
            result['warnings'] = alias_warnings + result.get('warnings', [])
        result['invocation'] = {'module_args': params}
        return remove_values(result, no_log_values)
