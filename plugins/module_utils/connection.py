# Copyright: contributors to mailstore.spe
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""The connection options every mailstore.spe module takes, and the client they make.

Documented once in ``plugins/doc_fragments/connection.py``; keep both identical.
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

from ansible.module_utils.basic import env_fallback

from ansible_collections.mailstore.spe.plugins.module_utils.client import SpeClient
from ansible_collections.mailstore.spe.plugins.module_utils.spe_api import DEFAULT_PORT

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


def client_from_params(params):
    """An ``SpeClient`` from a module's validated params."""
    return SpeClient(
        server=params['server'],
        port=params.get('port') or DEFAULT_PORT,
        username=params['username'],
        password=params['password'],
        validate_certs=params.get('validate_certs', True),
        ca_path=params.get('ca_path'),
        timeout=params.get('timeout') or 30,
    )
