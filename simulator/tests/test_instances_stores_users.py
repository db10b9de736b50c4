# Copyright: contributors to mailstore.spe
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)

import pytest
from _client import make_instance


def _ids(api, instance_filter):
    return [i['instanceID'] for i in api.ok('GetInstances', instanceFilter=instance_filter)]


@pytest.mark.parametrize('instance_id', ['ab', 'Acme', '1acme', 'acme_1', 'a' * 33, ''])
def test_instance_id_pattern(api, instance_id):
    msg = api.err('CreateInstance', config={'instanceID': instance_id, 'instanceHost': 'spe-host01'})
    assert 'instanceID' in msg


def test_create_instance_validation(api):
    assert 'startMode' in api.err(
        'CreateInstance', config={'instanceID': 'acme', 'instanceHost': 'spe-host01', 'startMode': 'sometimes'}
    )
    assert 'nohost' in api.err('CreateInstance', config={'instanceID': 'acme', 'instanceHost': 'nohost'})
    assert 'instanceHost' in api.err('CreateInstance', config={'instanceID': 'acme'})
    assert 'colour' in api.err(
        'CreateInstance', config={'instanceID': 'acme', 'instanceHost': 'spe-host01', 'colour': 'red'}
    )
    assert 'debugLogEnabled' in api.err(
        'CreateInstance', config={'instanceID': 'acme', 'instanceHost': 'spe-host01', 'debugLogEnabled': 'yes'}
    )
    assert api.ok('GetInstances', instanceFilter='*') == []


def test_instance_defaults_and_lifecycle(api):
    make_instance(api, 'acme', start=False)
    assert 'already exists' in api.err('CreateInstance', config={'instanceID': 'acme', 'instanceHost': 'spe-host01'})
    cfg = api.ok('GetInstanceConfiguration', instanceID='acme')
    assert cfg == {
        'instanceID': 'acme',
        'alias': '',
        'displayName': 'acme',
        'instanceHost': 'spe-host01',
        'startMode': 'automatic',
        'baseDirectory': 'C:\\MailStore SPE\\Instances\\acme',
        'debugLogEnabled': False,
        'imapServerConnectionLogEnabled': False,
        'vssWriterEnabled': False,
        'vssWriterExcludeIndexes': False,
    }
    [entry] = api.ok('GetInstances', instanceFilter='acme')
    assert entry['status'] == 'stopped' and entry['processID'] is None and entry['startStopError'] is None
    api.ok('StartInstances', instanceFilter='acme')
    [entry] = api.ok('GetInstances', instanceFilter='acme')
    assert entry['status'] == 'running' and isinstance(entry['processID'], int)
    assert api.ok('GetArchiveAdminEnabled', instanceID='acme') is False
    api.ok('FreezeInstances', instanceFilter='acme')
    assert _ids(api, '* .frozen') == ['acme']
    assert 'not running (status: frozen)' in api.err('GetStores', instanceID='acme')
    api.ok('ThawInstances', instanceFilter='acme')
    api.ok('RestartInstances', instanceFilter='*')
    assert _ids(api, '* .running') == ['acme']
    assert 'must be stopped' in api.err('DeleteInstances', instanceFilter='acme')
    api.ok('StopInstances', instanceFilter='acme')
    result = api.ok('DeleteInstances', instanceFilter='acme')
    assert result == {'deleted': ['acme'], 'retainedDirectories': ['C:\\MailStore SPE\\Instances\\acme']}
    assert api.ok('GetInstances', instanceFilter='*') == []


def test_instance_filters(api):
    api.ok(
        'CreateInstanceHost',
        config={'serverName': 'spe-host02', 'port': 8473, 'serverCertificate': {'thumbprint': 'AB' * 20}},
    )
    make_instance(api, 'alpha', start=False)
    make_instance(api, 'beta', start=False)
    api.ok('CreateInstance', config={'instanceID': 'gamma', 'instanceHost': 'spe-host02', 'startMode': 'disabled'})
    api.ok('StartInstances', instanceFilter='alpha')
    assert _ids(api, '*') == ['alpha', 'beta', 'gamma']
    assert _ids(api, 'beta alpha') == ['alpha', 'beta']
    assert _ids(api, '*spe-host02') == ['gamma']
    assert _ids(api, '* .running') == ['alpha']
    assert _ids(api, '* .stopped') == ['beta', 'gamma']
    assert _ids(api, '*spe-host01 .stopped') == ['beta']
    assert _ids(api, 'nosuch') == []
    assert 'nosuch' in api.err('StartInstances', instanceFilter='alpha nosuch')
    assert 'disabled' in api.err('StartInstances', instanceFilter='gamma')
    api.ok('StartInstances', instanceFilter='*')  # skips the running one and the disabled one
    assert _ids(api, '* .running') == ['alpha', 'beta']
    assert '.bogus' in api.err('GetInstances', instanceFilter='* .bogus')
    assert api.err('GetInstances', instanceFilter=' ')


def test_instance_configuration_needs_stopped_and_is_partial(api):
    make_instance(api, 'acme')
    msg = api.err('SetInstanceConfiguration', config={'instanceID': 'acme', 'displayName': 'ACME'})
    assert msg == "Instance 'acme' must be stopped to change its configuration."
    api.ok('StopInstances', instanceFilter='acme')
    api.ok(
        'SetInstanceConfiguration', config={'instanceID': 'acme', 'displayName': 'ACME Corp', 'vssWriterEnabled': True}
    )
    cfg = api.ok('GetInstanceConfiguration', instanceID='acme')
    assert (
        cfg['displayName'] == 'ACME Corp'
        and cfg['vssWriterEnabled'] is True
        and cfg['alias'] == ''
        and cfg['startMode'] == 'automatic'
    )
    assert 'bogus' in api.err('SetInstanceConfiguration', config={'instanceID': 'acme', 'bogus': 1})
    assert 'manually' in api.err('SetInstanceConfiguration', config={'instanceID': 'acme', 'startMode': 'manually'})
    assert api.ok('GetInstanceConfiguration', instanceID='acme')['startMode'] == 'automatic'


def test_stopped_instance_and_sp_access_refusals(api):
    make_instance(api, 'acme', start=False)
    assert api.err('GetUsers', instanceID='acme') == "Instance 'acme' is not running (status: stopped)."
    assert api.err('GetStores', instanceID='acme') == "Instance 'acme' is not running (status: stopped)."
    assert api.err('GetUsers', instanceID='nope') == "Instance 'nope' does not exist."
    api.ok('StartInstances', instanceFilter='acme')
    assert api.err('GetUsers', instanceID='acme') == "Service provider access is disabled for instance 'acme'."
    assert api.err('GetSmtpSettings', instanceID='acme') == "Service provider access is disabled for instance 'acme'."
    # store and search index commands work without service provider access
    store = api.ok('CreateStore', instanceID='acme', name='s1', databasePath='D:\\s1')
    assert [s['id'] for s in api.ok('GetStores', instanceID='acme')] == [store['id']]
    assert api.ok('GetIndexConfiguration', instanceID='acme')['attachmentFileTypes']
    api.ok(
        'SetStoreAutoCreateConfiguration',
        instanceID='acme',
        config={'sizeThreshold': '50GB', 'baseDirectory': 'E:\\auto'},
    )
    api.ok('SetArchiveAdminEnabled', instanceID='acme', enabled=True)
    assert api.ok('GetArchiveAdminEnabled', instanceID='acme') is True
    assert {u['userName'] for u in api.ok('GetUsers', instanceID='acme')} == {'admin', '$archiveadmin'}


def test_stores(api, acme):
    assert 'requestedState' in api.err(
        'CreateStore', instanceID=acme, name='x', databasePath='D:\\x', requestedState='readonly'
    )
    s1 = api.ok('CreateStore', instanceID=acme, name='s1', databasePath='D:\\s1', requestedState='current')
    assert (s1['contentPath'], s1['indexPath']) == ('D:\\s1', 'D:\\s1')
    assert 'already holds' in api.err('CreateStore', instanceID=acme, name='dup', databasePath='d:\\S1\\')
    s2 = api.ok(
        'CreateStore',
        instanceID=acme,
        name='s2',
        databasePath='D:\\s2',
        contentPath='E:\\c2',
        indexPath='F:\\i2',
        requestedState='current',
    )
    stores = {s['id']: s for s in api.ok('GetStores', instanceID=acme)}
    assert stores[s1['id']]['requestedState'] == 'normal' and stores[s2['id']]['requestedState'] == 'current'
    assert stores[s2['id']]['contentPath'] == 'E:\\c2'
    assert set(stores[s1['id']]) == {
        'id',
        'name',
        'requestedState',
        'databasePath',
        'contentPath',
        'indexPath',
        'error',
        'searchIndexesNeedRebuild',
        'needsUpgrade',
        'statisticsSize',
        'statisticsCount',
    }
    assert all(s['statisticsSize'] is None for s in api.ok('GetStores', instanceID=acme, includeSize=False))
    api.ok('RenameStore', instanceID=acme, id=s1['id'], name='renamed')
    assert (
        api.err('RenameStore', instanceID=acme, id=99, name='x')
        == "Archive store 99 does not exist in instance 'acme'."
    )
    # path changes only while disabled
    msg = api.err('SetStorePath', instanceID=acme, id=s1['id'], databasePath='G:\\moved')
    assert 'disabled' in msg
    api.ok('SetStoreRequestedState', instanceID=acme, id=s1['id'], requestedState='disabled')
    api.ok('SetStorePath', instanceID=acme, id=s1['id'], databasePath='G:\\moved')
    moved = [s for s in api.ok('GetStores', instanceID=acme) if s['id'] == s1['id']][0]
    assert moved['databasePath'] == moved['indexPath'] == 'G:\\moved' and moved['name'] == 'renamed'
    # detach keeps the data; attach gives a new id
    api.ok('DetachStore', instanceID=acme, id=s1['id'])
    assert s1['id'] not in [s['id'] for s in api.ok('GetStores', instanceID=acme)]
    assert 'already holds' in api.err('CreateStore', instanceID=acme, name='x', databasePath='G:\\moved')
    assert (
        api.err('AttachStore', instanceID=acme, name='x', databasePath='H:\\none')
        == "No archive store found at 'H:\\none'."
    )
    again = api.ok('AttachStore', instanceID=acme, name='back', databasePath='G:\\moved')
    assert again['id'] > s2['id']
    api.done('MergeStore', instanceID=acme, id=s2['id'], sourceId=again['id'])
    assert [s['id'] for s in api.ok('GetStores', instanceID=acme)] == [s2['id']]


def test_users(api, acme):
    for bad in ('none,login', 'admin,login', 'login,flying', ''):
        msg = api.err('CreateUser', instanceID=acme, userName='bob', privileges=bad)
        assert 'privilege' in msg
    assert 'only value' in api.err('CreateUser', instanceID=acme, userName='bob', privileges='admin,login')
    assert 'authentication' in api.err(
        'CreateUser', instanceID=acme, userName='bob', privileges='login', authentication='ldap'
    )
    api.ok(
        'CreateUser',
        instanceID=acme,
        userName='bob',
        privileges='login, archive',
        fullName='Bob',
        password='pw1',
        distinguishedName='CN=Bob,DC=example,DC=com',
    )
    assert 'already exists' in api.err('CreateUser', instanceID=acme, userName='BOB', privileges='none')
    api.ok('CreateUser', instanceID=acme, userName='carol', privileges='none')
    assert api.ok('GetUserInfo', instanceID=acme, userName='carol')['privileges'] == []
    users = {u['userName']: u for u in api.ok('GetUsers', instanceID=acme)}
    assert users['bob'] == {'userName': 'bob', 'fullName': 'Bob', 'distinguishedName': 'CN=Bob,DC=example,DC=com'}
    api.ok('SetUserEmailAddresses', instanceID=acme, userName='bob', emailAddresses='bob@example.com,b@example.com')
    api.ok('SetUserPop3UserNames', instanceID=acme, userName='bob', pop3UserNames='bob1')
    api.ok('SetUserPrivileges', instanceID=acme, userName='bob', privileges='login,export,delete')
    api.ok('SetUserAuthentication', instanceID=acme, userName='bob', authentication='directoryServices')
    api.ok('SetUserFullName', instanceID=acme, userName='bob')  # absent optional value clears it
    api.ok('SetUserPrivilegesOnFolder', instanceID=acme, userName='carol', folder='bob', privileges='read,write')
    assert 'none' in api.err(
        'SetUserPrivilegesOnFolder', instanceID=acme, userName='carol', folder='bob', privileges='none,read'
    )
    info = api.ok('GetUserInfo', instanceID=acme, userName='bob')
    assert info == {
        'userName': 'bob',
        'fullName': None,
        'distinguishedName': 'CN=Bob,DC=example,DC=com',
        'authentication': 'directoryServices',
        'emailAddresses': ['bob@example.com', 'b@example.com'],
        'pop3UserNames': ['bob1'],
        'privileges': ['login', 'export', 'delete'],
        'privilegesOnFolders': [],
    }
    carol = api.ok('GetUserInfo', instanceID=acme, userName='carol')
    assert carol['privilegesOnFolders'] == [{'folder': 'bob', 'privileges': ['read', 'write']}]
    api.ok('RenameUser', instanceID=acme, oldUserName='bob', newUserName='robert')
    carol = api.ok('GetUserInfo', instanceID=acme, userName='carol')
    assert carol['privilegesOnFolders'] == [{'folder': 'robert', 'privileges': ['read', 'write']}]
    api.ok('SetUserPrivilegesOnFolder', instanceID=acme, userName='carol', folder='robert', privileges='none')
    assert api.ok('GetUserInfo', instanceID=acme, userName='carol')['privilegesOnFolders'] == []
    api.ok('DeleteUser', instanceID=acme, userName='robert')
    assert api.err('GetUserInfo', instanceID=acme, userName='robert') == "User 'robert' does not exist."
    assert 'built-in' in api.err('DeleteUser', instanceID=acme, userName='admin')
    assert 'built-in' in api.err('RenameUser', instanceID=acme, oldUserName='$archiveadmin', newUserName='x')


def test_folders(api, acme):
    api.ok('CreateUser', instanceID=acme, userName='bob', privileges='login')
    folders = [f['folder'] for f in api.ok('GetChildFolders', instanceID=acme)]
    assert folders == ['$archiveadmin', 'admin', 'bob']
    api.ok('MoveFolder', instanceID=acme, fromFolder='bob', toFolder='admin/bob-archive')
    assert [f['folder'] for f in api.ok('GetChildFolders', instanceID=acme, folder='admin')] == ['admin/bob-archive']
    stats = {f['folder']: f for f in api.ok('GetFolderStatistics', instanceID=acme)}
    assert stats['admin/bob-archive']['count'] == 0
    api.ok('DeleteEmptyFolders', instanceID=acme, folder='admin')
    assert api.ok('GetChildFolders', instanceID=acme, folder='admin') == []
