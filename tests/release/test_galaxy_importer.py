# Copyright: contributors to mailstore.spe
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""The built tarball passes galaxy-importer, the import check of Galaxy and Automation Hub,
with the certification settings of galaxy-importer.cfg next to this file, without a warning."""

from __future__ import annotations

import os
import sys

from _release import run

CONFIG = os.path.join(os.path.dirname(os.path.abspath(__file__)), 'galaxy-importer.cfg')


def test_galaxy_importer_accepts_the_tarball_without_warnings(tarball, tmp_path):
    done = run(
        sys.executable,
        '-m',
        'galaxy_importer.main',
        str(tarball),
        env={'GALAXY_IMPORTER_CONFIG': CONFIG},
        cwd=tmp_path,
    )
    output = (done.stdout + done.stderr).splitlines()
    assert 'Importer processing completed successfully' in output
    complaints = [line for line in output if 'WARNING' in line or 'ERROR' in line]
    assert complaints == [], '\n'.join(complaints)
