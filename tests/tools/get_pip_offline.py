# Copyright: contributors to mailstore.spe
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Stand-in for pypa's get-pip.py, for machines that cannot reach the host ansible-test
downloads it from. ansible-test runs it inside a fresh virtual environment with get-pip's
arguments (``pip==X`` plus pip options, ``--no-setuptools``, ``--no-wheel``): pip comes from
the interpreter's bundled ``ensurepip``, then pip installs what was asked from the configured
package index."""

import ensurepip
import os
import subprocess
import sys

GET_PIP_ONLY_FLAGS = ('--no-setuptools', '--no-wheel')


def main():
    ensurepip.bootstrap(upgrade=True)
    # ensurepip points pip at /dev/null for its own run; the real install must see this
    # machine's pip configuration (index, certificates) again.
    os.environ.pop('PIP_CONFIG_FILE', None)
    args = [arg for arg in sys.argv[1:] if arg not in GET_PIP_ONLY_FLAGS]
    sys.exit(subprocess.call([sys.executable, '-m', 'pip', 'install'] + args))


if __name__ == '__main__':
    main()
