# Copyright: contributors to mailstore.spe
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""``rename_from`` of spe_user and spe_job: the object's name before a rename in the definition.

Old there and new not: the old object is the current one, renamed first, then converged. New
there: nothing to rename. Both there: an error (renaming would merge two objects). Neither: the
new one is created.
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

from ansible_collections.mailstore.spe.plugins.module_utils.errors import SpeModuleError


def check_rename(params, option, same):
    """``rename_from``: a present object's other name; no API call."""
    old = params.get('rename_from')
    if old is None:
        return
    if not old.strip() or '\n' in old or '\r' in old:
        raise SpeModuleError('rename_from: must be a name (not empty, one line).', commands=[])
    if params.get('state') == 'absent':
        raise SpeModuleError('rename_from: only with state present (a rename keeps the object).', commands=[])
    if same(old, params[option]):
        raise SpeModuleError('rename_from: %r is %s itself; give the old name.' % (old, option), commands=[])


def renamed_or_current(change, what, current, old, old_name):
    """What ``read`` returns with ``rename_from``: the old object while only it exists (to be renamed)."""
    params = change.params
    if current is not None and old is not None:
        new_name = params.get('user_name') or params.get('name')
        raise SpeModuleError(
            "rename_from: both the %s '%s' and '%s' exist in instance '%s'; a rename would merge them. "
            'Delete or rename one of them first.' % (what, old_name, new_name, params['instance_id']),
            commands=[],
        )
    if current is None and old is not None:
        change.facts['rename_from'] = old_name
        return old
    return current


def renamed_extras(change):
    """``renamed_from``: the old name when this run renames (or, in check mode, would)."""
    return {'renamed_from': change.facts.get('rename_from')} if change.facts.get('rename_from') else {}
