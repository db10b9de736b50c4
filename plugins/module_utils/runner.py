# Copyright: contributors to mailstore.spe
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""What every mailstore.spe module is, independent of where it runs.

A module is a ``ModuleSpec``: its own argument spec (the connection options are added here)
and a ``run(ctx)`` function that returns the result. The same spec runs in two places:
``run_module`` inside an ordinary module process, and the collection's one action plugin
inside the controller's worker process (``plugin_utils/in_process.py``).
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import copy
import traceback

from ansible_collections.mailstore.spe.plugins.module_utils.connection import (
    CONNECTION_ARGUMENT_SPEC,
    check_connection,
    client_from_params,
)
from ansible_collections.mailstore.spe.plugins.module_utils.errors import SpeApiError, SpeModuleError
from ansible_collections.mailstore.spe.plugins.module_utils.fields import canonical_choices

# <option>_var: the name of the variable that holds the option's value (definition_var, purge_users_var),
# for the action to read it (plugin_utils/in_process.py), where a template would cost every task Jinja.
VARIABLE_SUFFIX = '_var'


class TaskContext:
    """What a run function sees: validated params, a lazily created client, the modes."""

    def __init__(
        self,
        params,
        check_mode=False,
        diff_mode=False,
        client_factory=client_from_params,
        owns_client=True,
        on_progress=None,
    ):
        self.params = params
        self.check_mode = check_mode
        self.diff_mode = diff_mode
        self.warnings = []
        # Where progress lines of a long wait go: the controller's display when the task runs
        # in-process; nowhere in a module process, which has no channel until it ends.
        self._on_progress = on_progress
        self._client_factory = client_factory
        self._owns_client = owns_client  # False: the client outlives the task (shared by loop items)
        self._client = None

    @property
    def client(self):
        if self._client is None:
            self._client = self._client_factory(self.params)
        return self._client

    def warn(self, msg):
        self.warnings.append(msg)

    def progress(self, message):
        """Show a line about a long wait while the task runs (a module process drops it)."""
        if self._on_progress is not None:
            self._on_progress(message)

    def close(self):
        if self._client is not None and self._owns_client:
            self._client.close()


class ModuleSpec:
    """A module's interface (argument spec and constraints) and its ``run`` function."""

    def __init__(
        self,
        argument_spec,
        run,
        mutually_exclusive=None,
        required_if=None,
        required_together=None,
        required_one_of=None,
        required_by=None,
        definition=None,
    ):
        clashes = sorted(set(argument_spec) & set(CONNECTION_ARGUMENT_SPEC))
        if clashes:
            raise ValueError(
                "options %s are connection options; give the module's own a distinct name" % ', '.join(clashes)
            )
        self.argument_spec = dict(copy.deepcopy(CONNECTION_ARGUMENT_SPEC), **argument_spec)
        self.run = run
        self.constraints = dict(
            mutually_exclusive=mutually_exclusive or [],
            required_if=required_if or [],
            required_together=required_together or [],
            required_one_of=required_one_of or [],
            required_by=required_by or {},
        )
        # (option, keys): an option whose dict gives any of ``keys`` as one value. A definition kept
        # in a variable is then passed as one template, not one per key (spe_tenant's ``definition``),
        # or named by ``<option>_var`` for the action to read it (plugin_utils/in_process.py).
        self.definition = definition
        # (option, option_var) for every option a task may name by its variable instead: the spec
        # declares both, and the action reads the variable (a module process has none to read).
        self.named_by_variable = [
            (option, option + VARIABLE_SUFFIX)
            for option in self.argument_spec
            if option + VARIABLE_SUFFIX in self.argument_spec
        ]

    def prepare(self, args):
        """The task's arguments as validation takes them, and what is wrong with its definition (or None).

        The keys of the definition join the other options (a key given both ways, or one a definition
        does not take, is left out and named in the problem), and enumerations get their documented
        spelling. Both the module process and the in-process runner validate what this returns.
        """
        problem = self._unread_variable(args)
        if problem is None and self.definition is not None:
            args, problem = spread_definition(args, *self.definition)
        return canonical_choices(self.argument_spec, args), problem

    def _unread_variable(self, args):
        """The problem with an ``<option>_var`` still in ``args``: only the action reads variables."""
        for option, named in self.named_by_variable:
            if args.get(named) is not None:
                return '%s is read by the action plugin, which did not run; give %s instead; nothing was sent.' % (
                    named,
                    option,
                )
        return None

    def execute(self, ctx):
        """Run against ``ctx``; returns the result dict, failures included (``failed: true``).

        The last error boundary: whatever a run function raises becomes a failed result with
        ``changed`` as the run reported it (``false`` if it could not say).
        """
        try:
            problems = check_connection(ctx.params)
            if problems:  # HTTPS only, a port that exists, a CA file that is there: before any connection
                raise SpeModuleError('%s; nothing was sent' % '; '.join(problems), commands=[])
            result = self.run(ctx)
        except SpeModuleError as exc:
            result = dict(exc.result, failed=True, msg=exc.msg)
        except SpeApiError as exc:
            result = dict(failed=True, msg=str(exc), error=exc.to_dict(), failed_command=exc.command)
        except Exception as exc:
            result = dict(failed=True, msg='Unexpected error: %r' % exc, exception=traceback.format_exc())
        finally:
            ctx.close()
        result.setdefault('changed', False)
        if ctx.warnings:
            result['warnings'] = result.get('warnings', []) + ctx.warnings
        return result


def spread_definition(args, option, keys):
    """``args`` with the keys of ``args[option]`` among them, and the problem with that definition (or None)."""
    definition = args.get(option)
    if definition is None:
        return args, None
    if not isinstance(definition, dict):
        return args, '%s must be a dictionary of options, not %s.' % (option, type(definition).__name__)
    given = {name for name, value in args.items() if value is not None and name != option}
    unknown = sorted(set(definition) - set(keys))
    twice = sorted(set(definition) & given)
    spread = dict((name, value) for name, value in args.items() if name != option)
    spread.update((name, value) for name, value in definition.items() if name in keys and name not in given)
    problems = []
    if unknown:
        problems.append('%s takes no key %s (it takes: %s)' % (option, ', '.join(unknown), ', '.join(sorted(keys))))
    if twice:
        problems.append('%s given both in %s and as an option' % (', '.join(twice), option))
    return spread, ('; '.join(problems) + '; nothing was sent.') if problems else None


def run_module(spec):
    """The ``main()`` of every module file."""
    from ansible.module_utils.basic import AnsibleModule, missing_required_lib

    from ansible_collections.mailstore.spe.plugins.module_utils.client import HAS_REQUESTS, REQUESTS_IMPORT_ERROR

    class SpeModule(AnsibleModule):
        def _load_params(self):
            # A definition's keys join the options; enumerations in the reference's spelling are accepted too.
            super()._load_params()
            self.params, self.definition_problem = spec.prepare(self.params)

    module = SpeModule(argument_spec=spec.argument_spec, supports_check_mode=True, **spec.constraints)
    if module.definition_problem:
        module.fail_json(msg=module.definition_problem)
    if not HAS_REQUESTS:
        module.fail_json(msg=missing_required_lib('requests'), exception=REQUESTS_IMPORT_ERROR)
    ctx = TaskContext(module.params, check_mode=module.check_mode, diff_mode=module._diff)
    result = spec.execute(ctx)
    for warning in result.pop('warnings', []):
        module.warn(warning)
    if result.pop('failed', False):
        module.fail_json(**result)
    module.exit_json(**result)
