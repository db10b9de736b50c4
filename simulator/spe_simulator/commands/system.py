# Copyright: contributors to mailstore.spe
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
#
# Environment, service status, license request, branding, Ping and statistics (S40).

import base64
import json
import platform

from ..registry import INSTANCE, SYSTEM, arg, command

VERSION = '25.1.0.0 (simulated)'
LICENSEE_NAME = 'Simulated Service Provider'
LICENSEE_ID = 100000


@command('GetEnvironmentInfo', scope=SYSTEM)
def get_environment_info(ctx):
    return {
        'version': VERSION,
        'copyright': 'spe-simulator: a test double, not MailStore software',
        'licenseeName': LICENSEE_NAME,
        'licenseeID': LICENSEE_ID,
        'serverName': ctx.sim.instance_host,
        'userName': ctx.user,
        'systemProperties': {
            'operatingSystem': 'Simulated (%s)' % platform.system(),
            'processorCount': 2,
            'totalPhysicalMemoryMB': 8192,
        },
    }


@command('GetServiceStatus', scope=SYSTEM)
def get_service_status(ctx):
    return {
        'managementServer': {'serverName': ctx.sim.instance_host, 'status': 'running', 'version': VERSION},
        'instanceHosts': [
            {'serverName': h['serverName'], 'status': 'running', 'version': VERSION}
            for h in ctx.state['instance_hosts']
        ],
        'clientAccessServers': [
            {'serverName': c['serverName'], 'status': 'running', 'version': VERSION}
            for c in ctx.state['client_access_servers']
        ],
    }


@command('CreateLicenseRequest', scope=SYSTEM, read=True)
def create_license_request(ctx):
    # S40: a read in effect: the same data for the same installation, and no state change.
    body = {
        'licenseeID': LICENSEE_ID,
        'licenseeName': LICENSEE_NAME,
        'instanceHosts': sorted(h['serverName'] for h in ctx.state['instance_hosts']),
        'instances': sorted(ctx.state['instances']),
        'version': VERSION,
    }
    return base64.b64encode(json.dumps(body, sort_keys=True).encode('utf-8')).decode('ascii')


@command('Ping', scope=SYSTEM)
def ping(ctx):
    return None


@command('ReloadBranding', scope=SYSTEM, reports_changes=True)
def reload_branding(ctx):
    ctx.state['branding_reloads'] = ctx.state.get('branding_reloads', 0) + 1


@command('GetInstanceStatistics', scope=INSTANCE, args=[arg('instanceID')])
def get_instance_statistics(ctx, inst):
    return {
        'archiveStoreCount': len(inst['stores']),
        'userCount': len(inst['users']),
        'messageCount': sum(s['count'] for s in inst['stores']),
        'totalSize': sum(s['size'] for s in inst['stores']),
    }


@command('GetInstanceProcessLiveStatistics', scope=INSTANCE, args=[arg('instanceID')])
def get_instance_process_live_statistics(ctx, inst):
    # S40: what the running process has archived since it started; the rest is made up.
    live = inst.get('liveStatistics', {'messagesArchived': 0, 'bytesArchived': 0})
    return {
        'processID': inst['processID'],
        'cpuUsagePercent': 0.5,
        'workingSetBytes': 157286400,
        'threadCount': 42,
        'handleCount': 900,
        'messagesArchived': live['messagesArchived'],
        'bytesArchived': live['bytesArchived'],
    }
