# The worker and the HTTP API share one image; the command picks the role.
# Built in two stages: the first compiles the release (npm run build: dist/ and
# the prebuilt workflow bundle), the second holds only it and the production
# dependencies, and runs it with plain node.
FROM node:22-bookworm-slim AS build
WORKDIR /app
COPY package.json package-lock.json .npmrc ./
COPY scripts ./scripts
# The Temporal binaries are not needed in a container: the cluster provides the server.
RUN TEMPORAL_CLI_PATH=/bin/true TEMPORAL_TEST_SERVER_PATH=/bin/true npm ci --no-audit --no-fund
COPY tsconfig.json tsconfig.build.json ./
COPY src ./src
COPY workflows ./workflows
COPY activities ./activities
COPY workers ./workers
RUN npm run build && npm prune --omit=dev --no-audit --no-fund

FROM node:22-bookworm-slim
WORKDIR /app
ENV NODE_ENV=production
COPY --from=build /app/package.json /app/package-lock.json ./
COPY --from=build /app/node_modules ./node_modules
COPY --from=build /app/dist ./dist
COPY bin ./bin
COPY scripts/build.js scripts/node-version.js scripts/run.js ./scripts/
USER node
# The compiled worker; `node bin/mandate.js` is the CLI, `node scripts/run.js api` the API.
CMD ["node", "scripts/run.js", "worker"]
