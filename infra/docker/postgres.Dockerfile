# PostgreSQL from Debian's packages, started like the official postgres image (POSTGRES_USER,
# POSTGRES_PASSWORD, POSTGRES_DB, PGDATA; any UID). For clusters that cannot pull: the project's
# own cluster (todo-local) preloads it and infra/helm/todo/ci/todo-local-values.yaml uses it.
# Everywhere else the chart uses the official image.
#   docker build -f infra/docker/postgres.Dockerfile --build-arg BASE_IMAGE=todo-debian-base:bookworm infra/docker/postgres
ARG BASE_IMAGE=debian:bookworm-slim
FROM ${BASE_IMAGE}
ARG PG_MAJOR=15
# No cluster at install time: the entrypoint creates one in PGDATA on first start.
RUN mkdir -p /etc/postgresql-common/createcluster.d \
 && echo 'create_main_cluster = false' >/etc/postgresql-common/createcluster.d/no-main-cluster.conf \
 && apt-get update \
 && DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends \
      "postgresql-${PG_MAJOR}" libnss-wrapper \
 && apt-get clean \
 && rm -rf /var/lib/apt/lists/* /usr/share/doc /usr/share/man /usr/share/locale \
 # The LLVM JIT (130 MB) does not pay off for a small app database; the entrypoint sets jit=off.
 && rm -rf "/usr/lib/postgresql/${PG_MAJOR}/lib/bitcode" "/usr/lib/postgresql/${PG_MAJOR}/lib/llvmjit"* \
      /usr/lib/x86_64-linux-gnu/libLLVM-*.so* \
 && mkdir -p /var/run/postgresql /var/lib/postgresql/data \
 && chown -R postgres:postgres /var/run/postgresql /var/lib/postgresql \
 && chmod 3777 /var/run/postgresql
ENV PG_MAJOR=${PG_MAJOR} \
    PATH=/usr/lib/postgresql/${PG_MAJOR}/bin:/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin \
    PGDATA=/var/lib/postgresql/data
COPY --chmod=0755 docker-entrypoint.sh /usr/local/bin/docker-entrypoint.sh
USER postgres
EXPOSE 5432
STOPSIGNAL SIGINT
ENTRYPOINT ["docker-entrypoint.sh"]
CMD ["postgres"]
