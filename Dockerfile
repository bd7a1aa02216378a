# syntax=docker/dockerfile:1
# Build stage: install production dependencies from the lock file.
FROM node:24-bookworm-slim AS deps
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --omit=dev --no-audit --no-fund

# Runtime: Node 24 runs the TypeScript sources directly (type stripping); no build step, non-root.
FROM node:24-bookworm-slim
ENV NODE_ENV=production
WORKDIR /app
COPY --from=deps /app/node_modules ./node_modules
COPY package.json ./
COPY src ./src
COPY adapters ./adapters
COPY ui ./ui
USER node
EXPOSE 3000 9464
HEALTHCHECK --interval=10s --timeout=5s --start-period=20s --retries=6 \
  CMD node -e "const e=process.env,p=e.JALON_ROLE==='worker'?(e.JALON_METRICS_PORT||9464):(e.PORT||3000);fetch('http://127.0.0.1:'+p+'/health').then(r=>process.exit(r.ok?0:1),()=>process.exit(1))"
# The V8 heap limits measured by the soak (docs/RELIABILITY.md): a 16 MB young generation instead of
# up to 128 MB, and an old-generation cap that keeps V8's heap growing factor near 1.4 (not 4).
CMD ["node", "--max-semi-space-size=8", "--max-old-space-size=512", "src/main.ts"]
