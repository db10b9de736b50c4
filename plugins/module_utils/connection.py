# Copyright: contributors to mailstore.spe
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""The connection options every mailstore.spe module takes, and the client they make.

Documented once in ``plugins/doc_fragments/connection.py``; keep both identical.
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import os

from ansible.module_utils.basic import env_fallback

from ansible_collections.mailstore.spe.plugins.module_utils.client import SpeClient, split_server
from ansible_collections.mailstore.spe.plugins.module_utils.errors import SpeApiError
from ansible_collections.mailstore.spe.plugins.module_utils.spe_api import DEFAULT_PORT, SCHEME

ENV_PREFIX = 'MAILSTORE_SPE_'

CONNECTION_ARGUMENT_SPEC = dict(
    server=dict(type='str', required=True, fallback=(env_fallback, [ENV_PREFIX + 'SERVER'])),
    port=dict(type='int', default=DEFAULT_PORT, fallback=(env_fallback, [ENV_PREFIX + 'PORT'])),
    username=dict(type='str', required=True, fallback=(env_fallback, [ENV_PREFIX + 'USERNAME'])),
    password=dict(type='str', required=True, no_log=True, fallback=(env_fallback, [ENV_PREFIX + 'PASSWORD'])),
    validate_certs=dict(type='bool', default=True, fallback=(env_fallback, [ENV_PREFIX + 'VALIDATE_CERTS'])),
    ca_path=dict(type='path', fallback=(env_fallback, [ENV_PREFIX + 'CA_PATH'])),
    timeout=dict(type='int', default=30, fallback=(env_fallback, [ENV_PREFIX + 'TIMEOUT'])),
)


DEFAULT_TIMEOUT = CONNECTION_ARGUMENT_SPEC['timeout']['default']
PORT_RANGE = (1, 65535)


def _server_problems(server):
    if not (server or '').strip():
        return ['server: must not be empty']
    scheme, rest = split_server(server)
    problems = []
    if scheme != SCHEME:
        problems.append(
            'server: %r uses %s://; only %s:// is allowed (the credentials go with every request)'
            % (server, scheme, SCHEME)
        )
    host = rest.split('/', 1)[0]
    if not host or (host.startswith(':') and host.count(':') == 1):  # '' or ':8474'; '::1' is IPv6
        problems.append('server: %r names no host' % server)
    elif not host.startswith('[') and host.count(':') == 1:  # host:port (an IPv6 address has several)
        port_text = host.split(':', 1)[1]
        if not port_text.isdigit() or not PORT_RANGE[0] <= int(port_text) <= PORT_RANGE[1]:
            problems.append('server: the port in %r must be a number from %d to %d' % ((server,) + PORT_RANGE))
    return problems


def _port_problems(port):
    if port is not None and not PORT_RANGE[0] <= port <= PORT_RANGE[1]:
        return ['port: %s is outside %d-%d' % ((port,) + PORT_RANGE)]
    return []


def _timeout_problems(timeout):
    if timeout is not None and timeout <= 0:
        return ['timeout: %s seconds is not more than 0' % timeout]
    return []


def _ca_path_problems(ca_path):
    if ca_path is not None and not (os.path.isfile(ca_path) or os.path.isdir(ca_path)):
        return ['ca_path: %s is neither an existing file nor a directory' % ca_path]
    return []


def _username_problems(username):
    if username is not None and ':' in username:
        return ["username: %r contains ':', which HTTP Basic authentication cannot carry" % username]
    return []


# option -> its check; each returns a list of messages that start with the option's name
CHECKS = (
    ('server', _server_problems),
    ('port', _port_problems),
    ('timeout', _timeout_problems),
    ('ca_path', _ca_path_problems),
    ('username', _username_problems),
)


def check_connection(params):
    """What is wrong with the connection options, as messages that name the option; [] when usable.

    Opens no connection. Run it before the first API call: none of these can work.
    """
    problems = []
    for option, check in CHECKS:
        problems.extend(check(params.get(option)))
    return problems


def client_from_params(params):
    """An ``SpeClient`` from a module's validated params; ``SpeApiError`` (kind ``config``) when unusable.

    ``port`` and ``timeout`` are taken as given (``0`` is refused, not replaced by a default).
    """
    problems = check_connection(params)
    if problems:
        raise SpeApiError('; '.join(problems) + '; nothing was sent', kind='config')
    port = params.get('port')
    timeout = params.get('timeout')
    return SpeClient(
        server=params['server'],
        port=DEFAULT_PORT if port is None else port,
        username=params['username'],
        password=params['password'],
        validate_certs=params.get('validate_certs', True),
        ca_path=params.get('ca_path'),
        timeout=DEFAULT_TIMEOUT if timeout is None else timeout,
    )
