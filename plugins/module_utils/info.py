# Copyright: contributors to mailstore.spe
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""The read-only ``*_info`` modules. They speak the vocabulary of the resource modules (the
same field mapping), so what an info module returns can be fed back into a resource module.
They never change anything and report ``changed: false``, in check mode too."""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import re

from ansible_collections.mailstore.spe.plugins.module_utils.errors import SpeApiError, SpeModuleError
from ansible_collections.mailstore.spe.plugins.module_utils.resource_instance import INSTANCE
from ansible_collections.mailstore.spe.plugins.module_utils.resource_job import JOB
from ansible_collections.mailstore.spe.plugins.module_utils.resource_smtp import SMTP
from ansible_collections.mailstore.spe.plugins.module_utils.resource_store import STORE
from ansible_collections.mailstore.spe.plugins.module_utils.resource_user import USER
from ansible_collections.mailstore.spe.plugins.module_utils.runner import ModuleSpec


def snake(name):
    """``statisticsSize`` -> ``statistics_size``."""
    return re.sub(r'(?<=[a-z0-9])([A-Z])', r'_\1', name).lower()


def describe(resource, api_object):
    """Every key the API returned, in snake_case, with the resource's own fields mapped exactly
    as the resource module maps them."""
    mapped = set(field.api for field in resource.fields)
    described = dict((snake(key), value) for key, value in api_object.items() if key not in mapped)
    described.update(resource.to_options(api_object))
    return described


def reading(what, function):
    """Run a read; an API failure becomes a task failure that names the command."""

    def run(ctx):
        try:
            return dict(function(ctx), changed=False)
        except SpeApiError as exc:
            raise SpeModuleError('Reading %s failed: %s' % (what, exc), error=exc.to_dict()) from exc

    return run


def instances(ctx):
    params = ctx.params
    instance_filter = params['instance_id'] or params['instance_filter']
    found = ctx.client.call('GetInstances', instanceFilter=instance_filter)
    described = []
    for entry in found:
        api_object = dict(entry)
        if params['include_configuration']:
            api_object.update(ctx.client.call('GetInstanceConfiguration', instanceID=entry['instanceID']))
            if entry.get('status') == 'running':
                api_object['serviceProviderAccess'] = ctx.client.call(
                    'GetArchiveAdminEnabled', instanceID=entry['instanceID']
                )
        described.append(describe(INSTANCE, api_object))
    return {'instances': described}


def stores(ctx):
    params = ctx.params
    found = ctx.client.call('GetStores', instanceID=params['instance_id'], includeSize=params['include_size'])
    found = [s for s in found if params['name'] in (None, s['name']) and params['id'] in (None, s['id'])]
    return {'stores': [describe(STORE, s) for s in found]}


def users(ctx):
    params = ctx.params
    names = (
        [params['user_name']]
        if params['user_name']
        else [u['userName'] for u in ctx.client.call('GetUsers', instanceID=params['instance_id'])]
    )
    return {
        'users': [
            describe(USER, ctx.client.call('GetUserInfo', instanceID=params['instance_id'], userName=n)) for n in names
        ]
    }


def jobs(ctx):
    params = ctx.params
    found = ctx.client.call('GetJobs', instanceID=params['instance_id'])
    return {'jobs': [describe(JOB, j) for j in found if params['name'] in (None, j['name'])]}


def smtp(ctx):
    return {'smtp': describe(SMTP, SMTP.read(ctx, ctx.params))}


INSTANCE_INFO = ModuleSpec(
    dict(
        instance_id=dict(type='str'),
        instance_filter=dict(type='str', default='*'),
        include_configuration=dict(type='bool', default=True),
    ),
    reading('instances', instances),
    mutually_exclusive=[('instance_id', 'instance_filter')],
)

STORE_INFO = ModuleSpec(
    dict(
        instance_id=dict(type='str', required=True),
        name=dict(type='str'),
        id=dict(type='int'),
        include_size=dict(type='bool', default=False),
    ),
    reading('archive stores', stores),
)

USER_INFO = ModuleSpec(
    dict(
        instance_id=dict(type='str', required=True),
        user_name=dict(type='str'),
    ),
    reading('users', users),
)

JOB_INFO = ModuleSpec(
    dict(
        instance_id=dict(type='str', required=True),
        name=dict(type='str'),
    ),
    reading('jobs', jobs),
)

SMTP_INFO = ModuleSpec(
    dict(
        instance_id=dict(type='str'),
    ),
    reading('SMTP settings', smtp),
)
