# Copyright: contributors to mailstore.spe
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Make this checkout importable as ``ansible_collections.mailstore.spe`` and the simulator
importable as ``spe_simulator``, whatever folder the repository was cloned into."""

from __future__ import annotations

import hashlib
import os
import sys
import tempfile

REPO = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def _collection_root():
    root = os.path.join(
        tempfile.gettempdir(), 'mailstore-spe-pytest-%d' % os.getuid(), hashlib.sha256(REPO.encode()).hexdigest()[:12]
    )
    link = os.path.join(root, 'ansible_collections', 'mailstore', 'spe')
    if os.path.realpath(link) != REPO:
        os.makedirs(os.path.dirname(link), exist_ok=True)
        tmp_link = '%s.%d' % (link, os.getpid())
        os.symlink(REPO, tmp_link)
        os.replace(tmp_link, link)
    return root


sys.path.insert(0, _collection_root())
sys.path.insert(0, os.path.join(REPO, 'simulator'))
