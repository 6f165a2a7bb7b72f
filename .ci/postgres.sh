# shellcheck shell=bash
# Starts PostgreSQL on 127.0.0.1 for the sink tests and exports GAZETTE_PG_URL.
#
# Meant to be sourced (". .ci/postgres.sh") as root by .ci/run on a Debian machine: it installs
# the Debian postgresql package if no server is installed, starts the packaged cluster (or
# creates one), and creates a login role and an empty database owned by it. It is idempotent
# and returns in well under a second when everything is already up. It works under the
# caller's `set -euo pipefail` and changes no shell option.
#
# Returns non-zero (so .ci/run stops) when, as root, it cannot provide a server. Not root and
# no server reachable: it says so and returns 0 without exporting GAZETTE_PG_URL; .ci/run then
# stops, and the PostgreSQL tests (`#[ignore]`d, run by `cargo test -- --ignored`) fail saying
# that GAZETTE_PG_URL is not set.
#
# Variables (all optional): GAZETTE_PG_PORT (5432), GAZETTE_PG_DB (gazette_test),
# GAZETTE_PG_USER (gazette), GAZETTE_PG_PASSWORD (gazette). The role's password is fixed and
# public: this is a throwaway server listening on loopback only.

gazette_pg_start() {
    local port=${GAZETTE_PG_PORT:-5432}
    local db=${GAZETTE_PG_DB:-gazette_test}
    local user=${GAZETTE_PG_USER:-gazette}
    local password=${GAZETTE_PG_PASSWORD:-gazette}
    local url="postgres://${user}:${password}@127.0.0.1:${port}/${db}"

    # Already running with our role and database: nothing to do.
    if command -v psql >/dev/null 2>&1 &&
        PGCONNECT_TIMEOUT=3 psql "$url" -qtAc 'SELECT 1' >/dev/null 2>&1; then
        export GAZETTE_PG_URL="$url"
        return 0
    fi

    if [ "$(id -u)" != 0 ]; then
        echo "postgres.sh: not root, so not installing or starting PostgreSQL;" \
            "start one yourself and export GAZETTE_PG_URL=postgres://user:password@host/db" >&2
        return 0
    fi

    if ! compgen -G '/usr/lib/postgresql/*/bin/postgres' >/dev/null ||
        ! command -v pg_lsclusters >/dev/null 2>&1; then
        echo "postgres.sh: installing PostgreSQL from the Debian packages" >&2
        # Debian's package scripts start the server unless told not to; we start it below.
        DEBIAN_FRONTEND=noninteractive apt-get update -qq &&
            DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql >/dev/null ||
            { echo "postgres.sh: apt-get install postgresql failed" >&2; return 1; }
    fi

    # The first cluster on our port, else any cluster, else a new one.
    local version name cport status
    read -r version name cport status _ < <(
        pg_lsclusters --no-header | awk -v p="$port" '$3 == p' | head -n 1
    )
    if [ -z "${version:-}" ]; then
        version=$(basename "$(compgen -G '/usr/lib/postgresql/*' | sort -V | tail -n 1)")
        name=gazette
        echo "postgres.sh: creating PostgreSQL $version cluster '$name' on port $port" >&2
        pg_createcluster --port "$port" "$version" "$name" >/dev/null ||
            { echo "postgres.sh: pg_createcluster failed" >&2; return 1; }
        status=down
    fi
    if [ "$status" != online ]; then
        pg_ctlcluster "$version" "$name" start ||
            { echo "postgres.sh: could not start cluster $version/$name" \
                "(see /var/log/postgresql/postgresql-$version-$name.log)" >&2; return 1; }
    fi

    # Role and database, created once. The Debian cluster's pg_hba.conf already accepts
    # password logins (scram-sha-256) from 127.0.0.1.
    local as_postgres=(runuser -u postgres -- psql -p "$port" -qtA -v ON_ERROR_STOP=1)
    if [ "$("${as_postgres[@]}" -c "SELECT 1 FROM pg_roles WHERE rolname = '$user'")" != 1 ]; then
        "${as_postgres[@]}" -c "CREATE ROLE \"$user\" LOGIN PASSWORD '$password'" >/dev/null ||
            return 1
    fi
    if [ "$("${as_postgres[@]}" -c "SELECT 1 FROM pg_database WHERE datname = '$db'")" != 1 ]; then
        "${as_postgres[@]}" -c "CREATE DATABASE \"$db\" OWNER \"$user\"" >/dev/null || return 1
    fi

    if ! PGCONNECT_TIMEOUT=10 psql "$url" -qtAc 'SELECT 1' >/dev/null; then
        echo "postgres.sh: PostgreSQL is up but $user cannot log in to $db on 127.0.0.1:$port" >&2
        return 1
    fi
    export GAZETTE_PG_URL="$url"
    echo "postgres.sh: PostgreSQL $version ready; GAZETTE_PG_URL=${url/:${password}@/:***@}" >&2
}

# Called as an `if` condition, so that a caller's `set -e` does not end the shell on the
# first failing command inside: the function reports failure by its status instead.
if gazette_pg_start; then gazette_pg_status=0; else gazette_pg_status=$?; fi
unset -f gazette_pg_start
# shellcheck disable=SC2317 # return works when sourced; exit when run as a script
return "$gazette_pg_status" 2>/dev/null || exit "$gazette_pg_status"
