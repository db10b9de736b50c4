# Copyright: contributors to mailstore.spe
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
#
# Users of an instance, their privileges, privileges on archive folders, and the folder tree.

from ..common import (
    check_keys,
    fail,
    get_instance,
    require_choice,
    require_int,
    require_object,
    require_str,
    split_list,
)
from ..passwords import hash_secret
from ..registry import INSTANCE, arg, command, opt

PRIVILEGES = (
    'none',
    'admin',
    'login',
    'changePassword',
    'archive',
    'modifyArchiveProfiles',
    'export',
    'modifyExportProfiles',
    'delete',
)
FOLDER_PRIVILEGES = ('none', 'read', 'write', 'delete')
AUTHENTICATIONS = ('integrated', 'directoryServices')
BUILT_IN = ('admin', '$archiveadmin')
SEP = '/'  # S27: folder paths use '/' between levels; a user's root folder is named after the user


def parse_privileges(text, allowed, what):
    items = split_list(text)
    if not items:
        fail('%s must name at least one privilege; allowed: %s.' % (what, ', '.join(allowed)))
    out = []
    for item in items:
        require_choice(item, allowed, 'privilege in %s' % what)
        if item not in out:
            out.append(item)
    for alone in ('none', 'admin'):
        if alone in out and len(out) > 1 and alone in allowed:
            fail("The privilege '%s' must be the only value in %s, got: %s." % (alone, what, ', '.join(out)))
    if out == ['none']:
        return []
    # S25: stored in the reference's order, duplicates removed.
    return [p for p in allowed if p in out]


def find_user(inst, user_name, must_exist=True):
    for user in inst['users']:
        if user['userName'].lower() == str(user_name).lower():  # S25: user names are case-insensitive
            return user
    if must_exist:
        fail("User '%s' does not exist." % user_name)
    return None


def new_user(inst, user_name, privileges, full_name, dn, authentication, password):
    user = {
        'userName': user_name,
        'fullName': full_name or None,
        'distinguishedName': dn or None,
        'authentication': authentication,
        'emailAddresses': [],
        'pop3UserNames': [],
        'privileges': privileges,
        'privilegesOnFolders': [],
        'passwordHash': hash_secret(password) if password else None,
    }
    inst['users'].append(user)
    inst['folders'].setdefault(user_name, {'count': 0, 'size': 0})
    return user


def folder_exists(inst, folder):
    return folder in inst['folders']


@command(
    'CreateUser',
    scope=INSTANCE,
    args=[
        arg('instanceID'),
        arg('userName'),
        arg('privileges'),
        opt('fullName'),
        opt('distinguishedName'),
        opt('authentication'),
        opt('password'),
    ],
)
def create_user(
    ctx, inst, userName, privileges, fullName=None, distinguishedName=None, authentication=None, password=None
):
    if not userName.strip():
        fail('userName must not be empty.')
    if SEP in userName:
        fail("userName must not contain '%s'." % SEP)
    if find_user(inst, userName, must_exist=False) is not None:
        fail("User '%s' already exists in instance '%s'." % (userName, inst['config']['instanceID']))
    privs = parse_privileges(privileges, PRIVILEGES, 'privileges')
    auth = require_choice(authentication or 'integrated', AUTHENTICATIONS, 'authentication')
    new_user(inst, userName, privs, fullName, distinguishedName, auth, password)
    return None


@command('GetUsers', scope=INSTANCE, args=[arg('instanceID')])
def get_users(ctx, inst):
    users = sorted(inst['users'], key=lambda u: u['userName'].lower())
    return [
        {'userName': u['userName'], 'fullName': u['fullName'], 'distinguishedName': u['distinguishedName']}
        for u in users
    ]


@command('GetUserInfo', scope=INSTANCE, args=[arg('instanceID'), arg('userName')])
def get_user_info(ctx, inst, userName):
    u = find_user(inst, userName)
    return {
        'userName': u['userName'],
        'fullName': u['fullName'],
        'distinguishedName': u['distinguishedName'],
        'authentication': u['authentication'],
        'emailAddresses': u['emailAddresses'],
        'pop3UserNames': u['pop3UserNames'],
        'privileges': u['privileges'],
        'privilegesOnFolders': u['privilegesOnFolders'],
    }


@command('SetUserAuthentication', scope=INSTANCE, args=[arg('instanceID'), arg('userName'), arg('authentication')])
def set_user_authentication(ctx, inst, userName, authentication):
    find_user(inst, userName)['authentication'] = require_choice(authentication, AUTHENTICATIONS, 'authentication')


@command(
    'SetUserDistinguishedName', scope=INSTANCE, args=[arg('instanceID'), arg('userName'), opt('distinguishedName')]
)
def set_user_distinguished_name(ctx, inst, userName, distinguishedName=None):
    find_user(inst, userName)['distinguishedName'] = distinguishedName or None  # S25: empty/absent clears


@command('SetUserEmailAddresses', scope=INSTANCE, args=[arg('instanceID'), arg('userName'), opt('emailAddresses')])
def set_user_email_addresses(ctx, inst, userName, emailAddresses=None):
    user = find_user(inst, userName)
    addresses = split_list(emailAddresses)
    for address in addresses:
        if '@' not in address or ' ' in address:
            fail("'%s' is not an email address." % address)
    user['emailAddresses'] = addresses


@command('SetUserFullName', scope=INSTANCE, args=[arg('instanceID'), arg('userName'), opt('fullName')])
def set_user_full_name(ctx, inst, userName, fullName=None):
    find_user(inst, userName)['fullName'] = fullName or None


@command('SetUserPassword', scope=INSTANCE, args=[arg('instanceID'), arg('userName'), arg('password')])
def set_user_password(ctx, inst, userName, password):
    user = find_user(inst, userName)
    if password == '':
        fail('password must not be empty.')  # S25
    user['passwordHash'] = hash_secret(password)


@command('SetUserPop3UserNames', scope=INSTANCE, args=[arg('instanceID'), arg('userName'), opt('pop3UserNames')])
def set_user_pop3_user_names(ctx, inst, userName, pop3UserNames=None):
    find_user(inst, userName)['pop3UserNames'] = split_list(pop3UserNames)


@command('SetUserPrivileges', scope=INSTANCE, args=[arg('instanceID'), arg('userName'), arg('privileges')])
def set_user_privileges(ctx, inst, userName, privileges):
    user = find_user(inst, userName)
    user['privileges'] = parse_privileges(privileges, PRIVILEGES, 'privileges')


@command(
    'SetUserPrivilegesOnFolder',
    scope=INSTANCE,
    args=[arg('instanceID'), arg('userName'), arg('folder'), arg('privileges')],
)
def set_user_privileges_on_folder(ctx, inst, userName, folder, privileges):
    user = find_user(inst, userName)
    if not folder_exists(inst, folder):
        fail("Folder '%s' does not exist in instance '%s'." % (folder, inst['config']['instanceID']))  # S26
    privs = parse_privileges(privileges, FOLDER_PRIVILEGES, 'privileges')
    entries = [e for e in user['privilegesOnFolders'] if e['folder'] != folder]
    if privs:
        entries.append({'folder': folder, 'privileges': privs})
    user['privilegesOnFolders'] = sorted(entries, key=lambda e: e['folder'].lower())


@command('ClearUserPrivilegesOnFolders', scope=INSTANCE, args=[arg('instanceID'), arg('userName')])
def clear_user_privileges_on_folders(ctx, inst, userName):
    find_user(inst, userName)['privilegesOnFolders'] = []


def _rename_folder_refs(inst, old, new):
    """Renames folder `old` (and its subtree) to `new` in the tree and in every folder privilege."""

    def moved(path):
        if path == old:
            return new
        if path.startswith(old + SEP):
            return new + path[len(old) :]
        return path

    inst['folders'] = {moved(p): v for p, v in inst['folders'].items()}
    for user in inst['users']:
        for entry in user['privilegesOnFolders']:
            entry['folder'] = moved(entry['folder'])


@command('RenameUser', scope=INSTANCE, args=[arg('instanceID'), arg('oldUserName'), arg('newUserName')])
def rename_user(ctx, inst, oldUserName, newUserName):
    user = find_user(inst, oldUserName)
    if user['userName'] in BUILT_IN:
        fail("The built-in user '%s' cannot be renamed." % user['userName'])
    if not newUserName.strip() or SEP in newUserName:
        fail("newUserName must not be empty or contain '%s'." % SEP)
    other = find_user(inst, newUserName, must_exist=False)
    if other is not None and other is not user:
        fail("User '%s' already exists in instance '%s'." % (newUserName, inst['config']['instanceID']))
    old = user['userName']
    if newUserName != old and newUserName in inst['folders']:
        fail("A folder named '%s' already exists; cannot rename the user's archive to it." % newUserName)
    user['userName'] = newUserName
    if old in inst['folders'] and newUserName != old:
        _rename_folder_refs(inst, old, newUserName)  # S27: the user's root folder follows the rename
    for item in inst['jobs'] + inst['profiles']:
        if item.get('owner') == old:
            item['owner'] = newUserName


@command('DeleteUser', scope=INSTANCE, args=[arg('instanceID'), arg('userName')])
def delete_user(ctx, inst, userName):
    user = find_user(inst, userName)
    if user['userName'] in BUILT_IN:
        fail("The built-in user '%s' cannot be deleted." % user['userName'])
    inst['users'].remove(user)  # S27: the archive folders stay


# -- folders ----------------------------------------------------------------------------


def _depth(path):
    return path.count(SEP)


@command('GetChildFolders', scope=INSTANCE, args=[arg('instanceID'), opt('folder'), opt('maxLevels', 'number')])
def get_child_folders(ctx, inst, folder=None, maxLevels=None):
    levels = 1 if maxLevels is None else int(maxLevels)  # S27: default one level; 0 or less = unlimited
    if folder:
        if not folder_exists(inst, folder):
            fail("Folder '%s' does not exist in instance '%s'." % (folder, inst['config']['instanceID']))
        prefix, base = folder + SEP, _depth(folder) + 1
        candidates = [p for p in inst['folders'] if p.startswith(prefix)]
    else:
        base = 0
        candidates = list(inst['folders'])
    out = []
    for path in sorted(candidates, key=str.lower):
        if levels > 0 and _depth(path) - base >= levels:
            continue
        out.append({'folder': path, 'name': path.rsplit(SEP, 1)[-1]})
    return out


@command('GetFolderStatistics', scope=INSTANCE, args=[arg('instanceID')])
def get_folder_statistics(ctx, inst):
    return [
        {'folder': p, 'count': v['count'], 'size': v['size']}
        for p, v in sorted(inst['folders'].items(), key=lambda i: i[0].lower())
    ]


@command('MoveFolder', scope=INSTANCE, args=[arg('instanceID'), arg('fromFolder'), arg('toFolder')])
def move_folder(ctx, inst, fromFolder, toFolder):
    iid = inst['config']['instanceID']
    if not folder_exists(inst, fromFolder):
        fail("Folder '%s' does not exist in instance '%s'." % (fromFolder, iid))
    if not toFolder.strip() or toFolder.startswith(SEP) or toFolder.endswith(SEP):
        fail("Invalid target folder '%s'." % toFolder)
    if folder_exists(inst, toFolder):
        fail("Folder '%s' already exists in instance '%s'." % (toFolder, iid))
    if toFolder.startswith(fromFolder + SEP):
        fail("Folder '%s' cannot be moved into its own subfolder." % fromFolder)
    parent = toFolder.rsplit(SEP, 1)[0] if SEP in toFolder else None
    if parent is not None and not folder_exists(inst, parent):
        fail("Parent folder '%s' does not exist in instance '%s'." % (parent, iid))
    _rename_folder_refs(inst, fromFolder, toFolder)


@command('DeleteEmptyFolders', scope=INSTANCE, args=[arg('instanceID'), opt('folder')])
def delete_empty_folders(ctx, inst, folder=None):
    if folder and not folder_exists(inst, folder):
        fail("Folder '%s' does not exist in instance '%s'." % (folder, inst['config']['instanceID']))
    folders = inst['folders']

    def subtree_count(path):
        return sum(v['count'] for p, v in folders.items() if p == path or p.startswith(path + SEP))

    # S27: only folders below the entry point (or below the root folders) go; root folders stay.
    doomed = [p for p in folders if SEP in p and (not folder or p.startswith(folder + SEP)) and subtree_count(p) == 0]
    for path in doomed:
        del folders[path]
    return None


# -- test hook: folders that archiving from mailboxes would make (S53) ------------------------


def folder_hook(state, spec):
    """POST /_simulator/folder {instanceID, folder, count?, size?}: a folder below an existing root
    folder (missing parents are made, empty), with its own message count and size, as archiving
    from a mailbox the simulator does not have would leave it. Answers the folder as
    GetFolderStatistics shows it."""
    spec = require_object(spec, 'The body')
    check_keys(spec, ('instanceID', 'folder', 'count', 'size'), 'the body')
    inst = get_instance(state, spec.get('instanceID'))
    folder = require_str(spec.get('folder'), 'folder')
    parts = folder.split(SEP)
    if len(parts) < 2 or not all(p.strip() for p in parts):
        fail("folder must be a path below a root folder ('user/name'), not '%s'." % folder)
    if not folder_exists(inst, parts[0]):
        fail("Root folder '%s' does not exist in instance '%s'." % (parts[0], inst['config']['instanceID']))
    for depth in range(2, len(parts)):
        inst['folders'].setdefault(SEP.join(parts[:depth]), {'count': 0, 'size': 0})
    entry = inst['folders'].setdefault(folder, {'count': 0, 'size': 0})
    entry['count'] = require_int(spec.get('count', entry['count']), 'count', minimum=0)
    entry['size'] = require_int(spec.get('size', entry['size']), 'size', minimum=0)
    return {'folder': folder, 'count': entry['count'], 'size': entry['size']}
