# Copyright: contributors to mailstore.spe
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""The search index configuration of an instance, and rebuilding the store indexes after a change
(``spe_search_index``, ``spe_search_index_info``)."""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import re

from ansible_collections.mailstore.spe.plugins.module_utils.errors import SpeModuleError
from ansible_collections.mailstore.spe.plugins.module_utils.fields import Field
from ansible_collections.mailstore.spe.plugins.module_utils.resource import Settings, Step

# A file type as SetIndexConfiguration takes it (docs/simulator.md S33): pdf, docx, .msg
FILE_TYPE = re.compile(r'\.?[A-Za-z0-9_+-]{1,16}')
SELECT = 'SelectAllStoreIndexesForRebuild'
REBUILD = 'RebuildSelectedStoreIndexes'
DEFAULT_WAIT = 3600


def file_type_set(types):
    """File types are extensions: ``PDF``, ``.pdf`` and ``pdf`` are one, and order has no meaning."""
    return sorted({item.lstrip('.').lower() for item in types or []})


class SearchIndex(Settings):
    module = 'spe_search_index'
    name = 'search_index'
    read_command = 'GetIndexConfiguration'
    write_command = 'SetIndexConfiguration'
    fields = (Field('attachment_file_types', type='list', elements='str', compare=file_type_set),)
    options = {
        'rebuild': dict(type='str', choices=['never', 'on_change'], default='never'),
        'wait_timeout': dict(type='int', default=DEFAULT_WAIT),
    }
    reaches = {
        SELECT: 'rebuild: on_change, after a change',
        REBUILD: 'rebuild: on_change, after a change (waited for, wait_timeout)',
    }

    def validate(self, change):
        bad = [item for item in change.params.get('attachment_file_types') or [] if not FILE_TYPE.fullmatch(item)]
        if bad:
            raise SpeModuleError(
                'attachment_file_types: %r is not a file type (1 to 16 letters, digits, _, + or -, '
                "optionally after a dot, such as 'pdf')." % bad[0],
                commands=[],
            )
        if change.params['wait_timeout'] < 1:
            raise SpeModuleError('wait_timeout must be at least 1 second.', commands=[])

    def update_steps(self, change):
        steps = super().update_steps(change)
        if steps and change.params['rebuild'] == 'on_change':
            instance = self.scope_arguments(change)
            rebuild = Step(REBUILD, instance, 'rebuild: on_change', wait_timeout=change.params['wait_timeout'])
            change.facts['rebuild_step'] = rebuild
            steps += [Step(SELECT, instance, 'rebuild: on_change'), rebuild]
        return steps

    def result_extras(self, change):
        step = change.facts.get('rebuild_step')
        if step is None or change.check_mode:
            return {}
        answer = step.answer if isinstance(step.answer, dict) else {}
        return {'rebuilt_stores': answer.get('rebuiltStores') or []}


SEARCH_INDEX = SearchIndex()
