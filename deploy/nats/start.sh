#!/bin/sh
# Starts nats-server on deploy/nats/nats.conf, after checking that every user of auth.conf has a
# password: nats-server would accept an empty one (an unset one stops it, an empty one not).
# Arguments go to nats-server (docker-compose.yml: -sd /data -m 8222).
set -eu
for user in GATEWAY IDENTIFY DOCUMENT ASSESS CERTIFY STATISTICS ADMIN; do
  eval "password=\${NATS_${user}_PASSWORD:-}"
  if [ "${#password}" -lt 16 ]; then
    echo "NATS_${user}_PASSWORD: must be set, at least 16 characters (deploy/README.md, credentials)" >&2
    exit 78
  fi
done
exec nats-server -c "$(dirname "$0")/nats.conf" "$@"
