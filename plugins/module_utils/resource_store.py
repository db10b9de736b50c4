# Copyright: contributors to mailstore.spe
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Archive stores of an instance (``mailstore.spe.spe_store``)."""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

from ansible_collections.mailstore.spe.plugins.module_utils.engine import Field, Resource, Step, windows_path
from ansible_collections.mailstore.spe.plugins.module_utils.errors import SpeModuleError

REQUESTED_STATES = {
    'current': 'current',
    'normal': 'normal',
    'write_protected': 'writeProtected',
    'disabled': 'disabled',
}
PATH_FIELDS = ('database_path', 'content_path', 'index_path')


class Store(Resource):
    name = 'store'
    identity = ('name',)
    fields = (
        Field('id', type='int'),
        Field('name'),
        Field('requested_state', values=REQUESTED_STATES, setter='SetStoreRequestedState'),
        Field('database_path', compare=windows_path),
        Field('content_path', compare=windows_path),
        Field('index_path', compare=windows_path),
    )
    extra_options = {
        'attach': dict(type='bool', default=False),
        'allow_path_change': dict(type='bool', default=False),
    }
    constraints = dict(required_one_of=[('name', 'id')])

    def read(self, ctx, params):
        stores = ctx.client.call('GetStores', instanceID=params['instance_id'], includeSize=False)
        if params.get('id') is not None:
            found = [s for s in stores if s['id'] == params['id']]
            if not found and params.get('state') != 'absent':
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

    def locator(self, ctx, current_api):
        return {'instanceID': ctx.params['instance_id'], 'id': current_api['id']}

    def create_steps(self, ctx, wanted):
        if not wanted.get('name') or not wanted.get('database_path'):
            raise SpeModuleError(
                'name and database_path are required to %s a store.' % ('attach' if ctx.params['attach'] else 'create'),
                commands=[],
            )
        arguments = dict(
            instanceID=ctx.params['instance_id'],
            name=wanted['name'],
            databasePath=wanted['database_path'],
            contentPath=wanted.get('content_path'),
            indexPath=wanted.get('index_path'),
            requestedState=self.field('requested_state').to_api(wanted.get('requested_state')),
        )
        return [Step('AttachStore' if ctx.params['attach'] else 'CreateStore', arguments)]

    def update_steps(self, ctx, after, current_api, changed_fields):
        steps = []
        if 'name' in changed_fields:
            steps.append(Step('RenameStore', dict(self.locator(ctx, current_api), name=after['name'])))
        path_changes = [f for f in PATH_FIELDS if f in changed_fields]
        if not path_changes:
            return steps + self.setter_steps(ctx, after, current_api, changed_fields)
        if not ctx.params['allow_path_change']:
            raise SpeModuleError(
                "Changing %s of store '%s' needs allow_path_change: true. Move the data to the new location first; the "
                'module then disables the store, sets the path and restores its requested state.'
                % (', '.join(path_changes), after['name']),
                commands=[],
                changed_fields=path_changes,
            )
        disabled = 'disabled'
        if current_api['requestedState'] != disabled:
            steps.append(
                Step(
                    'SetStoreRequestedState',
                    dict(self.locator(ctx, current_api), requestedState=disabled),
                    'a path changes only while disabled',
                )
            )
        steps.append(
            Step(
                'SetStorePath',
                dict(
                    self.locator(ctx, current_api),
                    databasePath=after['database_path'],
                    contentPath=after['content_path'],
                    indexPath=after['index_path'],
                ),
            )
        )
        final_state = self.field('requested_state').to_api(after['requested_state'])
        if final_state != disabled:
            steps.append(
                Step(
                    'SetStoreRequestedState',
                    dict(self.locator(ctx, current_api), requestedState=final_state),
                    'restore the requested state',
                )
            )
        return steps

    def delete_steps(self, ctx, current_api):
        return [Step('DetachStore', self.locator(ctx, current_api), 'detach (the data stays on disk)')]

    def result_extras(self, ctx, wanted, current_api):
        if ctx.params['state'] == 'absent' and current_api is not None:
            return {'data_retained_at': dict((f, current_api[self.field(f).api]) for f in PATH_FIELDS)}
        return {}


STORE = Store()
