# Copyright: contributors to mailstore.spe
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""The action plugin of every module of the collection.

``meta/runtime.yml`` redirects each module's action here (``plugin_routing: action: <name>: redirect``);
it carries spe_command's name because ansible-test wants an action plugin to have a module of
its name. It runs the task's module in-process (``plugin_utils/in_process.py``).
"""

from __future__ import annotations

from ansible_collections.mailstore.spe.plugins.plugin_utils.in_process import InProcessAction


class ActionModule(InProcessAction):
    pass
