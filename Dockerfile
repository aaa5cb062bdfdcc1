# Signaalmonitor Wmo — het dashboard in een container (`make image`).
# De database en de pseudonimiseringssleutel staan op volumes, nooit in het image:
#   docker run -p 8501:8501 -v sm-data:/data -v sm-sleutel:/sleutel signaalmonitor-wmo
# Gegevens laden en berekenen gaat met dezelfde image:
#   docker run -v sm-data:/data -v sm-sleutel:/sleutel -v "$PWD/export:/bron:ro" \
#       signaalmonitor-wmo sh -c 'signaalmonitor ingest /bron && signaalmonitor run'
FROM python:3.11-slim AS bouw
WORKDIR /bouw
COPY pyproject.toml constraints.txt README.md ./
COPY pipelines pipelines
COPY dashboard dashboard
COPY sql sql
COPY data/reference data/reference
RUN pip wheel --no-cache-dir --no-deps --wheel-dir /wielen . \
 && pip wheel --no-cache-dir --wheel-dir /wielen -c constraints.txt /wielen/signaalmonitor_wmo-*.whl

FROM python:3.11-slim
ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    SIGNAALMONITOR_DB=/data/signaalmonitor.duckdb \
    SIGNAALMONITOR_PSEUDO_KEY_FILE=/sleutel/pseudoniemsleutel
COPY --from=bouw /wielen /wielen
RUN pip install --no-cache-dir --no-index --find-links /wielen signaalmonitor-wmo \
 && rm -rf /wielen \
 && useradd --create-home --uid 10001 signaalmonitor \
 && install -d -o signaalmonitor -m 0700 /data /sleutel
USER signaalmonitor
WORKDIR /data
VOLUME ["/data", "/sleutel"]
EXPOSE 8501
# In a container the dashboard must listen beyond loopback; publish the port only behind a
# proxy with login (see README).
CMD ["signaalmonitor", "dashboard", "--adres", "0.0.0.0", "--port", "8501"]
