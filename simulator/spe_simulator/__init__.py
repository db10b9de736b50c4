# Copyright: contributors to mailstore.spe
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
#
# spe-simulator: a simulated MailStore SPE Management API server. See docs/simulator.md.

__version__ = '1.0.0'
