#!/bin/sh
# Prints a fresh password for every user of auth.conf, as lines for .env (docker-compose) or
# for `kubectl create secret generic balanse-nats --from-env-file=…`:
#   deploy/nats/new-credentials.sh >> .env
# Each starts with a letter: the nats-server config parser reads a value such as "12345" as a
# number and refuses it.
set -eu
for user in GATEWAY IDENTIFY DOCUMENT ASSESS CERTIFY STATISTICS ADMIN; do
  echo "NATS_${user}_PASSWORD=p$(openssl rand -hex 24)"
done
