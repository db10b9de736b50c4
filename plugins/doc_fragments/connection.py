# Copyright: contributors to mailstore.spe
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
from __future__ import absolute_import, division, print_function

__metaclass__ = type


class ModuleDocFragment:
    # The connection options of every mailstore.spe module (module_utils/connection.py).
    DOCUMENTATION = r"""
options:
  server:
    description:
      - Host name or IP address of the MailStore SPE Management Server, optionally with
        C(https://) in front and C(:<port>) behind (which wins over O(port)).
      - The API is reached at C(https://<server>:<port>/api/), over HTTPS only. Any other scheme
        (C(http://) included) is refused before a connection is opened, because the credentials
        travel with every request. Redirects are never followed; a server that answers with one
        fails the task.
      - If not set, the environment variable E(MAILSTORE_SPE_SERVER) is used.
    type: str
    required: true
  port:
    description:
      - TCP port of the Management API, from 1 to 65535.
      - If not set, the environment variable E(MAILSTORE_SPE_PORT) is used.
    type: int
    default: 8474
  username:
    description:
      - Name of the SPE system administrator the API is used as.
      - A name containing V(:) cannot be used (HTTP Basic authentication splits on it).
      - If not set, the environment variable E(MAILSTORE_SPE_USERNAME) is used.
    type: str
    required: true
  password:
    description:
      - Password of O(username).
      - For an administrator with multi-factor authentication enabled, this must be an API
        password created with C(CreateSystemAdministratorAPIPassword); the login password is refused.
      - If not set, the environment variable E(MAILSTORE_SPE_PASSWORD) is used.
    type: str
    required: true
  validate_certs:
    description:
      - Whether the server's TLS certificate is verified.
      - Set to V(false) only for test servers with self-signed certificates; prefer O(ca_path).
      - If not set, the environment variable E(MAILSTORE_SPE_VALIDATE_CERTS) is used.
    type: bool
    default: true
  ca_path:
    description:
      - PEM file (or directory of certificates) of the certificate authority that signed the
        server's certificate, used instead of the default CA bundle. It must exist.
      - Without it, certificates are verified against the bundle named by the environment
        variable E(REQUESTS_CA_BUNDLE) (or E(CURL_CA_BUNDLE)), else the bundle of the Python
        library C(certifi) that C(requests) ships with, not the operating system's trust store.
      - When set, certificates are verified against it even if O(validate_certs=false).
      - If not set, the environment variable E(MAILSTORE_SPE_CA_PATH) is used.
    type: path
  timeout:
    description:
      - Seconds to wait for the server to accept a connection and for each answer; more than 0.
      - A command that is not read-only and gets no answer within this time is not sent again;
        the server may have applied it, so the task fails and reports it as changed.
      - Waiting for a long-running command is limited separately (by the module's own wait options).
      - If not set, the environment variable E(MAILSTORE_SPE_TIMEOUT) is used.
    type: int
    default: 30
requirements:
  - requests (Python library) on the Ansible controller, where the tasks run
"""
