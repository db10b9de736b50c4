# Copyright: contributors to mailstore.spe
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Archive stores of an instance (``spe_store``, ``spe_store_info``)."""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

from ansible_collections.mailstore.spe.plugins.module_utils.errors import SpeModuleError
from ansible_collections.mailstore.spe.plugins.module_utils.fields import Field, windows_path
from ansible_collections.mailstore.spe.plugins.module_utils.resource import Resource, Step

REQUESTED_STATES = {
    'current': 'current',
    'normal': 'normal',
    'write_protected': 'writeProtected',
    'disabled': 'disabled',
}
PATH_FIELDS = ('database_path', 'content_path', 'index_path')
DISABLED = 'disabled'


class Store(Resource):
    module = 'spe_store'
    name = 'store'
    identity = ('name',)
    fields = (
        Field('id', type='int', minimum=1, maximum=2147483647),
        Field('name'),
        Field('requested_state', values=REQUESTED_STATES, setter='SetStoreRequestedState'),
        Field('database_path', compare=windows_path, nonempty=True),
        Field('content_path', compare=windows_path, nonempty=True),
        Field('index_path', compare=windows_path, nonempty=True),
    )
    options = {
        'attach': dict(type='bool', default=False),
        'allow_path_change': dict(type='bool', default=False),
    }
    constraints = dict(required_one_of=[('name', 'id')])
    info_options = {'id': dict(type='int'), 'include_size': dict(type='bool', default=False)}
    reaches = {
        'GetStores': 'reading the stores (spe_store_info include_size: the sizes)',
        'CreateStore': 'a new store (state: present)',
        'AttachStore': 'a store with attach: true',
        'RenameStore': 'name changes (the store found by id)',
        'SetStorePath': 'database_path, content_path or index_path changes (allow_path_change: true)',
        'DetachStore': 'state: absent (the data stays on disk)',
    }

    def stores(self, change, include_size=False):
        return change.client.call('GetStores', instanceID=change.params['instance_id'], includeSize=include_size)

    def read(self, change):
        params = change.params
        stores = self.stores(change)
        if params.get('id') is not None:
            found = [s for s in stores if s['id'] == params['id']]
            if not found and change.state != 'absent':
                raise SpeModuleError(
                    "Archive store id %s does not exist in instance '%s'; an id finds an existing store "
                    'and cannot be given to a new one.' % (params['id'], params['instance_id']),
                    commands=[],
                )
        else:
            found = [s for s in stores if s['name'] == params['name']]
            if len(found) > 1:
                raise SpeModuleError(
                    "%d archive stores are named '%s' in instance '%s' (ids %s): give id to choose one."
                    % (len(found), params['name'], params['instance_id'], ', '.join(str(s['id']) for s in found)),
                    commands=[],
                )
        return found[0] if found else None

    def list(self, change):
        params = change.params
        stores = self.stores(change, include_size=params['include_size'])
        return [s for s in stores if params['name'] in (None, s['name']) and params['id'] in (None, s['id'])]

    def locator(self, change):
        return {'instanceID': change.params['instance_id'], 'id': change.current_api['id']}

    def create_steps(self, change):
        wanted, attach = change.wanted, change.params['attach']
        if not wanted.get('name') or not wanted.get('database_path'):
            raise SpeModuleError(
                'name and database_path are required to %s a store.' % ('attach' if attach else 'create'), commands=[]
            )
        arguments = dict(
            instanceID=change.params['instance_id'],
            name=wanted['name'],
            databasePath=wanted['database_path'],
            contentPath=wanted.get('content_path'),
            indexPath=wanted.get('index_path'),
            requestedState=self.field('requested_state').to_api(wanted.get('requested_state')),
        )
        return [Step('AttachStore' if attach else 'CreateStore', arguments)]

    def update_steps(self, change):
        after, changed = change.after, change.changed_fields
        steps = []
        if 'name' in changed:
            steps.append(Step('RenameStore', dict(self.locator(change), name=after['name'])))
        path_changes = [f for f in PATH_FIELDS if f in changed]
        if not path_changes:
            return steps + self.setter_steps(change)
        if not change.params['allow_path_change']:
            raise SpeModuleError(
                "Changing %s of store '%s' needs allow_path_change: true. Move the data to the new location first; the "
                'module then disables the store, sets the path and restores its requested state.'
                % (', '.join(path_changes), after['name']),
                commands=[],
                changed_fields=path_changes,
            )
        return steps + self.path_change_steps(change)

    def path_change_steps(self, change):
        """A path changes only while the store is disabled: disable, set, restore (undone on failure)."""
        locator, after, current_state = self.locator(change), change.after, change.current_api['requestedState']
        steps = []
        if current_state != DISABLED:
            restore = Step('SetStoreRequestedState', dict(locator, requestedState=current_state))
            steps.append(
                Step(
                    'SetStoreRequestedState',
                    dict(locator, requestedState=DISABLED),
                    'a path changes only while disabled',
                    undo=restore,
                )
            )
        paths = {self.field(f).api: after[f] for f in PATH_FIELDS}
        steps.append(Step('SetStorePath', dict(locator, **paths)))
        final_state = self.field('requested_state').to_api(after['requested_state'])
        if final_state != DISABLED:
            steps.append(
                Step('SetStoreRequestedState', dict(locator, requestedState=final_state), 'restore the requested state')
            )
        return steps

    def delete_steps(self, change):
        return [Step('DetachStore', self.locator(change), 'detach (the data stays on disk)')]

    def result_extras(self, change):
        if change.state == 'absent' and change.exists:
            return {'data_retained_at': {f: change.current_api[self.field(f).api] for f in PATH_FIELDS}}
        return {}


STORE = Store()
