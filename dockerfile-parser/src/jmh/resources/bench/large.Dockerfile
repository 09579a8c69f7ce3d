# syntax=docker/dockerfile:1.7
# check=skip=FromPlatformFlagConstDisallowed

ARG GO_VERSION=1.22.5
ARG DEBIAN_VERSION=bookworm
ARG NODE_VERSION=20.15.1
ARG PYTHON_VERSION=3.12
ARG ALPINE_VERSION=3.20
ARG XX_VERSION=1.4.0
ARG PROTOC_VERSION=27.2
ARG GOLANGCI_LINT_VERSION=v1.59.1

# cross-compilation helpers
FROM --platform=$BUILDPLATFORM tonistiigi/xx:${XX_VERSION} AS xx

FROM --platform=$BUILDPLATFORM golang:${GO_VERSION}-${DEBIAN_VERSION} AS golang-base
COPY --from=xx / /
ENV GO111MODULE=on \
    CGO_ENABLED=0 \
    GOFLAGS=-mod=readonly \
    GOPROXY=https://proxy.golang.org,direct
ARG TARGETPLATFORM
ARG BUILDPLATFORM
RUN --mount=type=cache,target=/var/cache/apt,sharing=locked \
    --mount=type=cache,target=/var/lib/apt,sharing=locked \
    apt-get update && apt-get install -y --no-install-recommends \
        bash \
        build-essential \
        ca-certificates \
        curl \
        git \
        jq \
        libseccomp-dev \
        pkg-config \
        unzip \
        xz-utils \
    && rm -rf /var/lib/apt/lists/*
RUN xx-apt-get install -y --no-install-recommends gcc libc6-dev libseccomp-dev
WORKDIR /go/src/github.com/example/platform

FROM golang-base AS protoc
ARG PROTOC_VERSION
ARG TARGETOS
ARG TARGETARCH
RUN <<EOT
  set -e
  arch=$(echo "$TARGETARCH" | sed -e s/amd64/x86_64/ -e s/arm64/aarch_64/)
  curl -fsSL "https://github.com/protocolbuffers/protobuf/releases/download/v${PROTOC_VERSION}/protoc-${PROTOC_VERSION}-${TARGETOS}-${arch}.zip" -o /tmp/protoc.zip
  unzip -q /tmp/protoc.zip -d /opt/protoc
  rm /tmp/protoc.zip
EOT

FROM golang-base AS gomod
COPY --link go.mod go.sum ./
COPY --link tools/go.mod tools/go.sum ./tools/
RUN --mount=type=cache,target=/go/pkg/mod \
    --mount=type=cache,target=/root/.cache/go-build \
    go mod download -x && (cd tools && go mod download)

FROM gomod AS tools
RUN --mount=type=cache,target=/go/pkg/mod \
    --mount=type=cache,target=/root/.cache/go-build \
    --mount=type=bind,source=tools,target=/go/src/github.com/example/platform/tools \
    cd tools && go install \
        github.com/golang/protobuf/protoc-gen-go \
        github.com/gogo/protobuf/protoc-gen-gogofaster \
        golang.org/x/tools/cmd/goimports \
        gotest.tools/gotestsum

FROM gomod AS golangci-lint
ARG GOLANGCI_LINT_VERSION
RUN --mount=type=cache,target=/go/pkg/mod \
    --mount=type=cache,target=/root/.cache/go-build \
    GOBIN=/usr/local/bin go install "github.com/golangci/golangci-lint/cmd/golangci-lint@${GOLANGCI_LINT_VERSION}"

FROM gomod AS generated
COPY --from=protoc /opt/protoc /usr/local
COPY --from=tools /go/bin/ /usr/local/bin/
COPY --link api ./api
RUN --mount=type=cache,target=/root/.cache/go-build <<EOT
  set -ex
  find api -name '*.proto' | while read -r f; do
    protoc -I=api -I=/usr/local/include --gogofaster_out=plugins=grpc:api "$f"
  done
  goimports -w api
EOT

FROM gomod AS source
COPY --link . .
COPY --link --from=generated /go/src/github.com/example/platform/api ./api

FROM source AS build-server
ARG TARGETPLATFORM
ARG VERSION=dev
ARG REVISION
ARG LDFLAGS="-s -w"
ENV CGO_ENABLED=1
RUN --mount=type=cache,target=/go/pkg/mod \
    --mount=type=cache,target=/root/.cache/go-build,id=gobuild-$TARGETPLATFORM \
    --mount=type=secret,id=netrc,target=/root/.netrc,required=false \
    xx-go build -trimpath \
        -ldflags "${LDFLAGS} -X main.version=${VERSION} -X main.revision=${REVISION}" \
        -o /out/server ./cmd/server \
    && xx-verify /out/server

FROM source AS build-cli
ARG TARGETPLATFORM
ARG VERSION=dev
RUN --mount=type=cache,target=/go/pkg/mod \
    --mount=type=cache,target=/root/.cache/go-build,id=gobuild-$TARGETPLATFORM \
    xx-go build -trimpath -ldflags "-s -w -X main.version=${VERSION}" -o /out/platformctl ./cmd/platformctl \
    && xx-verify /out/platformctl

FROM source AS lint
COPY --from=golangci-lint /usr/local/bin/golangci-lint /usr/local/bin/
RUN --mount=type=cache,target=/go/pkg/mod \
    --mount=type=cache,target=/root/.cache/go-build \
    --mount=type=cache,target=/root/.cache/golangci-lint \
    golangci-lint run --timeout 10m ./...

FROM source AS unit-test
COPY --from=tools /go/bin/gotestsum /usr/local/bin/
ARG TEST_FLAGS="-race -count=1"
ARG GOTESTSUM_FORMAT=standard-verbose
RUN --mount=type=cache,target=/go/pkg/mod \
    --mount=type=cache,target=/root/.cache/go-build \
    --mount=type=tmpfs,target=/tmp,size=512m \
    CGO_ENABLED=1 gotestsum --format="${GOTESTSUM_FORMAT}" --junitfile /out/junit.xml -- ${TEST_FLAGS} ./... \
    || (echo "unit tests failed" && exit 1)

# ---------------------------------------------------------------------------
# web front-end
# ---------------------------------------------------------------------------
FROM --platform=$BUILDPLATFORM node:${NODE_VERSION}-alpine AS web-deps
WORKDIR /web
COPY --link web/package.json web/package-lock.json ./
RUN --mount=type=cache,target=/root/.npm,sharing=locked \
    --mount=type=secret,id=npmrc,target=/root/.npmrc \
    npm ci --no-audit --no-fund

FROM web-deps AS web-build
COPY --link web/ ./
ARG VERSION=dev
ENV NODE_ENV=production \
    VITE_APP_VERSION=${VERSION}
RUN npm run build && npm run test -- --run

FROM web-deps AS web-lint
COPY --link web/ ./
RUN npm run lint && npm run typecheck

# ---------------------------------------------------------------------------
# python worker
# ---------------------------------------------------------------------------
FROM python:${PYTHON_VERSION}-slim-${DEBIAN_VERSION} AS worker-base
ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    PIP_NO_CACHE_DIR=1 \
    PIP_DISABLE_PIP_VERSION_CHECK=1
RUN --mount=type=cache,target=/var/cache/apt,sharing=locked \
    apt-get update && apt-get install -y --no-install-recommends libpq5 tini \
    && rm -rf /var/lib/apt/lists/*
RUN groupadd --system --gid 10001 worker \
    && useradd --system --uid 10001 --gid worker --home-dir /srv/worker --create-home worker
WORKDIR /srv/worker

FROM worker-base AS worker-deps
RUN --mount=type=cache,target=/var/cache/apt,sharing=locked \
    apt-get update && apt-get install -y --no-install-recommends build-essential libpq-dev
COPY --link worker/requirements.txt worker/requirements-dev.txt ./
RUN --mount=type=cache,target=/root/.cache/pip \
    python -m venv /opt/venv \
    && /opt/venv/bin/pip install -r requirements.txt

FROM worker-deps AS worker-test
RUN --mount=type=cache,target=/root/.cache/pip /opt/venv/bin/pip install -r requirements-dev.txt
COPY --link worker/ ./
RUN /opt/venv/bin/python -m pytest -q --maxfail=1 tests/

FROM worker-base AS worker
COPY --link --from=worker-deps /opt/venv /opt/venv
COPY --link --chown=worker:worker worker/src/ ./src/
COPY <<-EOF /srv/worker/gunicorn.conf.py
	bind = "0.0.0.0:8081"
	workers = 4
	worker_class = "uvicorn.workers.UvicornWorker"
	timeout = 60
	EOF
ENV PATH=/opt/venv/bin:$PATH
USER worker:worker
EXPOSE 8081/tcp
HEALTHCHECK --interval=30s --timeout=5s --start-period=20s --retries=3 \
    CMD ["python", "-c", "import urllib.request; urllib.request.urlopen('http://127.0.0.1:8081/healthz')"]
ENTRYPOINT ["tini", "--"]
CMD ["gunicorn", "-c", "gunicorn.conf.py", "src.app:app"]

# ---------------------------------------------------------------------------
# release images
# ---------------------------------------------------------------------------
FROM alpine:${ALPINE_VERSION} AS runtime-base
RUN apk add --no-cache ca-certificates tzdata tini \
    && addgroup -S -g 10001 app \
    && adduser -S -u 10001 -G app -h /var/lib/app app
COPY <<EOF /etc/app/defaults.yaml
listen: ":8080"
log:
  level: info
  format: json
storage:
  path: /var/lib/app/data
EOF

FROM runtime-base AS server
ARG VERSION=dev
ARG REVISION
LABEL org.opencontainers.image.title="platform-server" \
      org.opencontainers.image.version="${VERSION}" \
      org.opencontainers.image.revision="${REVISION}" \
      org.opencontainers.image.source="https://example.com/platform" \
      org.opencontainers.image.licenses="Apache-2.0"
COPY --link --from=build-server /out/server /usr/local/bin/server
COPY --link --from=web-build /web/dist /usr/share/app/web
VOLUME ["/var/lib/app/data"]
WORKDIR /var/lib/app
USER app:app
EXPOSE 8080 9090
STOPSIGNAL SIGTERM
HEALTHCHECK --interval=15s --timeout=3s CMD ["/usr/local/bin/server", "healthcheck"]
ENTRYPOINT ["/sbin/tini", "--", "/usr/local/bin/server"]
CMD ["--config", "/etc/app/defaults.yaml"]

FROM runtime-base AS cli
COPY --link --from=build-cli /out/platformctl /usr/local/bin/platformctl
USER app
ENTRYPOINT ["/usr/local/bin/platformctl"]

FROM scratch AS binaries
COPY --from=build-server /out/server /
COPY --from=build-cli /out/platformctl /

FROM scratch AS test-results
COPY --from=unit-test /out/junit.xml /

FROM server AS debug
USER root
RUN apk add --no-cache curl strace busybox-extras
ONBUILD COPY --chown=app:app config/ /etc/app/
ONBUILD RUN /usr/local/bin/server validate --config /etc/app/defaults.yaml
USER app

FROM server AS release
