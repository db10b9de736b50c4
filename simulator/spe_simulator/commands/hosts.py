# Copyright: contributors to mailstore.spe
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
#
# Instance hosts, client access servers, pairing with the management server, and the
# directory trees of instance hosts (S36, S37).

import re

from ..common import THUMBPRINT, check_keys, fail, find_host, require_int, require_object, require_str, same_path
from ..registry import SYSTEM, arg, command, opt
from ..state import new_host

SERVER_KEYS = ('serverName', 'port', 'serverCertificate')
SERVER_TYPES = ('instanceHost', 'clientAccessServer')
_ABSOLUTE = re.compile(r'^[A-Za-z]:\\')


def _norm_dir(path):
    path = path.replace('/', '\\')
    while path.endswith('\\') and len(path) > 3:
        path = path[:-1]
    if len(path) == 2:
        path += '\\'
    return path


def add_directory(host, path):
    """mkdir -p on the simulated file system of an instance host."""
    path = _norm_dir(path)
    if not _ABSOLUTE.match(path):
        return
    parts = path[3:].split('\\') if len(path) > 3 else []
    current = path[:3]
    chain = [current]
    for part in parts:
        current = current.rstrip('\\') + '\\' + part
        chain.append(current)
    for item in chain:
        if not any(same_path(item, d) for d in host['directories']):
            host['directories'].append(item)


def _validate_server(cfg, what, partial=False):
    name = require_str(cfg.get('serverName'), '%s.serverName' % what)
    if not partial or 'port' in cfg:
        require_int(cfg.get('port'), '%s.port' % what, 1, 65535)
    if not partial or 'serverCertificate' in cfg:
        cert = require_object(cfg.get('serverCertificate'), '%s.serverCertificate' % what)
        check_keys(cert, ('thumbprint',), '%s.serverCertificate' % what)
        thumb = require_str(cert.get('thumbprint'), '%s.serverCertificate.thumbprint' % what)
        if not THUMBPRINT.match(thumb):
            fail(
                "%s.serverCertificate.thumbprint must be 40 hexadecimal digits (a SHA-1 thumbprint), got '%s'."
                % (what, thumb)
            )
    return name


def _server_entry(server, keys):
    return {k: server[k] for k in keys}


def _filter(items, name_filter):
    if name_filter is None or name_filter == '':
        return items
    return [i for i in items if i['serverName'] == name_filter]  # the reference: "Must match exactly."


# -- instance hosts -------------------------------------------------------------------------


@command('GetInstanceHosts', scope=SYSTEM, args=[opt('serverNameFilter')])
def get_instance_hosts(ctx, serverNameFilter=None):
    return [
        _server_entry(h, SERVER_KEYS + ('baseDirectory',))
        for h in _filter(ctx.state['instance_hosts'], serverNameFilter)
    ]


@command('CreateInstanceHost', scope=SYSTEM, args=[arg('config', 'json')], reports_changes=True)
def create_instance_host(ctx, config):
    cfg = require_object(config, 'config')
    check_keys(cfg, SERVER_KEYS, 'config')
    name = _validate_server(cfg, 'config')
    if find_host(ctx.state, name) is not None:
        fail("Instance host '%s' already exists." % name)
    ctx.state['instance_hosts'].append(new_host(name, int(cfg['port']), cfg['serverCertificate']['thumbprint']))


@command('SetInstanceHostConfiguration', scope=SYSTEM, args=[arg('config', 'json')], reports_changes=True)
def set_instance_host_configuration(ctx, config):
    cfg = require_object(config, 'config')
    check_keys(cfg, SERVER_KEYS + ('baseDirectory',), 'config')
    name = _validate_server(cfg, 'config', partial=True)
    host = find_host(ctx.state, name)
    if host is None:
        fail("Instance host '%s' does not exist." % name)
    if 'port' in cfg:
        host['port'] = int(cfg['port'])
    if 'serverCertificate' in cfg:
        host['serverCertificate'] = {'thumbprint': cfg['serverCertificate']['thumbprint']}
    if 'baseDirectory' in cfg:
        base = require_str(cfg['baseDirectory'], 'config.baseDirectory')
        if not _ABSOLUTE.match(base):
            fail("config.baseDirectory must be an absolute path such as 'D:\\MailStore\\Instances', got '%s'." % base)
        host['baseDirectory'] = _norm_dir(base)
        add_directory(host, base)


@command('DeleteInstanceHost', scope=SYSTEM, args=[arg('serverName')], reports_changes=True)
def delete_instance_host(ctx, serverName):
    host = find_host(ctx.state, serverName)
    if host is None:
        fail("Instance host '%s' does not exist." % serverName)
    users = sorted(
        i for i, inst in ctx.state['instances'].items() if inst['config']['instanceHost'] == host['serverName']
    )
    if users:
        fail("Instance host '%s' still hosts instances: %s." % (host['serverName'], ', '.join(users)))  # S36
    ctx.state['instance_hosts'].remove(host)


# -- client access servers --------------------------------------------------------------------


def _find_cas(state, name):
    for cas in state['client_access_servers']:
        if cas['serverName'].lower() == str(name).lower():
            return cas
    return None


@command('GetClientAccessServers', scope=SYSTEM, args=[opt('serverNameFilter'), arg('withServiceStatus', 'bool')])
def get_client_access_servers(ctx, withServiceStatus, serverNameFilter=None):
    out = []
    for cas in _filter(ctx.state['client_access_servers'], serverNameFilter):
        entry = _server_entry(cas, SERVER_KEYS)
        if withServiceStatus:
            entry['serviceStatus'] = {'status': 'running', 'error': None}  # S36
        out.append(entry)
    return out


@command('CreateClientAccessServer', scope=SYSTEM, args=[arg('config', 'json')], reports_changes=True)
def create_client_access_server(ctx, config):
    cfg = require_object(config, 'config')
    check_keys(cfg, SERVER_KEYS, 'config')
    name = _validate_server(cfg, 'config')
    if _find_cas(ctx.state, name) is not None:
        fail("Client access server '%s' already exists." % name)
    ctx.state['client_access_servers'].append(
        {
            'serverName': name,
            'port': int(cfg['port']),
            'serverCertificate': {'thumbprint': cfg['serverCertificate']['thumbprint']},
        }
    )


@command('SetClientAccessServerConfiguration', scope=SYSTEM, args=[arg('config', 'json')], reports_changes=True)
def set_client_access_server_configuration(ctx, config):
    cfg = require_object(config, 'config')
    check_keys(cfg, SERVER_KEYS, 'config')
    name = _validate_server(cfg, 'config', partial=True)
    cas = _find_cas(ctx.state, name)
    if cas is None:
        fail("Client access server '%s' does not exist." % name)
    if 'port' in cfg:
        cas['port'] = int(cfg['port'])
    if 'serverCertificate' in cfg:
        cas['serverCertificate'] = {'thumbprint': cfg['serverCertificate']['thumbprint']}


@command('DeleteClientAccessServer', scope=SYSTEM, args=[arg('serverName')], reports_changes=True)
def delete_client_access_server(ctx, serverName):
    cas = _find_cas(ctx.state, serverName)
    if cas is None:
        fail("Client access server '%s' does not exist." % serverName)
    ctx.state['client_access_servers'].remove(cas)


@command(
    'PairWithManagementServer',
    scope=SYSTEM,
    args=[arg('serverType'), arg('serverName'), arg('port', 'number'), arg('thumbprint')],
    reports_changes=True,
)
def pair_with_management_server(ctx, serverType, serverName, port, thumbprint):
    if serverType not in SERVER_TYPES:
        fail("Invalid serverType '%s'; allowed values: %s." % (serverType, ', '.join(SERVER_TYPES)))
    cfg = {'serverName': serverName, 'port': port, 'serverCertificate': {'thumbprint': thumbprint}}
    _validate_server(cfg, 'pairing')
    # S36: pairing registers the server, or updates port and thumbprint of a known one.
    if serverType == 'instanceHost':
        existing = find_host(ctx.state, serverName)
        if existing is None:
            ctx.state['instance_hosts'].append(new_host(serverName, int(port), thumbprint))
        else:
            existing.update(port=int(port), serverCertificate={'thumbprint': thumbprint})
    else:
        existing = _find_cas(ctx.state, serverName)
        if existing is None:
            ctx.state['client_access_servers'].append(
                {'serverName': serverName, 'port': int(port), 'serverCertificate': {'thumbprint': thumbprint}}
            )
        else:
            existing.update(port=int(port), serverCertificate={'thumbprint': thumbprint})


# -- directories on instance hosts ----------------------------------------------------------------


def _host(state, name):
    host = find_host(state, name)
    if host is None:
        fail("Instance host '%s' does not exist." % name)
    return host


@command('CreateDirectoryOnInstanceHost', scope=SYSTEM, args=[arg('serverName'), arg('path')], reports_changes=True)
def create_directory_on_instance_host(ctx, serverName, path):
    host = _host(ctx.state, serverName)
    if not _ABSOLUTE.match(path or ''):
        fail("path must be an absolute Windows path such as 'D:\\Archive', got '%s'." % path)
    if any(c in path[2:] for c in '<>:"|?*'):
        fail("path contains characters not allowed in Windows paths: '%s'." % path)
    add_directory(host, path)  # S37: parents are created too; an existing directory is fine


@command('GetDirectoriesOnInstanceHost', scope=SYSTEM, args=[arg('serverName'), opt('path')])
def get_directories_on_instance_host(ctx, serverName, path=None):
    host = _host(ctx.state, serverName)
    dirs = host['directories']
    if not path:
        # S37: without a path, the drives (roots) are listed.
        return [{'name': d, 'path': d} for d in sorted(d for d in dirs if len(d) == 3)]
    path = _norm_dir(path)
    if not any(same_path(path, d) for d in dirs):
        fail("Directory '%s' does not exist on instance host '%s'." % (path, host['serverName']))
    prefix = path.rstrip('\\').lower() + '\\'
    children = [
        d for d in dirs if d.lower().startswith(prefix) and '\\' not in d[len(prefix) :] and len(d) > len(prefix)
    ]
    return [{'name': d[len(prefix) :], 'path': d} for d in sorted(children, key=str.lower)]
