# Copyright: contributors to mailstore.spe
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""A whole tenant as one task (``spe_tenant``): the parts of its definition, each one of the
per-object declarations, in the order they are converged (its run: ``module_utils/tenant.py``).

A tenant's instance options are the top-level options; every other part is a key of the
definition whose items (or dict) are the options of that part's module without ``instance_id``.
A part listed here is converged by the very declaration and engine its own module uses.

Parts other helpers are writing as declarations take their place in ``PARTS`` as they land:
``directory_services`` before ``users`` (users may come from the directory),
``store_auto_create`` after ``stores``, ``search_index`` after ``stores``, ``profiles`` after
``users`` (a profile runs as a user). A part is one ``Part(...)`` line and its documentation
(``tests/tools/tenant_doc.py`` copies it from the part's module).
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

from ansible_collections.mailstore.spe.plugins.module_utils.declarations.compliance import COMPLIANCE
from ansible_collections.mailstore.spe.plugins.module_utils.declarations.directory_services import DIRECTORY_SERVICES
from ansible_collections.mailstore.spe.plugins.module_utils.declarations.instance import INSTANCE
from ansible_collections.mailstore.spe.plugins.module_utils.declarations.job import JOB
from ansible_collections.mailstore.spe.plugins.module_utils.declarations.profile import PROFILE
from ansible_collections.mailstore.spe.plugins.module_utils.declarations.search_index import SEARCH_INDEX
from ansible_collections.mailstore.spe.plugins.module_utils.declarations.smtp import SMTP
from ansible_collections.mailstore.spe.plugins.module_utils.declarations.store import STORE
from ansible_collections.mailstore.spe.plugins.module_utils.declarations.store_auto_create import STORE_AUTO_CREATE
from ansible_collections.mailstore.spe.plugins.module_utils.declarations.user import USER
from ansible_collections.mailstore.spe.plugins.module_utils.runner import VARIABLE_SUFFIX, ModuleSpec
from ansible_collections.mailstore.spe.plugins.module_utils.tenant import Part, Purge, run_tenant

# The instance of a tenant runs and gives the service provider access: its contents can only be managed so.
INSTANCE_STATE = 'started'
INSTANCE_OPTIONS_LEFT_OUT = ('state',)

PARTS = (
    # Users may come from the directory: its configuration (and sync) before the users.
    Part('directory_services', DIRECTORY_SERVICES, many=False, kind='directory services'),
    Part('stores', STORE, many=True, kind='store'),
    Part('store_auto_create', STORE_AUTO_CREATE, many=False, kind='store auto-create settings'),
    Part('search_index', SEARCH_INDEX, many=False, kind='search index settings'),
    Part('users', USER, many=True, kind='user'),
    # A profile runs as a user: after the users.
    Part('profiles', PROFILE, many=True, kind='profile'),
    # Running or cancelling a job is an action of spe_job, not part of what a tenant is.
    Part('jobs', JOB, many=True, kind='job', left_out=('run', 'cancel', 'wait', 'wait_timeout')),
    # System-wide recipients belong to the system's SMTP settings, not to a tenant's.
    Part('smtp', SMTP, many=False, kind='smtp settings', left_out=('recipient_system_administrators',)),
    Part('compliance', COMPLIANCE, many=False, kind='compliance settings'),
)

# Deleting what the definition does not list, when asked; in this order, after every create and update.
PURGES = (
    Purge('jobs', 'purge_jobs', 'GetJobs', api_name='name', option='name'),
    # User names compare case-insensitively, as the server compares them (M13); these two are never deleted.
    Purge(
        'users',
        'purge_users',
        'GetUsers',
        api_name='userName',
        option='user_name',
        keep=('admin', '$archiveadmin'),
        fold_case=True,
    ),
    # A store is kept when the definition names it or gives its id; one that goes is detached by id (names may repeat).
    Purge('stores', 'purge_stores', 'GetStores', api_name='name', option='name', by_id=True),
)

# The options a task may name by their variable (<option>_var, read by the action): the role names them all,
# so that its one task per tenant holds no template.
NAMED_BY_VARIABLE = tuple(purge.flag for purge in PURGES) + ('definition',)
# The options that are not keys of a tenant's definition: what to purge, how to read, the definition itself,
# and the variables that may give them.
NOT_DEFINITION_KEYS = NAMED_BY_VARIABLE + ('parallel_reads',) + tuple(o + VARIABLE_SUFFIX for o in NAMED_BY_VARIABLE)

DEFAULT_PARALLEL_READS = 4
MAX_PARALLEL_READS = 16


class Tenant:
    module = 'spe_tenant'
    name = 'tenant'
    info = False
    instance = INSTANCE
    parts = PARTS
    purges = PURGES

    def argument_spec(self):
        spec = {k: v for k, v in INSTANCE.argument_spec().items() if k not in INSTANCE_OPTIONS_LEFT_OUT}
        spec['service_provider_access'] = dict(spec['service_provider_access'], default=True)
        for part in PARTS:
            spec[part.key] = part.option_spec()
        for purge in PURGES:
            spec[purge.flag] = dict(type='bool', default=False)
        spec['parallel_reads'] = dict(type='int', default=DEFAULT_PARALLEL_READS)
        spec['definition'] = dict(type='dict')
        for option in NAMED_BY_VARIABLE:
            spec[option + VARIABLE_SUFFIX] = dict(type='str')
        return spec

    def definition_keys(self):
        """The keys of a tenant's definition (the ``tenant`` variable of the onboarding role)."""
        return tuple(k for k in self.argument_spec() if k not in NOT_DEFINITION_KEYS)

    def module_spec(self):
        return ModuleSpec(
            self.argument_spec(), lambda ctx: run_tenant(self, ctx), definition=('definition', self.definition_keys())
        )

    def module_specs(self):
        return {self.module: self.module_spec()}

    def commands_reached(self):
        """Every command a part's module reaches, reached here through that part; and the purges' lists."""
        found = {}
        for part in (None,) + PARTS:
            declaration = INSTANCE if part is None else part.declaration
            key = 'the instance options' if part is None else part.key
            found.update(
                (command, '%s, through %s' % (how, key)) for command, how in declaration.commands_reached().items()
            )
        found.update((p.list_command, '%s: true' % p.flag) for p in PURGES)
        return found


TENANT = Tenant()
