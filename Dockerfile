# Privacy Desk, production image. Build: `docker build -t privacy-desk .`; run: see the README's
# "Going live" (environment, volume, several instances). No Docker daemon runs on our machines, so
# tests/deploy/dockerfile.test.ts carries out these same steps in a clean copy of the build context
# (tests/support/dockerfile.ts) and runs the image's command and health check as its user.

# Production dependencies only; better-sqlite3 compiles here when no prebuilt binary is at hand.
FROM node:22-bookworm-slim AS deps
RUN apt-get update && apt-get install -y --no-install-recommends python3 make g++ && rm -rf /var/lib/apt/lists/*
WORKDIR /app
ENV CHECKPOINT_DISABLE=1
COPY package.json package-lock.json ./
RUN npm ci --omit=dev --no-audit --no-fund

# The build adds the dev dependencies on top (the compiled addon is kept), generates both Prisma
# clients and builds the app.
FROM deps AS build
COPY . .
RUN npm install --include=dev --no-save --no-audit --no-fund
RUN node scripts/setup.mjs --clients-only
RUN npm run build

FROM node:22-bookworm-slim AS runtime
WORKDIR /app
ENV NODE_ENV=production CHECKPOINT_DISABLE=1 PORT=3000 DATABASE_URL=file:/data/privacy-desk.sqlite
COPY --from=deps /app/node_modules ./node_modules
COPY --from=build /app/build ./build
COPY --from=build /app/prisma ./prisma
COPY --from=build /app/package.json /app/server.mjs /app/prisma.config.ts ./
COPY --from=build /app/app/db.target.ts /app/app/db.pg-pool.ts ./app/
COPY --from=build /app/scripts/setup.mjs /app/scripts/gen-pg-schema.mjs ./scripts/
# SQLite lives on the volume; with PostgreSQL (several instances) set DATABASE_URL=postgres://…
RUN mkdir -p /data && chown node:node /data
VOLUME /data
USER node
EXPOSE 3000
HEALTHCHECK --interval=30s --timeout=5s CMD ["node", "-e", "fetch(`http://127.0.0.1:${process.env.PORT}/healthz`).then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))"]
# Migrations at start (every instance may run them: Prisma takes a lock), then the server.
CMD ["sh", "-c", "node scripts/setup.mjs --migrations-only && exec node server.mjs"]
