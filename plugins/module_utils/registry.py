# Copyright: contributors to mailstore.spe
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""The one table of the collection's modules: name -> ``ModuleSpec``.

Nobody writes it by hand: every file in ``declarations/`` is imported and each declaration in
it says which modules it makes (``module_specs()``: a resource and its info twin). The
collection's one action plugin finds a task's spec here; ``tests/tools/registry_files.py``
writes what must list the modules (``meta/runtime.yml``, the tables in README.md and
docs/modules.md) from it, and a unit test fails when any of them disagree.

Runs on the controller only (a module process imports its own declaration directly).
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import importlib
import pkgutil

from ansible_collections.mailstore.spe.plugins.module_utils import declarations

_SPECS = {}
_DECLARATIONS = {}


def load():
    """Import every declaration (once). The action plugin calls it when the controller loads it, so the
    worker processes forked per task inherit the table instead of importing it again."""
    if _SPECS:
        return
    for info in sorted(pkgutil.iter_modules(declarations.__path__), key=lambda i: i.name):
        module = importlib.import_module('%s.%s' % (declarations.__name__, info.name))
        for value in vars(module).values():
            if hasattr(value, 'module_specs') and not isinstance(value, type):
                for name, spec in value.module_specs().items():
                    if name in _SPECS and _DECLARATIONS[name] is not value:
                        raise ValueError('module %s is declared twice' % name)
                    _SPECS[name] = spec
                    _DECLARATIONS[name] = value


def spec(module_name):
    """The ``ModuleSpec`` of ``spe_user`` or ``mailstore.spe.spe_user``."""
    load()
    return _SPECS[module_name.rpartition('.')[2]]


def module_names():
    load()
    return sorted(_SPECS)


def declaration(module_name):
    """The declaration object that makes ``module_name`` (a Resource, Settings, or other)."""
    load()
    return _DECLARATIONS[module_name.rpartition('.')[2]]
