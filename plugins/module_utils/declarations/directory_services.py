# Copyright: contributors to mailstore.spe
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""The directory services configuration of an instance, and the user sync it feeds
(``spe_directory_services``, ``spe_directory_services_info``)."""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

from ansible_collections.mailstore.spe.plugins.module_utils.errors import SpeApiError, SpeModuleError
from ansible_collections.mailstore.spe.plugins.module_utils.fields import Field, snake
from ansible_collections.mailstore.spe.plugins.module_utils.resource import Settings, Step

SYNC_COMMAND = 'SyncUsersWithDirectoryServices'
# option value -> the type as GetDirectoryServicesConfiguration spells it (docs/simulator.md S32)
DIRECTORY_TYPES = {
    'none': 'none',
    'active_directory': 'activeDirectory',
    'generic_ldap': 'genericLdap',
    'microsoft_365': 'microsoft365',
    'google_workspace': 'googleWorkspace',
    'mdaemon': 'mdaemon',
    'ice_warp': 'iceWarp',
    'kerio': 'kerio',
    'application_integration': 'applicationIntegration',
}
ENCRYPTIONS = ['none', 'ssl', 'starttls']
SYNC_LISTS = ('usersAdded', 'usersUpdated', 'usersDeleted')
DEFAULT_WAIT = 600


def sync_report(answer, dry_run):
    """The sync's answer in option names; a server that answers nothing reports empty lists."""
    answer = answer if isinstance(answer, dict) else {}
    report = {snake(key): answer.get(key) or [] for key in SYNC_LISTS}
    report['dry_run'] = dry_run
    return report


def sync_does_something(report):
    return any(report[snake(key)] for key in SYNC_LISTS)


class DirectoryServices(Settings):
    module = 'spe_directory_services'
    name = 'directory_services'
    read_command = 'GetDirectoryServicesConfiguration'
    write_command = 'SetDirectoryServicesConfiguration'
    # The reference says only "use GetDirectoryServicesConfiguration to receive supported values":
    # the keys below are the ones this collection documents (docs/tenant-configuration.md); others the
    # server serves are kept as they are, since the Set call gets the whole object.
    fields = (
        Field('type', values=DIRECTORY_TYPES),
        Field('directory_server', api='server'),
        Field('directory_port', type='int', api='port', minimum=1, maximum=65535),
        Field('encryption', choices=ENCRYPTIONS),
        Field('base_dn', api='baseDN'),
        Field('bind_user'),
        Field('bind_password', secret=True),
        Field('user_filter'),
        Field('group'),
        Field('delete_users', type='bool'),
    )
    options = {
        'update_password': dict(type='str', choices=['on_change', 'always'], default='on_change', no_log=False),
        'sync': dict(type='str', choices=['never', 'on_change', 'always'], default='never'),
        'wait_timeout': dict(type='int', default=DEFAULT_WAIT),
    }
    reaches = {
        SYNC_COMMAND: 'sync: on_change after a change, sync: always on every run (dryRun=true in check mode)',
    }

    def validate(self, change):
        if change.params['wait_timeout'] < 1:
            raise SpeModuleError('wait_timeout must be at least 1 second.', commands=[])

    @staticmethod
    def config_changes(change):
        return bool(change.changed_fields or change.secrets_sent)

    def sync_wanted(self, change):
        sync = change.params['sync']
        return sync == 'always' or (sync == 'on_change' and self.config_changes(change))

    def prepare(self, change):
        """The dry run: what the sync would do. Check mode reports it; a real run with nothing
        changed in the configuration syncs only when it would do something (no write otherwise)."""
        if not self.sync_wanted(change) or not (change.check_mode or not self.config_changes(change)):
            return
        try:
            answer = change.client.invoke(
                SYNC_COMMAND,
                dict(self.scope_arguments(change), dryRun=True),
                wait_timeout=change.params['wait_timeout'],
            ).result
        except SpeApiError as exc:
            if not change.check_mode:
                raise
            change.warn('The sync could not be predicted (its dry run failed: %s).' % exc)
            return
        change.facts['sync_preview'] = sync_report(answer, dry_run=True)
        if self.config_changes(change):
            change.warn(
                'The sync was predicted by a dry run with the directory configuration as it is stored; '
                'the new configuration may sync other users.'
            )

    def update_steps(self, change):
        steps = super().update_steps(change)
        if self.sync_wanted(change):
            preview = change.facts.get('sync_preview')
            if steps or preview is None or sync_does_something(preview):
                sync = Step(
                    SYNC_COMMAND,
                    self.scope_arguments(change),
                    'sync: %s' % change.params['sync'],
                    wait_timeout=change.params['wait_timeout'],
                )
                change.facts['sync_step'] = sync
                steps.append(sync)
        return steps

    def result_extras(self, change):
        step = change.facts.get('sync_step')
        if step is not None and not change.check_mode:
            return {'sync': sync_report(step.answer, dry_run=False)}
        if 'sync_preview' in change.facts:
            return {'sync': change.facts['sync_preview']}
        return {}


DIRECTORY_SERVICES = DirectoryServices()
