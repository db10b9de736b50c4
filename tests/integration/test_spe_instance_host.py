# Copyright: contributors to mailstore.spe
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""spe_instance_host and spe_client_access_server against the simulator's two-host platform:
directories checked and created as Windows paths, a host with instances never removed (named,
zero writes), pairing only when the thumbprint differs, and the service status of client
access servers."""

from __future__ import annotations

from ansible_collections.mailstore.spe.plugins.module_utils.connection import client_from_params
from ansible_collections.mailstore.spe.plugins.plugin_utils.in_process import run_task


def run(spe, module, args, check_mode=False):
    return run_task(
        module, dict(args, **spe.connection), check_mode=check_mode, diff_mode=True, client_factory=client_from_params
    )


def host(spe, name):
    return (spe.api('GetInstanceHosts', serverNameFilter=name) or [None])[0]


def children(spe, server_name, path):
    envelope = spe.invoke('GetDirectoriesOnInstanceHost', serverName=server_name, path=path)
    return sorted(d['name'] for d in envelope['result']) if envelope['statusCode'] == 'succeeded' else None


def test_directories_are_created_when_missing_and_compared_as_windows_paths(spe):
    wanted = {
        'server_name': 'spe-host02',
        'directories': ['E:\\Archive\\acme', 'E:\\Archive\\globex', 'C:\\MailStore SPE'],
    }
    spe.reset_stats()
    plan = run(spe, 'spe_instance_host', wanted, check_mode=True)
    assert plan['commands'] == ['CreateDirectoryOnInstanceHost'] * 2 and spe.stats()['writes'] == 0
    assert plan['diff']['before']['directories'] == ['C:\\MailStore SPE']
    assert children(spe, 'spe-host02', 'E:\\Archive') is None

    done = run(spe, 'spe_instance_host', wanted)
    assert done['commands'] == plan['commands'] and spe.stats()['writes'] == 2
    assert children(spe, 'spe-host02', 'E:\\Archive') == ['acme', 'globex']
    assert children(spe, 'spe-host01', 'E:\\') is None  # the other host is untouched

    spelled = {
        'server_name': 'SPE-HOST02',
        'directories': ['e:/archive/ACME/', 'E:\\Archive\\Globex\\', 'c:\\mailstore spe'],
    }
    spe.reset_stats()
    again = run(spe, 'spe_instance_host', spelled)
    assert again['changed'] is False and spe.stats()['writes'] == 0
    # one listing per directory level on the way down: roots, C:\, E:\, E:\Archive
    assert spe.stats()['calls']['GetDirectoriesOnInstanceHost'] == 4


def test_a_host_with_instances_is_not_removed_and_they_are_named(spe):
    spe.api('CreateInstance', config={'instanceID': 'acme', 'instanceHost': 'spe-host02'})
    spe.api('CreateInstance', config={'instanceID': 'globex', 'instanceHost': 'spe-host02'})
    spe.api('CreateInstance', config={'instanceID': 'initech', 'instanceHost': 'spe-host01'})
    for check_mode in (True, False):
        spe.reset_stats()
        refused = run(spe, 'spe_instance_host', {'server_name': 'spe-host02', 'state': 'absent'}, check_mode)
        assert refused['failed'] and 'acme, globex' in refused['msg'] and 'initech' not in refused['msg']
        assert refused['instances'] == ['acme', 'globex'] and refused['changed'] is False
        assert spe.stats()['writes'] == 0
    assert host(spe, 'spe-host02') is not None

    spe.api('DeleteInstances', instanceFilter='acme globex')
    gone = run(spe, 'spe_instance_host', {'server_name': 'spe-host02', 'state': 'absent'})
    assert gone['commands'] == ['DeleteInstanceHost'] and host(spe, 'spe-host02') is None
    spe.reset_stats()
    again = run(spe, 'spe_instance_host', {'server_name': 'spe-host02', 'state': 'absent'})
    assert again['changed'] is False and spe.stats()['writes'] == 0


def test_a_new_host_is_registered_with_its_base_directory_and_directories(spe):
    wanted = {
        'server_name': 'spe-host03',
        'server_port': 8473,
        'thumbprint': '3f 2a 91 c4 7e 0b 55 d2 18 6a f0 9c 4b e7 21 83 d5 60 aa 17',
        'base_directory': 'D:\\MailStore\\Instances',
        'directories': ['E:\\Archive'],
    }
    spe.reset_stats()
    missing = run(spe, 'spe_instance_host', {'server_name': 'spe-host03', 'server_port': 8473})
    assert missing['failed'] and 'thumbprint' in missing['msg'] and spe.stats()['writes'] == 0

    plan = run(spe, 'spe_instance_host', wanted, check_mode=True)
    created = run(spe, 'spe_instance_host', wanted)
    assert (
        plan['commands']
        == created['commands']
        == [
            'CreateInstanceHost',
            'SetInstanceHostConfiguration',
            'CreateDirectoryOnInstanceHost',
        ]
    )
    assert plan['instance_host'] == created['instance_host']
    registered = host(spe, 'spe-host03')
    assert registered['serverCertificate']['thumbprint'] == '3F2A91C47E0B55D2186AF09C4BE72183D560AA17'
    assert registered['baseDirectory'] == 'D:\\MailStore\\Instances' and children(spe, 'spe-host03', 'E:\\') == [
        'Archive'
    ]
    spe.reset_stats()
    assert run(spe, 'spe_instance_host', wanted)['changed'] is False and spe.stats()['writes'] == 0


def test_pairing_happens_only_when_the_thumbprint_differs(spe):
    before = host(spe, 'spe-host01')['serverCertificate']['thumbprint']
    spe.reset_stats()
    same = run(spe, 'spe_instance_host', {'server_name': 'spe-host01', 'thumbprint': before.lower(), 'pair': True})
    assert same['changed'] is False and spe.stats()['writes'] == 0

    renewed = {'server_name': 'spe-host01', 'thumbprint': '5D' * 20, 'pair': True}
    plan = run(spe, 'spe_instance_host', renewed, check_mode=True)
    assert plan['commands'] == ['PairWithManagementServer'] and spe.stats()['writes'] == 0
    paired = run(spe, 'spe_instance_host', renewed)
    assert paired['commands'] == ['PairWithManagementServer']
    assert paired['diff'] == {
        'before': {'server_name': 'spe-host01', 'thumbprint': before},
        'after': {'server_name': 'spe-host01', 'thumbprint': '5D' * 20},
    }
    assert host(spe, 'spe-host01')['serverCertificate']['thumbprint'] == '5D' * 20

    unpaired = run(spe, 'spe_client_access_server', {'server_name': 'spe-cas01', 'thumbprint': '6E' * 20})
    assert unpaired['commands'] == ['SetClientAccessServerConfiguration']
    paired = run(spe, 'spe_client_access_server', {'server_name': 'spe-cas01', 'thumbprint': '7F' * 20, 'pair': True})
    assert paired['commands'] == ['PairWithManagementServer']
    cas = spe.api('GetClientAccessServers', serverNameFilter='spe-cas01', withServiceStatus=False)[0]
    assert cas['serverCertificate']['thumbprint'] == '7F' * 20

    new = {'server_name': 'spe-cas02', 'server_port': 8472, 'thumbprint': '8A' * 20, 'pair': True}
    registered = run(spe, 'spe_client_access_server', new)
    assert registered['commands'] == ['PairWithManagementServer']  # a new server is registered by pairing
    assert spe.api('GetClientAccessServers', serverNameFilter='spe-cas02', withServiceStatus=False)[0]['port'] == 8472
    spe.reset_stats()
    assert run(spe, 'spe_client_access_server', new)['changed'] is False and spe.stats()['writes'] == 0


def test_client_access_server_info_includes_the_service_status_when_asked(spe):
    plain = run(spe, 'spe_client_access_server_info', {})
    assert [c['server_name'] for c in plain['client_access_servers']] == ['spe-cas01']
    assert 'service_status' not in plain['client_access_servers'][0]
    spe.reset_stats()
    with_status = run(
        spe, 'spe_client_access_server_info', {'server_name': 'SPE-CAS01', 'include_service_status': True}
    )
    assert with_status['client_access_servers'][0]['service_status']['status'] == 'running'
    assert with_status['changed'] is False and spe.stats()['writes'] == 0

    hosts = run(spe, 'spe_instance_host_info', {})
    assert [h['server_name'] for h in hosts['instance_hosts']] == spe.hosts
