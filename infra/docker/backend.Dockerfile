# The API: the esbuild bundle from `nx run backend:build` on a minimal Node runtime
# (no shell, no package manager, no compiler, no source). Build context: the repository root.
#   docker build -f infra/docker/backend.Dockerfile -t todo-backend:TAG .
# Offline machines pass --build-arg RUNTIME_IMAGE=$(infra/docker/scripts/build-node-base.sh).
# `nx run backend:docker-build` passes VERSION = its tag, the Nx hash of exactly what goes in. No
# revision or build date label: an unchanged image is reused across commits, so they would lie.
ARG RUNTIME_IMAGE=gcr.io/distroless/nodejs22-debian12:nonroot
FROM ${RUNTIME_IMAGE}

ARG VERSION=0.0.0-dev
ARG SOURCE=https://github.com/todo-app/todo
LABEL org.opencontainers.image.title="todo-backend" \
      org.opencontainers.image.description="Todo API (Fastify)" \
      org.opencontainers.image.source="${SOURCE}" \
      org.opencontainers.image.version="${VERSION}" \
      org.opencontainers.image.licenses="MIT"

WORKDIR /app
# Owned by root and read-only to the app user: the process cannot change its own code.
COPY dist/apps/backend/main.js /app/main.js
COPY dist/apps/backend/migrations /app/migrations

# V8's old-generation cap, stated rather than left to Node's guess from the container's memory
# limit (a 259 MiB heap for any limit up to 512Mi), so the chart's limit is sized against a known
# cap. Lower caps cost the list more CPU in garbage collection; the live heap is ~15 MiB
# (specs/benchmarks.md). The benchmark runs the API with these options.
ENV NODE_OPTIONS="--max-old-space-size=256"
ENV NODE_ENV=production \
    HOST=0.0.0.0 \
    PORT=3000 \
    METRICS_PORT=9464
USER 10001:10001
# The API, and Prometheus metrics on a port of their own.
EXPOSE 3000 9464
# The base image's entrypoint is node; as PID 1 it drains and exits 0 on SIGTERM.
CMD ["/app/main.js", "serve"]
