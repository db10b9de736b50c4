# Copyright: contributors to mailstore.spe
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
#
# SMTP settings of an instance and of the whole system (S30). Passwords are kept only as
# salted hashes and always come back as null.

from ..common import check_keys, fail, require_bool, require_choice, require_int, require_object, require_str
from ..passwords import hash_secret
from ..registry import INSTANCE, SYSTEM, arg, command
from .instances import default_smtp

PROTOCOLS = ('SMTP', 'SMTP-TLS', 'SMTPS')
COMMON_KEYS = (
    'hostname',
    'port',
    'protocol',
    'ignoreSslPolicyErrors',
    'authenticationRequired',
    'username',
    'password',
    'fromDisplayName',
    'fromEmailAddress',
)


def _email(value, what):
    require_str(value, what)
    if '@' not in value or ' ' in value.strip():
        fail("%s is not an email address: '%s'." % (what, value))
    return value


def _apply(state, current, settings, system):
    what = 'config' if system else 'settings'
    recipients_key = 'recipientSystemAdministrator' if system else 'recipientEmailAddresses'
    obj = require_object(settings, what)
    check_keys(obj, COMMON_KEYS + (recipients_key,), what)
    new = default_smtp(system)
    for key in ('hostname', 'username', 'fromDisplayName'):
        new[key] = require_str(obj.get(key), '%s.%s' % (what, key), allow_empty=True, nullable=True)
    if new['hostname'] == '':
        new['hostname'] = None
    new['port'] = require_int(obj.get('port'), '%s.port' % what, 1, 65535, nullable=True)
    if obj.get('protocol') is not None:
        new['protocol'] = require_choice(obj['protocol'], PROTOCOLS, '%s.protocol' % what)
    for key in ('ignoreSslPolicyErrors', 'authenticationRequired'):
        new[key] = require_bool(obj.get(key), '%s.%s' % (what, key), nullable=True)
    if obj.get('fromEmailAddress') not in (None, ''):
        new['fromEmailAddress'] = _email(obj['fromEmailAddress'], '%s.fromEmailAddress' % what)
    recipients = obj.get(recipients_key)
    if recipients is not None:
        if not isinstance(recipients, list) or not all(isinstance(r, str) for r in recipients):
            fail('%s.%s must be a list of strings.' % (what, recipients_key))
        if system:
            names = {a['userName'].lower(): a['userName'] for a in state['system_administrators']}
            for r in recipients:
                if r.lower() not in names:
                    fail("System administrator '%s' in %s.%s does not exist." % (r, what, recipients_key))
            recipients = [names[r.lower()] for r in recipients]
        else:
            for r in recipients:
                _email(r, '%s.%s entry' % (what, recipients_key))
        new[recipients_key] = recipients
    password = obj.get('password')
    if password is None:
        new['passwordHash'] = (current or {}).get('passwordHash')  # S30: absent or null keeps the stored password
    elif not isinstance(password, str):
        fail('%s.password must be a string.' % what)
    else:
        new['passwordHash'] = hash_secret(password) if password else None  # "" clears it
    return new


def smtp_view(settings, system):
    view = dict(settings or default_smtp(system))
    view.pop('passwordHash', None)
    view['password'] = None
    order = list(COMMON_KEYS) + ['recipientSystemAdministrator' if system else 'recipientEmailAddresses']
    return {k: view.get(k) for k in order}


def _test(settings):
    # S30: no mail is sent; hosts under the reserved .invalid domain stand for unreachable servers.
    if not settings or not settings.get('hostname'):
        fail('SMTP test failed: no SMTP server is configured.')
    port = settings.get('port') or {'SMTPS': 465, 'SMTP-TLS': 587}.get(settings.get('protocol'), 25)
    if settings['hostname'].lower().rstrip('.').endswith('.invalid'):
        fail('SMTP test failed: could not connect to %s:%d.' % (settings['hostname'], port))
    return None


@command('GetSmtpSettings', scope=INSTANCE, args=[arg('instanceID')])
def get_smtp_settings(ctx, inst):
    return smtp_view(inst['smtp'], False)


@command('SetSmtpSettings', scope=INSTANCE, args=[arg('instanceID'), arg('settings', 'json')])
def set_smtp_settings(ctx, inst, settings):
    # _apply needs the state only for system settings; not asking for it keeps the system part out of the commit
    inst['smtp'] = _apply(None, inst['smtp'], settings, False)


@command('TestSmtpSettings', scope=INSTANCE, args=[arg('instanceID')])
def test_smtp_settings(ctx, inst):
    return _test(inst['smtp'])


@command('GetSystemSmtpConfiguration', scope=SYSTEM)
def get_system_smtp_configuration(ctx):
    return smtp_view(ctx.state['system_smtp'], True)


@command('SetSystemSmtpConfiguration', scope=SYSTEM, args=[arg('config', 'json')], reports_changes=True)
def set_system_smtp_configuration(ctx, config):
    ctx.state['system_smtp'] = _apply(ctx.state, ctx.state['system_smtp'], config, True)


@command('TestSystemSmtpConfiguration', scope=SYSTEM, reports_changes=True)
def test_system_smtp_configuration(ctx):
    return _test(ctx.state['system_smtp'])
