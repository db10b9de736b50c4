# Copyright: contributors to mailstore.spe
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""What the client believes about the MailStore SPE Management API, in one place.

Every fact is tagged with how sure it is, as in shared/reference/api-protocol.md:

- ``[known]``   stated by the vendor's documentation or shown by the vendor's own clients;
- ``[seen]``    observed by third parties against a real server;
- ``[assumed]`` found nowhere: a decision of this collection. Change it here when a real
  server says otherwise; nothing else in the collection should repeat these values.
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import json
import math

# --- Transport ---------------------------------------------------------------------------

SCHEME = 'https'  # [known] HTTPS only
DEFAULT_PORT = 8474  # [known] the Management Server's default port
INVOKE_PATH = '/api/invoke/'  # [known] every command: POST /api/invoke/<Command>
GET_STATUS = 'get-status'  # [known] POST /api/get-status (long poll of a running call)
CANCEL_ASYNC = 'cancel-async'  # [known] POST /api/cancel-async (ask to cancel a running call)
GET_METADATA = 'get-metadata'  # [known] POST /api/get-metadata (bare JSON array, no envelope)
LOW_LEVEL_PATH = '/api/'  # [known] the three calls above live directly under /api/
CREDENTIALS_ENCODING = 'utf-8'  # [assumed] how non-ASCII user names / passwords are sent in Basic auth
# [known] HTTP Basic on every request; a user name containing ':' cannot authenticate.
# [seen] a POST without a body must still carry Content-Length: 0 (411 otherwise); urllib3 does that.
# [known] arguments are sent as application/x-www-form-urlencoded, UTF-8.

HTTP_OK = 200  # [known] every envelope, failed ones included, comes with 200
HTTP_UNAUTHORIZED = 401  # [known] missing or wrong credentials
HTTP_TOKEN_UNKNOWN = 404  # [known] get-status / cancel-async with an unknown or expired token
HTTP_UNKNOWN_COMMAND = 404  # [assumed] an unknown command: 404 with a failed envelope

# [assumed] the retry policy: server errors worth retrying, for read commands only.
RETRY_STATUS_CODES = (500, 502, 503, 504)


def invoke_path(command):
    """The path of a command, or of one of the three low-level calls."""
    if command in (GET_STATUS, CANCEL_ASYNC, GET_METADATA):
        return LOW_LEVEL_PATH + command
    return INVOKE_PATH + command


# --- Reads and writes --------------------------------------------------------------------

# [assumed] a command is a read (no side effect, safe to repeat, runs in check mode) when its
# name starts with Get, or it is Ping; the function reference describes every Get* as a read
# [known], the rule by name is ours. get-status and get-metadata are reads [known].
READ_PREFIXES = ('Get',)
READ_COMMANDS = frozenset(['Ping', GET_STATUS, GET_METADATA])


def is_read_command(name):
    """True when ``name`` only reads: Get*, Ping, get-status, get-metadata."""
    if not name:
        return False
    return name in READ_COMMANDS or name.startswith(READ_PREFIXES)


# --- Argument encoding [known, from the vendor wrappers] ---------------------------------


def _encode_scalar(value):
    if isinstance(value, bool):  # before int: bool is an int
        return 'true' if value else 'false'  # [known] JSON spelling
    if isinstance(value, int):
        return str(value)  # [known] numbers as decimal text
    if isinstance(value, float):
        if math.isnan(value) or math.isinf(value):
            raise ValueError('cannot send %r as a number' % value)
        if value.is_integer():
            return str(int(value))  # [assumed] 2.0 is sent as 2
        return repr(value)
    if isinstance(value, dict):
        return json.dumps(value, separators=(',', ':'), ensure_ascii=False)  # [known] json args as JSON text
    if isinstance(value, bytes):
        return value.decode('utf-8')
    return str(value)


def encode_argument(value):
    """One argument value as the form field's text (None is not handled here: it is left out)."""
    if isinstance(value, (list, tuple, set, frozenset)):
        items = sorted(value, key=str) if isinstance(value, (set, frozenset)) else value
        texts = []
        for item in items:
            text = _encode_scalar(item)
            if ',' in text:
                # [known] lists travel as ONE comma-separated string; there is no escaping.
                raise ValueError('list item %r contains a comma and cannot be sent in a comma-separated list' % text)
            texts.append(text)
        return ','.join(texts)
    return _encode_scalar(value)


def encode_arguments(arguments):
    """A dict of Python values -> dict of form fields (str -> str).

    bool -> ``true``/``false``; int/float -> decimal text; dict -> compact JSON text;
    list/tuple/set -> one comma-separated string; None -> left out [known].
    """
    fields = {}
    for name, value in (arguments or {}).items():
        if value is None:
            continue  # [known] optional arguments not wanted are left out
        fields[str(name)] = encode_argument(value)
    return fields


# --- Responses ---------------------------------------------------------------------------


def decode_json(body):
    """Decode a response body; the server usually starts it with a UTF-8 BOM [known].

    Decoded as UTF-8, whose codec every Python process has loaded, and the BOM cut off as text:
    the ``utf-8-sig`` codec is imported on first use, and Ansible's forked worker would import it
    anew for every task (~2 ms of CPU).
    """
    if isinstance(body, bytes):
        body = body.decode('utf-8')
    if body.startswith('\ufeff'):
        body = body[1:]
    return json.loads(body)


# [known] the envelope of every /api/invoke/... and /api/get-status answer
KEY_ERROR = 'error'
KEY_TOKEN = 'token'
KEY_STATUS_VERSION = 'statusVersion'
KEY_STATUS_CODE = 'statusCode'
KEY_PERCENT_PROGRESS = 'percentProgress'
KEY_STATUS_TEXT = 'statusText'
KEY_RESULT = 'result'
KEY_LOG_OUTPUT = 'logOutput'  # [seen] output lines of long-running calls
ENVELOPE_KEYS = (
    KEY_ERROR,
    KEY_TOKEN,
    KEY_STATUS_VERSION,
    KEY_STATUS_CODE,
    KEY_PERCENT_PROGRESS,
    KEY_STATUS_TEXT,
    KEY_RESULT,
    KEY_LOG_OUTPUT,
)
KEY_ERROR_MESSAGE = 'message'  # [known] error: {"message": ..., "details": ...}
KEY_ERROR_DETAILS = 'details'


def is_envelope(data):
    """True when ``data`` looks like a response envelope (has a statusCode)."""
    return isinstance(data, dict) and KEY_STATUS_CODE in data


STATUS_RUNNING = 'running'  # [known]
STATUS_SUCCEEDED = 'succeeded'  # [known]
STATUS_FAILED = 'failed'  # [known]
STATUS_CANCELLED = 'cancelled'  # [assumed] a cancelled long-running call
FINAL_STATUSES = frozenset([STATUS_SUCCEEDED, STATUS_FAILED, STATUS_CANCELLED])

# --- Long-running calls ------------------------------------------------------------------

# [known] get-status form fields
FIELD_TOKEN = 'token'
FIELD_LAST_VERSION = 'lastKnownStatusVersion'
FIELD_MS_TIMEOUT = 'millisecondsTimeout'
POLL_CHUNK_MS = 5000  # [assumed] how long one get-status long poll may wait
MIN_POLL_INTERVAL = 0.5  # [assumed] pause when a server answers a long poll at once without news
