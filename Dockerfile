# integration-api: one process serving REST and gRPC on :9004, running as a non-root user.
FROM python:3.11-slim AS build
WORKDIR /src
COPY pyproject.toml setup.py README.md ./
COPY src ./src
COPY migrations ./migrations
RUN pip wheel --no-cache-dir --wheel-dir /wheels .

FROM python:3.11-slim
RUN useradd --create-home --uid 10001 integration
COPY --from=build /wheels /wheels
RUN pip install --no-cache-dir /wheels/*.whl && rm -rf /wheels
USER integration
WORKDIR /home/integration
ENV INTEGRATION_API_HOST=0.0.0.0 \
    INTEGRATION_API_PORT=9004 \
    INTEGRATION_API_DATA_DIR=/home/integration/data
EXPOSE 9004
CMD ["sh", "-c", "integration-api migrate && exec integration-api serve"]
