# Copyright: contributors to mailstore.spe
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
#
# What the platform modules build on: system administrators and MFA (S8, S35, S49), and the
# system commands (S40).

from _client import ADMIN, Api


def _admins(api):
    return {a['userName']: a for a in api.ok('GetSystemAdministrators')}


def _make_admin(api, name='ops', password='ops-pw-1'):
    api.ok('CreateSystemAdministrator', config={'userName': name}, password=password)
    return Api(api.sim, name, password)


def test_mfa_goes_disabled_pending_active_and_back(api):
    ops = _make_admin(api)
    assert _admins(api)['ops']['mfaStatus'] == 'disabled'
    api.ok('InitializeSystemAdministratorMFA', userName='ops')
    assert _admins(api)['ops']['mfaStatus'] == 'pending'
    status, body = api.hook('POST', 'mfa', {'userName': 'OPS', 'status': 'active'})
    assert (status, body) == (200, {'userName': 'ops', 'mfaStatus': 'active'})
    assert _admins(api)['ops']['mfaStatus'] == 'active'
    assert ops.raw('Ping').status_code == 401  # the regular password no longer opens the API
    api.ok('InitializeSystemAdministratorMFA', userName='ops')  # a reset of the secret
    assert _admins(api)['ops']['mfaStatus'] == 'pending'
    api.ok('DeactivateSystemAdministratorMFA', userName='ops')
    assert _admins(api)['ops']['mfaStatus'] == 'disabled'
    assert ops.ok('Ping') is None


def test_mfa_hook_finalises_only_a_pending_setup(api):
    _make_admin(api)
    status, body = api.hook('POST', 'mfa', {'userName': 'ops', 'status': 'active'})
    assert status == 400 and 'pending' in body['error']
    assert api.hook('POST', 'mfa', {'userName': 'nobody', 'status': 'active'})[0] == 400
    assert api.hook('POST', 'mfa', {'userName': 'ops', 'status': 'on'})[0] == 400
    assert api.hook('POST', 'mfa', {'userName': 'ops', 'status': 'pending', 'x': 1})[0] == 400
    assert _admins(api)['ops']['mfaStatus'] == 'disabled'


def test_mfa_hook_is_persisted(api, sim):
    _make_admin(api)
    api.ok('InitializeSystemAdministratorMFA', userName='ops')
    api.hook('POST', 'mfa', {'userName': 'ops', 'status': 'active'})
    on_disk = {a['userName']: a for a in sim.sim.store.read_disk()['system_administrators']}
    assert on_disk['ops']['mfaStatus'] == 'active'


def test_api_password_is_shown_once_and_a_new_one_replaces_it(api):
    ops = _make_admin(api)
    first = ops.ok('CreateSystemAdministratorAPIPassword')
    second = ops.ok('CreateSystemAdministratorAPIPassword')
    assert first != second
    assert all(first not in str(a) and second not in str(a) for a in api.ok('GetSystemAdministrators'))
    assert Api(api.sim, 'ops', first).raw('Ping').status_code == 401  # one API password per account
    api.ok('InitializeSystemAdministratorMFA', userName='ops')
    api.hook('POST', 'mfa', {'userName': 'ops', 'status': 'active'})
    assert Api(api.sim, 'ops', second).ok('Ping') is None


def test_deleting_yourself_or_the_last_administrator_is_refused(api):
    assert 'own' in api.err('DeleteSystemAdministrator', userName=ADMIN)
    ops = _make_admin(api)
    ops.ok('DeleteSystemAdministrator', userName=ADMIN)
    assert list(_admins(ops)) == ['ops']
    assert 'own' in ops.err('DeleteSystemAdministrator', userName='ops')
    assert 'does not exist' in ops.err('DeleteSystemAdministrator', userName=ADMIN)


def test_license_request_is_a_read_with_the_same_data_each_time(api):
    api.hook('POST', 'stats/reset')
    first = api.ok('CreateLicenseRequest')
    assert api.ok('CreateLicenseRequest') == first
    assert api.hook('GET', 'stats')[1]['writes'] == 0


def test_environment_info_and_ping(api):
    env = api.ok('GetEnvironmentInfo')
    assert env['serverName'] == 'spe-host01' and env['userName'] == ADMIN
    assert env['licenseeID'] == 100000 and env['version'].startswith('25.')
    assert api.ok('Ping') is None
