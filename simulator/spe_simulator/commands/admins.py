# Copyright: contributors to mailstore.spe
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
#
# SPE system administrators, their MFA state and API passwords (S8, S35).

import secrets

from ..common import check_keys, fail, require_object, require_str
from ..passwords import hash_password
from ..registry import SYSTEM, arg, command
from ..state import new_admin

CONFIG_KEYS = ('userName', 'fullName', 'emailAddress')


def find_admin(state, user_name, must_exist=True):
    for admin in state['system_administrators']:
        if admin['userName'].lower() == str(user_name).lower():
            return admin
    if must_exist:
        fail("System administrator '%s' does not exist." % user_name)
    return None


def _optional_text(cfg, key):
    value = require_str(cfg.get(key), 'config.%s' % key, allow_empty=True, nullable=True)
    return value or None


@command('GetSystemAdministrators', scope=SYSTEM)
def get_system_administrators(ctx):
    return [
        {
            'userName': a['userName'],
            'fullName': a['fullName'],
            'emailAddress': a['emailAddress'],
            'mfaStatus': a['mfaStatus'],
        }
        for a in sorted(ctx.state['system_administrators'], key=lambda a: a['userName'].lower())
    ]


@command('CreateSystemAdministrator', scope=SYSTEM, args=[arg('config', 'json'), arg('password')], reports_changes=True)
def create_system_administrator(ctx, config, password):
    cfg = require_object(config, 'config')
    check_keys(cfg, CONFIG_KEYS, 'config')
    name = require_str(cfg.get('userName'), 'config.userName')
    if ':' in name:
        fail(
            "config.userName must not contain ':' (HTTP Basic authentication could not separate it from the password)."
        )
    if find_admin(ctx.state, name, must_exist=False) is not None:
        fail("System administrator '%s' already exists." % name)
    if not password:
        fail('password must not be empty.')
    ctx.state['system_administrators'].append(
        new_admin(name, password, _optional_text(cfg, 'fullName'), _optional_text(cfg, 'emailAddress'))
    )


@command('SetSystemAdministratorConfiguration', scope=SYSTEM, args=[arg('config', 'json')], reports_changes=True)
def set_system_administrator_configuration(ctx, config):
    cfg = require_object(config, 'config')
    check_keys(cfg, CONFIG_KEYS, 'config')
    admin = find_admin(ctx.state, require_str(cfg.get('userName'), 'config.userName'))
    for key in ('fullName', 'emailAddress'):
        if key in cfg:  # S35: partial update; the user name cannot change
            admin[key] = _optional_text(cfg, key)


@command('SetSystemAdministratorPassword', scope=SYSTEM, args=[arg('userName'), arg('password')], reports_changes=True)
def set_system_administrator_password(ctx, userName, password):
    admin = find_admin(ctx.state, userName)
    if not password:
        fail('password must not be empty.')
    admin['passwordHash'] = hash_password(password)


@command('DeleteSystemAdministrator', scope=SYSTEM, args=[arg('userName')], reports_changes=True)
def delete_system_administrator(ctx, userName):
    admin = find_admin(ctx.state, userName)
    if admin['userName'].lower() == ctx.user.lower():
        fail("You cannot delete your own system administrator account '%s'." % admin['userName'])
    if len(ctx.state['system_administrators']) == 1:
        fail('The last system administrator cannot be deleted.')
    ctx.state['system_administrators'].remove(admin)


@command('InitializeSystemAdministratorMFA', scope=SYSTEM, args=[arg('userName')], reports_changes=True)
def initialize_system_administrator_mfa(ctx, userName):
    # S35: pending until finalised at a console login, which the simulator never sees.
    find_admin(ctx.state, userName)['mfaStatus'] = 'pending'


@command('DeactivateSystemAdministratorMFA', scope=SYSTEM, args=[arg('userName')], reports_changes=True)
def deactivate_system_administrator_mfa(ctx, userName):
    find_admin(ctx.state, userName)['mfaStatus'] = 'disabled'


@command('CreateSystemAdministratorAPIPassword', scope=SYSTEM, reports_changes=True)
def create_system_administrator_api_password(ctx):
    admin = find_admin(ctx.state, ctx.user)
    password = secrets.token_urlsafe(24)
    admin['apiPasswordHash'] = hash_password(password)
    return password  # S35: the only place a password leaves the server, once


# -- test hook: the console login the simulator never sees (S49) -----------------------------

MFA_STATES = ('disabled', 'pending', 'active')


def mfa_hook(state, spec):
    """POST /_simulator/mfa {userName, status}: what a console login (or the console) would do.

    `active` finalises a pending MFA set-up, as the first console login with a TOTP code does;
    it needs `pending`. `pending` and `disabled` are taken as given."""
    spec = require_object(spec, 'The body')
    check_keys(spec, ('userName', 'status'), 'the body')
    admin = find_admin(state, require_str(spec.get('userName'), 'userName'))
    status = spec.get('status')
    if status not in MFA_STATES:
        fail('status must be one of %s, got %r.' % (', '.join(MFA_STATES), status))
    if status == 'active' and admin['mfaStatus'] != 'pending':
        fail(
            "MFA of '%s' can only be finalised while it is pending (it is %s); call "
            'InitializeSystemAdministratorMFA first.' % (admin['userName'], admin['mfaStatus'])
        )
    admin['mfaStatus'] = status
    return {'userName': admin['userName'], 'mfaStatus': status}
