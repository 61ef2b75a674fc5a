#!/usr/bin/env bash
# A throw-away Tiny Tiny RSS on 127.0.0.1, for trying account sync (issue 16) and for the tests.
#
#   scripts/ttrss-server.sh start [--dir DIR] [--owner-pid PID]   prints the url (user admin, password "password")
#   scripts/ttrss-server.sh status [--dir DIR]                     prints the url while it runs, else exits 1
#   scripts/ttrss-server.sh stop [--dir DIR]                       stops it and removes DIR
#
# Uses the Debian packages (tt-rss, php-cli, php-pgsql, postgresql 15; see .ci/run) and
# changes nothing outside DIR (default ${TMPDIR:-/tmp}/blogroll-ttrss): a private PostgreSQL
# cluster listening on 127.0.0.1 only, its socket inside DIR, run as the `postgres` user when
# started as root (PostgreSQL refuses root); a copy of /usr/share/tt-rss/www whose config.php
# is written here, because the package's config.php is a link to /etc/tt-rss/config.php and
# api/index.php includes "../config.php" relative to its own directory (two runs never share
# /etc); `php -S` serving that copy. Ports are free ones picked at start.
# --owner-pid PID: a watcher stops everything when PID ends (a test run killed hard leaves
# nothing running). DIR/env holds TTRSS_URL, PGHOST (the socket dir), PGPORT, PGUSER, PGDATABASE.
set -euo pipefail

PG_BIN=${PG_BIN:-/usr/lib/postgresql/15/bin}
TTRSS_WWW=${TTRSS_WWW:-/usr/share/tt-rss/www}
TTRSS_SCHEMA=${TTRSS_SCHEMA:-/usr/share/tt-rss/schema/ttrss_schema_pgsql.sql}

command=${1:-}
[ $# -gt 0 ] && shift
dir=${BLOGROLL_TTRSS_DIR:-${TMPDIR:-/tmp}/blogroll-ttrss}
owner_pid=
while [ $# -gt 0 ]; do
	case "$1" in
		--dir) dir=$2; shift 2 ;;
		--owner-pid) owner_pid=$2; shift 2 ;;
		*) echo "ttrss-server.sh: unknown option $1" >&2; exit 2 ;;
	esac
done

die() {
	echo "ttrss-server.sh: $*" >&2
	# A start that fails leaves nothing running: show the logs, then remove everything.
	if [ "$command" = start ] && [ -d "$dir" ]; then
		tail -n 20 "$dir"/*.log >&2 2>/dev/null || true
		stop
	fi
	exit 1
}

# Runs a PostgreSQL program as the cluster's owner: `postgres` when we are root.
as_owner() {
	if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi
}

free_port() {
	php -r '$s = stream_socket_server("tcp://127.0.0.1:0", $errno, $error) or exit(1); $name = stream_socket_get_name($s, false); echo substr($name, strrpos($name, ":") + 1);'
}

missing_packages() {
	local missing=()
	[ -x "$PG_BIN/initdb" ] || missing+=(postgresql-15)
	command -v php >/dev/null 2>&1 || missing+=(php-cli)
	[ -f "$TTRSS_SCHEMA" ] && [ -d "$TTRSS_WWW" ] || missing+=(tt-rss)
	# Not `php -m | grep -q`: grep stops early, php dies of SIGPIPE, and pipefail calls that a failure.
	if command -v php >/dev/null 2>&1 && [[ "$(php -m 2>/dev/null)" != *pdo_pgsql* ]]; then missing+=(php-pgsql); fi
	echo "${missing[*]:-}"
}

# Alive and not a zombie (a container's init may not reap what it inherits).
alive() {
	local state
	state=$(ps -o stat= -p "$1" 2>/dev/null) || return 1
	case "$state" in Z*) return 1 ;; esac
}

stop() {
	[ -d "$dir" ] || return 0
	# Only a directory this script made is emptied (a mistyped --dir must not lose a home).
	if [ ! -f "$dir/.blogroll-ttrss" ]; then
		[ -z "$(ls -A "$dir")" ] && return 0
		echo "ttrss-server.sh: $dir was not made by this script; leaving it alone" >&2
		return 1
	fi
	if [ -f "$dir/php.pid" ]; then
		local pid
		pid=$(cat "$dir/php.pid")
		# php -S runs in its own session (setsid): its process group is its pid.
		kill -TERM -- "-$pid" 2>/dev/null || kill -TERM "$pid" 2>/dev/null || true
		for _ in $(seq 50); do alive "$pid" || break; sleep 0.1; done
		kill -KILL -- "-$pid" 2>/dev/null || true
	fi
	if [ -f "$dir/pgdata/postmaster.pid" ]; then
		as_owner "$PG_BIN/pg_ctl" -D "$dir/pgdata" -m immediate -w -t 20 stop >/dev/null 2>&1 || true
	fi
	if [ -f "$dir/watcher.pid" ]; then
		local watcher
		watcher=$(cat "$dir/watcher.pid")
		[ "$watcher" != "${BASHPID:-$$}" ] && kill "$watcher" 2>/dev/null || true
	fi
	rm -rf "$dir"
}

status() {
	[ -f "$dir/env" ] && [ -f "$dir/php.pid" ] && alive "$(cat "$dir/php.pid")" || return 1
	# shellcheck disable=SC1091
	. "$dir/env"
	echo "$TTRSS_URL"
}

write_config() {
	local url=$1 pgport=$2 password=$3
	cat >"$dir/database.php" <<EOF
<?php
\$dbtype = 'pgsql';
\$dbserver = '127.0.0.1';
\$dbport = '$pgport';
\$dbuser = 'ttrss';
\$dbpass = '$password';
\$dbname = 'ttrss';
EOF
	# The settings of the package's config.php (CONFIG_VERSION 26), pointed at DIR.
	cat >"$dir/www/config.php" <<EOF
<?php
	include_once('$dir/database.php');
	define('DB_TYPE', \$dbtype);
	define('DB_HOST', \$dbserver);
	define('DB_PORT', \$dbport);
	define('DB_USER', \$dbuser);
	define('DB_NAME', \$dbname);
	define('DB_PASS', \$dbpass);
	define('MYSQL_CHARSET', 'UTF8');
	define('SELF_URL_PATH', '$url/');
	define('SINGLE_USER_MODE', false);
	define('SIMPLE_UPDATE_MODE', false);
	define('PHP_EXECUTABLE', '$(command -v php)');
	define('LOCK_DIRECTORY', '$dir/lock');
	define('CACHE_DIR', '$dir/cache');
	define('ICONS_DIR', 'feed-icons');
	define('ICONS_URL', 'feed-icons');
	define('AUTH_AUTO_CREATE', true);
	define('AUTH_AUTO_LOGIN', true);
	define('FORCE_ARTICLE_PURGE', 0);
	define('ENABLE_REGISTRATION', false);
	define('REG_NOTIFY_ADDRESS', 'user@your.domain.dom');
	define('REG_MAX_USERS', 10);
	define('SESSION_COOKIE_LIFETIME', 86400);
	define('SMTP_FROM_NAME', 'Tiny Tiny RSS');
	define('SMTP_FROM_ADDRESS', 'noreply@your.domain.dom');
	define('DIGEST_SUBJECT', '[tt-rss] New headlines for last 24 hours');
	define('CHECK_FOR_UPDATES', false);
	define('ENABLE_GZIP_OUTPUT', false);
	define('PLUGINS', 'auth_internal, note');
	define('LOG_DESTINATION', '');
	define('CONFIG_VERSION', 26);
EOF
}

start() {
	if status >/dev/null 2>&1; then status; return 0; fi
	local missing
	missing=$(missing_packages)
	[ -z "$missing" ] || die "missing packages: $missing (as root: apt-get install -y postgresql php-cli php-pgsql php-xml php-mbstring php-intl php-curl dbconfig-no-thanks tt-rss)"
	stop || exit 1
	mkdir -p "$dir"
	dir=$(cd "$dir" && pwd)
	touch "$dir/.blogroll-ttrss"
	# The cluster's owner must reach DIR (mktemp directories are 0700).
	chmod 755 "$dir"
	mkdir -p "$dir/pgdata" "$dir/pgsock" "$dir/lock" "$dir/cache/images" "$dir/cache/upload" "$dir/cache/export" "$dir/cache/feeds"
	touch "$dir/postgres.log"
	if [ "$(id -u)" = 0 ]; then chown postgres: "$dir/pgdata" "$dir/pgsock" "$dir/postgres.log"; fi
	local password pgport phpport url
	password=$(head -c 18 /dev/urandom | base64 | tr -dc 'A-Za-z0-9')
	as_owner "$PG_BIN/initdb" -D "$dir/pgdata" -U postgres --auth-local=trust --auth-host=scram-sha-256 \
		-E UTF8 --locale=C.UTF-8 >"$dir/initdb.log" 2>&1 || die "initdb failed: see $dir/initdb.log"

	# A port can be taken between the pick and the bind: try a few.
	local started=
	for _ in 1 2 3 4 5; do
		pgport=$(free_port)
		if as_owner "$PG_BIN/pg_ctl" -D "$dir/pgdata" -l "$dir/postgres.log" -w -t 30 \
			-o "-c listen_addresses=127.0.0.1 -c port=$pgport -c unix_socket_directories=$dir/pgsock -c fsync=off -c synchronous_commit=off -c full_page_writes=off" \
			start >/dev/null 2>&1; then started=1; break; fi
	done
	[ -n "$started" ] || die "PostgreSQL did not start: see $dir/postgres.log"

	local psql=("$PG_BIN/psql" -X -q -v ON_ERROR_STOP=1 -h "$dir/pgsock" -p "$pgport")
	as_owner "${psql[@]}" -U postgres -d postgres -c "CREATE ROLE ttrss LOGIN PASSWORD '$password'" -c "CREATE DATABASE ttrss OWNER ttrss ENCODING 'UTF8'" >/dev/null
	as_owner "${psql[@]}" -U ttrss -d ttrss -f "$TTRSS_SCHEMA" >"$dir/schema.log" 2>&1 || die "loading the tt-rss schema failed: see $dir/schema.log"
	# The API is off until the user's pref says otherwise (classes/api.php, API::before).
	as_owner "${psql[@]}" -U ttrss -d ttrss -c "INSERT INTO ttrss_user_prefs (owner_uid, pref_name, value) SELECT id, 'ENABLE_API_ACCESS', 'true' FROM ttrss_users WHERE login = 'admin'" >/dev/null

	cp -a "$TTRSS_WWW" "$dir/www"
	rm -f "$dir/www/config.php" "$dir/www/feed-icons"
	# The package links its libraries relatively (lib/gettext -> ../../../php/php-php-gettext):
	# point the copies at the same targets.
	local link
	while IFS= read -r -d '' link; do
		ln -sfn "$(readlink -f "$TTRSS_WWW/${link#"$dir/www/"}")" "$link"
	done < <(find "$dir/www" -type l -print0)
	mkdir -p "$dir/www/feed-icons"

	for _ in 1 2 3 4 5; do
		phpport=$(free_port)
		url="http://127.0.0.1:$phpport"
		write_config "$url" "$pgport" "$password"
		setsid php -d display_errors=0 -d log_errors=1 -d "error_log=$dir/php-errors.log" \
			-S "127.0.0.1:$phpport" -t "$dir/www" >"$dir/php.log" 2>&1 </dev/null &
		echo $! >"$dir/php.pid"
		local ready=
		for _ in $(seq 100); do
			alive "$(cat "$dir/php.pid")" || break
			if curl -fsS -m 5 -H 'content-type: application/json' -d '{"op":"getApiLevel"}' "$url/api/" 2>/dev/null | grep -q '"status":'; then ready=1; break; fi
			sleep 0.1
		done
		[ -n "$ready" ] && break
		kill -KILL -- "-$(cat "$dir/php.pid")" 2>/dev/null || true
		url=
	done
	[ -n "$url" ] || die "php -S did not start: see $dir/php.log"
	local login
	login=$(curl -fsS -m 10 -H 'content-type: application/json' -d '{"op":"login","user":"admin","password":"password"}' "$url/api/" || true)
	case "$login" in
		*'"status":0'*) ;;
		*) die "tt-rss answers but the admin login failed: $login (see $dir/php-errors.log)" ;;
	esac

	cat >"$dir/env" <<EOF
TTRSS_URL=$url
TTRSS_USER=admin
TTRSS_PASSWORD=password
PGHOST=$dir/pgsock
PGPORT=$pgport
PGUSER=ttrss
PGDATABASE=ttrss
EOF
	if [ -n "$owner_pid" ]; then
		local self
		self=$(cd "$(dirname "$0")" && pwd)/$(basename "$0")
		setsid bash -c 'while [ -d "$3" ] && ps -o stat= -p "$1" 2>/dev/null | grep -qv "^Z"; do sleep 1; done; exec "$2" stop --dir "$3"' \
			watcher "$owner_pid" "$self" "$dir" >/dev/null 2>&1 </dev/null &
		echo $! >"$dir/watcher.pid"
	fi
	echo "$url"
}

case "$command" in
	start) start ;;
	stop) stop ;;
	status) status ;;
	*) echo "usage: $0 start|stop|status [--dir DIR] [--owner-pid PID]" >&2; exit 2 ;;
esac
