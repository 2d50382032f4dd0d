#!/bin/sh
# Installs Debian's OpenLDAP server and client tools for the LDAP directory tests (issue 20) when they are missing.
# The tests start their own slapd on a free loopback port with a generated config in a temp folder; the packaged
# service is never started (and in containers, policy-rc.d keeps it from starting at install).
set -e
if [ -x /usr/sbin/slapd ] && command -v ldapadd >/dev/null 2>&1 && command -v slapadd >/dev/null 2>&1; then
  exit 0
fi
SUDO=""
if [ "$(id -u)" != "0" ]; then SUDO="sudo"; fi
$SUDO apt-get update
DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y --no-install-recommends slapd ldap-utils
