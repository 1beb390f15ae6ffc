# Balanse: one image for every app. APP selects which one runs:
#   gateway | identify | document | assess | certify | statistics   (distributed mode)
#   embedded                                                        (all-in-one, PGlite under BALANSE_DATA_DIR)
#
#   docker build -t balanse:local .
#   docker run --rm -e APP=embedded -p 3000:3000 -v balanse-data:/data balanse:local
#
# Behind a TLS-intercepting proxy, hand npm the proxy's CA certificate (public, PEM); it is used
# by the install stages only and does not reach the runtime image:
#   docker build --build-arg EXTRA_CA_CERT="$(cat /path/to/proxy-ca.crt)" -t balanse:local .
#
# Plain Dockerfile syntax (no BuildKit-only features), so the classic builder works too.
ARG NODE_IMAGE=node:20-bookworm-slim

# ---- deps: every dependency, for the build ---------------------------------------------------
FROM ${NODE_IMAGE} AS deps
WORKDIR /app
ENV npm_config_update_notifier=false npm_config_fund=false npm_config_audit=false
COPY package.json package-lock.json ./
ARG EXTRA_CA_CERT=""
# Install scripts stay off, as package.json "allowScripts" has them; the lockfile is the truth.
RUN if [ -n "$EXTRA_CA_CERT" ]; then printf '%s\n' "$EXTRA_CA_CERT" > /tmp/extra-ca.pem; \
      export NODE_EXTRA_CA_CERTS=/tmp/extra-ca.pem; fi \
 && npm ci --ignore-scripts \
 && rm -f /tmp/extra-ca.pem

# ---- build: swc compiles apps/, libs/ and tools/ into dist/ ------------------------------------
FROM deps AS build
COPY nx.json tsconfig.base.json tsconfig.json ./
COPY tools ./tools
COPY libs ./libs
COPY apps ./apps
RUN npm run build \
 && test -f dist/apps/gateway/main.js \
 && test -f dist/apps/embedded/main.js

# ---- prod-deps: runtime dependencies only ------------------------------------------------------
FROM ${NODE_IMAGE} AS prod-deps
WORKDIR /app
ENV npm_config_update_notifier=false npm_config_fund=false npm_config_audit=false
COPY package.json package-lock.json ./
ARG EXTRA_CA_CERT=""
RUN if [ -n "$EXTRA_CA_CERT" ]; then printf '%s\n' "$EXTRA_CA_CERT" > /tmp/extra-ca.pem; \
      export NODE_EXTRA_CA_CERTS=/tmp/extra-ca.pem; fi \
 && npm ci --omit=dev --ignore-scripts \
 && npm cache clean --force \
 && rm -f /tmp/extra-ca.pem

# ---- runtime -----------------------------------------------------------------------------------
FROM ${NODE_IMAGE} AS runtime
ARG APP=gateway
# HOST: the embedded app listens on 127.0.0.1 unless told otherwise; in a container it must
# listen on every interface (the distributed apps always do).
ENV NODE_ENV=production \
    NODE_OPTIONS=--enable-source-maps \
    APP=${APP} \
    HOST=0.0.0.0 \
    PORT=3000 \
    BALANSE_DATA_DIR=/data
WORKDIR /app
# Code and dependencies stay owned by root: the app user can read them, not change them.
COPY --from=prod-deps /app/node_modules ./node_modules
COPY --from=build /app/dist ./dist
COPY package.json ./
# /data: the embedded app's PGlite files (mount a volume there); unused by the distributed apps.
RUN mkdir -p /data && chown 1000:1000 /data
# uid/gid 1000 is the 'node' user of the node images; numeric so Kubernetes can check runAsNonRoot.
USER 1000:1000
EXPOSE 3000
HEALTHCHECK --interval=15s --timeout=10s --start-period=60s --retries=3 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:'+(process.env.PORT||3000)+'/health').then(r=>process.exit(r.ok?0:1),()=>process.exit(1))"]
# exec: node becomes PID 1 and gets SIGTERM directly (the apps stop cleanly on it).
CMD ["sh", "-c", "exec node dist/apps/${APP}/main.js"]
