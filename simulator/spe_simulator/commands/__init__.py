# Copyright: contributors to mailstore.spe
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
#
# One module per domain; importing them registers every command in registry.COMMANDS.

from . import admins, config, hosts, instances, jobs, profiles, smtp, stores, system, users

MODULES = (admins, config, hosts, instances, jobs, profiles, smtp, stores, system, users)
