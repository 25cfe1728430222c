#!/usr/bin/env bash
# System packages the full test suite needs on a fresh Debian 12 machine: Chromium for Playwright,
# redis-server for the Redis-backed cache test,
# PostgreSQL 15 with pgvector for the real-Postgres run (pgvector built from Debian's own source
# package; bookworm has none, so its source comes from trixie's deb-src). Skips what is there.
set -euo pipefail

apt_install() {
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "$@" >/dev/null
}
need_update=1
apt_update_once() {
  if [ "$need_update" = 1 ]; then apt-get update -qq; need_update=0; fi
}

if [ "$(id -u)" != 0 ]; then
  echo "ensure-system: not root; assuming chromium, postgresql-15 and pgvector are installed" >&2
  exit 0
fi

if [ ! -x /usr/bin/chromium ]; then
  apt_update_once
  echo "› installing chromium"
  apt_install chromium fonts-dejavu-core
fi

if [ ! -x /usr/bin/redis-server ]; then
  apt_update_once
  echo "› installing redis-server"
  apt_install redis-server
fi

if [ ! -x /usr/lib/postgresql/15/bin/postgres ]; then
  apt_update_once
  echo "› installing postgresql-15"
  apt_install postgresql-15 postgresql-contrib
fi

if [ ! -f /usr/share/postgresql/15/extension/vector.control ]; then
  if [ ! -f /etc/apt/sources.list.d/waypoint-src.sources ]; then
    cat >/etc/apt/sources.list.d/waypoint-src.sources <<'SOURCES'
Types: deb-src
URIs: http://deb.debian.org/debian
Suites: trixie
Components: main
Signed-By: /usr/share/keyrings/debian-archive-keyring.gpg
SOURCES
    need_update=1
  fi
  apt_update_once
  echo "› building pgvector from Debian's source package"
  apt_install postgresql-server-dev-15 dpkg-dev build-essential
  work=$(mktemp -d)
  (cd "$work" && apt-get source -qq pgvector >/dev/null 2>&1)
  src=$(find "$work" -maxdepth 1 -mindepth 1 -type d -name 'pgvector-*' | head -1)
  make -s -C "$src" PG_CONFIG=/usr/lib/postgresql/15/bin/pg_config OPTFLAGS="" >/dev/null
  make -s -C "$src" PG_CONFIG=/usr/lib/postgresql/15/bin/pg_config install >/dev/null
  rm -rf "$work"
fi
