# Copyright: contributors to mailstore.spe
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)

import argparse
import signal
import sys
import threading

from .server import start
from .state import StateError


def parse_args(argv):
    p = argparse.ArgumentParser(
        prog='spe-simulator', description='Simulated MailStore SPE Management API server (HTTPS).'
    )
    p.add_argument('--bind', default='127.0.0.1', help='address to listen on (default 127.0.0.1)')
    p.add_argument('--port', type=int, default=8474, help='TCP port; 0 picks a free one (default 8474)')
    p.add_argument('--state-file', required=True, help='JSON file holding the whole simulated state')
    p.add_argument(
        '--tls-dir', required=True, help='directory for ca.pem, server.pem and server-key.pem (created when missing)'
    )
    p.add_argument(
        '--admin-user', default='admin', help='system administrator created/updated at start (default admin)'
    )
    p.add_argument('--admin-password', required=True, help='password of that system administrator')
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
    return p.parse_args(argv)


def main(argv=None):
    args = parse_args(sys.argv[1:] if argv is None else argv)
    try:
        sim = start(
            args.bind,
            args.port,
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
