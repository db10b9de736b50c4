# Copyright: contributors to mailstore.spe
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""The HTTP client of the MailStore SPE Management API.

``SpeClient.invoke`` sends one command and, when the server runs it asynchronously, follows
it with get-status long polls until it ends. Every failure is one exception, ``SpeApiError``.
Retries are urllib3's: read commands on connect/read errors and 500/502/503/504, writes only
when the connection could not be made (the request never left). A write that was sent and
got no answer is never re-sent: its error says ``uncertain=True``. Only ``https://`` is
spoken and redirects are never followed (a 3xx is an error), so credentials and form bodies
go to the configured server only. Facts about the API come from ``spe_api``; none are
repeated here.

The client drives urllib3 directly: one connection pool per client, so reads and writes share
one kept-alive TLS connection. ``requests``' per-call machinery (preparing the request, hooks,
adapters, the cookie jar, merging settings) cost about 1.3 ms of client CPU per call where
urllib3 alone costs about 0.6 ms, and a no-change converge of one tenant sends 28 calls.
``requests`` is still imported for what it decides once per client, as it always did: the
proxy for the URL from the environment (HTTPS_PROXY, ALL_PROXY, NO_PROXY), the CA bundle
override (REQUESTS_CA_BUNDLE, CURL_CA_BUNDLE) and its default CA bundle (certifi).
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import base64
import collections
import os
import ssl
import time
import traceback
import warnings
from urllib.parse import quote, urlencode

try:
    import requests.certs
    import requests.utils
    import urllib3
    from urllib3.exceptions import (
        ConnectTimeoutError,
        HTTPError,
        InsecureRequestWarning,
        MaxRetryError,
        NewConnectionError,
        ProxyError,
        ReadTimeoutError,
        SSLError,
    )
    from urllib3.util.retry import Retry
    from urllib3.util.ssl_ import create_urllib3_context
except ImportError:
    HAS_REQUESTS = False
    REQUESTS_IMPORT_ERROR = traceback.format_exc()
else:
    HAS_REQUESTS = True
    REQUESTS_IMPORT_ERROR = None

from ansible_collections.mailstore.spe.plugins.module_utils import spe_api
from ansible_collections.mailstore.spe.plugins.module_utils.errors import SpeApiError

MAX_DETAILS = 2000
SENT_KEPT = 64
REDACTED = '********'
USER_AGENT = 'mailstore.spe (Ansible collection; urllib3)'
FORM_CONTENT_TYPE = 'application/x-www-form-urlencoded'
ACCEPT_ENCODING = 'gzip, deflate'  # what urllib3 decodes without optional packages
PROXY_VARIABLE_SUFFIX = '_proxy'  # HTTPS_PROXY, ALL_PROXY, NO_PROXY, ... in either case, as requests reads them


# What went wrong on the way, and whether the request may have reached the server by then. An answer
# with an HTTP error status (_decode) means the write was not applied (docs/assumptions.md M16).
TRANSPORT_MESSAGES = {
    'tls': ('TLS error talking to %(url)s: check validate_certs and ca_path', False),
    'connect_timeout': ('timed out connecting to %(url)s', False),
    'connect': ('cannot connect to %(url)s', False),
    'timeout': ('no answer within %(seconds)s s from %(url)s', True),
    'drop': ('the connection closed before an answer came (%(url)s)', True),
}


def _transport_failure(exc):
    """The ``TRANSPORT_MESSAGES`` key for a urllib3 (or socket) exception.

    urllib3 wraps the last error of a retry in MaxRetryError and a failure on the way to a
    proxy in ProxyError: what failed underneath tells a read timeout from a refused connection.
    """
    if isinstance(exc, MaxRetryError):
        exc = exc.reason
    if isinstance(exc, ProxyError):
        # urllib3 < 1.26 has no ``original_error``; the error is the second argument there too
        exc = getattr(exc, 'original_error', None) or (exc.args[1] if len(exc.args) > 1 else exc)
    if isinstance(exc, SSLError):
        return 'tls'
    if isinstance(exc, NewConnectionError):  # a subclass of ConnectTimeoutError: test it first
        return 'connect'
    if isinstance(exc, ConnectTimeoutError):
        return 'connect_timeout'
    if isinstance(exc, ReadTimeoutError):
        return 'timeout'
    # anything else once the connection was made (closed, reset, a truncated answer)
    return 'drop'


def _http_timeout(timeout):
    """urllib3's Timeout for a number of seconds or a ``(connect, read)`` pair; None waits forever."""
    if isinstance(timeout, tuple):
        return urllib3.Timeout(connect=timeout[0], read=timeout[1])
    return urllib3.Timeout(connect=timeout, read=timeout)


def _read_seconds(timeout):
    """The read part of a timeout (seconds or ``(connect, read)``), as text (``30``, ``0.5``)."""
    if isinstance(timeout, tuple):
        timeout = timeout[1]
    return '%g' % timeout if timeout is not None else 'unlimited'


class SpeResponse:
    """A decoded response envelope."""

    def __init__(
        self,
        status_code=None,
        result=None,
        log_output=None,
        token=None,
        status_version=None,
        percent_progress=None,
        status_text=None,
        error=None,
    ):
        self.status_code = status_code
        self.result = result
        self.log_output = log_output
        self.token = token
        self.status_version = status_version
        self.percent_progress = percent_progress
        self.status_text = status_text
        self.error = error

    @classmethod
    def from_envelope(cls, data):
        return cls(
            status_code=data.get(spe_api.KEY_STATUS_CODE),
            result=data.get(spe_api.KEY_RESULT),
            log_output=data.get(spe_api.KEY_LOG_OUTPUT),
            token=data.get(spe_api.KEY_TOKEN),
            status_version=data.get(spe_api.KEY_STATUS_VERSION),
            percent_progress=data.get(spe_api.KEY_PERCENT_PROGRESS),
            status_text=data.get(spe_api.KEY_STATUS_TEXT),
            error=data.get(spe_api.KEY_ERROR),
        )

    @property
    def running(self):
        return self.status_code == spe_api.STATUS_RUNNING

    @property
    def error_message(self):
        if isinstance(self.error, dict):
            return self.error.get(spe_api.KEY_ERROR_MESSAGE)
        return self.error if self.error else None

    @property
    def error_details(self):
        if isinstance(self.error, dict):
            return self.error.get(spe_api.KEY_ERROR_DETAILS)
        return None

    def __repr__(self):
        return 'SpeResponse(status_code=%r, status_version=%r, token=%r, percent_progress=%r)' % (
            self.status_code,
            self.status_version,
            self.token,
            self.percent_progress,
        )


def _retry(retries, backoff_factor, read):
    """urllib3 Retry for read commands (connect, read, 5xx) or writes (connect only)."""
    kwargs = dict(
        total=retries,
        connect=retries,
        read=retries if read else 0,
        status=retries if read else 0,
        other=0,  # TLS and protocol surprises are not retried
        redirect=0,
        backoff_factor=backoff_factor,
        status_forcelist=spe_api.RETRY_STATUS_CODES if read else (),
        allowed_methods=frozenset(['POST']),  # every call is a POST; reads must be retryable
        raise_on_status=False,  # give back the last 5xx answer, decoded as usual
    )
    try:
        return Retry(**kwargs)
    except TypeError:  # urllib3 < 1.26: no ``other``, ``method_whitelist`` instead of ``allowed_methods``
        kwargs.pop('other')
        kwargs['method_whitelist'] = kwargs.pop('allowed_methods')
        return Retry(**kwargs)


def split_server(server):
    """``(scheme, host part)`` of the ``server`` option; the scheme is ``https`` when none is given."""
    server = (server or '').strip()
    if '://' in server:
        scheme, rest = server.split('://', 1)
        return scheme.lower(), rest.rstrip('/')
    return spe_api.SCHEME, server.rstrip('/')


def _base_url(server, port):
    scheme, rest = split_server(server)
    host = rest.split('/', 1)[0]
    if host.startswith('['):
        if ']:' not in host:
            host = '%s:%s' % (host, port)
    elif host.count(':') > 1:  # a bare IPv6 address
        host = '[%s]:%s' % (host, port)
    elif ':' not in host:
        host = '%s:%s' % (host, port)
    return '%s://%s' % (scheme, host)


# One TLS context per CA file (or directory) and its version on disk, for the life of the process.
# Loading requests' CA bundle (certifi's, ~150 certificates) costs ~75 ms; the controller loads the
# one the environment's connection options name before it forks its workers
# (plugin_utils/in_process.py), so a task's worker starts with it loaded.
_TLS_CONTEXTS = {}


def ca_location(verify):
    """The CA file or directory ``verify`` names (True: requests' bundle)."""
    return requests.certs.where() if verify is True else verify


def tls_context(verify):
    """The SSLContext that verifies with ``verify``'s CAs, or None when they cannot be loaded here."""
    location = ca_location(verify)
    try:
        found = os.stat(location)
    except (OSError, TypeError, ValueError):
        return None
    key = (location, found.st_ino, found.st_mtime_ns, found.st_size)
    if key not in _TLS_CONTEXTS:
        context = create_urllib3_context(cert_reqs=ssl.CERT_REQUIRED)
        try:
            if os.path.isdir(location):
                context.load_verify_locations(capath=location)
            else:
                context.load_verify_locations(cafile=location)
        except (OSError, ssl.SSLError):
            return None
        _TLS_CONTEXTS[key] = context
    return _TLS_CONTEXTS[key]


class SpeClient:
    """A connection to one Management Server. Not thread-safe; one per task."""

    def __init__(
        self,
        server,
        port=spe_api.DEFAULT_PORT,
        username=None,
        password=None,
        validate_certs=True,
        ca_path=None,
        timeout=30,
        retries=3,
        backoff_factor=0.3,
    ):
        if not HAS_REQUESTS:
            raise SpeApiError('the Python library requests is required', kind='transport')
        self.base_url = _base_url(server, spe_api.DEFAULT_PORT if port is None else port)
        if not self.base_url.startswith(spe_api.SCHEME + '://'):
            # Basic credentials on every request: never over anything but TLS.
            raise SpeApiError(
                'server %s: only %s:// is allowed; nothing was sent' % (self.base_url, spe_api.SCHEME), kind='config'
            )
        self.username = username
        self._password = password
        self.timeout = timeout
        self.verify = ca_path or validate_certs
        # The last commands sent (names only), for tests; bounded: a client shared by loop items lives long.
        self.sent = collections.deque(maxlen=SENT_KEPT)
        if username is not None and ':' in username:
            raise SpeApiError(
                "user name %r contains ':', which HTTP Basic authentication cannot carry" % username, kind='auth'
            )
        self._retries = {read: _retry(retries, backoff_factor, read) for read in (True, False)}
        self._headers = {
            'User-Agent': USER_AGENT,
            'Accept-Encoding': ACCEPT_ENCODING,
            'Content-Type': FORM_CONTENT_TYPE,
        }
        if username is not None:
            # Built once, sent with every request (no 401 round trip), as requests' HTTPBasicAuth did.
            credentials = b':'.join(
                (username.encode(spe_api.CREDENTIALS_ENCODING), (password or '').encode(spe_api.CREDENTIALS_ENCODING))
            )
            self._headers['Authorization'] = 'Basic ' + base64.b64encode(credentials).decode('ascii')
        try:
            self._proxy = self._settle_environment()
            self._manager = self._pool_manager()
        except ValueError:  # urllib3's LocationParseError, ProxySchemeUnknown: their text may hold credentials
            raise SpeApiError(
                'the proxy for %s in the environment (HTTPS_PROXY or ALL_PROXY) is not a usable proxy URL; '
                'nothing was sent' % self.base_url,
                kind='config',
            ) from None
        self._pool = self._manager.connection_from_url(self.base_url)

    def _settle_environment(self):
        """The proxy for ``base_url`` from the environment (HTTPS_PROXY, ALL_PROXY, NO_PROXY), or None;
        sets ``verify`` to REQUESTS_CA_BUNDLE / CURL_CA_BUNDLE when neither ca_path nor
        validate_certs false was given.

        Read once, when the client is made, with requests' own rules: the client talks to one
        URL, so what the environment says for it is fixed (requests looked it up on every call,
        a walk over the whole environment). ~/.netrc never applied: the credentials are always set.
        """
        if self.verify is True or self.verify is None:
            self.verify = os.environ.get('REQUESTS_CA_BUNDLE') or os.environ.get('CURL_CA_BUNDLE') or True
        if not any(name.lower().endswith(PROXY_VARIABLE_SUFFIX) for name in os.environ):
            # No proxy variable at all, so requests' rules would find none: they walk the whole
            # environment several times (~1 ms of CPU, paid by every task's forked worker).
            return None
        proxy = requests.utils.select_proxy(self.base_url, requests.utils.get_environ_proxies(self.base_url))
        if not proxy:
            return None
        return requests.utils.prepend_scheme_if_needed(proxy, 'http')

    def _pool_manager(self):
        """A urllib3 PoolManager, or ProxyManager when a proxy applies, with TLS set up as requests did."""
        tls = {}
        if self.verify is False:
            tls['cert_reqs'] = 'CERT_NONE'
        else:
            tls['cert_reqs'] = 'CERT_REQUIRED'
            context = tls_context(self.verify)
            if context is not None:
                tls['ssl_context'] = context
            else:  # urllib3 loads it at connect time, and a failure is reported as a TLS error then
                location = ca_location(self.verify)
                tls['ca_cert_dir' if os.path.isdir(location) else 'ca_certs'] = location
        if self._proxy is None:
            return urllib3.PoolManager(**tls)
        if not urllib3.util.parse_url(self._proxy).host:
            raise ValueError('the proxy URL names no host')
        username, password = requests.utils.get_auth_from_url(self._proxy)
        if self._proxy.lower().startswith('socks'):
            try:
                with warnings.catch_warnings():
                    warnings.simplefilter('ignore')  # urllib3 warns before it raises ImportError
                    from urllib3.contrib.socks import SOCKSProxyManager
            except ImportError:
                raise SpeApiError(
                    'the proxy for %s in the environment is a SOCKS proxy, which needs the Python library '
                    'PySocks (pip install pysocks); nothing was sent' % self.base_url,
                    kind='config',
                ) from None
            return SOCKSProxyManager(self._proxy, username=username, password=password, **tls)
        proxy_headers = None
        if username:  # the proxy's credentials, sent to the proxy only (with CONNECT), as requests did
            proxy_headers = urllib3.make_headers(proxy_basic_auth='%s:%s' % (username, password))
        return urllib3.ProxyManager(self._proxy, proxy_headers=proxy_headers, **tls)

    def __repr__(self):
        return 'SpeClient(%r, username=%r)' % (self.base_url, self.username)

    # --- the everyday calls --------------------------------------------------------------

    def call(self, command, **arguments):
        """Invoke ``command`` (waiting for it) and return its ``result``."""
        return self.invoke(command, arguments).result

    def invoke(self, command, arguments=None, wait=True, wait_timeout=300, cancel_on_timeout=False, on_progress=None):
        """Send ``command``; when it runs asynchronously and ``wait``, follow it to its end.

        Returns the final ``SpeResponse`` (or the running one when not waiting).
        Raises ``SpeApiError`` for failed or cancelled calls, HTTP and transport errors, and
        waits longer than ``wait_timeout`` seconds (after sending cancel-async when
        ``cancel_on_timeout``). ``on_progress(response)`` is called for the first running
        answer and each newer status after it, the final one included.
        """
        fields = spe_api.encode_arguments(arguments)
        path = spe_api.INVOKE_PATH + quote(command, safe='')
        response = self._envelope(command, self._post(command, path, fields))
        if response.running:
            if not response.token:
                raise SpeApiError('the server says the call is running but gave no token', command=command)
            if not wait:
                return response
            response = self._wait(command, response, wait_timeout, cancel_on_timeout, on_progress)
        return self._final(command, response)

    def wait_for(self, token, wait_timeout=300, cancel_on_timeout=False, on_progress=None):
        """Follow a call accepted earlier (its ``token``) until it ends; like ``invoke`` after the first answer.

        Errors name ``get-status`` as the command: which command the token belongs to is not known here.
        """
        response = self.get_status(token, 0, 0)  # version 0: the current status at once
        if response.token is None:
            response.token = token
        if on_progress:
            on_progress(response)
        if response.running:
            response = self._wait(
                spe_api.GET_STATUS, response, wait_timeout, cancel_on_timeout, on_progress, announce=False
            )
        return self._final(spe_api.GET_STATUS, response)

    # --- the low-level calls -------------------------------------------------------------

    def get_status(self, token, last_version, milliseconds_timeout=spe_api.POLL_CHUNK_MS):
        """One get-status long poll; 404 means the token is unknown or expired."""
        fields = {
            spe_api.FIELD_TOKEN: token,
            spe_api.FIELD_LAST_VERSION: last_version,
            spe_api.FIELD_MS_TIMEOUT: int(milliseconds_timeout),
        }
        http_timeout = None if self.timeout is None else (self.timeout, self.timeout + milliseconds_timeout / 1000.0)
        response = self._post(
            spe_api.GET_STATUS,
            spe_api.invoke_path(spe_api.GET_STATUS),
            spe_api.encode_arguments(fields),
            http_timeout=http_timeout,
            token=token,
        )
        return self._envelope(spe_api.GET_STATUS, response, token=token)

    def cancel(self, token):
        """Ask the server to cancel a running call; it decides if and when."""
        response = self._post(
            spe_api.CANCEL_ASYNC, spe_api.invoke_path(spe_api.CANCEL_ASYNC), {spe_api.FIELD_TOKEN: token}, token=token
        )
        data = self._decode(spe_api.CANCEL_ASYNC, response)
        if spe_api.is_envelope(data):
            return SpeResponse.from_envelope(data)
        return None

    def get_metadata(self):
        """The list of commands with their arguments (a bare JSON array)."""
        response = self._post(spe_api.GET_METADATA, spe_api.invoke_path(spe_api.GET_METADATA), {})
        data = self._decode(spe_api.GET_METADATA, response)
        if not isinstance(data, list):
            raise SpeApiError(
                'expected a JSON array', command=spe_api.GET_METADATA, kind='http', http_status=response.status
            )
        return data

    def close(self):
        """Close the connection; a later call opens a new one."""
        self._manager.clear()
        self._pool = self._manager.connection_from_url(self.base_url)

    def __enter__(self):
        return self

    def __exit__(self, *exc_info):
        self.close()

    # --- internals -----------------------------------------------------------------------

    def _scrub(self, text):
        """``text`` with the password replaced; used on every text that may reach a message."""
        if text is None:
            return None
        text = str(text)
        if self._password:
            text = text.replace(self._password, REDACTED)
        if len(text) > MAX_DETAILS:
            text = text[:MAX_DETAILS] + '...'
        return text

    def _error(self, message, **kwargs):
        kwargs['details'] = self._scrub(kwargs.get('details'))
        return SpeApiError(self._scrub(message), **kwargs)

    def _post(self, command, path, fields, http_timeout=None, token=None):
        """POST ``fields`` form-encoded; returns urllib3's response (body read), any HTTP status."""
        read = spe_api.is_read_command(command)
        self.sent.append({'command': command})
        timeout = http_timeout or self.timeout
        options = dict(
            # doseq: a list value becomes repeated fields, as requests encoded a dict.
            body=urlencode(fields, doseq=True).encode('ascii'),
            headers=self._headers,
            retries=self._retries[read],
            # redirect=False: a redirect would re-send the credentials and the form body elsewhere.
            redirect=False,
            timeout=_http_timeout(timeout),
            preload_content=True,  # the body is read inside the request, under the same retry policy
            decode_content=True,
        )
        try:
            if self.verify is False:
                with warnings.catch_warnings():
                    warnings.simplefilter('ignore', InsecureRequestWarning)  # the user asked for no verification
                    return self._pool.request('POST', path, **options)
            return self._pool.request('POST', path, **options)
        except (HTTPError, OSError) as exc:  # OSError: a socket error urllib3 did not wrap
            failure = _transport_failure(exc)
            message, may_have_left = TRANSPORT_MESSAGES[failure]
            uncertain = may_have_left and not read
            text = message % dict(url=self.base_url, seconds=_read_seconds(timeout))
            if uncertain:
                text += '; the server may have applied it'
            raise self._error(
                text, command=command, details=exc, kind='transport', token=token, uncertain=uncertain
            ) from exc

    def _decode(self, command, response, token=None):
        """The JSON body of a 200 answer; raises for 401, other HTTP errors and non-JSON."""
        status = response.status
        content = response.data or b''  # urllib3 may give None for an empty body
        if status == spe_api.HTTP_UNAUTHORIZED:
            raise self._error(
                'authentication failed for user %r at %s: check server, username and password; '
                'for an administrator with MFA enabled the API needs an API password '
                '(CreateSystemAdministratorAPIPassword), not the login password' % (self.username, self.base_url),
                command=command,
                http_status=status,
                kind='auth',
                token=token,
            )
        if 300 <= status < 400:
            raise self._error(
                'the server answered HTTP %s redirecting to %s; redirects are not followed and nothing was re-sent: '
                'set server to the address that answers the API directly'
                % (status, response.headers.get('Location') or '(no Location)'),
                command=command,
                http_status=status,
                kind='http',
                token=token,
            )
        try:
            data = spe_api.decode_json(content)
        except ValueError:
            data = None
            if status == spe_api.HTTP_OK:
                raise self._error(
                    'the server answered with something that is not JSON',
                    command=command,
                    details=content[:500].decode('utf-8', 'replace'),
                    http_status=status,
                    kind='http',
                    token=token,
                ) from None
        if status != spe_api.HTTP_OK:
            if status == spe_api.HTTP_TOKEN_UNKNOWN and command in (spe_api.GET_STATUS, spe_api.CANCEL_ASYNC):
                message = 'token %s is unknown or expired' % token
            else:
                message = 'HTTP %s %s' % (status, response.reason or '')
            details = None
            if spe_api.is_envelope(data):
                envelope = SpeResponse.from_envelope(data)
                message = envelope.error_message or message
                details = envelope.error_details
            elif data is None:
                details = content[:500].decode('utf-8', 'replace') or None
            raise self._error(
                message.strip(), command=command, details=details, http_status=status, kind='http', token=token
            )
        return data

    def _envelope(self, command, response, token=None):
        data = self._decode(command, response, token=token)
        if not spe_api.is_envelope(data):
            raise self._error(
                'the answer is not a response envelope',
                command=command,
                details=repr(data)[:500],
                http_status=response.status,
                kind='http',
                token=token,
            )
        return SpeResponse.from_envelope(data)

    def _final(self, command, response):
        """``response`` when it succeeded; otherwise the matching SpeApiError."""
        if response.status_code == spe_api.STATUS_SUCCEEDED:
            return response
        if response.status_code == spe_api.STATUS_FAILED:
            raise self._error(
                response.error_message or 'the command failed',
                command=command,
                details=response.error_details,
                kind='failed',
                token=response.token,
            )
        if response.status_code == spe_api.STATUS_CANCELLED:
            raise self._error(
                response.error_message or 'the command was cancelled',
                command=command,
                details=response.error_details,
                kind='cancelled',
                token=response.token,
            )
        raise self._error('unexpected statusCode %r' % response.status_code, command=command, kind='failed')

    def _wait(self, command, response, wait_timeout, cancel_on_timeout, on_progress, announce=True):
        """Follow a running call with get-status until it ends or ``wait_timeout`` passes.

        The call was accepted: every error from here on carries its token, and for a write
        says ``uncertain`` unless the server itself reported the end (it may still run).
        """
        token = response.token
        deadline = time.monotonic() + max(0, wait_timeout)
        if on_progress and announce:
            on_progress(response)
        while response.running:
            remaining = deadline - time.monotonic()
            if remaining <= 0:
                self._timed_out(command, token, wait_timeout, cancel_on_timeout)
            chunk_ms = int(min(spe_api.POLL_CHUNK_MS, max(1, remaining * 1000)))
            started = time.monotonic()
            try:
                status = self.get_status(token, response.status_version, chunk_ms)
            except SpeApiError as exc:
                raise SpeApiError(
                    'while waiting (get-status): %s' % exc.message,
                    command=command,
                    details=exc.details,
                    http_status=exc.http_status,
                    kind=exc.kind,
                    token=token,
                    uncertain=not spe_api.is_read_command(command),
                ) from exc
            if status.token is None:
                status.token = token
            if status.status_version != response.status_version or status.status_code != response.status_code:
                if on_progress:
                    on_progress(status)
            elif time.monotonic() - started < chunk_ms / 2000.0:
                # a server that answers a long poll at once without news: do not spin
                time.sleep(max(0, min(spe_api.MIN_POLL_INTERVAL, deadline - time.monotonic())))
            response = status
        return response

    def _timed_out(self, command, token, wait_timeout, cancel_on_timeout):
        message = 'still running after %s s (token %s)' % (wait_timeout, token)
        if cancel_on_timeout:
            try:
                self.cancel(token)
            except SpeApiError as exc:
                message += '; cancel-async failed: %s' % exc.message
            else:
                message += '; cancel-async sent, the server decides if and when the call stops'
        else:
            message += '; not cancelled: it goes on in the server (cancel_on_timeout cancels it)'
        raise self._error(
            message, command=command, kind='timeout', token=token, uncertain=not spe_api.is_read_command(command)
        )
