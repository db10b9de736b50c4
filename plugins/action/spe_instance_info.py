# Copyright: contributors to mailstore.spe
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
from __future__ import absolute_import, division, print_function

__metaclass__ = type

from ansible_collections.mailstore.spe.plugins.module_utils.info import INSTANCE_INFO
from ansible_collections.mailstore.spe.plugins.plugin_utils.in_process import InProcessAction


class ActionModule(InProcessAction):
    MODULE = INSTANCE_INFO
