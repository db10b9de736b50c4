# Copyright: contributors to mailstore.spe
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""``spe_folder`` and ``spe_folder_info``: the archive folder tree of an instance.

``spe_folder`` is an operation module (not a Resource: a folder is made by archiving, not by
the API), with three idempotent operations, each decided from one read:

- ``move_to``: MoveFolder when the folder is there and the target not; nothing when the target
  is there and the folder not (moved earlier); an error when both or neither are there;
- ``delete_empty``: DeleteEmptyFolders when a folder below the entry point holds no messages
  in its subtree (the server never removes root folders); the folders it removes are predicted
  from GetFolderStatistics and shown in the result and ``--diff``;
- ``clear_privileges_of``: ClearUserPrivilegesOnFolders when the user has access to any folder.
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

from ansible_collections.mailstore.spe.plugins.module_utils.errors import SpeApiError, SpeModuleError
from ansible_collections.mailstore.spe.plugins.module_utils.fields import check_instance_id, snake
from ansible_collections.mailstore.spe.plugins.module_utils.runner import ModuleSpec

SEP = '/'

ARGUMENT_SPEC = dict(
    instance_id=dict(type='str', required=True),
    folder=dict(type='str'),
    move_to=dict(type='str'),
    delete_empty=dict(type='bool', default=False),
    clear_privileges_of=dict(type='str'),
)
CONSTRAINTS = dict(
    mutually_exclusive=[['move_to', 'delete_empty', 'clear_privileges_of']],
    required_one_of=[['move_to', 'delete_empty', 'clear_privileges_of']],
    required_by={'move_to': 'folder'},
)
INFO_ARGUMENT_SPEC = dict(
    instance_id=dict(type='str', required=True),
    folder=dict(type='str'),
    max_levels=dict(type='int', default=1),
    statistics=dict(type='bool', default=False),
)


def folder_problems(params, options):
    found = []
    for option in options:
        value = params.get(option)
        if value is None:
            continue
        if not value.strip() or value.startswith(SEP) or value.endswith(SEP) or '\n' in value or '\r' in value:
            found.append("%s: '%s' is not a folder path (one line, parts separated by '/')" % (option, value))
    return found


def check(params, options, more=()):
    check_instance_id(params['instance_id'])
    found = folder_problems(params, options) + list(more)
    if found:
        raise SpeModuleError('Invalid input: %s; nothing was sent.' % '; '.join(found), commands=[])


def read_failed(what, exc):
    return SpeModuleError(
        'Reading %s failed: %s' % (what, exc), error=exc.to_dict(), failed_command=exc.command, commands=[]
    )


def below(path, entry):
    return path.startswith(entry + SEP) if entry else SEP in path


class FolderTask:
    def __init__(self, ctx):
        self.ctx = ctx
        self.params = ctx.params
        self.instance = {'instanceID': ctx.params['instance_id']}

    def statistics(self):
        try:
            return {row['folder']: row for row in self.ctx.client.call('GetFolderStatistics', **self.instance)}
        except SpeApiError as exc:
            raise read_failed("the folders of instance '%s'" % self.params['instance_id'], exc) from None

    # -- each operation: (command, arguments, diff before, diff after, extra result) or None ------
    def move(self):
        source, target = self.params['folder'], self.params['move_to']
        if source == target:
            raise SpeModuleError('move_to: is the folder itself.', commands=[])
        folders = self.statistics()
        if target in folders and source not in folders:
            return None
        if source not in folders:
            raise SpeModuleError(
                "folder: '%s' does not exist in instance '%s' (and '%s' neither)."
                % (source, self.params['instance_id'], target),
                commands=[],
            )
        if target in folders:
            raise SpeModuleError(
                "move_to: '%s' exists already in instance '%s' (and so does '%s'); the API does not merge folders."
                % (target, self.params['instance_id'], source),
                commands=[],
            )
        arguments = dict(self.instance, fromFolder=source, toFolder=target)
        return 'MoveFolder', arguments, {'folder': source}, {'folder': target}, {}

    def delete_empty(self):
        entry = self.params.get('folder')
        folders = self.statistics()
        if entry and entry not in folders:
            raise SpeModuleError(
                "folder: '%s' does not exist in instance '%s'." % (entry, self.params['instance_id']), commands=[]
            )

        def subtree_count(path):
            return sum(row.get('count') or 0 for p, row in folders.items() if p == path or p.startswith(path + SEP))

        empty = sorted(p for p in folders if below(p, entry) and subtree_count(p) == 0)
        if not empty:
            return None
        arguments = dict(self.instance, folder=entry)
        return 'DeleteEmptyFolders', arguments, {'folders': empty}, {'folders': []}, {'deleted_folders': empty}

    def clear_privileges(self):
        user_name = self.params['clear_privileges_of']
        try:
            info = self.ctx.client.call('GetUserInfo', userName=user_name, **self.instance)
        except SpeApiError as exc:
            raise read_failed("user '%s'" % user_name, exc) from None
        entries = info.get('privilegesOnFolders') or []
        if not entries:
            return None
        arguments = dict(self.instance, userName=info['userName'])
        before = {'folder_access': entries}
        return 'ClearUserPrivilegesOnFolders', arguments, before, {'folder_access': []}, {'cleared': entries}

    def run(self):
        params = self.params
        if params.get('move_to') is not None:
            plan = self.move()
        elif params.get('delete_empty'):
            plan = self.delete_empty()
        else:
            plan = self.clear_privileges()
        if plan is None:
            return dict(changed=False, commands=[])
        command, arguments, before, after, extra = plan
        result = dict(extra, changed=True, commands=[command])
        if self.ctx.diff_mode:
            result['diff'] = dict(before=before, after=after)
        if self.ctx.check_mode:
            return result
        try:
            self.ctx.client.call(command, **arguments)
        except SpeApiError as exc:
            raise SpeModuleError(
                '%s failed: %s' % (command, exc.describe(with_command=False)),
                error=exc.to_dict(),
                failed_command=command,
                commands=[command],
                changed=bool(exc.uncertain),
                **({'commands_uncertain': [command]} if exc.uncertain else {}),
            ) from None
        return result


def run(ctx):
    params = ctx.params
    more = []
    if params.get('delete_empty') is False and not params.get('move_to') and not params.get('clear_privileges_of'):
        more.append('delete_empty: must be true when given alone')
    if params.get('clear_privileges_of') is not None:
        name = params['clear_privileges_of']
        if not name.strip() or '\n' in name or '\r' in name:
            more.append('clear_privileges_of: must be a user name (not empty, one line)')
        if params.get('folder') is not None:
            more.append('folder: not used with clear_privileges_of (it clears the access to every folder)')
    check(params, ('folder', 'move_to'), more)
    return FolderTask(ctx).run()


def run_info(ctx):
    params = ctx.params
    check(
        params,
        ('folder',),
        ['max_levels: %s is negative (0: all levels)' % params['max_levels']] if params['max_levels'] < 0 else [],
    )
    client, instance = ctx.client, {'instanceID': params['instance_id']}
    try:
        folders = client.call(
            'GetChildFolders', folder=params.get('folder'), maxLevels=params['max_levels'], **instance
        )
        result = dict(changed=False, folders=[{snake(k): v for k, v in f.items()} for f in folders])
        if params['statistics']:
            shown = {f['folder'] for f in folders} | ({params['folder']} if params.get('folder') else set())
            rows = client.call('GetFolderStatistics', **instance)
            result['statistics'] = [{snake(k): v for k, v in r.items()} for r in rows if r['folder'] in shown]
    except SpeApiError as exc:
        raise read_failed("the folders of instance '%s'" % params['instance_id'], exc) from None
    return result


class Folder:
    """The declaration the registry finds: an operation module and its info twin."""

    module = 'spe_folder'

    def module_specs(self):
        return {
            self.module: ModuleSpec(ARGUMENT_SPEC, run, **CONSTRAINTS),
            self.module + '_info': ModuleSpec(INFO_ARGUMENT_SPEC, run_info),
        }

    def commands_reached(self):
        return {
            'GetFolderStatistics': 'spe_folder move_to and delete_empty (what exists, what is empty); '
            'spe_folder_info statistics: true',
            'MoveFolder': 'move_to, when the folder is there and the target not',
            'DeleteEmptyFolders': 'delete_empty: true, when a folder below the entry point is empty',
            'ClearUserPrivilegesOnFolders': 'clear_privileges_of a user with access to any folder',
            'GetChildFolders': 'spe_folder_info',
        }


FOLDER = Folder()
