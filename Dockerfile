# The API image for docker-compose.yml. Neo4j runs in its own official container.
FROM python:3.11-slim
WORKDIR /app
COPY pyproject.toml README.md ./
COPY gridwork ./gridwork
COPY graph ./graph
COPY schema ./schema
COPY loaders ./loaders
COPY seeds ./seeds
RUN pip install --no-cache-dir . && useradd --system gridwork
USER gridwork
EXPOSE 8000
CMD ["gridwork", "serve", "--host", "0.0.0.0", "--port", "8000"]
