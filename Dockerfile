# The worker and the HTTP API share one image; the command picks the role.
FROM node:22-bookworm-slim
WORKDIR /app
ENV NODE_ENV=production
COPY package.json package-lock.json ./
COPY scripts ./scripts
# The Temporal binaries are not needed in a container: the cluster provides the server.
RUN TEMPORAL_CLI_PATH=/bin/true TEMPORAL_TEST_SERVER_PATH=/bin/true npm ci --no-audit --no-fund
COPY . .
USER node
CMD ["npm", "run", "worker"]
