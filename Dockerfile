# Coalition Board as a container image: the client and the server bundle built in a first stage,
# then only what runs (production dependencies, dist/, dist-server/) on Node 24, as a non-root user.
#
#   docker build -t coalition-board .            (or: podman build --format docker …)
#   docker run -d -p 127.0.0.1:8080:8080 -v coalition-data:/data coalition-board
#
# compose.yaml does the same with a named volume, and adds PostgreSQL 16 under the `postgres`
# profile. The README's « Container » section says what was verified and how.

ARG NODE_IMAGE=node:24-slim

FROM ${NODE_IMAGE} AS build
WORKDIR /app
# Dependencies first: this layer is reused as long as the lockfile does not change.
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund
COPY . .
RUN npm run build \
 && npm prune --omit=dev --no-audit --no-fund

FROM ${NODE_IMAGE}
ENV NODE_ENV=production \
    HOST=0.0.0.0 \
    PORT=8080 \
    DATA_DIR=/data \
    NPM_CONFIG_UPDATE_NOTIFIER=false
WORKDIR /app
# Owned by root: the server (user `node`) can read its code but not change it.
COPY --from=build /app/package.json /app/package-lock.json /app/LICENSE ./
COPY --from=build /app/node_modules ./node_modules
COPY --from=build /app/dist ./dist
COPY --from=build /app/dist-server ./dist-server
# For `npm run backup` inside the container (it runs server/cli/backup.ts through tsx).
COPY --from=build /app/scripts/with-node.sh ./scripts/with-node.sh
COPY --from=build /app/server ./server
COPY --from=build /app/shared ./shared
RUN mkdir -p /data && chown node:node /data
USER node
# The SQLite database (coalition.db and its -wal/-shm files); unused with DATABASE_URL.
VOLUME ["/data"]
EXPOSE 8080
# No curl in the slim image: Node's own fetch. 127.0.0.1 is the container itself.
HEALTHCHECK --interval=30s --timeout=5s --start-period=20s --retries=3 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:' + (process.env.PORT || 8080) + '/api/health').then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))"]
# node is PID 1 and handles SIGTERM itself (no shell, no npm in between): sockets closed with
# 4503, every board saved, exit 0, or a forced exit after 10 s — give `docker stop` more than
# that (compose.yaml: stop_grace_period 20s).
STOPSIGNAL SIGTERM
CMD ["node", "--enable-source-maps", "dist-server/main.mjs"]
