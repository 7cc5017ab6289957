# syntax=docker/dockerfile:1
# Staykeep in a container: the same steps as a checkout (`npm ci`, `npm run
# build`, `staykeep migrate`, `staykeep serve`), so what `.ci/run` tests is what
# the image runs. Build: docker build -t staykeep . (docs/operations.md).

# The Node.js release the project pins (package.json: devDependencies.node).
ARG NODE_IMAGE=node:24.21.0-bookworm-slim

FROM ${NODE_IMAGE} AS build
WORKDIR /app
# Manifests first, so a change of code does not reinstall the dependencies.
COPY package.json package-lock.json ./
COPY server/package.json server/
COPY web/package.json web/
COPY bench/package.json bench/
COPY docs/package.json docs/
RUN npm ci --no-audit --no-fund
COPY . .
# The web app is built once here; the server is TypeScript run by Node's type
# stripping, so it needs no build. Then the development tools go.
RUN npm run build && npm prune --omit=dev --no-audit --no-fund

FROM ${NODE_IMAGE}
ENV NODE_ENV=production \
    HOST=0.0.0.0 \
    PORT=3000 \
    DATA_DIR=/data \
    LOG_FORMAT=json
WORKDIR /app
COPY --from=build /app/package.json /app/package-lock.json ./
COPY --from=build /app/node_modules ./node_modules
COPY --from=build /app/server ./server
COPY --from=build /app/web/package.json ./web/package.json
COPY --from=build /app/web/dist ./web/dist
# The official image's unprivileged user owns the data folder and nothing else.
RUN mkdir /data && chown node:node /data
USER node
VOLUME /data
EXPOSE 3000
# Healthy = ready: the database answers and is fully migrated.
HEALTHCHECK --interval=10s --timeout=3s --start-period=30s --retries=3 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:'+(process.env.PORT||3000)+'/ready').then(r=>process.exit(r.ok?0:1),()=>process.exit(1))"]
ENTRYPOINT ["node", "server/bin/staykeep.js"]
CMD ["serve"]
