# Copyright: contributors to mailstore.spe
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)

import argparse
import os
import signal
import sys
import threading

from .quickstart import PASSWORD_VARIABLE, QuickstartError, start_background, stop_background
from .server import start
from .state import StateError


def parse_args(argv):
    p = argparse.ArgumentParser(
        prog='spe-simulator', description='Simulated MailStore SPE Management API server (HTTPS).'
    )
    p.add_argument('--bind', default='127.0.0.1', help='address to listen on (default 127.0.0.1)')
    p.add_argument('--port', type=int, help='TCP port; 0 picks a free one (default 8474, with --quickstart 0)')
    p.add_argument(
        '--quickstart',
        metavar='DIR',
        help='run in the background with state, TLS files, log, pid and env.sh (the MAILSTORE_SPE_* '
        'exports, a generated password) in DIR, on a free port unless --port is given; '
        'return once it listens (again while it runs: change nothing)',
    )
    p.add_argument('--stop', metavar='DIR', help='stop the simulator that --quickstart DIR started')
    p.add_argument('--state-file', help='JSON file holding the whole simulated state (required)')
    p.add_argument(
        '--tls-dir', help='directory for ca.pem, server.pem and server-key.pem, created when missing (required)'
    )
    p.add_argument(
        '--admin-user', default='admin', help='system administrator created/updated at start (default admin)'
    )
    p.add_argument(
        '--admin-password',
        default=os.environ.get(PASSWORD_VARIABLE),
        help='password of that system administrator (required; default: $%s)' % PASSWORD_VARIABLE,
    )
    p.add_argument(
        '--async-duration', type=float, default=0.5, help='seconds a long-running command takes (default 0.5)'
    )
    p.add_argument(
        '--instance-host',
        action='append',
        dest='instance_hosts',
        metavar='NAME',
        help='an instance host of a fresh state; repeat for several (default: one, spe-host01)',
    )
    p.add_argument(
        '--operation-retention',
        type=float,
        default=600.0,
        help="seconds a finished operation's token stays valid (default 600)",
    )
    p.add_argument('--verbose', action='store_true', help='log requests and connection errors to stderr')
    args = p.parse_args(argv)
    if args.quickstart and args.stop:
        p.error('--quickstart and --stop exclude each other')
    if (args.quickstart or args.stop) and (args.state_file or args.tls_dir):
        p.error('--quickstart and --stop keep the state and TLS files in DIR: no --state-file or --tls-dir')
    if not (args.quickstart or args.stop):
        missing = [name for name in ('state_file', 'tls_dir', 'admin_password') if getattr(args, name) is None]
        if missing:
            p.error('the following arguments are required: %s' % ', '.join('--' + m.replace('_', '-') for m in missing))
    return args


def server_args(args):
    """The options of a --quickstart simulator that the user chose; DIR decides the rest."""
    chosen = ['--bind', args.bind, '--port', str(args.port or 0), '--async-duration', str(args.async_duration)]
    chosen += ['--operation-retention', str(args.operation_retention)]
    for host in args.instance_hosts or []:
        chosen += ['--instance-host', host]
    return chosen + (['--verbose'] if args.verbose else [])


def background(args):
    try:
        if args.stop:
            sys.stdout.write(stop_background(args.stop))
        else:
            sys.stdout.write(start_background(args.quickstart, server_args(args), args.admin_user))
    except (QuickstartError, OSError) as e:
        sys.stderr.write('spe-simulator: %s\n' % e)
        return 1
    return 0


def main(argv=None):
    args = parse_args(sys.argv[1:] if argv is None else argv)
    if args.quickstart or args.stop:
        return background(args)
    try:
        sim = start(
            args.bind,
            8474 if args.port is None else args.port,
            args.state_file,
            args.tls_dir,
            args.admin_user,
            args.admin_password,
            async_duration=args.async_duration,
            instance_hosts=args.instance_hosts or ['spe-host01'],
            operation_retention=args.operation_retention,
            verbose=args.verbose,
        )
    except (StateError, OSError) as e:
        sys.stderr.write('spe-simulator: %s\n' % e)
        return 1
    stop = threading.Event()

    def on_signal(signum, frame):  # pylint: disable=unused-argument
        stop.set()

    signal.signal(signal.SIGTERM, on_signal)
    signal.signal(signal.SIGINT, on_signal)
    sys.stdout.write('spe-simulator listening on %s\n' % sim.url)
    sys.stdout.flush()
    while not stop.wait(1.0):
        pass
    sim.stop()
    return 0


if __name__ == '__main__':
    sys.exit(main())
