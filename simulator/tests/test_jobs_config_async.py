# Copyright: contributors to mailstore.spe
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)

import json
import time

import pytest
from _client import ADMIN, PASSWORD, Api, decode, make_instance, wait_done

from spe_simulator import passwords
from spe_simulator.server import start

RANGE = {'fromIncluding': '2000-01-01T00:00:00', 'toExcluding': '2100-01-01T00:00:00'}


@pytest.mark.parametrize(
    'args,needle',
    [
        ({'interval': 7}, 'interval'),
        ({'interval': 260}, 'interval'),
        ({'time': '25:00'}, 'time'),
        ({'time': '10:00', 'dayOfWeek': 'Funday'}, 'dayOfWeek'),
        ({'time': '10:00', 'dayOfMonth': '32'}, 'dayOfMonth'),
        ({'dayOfWeek': 'Monday'}, 'time'),
        ({'date': '2030-01-01 10:00'}, 'date'),
        ({'interval': 60, 'time': '10:00'}, 'only one'),
        ({'timeZoneId': 'Mars/Olympus'}, 'time zone'),
        ({'owner': 'nobody'}, 'nobody'),
    ],
)
def test_job_validation(api, acme, args, needle):
    msg = api.err('CreateJob', instanceID=acme, name='j', action='VerifyStores --includeIndexes=true', **args)
    assert needle in msg


def test_jobs(api, acme):
    assert 'name' in api.err('CreateJob', instanceID=acme, action='Ping')
    assert 'action' in api.err('CreateJob', instanceID=acme, name='x')
    api.ok('CreateUser', instanceID=acme, userName='bob', privileges='login')
    assert 'administrator' in api.err('CreateJob', instanceID=acme, name='x', action='Ping', owner='bob')
    daily = api.ok('CreateJob', instanceID=acme, name='daily', action='VerifyStores', time='02:30')
    assert daily['schedule'] == {
        'type': 'daily',
        'date': None,
        'interval': None,
        'time': '02:30:00',
        'dayOfWeek': None,
        'dayOfMonth': None,
    }
    assert daily['owner'] == 'admin' and daily['timeZoneId'] == '$Local' and daily['enabled'] is True
    monthly = api.ok(
        'CreateJob',
        instanceID=acme,
        name='monthly',
        action='Ping',
        time='23:00:15',
        dayOfMonth='Last',
        timeZoneId='UTC',
    )
    assert monthly['schedule']['type'] == 'monthly' and monthly['schedule']['dayOfMonth'] == 'Last'
    every = api.ok('CreateJob', instanceID=acme, name='every', action='Ping', interval=240)
    assert every['schedule']['type'] == 'interval'
    plain = api.ok('CreateJob', instanceID=acme, name='plain', action='Ping')
    assert plain['schedule']['type'] == 'none'
    assert len({daily['id'], monthly['id'], every['id'], plain['id']}) == 4
    # SetJobSchedule has no instanceID: job ids are global
    api.ok('SetJobSchedule', id=plain['id'], timeZoneId='W. Europe Standard Time', time='06:00', dayOfWeek='Sunday')
    assert 'Funday' in api.err('SetJobSchedule', id=plain['id'], timeZoneId='UTC', time='06:00', dayOfWeek='Funday')
    api.ok('SetJobEnabled', instanceID=acme, id=plain['id'], enabled=False)
    api.ok('RenameJob', instanceID=acme, id=plain['id'], name='weekly')
    jobs = {j['id']: j for j in api.ok('GetJobs', instanceID=acme)}
    assert jobs[plain['id']]['name'] == 'weekly' and jobs[plain['id']]['enabled'] is False
    assert (
        jobs[plain['id']]['schedule']['type'] == 'weekly'
        and jobs[plain['id']]['timeZoneId'] == 'W. Europe Standard Time'
    )
    api.ok('DeleteJob', instanceID=acme, id=str(every['id']))
    assert every['id'] not in [j['id'] for j in api.ok('GetJobs', instanceID=acme)]
    assert 'does not exist' in api.err('DeleteJob', instanceID=acme, id=str(every['id']))
    zones = api.ok('GetTimeZones', instanceID=acme)
    assert {'id', 'displayName'} == set(zones[0]) and '$Local' in [z['id'] for z in zones]
    # running a job records a result
    final, _seen = wait_done(api, api.call('RunJobAsync', instanceID=acme, id=daily['id']))
    assert final['statusCode'] == 'succeeded'
    results = api.ok('GetJobResults', instanceID=acme, timeZoneId='UTC', jobId=daily['id'], **RANGE)
    assert len(results) == 1 and results[0]['result'] == 'succeeded'
    assert api.ok('GetJobs', instanceID=acme)[0]['lastRun'] is not None
    assert api.ok('CancelJobAsync', instanceID=acme, id=daily['id']) is None


def test_long_running_progress_and_cancel(api, acme):
    store = api.ok('CreateStore', instanceID=acme, name='s1', databasePath='D:\\s1')
    assert 'does not exist' in api.err(
        'VerifyStore', instanceID=acme, id=42, includeIndexes=True
    )  # validated synchronously
    first = api.call('VerifyStore', instanceID=acme, id=store['id'], includeIndexes=True)
    assert first['statusCode'] == 'running' and first['token'] and first['statusVersion'] == 1
    assert first['percentProgress'] == 0 and first['statusText']
    final, seen = wait_done(api, first)
    versions = [e['statusVersion'] for e in seen]
    assert versions == sorted(set(versions)) and len(versions) >= 4
    progress = [e['percentProgress'] for e in seen]
    assert progress == sorted(progress) and progress[-1] == 100
    assert final['statusCode'] == 'succeeded' and final['result']['stores'][0]['id'] == store['id']
    assert len(final['logOutput'].splitlines()) > len((seen[1]['logOutput'] or '').splitlines())
    # an answer for a known version waits at most millisecondsTimeout and returns the same status
    r = api.post(
        '/api/get-status',
        data={
            'token': first['token'],
            'lastKnownStatusVersion': str(final['statusVersion']),
            'millisecondsTimeout': '50',
        },
    )
    assert decode(r)['statusVersion'] == final['statusVersion']
    # cancel
    running = api.call('CompactStore', instanceID=acme, id=store['id'])
    r = api.post('/api/cancel-async', data={'token': running['token']})
    assert r.status_code == 200 and decode(r)['statusCode'] == 'succeeded'
    final, _seen = wait_done(api, running)
    assert final['statusCode'] == 'cancelled' and final['result'] is None


def test_finished_tokens_expire(tmp_path, tls_dir):
    sim = start(
        '127.0.0.1', 0, str(tmp_path / 's.json'), tls_dir, ADMIN, PASSWORD, async_duration=0.05, operation_retention=0.2
    )
    try:
        api = Api(sim)
        make_instance(api)
        final, _seen = wait_done(api, api.call('MaintainFileSystemDatabases', instanceID='acme'))
        assert final['statusCode'] == 'succeeded'
        time.sleep(0.4)
        r = api.post(
            '/api/get-status', data={'token': final['token'], 'lastKnownStatusVersion': '0', 'millisecondsTimeout': '0'}
        )
        assert r.status_code == 404
    finally:
        sim.stop()


def test_smtp_settings_and_passwords_never_returned(api, acme, sim):
    assert 'protocol' in api.err(
        'SetSmtpSettings', instanceID=acme, settings={'hostname': 'mail.example.com', 'protocol': 'POP3'}
    )
    assert 'port' in api.err(
        'SetSmtpSettings', instanceID=acme, settings={'hostname': 'mail.example.com', 'port': 70000}
    )
    assert 'colour' in api.err('SetSmtpSettings', instanceID=acme, settings={'colour': 'red'})
    assert 'no SMTP server' in api.err('TestSmtpSettings', instanceID=acme)
    settings = {
        'hostname': 'mail.example.com',
        'port': 587,
        'protocol': 'SMTP-TLS',
        'ignoreSslPolicyErrors': False,
        'authenticationRequired': True,
        'username': 'sender@example.com',
        'password': 'SmtpPassw0rd!',
        'fromDisplayName': 'Sender',
        'fromEmailAddress': 'sender@example.com',
        'recipientEmailAddresses': ['ops@example.com'],
    }
    api.ok('SetSmtpSettings', instanceID=acme, settings=settings)
    got = api.ok('GetSmtpSettings', instanceID=acme)
    assert got == dict(settings, password=None)
    assert api.ok('TestSmtpSettings', instanceID=acme) is None
    api.ok('SetSmtpSettings', instanceID=acme, settings=dict(settings, hostname='smtp.example.invalid', password=None))
    assert (
        api.err('TestSmtpSettings', instanceID=acme)
        == 'SMTP test failed: could not connect to smtp.example.invalid:587.'
    )
    # system SMTP
    assert api.ok('GetSystemSmtpConfiguration') == {
        k: None for k in list(settings)[:-1] + ['recipientSystemAdministrator']
    }
    sys_cfg = dict(settings, recipientSystemAdministrator=['admin'], password='SysSmtpPw!')
    del sys_cfg['recipientEmailAddresses']
    assert 'ghost' in api.err(
        'SetSystemSmtpConfiguration', config=dict(sys_cfg, recipientSystemAdministrator=['ghost'])
    )
    api.ok('SetSystemSmtpConfiguration', config=sys_cfg)
    assert api.ok('GetSystemSmtpConfiguration')['password'] is None
    api.ok('TestSystemSmtpConfiguration')
    # passwords: neither in answers nor in the state file
    api.ok('CreateUser', instanceID=acme, userName='dave', privileges='login', password='UserPassw0rd!')
    api.ok(
        'CreateProfile',
        instanceID=acme,
        raw=True,
        properties={'name': 'imap', 'type': 'archive', 'details': {'password': 'ProfilePw!'}},
    )
    everything = json.dumps(
        [
            api.ok('GetUserInfo', instanceID=acme, userName='dave'),
            api.ok('GetProfiles', instanceID=acme, raw=True),
            api.ok('GetSmtpSettings', instanceID=acme),
            api.ok('GetSystemAdministrators'),
        ]
    )
    on_disk = json.dumps(sim.sim.store.read_disk(), ensure_ascii=False)
    for secret in ('SmtpPassw0rd!', 'SysSmtpPw!', 'UserPassw0rd!', 'ProfilePw!', PASSWORD):
        assert secret not in everything and secret not in on_disk


def test_kept_secrets_cost_a_light_hash_checked_passwords_the_slow_one(api, acme, sim):
    # Users' passwords are kept, never checked, so they get the light work factor; the
    # administrators' passwords authenticate API calls (S8) and keep the slow one.
    api.ok('CreateUser', instanceID=acme, userName='erin', privileges='login', password='UserPassw0rd!')
    on_disk = sim.sim.store.read_disk()
    erin = next(u for u in on_disk['instances'][acme]['users'] if u['userName'] == 'erin')
    admin = next(a for a in on_disk['system_administrators'] if a['userName'] == ADMIN)
    assert erin['passwordHash'].split('$')[1] == str(passwords.KEPT_SECRET_ITERATIONS)
    assert admin['passwordHash'].split('$')[1] == str(passwords.ITERATIONS)
    assert passwords.verify_password('UserPassw0rd!', erin['passwordHash'])
    assert not passwords.verify_password('UserPassw0rd?', erin['passwordHash'])
    assert passwords.verify_password(PASSWORD, admin['passwordHash'])


def test_configuration_objects(api, acme):
    assert api.ok('GetComplianceConfiguration', instanceID=acme) == {
        'adminEmailPreviewEnabled': True,
        'legalHoldEnabled': False,
        'logSuccessfulUserActivities': [],
    }
    api.ok(
        'SetComplianceConfiguration',
        instanceID=acme,
        config={'legalHoldEnabled': True, 'logSuccessfulUserActivities': ['UserAdd', 'AdminRestored']},
    )
    assert api.ok('GetComplianceConfiguration', instanceID=acme) == {
        'adminEmailPreviewEnabled': True,
        'legalHoldEnabled': True,
        'logSuccessfulUserActivities': ['AdminRestored', 'UserAdd'],
    }
    assert 'Dancing' in api.err(
        'SetComplianceConfiguration', instanceID=acme, config={'logSuccessfulUserActivities': ['Dancing']}
    )
    assert api.ok('GetDirectoryServicesConfiguration', instanceID=acme) == {'type': 'none'}
    assert 'not configured' in api.err('SyncUsersWithDirectoryServices', instanceID=acme)
    api.ok(
        'SetDirectoryServicesConfiguration',
        instanceID=acme,
        config={'type': 'activeDirectory', 'server': 'dc01', 'password': 'LdapPw'},
    )
    ds = api.ok('GetDirectoryServicesConfiguration', instanceID=acme)
    assert ds == {'type': 'activeDirectory', 'server': 'dc01', 'password': None}
    final, _seen = wait_done(api, api.call('SyncUsersWithDirectoryServices', instanceID=acme, dryRun=True))
    assert final['statusCode'] == 'succeeded' and final['result']['dryRun'] is True
    api.ok('SetIndexConfiguration', instanceID=acme, config={'attachmentFileTypes': ['pdf', 'docx']})
    assert api.ok('GetIndexConfiguration', instanceID=acme) == {'attachmentFileTypes': ['pdf', 'docx']}
    assert 'sizeThreshold' in api.err(
        'SetStoreAutoCreateConfiguration', instanceID=acme, config={'sizeThreshold': 'big'}
    )
    api.ok(
        'SetStoreAutoCreateConfiguration',
        instanceID=acme,
        config={'sizeThreshold': None, 'baseDirectory': 'E:\\stores'},
    )
    assert api.ok('GetStoreAutoCreateConfiguration', instanceID=acme) == {
        'sizeThreshold': None,
        'baseDirectory': 'E:\\stores',
        'contentBaseDirectory': '',
        'indexBaseDirectory': '',
    }
    url = api.ok(
        'CreateClientOneTimeUrlForArchiveAdmin', instanceID=acme, instanceUrl='https://archive.example.com/acme'
    )
    assert url.startswith('https://archive.example.com/acme/?otp=')


def test_profiles_and_worker_results(api, acme):
    assert 'raw' in api.err('CreateProfile', instanceID=acme, raw=False, properties={'name': 'p'})
    assert 'id' in api.err('CreateProfile', instanceID=acme, raw=True, properties={'name': 'p', 'id': 3})
    profile = api.ok(
        'CreateProfile', instanceID=acme, raw=True, properties={'name': 'imap', 'type': 'archive', 'connector': 'imap'}
    )
    assert profile['serverSideExecution'] == {
        'automatic': False,
        'automaticPauseBetweenExecutions': 0,
        'automaticMaintenanceWindows': [],
    }
    assert 'automaticPauseBetweenExecutions' in api.err(
        'SetProfileServerSideExecution', instanceID=acme, id=profile['id'], automatic=True
    )
    api.ok(
        'SetProfileServerSideExecution',
        instanceID=acme,
        id=profile['id'],
        automatic=True,
        automaticPauseBetweenExecutions=300,
        automaticMaintenanceWindows='22:00-04:00',
    )
    [got] = api.ok('GetProfiles', instanceID=acme, raw=True)
    assert got['serverSideExecution']['automaticMaintenanceWindows'] == ['22:00-04:00']
    api.ok('CreateStore', instanceID=acme, name='s', databasePath='D:\\s', requestedState='current')
    final, _seen = wait_done(api, api.call('RunProfile', instanceID=acme, id=profile['id']))
    assert final['statusCode'] == 'succeeded'
    rows = api.ok('GetWorkerResults', instanceID=acme, timeZoneID='$Local', profileID=profile['id'], **RANGE)
    assert len(rows) == 1 and rows[0]['result'] == 'succeeded'
    assert api.ok('GetStores', instanceID=acme)[0]['statisticsCount'] > 0
    api.ok('DeleteProfile', instanceID=acme, id=profile['id'])
    assert api.ok('GetProfiles', instanceID=acme, raw=True) == []


def test_hosts_servers_and_system(api):
    [host] = api.ok('GetInstanceHosts')
    assert (
        host['serverName'] == 'spe-host01'
        and host['baseDirectory'] == 'C:\\MailStore SPE\\Instances'
        and len(host['serverCertificate']['thumbprint']) == 40
    )
    assert api.ok('GetInstanceHosts', serverNameFilter='other') == []
    assert 'thumbprint' in api.err(
        'CreateInstanceHost', config={'serverName': 'h2', 'port': 8473, 'serverCertificate': {'thumbprint': 'xyz'}}
    )
    api.ok('PairWithManagementServer', serverType='instanceHost', serverName='h2', port=8473, thumbprint='CD' * 20)
    api.ok('SetInstanceHostConfiguration', config={'serverName': 'h2', 'baseDirectory': 'D:\\Instances'})
    assert api.ok('GetInstanceHosts', serverNameFilter='h2')[0]['baseDirectory'] == 'D:\\Instances'
    api.ok('CreateDirectoryOnInstanceHost', serverName='h2', path='D:\\Instances\\new\\deep')
    assert [d['name'] for d in api.ok('GetDirectoriesOnInstanceHost', serverName='h2', path='D:\\Instances\\new')] == [
        'deep'
    ]
    assert 'does not exist' in api.err('GetDirectoriesOnInstanceHost', serverName='h2', path='Z:\\nope')
    api.ok('CreateInstance', config={'instanceID': 'onh2', 'instanceHost': 'h2'})
    assert 'onh2' in api.err('DeleteInstanceHost', serverName='h2')
    [cas] = api.ok('GetClientAccessServers', withServiceStatus=True)
    assert cas['serverName'] == 'spe-cas01' and cas['serviceStatus']['status'] == 'running'
    api.ok(
        'CreateClientAccessServer',
        config={'serverName': 'cas2', 'port': 443, 'serverCertificate': {'thumbprint': 'EF' * 20}},
    )
    api.ok('SetClientAccessServerConfiguration', config={'serverName': 'cas2', 'port': 8443})
    assert api.ok('GetClientAccessServers', serverNameFilter='cas2', withServiceStatus=False) == [
        {'serverName': 'cas2', 'port': 8443, 'serverCertificate': {'thumbprint': 'EF' * 20}}
    ]
    api.ok('DeleteClientAccessServer', serverName='cas2')
    env = api.ok('GetEnvironmentInfo')
    assert {'version', 'copyright', 'licenseeName', 'licenseeID', 'serverName', 'userName', 'systemProperties'} <= set(
        env
    )
    assert env['userName'] == ADMIN
    assert api.ok('GetServiceStatus')['managementServer']['status'] == 'running'
    assert isinstance(api.ok('CreateLicenseRequest'), str)
    assert api.ok('ReloadBranding') is None


def test_cancel_job_async_cancels_the_run(api, acme):
    job = api.ok('CreateJob', instanceID=acme, name='j', action='VerifyStores')
    running = api.call('RunJobAsync', instanceID=acme, id=job['id'])
    assert running['statusCode'] == 'running'
    api.ok('CancelJobAsync', instanceID=acme, id=job['id'])
    final, _seen = wait_done(api, running)
    assert final['statusCode'] == 'cancelled'
    [row] = api.ok('GetJobResults', instanceID=acme, timeZoneId='$Local', **RANGE)
    assert row['jobId'] == job['id'] and row['result'] == 'failed'
