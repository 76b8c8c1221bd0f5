# The UI: Next.js's standalone server from `nx run frontend:build` on a minimal Node runtime
# (no shell, no package manager, no compiler, no source). Build context: the repository root.
#   docker build -f infra/docker/frontend.Dockerfile -t todo-frontend:TAG .
# Offline machines pass --build-arg RUNTIME_IMAGE=$(infra/docker/scripts/build-node-base.sh).
# `nx run frontend:docker-build` passes VERSION = its tag, the Nx hash of exactly what goes in. No
# revision or build date label: an unchanged image is reused across commits, so they would lie.
# With a read-only root filesystem, mount a writable /app/apps/frontend/.next/cache (tmpfs).
ARG RUNTIME_IMAGE=gcr.io/distroless/nodejs22-debian12:nonroot
FROM ${RUNTIME_IMAGE}

ARG VERSION=0.0.0-dev
ARG SOURCE=https://github.com/todo-app/todo
LABEL org.opencontainers.image.title="todo-frontend" \
      org.opencontainers.image.description="Todo web app (Next.js)" \
      org.opencontainers.image.source="${SOURCE}" \
      org.opencontainers.image.version="${VERSION}" \
      org.opencontainers.image.licenses="MIT"

WORKDIR /app
COPY apps/frontend/.next/standalone /app

ENV NODE_ENV=production \
    HOSTNAME=0.0.0.0 \
    PORT=3000 \
    NEXT_TELEMETRY_DISABLED=1 \
    NEXT_MANUAL_SIG_HANDLE=1
USER 10001:10001
EXPOSE 3000
CMD ["/app/apps/frontend/server.js"]
