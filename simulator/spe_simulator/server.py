# Copyright: contributors to mailstore.spe
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
#
# The HTTPS front end: routing, Basic authentication, the response envelope, dispatch into
# the command table, long-running operations and the /_simulator/ test hooks.

import base64
import copy
import json
import re
import socket
import sys
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qsl

from .commands import MODULES, admins, config, stores, users
from .hooks import Faults, Stats
from .operations import LongRunning, Operations
from .passwords import VerificationCache
from .registry import COMMANDS, INSTANCE, ApiError, Command, arg, convert_args, metadata, opt
from .state import ALL, StateStore, host_names
from .tls import ensure_certificates, server_context

BOM = b'\xef\xbb\xbf'
REALM = 'MailStore SPE Management API'  # S1
IDLE_TIMEOUT = 75  # S45: seconds an idle keep-alive connection is kept open (at least 60)
MAX_BODY = 16 * 1024 * 1024
MAX_POLL_MS = 120000

GET_STATUS = Command(
    'get-status',
    None,
    'system',
    [arg('token'), opt('lastKnownStatusVersion', 'number'), opt('millisecondsTimeout', 'number')],
    True,
    False,
    False,
    False,
)
CANCEL_ASYNC = Command('cancel-async', None, 'system', [arg('token')], False, False, False, False)

# Test hooks that change the simulated world (S49, S50, S51): path -> change(state, body) -> answer.
STATE_HOOKS = {
    '/_simulator/mfa': admins.mfa_hook,
    '/_simulator/directory': config.directory_hook,
    '/_simulator/store-condition': stores.store_condition_hook,
    '/_simulator/folder': users.folder_hook,
}


def envelope(result=None, error=None, code='succeeded'):
    # S5: a synchronous answer has statusVersion 2, no token and no progress.
    return {
        'error': error,
        'token': None,
        'statusVersion': 2,
        'statusCode': code,
        'percentProgress': None,
        'statusText': None,
        'result': result,
        'logOutput': None,
    }


def failed(message, details=None):
    return envelope(error={'message': message, 'details': details}, code='failed')


AUTH_FAILED = 'Authentication required: send valid HTTP Basic credentials of a system administrator.'
AUTH_HEADERS = {'WWW-Authenticate': 'Basic realm="%s"' % REALM}  # S1


def _fault_answer(fault):
    """The answer a fault puts in place of the real one (S42)."""
    kind = fault['kind']
    if kind == 'drop':
        return 'drop', None
    if kind == 'http_401':
        return 401, failed(AUTH_FAILED)  # exactly as for bad credentials; the handler adds WWW-Authenticate
    return (500 if kind == 'http_500' else 200), failed(fault['message'])


class Context:
    """What a handler sees: the state, the calling administrator and the simulator.

    It also notes what the command may change (S44), which is what its commit compares: an
    INSTANCE command reaches the system part only through `state`, so one that never asked for
    it cannot have changed it; a SYSTEM command registered with reports_changes names the
    instances it changes with touch()."""

    def __init__(self, sim, user):
        self.sim = sim
        self.user = user
        self.used_state = False
        self.touched = set()

    @property
    def state(self):
        self.used_state = True
        return self.sim.store.data

    def touch(self, instance_id):
        """Call before creating, changing or deleting an instance in a SYSTEM command."""
        self.touched.add(instance_id)


def _changes(cmd, kwargs, ctx):
    """(touched, system) for the commit or rollback of a command: see Context."""
    if cmd.scope == INSTANCE:
        return kwargs['instanceID'], ctx.used_state
    if cmd.reports_changes:
        return ctx.touched, True
    return ALL, True


class Simulator:
    def __init__(self, store, ops, admin_user, instance_host, verbose=False):
        self.store = store
        self.ops = ops
        self.admin_user = admin_user
        self.instance_host = instance_host
        self.verbose = verbose
        self.stats = Stats()
        self.faults = Faults()
        self.cache = VerificationCache()

    # -- authentication (S8) ---------------------------------------------------------
    def authenticate(self, header):
        if not header or not header.startswith('Basic '):
            return None
        try:
            user, _sep, password = base64.b64decode(header[6:].strip(), validate=True).decode('utf-8').partition(':')
        except (ValueError, UnicodeDecodeError):
            return None
        with self.store.lock:
            admin = next(
                (a for a in self.store.data['system_administrators'] if a['userName'].lower() == user.lower()), None
            )
            if admin is None:
                return None
            name, pw_hash, api_hash, mfa = (
                admin['userName'],
                admin['passwordHash'],
                admin['apiPasswordHash'],
                admin['mfaStatus'],
            )
        if api_hash and self.cache.verify(name, password, api_hash):
            return name
        if mfa == 'disabled' and self.cache.verify(name, password, pw_hash):
            return name
        return None

    # -- command dispatch --------------------------------------------------------------
    def invoke(self, name, pairs, user):
        """Returns (http_status, body) or ("drop", None)."""
        cmd = COMMANDS.get(name)
        if cmd is None:
            return 404, failed("Unknown API command '%s'." % name)  # S2
        # S41: counted once the table knows it, whatever happens next; a dry run (dryRun=true) changes nothing
        self.stats.count(name, cmd.read or ('dryRun', 'true') in pairs)
        return self._with_fault(name, lambda: self._run(cmd, name, pairs, user))

    def _run(self, cmd, name, pairs, user):
        try:
            kwargs = convert_args(cmd, pairs)
        except ApiError as e:
            return 200, failed(e.message, e.details)
        ctx = Context(self, user)
        try:
            with self.store.lock:
                inst = self._scope(cmd, kwargs)
                call = {a.pyname: kwargs[a.name] for a in cmd.args if a.name in kwargs and a.name != 'instanceID'}
                # S44: an INSTANCE command changes its own instance (and maybe the system part)
                # only; a SYSTEM command may change any instance (see _changes).
                try:
                    result = cmd.handler(ctx, inst, **call) if cmd.scope == INSTANCE else cmd.handler(ctx, **call)
                    if cmd.read:
                        result = copy.deepcopy(result)  # S10: the snapshot; serialisation happens outside the lock
                    else:
                        touched, system = _changes(cmd, kwargs, ctx)
                        self.store.commit(touched, system=system)
                except Exception:
                    if not cmd.read:
                        touched, system = _changes(cmd, kwargs, ctx)
                        self.store.rollback(touched, system=system)
                    raise
        except ApiError as e:
            return e.http_status, failed(e.message, e.details)
        except Exception as e:  # pylint: disable=broad-except
            return 500, failed('Internal simulator error in %s: %r' % (name, e))  # S48
        if isinstance(result, LongRunning):
            return 200, self.ops.start(name, result, self._completer(ctx, result))
        return 200, envelope(result)

    def _scope(self, cmd, kwargs):
        if cmd.scope != INSTANCE:
            return None
        instance_id = kwargs['instanceID']
        inst = self.store.data['instances'].get(instance_id)
        if inst is None:
            raise ApiError("Instance '%s' does not exist." % instance_id)
        # S19: a frozen instance counts as not running.
        if cmd.needs_running and inst['status'] != 'running':
            raise ApiError("Instance '%s' is not running (status: %s)." % (instance_id, inst['status']))
        if cmd.needs_sp_access and not inst['archiveAdminEnabled']:
            raise ApiError(
                "Service provider access is disabled for instance '%s'." % instance_id,
                'Enable it with SetArchiveAdminEnabled (instanceID=%s, enabled=true).' % instance_id,
            )
        return inst

    def _completer(self, ctx, spec):
        touched = spec.instance_id if spec.instance_id is not None else ALL

        def system():
            return touched is ALL or ctx.used_state

        def complete(op, cancelled):
            with self.store.lock:
                ctx.used_state = False  # what this step uses; the handler's part is committed
                try:
                    inst = None
                    if spec.instance_id is not None:
                        inst = self.store.data['instances'].get(spec.instance_id)
                        # S46: the instance must still be there and running when the work completes.
                        if inst is None:
                            raise ApiError(
                                "Instance '%s' was deleted while %s was running." % (spec.instance_id, op.command)
                            )
                        if inst['status'] != 'running':
                            raise ApiError(
                                "Instance '%s' is no longer running (status: %s)." % (spec.instance_id, inst['status'])
                            )
                    if cancelled:
                        if spec.on_cancel is not None:
                            spec.on_cancel(ctx, inst)
                        result = None
                    else:
                        result = spec.finish(ctx, inst) if spec.finish is not None else None
                    self.store.commit(touched, system=system())
                    return copy.deepcopy(result)
                except ApiError:
                    self.store.rollback(touched, system=system())
                    if cancelled:
                        return None
                    raise
                except Exception as e:
                    self.store.rollback(touched, system=system())
                    raise ApiError('Internal simulator error: %r' % e) from None

        return complete

    def _with_fault(self, name, run):
        """run() -> (status, body) answers the call; a pending fault for `name` changes that (S42).

        phase `before`: the fault stands in for the call, which does not run (a `delay` waits, then
        runs it). phase `after`: the call runs and commits, then the fault replaces its answer (a
        `delay` waits, then sends the real answer), so a client sees an error for a change that was
        made."""
        fault = self.faults.take(name)
        if fault is None:
            return run()
        if fault['phase'] == 'after':
            answer = run()
            if fault['kind'] == 'delay':
                time.sleep(fault['delay_ms'] / 1000.0)
                return answer
            return _fault_answer(fault)
        if fault['kind'] == 'delay':
            time.sleep(fault['delay_ms'] / 1000.0)
            return run()
        return _fault_answer(fault)

    def change_state(self, change, spec):
        """A state-changing test hook: all or nothing, persisted like a write command (S11, S44)."""
        with self.store.lock:
            try:
                result = change(self.store.data, spec)
                self.store.commit(ALL)
            except Exception:
                self.store.rollback(ALL)
                raise
            return copy.deepcopy(result)

    def get_status(self, pairs):
        self.stats.count('get-status', True)
        return self._with_fault('get-status', lambda: self._get_status(pairs))

    def _get_status(self, pairs):
        try:
            kwargs = convert_args(GET_STATUS, pairs)
        except ApiError as e:
            return 200, failed(e.message)
        timeout = min(max(int(kwargs.get('millisecondsTimeout', 0)), 0), MAX_POLL_MS)
        env = self.ops.get_status(kwargs['token'], int(kwargs.get('lastKnownStatusVersion', 0)), timeout)
        if env is None:
            return 404, failed("Unknown or expired token '%s'." % kwargs['token'])  # S3
        return 200, env

    def cancel_async(self, pairs):
        self.stats.count('cancel-async', False)
        return self._with_fault('cancel-async', lambda: self._cancel_async(pairs))

    def _cancel_async(self, pairs):
        try:
            kwargs = convert_args(CANCEL_ASYNC, pairs)
        except ApiError as e:
            return 200, failed(e.message)
        if not self.ops.cancel(kwargs['token']):
            return 404, failed("Unknown or expired token '%s'." % kwargs['token'])
        return 200, envelope(None)  # S4

    def get_metadata(self):
        self.stats.count('get-metadata', True)
        return self._with_fault('get-metadata', lambda: (200, metadata()))


class Handler(BaseHTTPRequestHandler):
    protocol_version = 'HTTP/1.1'
    server_version = 'spe-simulator'
    sys_version = ''
    timeout = IDLE_TIMEOUT

    def log_message(self, format, *args):  # pylint: disable=redefined-builtin
        if self.server.sim.verbose:
            sys.stderr.write('%s - %s\n' % (self.address_string(), format % args))

    def do_POST(self):
        self._handle('POST')

    def do_GET(self):
        self._handle('GET')

    def do_DELETE(self):
        self._handle('DELETE')

    def do_PUT(self):
        self._handle('PUT')

    def _send(self, status, obj, headers=None):
        body = BOM + json.dumps(obj, ensure_ascii=False).encode('utf-8')
        self.send_response(status)
        self.send_header('Content-Type', 'application/json; charset=utf-8')
        self.send_header('Content-Length', str(len(body)))
        self.send_header('Cache-Control', 'no-cache, no-store')
        self.send_header('Pragma', 'no-cache')
        for key, value in (headers or {}).items():
            self.send_header(key, value)
        self.end_headers()
        self.wfile.write(body)
        self.wfile.flush()

    def _drop(self):
        self.close_connection = True
        try:
            self.connection.shutdown(socket.SHUT_RDWR)
        except OSError:
            pass

    def _read_body(self, method):
        length = self.headers.get('Content-Length')
        if length is None:
            if method in ('POST', 'PUT') or self.headers.get('Transfer-Encoding'):
                # S6: like the real server, a body without Content-Length is refused.
                self.close_connection = True
                self._send(411, failed('Content-Length is required.'))
                return None
            return b''
        try:
            n = int(length)
        except ValueError:
            n = -1
        if n < 0 or n > MAX_BODY:
            self.close_connection = True
            self._send(413 if n > MAX_BODY else 400, failed('Bad Content-Length.'))
            return None
        return self.rfile.read(n) if n else b''

    def _handle(self, method):
        sim = self.server.sim
        path = re.sub(r'/{2,}', '/', self.path.split('?', 1)[0])
        if len(path) > 1:
            path = path.rstrip('/')
        body = self._read_body(method)
        if body is None:
            return
        user = sim.authenticate(self.headers.get('Authorization'))
        if user is None:
            self._send(401, failed(AUTH_FAILED), AUTH_HEADERS)
            return
        if path.startswith('/_simulator/'):
            self._hooks(method, path, body, user)
            return
        if not path.startswith('/api/'):
            self._send(404, failed('Not found: %s' % path))
            return
        if method != 'POST':
            self._send(405, failed('Use POST for %s.' % path), {'Allow': 'POST'})
            return
        try:
            pairs = parse_qsl(body.decode('utf-8'), keep_blank_values=True)
        except UnicodeDecodeError:
            self._send(200, failed('The request body is not valid UTF-8.'))
            return
        if path.startswith('/api/invoke/'):
            status, obj = sim.invoke(path[len('/api/invoke/') :], pairs, user)
        elif path == '/api/get-status':
            status, obj = sim.get_status(pairs)
        elif path == '/api/cancel-async':
            status, obj = sim.cancel_async(pairs)
        elif path == '/api/get-metadata':
            status, obj = sim.get_metadata()
        else:
            status, obj = 404, failed('Not found: %s' % path)
        if status == 'drop':
            self._drop()
            return
        self._send(status, obj, AUTH_HEADERS if status == 401 else None)

    def _hooks(self, method, path, body, user):
        sim = self.server.sim
        if user.lower() != sim.admin_user.lower():  # S41: only the CLI administrator
            self._send(403, {'error': "The test hooks are for the simulator's administrator only."})
            return
        if path == '/_simulator/stats' and method == 'GET':
            self._send(200, sim.stats.snapshot())
        elif path == '/_simulator/stats/reset' and method == 'POST':
            sim.stats.reset()
            self._send(200, sim.stats.snapshot())
        elif path == '/_simulator/faults' and method == 'GET':
            self._send(200, {'faults': sim.faults.list()})
        elif path == '/_simulator/faults' and method == 'DELETE':
            sim.faults.clear()
            self._send(200, {'faults': []})
        elif path in STATE_HOOKS and method == 'POST':
            self._state_hook(STATE_HOOKS[path], body)
        elif path == '/_simulator/async-duration' and method == 'POST':
            self._async_duration(body)
        elif path == '/_simulator/faults' and method == 'POST':
            try:
                spec = json.loads(body.decode('utf-8-sig') or 'null')
            except ValueError as e:
                self._send(400, {'error': 'The body is not valid JSON: %s' % e})
                return
            try:
                for item in spec if isinstance(spec, list) else [spec]:
                    sim.faults.add(item)
            except ApiError as e:
                self._send(400, {'error': e.message})
                return
            self._send(200, {'faults': sim.faults.list()})
        else:
            self._send(404, {'error': 'Unknown test hook %s %s.' % (method, path)})

    def _async_duration(self, body):
        """S52: how long long-running operations started from now on take (a test that cancels one needs time)."""
        try:
            spec = json.loads(body.decode('utf-8-sig') or 'null')
        except ValueError as e:
            self._send(400, {'error': 'The body is not valid JSON: %s' % e})
            return
        seconds = spec.get('seconds') if isinstance(spec, dict) else None
        if isinstance(seconds, bool) or not isinstance(seconds, (int, float)) or not 0 < seconds <= 600:
            self._send(400, {'error': 'The body must be {"seconds": a number above 0, at most 600}.'})
            return
        self.server.sim.ops.duration = float(seconds)
        self._send(200, {'seconds': float(seconds)})

    def _state_hook(self, change, body):
        try:
            spec = json.loads(body.decode('utf-8-sig') or 'null')
        except ValueError as e:
            self._send(400, {'error': 'The body is not valid JSON: %s' % e})
            return
        try:
            result = self.server.sim.change_state(change, spec)
        except ApiError as e:
            self._send(400, {'error': e.message})
            return
        self._send(200, result)


class _HTTPServer(ThreadingHTTPServer):
    daemon_threads = True
    block_on_close = False
    allow_reuse_address = True

    def __init__(self, address, handler, ssl_context, sim):
        if ':' in address[0]:
            self.address_family = socket.AF_INET6
        self.ssl_context = ssl_context
        self.sim = sim
        self.connections = set()
        self.connections_lock = threading.Lock()
        super().__init__(address, handler)

    def get_request(self):
        sock, addr = self.socket.accept()
        # Small answers written as headers + body must not wait for delayed ACKs (Nagle).
        sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
        # The TLS handshake happens in the connection's own thread, not in the accept loop.
        return self.ssl_context.wrap_socket(sock, server_side=True, do_handshake_on_connect=False), addr

    def process_request(self, request, client_address):
        with self.connections_lock:
            self.connections.add(request)
        super().process_request(request, client_address)

    def shutdown_request(self, request):
        with self.connections_lock:
            self.connections.discard(request)
        super().shutdown_request(request)

    def handle_error(self, request, client_address):
        if self.sim.verbose:
            super().handle_error(request, client_address)


class RunningSimulator:
    def __init__(self, httpd, sim, ca_path, bind):
        self._httpd = httpd
        self.sim = sim
        self.ca_path = ca_path
        self.port = httpd.server_address[1]
        host = '127.0.0.1' if bind in ('', '0.0.0.0') else ('[%s]' % bind if ':' in bind else bind)
        self.url = 'https://%s:%d' % (host, self.port)
        self._thread = threading.Thread(
            target=httpd.serve_forever, kwargs={'poll_interval': 0.05}, name='spe-simulator', daemon=True
        )
        self._thread.start()

    @property
    def state(self):
        return self.sim.store.data

    def stop(self):
        self._httpd.shutdown()
        self._httpd.server_close()
        with self._httpd.connections_lock:
            open_connections = list(self._httpd.connections)
        for conn in open_connections:
            try:
                conn.shutdown(socket.SHUT_RDWR)
            except OSError:
                pass
        self._thread.join(5)


def start(
    bind,
    port,
    state_file,
    tls_dir,
    admin_user,
    admin_password,
    async_duration=0.5,
    instance_host='spe-host01',
    operation_retention=600.0,
    verbose=False,
    instance_hosts=None,
):
    """instance_hosts: the names of the instance hosts of a fresh state (a list); when it is not
    given, the single instance_host. The first one also names the management server (S40)."""
    if not MODULES:
        raise RuntimeError('no command modules loaded')
    hosts = host_names(instance_hosts if instance_hosts else instance_host)
    ca_path, cert_path, key_path = ensure_certificates(tls_dir, extra_ips=[bind])
    store = StateStore(state_file, hosts, admin_user, admin_password)
    sim = Simulator(store, Operations(async_duration, operation_retention), admin_user, hosts[0], verbose)
    httpd = _HTTPServer((bind, port), Handler, server_context(cert_path, key_path), sim)
    return RunningSimulator(httpd, sim, ca_path, bind)
