# Koe in a container: the compiled server and the built web app on Node 20, production dependencies only.
# One image for every role; compose.yaml runs it as web and worker processes on PostgreSQL and Redis.
# (Written without a Docker daemon at hand: the same steps were run by hand in a clean clone, see docs/production.md.)

FROM node:20-bookworm-slim AS build
WORKDIR /app
# better-sqlite3 downloads a prebuilt binary when one matches; these build it from source when none does.
RUN apt-get update && apt-get install -y --no-install-recommends python3 make g++ && rm -rf /var/lib/apt/lists/*
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund
COPY . .
RUN npm run build && npm prune --omit=dev --no-audit --no-fund

FROM node:20-bookworm-slim
ENV NODE_ENV=production \
    KOE_HOST=0.0.0.0 \
    PORT=3000 \
    KOE_DATA_DIR=/data
WORKDIR /app
COPY --from=build /app/package.json ./package.json
COPY --from=build /app/node_modules ./node_modules
COPY --from=build /app/dist ./dist
COPY --from=build /app/bin ./bin
RUN mkdir -p /data && chown node:node /data
USER node
VOLUME /data
EXPOSE 3000
# Liveness only: readiness (/readyz) is for the load balancer, which should stop sending traffic, not restart Koe.
HEALTHCHECK --interval=15s --timeout=3s --start-period=30s \
  CMD node -e "fetch('http://127.0.0.1:'+process.env.PORT+'/healthz').then(r=>process.exit(r.ok?0:1),()=>process.exit(1))"
# SIGTERM (docker stop) drains: allow KOE_SHUTDOWN_TIMEOUT_SECONDS (20) plus a margin with `stop_grace_period`.
ENTRYPOINT ["node", "bin/koe.mjs"]
CMD ["start"]
